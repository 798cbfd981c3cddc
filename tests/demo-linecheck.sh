#!/bin/bash
# SPDX-License-Identifier: MIT
# linecheck demo: a healthy line and two faults in the namespace lab (as
# root), each in a few hundred milliseconds, then a speed test against a
# plan the shaped line cannot carry; records go to build/demo/.
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
# The speed records in full, the other checks counted by status: a speed
# test runs them all first.
show_speed() {	# title down up plan
	echo
	echo "-- $1"
	local f=$out_dir/linecheck-speed.tsv s e rc
	speed_shape "$2" "$3"
	s=$(date +%s.%N)
	"${LC[@]}" --case demo-speed --speed="$SPEED_URL" --speed-time 3s \
	    --plan "$4" >"$f"
	rc=$? e=$(date +%s.%N)
	awk -F'\t' '$1 == "check" && $2 ~ /^speed\./ {
		keys = ""
		n = split($7, kv, " ")
		for (i = 1; i <= n; i++)
			if (kv[i] ~ /^(plan|ratio|limit|idle_ms|down_ms|up_ms|bloat_ms|error)=/)
				keys = keys " " kv[i]
		printf "  %-9s %-14s %6s %-6s%s\n", $4, $2, $5, $6, keys
	}
	$1 == "check" && $2 !~ /^speed\./ { n_other[$4]++ }
	END {
		for (st in n_other)
			line = line sprintf("%s%d %s", line == "" ? "" : ", ", n_other[st], st)
		print "  the other checks: " line
	}' "$f"
	printf '  exit %d after %.1f s (--speed-time 3s a direction); records in build/demo/linecheck-speed.tsv\n' \
	    "$rc" "$(echo "$e - $s" | bc)"
	if [ -x "$BBT_TOP/bin/bbdiag" ]; then
		echo "  linecheck | bbdiag:"
		bbdiag <"$f" 2>&1 | sed 's/^/    /' | head -5
	fi
}
mkdir -p "$out_dir"
case ${1:-} in
speed)
	# A lab of its own, with nginx in inet and tc tbf at the ISP.
	if ! command -v nginx >/dev/null || ! command -v tc >/dev/null; then
		echo
		echo "-- The speed test needs nginx and tc (iproute2) for its lab: not shown."
		exit 0
	fi
	. "$BBT_TOP/tests/lab/linecheck/speed.sh"
	lab_up
	speed_up
	show_speed "A 100/20 plan on a line shaped to 50/20 Mbit/s (tc tbf at the ISP): the download misses it." \
	    50 20 100/20
	exit 0 ;;
mtu)
	# A second lab of its own: faults are not undone.
	lab_up
	show "MTU black hole: 1464 passes, 1472 vanishes without frag-needed." mtu-blackhole
	exit 0 ;;
esac
lab_up
show "A healthy line: link, DHCP, ARP, gateway, DNS, HTTP(S) over IPv4 and IPv6, path MTU." ""
show "The resolver answers SERVFAIL: one critical DNS record, HTTP skipped after it." dns-servfail
bash "$0" mtu
bash "$0" speed
