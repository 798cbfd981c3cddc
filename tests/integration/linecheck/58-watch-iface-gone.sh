#!/bin/bash
# --watch when the interface is deleted (a USB modem or Wi-Fi card pulled): watch.link gone, then watch.link back when one of the same name returns, and the watch goes on with it (its gateway pinged again: a loss window after the return is caught); deleted until the end, the summary says link=gone. Exit 2.
. "$BBT_TOP/tests/lib.sh"
. "$BBT_TOP/tests/lab/linecheck/lab.sh"
lab_need
lab_up
home_back() {
	ip link add eth0 netns "$LAB_HOME" type veth peer name vh0 netns "$LAB_ISP" ||
	    fail "veth again"
	ip -n "$LAB_HOME" link set eth0 address 02:00:00:00:00:10
	ip -n "$LAB_ISP" link set vh0 master br0
	ip -n "$LAB_ISP" link set vh0 up
	ip -n "$LAB_HOME" link set eth0 up
	ip -n "$LAB_HOME" addr add 192.168.77.100/24 dev eth0
	ip -n "$LAB_HOME" addr add 2001:db8:77::100/64 dev eth0 nodad
	ip -n "$LAB_HOME" route add default via 192.168.77.1
	ip -n "$LAB_HOME" route add default via 2001:db8:77::1
}
old=$(ip -n "$LAB_HOME" -o link show eth0 | cut -d: -f1)
"${LC[@]}" --watch 10s --interval 100ms >"$T/out" 2>"$T/err" &
pid=$!
wait_for 10 grep -q 'watch.start' "$T/out" || fail "no watch.start: $(cat "$T/err")"
sleep 1.2
# Deleting one end of a veth pair deletes the other: eth0 is gone.
ip -n "$LAB_ISP" link del vh0
wait_for 2 grep -q '	watch.link	eth0	critical	gone	' "$T/out" ||
    fail "no watch.link gone record during the run: $(cat "$T/out")"
sleep 1
home_back
new=$(ip -n "$LAB_HOME" -o link show eth0 | cut -d: -f1)
[ "$new" != "$old" ] || fail "the new eth0 has the old index $old"
wait_for 3 grep -q '	watch.link	eth0	ok	up	' "$T/out" || fail "no up record: $(cat "$T/out")"
# The settling after the return, then a loss window on the new link.
sleep 3
ipt -t raw -I PREROUTING -i br0 -p icmp --icmp-type echo-request -j DROP
sleep 1.5
ipt -t raw -D PREROUTING -i br0 -p icmp --icmp-type echo-request -j DROP
wait "$pid"
rc=$?
out=$(cat "$T/out") err=$(cat "$T/err")
assert_rc 2 "a deleted interface is critical"
assert_eq "" "$err" "stderr"
rec() {	# NAME: "value key=v ..." of each NAME record, keys KEYS
	printf '%s\n' "$out" | awk -F'\t' -v n="$1" -v keys="$2" '$2 == n {
	    d = ""; m = split($7, kv, " ")
	    for (j = 1; j <= m; j++) if (kv[j] ~ "^(" keys ")=") d = d " " kv[j]
	    print $4, $5 d }'
}
assert_eq "critical down
critical gone ifindex=$old
warning back ifindex=$new
ok up" "$(rec watch.link ifindex)" "the link's records"
# The routes come back as events (the kernel's IPv4 route flush is
# silent: the watch forgets the old one with the interface).
assert_eq "warning 192.168.77.1 event=added family=inet" \
    "$(rec watch.route 'event|family' | grep family=inet$)" "IPv4 route back"
assert_eq "critical family=inet" "$(rec watch.gateway family | cut -d' ' -f1,3)" "a burst on the new link"
assert_match '	watch.summary	eth0	critical	[0-9]+	events	.* gw_bursts=1 .*interrupted=no link=up hours=' "$out" "summary"

# Deleted and not back: the summary says so, the outage runs to the end.
"${LC[@]}" --watch 3s --interval 100ms >"$T/out" 2>"$T/err" &
pid=$!
wait_for 10 grep -q 'watch.start' "$T/out" || fail "no watch.start: $(cat "$T/err")"
sleep 1
ip -n "$LAB_HOME" link del eth0
wait "$pid"
rc=$?
out=$(cat "$T/out") err=$(cat "$T/err")
assert_rc 2 "deleted until the end"
assert_eq "" "$err" "stderr"
assert_match '	watch.link	eth0	critical	gone	' "$out" "gone"
assert_match '	watch.summary	eth0	critical	[0-9]+	events	.* link=gone hours=' "$out" "summary"
l=$(printf '%s\n' "$out" | awk -F'\t' '$2 == "watch.summary" { print $7 }' | grep -o 'longest_outage_s=[0-9.]*')
awk -v v="${l#*=}" 'BEGIN { exit !(v >= 1.0 && v <= 2.5) }' || fail "outage $l, deleted for the last 2 s"
