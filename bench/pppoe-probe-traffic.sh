#!/bin/bash
# SPDX-License-Identifier: MIT
# First traffic against the bras-vm BRAS (issue 19), in one run:
# pppoe-probe (PADI to the first byte of http://www.bbt.test/, its
# ppp.http padi_ms=) beside the same guest booted as a client (pppd with
# rp-pppoe.so, then busybox wget of the same page by name), N rounds
# each, alternating; and pppoe-probe's peak RSS (/usr/bin/time -v).
# Needs root and qemu. BENCH_ROUNDS (default 5).
BBT_TOP=$(cd "$(dirname "$0")/.." && pwd)
. "$BBT_TOP/tests/lib.sh"
need_netns
need_cmd qemu-system-x86_64
[ -x /usr/bin/time ] || skip "/usr/bin/time (Debian package time) is missing"
bras=$BBT_TOP/tests/lab/bras-vm/bras.sh
rounds=${BENCH_ROUNDS:-5}
ns=$(ns_new pbench)
at_exit "ip netns pids $ns | xargs -r kill -9; ip netns del $ns"
srv=$T/srv cli=$T/cli
mkdir -p "$srv" "$cli"
at_exit "$bras stop $srv; $bras stop $cli"
# Both guests and our veth on one bridge.
ip -n "$ns" link add br0 type bridge && ip -n "$ns" link set br0 up ||
    fail "cannot create a bridge"
"$bras" start "$ns" bras0 "$srv" --auth chap >/dev/null 2>&1 ||
    fail "cannot start the BRAS"
ip -n "$ns" link set bras0 master br0
"$bras" start "$ns" cli0 "$cli" --role client --mac 52:54:00:bb:00:99 \
    >/dev/null 2>&1 || fail "cannot start the client guest"
ip -n "$ns" link set cli0 master br0
ip -n "$ns" link add pb0 type veth peer name pb1
ip -n "$ns" link set pb1 master br0
ip -n "$ns" link set pb1 up
ip -n "$ns" link set pb0 up

sessions0() {
	local i n
	for i in $(seq 100); do
		n=$("$bras" sessions "$srv") && [ "$n" = 0 ] && return 0
		sleep 0.1
	done
	return 1
}

# The guest's own client: pppd detaches once IPCP is up (updetach), then
# wget fetches the page by name through the IPCP resolvers. Times from
# the guest's uptime (10 ms), printed as "address_s page_s".
guest_round() {
	"$bras" exec "$cli" '
	t0=$(cut -d" " -f1 /proc/uptime)
	pppd plugin rp-pppoe.so eth0 user alice password alice-pass noauth \
	    noipdefault usepeerdns nodefaultroute noipv6 updetach maxfail 1 \
	    >/dev/null 2>&1 || exit 1
	t1=$(cut -d" " -f1 /proc/uptime)
	cp /etc/ppp/resolv.conf /etc/resolv.conf
	wget -q -O /dev/null http://www.bbt.test/ || exit 2
	t2=$(cut -d" " -f1 /proc/uptime)
	killall pppd; sleep 1
	echo "$t0 $t1 $t2" | awk "{ printf \"%.2f %.2f\n\", \$2 - \$1, \$3 - \$1 }"'
}

# pppoe-probe: IPCP up (the PADO's latency, then the PADS, LCP, auth and
# IPCP times: the PADR goes at the first PADO) and padi_ms of ppp.http,
# in seconds; its status; peak RSS in kB.
probe_round() {
	PPPOE_PASSWORD=alice-pass ip netns exec "$ns" /usr/bin/time -v \
	    "$BBT_BIN/pppoe-probe" -i pb0 -u alice --url http://www.bbt.test/ \
	    --format tsv >"$T/p.out" 2>"$T/p.err"
	awk -F'\t' '
	function d(k,   n, i, a) { n = split($7, a, " ")
		for (i = 1; i <= n; i++) if (index(a[i], k "=") == 1)
			return substr(a[i], length(k) + 2); return 0 }
	$2 == "pppoe.pado" && !pado { pado = 1; up += $5 }
	$2 == "pppoe.pads" || $2 == "ppp.lcp" || $2 == "ppp.auth" ||
	    $2 == "ppp.ipcp" { up += d("time_ms") }
	$2 == "ppp.http" { page = d("padi_ms"); st = $4 }
	END { printf "%.2f %.2f %s", up / 1000, page / 1000, st }' "$T/p.out"
	printf ' %s\n' "$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$T/p.err")"
}

printf '%-5s  %-28s  %-28s\n' round "pppoe-probe addr/page s" \
    "guest pppd+wget addr/page s"
rss_max=0
for r in $(seq "$rounds"); do
	p=$(probe_round)
	sessions0 || fail "the BRAS kept a session after pppoe-probe"
	g=$(guest_round) || g="failed failed"
	sessions0 || fail "the BRAS kept a session after the guest's pppd"
	set -- $p $g
	[ "$3" = ok ] || fail "pppoe-probe's GET: $3 ($(grep ppp.http "$T/p.out"))"
	printf '%-5s  %13s %13s  %13s %13s\n' "$r" "$1" "$2" "$5" "$6"
	[ "$4" -gt "$rss_max" ] && rss_max=$4
done
printf 'pppoe-probe peak RSS: %d kB (budget 8192 kB)\n' "$rss_max"
[ "$rss_max" -lt 8192 ] || fail "peak RSS $rss_max kB over 8 MB"
