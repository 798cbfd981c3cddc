#!/bin/bash
# Fault offer-flood: a responder answers each DISCOVER with 30 offers from
# 30 server ids and 3 malformed ones (server id of length 1, yiaddr
# 255.255.255.255, router option of length 255). The gateway's own server
# stays listed, the others are counted (more=), the malformed ones are
# counted (malformed=) and never listed (reliability audit F8). The real
# server answers a second late, when the table is long full.
. "$BBT_TOP/tests/lib.sh"
. "$BBT_TOP/tests/lab/linecheck/lab.sh"
lab_need
LAB_DHCP_OPTS=--dhcp-reply-delay=1
lab_up
lab_fault offer-flood
run "${LC[@]}" --skip=ping,dns,http,mtu,ipv6,arp --dhcp-wait=2s
assert_rc 1 "offer-flood"
assert_match "	dhcp\.offer	192\.168\.77\.1	ok	192\.168\.77\.1[0-4][0-9]	-	" "$out" \
    "the gateway's server listed"
assert_eq 8 "$(printf '%s\n' "$out" | grep -c '	dhcp\.offer	')" "listed servers"
assert_nomatch "	dhcp\.offer	(0\.0\.0\.0|10\.9\.[234]\.)" "$out" "malformed offers"
assert_nomatch "	255\.255\.255\.255	" "$out" "an all-ones address"
assert_match "	dhcp\.servers	eth0	warning	31	-	servers=[0-9.,]+ more=23 malformed=3$" "$out" \
    "dhcp.servers"
