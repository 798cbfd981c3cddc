#!/bin/bash
# A real BRAS (pppd + pppoe-server in the bras-vm guest) that serves
# PPPoE on VLAN 35 only: untagged and other VLANs get no answer,
# --vlan-scan finds VLAN 35, and a PAP login over --vlan 35 gets its
# address and leaves no session behind.
. "$BBT_TOP/tests/lib.sh"
. "$BBT_TOP/tests/lab/pppoe-probe/assert.sh"
. "$BBT_TOP/tests/lab/pppoe-probe/vm.sh"
vm_init
sd=$T/bras
vm_start "$sd" --auth pap --vlan 35
mac=$(sed -n 's/^mac=//p' "$sd/config")
vprobe() { run_in "$CLI" pppoe-probe -i tap0 "$@"; }

# Untagged: nobody answers; the AC is there, on another VLAN.
vprobe -a 1 -w 300ms
assert_rc 2 "untagged"
assert_rec pppoe.discovery tap0 critical 0
assert_eq "none -" "$(det pppoe.discovery result) $(det pppoe.discovery vlan)"

# The scan finds it (one PADI per VLAN, all at once).
vprobe --vlan-scan 30-40 -w 300ms
assert_rc 0 "scan"
assert_rec pppoe.discovery tap0 ok 1
assert_eq "35 11" "$(det pppoe.discovery vlan) $(det pppoe.discovery scanned)"
assert_eq "$mac bbt-bras 35" \
    "$(col pppoe.pado 3) $(det pppoe.pado ac) $(det pppoe.pado vlan)"

# A login on VLAN 35: the whole session is tagged, or pppd (on eth0.35)
# would never see our LCP, PAP and IPCP.
printf 'alice-pass\n' >"$T/pw"
vprobe --vlan 35 -u alice --password-file "$T/pw"
assert_rc 0 "login on VLAN 35"
assert_eq "35 35" "$(det pppoe.discovery vlan) $(det pppoe.pado vlan)"
assert_rec pppoe.pads "$mac" ok "$(col pppoe.pads 5)"
assert_eq "ok pap" "$(det ppp.lcp result) $(det ppp.lcp auth)"
assert_rec ppp.auth alice ok pap
assert_eq "Login ok" "$(detq ppp.auth msg)"
assert_eq "10.64.0.10 10.64.0.1 10.64.0.2" \
    "$(col ppp.ipcp 5) $(det ppp.ipcp dns1) $(det ppp.ipcp dns2)"
assert_eq "padt=yes lcp_term=yes" "$(col ppp.cleanup 7)"
pid=$(vm_pppd_pid "$sd" "$(col pppoe.pads 5)")
[ -n "$pid" ] || fail "no pppd for session $(col pppoe.pads 5) in the log"
assert_match 'rcvd \[PAP AuthReq id=0x[0-9a-f]+ user="alice"' \
    "$(vm_pppd_log "$sd" "$pid")" "pppd got our PAP request"
vm_session_free "$sd"

# The wrong VLAN: no offer, so no PADR and no session.
vprobe --vlan 36 -a 1 -w 300ms -u alice --password-file "$T/pw"
assert_rc 2 "VLAN 36"
assert_eq "none" "$(det pppoe.discovery result)"
assert_eq "check	pppoe.pads	-	skipped	-	-	after=pppoe.discovery" "$(rec pppoe.pads)"
assert_eq 0 "$("$BRAS" sessions "$sd")" "no session opened"
