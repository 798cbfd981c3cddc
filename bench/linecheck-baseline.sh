#!/bin/bash
# SPDX-License-Identifier: MIT
# What a technician runs without linecheck: the same checks with stock
# tools, one after the other (ip, ethtool, arping, ping, dig, getent,
# curl), one "ok|warn|fail check text" line each; exit 0/1/2.
# Usage: linecheck-baseline.sh IFACE NAME URL... [-- CACERT]
set -u
ifc=$1 name=$2; shift 2
urls=() cacert=
while [ $# -gt 0 ]; do
	case $1 in --) cacert=$2; shift 2 ;; *) urls+=("$1"); shift ;; esac
done
worst=0
say() {	# status check text
	printf '%s %s %s\n' "$1" "$2" "$3"
	case $1 in warn) [ $worst -lt 1 ] && worst=1 ;; fail) worst=2 ;; esac
}

carrier=$(cat "/sys/class/net/$ifc/carrier" 2>/dev/null || echo 0)
[ "$carrier" = 1 ] && say ok link "carrier up" || say fail link "no carrier"
ethtool "$ifc" >/dev/null 2>&1
ip -s -s -j link show dev "$ifc" >/dev/null
a4=$(ip -o -4 addr show dev "$ifc" scope global | awk '{sub("/.*", "", $4); print $4; exit}')
[ -n "$a4" ] && say ok ipv4 "$a4" || say fail ipv4 "no address"
a6=$(ip -o -6 addr show dev "$ifc" scope global | awk '{sub("/.*", "", $4); print $4; exit}')
[ -n "$a6" ] && say ok ipv6 "$a6" || say warn ipv6 "no address"
gw=$(ip -4 route show default dev "$ifc" | awk '{print $3; exit}')
[ -n "$gw" ] && say ok route4 "$gw" || say fail route4 "no default route"
ip -4 addr show dev "$ifc" | grep -q dynamic && say ok dhcp "lease" || say fail dhcp "no lease"
if [ -n "$a4" ]; then
	# Habets arping: probe from 0.0.0.0; any reply is a conflict.
	if arping -0 -c 2 -w 2 -i "$ifc" "$a4" >/dev/null 2>&1; then
		say fail arp-dad "conflict"
	else
		say ok arp-dad "no reply"
	fi
fi
if [ -n "$gw" ]; then
	r=$(ping -n -c 5 -i 0.2 -W 1 "$gw" 2>&1 | grep -oE '[0-9.]+% packet loss')
	case $r in 0%*) say ok gw-ping "$r" ;; 100%*|'') say fail gw-ping "${r:-error}" ;; *) say warn gw-ping "$r" ;; esac
fi
for ns in $(awk '$1 == "nameserver" {print $2}' /etc/resolv.conf); do
	r=$(dig +tries=1 +time=2 "@$ns" "$name" 2>&1)
	st=$(printf '%s\n' "$r" | grep -oE 'status: [A-Z]+' | cut -d' ' -f2)
	[ "$st" = NOERROR ] && say ok dns "$ns" || say fail dns "$ns ${st:-timeout}"
done
getent ahosts "$name" >/dev/null && say ok resolve "$name" || say fail resolve "$name"
for u in "${urls[@]}"; do
	c=$(curl -s -o /dev/null ${cacert:+--cacert "$cacert"} --connect-timeout 3 \
	    --max-time 5 -w '%{http_code}' "$u")
	[ "$c" = 200 ] && say ok http "$u" || say fail http "$u rc=$? code=$c"
done
host=$(getent ahostsv4 "$name" | awk '{print $1; exit}')
if [ -n "$host" ]; then
	ok=
	for s in 1472 1464 1452 1400 1300 1252; do
		ping -n -M do -s $s -c 1 -W 1 "$host" >/dev/null 2>&1 && { ok=$s; break; }
	done
	[ "$ok" = 1472 ] && say ok pmtu "$ok" || say fail pmtu "${ok:-none}"
fi
exit $worst
