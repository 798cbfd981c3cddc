# SPDX-License-Identifier: MIT
# The --vm part of bench/pppoe-probe.sh (sourced after tests/lib.sh):
# IPv4-only against dual-stack logins on the bras-vm BRAS, alternating.
. "$BBT_TOP/tests/lab/pppoe-probe/assert.sh"
. "$BBT_TOP/tests/lab/pppoe-probe/vm.sh"
need_cmd /usr/bin/time bc
N=${2:-5}
vm_init
sd=$T/bras
vm_start "$sd" --auth pap

# once ARGS: one login, --grace 0: PADI to IPCP (and with IPv6 to the
# delegated prefix, released), then closed. Prints "wall_s ra_ms pd_ms
# rss_kb rc"; ra_ms, pd_ms: from the network phase done (records).
once() {
	local s e rc
	s=$(date +%s.%N)
	PPPOE_PASSWORD=alice-pass ip netns exec "$CLI" /usr/bin/time -v \
	    pppoe-probe -i tap0 -u alice --grace 0 "$@" >"$T/b.out" \
	    2>"$T/b.err"
	rc=$?
	e=$(date +%s.%N)
	out=$(cat "$T/b.out")
	printf '%.3f %s %s %s %d\n' "$(echo "$e - $s" | bc)" \
	    "$(det ipv6.ra time_ms | grep . || echo -)" \
	    "$(det dhcp6.pd time_ms | grep . || echo -)" \
	    "$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$T/b.err")" \
	    "$rc"
	vm_session_free "$sd"
}

median() { sort -n | awk '{ v[NR] = $1 } END { print NR ? v[int((NR + 1) / 2)] : "-" }'; }

printf '%-13s %-11s %8s %8s %8s %8s %s\n' dhcp6s login "wall s" "RA ms" \
    "PD ms" "RSS kB" rc
for mode in none rapid-commit; do
	"$BRAS" exec "$sd" "/etc/rc.v6 fault $mode" >/dev/null
	: >"$T/v4" ; : >"$T/ds"
	for i in $(seq "$N"); do
		once --no-ipv6 >>"$T/v4"
		once >>"$T/ds"
	done
	for f in v4 ds; do
		printf '%-13s %-11s %8s %8s %8s %8s %s\n' \
		    "$([ $mode = none ] && echo plain || echo rapid-commit)" \
		    "$([ $f = v4 ] && echo "IPv4 only" || echo "dual stack")" \
		    "$(cut -d' ' -f1 "$T/$f" | median)" \
		    "$(cut -d' ' -f2 "$T/$f" | grep -v - | median)" \
		    "$(cut -d' ' -f3 "$T/$f" | grep -v - | median)" \
		    "$(cut -d' ' -f4 "$T/$f" | sort -n | tail -n1)" \
		    "$(cut -d' ' -f5 "$T/$f" | sort -u | xargs)"
	done
done
echo "(medians of $N, RSS the largest; wall: PADI to IPCP, or to the"
echo " delegated prefix and its Release, then closed; RA, PD: from IPCP"
echo " and IPv6CP up, pppoe-probe's ipv6.ra and dhcp6.pd time_ms)"

# The same logins by the reference client: the guest image booted with
# --role client on a second tap, bridged to the BRAS's, runs pppd +ipv6
# and then WIDE dhcp6c (rc.v6 client); times from pppd's start.
"$BRAS" exec "$sd" "/etc/rc.v6 fault none" >/dev/null
cd=$T/client
mkdir -p "$cd"
at_exit "$BRAS stop $cd"
"$BRAS" start "$CLI" tap1 "$cd" --role client --mac 52:54:00:bb:00:99 \
    >"$cd.start" 2>&1 || { cat "$cd.start" >&2; fail "client VM"; }
ip -n "$CLI" link add br0 type bridge
ip -n "$CLI" link set tap0 master br0
ip -n "$CLI" link set tap1 master br0
ip -n "$CLI" link set br0 up
: >"$T/ref"
for i in $(seq "$N"); do
	"$BRAS" exec "$cd" "/etc/rc.v6 client alice alice-pass" >>"$T/ref" ||
	    fail "reference client: $(tail -n 3 "$T/ref")"
	vm_session_free "$sd"
done
echo "reference client (pppd +ipv6, then dhcp6c; from pppd's start), medians"
echo "of $N: to IPv4 $(sed -n 's/^v4_ms=\([0-9]*\) .*/\1/p' "$T/ref" | median) ms," \
    "to IPv4 + delegated prefix $(sed -n 's/.*pd_ms=\([0-9]*\)$/\1/p' "$T/ref" | median) ms"
