#!/bin/bash
# Malformed and truncated PADOs, a PADO for another host, duplicates:
# counted and ignored, never a crash.
. "$BBT_TOP/tests/lib.sh"
. "$BBT_TOP/tests/lab/pppoe-probe/lab.sh"
. "$BBT_TOP/tests/lab/pppoe-probe/assert.sh"
lab_init
lab_fake --ac-name odd --malformed --other-dst --dup 2

probe
assert_rc 0
assert_rec pppoe.discovery cli0 ok 1
assert_eq "odd 2" "$(det pppoe.pado ac) $(det pppoe.pado dup)"
# The truncated PADO loses its Host-Uniq: it cannot be ours.
[ "$(det pppoe.discovery malformed)" -ge 1 ] || fail "bad version frame not counted"
[ "$(det pppoe.discovery foreign)" -ge 2 ] || fail "truncated PADO and PADO for another host not counted"
