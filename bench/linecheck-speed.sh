#!/bin/bash
# SPDX-License-Identifier: MIT
# linecheck --speed against iperf3 and curl on the namespace lab, in
# three parts (PARTS, default "shaped ceiling latency"):
#
# shaped   linecheck --speed (HTTP, and its iperf3:// backend) against
#          iperf3 (-t 10, one stream, each direction) and curl (-o
#          /dev/null, 10 s download), the link shaped with tc tbf at each
#          of RATES Mbit/s (default "20 100 500"); per tool the median of
#          RUNS runs (default 3) of the download and upload rate, their
#          share of the shaped rate, and the time to a verdict. ~10 min.
# ceiling  no qdisc at all: linecheck --speed with 4 and 8 streams, and
#          its iperf3:// backend with 4 (the same client against iperf3's
#          server, to tell the server's share), against iperf3 -P 4,
#          CEIL_TIME s a direction (default 6, a cap for linecheck),
#          CEIL_RUNS interleaved rounds (default 5: lc4 ip4 lc8 li4, ...),
#          medians. The rates, and the CPU per
#          GB that does not depend on the machine's load: the client's
#          per direction (linecheck's cpu_ms=, /usr/bin/time around each
#          iperf3 direction) and the server's (nginx, iperf3 -s, from
#          /proc) over both. ~3 min.
# latency  a deep queue (tbf 20/10 Mbit/s, 400 ms, as the plan-missed
#          test): speed.latency's idle and loaded RTT (TCP connects, the
#          highest one-second median) against ping -i 0.1 while iperf3
#          -P 4 loads the same direction as long as linecheck's did, read
#          with the same statistic (plain median beside); agreement is
#          within 15 % or 30 ms. Beside, ping during linecheck's own run
#          against its value. LAT_RUNS runs (default 3). ~2 min.
#
# The machine's load average is printed with each part: the rates and
# the CPU are only comparable within one run.
# Needs root (namespaces), nginx, iperf3, curl, python3, ping, tc and
# /usr/bin/time (the client CPU).
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
export BBT_TOP=$top
RATES=${RATES:-20 100 500} RUNS=${RUNS:-3} PARTS=${PARTS:-shaped ceiling latency}
CEIL_RUNS=${CEIL_RUNS:-5} CEIL_TIME=${CEIL_TIME:-6} LAT_RUNS=${LAT_RUNS:-3}
[ "$(id -u)" -eq 0 ] || { echo "bench/linecheck-speed.sh: needs root (namespaces)" >&2; exit 0; }
for c in nginx iperf3 curl python3 ping tc /usr/bin/time; do
	command -v $c >/dev/null || { echo "bench/linecheck-speed.sh: needs $c" >&2; exit 0; }
done
. "$top/tests/lib.sh"
. "$top/tests/lab/linecheck/lab.sh"
. "$top/tests/lab/linecheck/speed.sh"
lab_up
speed_up
ip netns exec "$LAB_INET" iperf3 -s -B 203.0.113.80 >/dev/null 2>&1 &
iperf_pid=$!	# ip netns exec execs iperf3: the server's own pid
wait_for 10 ip netns exec "$LAB_INET" bash -c 'exec 3<>/dev/tcp/203.0.113.80/5201' ||
    fail "iperf3 -s did not start"
IN=(ip netns exec "$LAB_HOME")

