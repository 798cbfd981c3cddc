#!/bin/bash
# The IPv6 gaps after IPv6CP (issue 19 item 4), from pppoe-probe's
# ipv6.ra, dhcp6.na and dhcp6.pd: no Router Advertisement is ipv6_no_ra,
# no delegated prefix (NoPrefixAvail, or DHCPv6 silent) is ipv6_no_pd,
# both on the operator's side. A dual-stack session with its RA,
# address and prefix is healthy; "IPv6 not ordered" clears both.
# Records are those of tests/integration/pppoe-probe/27-bras-ipv6.sh.
. "$BBT_TOP/tests/lib.sh"
export BBTOOLS_CATALOGUE=$BBT_TOP/src/bbdiag/faults.catalog
t=$'\t'
M=52:54:00:bb:00:01
RA_OK="ok${t}fe80::410e:21b3:df08:eb73$t-${t}prefix=2001:db8:64::/64 lifetime=300 managed=no other=yes slaac=yes mtu=1492 dns=2001:db8:64::53,2001:db8:64::54 time_ms=244 result=ok onlink=yes valid=86400 preferred=14400 prefixes=1 dns_lifetime=600 rs_sent=1"
RA_NO="critical$t-$t-${t}result=no_ra rs_sent=1"
NA_OK="ok${t}2001:db8:64::100$t-${t}result=ok preferred=1800 valid=3600 t1=900 t2=1440 dns=2001:db8:64::53,2001:db8:64::54 server=0001000132a7caa1525400bb0001 rapid_commit=no released=yes time_ms=233"
PD_OK="ok${t}2001:db8:65::/56$t-${t}result=ok preferred=1800 valid=3600 t1=900 t2=1440 dns=2001:db8:64::53,2001:db8:64::54 server=0001000132a7caa1525400bb0001 rapid_commit=no released=yes time_ms=233"
PD_NOPFX="critical$t-$t-${t}result=NoPrefixAvail dns=2001:db8:64::53,2001:db8:64::54 server=0001000132a7caa1525400bb0001 rapid_commit=no"

# sess ID RA NA PD: a good PAP login, IPCP and IPv6CP, then the three.
sess() {
	printf 'case\t%s\tpppoe-probe\t2026-12-06T15:19:25+08:00\n' "$1"
	printf 'check\tpppoe.pads\t%s\tok\t1\t-\ttime_ms=6 service=internet max_payload=-\n' $M
	printf 'check\tppp.lcp\t%s\tok\t-\t-\tmru=1492 auth=pap result=ok msg=- time_ms=190 sent=2\n' $M
	printf 'check\tppp.auth\talice\tok\tpap\t-\tresult=ok msg="Login ok" time_ms=6\n'
	printf 'check\tppp.ipcp\t%s\tok\t10.64.0.10\t-\tdns1=10.64.0.1 dns2=10.64.0.2 result=ok peer=10.64.0.1 time_ms=33\n' $M
	printf 'check\tppp.ipv6cp\t%s\tok\tfe80::c999:7f75:c289:5dfa\t-\tour_id=c999:7f75:c289:5dfa peer_id=410e:21b3:df08:eb73 result=ok time_ms=11\n' $M
	printf 'check\tipv6.ra\t%s\t%s\n' $M "$2"
	printf 'check\tdhcp6.na\t%s\t%s\n' $M "$3"
	printf 'check\tdhcp6.pd\t%s\t%s\n' $M "$4"
	printf 'check\tppp.cleanup\t%s\tok\t1\t-\tpadt=yes lcp_term=yes\n' $M
}
sess ok "$RA_OK" "$NA_OK" "$PD_OK" >"$T/ok.rec"
sess nopd "$RA_OK" "$NA_OK" "$PD_NOPFX" >"$T/nopd.rec"
sess nora "$RA_NO" "$NA_OK" "$PD_OK" >"$T/nora.rec"
sess silent "$RA_OK" "info$t-$t-${t}result=no_reply solicits=3" \
    "critical$t-$t-${t}result=no_reply solicits=3" >"$T/silent.rec"
sess silent6 "$RA_NO" "critical$t-$t-${t}result=no_reply solicits=3" \
    "critical$t-$t-${t}result=no_reply solicits=3" >"$T/silent6.rec"

run bbdiag "$T/ok.rec"
assert_rc 0 "dual stack"
assert_eq none "$(cut -f 4 <<<"$out")" "RA, address and prefix: no fault"

run bbdiag "$T/nopd.rec"
assert_rc 1 "NoPrefixAvail"
assert_eq "fault${t}nopd${t}1${t}ipv6_no_pd${t}op_network${t}0.80${t}ip${t}dhcp6.pd=critical,dhcp6.pd.result=NoPrefixAvail${t}check_ipv6_order,escalate_pd" \
    "$out" "NoPrefixAvail"

run bbdiag "$T/nora.rec"
assert_rc 1 "no RA"
assert_eq "fault${t}nora${t}1${t}ipv6_no_ra${t}op_network${t}0.75${t}ip${t}ipv6.ra=critical${t}check_ipv6_order,escalate_ra" \
    "$out" "no RA"

# DHCPv6 silent: no prefix; the address is SLAAC's (info) and is no
# evidence; without the RA too, both faults, the prefix first.
run bbdiag "$T/silent.rec"
assert_rc 1 "silent"
assert_eq "ipv6_no_pd dhcp6.pd=critical" "$(cut -f 4,8 <<<"$out" | tr '\t' ' ')"
run bbdiag "$T/silent6.rec"
assert_rc 1 "silent, no RA"
assert_eq "ipv6_no_pd dhcp6.pd=critical,dhcp6.na=critical
ipv6_no_ra ipv6.ra=critical" "$(cut -f 4,8 <<<"$out" | tr '\t' ' ')"

# IPv6 not ordered for the account: neither is a fault.
run bbdiag "$T/nopd.rec" ipv6=not_ordered
printf '%s\n' "$out" | grep -q ipv6_no_pd && fail "not_ordered still names ipv6_no_pd: $out"
run bbdiag "$T/nora.rec" ipv6=not_ordered
printf '%s\n' "$out" | grep -q ipv6_no_ra && fail "not_ordered still names ipv6_no_ra: $out"

# The technician's steps and the customer's answer, in Chinese.
LANGUAGE=zh_CN run bbdiag --format=text "$T/nopd.rec"
assert_match '^1\. ipv6_no_pd: 未分配 IPv6 前缀（DHCPv6-PD）$' "$out" "zh name"
assert_match '上报 BRAS 维护，检查该账号所在域的 PD 前缀池和 DHCPv6 服务。 \[escalate_pd\]$' "$out" "zh step"
LANGUAGE=zh_CN run bbdiag --reply "$T/nora.rec"
assert_eq "nora: 非常抱歉给您带来不便。经检测，接入服务器尚未为您的线路发布 IPv6 路由，IPv4 上网正常。这是我方的原因，我们已安排处理，修复后会第一时间通知您。" \
    "$out" "reply zh"
