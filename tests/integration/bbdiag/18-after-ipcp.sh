#!/bin/bash
# pppoe-probe's records after IPCP (issue 19 item 4, issue 20 item 7):
# ppp.ipcp result=terminated (by= msg= up_ms=: the AC took the session
# back within --grace) or result=no_address, ppp.echo ok|warning (sent=
# received= rtt_min= rtt_max=), ppp.hold result=terminated by= msg= or
# skipped after=ppp.ipcp. The records are shaped as pppoe-probe prints
# them (tests/integration/pppoe-probe/19-after-ipcp.sh, 20-bras-after-
# ipcp.sh); each case's full fault records are asserted.
. "$BBT_TOP/tests/lib.sh"
export BBTOOLS_CATALOGUE=$BBT_TOP/src/bbdiag/faults.catalog
t=$'\t'
M=02:00:5e:10:00:01

# sess ID RECORD...: pppoe-probe --case ID --user alice up to a good
# CHAP login, then the records given (tab-separated fields after the
# check name), then the cleanup.
sess() {
	local id=$1 r
	shift
	printf 'case\t%s\tpppoe-probe\t2026-12-06T13:19:25+08:00\n' "$id"
	printf 'check\tlink.carrier\tveth0\tok\tup\t-\toperstate=up mtu=1500\n'
	printf 'check\tpppoe.discovery\tveth0\tok\t1\t-\tpadi_sent=1 timeout_ms=5000 vlan=- other_pppoe=yes filtered=0 result=ok elapsed_ms=250\n'
	printf 'check\tpppoe.pado\t%s\tok\t0.256\tms\tac=bbt-bras services=internet cookie=01020304 relay=- max_payload=- vlan=- dup=0\n' $M
	printf 'check\tpppoe.pads\t%s\tok\t4660\t-\ttime_ms=0 service=internet max_payload=-\n' $M
	printf 'check\tppp.lcp\t%s\tok\t-\t-\tmru=1492 auth=chap result=ok msg=- time_ms=1 sent=1\n' $M
	printf 'check\tppp.auth\talice\tok\tchap\t-\tresult=ok msg="Access granted" time_ms=3\n'
	for r in "$@"; do
		printf 'check\t%s\n' "$r"
	done
	printf 'check\tppp.cleanup\t%s\tok\t4660\t-\tpadt=yes lcp_term=yes\n' $M
}
# down ID BY MSG: IPCP up, taken back within the grace.
down() {
	sess "$1" "ppp.ipcp$t$M${t}critical${t}10.64.0.10$t-${t}dns1=10.64.0.53 dns2=10.64.0.53 result=terminated peer=10.64.0.1 by=$2 msg=\"$3\" up_ms=206 time_ms=6" \
	    "ppp.echo$t$M${t}ok${t}0.046${t}ms${t}sent=1 received=1 rtt_min=0.046 rtt_max=0.046"
}
IPCP_OK="ppp.ipcp$t$M${t}ok${t}10.64.0.10$t-${t}dns1=10.64.0.53 dns2=10.64.0.53 result=ok peer=10.64.0.1 time_ms=6"
POOL_STEPS=escalate_pool,retry_later

# Naks to the end: no address, the pool (the probe's own words are a
# pool pattern too).
sess nak "ppp.ipcp$t$M${t}critical$t-$t-${t}dns1=- dns2=- result=no_address peer=10.64.0.1 msg=\"no address after 10 Configure-Requests\"" \
    "ppp.hold$t$M${t}skipped$t-$t-${t}after=ppp.ipcp" >"$T/nak.rec"
run bbdiag "$T/nak.rec"
assert_rc 1 "no address"
assert_eq "fault${t}nak${t}1${t}bras_pool_exhausted${t}op_network${t}0.89${t}ip${t}ppp.auth=ok,ppp.ipcp=critical,ppp.ipcp.result=no_address,term_msg=pool,?aaa,?auth_msg,?code,?peak${t}$POOL_STEPS" \
    "$out" "result=no_address"
# Without the text, result=no_address alone still is the pool.
sed 's/ msg="no address after 10 Configure-Requests"//' "$T/nak.rec" >"$T/nak2.rec"
run bbdiag "$T/nak2.rec"
assert_eq "fault${t}nak${t}1${t}bras_pool_exhausted${t}op_network${t}0.85${t}ip${t}ppp.auth=ok,ppp.ipcp=critical,ppp.ipcp.result=no_address,?aaa,?auth_msg,?code,?term_msg${t}$POOL_STEPS" \
    "$out" "result=no_address without msg"

