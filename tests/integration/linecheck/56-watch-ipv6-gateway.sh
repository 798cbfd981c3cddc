#!/bin/bash
# --watch pings the IPv6 default gateway, a link-local router (reached through the interface, its scope id): a 1.5 s drop window of ICMPv6 echo requests at the router gives one watch.gateway family=inet6 record and nothing for IPv4; exit 2.
. "$BBT_TOP/tests/lib.sh"
. "$BBT_TOP/tests/lab/linecheck/lab.sh"
lab_need
lab_up
# The router as a router advertisement would name it: link-local.
ip -n "$LAB_ISP" addr add fe80::1/64 dev br0 nodad
ip -n "$LAB_HOME" -6 route replace default via fe80::1 dev eth0
"${LC[@]}" --watch 6s --interval 100ms >"$T/out" 2>"$T/err" &
pid=$!
wait_for 10 grep -q 'watch.start' "$T/out" || fail "no watch.start: $(cat "$T/err")"
sleep 1
ip6t -t raw -I PREROUTING -i br0 -p ipv6-icmp --icmpv6-type echo-request -j DROP
sleep 1.5
ip6t -t raw -D PREROUTING -i br0 -p ipv6-icmp --icmpv6-type echo-request -j DROP
wait "$pid"
rc=$?
out=$(cat "$T/out") err=$(cat "$T/err")
assert_rc 2 "three or more lost requests are critical"
assert_eq "" "$err" "stderr"
assert_eq "watch.start eth0 info - gateway=192.168.77.1 gateway6=fe80::1
watch.gateway fe80::1 critical family=inet6
watch.summary eth0 critical 1 gw_bursts=1" \
    "$(printf '%s\n' "$out" | awk -F'\t' '$1 == "check" { d = ""
	n = split($7, kv, " ")
	for (i = 1; i <= n; i++) if (kv[i] ~ /^(gateway|gateway6|family|end|gw_bursts)=/) d = d " " kv[i]
	v = $2 == "watch.gateway" ? "" : " " $5
	print $2, $3, $4 v d }')" "the records"
g=$(printf '%s\n' "$out" | awk -F'\t' '$2 == "watch.gateway" { print $5 }')
awk -v v="$g" 'BEGIN { exit !(v >= 1.0 && v <= 3.5) }' || fail "burst of $g s, injected 1.5 s"
lost=$(printf '%s\n' "$out" | awk -F'\t' '$2 == "watch.gateway" { print $7 }' | grep -o 'lost=[0-9]*')
lost=${lost#lost=}
[ "$lost" -ge 8 ] && [ "$lost" -le 25 ] || fail "$lost requests lost in 1.5 s at 100 ms"
# On a dual-stack line the IPv4 gateway's bursts are the outage.
assert_match 'outage_min=0\.00 ' "$out" "an IPv6 burst alone is no outage"
