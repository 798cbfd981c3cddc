#!/bin/bash
# SPDX-License-Identifier: MIT
# linecheck --speed (HTTP, and its iperf3:// backend) against iperf3 (-t 10, one stream, each direction)
# and curl (-o /dev/null, 10 s download) on the namespace lab, the link
# shaped with tc tbf at each of RATES Mbit/s (default "20 100 500").
# Per tool: median of RUNS runs (default 3) of the download and upload
# rate, their share of the shaped rate, and the time to a verdict.
# Needs root (namespaces), nginx, iperf3, curl, python3.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
export BBT_TOP=$top
RATES=${RATES:-20 100 500} RUNS=${RUNS:-3}
[ "$(id -u)" -eq 0 ] || { echo "bench/linecheck-speed.sh: needs root (namespaces)" >&2; exit 0; }
for c in nginx iperf3 curl python3 tc; do
	command -v $c >/dev/null || { echo "bench/linecheck-speed.sh: needs $c" >&2; exit 0; }
done
. "$top/tests/lib.sh"
. "$top/tests/lab/linecheck/lab.sh"
. "$top/tests/lab/linecheck/speed.sh"
lab_up
speed_up
ip netns exec "$LAB_INET" iperf3 -s -B 203.0.113.80 >/dev/null 2>&1 &
wait_for 10 ip netns exec "$LAB_INET" bash -c 'exec 3<>/dev/tcp/203.0.113.80/5201' ||
    fail "iperf3 -s did not start"
IN=(ip netns exec "$LAB_HOME")

now() { date +%s.%N; }
med() { sort -g | awk '{ v[NR] = $1 } END { print NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
# iperf3 -J: the receiver's rate in Mbit/s.
iperf_mbps() {
	python3 -c 'import json,sys; print("%.1f" % (json.load(sys.stdin)["end"]["sum_received"]["bits_per_second"] / 1e6))'
}

printf '%6s  %-22s %8s %8s %6s %6s %8s\n' shaped tool down up down% up% time
for r in $RATES; do
	speed_shape "$r" "$r"
	for f in lc li ip cu; do : >"$T/$f.d"; : >"$T/$f.u"; : >"$T/$f.t"; done
	for i in $(seq "$RUNS"); do
		t0=$(now)
		run "${LC[@]}" --speed="$SPEED_URL"
		echo "$(now) - $t0" | bc >>"$T/lc.t"
		speed_value speed.down >>"$T/lc.d"
		speed_value speed.up >>"$T/lc.u"
		speed_shape "$r" "$r"

		t0=$(now)
		run "${LC[@]}" --speed=iperf3://203.0.113.80
		echo "$(now) - $t0" | bc >>"$T/li.t"
		speed_value speed.down >>"$T/li.d"
		speed_value speed.up >>"$T/li.u"
		speed_shape "$r" "$r"

		t0=$(now)
		"${IN[@]}" iperf3 -c 203.0.113.80 -t 10 -R -J | iperf_mbps >>"$T/ip.d"
		speed_shape "$r" "$r"
		"${IN[@]}" iperf3 -c 203.0.113.80 -t 10 -J | iperf_mbps >>"$T/ip.u"
		echo "$(now) - $t0" | bc >>"$T/ip.t"
		speed_shape "$r" "$r"

		t0=$(now)
		"${IN[@]}" curl -s -o /dev/null -m 10 -w '%{speed_download}\n' \
		    --resolve www.example.test:8080:203.0.113.80 "$SPEED_URL" |
		    awk '{ printf "%.1f\n", $1 * 8 / 1e6 }' >>"$T/cu.d"
		echo "$(now) - $t0" | bc >>"$T/cu.t"
		speed_shape "$r" "$r"
	done
	for tool in lc li ip cu; do
		d=$(med <"$T/$tool.d") u=-
		[ -s "$T/$tool.u" ] && u=$(med <"$T/$tool.u")
		t=$(med <"$T/$tool.t")
		case $tool in
		lc) name="linecheck --speed" ;;
		li) name="linecheck iperf3://" ;;
		ip) name="iperf3 -t 10 (-R)" ;;
		cu) name="curl -m 10 (down)" ;;
		esac
		printf '%6s  %-22s %8.1f %8s %5.0f%% %6s %7.1fs\n' "$r" "$name" "$d" "$u" \
		    "$(echo "100 * $d / $r" | bc -l)" \
		    "$([ "$u" = - ] && echo - || printf '%.0f%%' "$(echo "100 * $u / $r" | bc -l)")" "$t"
	done
	echo "       linecheck runs (down up s): $(paste -d' ' "$T/lc.d" "$T/lc.u" "$T/lc.t" | tr '\n' ';')"
done
