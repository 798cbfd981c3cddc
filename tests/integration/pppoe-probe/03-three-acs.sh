#!/bin/bash
# Three pppoe-servers on a bridge: all reported; --first, --expect,
# AC-Name and MAC filters that really filter.
. "$BBT_TOP/tests/lib.sh"
. "$BBT_TOP/tests/lab/pppoe-probe/lab.sh"
. "$BBT_TOP/tests/lab/pppoe-probe/assert.sh"
lab_init
lab_pppoe bras-a
lab_pppoe bras-b -S internet -S iptv
mac_b=$LAB_AC_MAC
lab_pppoe bras-c

probe
assert_rc 0
assert_rec pppoe.discovery cli0 ok 3
assert_eq "bras-a bras-b bras-c" "$(rec pppoe.pado | cut -f 7 | sed 's/^ac=\([^ ]*\).*/\1/' | sort | xargs)"

probe --first
assert_rc 0
assert_rec pppoe.discovery cli0 ok 1

probe --expect 2 --wait 5s
assert_rc 0
assert_rec pppoe.discovery cli0 ok 2

# Fewer than expected: a warning, after the whole budget.
probe --expect 4 -t 1s --format summary
assert_rc 1
assert_match '^PPPOE-PROBE WARNING - pppoe.discovery cli0: fewer \| ' "$out"
probe --expect 4 -t 1s
assert_rc 1
assert_rec pppoe.discovery cli0 warning 3
assert_eq "fewer 4" "$(det pppoe.discovery result) $(det pppoe.discovery expected)"

probe -C bras-b
assert_rc 0
assert_rec pppoe.discovery cli0 ok 1
assert_eq 2 "$(det pppoe.discovery filtered)"
assert_eq "bras-b	ok" "$(rec pppoe.pado | awk -F'\t' '$4 == "ok"' | cut -f 7 | sed 's/^ac=\([^ ]*\).*/\1/')	ok"
assert_eq 2 "$(rec pppoe.pado | grep -c 'filtered=yes')" "filtered offers listed as info"

probe --ac-mac "$mac_b"
assert_rc 0
assert_rec pppoe.discovery cli0 ok 1

# Only bras-b offers iptv; the others stay silent (rp-pppoe drops it).
probe -S iptv
assert_rc 0
assert_rec pppoe.discovery cli0 ok 1
assert_eq iptv "$(det pppoe.discovery service)"

# A filter that matches nothing: critical, and it says so.
probe -C nosuch -a 1
assert_rc 2
assert_rec pppoe.discovery cli0 critical 0
assert_eq "filtered filtered=3" "$(det pppoe.discovery result) filtered=$(det pppoe.discovery filtered)"

probe -C nosuch -a 1 --format summary
assert_rc 2
assert_match '^PPPOE-PROBE CRITICAL - pppoe.discovery cli0: filtered \|' "$out"