# Taken back after IPCP with an address reason: the pool, in pppd's,
# Chinese and full-width words; the authorisation fault says nothing.
for m in "Unauthorized remote IP address" "地址池耗尽" "用户地址分配失败" \
    "No IP address available" "ＩＰ地址池已满"; do
	down pool ipcp "$m" >"$T/pool.rec"
	run bbdiag "$T/pool.rec"
	assert_rc 1 "$m"
	assert_eq "fault${t}pool${t}1${t}bras_pool_exhausted${t}op_network${t}0.75${t}ip${t}term_msg=pool,?aaa,?auth_msg,?code,?peak${t}$POOL_STEPS" \
	    "$out" "pool: $m"
done

# Taken back with an authorisation reason: the BRAS's authorisation.
for m in "带宽模板不存在" "用户授权失败" "Authorization failed" \
    "No service profile for user" "AAA with authorization data error"; do
	down authz lcp "$m" >"$T/authz.rec"
	run bbdiag "$T/authz.rec"
	assert_rc 1 "$m"
	assert_eq "fault${t}authz${t}1${t}bras_authz_failure${t}op_network${t}0.83${t}auth${t}term_msg=bras_authz,ppp.auth=ok,ppp.ipcp.result=terminated,ppp.ipcp.up_ms=206,?aaa,?code,?auth_msg${t}escalate_bras" \
	    "$out" "authz: $m"
done

# Taken back for no reason another fault names (pppoe-server's PADT
# when the BRAS's pppd is stopped, as in 20-bras-after-ipcp.sh): login
# and IPCP were fine, the BRAS refused the session after them.
down padt padt "RP-PPPoE: Child pppd process terminated" >"$T/padt.rec"
run bbdiag --top 2 "$T/padt.rec"
assert_rc 1 "padt"
assert_eq "fault${t}padt${t}1${t}bras_authz_failure${t}op_network${t}0.67${t}auth${t}ppp.auth=ok,ppp.ipcp.result=terminated,ppp.ipcp.up_ms=206,term_msg=\"RP-PPPoE: Child pppd process terminated\",?aaa,?code,?auth_msg${t}escalate_bras" \
    "$out" "terminated by PADT, reason unknown"
# No msg at all (msg=-): the same.
down padt padt - | sed 's/ msg="-"/ msg=-/' >"$T/padt2.rec"
run bbdiag --top 2 "$T/padt2.rec"
assert_eq "fault${t}padt${t}1${t}bras_authz_failure${t}op_network${t}0.67${t}auth${t}ppp.auth=ok,ppp.ipcp.result=terminated,ppp.ipcp.up_ms=206,?aaa,?code,?auth_msg,?term_msg${t}escalate_bras" \
    "$out" "terminated, msg=-"

# A known reason of another fault wins: the session limit (fakeac's
# "Session limit reached"), neither the pool nor the authorisation.
down limit lcp "Session limit reached" >"$T/limit.rec"
run bbdiag "$T/limit.rec"
assert_rc 1 "session limit"
assert_eq "fault${t}limit${t}1${t}auth_session_limit${t}cust_account${t}0.71${t}auth${t}term_msg=session_limit,ppp.auth=ok,?aaa,?auth_msg,?code,?dialers${t}one_dialer,clear_session" \
    "$out" "terminated: session limit"

# Kept up, echoes answered, then the AC hung up during --hold: frequent
# drops on the BRAS side.
sess hold "$IPCP_OK" \
    "ppp.hold$t$M${t}critical${t}405${t}ms${t}hold_ms=3000 result=terminated echo_replies=0 by=lcp msg=\"Idle timeout\"" \
    "ppp.echo$t$M${t}ok${t}0.238${t}ms${t}sent=3 received=3 rtt_min=0.044 rtt_max=0.366" >"$T/hold.rec"
run bbdiag "$T/hold.rec"
assert_rc 1 "hold"
assert_eq "fault${t}hold${t}1${t}frequent_drops${t}op_network${t}0.75${t}performance${t}ppp.hold=critical,ppp.hold.result=terminated,ppp.echo=ok,?drops,?onu.los_events,?complaint,?cpe.reboots,?dialers${t}match_drop_times,check_cpe_heat,escalate_bras_drop,escalate_gw_loss" \
    "$out" "hold terminated, echoes answered"
