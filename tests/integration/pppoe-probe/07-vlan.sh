#!/bin/bash
# VLAN without sub-interfaces: a VLAN-7-only AC next to an untagged
# pppoe-server, which answers tagged PADIs untagged (rp-pppoe #44): the
# probe must take the VLAN 7 answer only, and find VLAN 7 by scanning.
. "$BBT_TOP/tests/lib.sh"
. "$BBT_TOP/tests/lab/pppoe-probe/lab.sh"
. "$BBT_TOP/tests/lab/pppoe-probe/assert.sh"
lab_init
lab_pppoe untagged
mac_u=$LAB_AC_MAC
lab_fake --ac-name vlan7 --service internet --vlan 7
mac_7=$LAB_AC_MAC

probe
assert_rc 0
assert_rec pppoe.discovery cli0 ok 1
assert_eq "$mac_u untagged" "$(col pppoe.pado 3) $(det pppoe.pado ac)"

probe --vlan 7 --pcp 5
assert_rc 0
assert_rec pppoe.discovery cli0 ok 1
assert_eq "$mac_7 vlan7 7" "$(col pppoe.pado 3) $(det pppoe.pado ac) $(det pppoe.pado vlan)"
assert_eq 7 "$(det pppoe.discovery vlan)"
[ "$(det pppoe.discovery wrong_vlan)" -ge 1 ] || fail "untagged answer to a tagged PADI not counted"

probe --vlan 8 -a 1 -w 200ms
assert_rc 2
assert_eq "none yes" "$(det pppoe.discovery result) $(det pppoe.discovery other_pppoe)"
assert_eq none "$(det pppoe.discovery seen_vlans)"

probe --vlan-scan 5-9 -w 300ms
assert_rc 0
assert_rec pppoe.discovery cli0 ok 1
assert_eq "7 5" "$(det pppoe.discovery vlan) $(det pppoe.discovery scanned)"

# An AC answering on another VLAN than asked is ignored.
lab_fake --ac-name liar --vlan 9 --reply-vlan 10
probe --vlan 9 -a 1 -w 200ms
assert_rc 2
assert_rec pppoe.discovery cli0 critical 0
[ "$(det pppoe.discovery wrong_vlan)" -ge 1 ] || fail "reply on VLAN 10 not counted"
assert_match '(^|,)10(,|$)' "$(det pppoe.discovery seen_vlans)"
