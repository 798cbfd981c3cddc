#!/bin/bash
# Issue 19, first traffic, against a real BRAS (bras-vm: pppd, dnsmasq
# on the two ms-dns addresses, busybox httpd on 10.64.0.1): after IPCP
# the probe pings the BRAS and --ping targets, asks each IPCP resolver
# for A and AAAA, and GETs --url over its own TCP, all through the
# user-space session; the IPv6 resolvers of DHCPv6 and the RA (the same
# dnsmasq) are asked from the leased address. The resolver's log shows
# our queries; the server has no session left after each run.
. "$BBT_TOP/tests/lib.sh"
. "$BBT_TOP/tests/lab/pppoe-probe/assert.sh"
. "$BBT_TOP/tests/lab/pppoe-probe/vm.sh"
vm_init
sd=$T/bras
vm_start "$sd" --auth chap
mac=$(sed -n 's/^mac=//p' "$sd/config")
export PPPOE_PASSWORD=alice-pass
t=$'\t'

# names OUT: the check names of the records, in order, on one line.
names() { printf '%s\n' "$out" | awk -F'\t' '$1 == "check" { printf "%s ", $2 }'; }

# A good account: everything answers.
run_in "$CLI" pppoe-probe -i tap0 -u alice --url http://www.bbt.test/ \
    --ping 10.64.0.3
assert_rc 0 "good account"
assert_eq "link.carrier pppoe.discovery pppoe.pado pppoe.pads ppp.lcp ppp.auth ppp.ipcp ppp.ipv6cp ipv6.ra dhcp6.na dhcp6.pd ppp.ping ppp.ping ppp.dns ppp.dns ppp.dns ppp.dns ppp.http ppp.echo ppp.cleanup " \
    "$(names)" "record order"
assert_rec ppp.ping 10.64.0.1 ok "$(col ppp.ping 5)"
assert_eq "ms peer 3 3 0 ok" "$(col ppp.ping 6) $(det ppp.ping role) $(det ppp.ping sent) $(det ppp.ping received) $(det ppp.ping loss) $(det ppp.ping result)"
assert_match '^[0-9]+\.[0-9]{3}$' "$(col ppp.ping 5)" "ping avg"
# The BRAS forwarded within the first second (pppd configures its side
# as IPCP opens; what came before was lost, the warm-up echoes say when).
assert_match '^[0-9]+\.[0-9]{3}$' "$(det ppp.ping ready_ms)" "ready_ms"
target=$(rec ppp.ping | sed -n 2p)
assert_match "^check${t}ppp\.ping${t}10\.64\.0\.3${t}ok${t}[0-9.]+${t}ms${t}role=target sent=3 received=3 loss=0 rtt_min=[0-9.]+ rtt_max=[0-9.]+ result=ok$" \
    "$target" "--ping target"
for r in 10.64.0.1 10.64.0.2 2001:db8:64::53 2001:db8:64::54; do
	assert_match "^check${t}ppp\.dns${t}$r${t}ok${t}10\.64\.0\.1${t}-${t}name=www\.bbt\.test a=10\.64\.0\.1 aaaa=fd00:64::1 rcode=NOERROR rtt_ms=[0-9.]+ result=ok$" \
	    "$(rec ppp.dns | grep "${t}$r${t}")" "resolver $r"
done
assert_rec ppp.http http://www.bbt.test/ ok 200
size=$(stat -c %s "$BBT_TOP/tests/lab/bras-vm/guest/www/index.html")
assert_eq "www.bbt.test 10.64.0.1 ok" "$(det ppp.http host) $(det ppp.http addr) $(det ppp.http result)"
# The whole page arrived after the head.
[ "$(det ppp.http bytes)" -gt "$size" ] || fail "bytes $(det ppp.http bytes) <= $size"
for k in connect_ms ttfb_ms time_ms padi_ms; do
	assert_match '^[0-9]+\.[0-9]{3}$' "$(det ppp.http $k)" "http $k"
done
assert_eq "padt=yes lcp_term=yes" "$(col ppp.cleanup 7)"
log=$("$BRAS" exec "$sd" cat /var/log/dnsmasq.log)
for q in 'query\[A\] www\.bbt\.test from 10\.64\.0\.10' \
    'query\[AAAA\] www\.bbt\.test from 10\.64\.0\.10' \
    'query\[A\] www\.bbt\.test from 2001:db8:64::100' \
    'query\[AAAA\] www\.bbt\.test from 2001:db8:64::100'; do
	assert_match "$q" "$log" "dnsmasq saw $q"
done
vm_session_free "$sd"

# The default --url (http://www.baidu.com/): the lab resolver answers
# any name with the lab web server.
run_in "$CLI" pppoe-probe -i tap0 -u alice
assert_rc 0 "default url"
assert_rec ppp.http http://www.baidu.com/ ok 200
assert_eq "www.baidu.com 10.64.0.1 -" "$(det ppp.dns name) $(det ppp.dns a) $(det ppp.dns aaaa)"
vm_session_free "$sd"

# An address as --url needs no DNS; --dns-name is asked all the same.
run_in "$CLI" pppoe-probe -i tap0 -u alice --url http://10.64.0.1/ \
    --dns-name pay.bbt.test
assert_rc 0 "literal url"
assert_rec ppp.http http://10.64.0.1/ ok 200
assert_eq "pay.bbt.test 10.64.0.3" "$(det ppp.dns name) $(det ppp.dns a)"
vm_session_free "$sd"

# --no-traffic: no first-traffic records (IPv6 stays: --no-ipv6 or --no-dhcp6 turn that off).
run_in "$CLI" pppoe-probe -i tap0 -u alice --no-traffic
assert_rc 0 "--no-traffic"
assert_eq "link.carrier pppoe.discovery pppoe.pado pppoe.pads ppp.lcp ppp.auth ppp.ipcp ppp.ipv6cp ipv6.ra dhcp6.na dhcp6.pd ppp.echo ppp.cleanup " \
    "$(names)" "no traffic records"
vm_session_free "$sd"
