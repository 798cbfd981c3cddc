#!/bin/bash
# Issue 19, IPv6 through the session against a real dual-stack BRAS
# (bras-vm: pppd +ipv6, radvd and WIDE dhcp6s on each PPP link, see
# guest/etc/rc.v6). After IPv6CP: the RA's /64 with RDNSS and the O
# flag, an address (IA_NA) and a delegated /56 (IA_PD) with the
# server's lifetimes, both released before LCP terminates (dhcp6s's own
# log counts no binding left). Faults: no prefix for the host
# (NoPrefixAvail), no RA, a DHCPv6 server that never answers (bounded
# by --session-timeout, session closed), a server with Rapid Commit,
# and SIGINT while holding the leases (released, closed). In each, A and
# AAAA to the IPv6 resolvers (dnsmasq of rc.traffic) from the leased
# address, else the SLAAC one; resolvers that do not answer or are
# unreachable (fault dead-dns6) are critical, bbdiag's dns_failure.
. "$BBT_TOP/tests/lib.sh"
. "$BBT_TOP/tests/lab/pppoe-probe/assert.sh"
. "$BBT_TOP/tests/lab/pppoe-probe/vm.sh"
vm_init
sd=$T/bras
vm_start "$sd" --auth pap
mac=$(sed -n 's/^mac=//p' "$sd/config")
bindings() { "$BRAS" exec "$sd" '/etc/rc.v6 leases'; }
t=$'\t'
# dns6 WHAT: both IPv6 resolvers answered (the lab's dnsmasq: any name
# is the lab web server, with an A record only).
dns6() {
	local r
	for r in 2001:db8:64::53 2001:db8:64::54; do
		assert_match "^check${t}ppp\.dns${t}$r${t}ok${t}10\.64\.0\.1${t}-${t}name=www\.baidu\.com a=10\.64\.0\.1 aaaa=- rcode=NOERROR rtt_ms=[0-9]+\.[0-9]{3} result=ok\$" \
		    "$(rec ppp.dns | grep "^check${t}ppp\.dns${t}$r${t}")" "$1: resolver $r"
	done
}
# queried_from ADDR: dnsmasq's log has our A and AAAA from ADDR.
queried_from() {
	local log q
	log=$("$BRAS" exec "$sd" cat /var/log/dnsmasq.log)
	for q in A AAAA; do
		assert_match "query\[$q\] www\.baidu\.com from $1\$" "$log" \
		    "dnsmasq saw $q from $1"
	done
}
# The SLAAC address of this run: the RA's /64 and our identifier.
slaac() {
	python3 -c 'import ipaddress, sys
print(ipaddress.ip_address("2001:db8:64::" + sys.argv[1]))' "$(det ppp.ipv6cp our_id)"
}
fault() { "$BRAS" exec "$sd" "/etc/rc.v6 fault $*" || fail "rc.v6 fault $*"; }
# The guest's server DUID: DUID-LLT of its MAC (dhcp6s's own choice).
duid="^00010001[0-9a-f]{8}${mac//:/}\$"

PPPOE_PASSWORD=alice-pass run_in "$CLI" pppoe-probe -i tap0 -u alice
assert_rc 0 "dual stack"
# The RA from pppd's link-local, in linecheck's ipv6.ra terms.
assert_rec ipv6.ra "$mac" ok "$(python3 -c 'import ipaddress, sys
print(ipaddress.ip_address("fe80::" + sys.argv[1]))' "$(det ppp.ipv6cp peer_id)")"
assert_eq "ok 2001:db8:64::/64 300 no yes yes yes 1492 86400 14400 1" \
    "$(for k in result prefix lifetime managed other slaac onlink mtu \
    valid preferred prefixes; do det ipv6.ra $k; done | xargs)"
assert_eq "2001:db8:64::53,2001:db8:64::54 600" \
    "$(det ipv6.ra dns) $(det ipv6.ra dns_lifetime)"
assert_rec dhcp6.na "$mac" ok 2001:db8:64::100
assert_rec dhcp6.pd "$mac" ok 2001:db8:65::/56
for r in dhcp6.na dhcp6.pd; do
	assert_eq "ok 1800 3600 900 1440 yes no" \
	    "$(for k in result preferred valid t1 t2 released rapid_commit; do
	    det $r $k; done | xargs)" "$r lease"
	assert_eq "2001:db8:64::53,2001:db8:64::54" "$(det $r dns)"
	assert_match "$duid" "$(det $r server)" "$r server DUID"
	assert_match '^[0-9]+$' "$(det $r time_ms)"