now() { date +%s.%N; }
med() { sort -g | awk '{ v[NR] = $1 } END { print NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
# iperf3 -J: the receiver's rate in Mbit/s.
iperf_mbps() {
	python3 -c 'import json,sys; print("%.1f" % (json.load(sys.stdin)["end"]["sum_received"]["bits_per_second"] / 1e6))'
}

loadavg() { cut -d' ' -f1-3 /proc/loadavg; }

bench_shaped() {
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
}

# speed_key NAME KEY: the value of KEY= in the details of record NAME.
speed_key() {
	printf '%s\n' "$out" | awk -F'\t' -v n="$1" -v k="$2" '$1 == "check" && $2 == n {
		m = split($7, kv, " ")
		for (i = 1; i <= m; i++)
			if (index(kv[i], k "=") == 1)
				print substr(kv[i], length(k) + 2)
	}'
}
hz=$(getconf CLK_TCK)
# CPU seconds (user+sys) a process has used so far.
cpu_of() { awk -v hz="$hz" '{ printf "%.2f\n", ($14 + $15) / hz }' "/proc/$1/stat"; }
# Bytes through home's eth0, both ways: what a test moved over the line.
wire() {
	ip netns exec "$LAB_HOME" cat /sys/class/net/eth0/statistics/rx_bytes \
	    /sys/class/net/eth0/statistics/tx_bytes | paste -sd+ | bc
}
# ping's median RTT in ms (replies only).
ping_med() {
	"${IN[@]}" ping -n "$@" 203.0.113.80 | sed -n 's/.* time=\([0-9.]*\) ms/\1/p' | med
}
unshape() {
	local dev
	for dev in vh0 up0; do
		wait_for 10 speed_drained "$dev" || fail "tc: $dev does not drain"
		ip netns exec "$LAB_ISP" tc qdisc del dev "$dev" root 2>/dev/null
	done
}

# s/GB: CPU seconds per 10^9 bytes, "-" without bytes.
per_gb() { awk -v c="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.3f\n", c * 1e9 / b; else print "-" }'; }
# iperf3 -J: FIELD (bytes, bits_per_second) of SECTION (sum_sent, sum_received).
iperf_end() {
	python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["end"][sys.argv[2]][sys.argv[3]])' "$@"
}

# One ceiling run of TOOL (lc4, lc8: linecheck with 4 or 8 streams; ip4:
# iperf3 -P 4, -R then up), a line appended to $T/ceil.TOOL:
#   down up cli_down_s bytes_down cli_up_s bytes_up srv_s srv_bytes
# The client's CPU per direction: linecheck's own cpu_ms= (getrusage),
# iperf3's from /usr/bin/time around each direction; the server's (nginx,
# iperf3 -s) from /proc over the whole run, with the bytes of both ways.
ceil_run() {
	local tool=$1 spid s0 b0 d u cd bd cu bu url
	unshape
	case $tool in
	ip*|li*) spid=$iperf_pid ;;
	*) spid=$(cat "$LAB_DIR/nginx/nginx.pid") ;;
	esac
	s0=$(cpu_of "$spid") b0=$(wire)
	case $tool in
	lc*|li*)
		url=$SPEED_URL
		[ "${tool#li}" != "$tool" ] && url=iperf3://203.0.113.80
		run "${LC[@]}" --speed="$url" --speed-streams "${tool#l?}" \
		    --speed-time "${CEIL_TIME}s"
		d=$(speed_value speed.down) u=$(speed_value speed.up)
		cd=$(echo "$(speed_key speed.down cpu_ms) / 1000" | bc -l)
		cu=$(echo "$(speed_key speed.up cpu_ms) / 1000" | bc -l)
		bd=$(speed_key speed.down bytes) bu=$(speed_key speed.up bytes) ;;
	ip*)
		/usr/bin/time -f '%U %S' -o "$T/time" "${IN[@]}" iperf3 -c 203.0.113.80 \
		    -P "${tool#ip}" -t $((CEIL_TIME - 1)) -R -J >"$T/ip.json"
		d=$(iperf_mbps <"$T/ip.json") bd=$(iperf_end "$T/ip.json" sum_received bytes)
		cd=$(awk '{ print $1 + $2 }' "$T/time")
		unshape
		/usr/bin/time -f '%U %S' -o "$T/time" "${IN[@]}" iperf3 -c 203.0.113.80 \
		    -P "${tool#ip}" -t $((CEIL_TIME - 1)) -J >"$T/ip.json"
		u=$(iperf_mbps <"$T/ip.json") bu=$(iperf_end "$T/ip.json" sum_sent bytes)
		cu=$(awk '{ print $1 + $2 }' "$T/time") ;;
	esac
	echo "$d $u $cd $bd $cu $bu $(echo "$(cpu_of "$spid") - $s0" | bc)" \
	    "$(( $(wire) - b0 ))" >>"$T/ceil.$tool"
}

# Column N of $T/ceil.TOOL, or of per-GB figures (cpu column, bytes
# column), median over the runs.
ceil_med() { cut -d' ' -f"$2" "$T/ceil.$1" | med; }
ceil_gb() {
	local c b
	while read -r -a f; do
		per_gb "${f[$2 - 1]}" "${f[$3 - 1]}"
	done <"$T/ceil.$1" | med
}

