#!/bin/bash
# After IPCP (issue 19): the session is kept for --grace (default 1 s)
# before any --hold, timed with our own LCP Echo-Requests (ppp.echo);
# an AC that takes it back within the grace (IPCP or LCP
# Terminate-Request, PADT) makes ppp.ipcp critical, result=terminated
# with its reason; later, during --hold, ppp.hold says so; Naks that
# never give an address are result=no_address. fakeac.py is the PPP peer
# (pppoe-server's pppd cannot run without kernel PPP on this host).
. "$BBT_TOP/tests/lib.sh"
. "$BBT_TOP/tests/lab/pppoe-probe/lab.sh"
. "$BBT_TOP/tests/lab/pppoe-probe/assert.sh"
lab_init
export PPPOE_PASSWORD=secret

# ac ARGS: a fresh fakeac PPP peer; the probes pick it with --ac-mac.
ac() { lab_fake --ppp "$@"; mac=$LAB_AC_MAC; }
sess() { probe --user alice --ac-mac "$mac" "$@"; }

# Up and kept: echoes answered, timed; the whole run is OK.
ac
sess --grace 600ms
assert_rc 0
assert_rec ppp.ipcp "$mac" ok 10.64.0.10
assert_eq "ok" "$(det ppp.ipcp result)"
assert_eq "10.64.0.53" "$(det ppp.ipcp dns1)"
assert_rec ppp.echo "$mac" ok "$(col ppp.echo 5)"
assert_match '^[0-9]+\.[0-9]{3}$' "$(col ppp.echo 5)" "echo RTT"
# One every 250 ms in the grace (0, 250, 500 ms; fewer on a slow host).
sent=$(det ppp.echo sent)
[ "$sent" -ge 2 ] && [ "$sent" -le 3 ] || fail "$sent Echo-Requests in 600 ms"
assert_eq "$sent" "$(det ppp.echo received)" "every echo answered"
assert_match '^padt=yes lcp_term=yes' "$(col ppp.cleanup 7)"
# Without a grace: no watch, no echo.
sess --grace 0
assert_rc 0
assert_eq "" "$(rec ppp.echo)" "no ppp.echo with --grace 0"

# Taken back within the grace, three ways: critical, with the reason.
ac --after-ipcp "ipcp:200:No more addresses"
sess
assert_rc 2
assert_rec ppp.ipcp "$mac" critical 10.64.0.10
assert_eq "terminated ipcp" "$(det ppp.ipcp result) $(det ppp.ipcp by)"
assert_eq "No more addresses" "$(detq ppp.ipcp msg)"
assert_match '^padt=yes lcp_term=yes' "$(col ppp.cleanup 7)"
ac --after-ipcp "lcp:200:Session limit reached"
sess --hold 5s
assert_rc 2
assert_rec ppp.ipcp "$mac" critical 10.64.0.10
assert_eq "terminated lcp" "$(det ppp.ipcp result) $(det ppp.ipcp by)"
assert_eq "Session limit reached" "$(detq ppp.ipcp msg)"
assert_eq "check	ppp.hold	$mac	skipped	-	-	after=ppp.ipcp" "$(rec ppp.hold)"
ac --after-ipcp "padt:200:RP-PPPoE: Child pppd process terminated"
sess
assert_rc 2
assert_eq "terminated padt" "$(det ppp.ipcp result) $(det ppp.ipcp by)"
assert_eq "RP-PPPoE: Child pppd process terminated" "$(detq ppp.ipcp msg)"
assert_match '^padt=peer ' "$(col ppp.cleanup 7)"

# Taken back after the grace, during --hold: IPCP was fine, the hold not.
ac --after-ipcp "lcp:700:Idle timeout"
sess --grace 300ms --hold 3s
assert_rc 2
assert_rec ppp.ipcp "$mac" ok 10.64.0.10
assert_eq "critical terminated lcp" "$(col ppp.hold 4) $(det ppp.hold result) $(det ppp.hold by)"
assert_eq "Idle timeout" "$(detq ppp.hold msg)"

# Naks with 0.0.0.0 to the end: no address, said so.
ac --ipcp-nak-loop
sess
assert_rc 2
assert_eq "check	ppp.ipcp	$mac	critical	-	-	dns1=- dns2=- result=no_address peer=10.64.0.1 msg=\"no address after 10 Configure-Requests\"" "$(rec ppp.ipcp)"
assert_eq "" "$(rec ppp.echo)" "no echo without IPCP"
