#!/bin/bash
# Sides follow the evidence (issue 20 item 4): every fault whose
# catalogue line in domain.md §3.2 lists several sides has side rules,
# and each picks the side the evidence names.
. "$BBT_TOP/tests/lib.sh"
tab=$'\t'

# The faults with several sides in domain.md §3.2 have "side ... if" rules.
for f in pppoe_no_pado pppoe_ac_error auth_binding_mismatch dhcp_no_lease \
    gateway_unreachable dns_failure http_fails_dns_ok slow_speed \
    frequent_drops iptv_no_service; do
	awk -v f="$f" '$1 == "fault" { p = ($2 == f) } p && $1 == "side" && $3 == "if" { n++ }
	    END { exit !(n > 0) }' "$BBT_TOP/src/bbdiag/faults.catalog" ||
	    fail "$f has no side rule"
done

side() {	# EXPECTED-FAULT EXPECTED-SIDE WHAT OPERANDS...
	local f=$1 s=$2 what=$3; shift 3
	run bbdiag --top 1 "$@"
	assert_eq "$f	$s" "$(printf '%s\n' "$out" | cut -f 4,5)" "$what"
}

# The known misses.
pads="check${tab}pppoe.pads${tab}02:00:5e:10:00:01${tab}critical${tab}0${tab}-${tab}error=timeout msg=- padr_sent=3"
disc="check${tab}pppoe.discovery${tab}eth0${tab}ok${tab}1${tab}-${tab}padi_sent=1"
side pppoe_ac_error op_network "PADS timeout, neighbours fail too" area=many - <<<"$disc
$pads"
side pppoe_ac_error op_network "PADS timeout alone: the BRAS did not answer PADR" - <<<"$pads"
side dns_failure op_network "operator resolver times out, a second answers" qq_ok=yes dns.mode=auto dns.second=ok
side dns_failure cust_equip "typed-in DNS" qq_ok=yes dns.mode=static dns.second=ok
side auth_binding_mismatch op_equip "DSLAM port change" aaa=绑定校验错 history=port_change
side auth_binding_mismatch cust_account "new customer router" aaa=绑定校验错 history=router_change changed_by=customer
side auth_binding_mismatch op_equip "move order" code=691 aaa=绑定校验错 history=move

# The other faults with several sides.
side pppoe_no_pado access_line "no PADO, nothing else known" code=678
side pppoe_no_pado op_network "no PADO, neighbours too" code=678 area=many access=lan
side pppoe_no_pado op_equip "no PADO from a routing ONU" code=651 access=ftth cpe.mode=router
side pppoe_ac_error cust_equip "wrong Service-Name" - <"$BBT_DATA/bbdiag/contract/pads-error.rec"
side dhcp_no_lease op_equip "LAN building switch" access=lan ipconfig=apipa
side dhcp_no_lease op_equip "routing ONU" access=ftth cpe.mode=router ipconfig=apipa
side dhcp_no_lease cust_equip "bridged ONU, own router" access=ftth cpe.mode=bridge ipconfig=apipa
side http_fails_dns_ok cust_account "arrears portal" portal=yes - <"$BBT_DATA/bbdiag/contract/http-refused.rec"
side slow_speed op_network "plan change not carried" history=plan_change speed=48 plan=200
side slow_speed op_network "evening peak" speed=35 plan=100 peak=yes
side slow_speed cust_equip "slow, nothing else known" speed=35 plan=100
side frequent_drops op_equip "CPE reboots" drops=yes cpe.reboots=yes
side frequent_drops cust_equip "two dialers" drops=yes dialers=several
side frequent_drops access_line "drops, nothing else known" drops=yes

# A PADS came back, so the PON carried PADI and PADO: no area outage.
run bbdiag --top 3 area=many - <<<"$disc
$pads"
assert_nomatch 'pon_area_outage' "$out" "PPPoE answered: the PON is up"

# What would decide the side is named as missing evidence.
run bbdiag --top 1 qq_ok=yes
assert_match ',\?dns\.mode' "$(printf '%s\n' "$out" | cut -f 8)" "the side's evidence is asked for"
