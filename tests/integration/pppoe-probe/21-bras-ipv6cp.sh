#!/bin/bash
# Issue 19, IPv6CP (RFC 5072) against a real BRAS (bras-vm, pppd 2.4.9
# with IPv6 on, Debian's default): pppoe-probe negotiates an interface
# identifier alongside IPCP, and pppd's log shows it took ours; on
# closing, IPv6CP's Terminate-Request goes before LCP's. --no-ipv6
# answers with a Protocol-Reject as before, and no record. A BRAS with
# noipv6 Protocol-Rejects ours: its configuration, info, not critical.
. "$BBT_TOP/tests/lib.sh"
. "$BBT_TOP/tests/lab/pppoe-probe/assert.sh"
. "$BBT_TOP/tests/lab/pppoe-probe/vm.sh"
vm_init
sd=$T/bras
vm_start "$sd" --auth pap
mac=$(sed -n 's/^mac=//p' "$sd/config")

PPPOE_PASSWORD=alice-pass run_in "$CLI" pppoe-probe -i tap0 -u alice
assert_rc 0 "IPv4 and IPv6 up"
assert_rec ppp.ipcp "$mac" ok 10.64.0.10
assert_eq ok "$(col ppp.ipv6cp 4)" "ppp.ipv6cp: $(rec ppp.ipv6cp)"
assert_eq ok "$(det ppp.ipv6cp result)"
ours=$(det ppp.ipv6cp our_id) theirs=$(det ppp.ipv6cp peer_id)
assert_match '^([0-9a-f]{4}:){3}[0-9a-f]{4}$' "$ours" "our_id"
assert_match '^([0-9a-f]{4}:){3}[0-9a-f]{4}$' "$theirs" "peer_id"
assert_match '^fe80::' "$(col ppp.ipv6cp 5)" "our link-local as value"
assert_eq "padt=yes lcp_term=yes" "$(col ppp.cleanup 7 | cut -d' ' -f1-2)"
pid=$(vm_pppd_pid "$sd" "$(col pppoe.pads 5)")
log=$(vm_pppd_log "$sd" "$pid")
# pppd writes the identifier as we do: four groups of four hex digits.
assert_match "remote LL address fe80::$ours\$" "$log" "pppd took our id"
assert_match "local  LL address fe80::$theirs\$" "$log" "we took pppd's"
assert_nomatch 'rcvd \[LCP ProtRej' "$log"
# Our IPv6CP Terminate-Request, answered, then LCP's. Sent back to
# back, pppd read LCP's first (NCP packets come on another queue) and
# discarded IPv6CP's; now LCP's waits for the Terminate-Ack.
v6=$(grep -n 'sent \[IPV6CP TermAck' <<<"$log" | head -n 1 | cut -d: -f1)
lcp=$(grep -n 'rcvd \[LCP TermReq' <<<"$log" | head -n 1 | cut -d: -f1)
[ -n "$v6" ] && [ -n "$lcp" ] && [ "$v6" -lt "$lcp" ] ||
    fail "IPv6CP not closed before LCP: $log"
assert_nomatch 'Discarded non-LCP packet' "$log"
vm_session_free "$sd"

# --no-ipv6: rejected as before, nothing recorded.
PPPOE_PASSWORD=alice-pass run_in "$CLI" pppoe-probe -i tap0 -u alice \
    --no-ipv6
assert_rc 0 "--no-ipv6"
assert_eq "" "$(rec ppp.ipv6cp)" "no ppp.ipv6cp with --no-ipv6"
assert_match "^[1-9]" "$(det ppp.lcp proto_rejects)" "IPv6CP Protocol-Rejected"
pid=$(vm_pppd_pid "$sd" "$(col pppoe.pads 5)")
log=$(vm_pppd_log "$sd" "$pid")
assert_match 'rcvd \[LCP ProtRej id=0x[0-9a-f]+ 80 57 ' "$log"
vm_session_free "$sd"

# A BRAS without IPv6 (pppd noipv6, read by each new session's pppd):
# it Protocol-Rejects our IPv6CP; the line is fine.
"$BRAS" exec "$sd" 'echo noipv6 >>/etc/ppp/pppoe-server-options' ||
    fail "cannot set noipv6 in the guest"
PPPOE_PASSWORD=alice-pass run_in "$CLI" pppoe-probe -i tap0 -u alice
assert_rc 0 "an AC without IPv6 is not a failure"
assert_rec ppp.ipv6cp "$mac" info -
assert_eq "rejected Protocol-Reject" \
    "$(det ppp.ipv6cp result) $(det ppp.ipv6cp msg)"
assert_eq - "$(det ppp.ipv6cp peer_id)"
pid=$(vm_pppd_pid "$sd" "$(col pppoe.pads 5)")
log=$(vm_pppd_log "$sd" "$pid")
assert_match 'sent \[LCP ProtRej id=0x[0-9a-f]+ 80 57' "$log"
vm_session_free "$sd"
