#!/bin/bash
# Fault mtu-blackhole plus a flood of "fragmentation needed, MTU 576"
# quoting another process's echo requests (identifier 0xBEEF, every
# sequence number) to the same target: they are not ours, the black hole
# stays a black hole (reliability audit F6). Echo replies lost in the
# flood must not put the MTU check after gw.ping: loss and round trip
# are not judged here.
. "$BBT_TOP/tests/lib.sh"
. "$BBT_TOP/tests/lab/linecheck/lab.sh"
lab_need
lab_up
lab_fault mtu-blackhole
lab_fault foreign-fragneeded
run "${LC[@]}" --skip=dhcp,arp,ipv6 --loss-warn=100 --loss-crit=100 \
    --rtt-warn=60s --rtt-crit=60s
assert_rc 2 "mtu-blackhole with foreign errors"
assert_eq "mtu.path 203.0.113.80 critical 1464 expected=1472 blackhole=yes" \
    "$(lab_norm | grep '^mtu\.path')" "mtu.path record"
assert_nomatch "frag_mtu=" "$out" "no frag_mtu from foreign errors"
