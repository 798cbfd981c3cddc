#!/bin/bash
# pppoe-probe's first traffic after IPCP (issue 19): ppp.ping, ppp.dns,
# ppp.http as it prints them against the bras-vm accounts (tests/
# integration/pppoe-probe/28-bras-traffic.sh, 29-31): a portal redirect
# is arrears, dead IPCP (or IPv6) resolvers are the operator's DNS, nothing
# passing after a good login is the BRAS's authorisation. Full fault
# records are asserted.
. "$BBT_TOP/tests/lib.sh"
export BBTOOLS_CATALOGUE=$BBT_TOP/src/bbdiag/faults.catalog
t=$'\t'
M=52:54:00:bb:00:01

# sess ID USER ADDR DNS1 DNS2 RECORD...: a good CHAP login and IPCP,
# then the records given (fields after the check name), then cleanup.
sess() {
	local id=$1 u=$2 a=$3 d1=$4 d2=$5 r
	shift 5
	printf 'case\t%s\tpppoe-probe\t2026-12-06T15:19:25+08:00\n' "$id"
	printf 'check\tlink.carrier\ttap0\tok\tup\t-\toperstate=up mtu=1500\n'
	printf 'check\tpppoe.discovery\ttap0\tok\t1\t-\tpadi_sent=1 timeout_ms=5000 vlan=- other_pppoe=yes filtered=0 result=ok elapsed_ms=250\n'
	printf 'check\tpppoe.pado\t%s\tok\t4.672\tms\tac=bbt-bras services=internet cookie=d3c9 relay=- max_payload=- vlan=- dup=0\n' $M
	printf 'check\tpppoe.pads\t%s\tok\t1\t-\ttime_ms=69 service=internet max_payload=-\n' $M
	printf 'check\tppp.lcp\t%s\tok\t-\t-\tmru=1492 auth=chap result=ok msg=- time_ms=855 sent=4 echo_replies=1\n' $M
	printf 'check\tppp.auth\t%s\tok\tchap\t-\tresult=ok msg="Access granted" time_ms=56\n' "$u"
	printf 'check\tppp.ipcp\t%s\tok\t%s\t-\tdns1=%s dns2=%s result=ok peer=10.64.0.1 time_ms=80\n' $M "$a" "$d1" "$d2"
	for r in "$@"; do
		printf 'check\t%s\n' "$r"
	done
	printf 'check\tppp.echo\t%s\tok\t38.886\tms\tsent=4 received=4 rtt_min=2.291 rtt_max=104.076\n' $M
	printf 'check\tppp.cleanup\t%s\tok\t1\t-\tpadt=yes lcp_term=yes\n' $M
}
PING_OK="ppp.ping${t}10.64.0.1${t}ok${t}3.119${t}ms${t}role=peer sent=3 received=3 loss=0 rtt_min=1.783 rtt_max=4.522 ready_ms=106.910 result=ok"
dns_ok() { echo "ppp.dns${t}$1${t}ok${t}10.64.0.1${t}-${t}name=www.bbt.test a=10.64.0.1 aaaa=fd00:64::1 rcode=NOERROR rtt_ms=19.973 result=ok"; }
dns_dead() { echo "ppp.dns${t}$1${t}critical${t}-${t}-${t}name=www.bbt.test a=- aaaa=- result=timeout"; }
HTTP_SKIP="ppp.http${t}http://www.bbt.test/${t}skipped${t}-${t}-${t}after=ppp.dns"

# A good account: no fault.
sess good alice 10.64.0.10 10.64.0.1 10.64.0.2 "$PING_OK" "$(dns_ok 10.64.0.1)" \
    "$(dns_ok 10.64.0.2)" \
    "ppp.http${t}http://www.bbt.test/${t}ok${t}200${t}-${t}host=www.bbt.test addr=10.64.0.1 bytes=326 connect_ms=19.341 ttfb_ms=23.025 time_ms=50.374 result=ok" \
    >"$T/good.rec"
run bbdiag "$T/good.rec"
assert_rc 0 "good"
assert_eq "fault${t}good${t}1${t}none${t}-${t}0.93${t}-${t}-${t}-" "$out" "good: no fault"