done
assert_eq "padt=yes lcp_term=yes" "$(col ppp.cleanup 7 | cut -d' ' -f1-2)"
dns6 "dual stack"
queried_from 2001:db8:64::100
vm_session_free "$sd"
assert_eq bindings=0 "$(bindings)" "both leases released at the server"

# No prefix for this host: the server's NoPrefixAvail, named; the
# address still leased and released.
fault no-pd
PPPOE_PASSWORD=alice-pass run_in "$CLI" pppoe-probe -i tap0 -u alice
assert_rc 2 "NoPrefixAvail"
assert_rec dhcp6.pd "$mac" critical -
assert_eq NoPrefixAvail "$(det dhcp6.pd result)"
assert_match "$duid" "$(det dhcp6.pd server)"
assert_rec dhcp6.na "$mac" ok 2001:db8:64::100
assert_eq yes "$(det dhcp6.na released)"
assert_eq "ok 2001:db8:64::/64" "$(col ipv6.ra 4) $(det ipv6.ra prefix)"
vm_session_free "$sd"
assert_eq bindings=0 "$(bindings)"

# No RA on the link: critical once the bound (--session-timeout) is
# over; DHCPv6 still works.
fault no-ra
t0=$(date +%s%N)
PPPOE_PASSWORD=alice-pass run_in "$CLI" pppoe-probe -i tap0 -u alice \
    --session-timeout 3s
ms=$((($(date +%s%N) - t0) / 1000000))
assert_rc 2 "no RA"
assert_rec ipv6.ra "$mac" critical -
assert_eq no_ra "$(det ipv6.ra result)"
assert_match '^[1-3]$' "$(det ipv6.ra rs_sent)" "RS retransmitted, bounded"
assert_rec dhcp6.pd "$mac" ok 2001:db8:65::/56
dns6 "no RA: the lease's address and resolvers"
[ "$ms" -lt 9000 ] || fail "no RA took $ms ms with --session-timeout 3s"
vm_session_free "$sd"
assert_eq bindings=0 "$(bindings)"

# A DHCPv6 server that never answers: Solicits until the bound, then
# the session is closed as usual. The RA offers SLAAC, so the missing
# address is info; the missing prefix is critical.
fault dhcp6-silent
t0=$(date +%s%N)
PPPOE_PASSWORD=alice-pass run_in "$CLI" pppoe-probe -i tap0 -u alice \
    --session-timeout 3s
ms=$((($(date +%s%N) - t0) / 1000000))
assert_rc 2 "DHCPv6 silent"
assert_rec dhcp6.pd "$mac" critical -
assert_rec dhcp6.na "$mac" info -
assert_eq "no_reply no_reply" "$(det dhcp6.na result) $(det dhcp6.pd result)"
assert_match '^[2-4]$' "$(det dhcp6.pd solicits)" "Solicit retransmitted"
assert_eq "padt=yes lcp_term=yes" "$(col ppp.cleanup 7 | cut -d' ' -f1-2)"
# The queries did not wait for the server: SLAAC and the RA's RDNSS.
dns6 "DHCPv6 silent"
queried_from "$(slaac)"
[ "$ms" -lt 9000 ] || fail "a silent server took $ms ms with --session-timeout 3s"
vm_session_free "$sd"

# A server that allows Rapid Commit: Solicit, Reply, bound. The
# --pd-length hint is on the wire (dhcp6s logs it, and delegates its
# configured /56 anyway).
fault rapid-commit
PPPOE_PASSWORD=alice-pass run_in "$CLI" pppoe-probe -i tap0 -u alice \
    --pd-length 60
assert_rc 0 "rapid commit"
assert_rec dhcp6.pd "$mac" ok 2001:db8:65::/56
assert_eq "yes yes" "$(det dhcp6.pd rapid_commit) $(det dhcp6.pd released)"
assert_match 'IA_PD prefix: ::/60 pltime=0 vltime=0' \
    "$("$BRAS" log "$sd" | grep -a dhcp6s)" "the --pd-length hint"
vm_session_free "$sd"
assert_eq bindings=0 "$(bindings)"

# --no-dhcp6: the RA only, no DHCPv6 record, nothing bound.
PPPOE_PASSWORD=alice-pass run_in "$CLI" pppoe-probe -i tap0 -u alice \
    --no-dhcp6
