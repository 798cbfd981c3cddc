#!/bin/bash
# --speed below the plan (20/10 Mbit/s against 30/40): download warning (under 0.8 of the plan), upload critical (under 0.4); a long queue shows as bufferbloat.
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

# --slow-ratio moves the line: 0.3 of 30 Mbit/s is met.
speed_shape 20 10
run "${LC[@]}" --speed="$SPEED_URL" --plan 30 --slow-ratio 0.3 --speed-time 4s
assert_rc 0 "--slow-ratio 0.3"
assert_eq "speed.down $SPEED_URL ok streams=4 server=203.0.113.80 plan=30
speed.up $SPEED_URL info streams=4 server=203.0.113.80
speed.latency $SPEED_URL ok method=tcp_connect" "$(speed_norm)" "no upload plan: info"
