#!/bin/bash
# Fault mtu-small: a 1492-byte hop beyond the gateway that says so. The
# router's own "fragmentation needed, MTU 1492" quotes our request and
# counts: a smaller path, no black hole (the other side of F6's fix).
. "$BBT_TOP/tests/lib.sh"
. "$BBT_TOP/tests/lab/linecheck/lab.sh"
lab_need
lab_up
lab_fault mtu-small
run "${LC[@]}" --skip=dhcp,arp,ipv6
assert_rc 1 "mtu-small"
assert_eq "mtu.path 203.0.113.80 warning 1464 expected=1472 blackhole=no" \
    "$(lab_norm | grep '^mtu\.path')" "mtu.path record"
assert_match "	mtu\.path	.*frag_mtu=1492" "$out" "the router's MTU"
