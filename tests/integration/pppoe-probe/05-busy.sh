#!/bin/bash
# A busy segment: another client keeps sending PADIs. Timers are
# absolute: the other traffic is counted, never waited for.
. "$BBT_TOP/tests/lib.sh"
. "$BBT_TOP/tests/lab/pppoe-probe/lab.sh"
. "$BBT_TOP/tests/lab/pppoe-probe/assert.sh"
lab_init
lab_padi_flood 30

probe -w 100ms -a 2
assert_rc 2
assert_rec pppoe.discovery cli0 critical 0
assert_eq "yes none 2" "$(det pppoe.discovery other_pppoe) $(det pppoe.discovery result) $(det pppoe.discovery padi_sent)"
[ "$(det pppoe.discovery other_padi)" -ge 1 ] || fail "other PADIs not counted"

lab_pppoe bras-1
probe -w 600ms
assert_rc 0
assert_rec pppoe.discovery cli0 ok 1
assert_eq 1 "$(det pppoe.discovery padi_sent)"
[ "$(det pppoe.discovery other_padi)" -ge 1 ] || fail "other PADIs not counted"
