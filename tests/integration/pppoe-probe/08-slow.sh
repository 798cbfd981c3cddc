#!/bin/bash
# Slow ACs: a late PADO is matched to the PADI it answers (one Host-Uniq
# per attempt), so its latency is exact; a long window catches all.
. "$BBT_TOP/tests/lib.sh"
. "$BBT_TOP/tests/lab/pppoe-probe/lab.sh"
. "$BBT_TOP/tests/lab/pppoe-probe/assert.sh"
lab_init
lab_fake --ac-name slow --delay-ms 400

probe
assert_rc 0
assert_rec pppoe.discovery cli0 ok 1
assert_eq 2 "$(det pppoe.discovery padi_sent)"
lat=$(col pppoe.pado 5)
[ "${lat%.*}" -ge 400 ] || fail "latency $lat below the AC's 400 ms delay"

lab_pppoe fast
probe --wait 1s
assert_rc 0
assert_rec pppoe.discovery cli0 ok 2
assert_eq "fast slow" "$(rec pppoe.pado | cut -f 7 | sed 's/^ac=\([^ ]*\).*/\1/' | xargs)" "sorted by latency"

# With a fixed Host-Uniq the probe cannot tell attempts apart.
probe --wait 1s --host-uniq probe-1
assert_rc 0
assert_rec pppoe.discovery cli0 ok 2
probe --wait 1s --host-uniq none
assert_rc 0
assert_rec pppoe.discovery cli0 ok 2
