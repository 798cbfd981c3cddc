#!/bin/bash
# Sessions against a real pppoe-server whose "pppd" never speaks (the
# test host has no kernel PPP): PADS, LCP timeout, and cleanup that
# frees the AC's only slot, on timeout, SIGINT and SIGTERM; the
# AC-System-Error of a full AC; --padt for a stale session. Each step
# waits for the AC's own count of sessions (its children), not for time:
# a slot is free only once pppoe-server has reaped the old session.
. "$BBT_TOP/tests/lib.sh"
. "$BBT_TOP/tests/lab/pppoe-probe/lab.sh"
. "$BBT_TOP/tests/lab/pppoe-probe/assert.sh"
lab_init
printf '#!/bin/sh\nexec sleep 60\n' >"$T/fakepppd"
chmod +x "$T/fakepppd"
lab_pppoe bras-1 -S internet -N 1 -q "$T/fakepppd"
mac=$LAB_AC_MAC
export PPPOE_PASSWORD=secret

probe --user alice --session-timeout 600ms
assert_rc 2
assert_rec pppoe.pads "$mac" ok "$(col pppoe.pads 5)"
assert_eq internet "$(det pppoe.pads service)"
assert_rec ppp.lcp "$mac" critical -
assert_eq "timeout" "$(det ppp.lcp result)"
assert_eq "check	ppp.auth	alice	skipped	-	-	after=ppp.lcp" "$(rec ppp.auth)"
assert_rec ppp.cleanup "$mac" ok "$(col pppoe.pads 5)"
assert_eq "padt=yes lcp_term=unacked" "$(col ppp.cleanup 7)"

# The PADT freed the only slot: the next session opens.
lab_wait_sessions 0
probe --user alice --session-timeout 300ms --format summary
assert_rc 2
assert_match '^PPPOE-PROBE CRITICAL - ppp.lcp [0-9a-f:]+: timeout' "$out"

# hold SIGNAL: a probe holding the slot, then SIGNAL; its records.
hold() {
	lab_wait_sessions 0
	ip netns exec "$CLI" pppoe-probe -i cli0 -v --user alice \
	    --session-timeout 30s >"$T/hold.out" 2>"$T/hold.err" &
	local pid=$!
	wait_for 10 grep -q 'session [0-9]* opened' "$T/hold.err" || fail "no session"
	# The AC is full now.
	lab_wait_sessions 1
	probe --user bob
	assert_rc 2
	assert_rec pppoe.pads "$mac" critical 0
	assert_eq "AC-System-Error" "$(det pppoe.pads error)"
	assert_eq "RP-PPPoE: Server: No client slots available" "$(detq pppoe.pads msg)"
	kill -"$1" "$pid"
	wait "$pid"
	rc=$?
	out=$(cat "$T/hold.out")
}
hold INT
assert_rc 3 "exit after SIGINT"
assert_eq "interrupted" "$(det ppp.lcp result)"
assert_eq "padt=yes lcp_term=unacked" "$(col ppp.cleanup 7)"
hold TERM
assert_rc 3 "exit after SIGTERM"
assert_eq "padt=yes" "$(col ppp.cleanup 7 | cut -d' ' -f1)"
lab_wait_sessions 0
probe --user alice --session-timeout 300ms
assert_rc 2
assert_rec pppoe.pads "$mac" ok "$(col pppoe.pads 5)"

# A probe killed outright leaves a stale session; --padt clears it.
lab_wait_sessions 0
ip netns exec "$CLI" pppoe-probe -i cli0 -v --user alice \
    --session-timeout 30s >/dev/null 2>"$T/kill.err" &
pid=$!
wait_for 10 grep -q 'session [0-9]* opened' "$T/kill.err" || fail "no session"
kill -9 "$pid"
wait "$pid" 2>/dev/null
sid=$(sed -n 's/.*session \([0-9]*\) opened.*/\1/p' "$T/kill.err")
lab_wait_sessions 1
probe --user alice
assert_rc 2
assert_eq "AC-System-Error" "$(det pppoe.pads error)"
probe --padt "$sid:$mac"
assert_rc 0
assert_eq "check	ppp.cleanup	$mac	ok	$sid	-	padt=yes ac_padt=yes" "$out"
lab_wait_sessions 0
probe --user alice --session-timeout 300ms
assert_rc 2
assert_rec pppoe.pads "$mac" ok "$(col pppoe.pads 5)"
