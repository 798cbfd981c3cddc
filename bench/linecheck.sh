#!/bin/bash
# SPDX-License-Identifier: MIT
# linecheck against the stock-tool baseline (ip, ethtool, arping, ping,
# dig, getent, curl one after the other) in the namespace lab: the
# healthy line and every fault, one run each, side by side.
# BENCH_SHOW=1 prints both outputs. Needs root (namespaces).
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
export BBT_TOP=$top PATH=$top/bin:$PATH
[ "$(id -u)" -eq 0 ] || { echo "bench/linecheck.sh: needs root (namespaces)" >&2; exit 0; }
for c in arping ping dig getent curl ethtool dnsmasq; do
	command -v $c >/dev/null || { echo "bench/linecheck.sh: needs $c" >&2; exit 0; }
done
scen="healthy link-down no-dhcp rogue-dhcp gw-icmp-block gw-dead loss30 dns-down
dns-refused dns-servfail dns-nxdomain http-refused mtu-blackhole dup-ip
ipv6-blackhole"
printf '%-14s %10s %4s %10s %4s %7s\n' scenario linecheck rc baseline rc speedup
tl=0 tb=0
for s in $scen; do
	r=$(bash "$top/bench/linecheck-scenario.sh" "$s" | tail -n 1)
	set -- $r
	[ $# -eq 5 ] || { echo "$s: failed: $r" >&2; continue; }
	printf '%-14s %9.2fs %4s %9.2fs %4s %6.1fx\n' "$1" "$2" "$3" "$4" "$5" \
	    "$(echo "$4 / $2" | bc -l)"
	tl=$(echo "$tl + $2" | bc); tb=$(echo "$tb + $4" | bc)
done
printf '%-14s %9.2fs %4s %9.2fs %4s %6.1fx\n' total "$tl" "" "$tb" "" \
    "$(echo "$tb / $tl" | bc -l)"
