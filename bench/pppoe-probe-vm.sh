# SPDX-License-Identifier: MIT
# The --vm part of bench/pppoe-probe.sh (sourced after tests/lib.sh):
# IPv4-only against dual-stack logins on the bras-vm BRAS.
. "$BBT_TOP/tests/lab/pppoe-probe/assert.sh"
. "$BBT_TOP/tests/lab/pppoe-probe/vm.sh"
need_cmd /usr/bin/time bc
N=${2:-5}
vm_init
sd=$T/bras
vm_start "$sd" --auth pap

# once ARGS: one login; prints "login_ms pd_ms wall_s rss_kb rc".
once() {
	local s e rc
	s=$(date +%s.%N)
	PPPOE_PASSWORD=alice-pass ip netns exec "$CLI" /usr/bin/time -v \
	    pppoe-probe -i tap0 -u alice --grace 0 "$@" >"$T/b.out" \
	    2>"$T/b.err"
	rc=$?
	e=$(date +%s.%N)
	out=$(cat "$T/b.out")
	# PADI -> IPv4: discovery, PADS, LCP, authentication and IPCP;
	# the IPv6 task starts when IPv6CP is done too.
	local v4 ncp pd
	v4=$(( $(det pppoe.discovery elapsed_ms) + $(det pppoe.pads time_ms) +
	    $(det ppp.lcp time_ms) + $(det ppp.auth time_ms) ))
	ncp=$(det ppp.ipcp time_ms)
	pd=$(det ppp.ipv6cp time_ms)
	[ -n "$pd" ] && [ "$pd" -gt "$ncp" ] && ncp=$pd
	pd=$(det dhcp6.pd time_ms)
	printf '%d %s %.3f %s %d\n' $((v4 + $(det ppp.ipcp time_ms))) \
	    "$([ -n "$pd" ] && echo $((v4 + ncp + pd)) || echo -)" \
	    "$(echo "$e - $s" | bc)" \
	    "$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$T/b.err")" \
	    "$rc"
	vm_session_free "$sd"
}

median() { sort -n | awk '{ v[NR] = $1 } END { print NR ? v[int((NR + 1) / 2)] : "-" }'; }

printf '%-14s %-10s %9s %12s %8s %8s %s\n' dhcp6s mode "v4 ms" \
    "v4+PD ms" "wall s" "RSS kB" rc
for mode in none rapid-commit; do
	"$BRAS" exec "$sd" "/etc/rc.v6 fault $mode" >/dev/null
	: >"$T/v4" ; : >"$T/ds"
	for i in $(seq "$N"); do
		once --no-ipv6 >>"$T/v4"
		once >>"$T/ds"
	done
	for f in v4 ds; do
		printf '%-14s %-10s %9s %12s %8s %8s %s\n' \
		    "$([ $mode = none ] && echo plain || echo rapid-commit)" \
		    "$([ $f = v4 ] && echo "IPv4 only" || echo "dual stack")" \
		    "$(cut -d' ' -f1 "$T/$f" | median)" \
		    "$(cut -d' ' -f2 "$T/$f" | grep -v - | median)" \
		    "$(cut -d' ' -f3 "$T/$f" | median)" \
		    "$(cut -d' ' -f4 "$T/$f" | sort -n | tail -n1)" \
		    "$(cut -d' ' -f5 "$T/$f" | sort -u | xargs)"
	done
done
echo "(medians of $N; RSS: the largest; v4+PD: PADI to the delegated prefix)"
