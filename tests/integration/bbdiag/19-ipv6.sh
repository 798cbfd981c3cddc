#!/bin/bash
# IPv6 not provisioned on the BRAS (issue 19 item 4), from pppoe-probe's
# ppp.ipv6cp: critical (the AC speaks IPv6CP and it still fails) is the
# fault; info (Protocol-Reject, or no IPv6CP at all) is the AC's
# configuration and a fault only when the technician says the line is
# dual-stack (ipv6=expected). A healthy IPv4 session with IPv6 info and
# nothing saying IPv6 is expected is no fault. Records are shaped as
# pppoe-probe prints them (tests/integration/pppoe-probe/21-bras-
# ipv6cp.sh, 22-ipv6cp-silent.sh); the full fault records are asserted.
. "$BBT_TOP/tests/lib.sh"
export BBTOOLS_CATALOGUE=$BBT_TOP/src/bbdiag/faults.catalog
t=$'\t'
M=02:00:5e:10:00:01
ID=our_id=5c1e:02ff:fe3a:0001

# sess ID RECORD: pppoe-probe --case ID --user alice, a good CHAP login
# and IPCP, then the ppp.ipv6cp given (fields after the check name).
sess() {
	printf 'case\t%s\tpppoe-probe\t2026-12-06T13:19:25+08:00\n' "$1"
	printf 'check\tlink.carrier\tveth0\tok\tup\t-\toperstate=up mtu=1500\n'
	printf 'check\tpppoe.discovery\tveth0\tok\t1\t-\tpadi_sent=1 timeout_ms=5000 vlan=- other_pppoe=yes filtered=0 result=ok elapsed_ms=250\n'
	printf 'check\tpppoe.pado\t%s\tok\t0.256\tms\tac=bbt-bras services=internet cookie=01020304 relay=- max_payload=- vlan=- dup=0\n' $M
	printf 'check\tpppoe.pads\t%s\tok\t4660\t-\ttime_ms=0 service=internet max_payload=-\n' $M
	printf 'check\tppp.lcp\t%s\tok\t-\t-\tmru=1492 auth=chap result=ok msg=- time_ms=1 sent=1\n' $M
	printf 'check\tppp.auth\talice\tok\tchap\t-\tresult=ok msg="Access granted" time_ms=3\n'
	printf 'check\tppp.ipcp\t%s\tok\t10.64.0.10\t-\tdns1=10.64.0.53 dns2=10.64.0.53 result=ok peer=10.64.0.1 time_ms=6\n' $M
	printf 'check\tppp.ipv6cp\t%s\n' "$2"
	printf 'check\tppp.cleanup\t%s\tok\t4660\t-\tpadt=yes lcp_term=yes\n' $M
}
STEPS=check_ipv6_order,escalate_ipv6
sess prej "$M${t}info$t-$t-$t$ID peer_id=- result=rejected msg=Protocol-Reject" >"$T/prej.rec"
sess silent "$M${t}info$t-$t-$t$ID peer_id=- result=no_reply" >"$T/silent.rec"
sess crit "$M${t}critical$t-$t-$t$ID peer_id=0211:22ff:fe33:4455 result=rejected msg=\"Interface-Identifier option rejected\"" >"$T/crit.rec"
sess term "$M${t}critical$t-$t-$t$ID peer_id=0211:22ff:fe33:4455 result=terminated" >"$T/term.rec"
sess ok "$M${t}ok${t}fe80::5c1e:2ff:fe3a:1$t-$t$ID peer_id=0211:22ff:fe33:4455 result=ok time_ms=7" >"$T/ok.rec"

# An AC without IPv6, nothing saying the line should have it: healthy.
for c in prej silent ok; do
	run bbdiag "$T/$c.rec"
	assert_rc 0 "$c"
	assert_eq "fault${t}$c${t}1${t}none${t}-${t}0.91${t}-${t}-${t}-" "$out" "$c: no fault"
done
# Dual-stack ordered (the technician's word, an alias too): the BRAS.
run bbdiag "$T/prej.rec" ipv6=expected
assert_rc 1 "Protocol-Reject on a dual-stack line"
assert_eq "fault${t}prej${t}1${t}ipv6_not_provisioned${t}op_network${t}0.75${t}ip${t}ipv6=expected,ppp.ipv6cp.result=rejected${t}$STEPS" \
    "$out" "Protocol-Reject, ipv6=expected"
