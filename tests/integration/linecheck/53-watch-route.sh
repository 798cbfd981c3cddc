#!/bin/bash
# --watch: the IPv4 default route removed and given back with another gateway, the IPv6 one removed: one watch.route each, pings follow the new gateway without a loss burst; exit 2.
. "$BBT_TOP/tests/lib.sh"
. "$BBT_TOP/tests/lab/linecheck/lab.sh"
lab_need
lab_up
# A second gateway address on the ISP's bridge.
ip -n "$LAB_ISP" addr add 192.168.77.2/24 dev br0
"${LC[@]}" --watch 7s --interval 100ms >"$T/out" 2>"$T/err" &
pid=$!
wait_for 10 grep -q 'watch.start' "$T/out" || fail "no watch.start: $(cat "$T/err")"
sleep 0.5
ip -n "$LAB_HOME" route del default via 192.168.77.1
sleep 1
ip -n "$LAB_HOME" route add default via 192.168.77.2
sleep 1
ip -n "$LAB_HOME" -6 route del default via 2001:db8:77::1
sleep 0.5
# Gateway answers stop for the old one only: the watch must ping the new.
ipt -I INPUT -d 192.168.77.1 -p icmp --icmp-type echo-request -j DROP
wait "$pid"
rc=$?
out=$(cat "$T/out") err=$(cat "$T/err")
assert_rc 2 "a default route lost"
assert_eq "" "$err" "stderr"
assert_eq "watch.start eth0 info - gateway=192.168.77.1
watch.route eth0 critical 192.168.77.1 event=removed family=inet
watch.route eth0 warning 192.168.77.2 event=added family=inet
watch.route eth0 critical 2001:db8:77::1 event=removed family=inet6
watch.summary eth0 critical 3 route_changes=3 gw_bursts=0" \
    "$(printf '%s\n' "$out" | awk -F'\t' '$1 == "check" { d = ""
	n = split($7, kv, " ")
	for (i = 1; i <= n; i++) if (kv[i] ~ /^(gateway|event|family|route_changes|gw_bursts)=/) d = d " " kv[i]
	print $2, $3, $4, $5 d }')" "the records"
