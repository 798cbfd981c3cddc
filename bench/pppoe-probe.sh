#!/bin/bash
# SPDX-License-Identifier: MIT
# pppoe-probe against pppd's pppoe-discovery on the same namespace lab,
# pair by pair: one AC, three ACs, no AC, a busy segment (another client
# sending a PADI every 0.2 s). Wall time, ACs listed, exit code; the
# ratio is pppoe-discovery's time over pppoe-probe's. Needs root.
#
# bench/pppoe-probe.sh --vm [N]: instead, dual stack against the bras-vm
# BRAS (issue 19): N logins (default 5) IPv4 only (--no-ipv6) and dual
# stack (RA + DHCPv6 IA_NA + IA_PD), each with --grace 0, in the same
# run; medians of PADI -> IPv4 address and PADI -> IPv4 + delegated
# prefix (from the records' times), wall time and peak RSS
# (/usr/bin/time -v). Twice: dhcp6s plain and with Rapid Commit. Then
# the guest image as a reference client (pppd +ipv6 and WIDE dhcp6c)
# does the same dual-stack login N times.
BBT_TOP=$(cd "$(dirname "$0")/.." && pwd)
. "$BBT_TOP/tests/lib.sh"
if [ "${1-}" = --vm ]; then
	. "$BBT_TOP/bench/pppoe-probe-vm.sh"
	exit
fi
. "$BBT_TOP/tests/lab/pppoe-probe/lab.sh"
need_cmd pppoe-discovery
CAP=${BENCH_CAP:-40}	# pppoe-discovery may never return on a busy segment

# timed NAME CMD...: prints "seconds acs rc" for one run.
timed() {
	local s e rc n
	s=$(date +%s.%N)
	timeout "$CAP" ip netns exec "$CLI" "$@" >"$T/b.out" 2>/dev/null
	rc=$?
	e=$(date +%s.%N)
	if [ "$1" = pppoe-probe ]; then
		n=$(grep -c $'^check\tpppoe.pado\t' "$T/b.out")
	else
		n=$(grep -c '^Access-Concentrator:' "$T/b.out")
	fi
	printf '%.3f %s %s' "$(echo "$e - $s" | bc)" "$n" "$rc"
}

row() {
	local name=$1 d p
	d=$(timed pppoe-discovery -I cli0)
	p=$(timed pppoe-probe -i cli0)
	set -- $d $p
	printf '%-12s %10s s %4s %4s   %10s s %4s %4s   %7.1fx\n' "$name" \
	    "$1" "$2" "$3" "$4" "$5" "$6" "$(echo "$1 / $4" | bc -l)"
}

lab_init
printf '%-12s %12s %4s %4s   %12s %4s %4s   %8s\n' scenario \
    pppoe-disc ACs rc pppoe-probe ACs rc ratio
row "no AC"
lab_pppoe bras-1
row "one AC"
lab_pppoe bras-2
lab_pppoe bras-3
row "three ACs"
lab_padi_flood $((CAP + 20))
row "busy (3 AC)"
echo "(pppoe-discovery capped at ${CAP}s by timeout(1): rc 124 = did not end)"

# First traffic through a session against the bras-vm BRAS, beside the
# guest's own pppd client, and pppoe-probe's peak RSS (issue 19).
echo
echo "== first traffic (bench/pppoe-probe-traffic.sh)"
bash "$BBT_TOP/bench/pppoe-probe-traffic.sh"
