#!/bin/bash
# Issue 19 against a real BRAS (bras-vm, pppd 2.4.9): pppd stopped right
# after it configured the client's address, within --grace, as an
# operator or a RADIUS disconnect would. pppd's Terminate-Request "User
# request" never reaches the wire (it stops its pppoe relay first), so
# what the client sees is pppoe-server's PADT: ppp.ipcp is critical,
# by=padt with its Generic-Error, although IPCP itself had succeeded.
. "$BBT_TOP/tests/lib.sh"
. "$BBT_TOP/tests/lab/pppoe-probe/assert.sh"
. "$BBT_TOP/tests/lab/pppoe-probe/vm.sh"
vm_init
sd=$T/bras
vm_start "$sd" --auth chap
mac=$(sed -n 's/^mac=//p' "$sd/config")

# In the guest: once pppd has put alice's address on its interface
# (IPCP done), stop it as an operator or a RADIUS disconnect would.
"$BRAS" exec "$sd" 'i=0; until ip -4 addr show | grep -q "peer 10.64.0.10"; do
	i=$((i + 1)); [ $i -lt 300 ] || exit 1; usleep 100000; done
	kill -TERM $(pidof pppd)' >"$T/exec.out" 2>&1 &
killer=$!
PPPOE_PASSWORD=alice-pass run_in "$CLI" pppoe-probe -i tap0 -u alice \
    --grace 15s
wait "$killer" || fail "the guest never saw IPCP up: $(cat "$T/exec.out")"
assert_rc 2 "taken back after IPCP"
assert_rec ppp.ipcp "$mac" critical 10.64.0.10
assert_eq "terminated padt" "$(det ppp.ipcp result) $(det ppp.ipcp by)"
assert_eq "RP-PPPoE: Child pppd process terminated" "$(detq ppp.ipcp msg)"
[ "$(det ppp.ipcp up_ms)" -lt 15000 ] || fail "up_ms $(det ppp.ipcp up_ms)"
assert_eq "padt=peer lcp_term=peer" "$(col ppp.cleanup 7 | cut -d' ' -f1-2)"
# Our echoes were answered while the session lasted.
[ "$(det ppp.echo received)" -ge 1 ] || fail "$(rec ppp.echo)"
pid=$(vm_pppd_pid "$sd" "$(col pppoe.pads 5)")
log=$(vm_pppd_log "$sd" "$pid")
assert_match 'remote IP address 10\.64\.0\.10' "$log"
assert_match 'Terminating on signal 15' "$log"
vm_session_free "$sd"
