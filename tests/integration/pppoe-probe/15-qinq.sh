#!/bin/bash
# QinQ: an AC that answers only 802.1ad-outer 100 / 802.1Q-inner 7
# frames, next to one on plain VLAN 7. Tags (and priority bits) are put
# on every frame by the probe: PADI, PADR, session, PADT; replies must
# come back with the same two tags.
. "$BBT_TOP/tests/lib.sh"
. "$BBT_TOP/tests/lab/pppoe-probe/lab.sh"
. "$BBT_TOP/tests/lab/pppoe-probe/assert.sh"
lab_init
lab_fake --ac-name qinq --service internet --qinq 100 --vlan 7 --log "$T/q.log"
mac_q=$LAB_AC_MAC
lab_fake --ac-name single7 --service internet --vlan 7
mac_7=$LAB_AC_MAC
export PPPOE_PASSWORD=secret

probe --qinq 100 --vlan 7 --pcp 5
assert_rc 0
assert_rec pppoe.discovery cli0 ok 1
assert_eq "$mac_q qinq 7" "$(col pppoe.pado 3) $(det pppoe.pado ac) $(det pppoe.pado vlan)"
assert_eq "padi vlan=0x88a8:100:5,0x8100:7:5 max_payload=-" "$(grep '^padi' "$T/q.log")"

# Only the inner tag: the single-tagged AC answers, not the QinQ one.
probe --vlan 7
assert_rc 0
assert_eq "$mac_7 single7" "$(col pppoe.pado 3) $(det pppoe.pado ac)"

# Another outer VLAN: nobody.
probe --qinq 101 --vlan 7 -a 1 -w 200ms
assert_rc 2
assert_eq "none" "$(det pppoe.discovery result)"

# Scanning the inner VLANs under one outer tag.
probe --qinq 100 --vlan-scan 5-9 -w 300ms
assert_rc 0
assert_eq "7 5 qinq" "$(det pppoe.discovery vlan) $(det pppoe.discovery scanned) $(det pppoe.pado ac)"

# A session: PADR, LCP and PADT all carry both tags, or fakeac would
# not have seen them.
: >"$T/q.log"
probe --qinq 100 --vlan 7 --user alice --session-timeout 300ms
assert_rc 2
assert_rec pppoe.pads "$mac_q" ok 4660
assert_eq timeout "$(det ppp.lcp result)"
assert_match 'session proto=0xc021 code=1 mru=1492' "$(cat "$T/q.log")"
assert_match 'padt session=4660' "$(cat "$T/q.log")"
