#!/bin/bash
# ipv6.ra: a router solicitation is answered by the ISP's router
# advertisement: its router, prefix, lifetime, flags, MTU and RDNSS.
. "$BBT_TOP/tests/lib.sh"
. "$BBT_TOP/tests/lab/linecheck/lab.sh"
lab_need
lab_up
lab_fault ra
run "${LC[@]}" --skip dhcp,ping,dns,http,mtu
assert_rc 0 "ra"
assert_match "	ipv6.ra	eth0	ok	fe80::[0-9a-f:]+	-	prefix=2001:db8:77::/64 lifetime=1800 managed=no other=no slaac=yes mtu=1492 dns=2001:db8:77::1 time_ms=[0-9]+$" "$out"
