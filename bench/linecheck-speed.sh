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
# ceiling  no qdisc at all: linecheck --speed with 4 and 8 streams
#          against iperf3 -P 4, CEIL_TIME s a direction (default 6), the
#          median of CEIL_RUNS runs (default 3), with the CPU (user+sys)
#          of the client and of the server (nginx, iperf3 -s), and per GB
#          through the home interface. ~2 min.
# latency  a deep queue (tbf 20/10 Mbit/s, 400 ms, as the plan-missed
#          test): speed.latency's idle and loaded RTT (TCP connect,
#          median) against ping's median RTT to the same server, idle and
#          while iperf3 -P 4 loads the same direction; LAT_RUNS runs
#          (default 3). ~1.5 min.
#
# The machine's load average is printed with each part: the rates and
# the CPU are only comparable within one run.
# Needs root (namespaces), nginx, iperf3, curl, python3, ping, tc and
# /usr/bin/time (the client CPU).
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
export BBT_TOP=$top
RATES=${RATES:-20 100 500} RUNS=${RUNS:-3} PARTS=${PARTS:-shaped ceiling latency}
CEIL_RUNS=${CEIL_RUNS:-3} CEIL_TIME=${CEIL_TIME:-6} LAT_RUNS=${LAT_RUNS:-3}
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

# One ceiling run of TOOL (lc4, lc8: linecheck with 4 or 8 streams;
# ip4: iperf3 -P 4, -R then up): "down up client_cpu server_cpu bytes"
# appended to $T/ceil.TOOL.
ceil_run() {
	local tool=$1 spid s0 b0 d u
	unshape
	case $tool in
	ip*) spid=$iperf_pid ;;
	*) spid=$(cat "$LAB_DIR/nginx/nginx.pid") ;;
	esac
	s0=$(cpu_of "$spid") b0=$(wire)
	case $tool in
	lc*)
		/usr/bin/time -f '%U %S' -o "$T/time" "${LC[@]}" --speed="$SPEED_URL" \
		    --speed-streams "${tool#lc}" --speed-time "${CEIL_TIME}s" >"$T/out" 2>/dev/null
		out=$(cat "$T/out")
		d=$(speed_value speed.down) u=$(speed_value speed.up) ;;
	ip*)
		/usr/bin/time -f '%U %S' -o "$T/time" "${IN[@]}" iperf3 -c 203.0.113.80 \
		    -P "${tool#ip}" -t $((CEIL_TIME - 1)) -O 1 -R -J >"$T/ip.json"
		d=$(iperf_mbps <"$T/ip.json")
		unshape
		/usr/bin/time -a -f '%U %S' -o "$T/time" "${IN[@]}" iperf3 -c 203.0.113.80 \
		    -P "${tool#ip}" -t $((CEIL_TIME - 1)) -O 1 -J >"$T/ip.json"
		u=$(iperf_mbps <"$T/ip.json") ;;
	esac
	echo "$d $u $(awk '{ s += $1 + $2 } END { print s }' "$T/time")" \
	    "$(echo "$(cpu_of "$spid") - $s0" | bc) $(( $(wire) - b0 ))" >>"$T/ceil.$tool"
}

