#!/bin/bash
# SPDX-License-Identifier: MIT
# linecheck demo: a healthy line and two faults in the namespace lab (as
# root), each in a few hundred milliseconds; records go to build/demo/.
export BBT_TOP=${BBT_TOP:-$(cd "$(dirname "$0")/.." && pwd)}
out_dir=$BBT_TOP/build/demo
if [ "$(id -u)" -ne 0 ] || ! command -v dnsmasq >/dev/null; then
	echo "linecheck checks a live interface; the lab demo needs root and dnsmasq."
	echo "What an unusable interface looks like:"
	linecheck -i lo; echo "(exit $?)"
	exit 0
fi
. "$BBT_TOP/tests/lib.sh"
. "$BBT_TOP/tests/lab/linecheck/lab.sh"
show() {	# title fault
	echo
	echo "-- $1"
	[ -n "$2" ] && lab_fault "$2"
	local s=$(date +%s.%N)
	"${LC[@]}" --case "demo-${2:-healthy}" >"$out_dir/linecheck-${2:-healthy}.tsv"
	local rc=$? e=$(date +%s.%N)
	awk -F'\t' '$1 == "check" { printf "  %-9s %-14s %-26s %s %s\n", $4, $2, $3, $5, ($4 != "ok" && $4 != "info" ? $7 : "") }' \
	    "$out_dir/linecheck-${2:-healthy}.tsv"
	printf '  exit %d after %.2f s; records in build/demo/linecheck-%s.tsv\n' \
	    "$rc" "$(echo "$e - $s" | bc)" "${2:-healthy}"
	if [ -x "$BBT_TOP/bin/bbdiag" ]; then
		echo "  linecheck | bbdiag:"
		bbdiag <"$out_dir/linecheck-${2:-healthy}.tsv" 2>&1 | sed 's/^/    /' | head -5
	fi
}
mkdir -p "$out_dir"
lab_up
if [ "${1:-}" = mtu ]; then
	# A second lab of its own: faults are not undone.
	show "MTU black hole: 1464 passes, 1472 vanishes without frag-needed." mtu-blackhole
	exit 0
fi
show "A healthy line: link, DHCP, ARP, gateway, DNS, HTTP(S) over IPv4 and IPv6, path MTU." ""
show "The resolver answers SERVFAIL: one critical DNS record, HTTP skipped after it." dns-servfail
bash "$0" mtu
