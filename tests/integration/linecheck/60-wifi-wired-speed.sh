#!/bin/bash
# linecheck --speed --wired in the wifi-vm lab: one iperf3 server reached
# over the air and over a wire. The AP's radio (wlan1, bbt-home) moves
# into a namespace "srv" with hostapd, a veth pair gives the wired path
# into it, and the server listens on 10.99.0.1 there, routed over both.
# tbf holds the Wi-Fi at 20 Mbit/s each way (unshaped it made 35-48
# under TCG, the wire 570-860), so the plan sits between the two:
#   plan 60/60, wire unshaped: only the Wi-Fi misses (limit=wifi), and
#     bbdiag says wifi_weak_or_congested;
#   the wire shaped to 10 Mbit/s too: both miss, no limit=wifi, and
#     bbdiag's first fault is slow_speed, not the Wi-Fi.
. "$BBT_TOP/tests/lib.sh"
need_root
need_cmd "${QEMU:-qemu-system-x86_64}"
export BBTOOLS_CATALOGUE=$BBT_TOP/src/bbdiag/faults.catalog
. "$BBT_TOP/tests/lab/wifi-vm/lab.sh"
# The guest's busybox sh runs its own applets first (tc among them):
# iproute2's tc by its path.
vm() { "$WIFI_LAB" exec "$T/vm" "tc() { /usr/sbin/tc \"\$@\"; }; $*"; }

# The lab: the guest booted, the AP in "srv", the routes, a first flow.
lab_up() {
	wifi_lab_up "$T/vm"
	vm 'set -e
kill "$(cat /run/hostapd.wlan1.pid)"
ip netns add srv
iw phy "$(cat /sys/class/net/wlan1/phy80211/name)" set netns name srv
ip link add veth0 type veth peer name veth1 netns srv
ip netns exec srv sh -ec "
ip link set lo up
ip addr add 10.99.0.1/32 dev lo
ip addr add 192.168.6.1/24 dev wlan1
ip link set veth1 up
ip addr add 192.168.7.1/24 dev veth1
/usr/sbin/tc qdisc replace dev wlan1 root tbf rate 20mbit burst 64kb latency 100ms
hostapd -B -P /run/hostapd.srv.pid -f /var/log/hostapd.srv.log /etc/hostapd/wlan1.conf
iperf3 -s -D -B 10.99.0.1 -I /run/iperf3.pid --logfile /tmp/iperf3.log"
tc qdisc replace dev wlan4 root tbf rate 20mbit burst 64kb latency 100ms
ip link set veth0 up
ip addr add 192.168.7.2/24 dev veth0
ip route add 10.99.0.1 via 192.168.6.1 dev wlan4
ip route add 10.99.0.1 via 192.168.7.1 dev veth0 metric 100
n=0
until iw dev wlan4 link | grep -q "^Connected" && ping -c1 -W1 -I wlan4 10.99.0.1 >/dev/null; do
	n=$((n + 1)); [ $n -lt 30 ] || { echo "wlan4 did not come back" >&2; exit 1; }
	sleep 0.5
done
# The air carries a TCP flow before any run: a lab that cannot fails
# here, not in linecheck.
n=0
until iperf3 -c 10.99.0.1 --bind-dev wlan4 -t 1 >/dev/null 2>&1; do
	n=$((n + 1)); [ $n -lt 3 ] || { echo "no iperf3 over wlan4" >&2; exit 1; }
	sleep 0.5
done' >"$T/setup.out" 2>&1 || fail "lab setup: $(cat "$T/setup.out")"
}
lab_up

LCARGS="-i wlan4 --skip dhcp,arp,ping,dns,http,mtu,ipv6,wifi --speed=iperf3://10.99.0.1 --speed-time 3s --plan 60/60 --wired veth0"
# A fresh iperf3 server for each run, listening before linecheck starts
# (netstat): one that has run a test listens again only a moment later,
# over a second at times under TCG. iperf3 (3.12) also closes and reopens
# its listener after each bare connect of linecheck's server choice: the
# Wi-Fi side's second connect was refused 1 ms after the first answered
# in 4 of 6 runs, and linecheck gave the only server up (error=timeout,
# the wired side's choice having replaced the error: 5 of 16 runs before
# the fix, none of 15 after). A run is made again, at most twice, only
# for what the lab's TCG may still do; every assertion is on the last.
server() {
	vm 'kill $(cat /run/iperf3.pid 2>/dev/null) 2>/dev/null; n=0
while ip netns exec srv netstat -tln | grep -q "10.99.0.1:5201 "; do
	n=$((n + 1)); [ $n -lt 100 ] || exit 1; sleep 0.1; done
ip netns exec srv iperf3 -s -D -B 10.99.0.1 -I /run/iperf3.pid --logfile /tmp/iperf3.log
n=0; until ip netns exec srv netstat -tln | grep -q "10.99.0.1:5201 "; do
	n=$((n + 1)); [ $n -lt 100 ] || exit 1; sleep 0.1; done' ||
	    fail "the iperf3 server does not listen"
}
speed() {
	local try
	for try in 1 2 3; do
		server
		vm 'n=0
until iw dev wlan4 link | grep -q "^Connected" && ping -c1 -W1 -I wlan4 10.99.0.1 >/dev/null; do
	n=$((n + 1)); [ $n -lt 30 ] || { iw dev wlan4 link; exit 1; }
	sleep 0.5
done' >&2 || fail "wlan4 is off the air"
		vm "linecheck $LCARGS >/tmp/lc.out 2>/tmp/lc.err; echo \$? >/tmp/lc.rc" ||
		    fail "exec failed"
		out=$(vm cat /tmp/lc.out) err=$(vm cat /tmp/lc.err) rc=$(vm cat /tmp/lc.rc)
		printf '%s\n' "$out" >"$T/lc.out"
		# Shown only when the test fails.
		grep '	speed\.' "$T/lc.out" >&2
		grep -q '	speed\.down	.*error=' "$T/lc.out" || return 0
		echo "run $try: a side had no rate, again" >&2
		vm 'iw dev wlan4 link | head -1; tail -n 3 /tmp/iperf3.log' >&2
	done
}
# kv NAME TARGET KEY: a detail value; st NAME TARGET: the status.
kv() { awk -F'\t' -v n="$1" -v t="$2" -v k="$3" '$2 == n && $3 == t {
	m = split($7, a, " "); for (i = 1; i <= m; i++)
	if (index(a[i], k "=") == 1) print substr(a[i], length(k) + 2) }' "$T/lc.out"; }
