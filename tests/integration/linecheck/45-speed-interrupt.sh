#!/bin/bash
# Ctrl-C during --speed: the records are still written, the cut directions marked result=interrupted, exit 3.
. "$BBT_TOP/tests/lib.sh"
. "$BBT_TOP/tests/lab/linecheck/lab.sh"
. "$BBT_TOP/tests/lab/linecheck/speed.sh"
lab_need
speed_need
lab_up
speed_up
speed_shape 20 10
"${LC[@]}" -v --speed="$SPEED_URL" --plan 100 --speed-time 30s >"$T/out" 2>"$T/err" &
pid=$!
# -v says when the test starts; the checks before it end as usual.
wait_for 20 grep -q 'speed test against' "$T/err" || fail "the speed test did not start: $(cat "$T/err")"
sleep 0.3
kill -INT "$pid"
wait "$pid"
rc=$?
out=$(cat "$T/out") err=$(cat "$T/err")
assert_rc 3 "interrupted"
assert_eq "speed.down $SPEED_URL unknown streams=4 server=203.0.113.80 plan=100 result=interrupted
speed.up $SPEED_URL unknown result=interrupted
speed.latency $SPEED_URL unknown method=tcp_connect result=interrupted" "$(speed_norm)" "interrupted"
assert_match "speed test interrupted: the results are partial" "$err"