# Its answer to the customer is on our side.
run bbdiag --reply "$T/hold.rec"
assert_match '^hold: We are sorry for the trouble\. Our check found that the connection drops from time to time\. This is on our side' "$out" "reply"
# The AC hung up and none of our echoes was answered: the line is not
# cleared, the default side (the access line) stays.
sed 's/\tok\t0.238\tms\tsent=3 received=3 rtt_min=0.044 rtt_max=0.366/\twarning\t-\tms\tsent=3 received=0/' \
    "$T/hold.rec" >"$T/hold-noecho.rec"
run bbdiag "$T/hold-noecho.rec"
assert_rc 1 "hold, no echo"
assert_eq "fault${t}hold${t}1${t}frequent_drops${t}access_line${t}0.78${t}performance${t}ppp.hold=critical,ppp.hold.result=terminated,ppp.echo=warning,?drops,?onu.los_events,?complaint,?cpe.reboots,?dialers${t}match_drop_times,check_cpe_heat,escalate_bras_drop,escalate_gw_loss" \
    "$out" "hold terminated, no echo answered"

# Up, no echo answered, nothing else wrong: evidence, weighed modestly
# (2 < min_score 3): frequent drops suspected, not established, on the
# default side; not a healthy line.
sess echo "$IPCP_OK" "ppp.echo$t$M${t}warning$t-${t}ms${t}sent=4 received=0" >"$T/echo.rec"
run bbdiag --top 2 "$T/echo.rec"
assert_rc 1 "echo warning"
assert_eq "fault${t}echo${t}1${t}frequent_drops${t}access_line${t}0.50${t}performance${t}ppp.echo=warning,?drops,?ppp.hold,?onu.los_events,?complaint,?dialers${t}match_drop_times,check_cpe_heat,escalate_bras_drop,escalate_gw_loss" \
    "$out" "echo warning alone"
# With the customer's word that the line drops it tips the balance.
run bbdiag --top 1 "$T/echo.rec" drops=yes
assert_eq "fault${t}echo${t}1${t}frequent_drops${t}access_line${t}0.78${t}performance${t}drops=yes,ppp.echo=warning,?ppp.hold,?onu.los_events,?complaint,?cpe.reboots,?dialers${t}match_drop_times,check_cpe_heat,escalate_bras_drop,escalate_gw_loss" \
    "$out" "echo warning and drops=yes"

# The hold skipped after a terminated IPCP is no drop: frequent_drops is
# not among the candidates.
down skip lcp "Idle timeout" | sed "/^check${t}ppp.echo/i check${t}ppp.hold$t$M${t}skipped$t-$t-${t}after=ppp.ipcp" >"$T/skip.rec"
run bbdiag --top 5 "$T/skip.rec"
assert_eq 1 "$(grep -c "${t}ppp.hold${t}" "$T/skip.rec")" "skip.rec has the skipped hold"
printf "%s\n" "$out" | grep -q frequent_drops && fail "frequent_drops after a skipped hold: $out"

# The technician's reading of a router log ("LCP terminated by peer
# (...)") is the same evidence, in Chinese too.
run bbdiag --top 1 'term_msg="LCP terminated by peer (Unauthorized remote IP address)"'
assert_eq "bras_pool_exhausted" "$(cut -f 4 <<<"$out")" "term_msg typed"
LANGUAGE=zh_CN run bbdiag --format=text --top 1 "$T/authz.rec"
assert_match '^1\. bras_authz_failure: AAA 通过但 BRAS 拒绝$' "$out" "zh text"

# Guided mode asks for that reason when it decides: a 734 (the AC ended
# the link) is the pool until the router log says otherwise.
qs() { printf '%s\n' "$err" | grep -o 'Question [0-9]* ([a-z._]*)' | tr '\n' ' '; }
run bbdiag --ask --top 1 code=734 <<<$'ftth\n\n\n\n\n"带宽模板不存在"\nq'
assert_eq "Question 1 (access) Question 2 (rx_power) Question 3 (area) Question 4 (aaa) Question 5 (auth_msg) Question 6 (term_msg) " "$(qs)"
assert_match 'Question 6 \(term_msg\): Did the connection come up and drop at once\? What reason does the router log give \("terminated by peer \.\.\."\)\? Quote it as it is\.' "$err"
assert_eq "fault${t}-${t}1${t}bras_authz_failure${t}op_network${t}0.75${t}auth${t}term_msg=bras_authz,?aaa,?ppp.auth,?ppp.ipcp,?auth_msg${t}escalate_bras" \
    "$out" "--ask: term_msg"
