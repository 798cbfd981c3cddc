#!/bin/bash
# --speed on a line shaped to 20/10 Mbit/s with a 16/8 plan: both directions ok, the rates within the shaping, latency idle and loaded.
. "$BBT_TOP/tests/lib.sh"
. "$BBT_TOP/tests/lab/linecheck/lab.sh"
. "$BBT_TOP/tests/lab/linecheck/speed.sh"
lab_need
speed_need
lab_up
speed_up
speed_shape 20 10
run "${LC[@]}" --speed="$SPEED_URL" --plan 16/8 --speed-time 6s
assert_rc 0 "plan met"
assert_eq "speed.down $SPEED_URL ok streams=4 server=203.0.113.80 plan=16
speed.up $SPEED_URL ok streams=4 server=203.0.113.80 plan=8
speed.latency $SPEED_URL ok method=tcp_connect" "$(speed_norm)" "speed records"
# TCP over a token bucket: below the rate, but not by much.
speed_between speed.down 14 21
speed_between speed.up 7 10.5
# The steady part leaves the ramp out and has samples.
assert_match $'speed\\.down\t[^\t]*\tok\t[0-9.]+\tMbit/s\t.*ramp_ms=[0-9]+ samples=[0-9]+ median=[0-9.]+ .*ratio=[0-9.]+' "$out"
assert_match 'idle_ms=[0-9.]+ down_ms=[0-9.]+ up_ms=[0-9.]+ samples=[0-9]+ lost=[0-9]+ ' "$out" "latency idle and loaded"
# The CPU each direction took, for the bench's CPU per GB.
assert_match $'speed\\.down\t.* cpu_ms=[0-9]+ ' "$out" "download CPU"
assert_match $'speed\\.up\t.* retrans=[0-9]+ cpu_ms=[0-9]+ ' "$out" "upload CPU"
# The records stay clean: nothing on stderr when it is not a terminal.
assert_eq "" "$err" "stderr"
# The load ends with the test: no connection left draining its send
# buffer over the line (close() alone would leave megabytes queued).
assert_eq "" "$(ip netns exec "$LAB_HOME" ss -Htn dst 203.0.113.80 dport = :8080 | awk '$3 > 0')" \
    "upload sockets still sending after the exit"

# The same over IPv6, the server given by address.
U6='http://[2001:db8:f0::80]:8080/speed'
speed_shape 20 10
run "${LC[@]}" --speed="$U6" --plan 16/8 --speed-time 4s
assert_rc 0 "plan met over IPv6"
assert_eq "speed.down $U6 ok streams=4 server=2001:db8:f0::80 plan=16
speed.up $U6 ok streams=4 server=2001:db8:f0::80 plan=8
speed.latency $U6 ok method=tcp_connect" "$(speed_norm)" "IPv6 speed records"
speed_between speed.down 14 21
