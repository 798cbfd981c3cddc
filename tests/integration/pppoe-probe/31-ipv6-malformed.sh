#!/bin/bash
# Malformed IPv6 from the AC (issue 19): fakeac.py --v6-bad opens
# IPv6CP, then answers our Router Solicitation with an RA whose option
# has length 0 (invalid, RFC 4861 §6.1.2) and our Solicit with an
# Advertise whose Server ID runs past its end. Each is a named record
# (result=malformed, the count and the defect), nothing crashes, the
# session is closed within --session-timeout, and nothing was leased.
. "$BBT_TOP/tests/lib.sh"
. "$BBT_TOP/tests/lab/pppoe-probe/lab.sh"
. "$BBT_TOP/tests/lab/pppoe-probe/assert.sh"
lab_init
export PPPOE_PASSWORD=secret
lab_fake --ppp --v6-bad --log "$T/ac.log"
mac=$LAB_AC_MAC

probe --user alice --ac-mac "$mac" --grace 300ms --session-timeout 2500ms
assert_rc 2 "malformed RA and DHCPv6"
assert_rec ppp.ipv6cp "$mac" ok "$(col ppp.ipv6cp 5)"
assert_rec ipv6.ra "$mac" critical -
assert_eq "malformed option" "$(det ipv6.ra result) $(det ipv6.ra error)"
assert_match '^[1-9]$' "$(det ipv6.ra malformed)" "RAs counted"
for r in dhcp6.na dhcp6.pd; do
	assert_rec $r "$mac" critical -
	assert_eq "malformed option" "$(det $r result) $(det $r error)" "$r"
	assert_match '^[1-9]$' "$(det $r malformed)" "$r: Advertises counted"
	assert_eq "" "$(det $r released)" "$r: nothing to release"
done
assert_match '^padt=yes lcp_term=yes' "$(col ppp.cleanup 7)"
assert_eq 1 "$(grep -c . <<<"$err")" "only the session notice on stderr: $err"