st() { awk -F'\t' -v n="$1" -v t="$2" '$2 == n && $3 == t { print $4 }' "$T/lc.out"; }
val() { awk -F'\t' -v n="$1" -v t="$2" '$2 == n && $3 == t { print $5 }' "$T/lc.out"; }
# below X Y: X < Y (decimals).
below() { awk -v x="$1" -v y="$2" 'BEGIN { exit !(x + 0 < y + 0) }'; }

# --- only the Wi-Fi misses the plan -------------------------------------
speed
assert_rc 2 "the Wi-Fi's download far under the plan is critical"
assert_eq "" "$err" "stderr"
assert_eq "speed.down wlan4
speed.up wlan4
speed.latency wlan4
speed.down veth0
speed.up veth0
speed.latency veth0
speed.compare wlan4" "$(awk -F'\t' '$2 ~ /^speed\./ { print $2, $3 }' "$T/lc.out")" \
    "each side's three records by interface, then the comparison"
for d in down up; do
	w=$(val speed.$d wlan4) v=$(val speed.$d veth0)
	below "$w" 22 || fail "speed.$d over wlan4 is $w Mbit/s, tbf holds it at 20"
	below 48 "$v" || fail "speed.$d over veth0 is $v Mbit/s, under 0.8 of the plan"
	assert_eq wifi "$(kv speed.$d wlan4 limit | cut -d, -f1)" "speed.$d wlan4 limit"
	assert_eq "" "$(kv speed.$d veth0 limit)" "speed.$d veth0 has no limit"
	assert_eq ok "$(st speed.$d veth0)" "speed.$d over the wire meets the plan"
	assert_eq iperf3 "$(kv speed.$d veth0 backend)" "backend"
done
assert_eq warning "$(st speed.compare wlan4)" "speed.compare status"
assert_eq wifi "$(val speed.compare wlan4)" "speed.compare value"
assert_eq wifi "$(kv speed.compare wlan4 misses)" "misses"
assert_eq veth0 "$(kv speed.compare wlan4 wired)" "wired"
assert_eq "$(val speed.down wlan4)" "$(kv speed.compare wlan4 wifi_down)" "wifi_down"
assert_eq "$(val speed.down veth0)" "$(kv speed.compare wlan4 wired_down)" "wired_down"
# The worse of down and up against 60/60 (from the unrounded rates, so
# within 0.01 of what the records' one decimal gives).
awk -v a="$(val speed.down wlan4)" -v b="$(val speed.up wlan4)" \
    -v r="$(kv speed.compare wlan4 wifi_ratio)" 'BEGIN { w = (a < b ? a : b) / 60
	exit !(r != "" && r - w <= 0.01 && w - r <= 0.01) }' ||
    fail "wifi_ratio $(kv speed.compare wlan4 wifi_ratio) is not the worse of $(val speed.down wlan4) and $(val speed.up wlan4) over 60"
run bbdiag --top 1 "$T/lc.out"
assert_rc 1 "bbdiag on the stream"
assert_eq "wifi_weak_or_congested	cust_equip" "$(printf '%s\n' "$out" | cut -f 4,5)" \
    "wired fine, Wi-Fi misses: the Wi-Fi"

# --- the wire slow too: both miss ---------------------------------------
SHAPE='tc qdisc replace dev veth0 root tbf rate 10mbit burst 32kb latency 100ms &&
ip netns exec srv /usr/sbin/tc qdisc replace dev veth1 root tbf rate 10mbit burst 32kb latency 100ms'
vm "$SHAPE" || fail "cannot shape the wire"
speed
assert_rc 2 "both sides far under the plan"
assert_eq both "$(kv speed.compare wlan4 misses)" "misses"
assert_eq warning "$(st speed.compare wlan4)" "speed.compare status"
for d in down up; do
	below "$(val speed.$d veth0)" 11 || fail "speed.$d over veth0 is not shaped"
	assert_nomatch 'wifi' "$(kv speed.$d wlan4 limit)" "speed.$d wlan4: no limit=wifi"
done
run bbdiag --top 1 "$T/lc.out"
assert_rc 1 "bbdiag on the stream"
assert_eq slow_speed "$(printf '%s\n' "$out" | cut -f 4)" \
    "both miss: the speed, not the Wi-Fi"
run bbdiag "$T/lc.out"
assert_nomatch 'wifi_weak_or_congested' "$out" "no Wi-Fi fault when the wire is as slow"
exit 0