bench_ceiling() {
	local i tool name d u i4d i4u
	echo "ceiling: no qdisc (home-isp-inet over two veth pairs), ${CEIL_TIME} s cap a direction," \
	    "median of $CEIL_RUNS interleaved rounds; $(nproc) CPUs; load average $(loadavg)"
	for tool in lc4 ip4 lc8 li4; do : >"$T/ceil.$tool"; done
	# Interleaved (lc4 ip4 lc8 li4, lc4 ip4 lc8 li4, ...), so that a
	# change of the machine's load hits every tool alike.
	for i in $(seq "$CEIL_RUNS"); do
		for tool in lc4 ip4 lc8 li4; do ceil_run "$tool"; done
	done
	printf '  %-22s %7s %7s %6s %6s %9s %9s %9s\n' "" down up down% up% \
	    "cli s/GB" "cli s/GB" "srv s/GB"
	printf '  %-22s %7s %7s %6s %6s %9s %9s %9s\n' tool Mbit/s Mbit/s "" "" down up both
	i4d=$(ceil_med ip4 1) i4u=$(ceil_med ip4 2)
	for tool in lc4 lc8 li4 ip4; do
		case $tool in
		lc4) name="linecheck --speed, 4" ;;
		lc8) name="linecheck --speed, 8" ;;
		li4) name="linecheck iperf3://, 4" ;;
		ip4) name="iperf3 -P 4" ;;
		esac
		d=$(ceil_med "$tool" 1) u=$(ceil_med "$tool" 2)
		printf '  %-22s %7.0f %7.0f %5.0f%% %5.0f%% %9s %9s %9s\n' "$name" "$d" "$u" \
		    "$(echo "100 * $d / $i4d" | bc -l)" "$(echo "100 * $u / $i4u" | bc -l)" \
		    "$(ceil_gb "$tool" 3 4)" "$(ceil_gb "$tool" 5 6)" "$(ceil_gb "$tool" 7 8)"
	done
	for tool in lc4 ip4 lc8 li4; do
		echo "  $tool runs (down up cli_down_s bytes_down cli_up_s bytes_up srv_s wire_bytes):"
		sed 's/^/    /' "$T/ceil.$tool"
	done
	echo "  load average after: $(loadavg)"
}

# ping -D output on stdin: "PEAK MEDIAN" in ms, PEAK being linecheck's
# statistic (the highest median of the echoes sent within one second,
# at least 3 of them) and MEDIAN ping's plain one.
ping_stats() {
	python3 -c '
import re, statistics, sys
p = []
for l in sys.stdin:
	m = re.match(r"\[([0-9.]+)\].* time=([0-9.]+) ms", l)
	if m:
		rtt = float(m.group(2))
		p.append((float(m.group(1)) - rtt / 1000, rtt))
if not p:
	print("- -"); sys.exit()
peak = max((statistics.median(w) for w in
    ([r for t, r in p if s <= t < s + 1] for s, _ in p) if len(w) >= 3),
    default=statistics.median(r for _, r in p))
print("%.1f %.1f" % (peak, statistics.median(r for _, r in p)))'
}

