#!/bin/bash
# --speed below the plan (20/10 Mbit/s against 30/40): download warning (under 0.8 of the plan), upload critical (under 0.4); a long queue shows as bufferbloat, its depth in the loaded latency.
. "$BBT_TOP/tests/lib.sh"
. "$BBT_TOP/tests/lab/linecheck/lab.sh"
. "$BBT_TOP/tests/lab/linecheck/speed.sh"
lab_need
speed_need
lab_up
speed_up
speed_shape 20 10 400
run "${LC[@]}" --speed="$SPEED_URL" --plan 30/40 --speed-time 6s
assert_rc 2 "plan missed"
assert_eq "speed.down $SPEED_URL warning streams=4 server=203.0.113.80 plan=30
speed.up $SPEED_URL critical streams=4 server=203.0.113.80 plan=40
speed.latency $SPEED_URL warning method=tcp_connect" "$(speed_norm)" "speed records"
speed_between speed.down 12 21
speed_between speed.up 5 10.5
assert_match 'bloat_ms=[0-9.]+' "$out" "bufferbloat named"
# The loaded latency is the queue's: four greedy uploads fill 400 ms of
# queue and hold it for a second (measured 414-424 ms; the probes sent
# one after the other read 170-315 ms), a download's BBR startup fills
# it past a third (295 ms). Physics, not timing: the queue sets them.
lat=$(printf '%s\n' "$out" | awk -F'\t' '$2 == "speed.latency" { print $7 }')
awk -v d="$lat" 'BEGIN {
	n = split(d, kv, " ")
	for (i = 1; i <= n; i++) { split(kv[i], p, "="); v[p[1]] = p[2] }
	exit !(v["up_ms"] >= 350 && v["down_ms"] >= 130 &&
	    v["up_ms"] >= 3 * v["idle_ms"] && v["down_ms"] >= 3 * v["idle_ms"])
}' || fail "loaded latency behind a 400 ms queue: $lat"

# --slow-ratio moves the line: 0.3 of 30 Mbit/s is met.
speed_shape 20 10
run "${LC[@]}" --speed="$SPEED_URL" --plan 30 --slow-ratio 0.3 --speed-time 4s
assert_rc 0 "--slow-ratio 0.3"
assert_eq "speed.down $SPEED_URL ok streams=4 server=203.0.113.80 plan=30
speed.up $SPEED_URL info streams=4 server=203.0.113.80
speed.latency $SPEED_URL ok method=tcp_connect" "$(speed_norm)" "no upload plan: info"
