#!/bin/bash
# Against a real BRAS (bras-vm: pppd 2.4.9 logs every packet) limited to
# two sessions: two sessions held with --hold fill it, and a third
# PADR gets pppoe-server's AC-System-Error verbatim. pppd's log proves
# what unit tests can only script: it received our Echo-Reply, IPv6CP
# stayed open through the hold with its IPv6 packets never refused
# (issue 19; before, we Protocol-Rejected IPV6CP), and after a CHAP
# Failure followed by a Terminate-Request we give one verdict. A session
# held 31 s outlives pppd's keepalive check (lcp-echo-interval 10,
# lcp-echo-failure 3: a peer that does not answer is dropped 30 s after
# LCP opened). Every session ends: SIGTERM during a hold, the end of a
# hold, a refusal.
. "$BBT_TOP/tests/lib.sh"
. "$BBT_TOP/tests/lab/pppoe-probe/assert.sh"
. "$BBT_TOP/tests/lab/pppoe-probe/vm.sh"
vm_init
sd=$T/bras
vm_start "$sd" --auth chap --max-sessions 2
mac=$(sed -n 's/^mac=//p' "$sd/config")

# hold N USER SECONDS: a probe holding a session in the background.
hold() {
	PPPOE_PASSWORD=$2-pass ip netns exec "$CLI" pppoe-probe -i tap0 -v \
	    -u "$2" --hold "$3" >"$T/h$1.out" 2>"$T/h$1.err" &
	eval "hpid$1=$!"
	at_exit "kill $!"
}
hold 1 alice 31s
hold 2 bob 60s
for i in 1 2; do
	wait_for 30 grep -q 'is up, holding it' "$T/h$i.err" ||
	    fail "session $i did not come up: $(cat "$T/h$i.err")"
done
assert_eq 2 "$("$BRAS" sessions "$sd")" "two held sessions"

# The AC is full: PADS with AC-System-Error, reported verbatim.
PPPOE_PASSWORD=x run_in "$CLI" pppoe-probe -i tap0 -u carol
assert_rc 2 "full AC"
assert_rec pppoe.pads "$mac" critical 0
assert_eq "AC-System-Error" "$(det pppoe.pads error)"
assert_eq "RP-PPPoE: Server: No client slots available" "$(detq pppoe.pads msg)"
assert_eq "check	ppp.lcp	$mac	skipped	-	-	after=pppoe.pads" "$(rec ppp.lcp)"
assert_eq "" "$(rec ppp.cleanup)" "no session, no cleanup"
PPPOE_PASSWORD=x run_in "$CLI" pppoe-probe -i tap0 -u carol --format summary
assert_rc 2
assert_match '^PPPOE-PROBE CRITICAL - pppoe.pads [0-9a-f:]+: AC-System-Error' "$out"

# SIGTERM during a hold: reported, and the session closed.
kill -TERM "$hpid2"
wait "$hpid2"
rc=$?
out=$(cat "$T/h2.out") err=$(cat "$T/h2.err")
assert_rc 3 "SIGTERM during --hold"
assert_rec ppp.ipcp "$mac" ok 10.64.0.11
assert_eq "unknown interrupted" "$(col ppp.hold 4) $(det ppp.hold result)"
assert_eq "padt=yes lcp_term=yes" "$(col ppp.cleanup 7)"
# pppoe-server frees the slot when bob's pppd has exited, after our
# PADT: until then the AC is still full.
vm_session_free "$sd" 1

# A refusal while alice is still held: CHAP Failure "Access denied",
# then at once LCP Terminate-Request "Authentication failed"; one
# verdict, the Failure's text, and LCP itself was fine.
PPPOE_PASSWORD=wrong run_in "$CLI" pppoe-probe -i tap0 -u bob
assert_rc 2 "wrong password"
assert_eq 1 "$(rec ppp.auth | wc -l)" "one ppp.auth record"
assert_rec ppp.auth bob critical chap
assert_eq "rejected Access denied" "$(det ppp.auth result) $(detq ppp.auth msg)"
assert_eq "ok -" "$(det ppp.lcp result) $(det ppp.lcp msg)"
assert_eq "check	ppp.ipcp	$mac	skipped	-	-	after=ppp.auth" "$(rec ppp.ipcp)"
# We wait one Restart time after our Terminate-Ack (RFC 1661 §3.7):
# pppd may exit and its AC send the PADT first.
assert_match '^padt=(yes|peer) lcp_term=(peer|yes)' "$(col ppp.cleanup 7)"
pid=$(vm_pppd_pid "$sd" "$(col pppoe.pads 5)")
log=$(vm_pppd_log "$sd" "$pid")
assert_match 'sent \[CHAP Failure id=0x[0-9a-f]+ "Access denied"\]' "$log"
assert_match 'sent \[LCP TermReq id=0x[0-9a-f]+ "Authentication failed"\]' "$log"
assert_match 'rcvd \[LCP TermAck id=' "$log" "pppd got our Terminate-Ack"

# alice's hold runs out: the session stayed up through pppd's echo
# checks at 10, 20 and 30 s. pppd logs echoes only before the network
# phase (id 0, sent as LCP opens); its reply must carry our magic.
wait "$hpid1"
rc=$?
out=$(cat "$T/h1.out") err=$(cat "$T/h1.err")
assert_rc 0 "alice held 31 s"
assert_rec ppp.ipcp "$mac" ok 10.64.0.10
assert_eq "ok ok 31000" \
    "$(col ppp.hold 4) $(det ppp.hold result) $(det ppp.hold hold_ms)"
[ "$(col ppp.hold 5)" -ge 31000 ] || fail "held only $(col ppp.hold 5) ms"
echoes=$(det ppp.hold echo_replies)
[ "$echoes" -ge 3 ] || fail "only $echoes Echo-Reply sent in 31 s"
assert_eq "padt=yes lcp_term=yes" "$(col ppp.cleanup 7)"
pid=$(vm_pppd_pid "$sd" "$(col pppoe.pads 5)")
log=$(vm_pppd_log "$sd" "$pid")
magic=$(sed -n 's/.*rcvd \[LCP ConfReq id=.*<magic \(0x[0-9a-f]*\)>.*/\1/p' <<<"$log" | tail -n 1)
[ -n "$magic" ] || fail "no Configure-Request of ours in pppd's log"
assert_match "sent \\[LCP EchoReq id=0x0 magic=0x[0-9a-f]+\\]" "$log"
assert_match "rcvd \\[LCP EchoRep id=0x0 magic=$magic\\]" "$log" "our Echo-Reply"
assert_match 'rcvd \[IPV6CP ConfAck id=' "$log" "IPv6CP opened"
assert_nomatch 'rcvd \[LCP ProtRej' "$log" "IPv6 refused during the hold"
assert_match 'rcvd \[IPV6CP TermReq id=0x[0-9a-f]+ "done"\]' "$log"
assert_nomatch 'No response to|appears to be disconnected' "$log"
assert_match 'rcvd \[LCP TermReq id=0x[0-9a-f]+ "done"\]' "$log"

vm_session_free "$sd"
