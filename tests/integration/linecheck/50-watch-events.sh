#!/bin/bash
# --watch: a carrier flap, an address added and removed and a gateway loss burst, each exactly once and in order, then the summary; exit 2.
. "$BBT_TOP/tests/lib.sh"
. "$BBT_TOP/tests/lab/linecheck/lab.sh"
lab_need
lab_up
W=("${LC[@]}" --watch 12s --interval 100ms)
"${W[@]}" >"$T/out" 2>"$T/err" &
pid=$!
wait_for 10 grep -q 'watch.start' "$T/out" || fail "no watch.start: $(cat "$T/err")"
# The injected schedule: 0.5 s to 2.5 s without carrier, an address
# for 0.5 s, 1.5 s of dropped echo requests at the gateway. The kernel
# sends carrier changes at most once a second (linkwatch): the flap
# starts a second after the lab's own link changes, and the carrier
# returns only after its down record was written.
sleep 1.2
ip -n "$LAB_ISP" link set vh0 down
# Written when it happens, not at the end: the record is in the file
# while the watch runs.
wait_for 2 grep -q '	watch.link	eth0	critical	down	' "$T/out" ||
    fail "no watch.link down record during the run: $(cat "$T/out")"
sleep 0.5
ip -n "$LAB_ISP" link set vh0 up
sleep 2.5
ip -n "$LAB_HOME" addr add 192.168.77.50/24 dev eth0
sleep 0.5
ip -n "$LAB_HOME" addr del 192.168.77.50/24 dev eth0
sleep 0.5
ipt -t raw -I PREROUTING -i br0 -p icmp --icmp-type echo-request -j DROP
sleep 1.5
ipt -t raw -D PREROUTING -i br0 -p icmp --icmp-type echo-request -j DROP
wait "$pid"
rc=$?
out=$(cat "$T/out") err=$(cat "$T/err")
assert_rc 2 "a flap is critical"
assert_eq "" "$err" "stderr"
assert_eq "watch.start eth0 info -
watch.link eth0 critical down
watch.link eth0 ok up
watch.addr eth0 warning 192.168.77.50/24
watch.addr eth0 warning 192.168.77.50/24
watch.gateway 192.168.77.1 critical N
watch.summary eth0 critical 5" "$(printf '%s\n' "$out" | awk -F'\t' '$1 == "check" {
	v = $5; if ($2 == "watch.gateway") v = "N"; print $2, $3, $4, v }')" "the timeline"
d() {	# NAME KEY [N]: the value of KEY in the Nth NAME record
	printf '%s\n' "$out" | awk -F'\t' -v n="$1" -v k="$2" -v c="${3:-1}" '
	    $2 == n && ++i == c { m = split($7, kv, " ")
		for (j = 1; j <= m; j++) if (index(kv[j], k "=") == 1)
			print substr(kv[j], length(k) + 2) }'
}
assert_eq "added removed" "$(d watch.addr event 1) $(d watch.addr event 2)" "address events"
# Every record carries both clocks; offsets never go back.
assert_nomatch '	time=[^ ]*[^0-9:+-Z T]' "$out" "time labels"
assert_eq 7 "$(grep -cE '	time=[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:]{8}[+-][0-9]{2}:[0-9]{2} offset=[0-9]+\.[0-9]{3}( |$)' <<<"$out")" "two clocks on every record"
printf '%s\n' "$out" | awk -F'\t' '{ split($7, a, " "); o = substr(a[2], 8) + 0
	if (o < last) exit 1; last = o }' || fail "offsets go back: $out"
# Durations within generous bounds of the schedule.
awk -v v="$(d watch.link down_s 2)" 'BEGIN { exit !(v >= 0.3 && v <= 4) }' ||
    fail "carrier down for $(d watch.link down_s 2) s, injected 0.5 s to 2.5 s"
g=$(printf '%s\n' "$out" | awk -F'\t' '$2 == "watch.gateway" { print $5 }')
awk -v v="$g" 'BEGIN { exit !(v >= 1.0 && v <= 3.5) }' || fail "burst of $g s, injected 1.5 s"
lost=$(d watch.gateway lost)
[ "$lost" -ge 8 ] && [ "$lost" -le 25 ] || fail "$lost requests lost in 1.5 s at 100 ms"
assert_eq "1 2 1 no up" "$(d watch.summary flaps) $(d watch.summary addr_changes) $(d watch.summary gw_bursts) $(d watch.summary interrupted) $(d watch.summary link)" "summary counts"
# The 5 events in the hour bins, in the hours they happened.
assert_eq 5 "$(d watch.summary hours | tr , '\n' | awk '{ s += $1 } END { print s }')" "hour bins"
assert_eq 24 "$(d watch.summary hours | tr , '\n' | wc -l)" "24 bins"
o=$(d watch.summary outage_min) l=$(d watch.summary longest_outage_s)
awk -v o="$o" -v l="$l" -v g="$g" 'BEGIN { exit !(o * 60 >= 1.5 && o * 60 <= 7 && l >= g) }' ||
    fail "outage ${o} min, longest ${l} s, burst ${g} s"
