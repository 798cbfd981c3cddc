#!/bin/bash
# --speed=iperf3://: the same records through libiperf; a server busy with another test is error=busy, not a slow line.
. "$BBT_TOP/tests/lib.sh"
. "$BBT_TOP/tests/lab/linecheck/lab.sh"
. "$BBT_TOP/tests/lab/linecheck/speed.sh"
lab_need
speed_need
need_cmd iperf3
lab_up
speed_up
speed_shape 20 10
iperf3_up
U=iperf3://203.0.113.80

run "${LC[@]}" --speed=$U --plan 16/8 --speed-time 2s
assert_rc 0 "plan met over iperf3"
assert_eq "speed.down $U ok streams=4 server=203.0.113.80 plan=16
speed.up $U ok streams=4 server=203.0.113.80 plan=8
speed.latency $U ok method=tcp_connect" "$(speed_norm)" "iperf3 records"
assert_match 'backend=iperf3' "$out"
speed_between speed.down 14 21
speed_between speed.up 7 10.5
assert_eq "" "$err" "stderr (libiperf prints nothing)"

# Another technician's test holds the server.
n=$(grep -c 'Accepted connection' "$LAB_DIR/iperf3.log")
ip netns exec "$LAB_ISP" iperf3 -c 203.0.113.80 -t 30 >/dev/null 2>&1 &
accepted() { [ "$(grep -c 'Accepted connection' "$LAB_DIR/iperf3.log")" -gt "$n" ]; }
wait_for 10 accepted || fail "the other test did not start"
run "${LC[@]}" --speed=$U --plan 16/8 --speed-time 2s
assert_rc 2 "busy"
assert_eq "speed.down $U critical streams=4 server=203.0.113.80 plan=16 error=busy
speed.up $U critical streams=4 server=203.0.113.80 plan=8 error=busy
speed.latency $U ok method=tcp_connect" "$(speed_norm)" "busy"
