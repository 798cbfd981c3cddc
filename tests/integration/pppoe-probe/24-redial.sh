#!/bin/bash
# --watch --redial[=N] (issue 21 item 2): after the AC drops the session
# a new one is dialled after a 2 s pause, at most N times; each dial is a
# ppp.watch.redial record timed PADI to IPCP up, between the drops, and
# the summary counts both. A signal in the pause ends the run at once,
# with the summary, and no redial.
. "$BBT_TOP/tests/lib.sh"
. "$BBT_TOP/tests/lab/pppoe-probe/lab.sh"
. "$BBT_TOP/tests/lab/pppoe-probe/assert.sh"
lab_init
export PPPOE_PASSWORD=secret

events() {
	printf '%s\n' "$out" | awk -F'\t' '$2 ~ /^ppp\.watch\./ &&
	    $2 != "ppp.watch.summary" { print $2, $4 }'
}
between() {	# LO HI VALUE WHAT
	[ "$3" -ge "$1" ] && [ "$3" -le "$2" ] ||
	    fail "$4: $3 not in $1..$2"
}

# Every session of this AC is taken back 1.5 s after IPCP; one redial.
lab_fake --ppp --after-ipcp "padt:1500:Session killed" --log "$T/ac.log"
mac=$LAB_AC_MAC
probe --user alice --ac-mac "$mac" --grace 300ms --hold 10s --watch \
    --redial=1
assert_rc 2 "dropped twice"
assert_eq "ppp.watch.drop critical
ppp.watch.redial ok
ppp.watch.drop critical" "$(events)" "drop, redial, drop"
assert_eq "1 ok" "$(det ppp.watch.redial redial) $(det ppp.watch.redial result)"
between 0 3000 "$(col ppp.watch.redial 5)" "PADI to IPCP up"
# The redial starts after the first drop (1.5 s) and the pause (2 s).
between 3000 6000 "$(det ppp.watch.redial at_ms)" "redial PADI"
# Each session lived ~1.5 s; the summary spans both, pause included.
rec ppp.watch.drop | cut -f 5 | while read -r lived; do
	between 1000 3000 "$lived" "lived"
done
assert_eq "critical dropped 2 1" "$(col ppp.watch.summary 4) \
$(det ppp.watch.summary result) $(det ppp.watch.summary drops) \
$(det ppp.watch.summary redials)"
between 4500 9000 "$(col ppp.watch.summary 5)" "watched"
# Two sessions, both closed by the AC: two PADIs, no PADT of ours.
assert_eq 2 "$(grep -c '^padi' "$T/ac.log")" "PADIs"
assert_match '^padt=peer ' "$(col ppp.cleanup 7)"

# SIGTERM in the pause: no redial, the summary, exit 3.
ip netns exec "$CLI" pppoe-probe -i cli0 --user alice --ac-mac "$mac" \
    --grace 300ms --hold 30s --watch --redial >"$T/w.out" 2>"$T/w.err" &
pid=$!
wait_for 15 grep -q 'ppp.watch.drop' "$T/w.out" ||
    fail "no drop: $(cat "$T/w.err")"
kill -TERM "$pid"
wait "$pid"
rc=$? out=$(cat "$T/w.out") err=$(cat "$T/w.err")
assert_rc 3 "exit after SIGTERM in the pause"
assert_eq "ppp.watch.drop critical" "$(events)"
assert_eq "dropped 1 0" "$(det ppp.watch.summary result) \
$(det ppp.watch.summary drops) $(det ppp.watch.summary redials)"

# --redial without --watch, or out of range: usage errors.
probe --user alice --hold 1s --redial
assert_rc 3 "--redial without --watch"
assert_match 'redial needs --watch' "$err"
probe --user alice --hold 1s --watch --redial=0
assert_rc 3 "--redial=0"

# An AC that takes no new session after the drop: each redial fails at
# discovery, recorded when its dial is over; both tries are used.
lab_fake --ppp --after-ipcp "lcp:1000:Admin reset" --answer-padi 1
mac=$LAB_AC_MAC
probe --user alice --ac-mac "$mac" --grace 300ms --hold 30s --watch \
    --redial=2 -t 1s
assert_rc 2 "redials failed"
assert_eq "ppp.watch.drop critical
ppp.watch.redial critical
ppp.watch.redial critical" "$(events)" "drop, two failed redials"
assert_eq "1 2" "$(rec ppp.watch.redial | cut -f 7 | tr ' ' '\n' |
    sed -n 's/^redial=//p' | tr '\n' ' ' | sed 's/ $//')"
assert_eq "failed pppoe.discovery" "$(det ppp.watch.redial result) \
$(det ppp.watch.redial failed_at)"
assert_eq "-" "$(col ppp.watch.redial 5)" "no time without IPCP"
assert_eq "critical dropped 1 2" "$(col ppp.watch.summary 4) \
$(det ppp.watch.summary result) $(det ppp.watch.summary drops) \
$(det ppp.watch.summary redials)"
assert_eq "0 filtered" "$(col pppoe.discovery 5) $(det pppoe.discovery result)"
