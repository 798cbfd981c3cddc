#!/bin/bash
# --speed after a failed check is skipped with its root cause: a server name that does not resolve, every web target refused, a dead gateway, no carrier.
. "$BBT_TOP/tests/lib.sh"
. "$BBT_TOP/tests/lab/linecheck/lab.sh"
. "$BBT_TOP/tests/lab/linecheck/speed.sh"
lab_need
speed_need
lab_up
speed_up

run "${LC[@]}" --speed=http://nosuch.example.test:8080/speed
assert_rc 2 "unknown name"
assert_eq "speed.down http://nosuch.example.test:8080/speed skipped after=dns.resolve
speed.up http://nosuch.example.test:8080/speed skipped after=dns.resolve
speed.latency http://nosuch.example.test:8080/speed skipped after=dns.resolve" "$(speed_norm)" "no address"

# Every web target refused: a web server elsewhere is not worth loading
# the line for; the fault is already named.
lab_fault http-refused
run "${LC[@]}" --speed="$SPEED_URL" --plan 100
assert_rc 2 "http-refused"
assert_eq "speed.down $SPEED_URL skipped after=http.get
speed.up $SPEED_URL skipped after=http.get
speed.latency $SPEED_URL skipped after=http.get" "$(speed_norm)" "http-refused"

lab_fault gw-dead
run "${LC[@]}" --speed="$SPEED_URL" --plan 100
assert_rc 2 "gw-dead"
assert_eq "speed.down $SPEED_URL skipped after=gw.ping
speed.up $SPEED_URL skipped after=gw.ping
speed.latency $SPEED_URL skipped after=gw.ping" "$(speed_norm)" "gw-dead"

lab_fault link-down
run "${LC[@]}" --speed="$SPEED_URL" --plan 100
assert_rc 2 "link-down"
assert_eq "speed.down $SPEED_URL skipped after=link.carrier
speed.up $SPEED_URL skipped after=link.carrier
speed.latency $SPEED_URL skipped after=link.carrier" "$(speed_norm)" "link-down"