# The loaded RTT behind a deep queue: speed.latency (TCP connects during
# linecheck's own load, the highest one-second median) against ping
# -i 0.1 while iperf3 -P 4 loads the same direction for as long as
# linecheck's direction lasted, read with the same statistic (and its
# plain median beside). Interleaved: linecheck, then iperf3, per run.
bench_latency() {
	local i dir idle lc_d lc_u dd du t pk pm
	echo "latency: tbf 20/10 Mbit/s, 400 ms queue; ms, median of $LAT_RUNS interleaved runs;" \
	    "TCP congestion control $(ip netns exec "$LAB_INET" sysctl -n net.ipv4.tcp_congestion_control) (server)," \
	    "$(ip netns exec "$LAB_HOME" sysctl -n net.ipv4.tcp_congestion_control) (client); load average $(loadavg)"
	: >"$T/lat.lc"; : >"$T/lat.ping"
	for i in $(seq "$LAT_RUNS"); do
		speed_shape 20 10 400
		# ping beside linecheck checks its probes on its own load:
		# the worse direction's figure against ping's over the run.
		"${IN[@]}" ping -n -D -i 0.1 203.0.113.80 >"$T/lcping" 2>/dev/null &
		run "${LC[@]}" --speed="$SPEED_URL" --speed-time 8s
		kill $! 2>/dev/null; wait $! 2>/dev/null
		dd=$(speed_key speed.down duration_ms) du=$(speed_key speed.up duration_ms)
		echo "$(speed_key speed.latency idle_ms) $(speed_key speed.latency down_ms)" \
		    "$(speed_key speed.latency up_ms) $dd $du $(speed_value speed.latency)" \
		    "$(ping_stats <"$T/lcping" | cut -d' ' -f1)" >>"$T/lat.lc"
		speed_shape 20 10 400
		idle=$(ping_med -c 10 -i 0.2)
		printf '%s' "$idle" >>"$T/lat.ping"
		for dir in down up; do
			speed_shape 20 10 400
			t=$dd
			[ "$dir" = up ] && t=$du
			t=$(( (t + 999) / 1000 ))
			"${IN[@]}" iperf3 -c 203.0.113.80 -P 4 -t "$t" $([ "$dir" = down ] && echo -R) \
			    >/dev/null 2>&1 &
			# From linecheck's first probe (100 ms) to the end.
			sleep 0.1
			read -r pk pm < <("${IN[@]}" ping -n -D -i 0.1 -w "$t" 203.0.113.80 | ping_stats)
			wait $!
			printf ' %s %s' "$pk" "$pm" >>"$T/lat.ping"
		done
		echo >>"$T/lat.ping"
	done
	printf '  %-44s %8s %8s %8s\n' "" idle down up
	printf '  %-44s %8s %8s %8s\n' "linecheck speed.latency (TCP connects)" \
	    "$(cut -d' ' -f1 "$T/lat.lc" | med)" "$(cut -d' ' -f2 "$T/lat.lc" | med)" \
	    "$(cut -d' ' -f3 "$T/lat.lc" | med)"
	printf '  %-44s %8s %8s %8s\n' "ping during iperf3 -P 4, same statistic" \
	    "$(cut -d' ' -f1 "$T/lat.ping" | med)" "$(cut -d' ' -f2 "$T/lat.ping" | med)" \
	    "$(cut -d' ' -f4 "$T/lat.ping" | med)"
	printf '  %-44s %8s %8s %8s\n' "ping during iperf3 -P 4, plain median" "" \
	    "$(cut -d' ' -f3 "$T/lat.ping" | med)" "$(cut -d' ' -f5 "$T/lat.ping" | med)"
	# Agreement: within 15 % or 30 ms of ping's, whichever is larger.
	for dir in down up; do
		case $dir in down) a=2 b=2 ;; up) a=3 b=4 ;; esac
		awk -v dir="$dir" -v l="$(cut -d' ' -f$a "$T/lat.lc" | med)" \
		    -v p="$(cut -d' ' -f$b "$T/lat.ping" | med)" 'BEGIN {
			tol = p * 0.15 > 30 ? p * 0.15 : 30
			d = l - p
			printf "  %s: linecheck %.0f ms, ping %.0f ms: %s (%+.0f ms, tolerance %.0f)\n",
			    dir, l, p, (d <= tol && -d <= tol) ? "agree" : "DIFFER", d, tol
		}'
	done
	echo "  linecheck's value (worse direction) $(cut -d' ' -f6 "$T/lat.lc" | med) ms;" \
	    "ping during the same runs, same statistic, $(cut -d' ' -f7 "$T/lat.lc" | med) ms"
	echo "  linecheck runs (idle down up down_dur_ms up_dur_ms value ping_peak): $(tr '\n' ';' <"$T/lat.lc")"
	echo "  ping runs (idle down_peak down_median up_peak up_median): $(tr '\n' ';' <"$T/lat.ping")"
	echo "  load average after: $(loadavg)"
}

for part in $PARTS; do
	case $part in
	shaped) bench_shaped ;;
	ceiling) bench_ceiling ;;
	latency) bench_latency ;;
	*) fail "PARTS: no part $part (shaped, ceiling, latency)" ;;
	esac
	echo
done
