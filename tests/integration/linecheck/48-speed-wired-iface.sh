#!/bin/bash
# --wired naming no interface, or the one of -i: exit 3, one message, no
# record, before any check or load.
. "$BBT_TOP/tests/lib.sh"
need_netns
unset LINECHECK_SPEED_SERVERS
ns=$(ns_new wired)
ns2=$(ns_new wired2)
veth_pair "$ns" wl0 "$ns2" ap0
run_in "$ns" linecheck -i wl0 --speed=iperf3://192.0.2.1 --wired nosuch0
assert_rc 3 "no such interface"
assert_eq "" "$out" "stdout"
assert_eq "linecheck: nosuch0: no such interface" "$err" "stderr"
run_in "$ns" linecheck -i wl0 --speed=iperf3://192.0.2.1 --wired wl0
assert_rc 3 "the interface of -i"
assert_eq "" "$out" "stdout"
assert_eq "linecheck: --wired wl0 is the interface of -i: name the wired one" "$err" "stderr"
LANGUAGE=zh_CN run_in "$ns" linecheck -i wl0 --speed=iperf3://192.0.2.1 --wired wl0
assert_rc 3 "zh_CN"
assert_match "就是 -i 的接口" "$err"
