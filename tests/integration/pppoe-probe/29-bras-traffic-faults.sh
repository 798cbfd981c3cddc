#!/bin/bash
# Issue 19, first traffic against a real BRAS with its faults (bras-vm
# rc.traffic): an arrears account whose web is redirected to a payment
# page on another host (nft DNAT to the portal's 302), one whose pushed
# resolvers are dead (ms-dns to blackholed addresses, and the IPv6 ones
# of DHCPv6 and the RA), one whose traffic
# the BRAS drops after a good login (no bandwidth template). Each run's
# records, its exit code and bbdiag's verdict on them.
. "$BBT_TOP/tests/lib.sh"
. "$BBT_TOP/tests/lab/pppoe-probe/assert.sh"
. "$BBT_TOP/tests/lab/pppoe-probe/vm.sh"
export BBTOOLS_CATALOGUE=$BBT_TOP/src/bbdiag/faults.catalog
vm_init
sd=$T/bras
vm_start "$sd" --auth pap
t=$'\t'

# dial USER: the account's session, records in $T/USER.rec.
dial() {
	PPPOE_PASSWORD=$1-pass run_in "$CLI" pppoe-probe -i tap0 -u "$1" \
	    --url http://www.bbt.test/ --case "$1"
	printf '%s\n' "$out" >"$T/$1.rec"
}

# Arrears: logged in, every page redirected to the payment page.
dial portal
assert_rc 2 "portal"
assert_rec ppp.ipcp "$(col ppp.ipcp 3)" ok 10.64.0.20
assert_eq "ok ok" "$(col ppp.ping 4) $(col ppp.dns 4)"
assert_rec ppp.http http://www.bbt.test/ critical 302
assert_eq "http://pay.bbt.test/arrears yes redirect" \
    "$(det ppp.http location) $(det ppp.http portal) $(det ppp.http result)"
vm_session_free "$sd"
run bbdiag "$T/portal.rec"
assert_rc 1 "bbdiag portal"
assert_match "^fault${t}portal${t}1${t}auth_arrears${t}cust_account${t}0\.75${t}auth${t}ppp\.http\.portal=yes," \
    "$out" "portal: auth_arrears"

# Dead pushed resolvers: the BRAS answers, DNS does not; HTTP by name
# is moot.
dial deadns
assert_rc 2 "deadns"
assert_eq "10.64.0.8 10.64.0.9" "$(det ppp.ipcp dns1) $(det ppp.ipcp dns2)"
assert_eq ok "$(col ppp.ping 4)" "deadns: ping"
for r in 10.64.0.8 10.64.0.9; do
	assert_eq "check${t}ppp.dns${t}$r${t}critical${t}-${t}-${t}name=www.bbt.test a=- aaaa=- result=timeout" \
	    "$(rec ppp.dns | grep "${t}$r${t}")" "dead resolver $r"
done
assert_eq "check${t}ppp.http${t}http://www.bbt.test/${t}skipped${t}-${t}-${t}after=ppp.dns" \
    "$(rec ppp.http)" "http after dead resolvers"
# The IPv6 resolvers DHCPv6 and the RA give it are dead as well.
assert_eq "check${t}ppp.dns${t}2001:db8:64::58${t}critical${t}-${t}-${t}name=www.bbt.test a=- aaaa=- result=timeout
check${t}ppp.dns${t}2001:db8:64::59${t}critical${t}-${t}-${t}name=www.bbt.test a=- aaaa=- result=unreachable" \
    "$(rec ppp.dns | grep "${t}2001:")" "dead IPv6 resolvers"
vm_session_free "$sd"
run bbdiag "$T/deadns.rec"
assert_rc 1 "bbdiag deadns"
assert_match "^fault${t}deadns${t}1${t}dns_failure${t}op_network${t}0\.78${t}dns${t}ppp\.dns=critical,ppp\.ping=ok," \
    "$out" "deadns: dns_failure on the operator's side"

# Authenticated, an address, then nothing passes.
dial dropped
assert_rc 2 "dropped"
assert_rec ppp.ipcp "$(col ppp.ipcp 3)" ok 10.64.0.22
assert_eq "check${t}ppp.ping${t}10.64.0.1${t}critical${t}-${t}-${t}role=peer sent=3 received=0 loss=100 result=no_reply" \
    "$(rec ppp.ping)" "dropped: ping"
# IPv4 and IPv6 resolvers alike (the RA and DHCPv6 still came).
assert_eq "critical critical critical critical" "$(rec ppp.dns | cut -f 4 | xargs)"
assert_eq "skipped after=ppp.dns" "$(col ppp.http 4) $(col ppp.http 7)"
# The session itself is fine: pppd answers LCP echoes, closes cleanly.
assert_eq "ok padt=yes lcp_term=yes" "$(col ppp.echo 4) $(col ppp.cleanup 7)"
vm_session_free "$sd"
run bbdiag "$T/dropped.rec"
assert_rc 1 "bbdiag dropped"
assert_match "^fault${t}dropped${t}1${t}bras_authz_failure${t}op_network${t}0\.75${t}auth${t}ppp\.ipcp=ok,ppp\.ping=critical," \
    "$out" "dropped: bras_authz_failure"

# No address from IPCP: every first-traffic record is moot.
PPPOE_PASSWORD=nopool-pass run_in "$CLI" pppoe-probe -i tap0 -u nopool \
    --url http://www.bbt.test/ --ping 10.64.0.3
assert_rc 2 "nopool"
assert_eq "ppp.ping${t}10.64.0.1${t}skipped${t}after=ppp.ipcp
ppp.ping${t}10.64.0.3${t}skipped${t}after=ppp.ipcp
ppp.dns${t}-${t}skipped${t}after=ppp.ipcp
ppp.http${t}http://www.bbt.test/${t}skipped${t}after=ppp.ipcp" \
    "$(printf '%s\n' "$out" | grep -E "^check${t}ppp\.(ping|dns|http)${t}" | cut -f 2-4,7)" \
    "nopool: skipped after=ppp.ipcp"
vm_session_free "$sd"
