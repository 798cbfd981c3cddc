#!/bin/bash
# --hold --watch (issue 21 item 2): each echo loss run, RTT spike and
# drop of the AC is a record written when it happens (in tsv, before the
# run ends), once, in order; ppp.watch.summary counts them. fakeac.py
# drops and delays Echo-Requests by number, so the schedule is the
# echoes', not the clock's: grace echoes every 250 ms (1-4), then one a
# second (5 at 1 s, 6 at 2 s...). SIGTERM mid-watch still gives the
# summary, closes the session and exits 3.
. "$BBT_TOP/tests/lib.sh"
. "$BBT_TOP/tests/lab/pppoe-probe/lab.sh"
. "$BBT_TOP/tests/lab/pppoe-probe/assert.sh"
lab_init
export PPPOE_PASSWORD=secret

ac() { lab_fake --ppp "$@"; mac=$LAB_AC_MAC; }
# events: the name and status of the ppp.watch.* records but the summary.
events() {
	printf '%s\n' "$out" | awk -F'\t' '$2 ~ /^ppp\.watch\./ &&
	    $2 != "ppp.watch.summary" { print $2, $4 }'
}
# nth NAME N KEY: a detail value of the Nth NAME record.
nth() {
	rec "$1" | sed -n "$2p" | cut -f 7 | tr ' ' '\n' |
	    sed -n "s/^$3=//p" | tr -d '"'
}
between() {	# LO HI VALUE WHAT
	[ "$3" -ge "$1" ] && [ "$3" -le "$2" ] ||
	    fail "$4: $3 not in $1..$2"
}

# Echoes 6-7 lost, 9 answered 400 ms late, 11 lost; the hold ends at 9 s.
ac --echo-drop 6:2 --echo-delay 9:400 --echo-drop 11:1
ip netns exec "$CLI" pppoe-probe -i cli0 --no-traffic --user alice --ac-mac "$mac" \
    --hold 8s --watch >"$T/w.out" 2>"$T/w.err" &
pid=$!
# Written when it happens: the first loss run is out while the run goes on.
wait_for 15 grep -q 'ppp.watch.loss' "$T/w.out" ||
    fail "no live loss record: $(cat "$T/w.err")"
kill -0 "$pid" 2>/dev/null || fail "the loss record came only at the end"
first=$(head -n 1 "$T/w.out" | cut -f 2)
assert_eq "ppp.watch.loss" "$first" "the event before the other records"
wait "$pid"
rc=$? out=$(cat "$T/w.out") err=$(cat "$T/w.err")
assert_rc 1 "loss runs and a spike are warnings"
assert_eq "ppp.watch.loss warning
ppp.watch.spike warning
ppp.watch.loss warning" "$(events)" "the events, once each, in order"
assert_eq "2 reply" "$(nth ppp.watch.loss 1 missed) $(nth ppp.watch.loss 1 end)"
assert_eq "1 reply" "$(nth ppp.watch.loss 2 missed) $(nth ppp.watch.loss 2 end)"
# Run 1: from echo 6 (2 s) to the answer of echo 8 (4 s); starts at 2 s.
between 1500 3000 "$(rec ppp.watch.loss | head -n 1 | cut -f 5)" "run 1 ms"
between 1500 2600 "$(nth ppp.watch.loss 1 at_ms)" "run 1 start"
assert_match '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:]{8}' \
    "$(nth ppp.watch.loss 1 time)" "wall time"
spike=$(rec ppp.watch.spike | cut -f 5)
between 350 1000 "${spike%.*}" "spike RTT"
assert_eq "ms" "$(col ppp.watch.spike 6)"
assert_rec ppp.watch.summary "$mac" warning "$(col ppp.watch.summary 5)"
between 8500 10500 "$(col ppp.watch.summary 5)" "session lifetime"
assert_eq "ok 0 2 3 2 1" "$(det ppp.watch.summary result) \
$(det ppp.watch.summary drops) $(det ppp.watch.summary loss_runs) \
$(det ppp.watch.summary missed) $(det ppp.watch.summary longest_loss) \
$(det ppp.watch.summary spikes)"
assert_eq "$(det ppp.watch.summary rtt_max)" "$spike" "rtt_max is the spike"
assert_match '^[0-9]+\.[0-9]{3}$' "$(det ppp.watch.summary rtt_median)"
assert_eq "ok" "$(col ppp.hold 4)"
assert_match '^padt=yes lcp_term=yes' "$(col ppp.cleanup 7)"

# The AC drops the session: a PADT, then an LCP Terminate-Request, each
# one drop record with its message; critical.
for how in "padt:2500:Session killed by admin" "lcp:2500:Idle timeout"; do
	ac --after-ipcp "$how"
	probe --user alice --ac-mac "$mac" --grace 300ms --hold 20s --watch
	assert_rc 2 "dropped by ${how%%:*}"
	assert_eq "ppp.watch.drop critical" "$(events)"
	assert_eq "${how%%:*}" "$(det ppp.watch.drop by)"
	assert_eq "${how##*:}" "$(detq ppp.watch.drop msg)"
	between 2000 6000 "$(col ppp.watch.drop 5)" "lived"
	assert_eq "critical dropped 1 0" "$(col ppp.watch.summary 4) \
$(det ppp.watch.summary result) $(det ppp.watch.summary drops) \
$(det ppp.watch.summary loss_runs)"
	assert_eq "$(col ppp.watch.drop 5)" "$(col ppp.watch.summary 5)"
done

# SIGTERM mid-watch, the AC silent from echo 3 on: the open loss run is
# recorded (end=interrupted), the summary follows, the session is closed
# (our LCP Terminate-Request and PADT reach the AC), exit 3.
# Only this AC logs: the others see the flooded frames too.
ac --echo-drop 3:1000 --log "$T/ac.log"
ip netns exec "$CLI" pppoe-probe -i cli0 --no-traffic --user alice --ac-mac "$mac" \
    --grace 0 --hold 60s --watch >"$T/w.out" 2>"$T/w.err" &
pid=$!
wait_for 20 sh -c "[ \$(grep -c 'proto=0xc021 code=9' '$T/ac.log') -ge 5 ]" ||
    fail "no echoes: $(cat "$T/w.err")"
kill -TERM "$pid"
wait "$pid"
rc=$? out=$(cat "$T/w.out") err=$(cat "$T/w.err")
assert_rc 3 "exit after SIGTERM"
assert_eq "ppp.watch.loss warning" "$(events)"
assert_eq "interrupted" "$(det ppp.watch.loss end)"
missed=$(det ppp.watch.loss missed)
between 2 4 "$missed" "missed before SIGTERM"
assert_eq "warning interrupted 0 1 $missed" "$(col ppp.watch.summary 4) \
$(det ppp.watch.summary result) $(det ppp.watch.summary drops) \
$(det ppp.watch.summary loss_runs) $(det ppp.watch.summary missed)"
assert_eq "unknown" "$(col ppp.hold 4)"
assert_match '^padt=yes lcp_term=yes' "$(col ppp.cleanup 7)"
wait_for 5 grep -q '^padt session=' "$T/ac.log" || fail "no PADT at the AC"
grep -q 'proto=0xc021 code=5' "$T/ac.log" || fail "no LCP Terminate-Request"

# --watch without --hold is a usage error.
probe --user alice --watch
assert_rc 3 "usage error"
assert_match 'watch needs --hold' "$err"
