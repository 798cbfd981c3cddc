#!/bin/bash
# --watch stopped by SIGTERM during a gateway loss burst: the burst so far (end=watch) and the summary (interrupted=yes) are written, exit 2.
. "$BBT_TOP/tests/lib.sh"
. "$BBT_TOP/tests/lab/linecheck/lab.sh"
lab_need
lab_up
"${LC[@]}" --watch 1h --interval 100ms >"$T/out" 2>"$T/err" &
pid=$!
wait_for 10 grep -q 'watch.start' "$T/out" || fail "no watch.start: $(cat "$T/err")"
ipt -t raw -I PREROUTING -i br0 -p icmp --icmp-type echo-request -j DROP
sleep 2
kill -TERM "$pid"
wait "$pid"
rc=$?
out=$(cat "$T/out") err=$(cat "$T/err")
assert_rc 2 "SIGTERM after a burst of lost requests"
assert_eq "" "$err" "stderr"
assert_eq "watch.start eth0 info - duration_s=3600 interval_ms=100 gateway=192.168.77.1 carrier=up
watch.gateway 192.168.77.1 critical end=watch
watch.summary eth0 critical 1 flaps=0 addr_changes=0 route_changes=0 gw_bursts=1 error_bursts=0 dns_bursts=0 interrupted=yes link=up" \
    "$(printf '%s\n' "$out" | awk -F'\t' '$1 == "check" { d = ""
	n = split($7, kv, " ")
	for (i = 1; i <= n; i++) if (kv[i] ~ /^(duration_s|interval_ms|gateway|carrier|end|flaps|addr_changes|route_changes|gw_bursts|error_bursts|dns_bursts|interrupted|link)=/) d = d " " kv[i]
	v = $2 == "watch.gateway" ? "" : " " $5
	print $2, $3, $4 v d }')" "the records"
# The burst runs from its first lost request to the signal: about 2 s
# less the reply timeout's share of the first request, at most 2 s plus
# the time to stop.
g=$(printf '%s\n' "$out" | awk -F'\t' '$2 == "watch.gateway" { print $5 }')
awk -v v="$g" 'BEGIN { exit !(v >= 1.0 && v <= 4) }' || fail "burst of $g s, 2 s injected"