run bbdiag "$T/silent.rec" ipv6=双栈
assert_rc 1 "silence on a dual-stack line"
assert_eq "fault${t}silent${t}1${t}ipv6_not_provisioned${t}op_network${t}0.75${t}ip${t}ipv6=expected,ppp.ipv6cp.result=no_reply${t}$STEPS" \
    "$out" "no IPv6CP, ipv6=双栈"
# IPv4 only as ordered: still healthy.
run bbdiag "$T/prej.rec" ipv6=not_ordered
assert_rc 0 "IPv4 only"
assert_eq "none" "$(cut -f 4 <<<"$out")" "Protocol-Reject, ipv6=not_ordered"
# IPv6CP opened: no IPv6 fault even when expected.
run bbdiag "$T/ok.rec" ipv6=expected
assert_rc 0 "IPv6CP up"
assert_eq "none" "$(cut -f 4 <<<"$out")" "IPv6CP ok, ipv6=expected"

# The AC speaks IPv6CP and refuses it, or takes it back: the fault
# without a word from the technician, who is asked to confirm.
run bbdiag "$T/crit.rec"
assert_rc 1 "crit"
assert_eq "fault${t}crit${t}1${t}ipv6_not_provisioned${t}op_network${t}0.75${t}ip${t}ppp.ipv6cp=critical,?ipv6${t}$STEPS" \
    "$out" "critical, rejected"
run bbdiag "$T/term.rec"
assert_rc 1 "term"
assert_eq "fault${t}term${t}1${t}ipv6_not_provisioned${t}op_network${t}0.75${t}ip${t}ppp.ipv6cp=critical${t}$STEPS" \
    "$out" "critical, terminated"
run bbdiag "$T/crit.rec" ipv6=expected
assert_eq "fault${t}crit${t}1${t}ipv6_not_provisioned${t}op_network${t}0.86${t}ip${t}ppp.ipv6cp=critical,ipv6=expected,ppp.ipv6cp.result=rejected${t}$STEPS" \
    "$out" "critical, ipv6=expected"
# "Not ordered" against the probe's critical: no IPv6 fault is named.
run bbdiag "$T/crit.rec" ipv6=not_ordered
printf '%s\n' "$out" | grep -q ipv6_not_provisioned && fail "not_ordered still names the fault: $out"

# The answer to the customer: on our side, IPv4 works.
run bbdiag --reply "$T/crit.rec"
assert_eq "crit: We are sorry for the trouble. Our check found that the IPv6 part of your service has not been set up on the access server yet; IPv4 works normally. This is on our side: we have arranged the repair and will tell you as soon as it is fixed." \
    "$out" "reply en"
LANGUAGE=zh_CN run bbdiag --reply "$T/crit.rec"
assert_eq "crit: 非常抱歉给您带来不便。经检测，接入服务器上尚未为您的线路开通 IPv6 业务，IPv4 上网正常。这是我方的原因，我们已安排处理，修复后会第一时间通知您。" \
    "$out" "reply zh"
LANGUAGE=zh_CN run bbdiag --format=text "$T/crit.rec"
assert_match '^1\. ipv6_not_provisioned: BRAS 未开通 IPv6$' "$out" "zh name"
assert_match '^     1\) 在业务系统中核对该账号是否已开通双栈（IPv6）。 \[check_ipv6_order\]$' "$out" "zh step"

# Guided mode asks for it on a healthy session with a Protocol-Reject
# (after the questions that could reveal a lower layer), and the answer
# decides.
printf '\n%.0s' {1..30} >"$T/blank"
run bbdiag --ask --top 1 "$T/prej.rec" access=ftth <"$T/blank"
assert_rc 0 "nothing answered"
n=$(printf '%s\n' "$err" | sed -n 's/^.*Question \([0-9]*\) (ipv6): .*$/\1/p')
[ -n "$n" ] || fail "ipv6 never asked: $err"
assert_match "Question $n \\(ipv6\\): Is IPv6 \\(dual-stack\\) ordered for this account\\?" "$err"
{ head -n $((n - 1)) "$T/blank"; echo 1; } >"$T/answers"
run bbdiag --ask --top 1 "$T/prej.rec" access=ftth <"$T/answers"
assert_rc 1 "answered expected"
assert_eq "ipv6_not_provisioned" "$(cut -f 4 <<<"$out")" "--ask: ipv6=expected"