assert_rc 0 "--no-dhcp6"
assert_eq "ok" "$(col ipv6.ra 4)"
assert_eq "" "$(rec dhcp6.na)$(rec dhcp6.pd)" "no DHCPv6 records"
dns6 "--no-dhcp6"
queried_from "$(slaac)"
vm_session_free "$sd"
assert_eq bindings=0 "$(bindings)"

# Dead IPv6 resolvers from DHCPv6 and the RA: one silent (timeout after
# 2 tries), one unreachable (the BRAS's ICMPv6 Destination
# Unreachable); the IPv4 ones answer. bbdiag: the operator's DNS.
fault dead-dns6
PPPOE_PASSWORD=alice-pass run_in "$CLI" pppoe-probe -i tap0 -u alice \
    --case deadns6
assert_rc 2 "dead IPv6 resolvers"
assert_eq "2001:db8:64::58,2001:db8:64::59 2001:db8:64::58,2001:db8:64::59" \
    "$(det dhcp6.na dns) $(det ipv6.ra dns)"
assert_eq "check${t}ppp.dns${t}2001:db8:64::58${t}critical${t}-${t}-${t}name=www.baidu.com a=- aaaa=- result=timeout
check${t}ppp.dns${t}2001:db8:64::59${t}critical${t}-${t}-${t}name=www.baidu.com a=- aaaa=- result=unreachable" \
    "$(rec ppp.dns | grep "${t}2001:")" "dead IPv6 resolvers"
assert_eq "ok ok" "$(rec ppp.dns | grep "${t}10\.64\.0\." | cut -f 4 | xargs)" \
    "the IPv4 resolvers answer"
printf '%s\n' "$out" >"$T/deadns6.rec"
vm_session_free "$sd"
assert_eq bindings=0 "$(bindings)"
BBTOOLS_CATALOGUE=$BBT_TOP/src/bbdiag/faults.catalog run bbdiag --top 1 "$T/deadns6.rec"
assert_rc 1 "bbdiag deadns6"
assert_match "^fault${t}deadns6${t}1${t}dns_failure${t}op_network${t}" "$out" \
    "dead IPv6 resolvers: dns_failure on the operator's side"

# SIGINT while the leases are held (--hold): released, then closed.
fault none
: >"$T/bg.err"
PPPOE_PASSWORD=alice-pass ip netns exec "$CLI" \
    env --default-signal=INT pppoe-probe -i tap0 -u alice --hold 60s \
    >"$T/bg.out" 2>"$T/bg.err" &
pid=$!
for i in $(seq 100); do
	[ "$(bindings)" = bindings=2 ] && break
	sleep 0.2
done
assert_eq bindings=2 "$(bindings)" "NA and PD bound before SIGINT"
kill -INT "$pid"
wait "$pid"
rc=$? out=$(cat "$T/bg.out") err=$(cat "$T/bg.err")
assert_rc 3 "interrupted"
assert_eq "yes yes" "$(det dhcp6.na released) $(det dhcp6.pd released)"
assert_eq "padt=yes lcp_term=yes" "$(col ppp.cleanup 7 | cut -d' ' -f1-2)"
vm_session_free "$sd"
assert_eq bindings=0 "$(bindings)" "released on SIGINT"

# SIGINT while DHCPv6 is still soliciting (a silent server): no verdict
# (unknown, result=interrupted), nothing to release, closed at once.
fault dhcp6-silent
: >"$T/bg.err"
PPPOE_PASSWORD=alice-pass ip netns exec "$CLI" \
    env --default-signal=INT pppoe-probe -i tap0 -u alice \
    >"$T/bg.out" 2>"$T/bg.err" &
pid=$!
wait_for 20 grep -q 'session [0-9]* opened' "$T/bg.err" ||
    fail "no session: $(cat "$T/bg.err")"
sleep 2
kill -INT "$pid"
t0=$(date +%s%N)
wait "$pid"
rc=$? out=$(cat "$T/bg.out") err=$(cat "$T/bg.err")
ms=$((($(date +%s%N) - t0) / 1000000))
assert_rc 3 "interrupted while soliciting"
assert_rec dhcp6.pd "$mac" unknown -
assert_eq interrupted "$(det dhcp6.pd result)"
assert_eq "" "$(det dhcp6.pd released)" "nothing leased, nothing released"
assert_match '^[1-9]$' "$(det dhcp6.pd solicits)"
assert_eq "padt=yes lcp_term=yes" "$(col ppp.cleanup 7 | cut -d' ' -f1-2)"
[ "$ms" -lt 3000 ] || fail "closing after SIGINT took $ms ms"
vm_session_free "$sd"
