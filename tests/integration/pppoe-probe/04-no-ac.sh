#!/bin/bash
# Nobody answers: critical, retries with backoff, within the budget.
. "$BBT_TOP/tests/lib.sh"
. "$BBT_TOP/tests/lab/pppoe-probe/lab.sh"
. "$BBT_TOP/tests/lab/pppoe-probe/assert.sh"
lab_init

probe -w 100ms
assert_rc 2
assert_rec pppoe.discovery cli0 critical 0
assert_eq "padi_sent=3 timeout_ms=5000 vlan=- other_pppoe=no filtered=0 result=none" \
    "$(col pppoe.discovery 7 | sed 's/ elapsed_ms=.*//')"
assert_eq 2 "$(printf '%s\n' "$out" | grep -c '^check')"

# The budget caps the attempts: 10 attempts of 1 s do not fit in 300 ms.
probe -a 10 -w 1s --timeout 300ms
assert_rc 2
assert_eq 1 "$(det pppoe.discovery padi_sent)"
el=$(det pppoe.discovery elapsed_ms)
# Not a timing assertion: a run that waited out even one 1 s window
# ignored the budget; scheduling noise stays far below that.
[ "$el" -lt 1000 ] || fail "elapsed_ms=$el: the 300 ms budget was ignored"

probe -a 1 -w 50ms --user alice
assert_rc 3
assert_match 'no password: use --password-file FILE' "$err"

PPPOE_PASSWORD=x probe -a 1 -w 50ms --user alice
assert_rc 2
assert_eq "check	pppoe.pads	-	skipped	-	-	after=pppoe.discovery" "$(rec pppoe.pads)"
assert_eq "check	ppp.auth	alice	skipped	-	-	after=pppoe.discovery" "$(rec ppp.auth)"
