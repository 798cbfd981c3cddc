#!/bin/bash
# The facts of domain.md §3 a technician has (issue 20 item 6): each key
# is in the catalogue with a question for --ask (en and zh), listed by
# --list (which the completions read), and read by a rule that changes
# the verdict.
. "$BBT_TOP/tests/lib.sh"
keys="complaint pc.proxy pc.winsock_reset pc.third_party pc.os cpe.mode
    router2_dhcp cpe.reboots light.internet onu.pon_type onu.auth
    onu.los_events dsl.attainable dsl.fec dsl.loop_ohm splitter_bypass
    cable_test history changed_by dns.mode dns.second iptv.port iptv.account"

run bbdiag --list=keys
for k in $keys; do
	printf '%s\n' "$out" | awk -F'\t' -v k="$k" '$1 == k && $3 != "-" { f = 1 } END { exit !f }' ||
	    fail "$k: not a key with a question"
done
LANGUAGE=zh_CN run bbdiag --list=keys
assert_match '^cable_test	enum	测线仪的测试结果是什么？$' "$out" "zh question"
run bbdiag --list=values
assert_match '^cable_test=pairs_missing	Only two pairs connected$' "$out"
# The completions offer what --list=values lists.
grep -q -- '--list=values' "$BBT_TOP/completions/bash/bbdiag" || fail "bash completion"

# Every key moves a verdict: with it, and (where it matters) against.
v() {	# EXPECTED WHAT OPERANDS...
	local want=$1 what=$2; shift 2
	run bbdiag --top 1 "$@"
	assert_eq "$want" "$(printf '%s\n' "$out" | cut -f 4,5 | tr '\t' ' ')" "$what"
}
v "http_fails_dns_ok cust_equip" "proxy" complaint=no_internet pc.proxy=yes
v "client_stack_broken cust_equip" "Winsock reset fixed it" complaint=no_internet pc.winsock_reset=fixed
v "client_dialer_fault cust_equip" "third-party dialer" code=619 pc.third_party=dialer
v "pppoe_no_pado access_line" "815 on Vista" code=815 pc.os=vista
v "pppoe_no_pado op_equip" "routing ONU, INTERNET off" access=ftth cpe.mode=router light.internet=off light.pon=on
v "rogue_dhcp cust_equip" "second router with DHCP" access=lan router2_dhcp=on
v "frequent_drops op_equip" "CPE reboots" drops=yes cpe.reboots=yes
v "onu_unregistered op_equip" "EPON ONU on GPON" access=ftth onu.pon_type=mismatch
v "onu_unregistered op_equip" "wrong LOID" access=ftth onu.auth=wrong
v "onu_unregistered op_equip" "new install, PON blinking" access=ftth history=new_install light.pon=blink
v "frequent_drops access_line" "LOS events" access=ftth onu.los_events=many drops=yes
v "adsl_low_rate access_line" "attainable below plan" access=adsl dsl.attainable=3 plan=8
v "adsl_low_rate access_line" "loop resistance [S16]" access=adsl dsl.loop_ohm=950 plan=4
v "adsl_unstable_sync access_line" "FEC rising" access=adsl dsl.fec=rising dsl.crc=rising
v "adsl_unstable_sync access_line" "splitter bypass fixes retrains" access=adsl dsl.sync=retrains splitter_bypass=fixed
v "eth_no_link cust_equip" "tester: open" light.lan=off cable_test=open
v "eth_speed_degraded cust_equip" "tester: two pairs" cable_test=pairs_missing
v "auth_binding_mismatch op_equip" "port change" aaa=绑定校验错 history=port_change
v "auth_binding_mismatch cust_account" "changed by the customer" aaa=绑定校验错 changed_by=customer
v "dns_failure op_network" "second resolver answers" complaint=no_internet qq_ok=yes dns.mode=auto dns.second=ok
v "iptv_no_service cust_account" "IPTV account" iptv=no_epg iptv.account=suspended
v "iptv_no_service cust_equip" "STB on the wrong port" iptv=boot_stuck iptv.port=other
v "wifi_weak_or_congested cust_equip" "Wi-Fi complaint" complaint=wifi_slow wifi_rssi=-80
v "frequent_drops access_line" "drops complaint" complaint=drops
# Against: a good tester result and a working routing ONU.
run bbdiag --top 1 - light.lan=off cable_test=ok <"$BBT_DATA/bbdiag/contract/link-down.rec"
assert_match '	eth_no_link	.*!cable_test=ok' "$out" "tester ok counts against"
run bbdiag --top 1 light.lan=off cable_test=ok
assert_eq "none" "$(printf '%s\n' "$out" | cut -f 4)" "a dark light alone, a good cable"
run bbdiag --top 3 code=678 cpe.mode=router light.internet=on
assert_match '!light.internet=on' "$out" "WAN up counts against no PADO"

# --ask asks them: the tester, once the lights, the adapter and the
# code are unknown; its answer settles the verdict.
run bbdiag --ask --top 1 light.lan=off access=lan <<<$'on\nnormal\n\n\n\nshort'
assert_match 'Question 6 \(cable_test\)' "$err" "asks the cable tester"
assert_eq "eth_no_link" "$(printf '%s\n' "$out" | cut -f 4)" "the tester's answer"
