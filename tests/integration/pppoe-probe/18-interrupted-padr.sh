#!/bin/bash
# Interrupted between PADR and PADS (issue 16 F14): the PADS that comes
# anyway is answered with a PADT at once, and the records say so: no
# LCP, padt=yes, exit UNKNOWN.
. "$BBT_TOP/tests/lib.sh"
. "$BBT_TOP/tests/lab/pppoe-probe/lab.sh"
. "$BBT_TOP/tests/lab/pppoe-probe/assert.sh"
lab_init
lab_fake --service internet --log "$T/ac.log" \
    --interrupt-on-padr "$T/probe.pid" --pads-delay-ms 200
mac=$LAB_AC_MAC
export PPPOE_PASSWORD=secret

ip netns exec "$CLI" pppoe-probe -i cli0 --user alice -S internet \
    >"$T/p.out" 2>"$T/p.err" &
echo $! >"$T/p.pid.tmp"
mv "$T/p.pid.tmp" "$T/probe.pid"
wait $!
rc=$? out=$(cat "$T/p.out") err=$(cat "$T/p.err")
assert_rc 3 "exit after SIGINT"
assert_rec pppoe.pads "$mac" ok 4660
assert_eq "interrupted" "$(det ppp.lcp result)"
assert_eq "check	ppp.auth	alice	skipped	-	-	after=ppp.lcp" "$(rec ppp.auth)"
assert_eq "check	ppp.cleanup	$mac	ok	4660	-	padt=yes lcp_term=no" "$(rec ppp.cleanup)"
wait_for 5 grep -q 'padt session=4660' "$T/ac.log" || fail "no PADT at the AC"
# No session line: the session was never used.
assert_nomatch 'opened' "$err"
