#!/bin/bash
# IPv6CP (issue 19) against an AC that never speaks it: fakeac.py
# ignores protocol 0x8057, as an AC whose IPv6 is off at the BRAS but not
# in PPP might. Our Configure-Requests go on during the grace without
# holding up the session; the record is info, result=no_reply, and the
# run is OK. --no-ipv6: no record, no IPv6CP sent. The real pppd cases
# (opened, Protocol-Reject) are in 21-bras-ipv6cp.sh.
. "$BBT_TOP/tests/lib.sh"
. "$BBT_TOP/tests/lab/pppoe-probe/lab.sh"
. "$BBT_TOP/tests/lab/pppoe-probe/assert.sh"
lab_init
export PPPOE_PASSWORD=secret
lab_fake --ppp --log "$T/ac.log"
mac=$LAB_AC_MAC

probe --user alice --ac-mac "$mac" --grace 600ms
assert_rc 0 "an AC without IPv6CP is not a failure"
assert_rec ppp.ipcp "$mac" ok 10.64.0.10
assert_rec ppp.ipv6cp "$mac" info -
assert_eq "no_reply -" "$(det ppp.ipv6cp result) $(det ppp.ipv6cp peer_id)"
assert_match '^([0-9a-f]{4}:){3}[0-9a-f]{4}$' "$(det ppp.ipv6cp our_id)"
# Sent with IPCP and repeated in the grace, never acknowledged.
n=$(grep -c 'session proto=0x8057 code=1' "$T/ac.log")
[ "$n" -ge 2 ] || fail "$n IPv6CP Configure-Requests in the grace"
assert_match '^padt=yes lcp_term=yes' "$(col ppp.cleanup 7)"

: >"$T/ac.log"
probe --user alice --ac-mac "$mac" --grace 600ms --no-ipv6
assert_rc 0
assert_eq "" "$(rec ppp.ipv6cp)" "no ppp.ipv6cp with --no-ipv6"
assert_nomatch 'proto=0x8057' "$(cat "$T/ac.log")" "no IPv6CP sent"

# No session: skipped like IPCP, after the layer that failed.
lab_fake --ppp --pads-error "service:no such service"
probe --user alice --ac-mac "$LAB_AC_MAC"
assert_rc 2
assert_eq "check	ppp.ipv6cp	$LAB_AC_MAC	skipped	-	-	after=pppoe.pads" \
    "$(rec ppp.ipv6cp)"
