#!/bin/bash
# --watch --redial against a real BRAS (bras-vm, pppd 2.4.9): pppd killed
# in the guest once alice's first session is up, as an operator or a
# RADIUS disconnect would; pppoe-server's PADT is the one drop record,
# the redial brings a new session up (one redial record, timed), SIGTERM
# then ends the watch: the summary counts one drop and one redial, the
# second session is closed by us, and the BRAS is back to 0 sessions.
. "$BBT_TOP/tests/lib.sh"
. "$BBT_TOP/tests/lab/pppoe-probe/assert.sh"
. "$BBT_TOP/tests/lab/pppoe-probe/vm.sh"
vm_init
sd=$T/bras
vm_start "$sd" --auth chap
mac=$(sed -n 's/^mac=//p' "$sd/config")

"$BRAS" exec "$sd" 'i=0; until ip -4 addr show | grep -q "peer 10.64.0.10"; do
	i=$((i + 1)); [ $i -lt 300 ] || exit 1; usleep 100000; done
	kill -TERM $(pidof pppd)' >"$T/exec.out" 2>&1 &
killer=$!
PPPOE_PASSWORD=alice-pass ip netns exec "$CLI" pppoe-probe -i tap0 \
    -u alice --grace 300ms --hold 120s --watch --redial=1 \
    >"$T/w.out" 2>"$T/w.err" &
pid=$!
at_exit "kill $pid"
wait "$killer" || fail "the guest never saw IPCP up: $(cat "$T/exec.out")"
wait_for 40 grep -q 'ppp.watch.redial' "$T/w.out" ||
    fail "no redial: $(cat "$T/w.err")"
vm_session_free "$sd" 1
kill -TERM "$pid"
wait "$pid"
rc=$? out=$(cat "$T/w.out") err=$(cat "$T/w.err")
assert_rc 3 "SIGTERM after the redial"
assert_eq "ppp.watch.drop critical
ppp.watch.redial ok" "$(printf '%s\n' "$out" | awk -F'\t' '
    $2 ~ /^ppp\.watch\./ && $2 != "ppp.watch.summary" { print $2, $4 }')"
assert_eq "padt" "$(det ppp.watch.drop by)"
assert_eq "RP-PPPoE: Child pppd process terminated" "$(detq ppp.watch.drop msg)"
assert_eq "1 ok" "$(det ppp.watch.redial redial) $(det ppp.watch.redial result)"
[ "$(col ppp.watch.redial 5)" -ge 0 ] && [ "$(col ppp.watch.redial 5)" -lt 30000 ] ||
    fail "redial took $(col ppp.watch.redial 5) ms"
assert_eq "critical dropped 1 1" "$(col ppp.watch.summary 4) \
$(det ppp.watch.summary result) $(det ppp.watch.summary drops) \
$(det ppp.watch.summary redials)"
[ "$(det ppp.watch.summary echo_rcvd)" -ge 1 ] || fail "$(rec ppp.watch.summary)"
assert_eq "ok" "$(det ppp.ipcp result)" "the second session's IPCP"
assert_eq "padt=yes lcp_term=yes" "$(col ppp.cleanup 7)"
vm_session_free "$sd"