# The portal: let in, the GET redirected to the payment page: arrears,
# the customer's account, although ppp.auth is ok.
sess portal portal 10.64.0.20 10.64.0.1 10.64.0.2 "$PING_OK" \
    "$(dns_ok 10.64.0.1)" "$(dns_ok 10.64.0.2)" \
    "ppp.http${t}http://www.bbt.test/${t}critical${t}302${t}-${t}host=www.bbt.test addr=10.64.0.1 bytes=99 connect_ms=1.960 ttfb_ms=167.450 time_ms=201.503 location=http://pay.bbt.test/arrears portal=yes result=redirect" \
    >"$T/portal.rec"
run bbdiag "$T/portal.rec"
assert_rc 1 "portal"
assert_eq "fault${t}portal${t}1${t}auth_arrears${t}cust_account${t}0.75${t}auth${t}ppp.http.portal=yes,?aaa,?auth_msg,?portal,?code${t}customer_pays,wait_mac_lock" \
    "$out" "portal: arrears"
# A redirect on the same host (http to https) is no portal.
sed 's/location=http:\/\/pay.bbt.test\/arrears portal=yes/location=https:\/\/www.bbt.test\/ portal=no/; s/\tcritical\t302/\twarning\t302/' \
    "$T/portal.rec" >"$T/https.rec"
run bbdiag --top 3 "$T/https.rec"
printf '%s\n' "$out" | grep -q auth_arrears && fail "same-host redirect taken for arrears: $out"

# Dead IPCP resolvers while the BRAS answers: the operator's DNS.
sess deadns deadns 10.64.0.21 10.64.0.8 10.64.0.9 "$PING_OK" \
    "$(dns_dead 10.64.0.8)" "$(dns_dead 10.64.0.9)" "$HTTP_SKIP" >"$T/deadns.rec"
run bbdiag "$T/deadns.rec"
assert_rc 1 "deadns"
assert_eq "fault${t}deadns${t}1${t}dns_failure${t}op_network${t}0.78${t}dns${t}ppp.dns=critical,ppp.ping=ok,?qq_ok,?dns.second,?complaint,?dns.mode${t}dns_automatic,second_resolver,escalate_dns" \
    "$out" "deadns: dns_failure, op_network"
# The evidence still missing comes from the tools that ran and the
# technician: after pppoe-probe alone no linecheck record is asked for
# (dns.resolve), after linecheck alone no pppoe-probe record (ppp.dns);
# with both tools' records, linecheck's are again.
printf '%s\n' "$out" | grep -q '?dns.resolve' && fail "linecheck asked after pppoe-probe: $out"
grep -v '^check.ppp\.\|^check.pppoe\.' "$T/deadns.rec" >"$T/lc.rec"
printf 'check\tdns.resolve\t192.168.1.1\tcritical\t-\tms\tname=www.bbt.test rcode=timeout answer=-\n' >>"$T/lc.rec"
run bbdiag "$T/lc.rec"
assert_rc 1 "linecheck's dead resolver"
assert_eq "fault${t}deadns${t}1${t}dns_failure${t}cust_equip${t}0.75${t}dns${t}dns.resolve=critical,dns.resolve.rcode=timeout,?http.get,?qq_ok,?dns.second,?ping.target,?dns.mode${t}dns_automatic,second_resolver,escalate_dns" \
    "$out" "linecheck alone: no ?ppp.dns"
cat "$T/deadns.rec" "$T/lc.rec" | grep -v '^case' | sed '1i case\tboth\tlinecheck\t2026-12-06T15:19:25+08:00' >"$T/both.rec"
run bbdiag "$T/both.rec"
assert_eq "fault${t}both${t}1${t}dns_failure${t}op_network${t}0.87${t}dns${t}dns.resolve=critical,dns.resolve.rcode=timeout,ppp.dns=critical,ppp.ping=ok,?http.get,?qq_ok,?dns.second,?ping.target,?dns.mode${t}dns_automatic,second_resolver,escalate_dns" \
    "$out" "both tools: the operator's resolver, linecheck's evidence asked"