bench_ceiling() {
	local i tool name d u cc sc b i4d i4u
	echo "ceiling: no qdisc (home-isp-inet over two veth pairs), ${CEIL_TIME} s a direction," \
	    "median of $CEIL_RUNS; load average $(loadavg)"
	for tool in lc4 lc8 ip4; do : >"$T/ceil.$tool"; done
	# Interleaved, so that a change of load hits every tool.
	for i in $(seq "$CEIL_RUNS"); do
		for tool in lc4 lc8 ip4; do ceil_run "$tool"; done
	done
	printf '  %-24s %7s %7s %6s %6s %8s %8s %8s\n' tool down up down% up% cpu_cli cpu_srv cpu/GB
	i4d=$(cut -d' ' -f1 "$T/ceil.ip4" | med) i4u=$(cut -d' ' -f2 "$T/ceil.ip4" | med)
	for tool in lc4 lc8 ip4; do
		case $tool in
		lc4) name="linecheck --speed, 4" ;;
		lc8) name="linecheck --speed, 8" ;;
		ip4) name="iperf3 -P 4" ;;
		esac
		d=$(cut -d' ' -f1 "$T/ceil.$tool" | med) u=$(cut -d' ' -f2 "$T/ceil.$tool" | med)
		cc=$(cut -d' ' -f3 "$T/ceil.$tool" | med) sc=$(cut -d' ' -f4 "$T/ceil.$tool" | med)
		b=$(cut -d' ' -f5 "$T/ceil.$tool" | med)
		printf '  %-24s %7.0f %7.0f %5.0f%% %5.0f%% %7.2fs %7.2fs %7.2fs\n' "$name" "$d" "$u" \
		    "$(echo "100 * $d / $i4d" | bc -l)" "$(echo "100 * $u / $i4u" | bc -l)" \
		    "$cc" "$sc" "$(echo "($cc + $sc) * 1000000000 / $b" | bc -l)"
	done
	for tool in lc4 lc8 ip4; do
		echo "  $tool runs (down up cpu_cli cpu_srv bytes): $(tr '\n' ';' <"$T/ceil.$tool")"
	done
	echo "  load average after: $(loadavg)"
}

# The loaded RTT behind a deep queue: speed.latency (TCP connects during
# linecheck's own load) against ping while iperf3 -P 4 loads the same
# direction (6 s), both medians. The tbf queue holds 400 ms; how full a
# sender keeps it depends on its congestion control (BBR drains it).
bench_latency() {
	local i dir idle down up
	echo "latency: tbf 20/10 Mbit/s, 400 ms queue; median RTT in ms, $LAT_RUNS runs;" \
	    "TCP congestion control $(ip netns exec "$LAB_INET" sysctl -n net.ipv4.tcp_congestion_control) (server)," \
	    "$(ip netns exec "$LAB_HOME" sysctl -n net.ipv4.tcp_congestion_control) (client); load average $(loadavg)"
	: >"$T/lat.lc"; : >"$T/lat.ping"
	for i in $(seq "$LAT_RUNS"); do
		speed_shape 20 10 400
		run "${LC[@]}" --speed="$SPEED_URL" --speed-time 6s
		echo "$(speed_key speed.latency idle_ms) $(speed_key speed.latency down_ms)" \
		    "$(speed_key speed.latency up_ms)" >>"$T/lat.lc"
		speed_shape 20 10 400
		idle=$(ping_med -c 10 -i 0.2)
		for dir in down up; do
			speed_shape 20 10 400
			"${IN[@]}" iperf3 -c 203.0.113.80 -P 4 -t 6 $([ "$dir" = down ] && echo -R) \
			    >/dev/null 2>&1 &
			# Over the same span as linecheck's probes: the ramp
			# included, when a sender's startup overfills the queue.
			sleep 0.2
			eval "$dir=\$(ping_med -c 28 -i 0.2)"
			wait $!
		done
		echo "$idle $down $up" >>"$T/lat.ping"
	done
	printf '  %-40s %8s %8s %8s\n' "" idle down up
	printf '  %-40s %8s %8s %8s\n' "linecheck speed.latency (TCP connect)" \
	    "$(cut -d' ' -f1 "$T/lat.lc" | med)" "$(cut -d' ' -f2 "$T/lat.lc" | med)" \
	    "$(cut -d' ' -f3 "$T/lat.lc" | med)"
	printf '  %-40s %8s %8s %8s\n' "ping during iperf3 -P 4 (same direction)" \
	    "$(cut -d' ' -f1 "$T/lat.ping" | med)" "$(cut -d' ' -f2 "$T/lat.ping" | med)" \
	    "$(cut -d' ' -f3 "$T/lat.ping" | med)"
	echo "  linecheck runs (idle down up): $(tr '\n' ';' <"$T/lat.lc")"
	echo "  ping runs (idle down up): $(tr '\n' ';' <"$T/lat.ping")"
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