# One of the two dead: still the operator's resolver, weaker.
sess onedead alice 10.64.0.10 10.64.0.1 10.64.0.9 "$PING_OK" \
    "$(dns_ok 10.64.0.1)" "$(dns_dead 10.64.0.9)" \
    "ppp.http${t}http://www.bbt.test/${t}ok${t}200${t}-${t}host=www.bbt.test addr=10.64.0.1 bytes=326 result=ok" >"$T/onedead.rec"
run bbdiag --top 1 "$T/onedead.rec"
assert_match "^fault${t}onedead${t}1${t}dns_failure${t}op_network${t}" "$out" "one dead resolver"

# The IPv6 resolvers of DHCPv6 and the RA (the same ppp.dns, an IPv6
# address as target) are the operator's too: dead while the IPCP ones
# answer, or dead with them.
dns6_dead() { echo "ppp.dns${t}$1${t}critical${t}-${t}-${t}name=www.bbt.test a=- aaaa=- result=$2"; }
HTTP_OK="ppp.http${t}http://www.bbt.test/${t}ok${t}200${t}-${t}host=www.bbt.test addr=10.64.0.1 bytes=326 result=ok"
sess deadns6 alice 10.64.0.10 10.64.0.1 10.64.0.2 "$PING_OK" \
    "$(dns_ok 10.64.0.1)" "$(dns_ok 10.64.0.2)" "$HTTP_OK" \
    "$(dns6_dead 2001:db8:64::58 timeout)" \
    "$(dns6_dead 2001:db8:64::59 unreachable)" >"$T/deadns6.rec"
run bbdiag --top 1 "$T/deadns6.rec"
assert_rc 1 "deadns6"
assert_eq "fault${t}deadns6${t}1${t}dns_failure${t}op_network${t}0.60${t}dns${t}ppp.dns=critical,ppp.ping=ok,?qq_ok,?dns.second,?complaint,?dns.mode${t}dns_automatic,second_resolver,escalate_dns" \
    "$out" "dead IPv6 resolvers: dns_failure, op_network"
sess alldead deadns 10.64.0.21 10.64.0.8 10.64.0.9 "$PING_OK" \
    "$(dns_dead 10.64.0.8)" "$(dns_dead 10.64.0.9)" "$HTTP_SKIP" \
    "$(dns6_dead 2001:db8:64::58 timeout)" \
    "$(dns6_dead 2001:db8:64::59 unreachable)" >"$T/alldead.rec"
run bbdiag --top 1 "$T/alldead.rec"
assert_rc 1 "alldead"
assert_eq "fault${t}alldead${t}1${t}dns_failure${t}op_network${t}0.78${t}dns${t}ppp.dns=critical,ppp.ping=ok,?qq_ok,?dns.second,?complaint,?dns.mode${t}dns_automatic,second_resolver,escalate_dns" \
    "$out" "every resolver dead: dns_failure, op_network"

# Authenticated, an address, then nothing passes: the BRAS's
# authorisation (bandwidth template), not the DNS.
sess dropped dropped 10.64.0.22 10.64.0.1 10.64.0.2 \
    "ppp.ping${t}10.64.0.1${t}critical${t}-${t}-${t}role=peer sent=3 received=0 loss=100 result=no_reply" \
    "$(dns_dead 10.64.0.1)" "$(dns_dead 10.64.0.2)" "$HTTP_SKIP" >"$T/dropped.rec"
run bbdiag --top 2 "$T/dropped.rec"
assert_rc 1 "dropped"
assert_eq "fault${t}dropped${t}1${t}bras_authz_failure${t}op_network${t}0.75${t}auth${t}ppp.ipcp=ok,ppp.ping=critical,?aaa,?code,?auth_msg,?qq_ok${t}escalate_bras
fault${t}dropped${t}2${t}dns_failure${t}op_network${t}0.33${t}dns${t}ppp.dns=critical,!ppp.ping=critical${t}dns_automatic,second_resolver,escalate_dns" \
    "$out" "dropped: bras_authz_failure, the dead resolvers far behind"
exit 0
