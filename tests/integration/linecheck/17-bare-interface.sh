#!/bin/bash
# An interface with carrier but no address at all, and a deadline with
# nothing answering: clear records, exit 2, and the run ends by itself.
. "$BBT_TOP/tests/lib.sh"
need_netns
ns=$(ns_new lcbare)
ns2=$(ns_new lcbare2)
veth_pair "$ns" eth0 "$ns2" eth1
printf 'nameserver 192.0.2.53\n' >"$T/resolv.conf"
run timeout 20 ip netns exec "$ns" linecheck -i eth0 --resolv-conf "$T/resolv.conf" \
    --target http://192.0.2.80/ --skip ipv6 --timeout 2
assert_rc 2 "bare interface"
assert_eq "" "$err" "stderr"
out=$(printf '%s\n' "$out" | cut -f2-5)
assert_eq "link.carrier	eth0	ok	up
link.speed	eth0	info	-
link.duplex	eth0	info	-
link.errors	eth0	ok	0
link.mtu	eth0	info	1500
ip.address	eth0	critical	-
ip.route	eth0	skipped	-
dhcp.servers	eth0	critical	0
arp.duplicate	-	skipped	-
gw.ping	-	skipped	-
http.get	http://192.0.2.80/	skipped	-
mtu.path	-	skipped	-" "$out" "bare interface records"

# An address and a route into nothing: every probe times out within the
# deadline, the gateway is the root cause.
ip -n "$ns" addr add 192.0.2.10/24 dev eth0
ip -n "$ns" route add default via 192.0.2.1
printf 'nameserver 198.51.100.53\n' >"$T/resolv.conf"
run timeout 20 ip netns exec "$ns" linecheck -i eth0 --resolv-conf "$T/resolv.conf" \
    --target www.example.test --target http://192.0.2.80/ --skip ipv6,dhcp --timeout 2
assert_rc 2 "dead segment"
assert_eq "link.carrier	eth0	ok
link.speed	eth0	info
link.duplex	eth0	info
link.errors	eth0	ok
link.mtu	eth0	info
ip.address	eth0	ok
ip.route	eth0	ok
arp.duplicate	192.0.2.10	ok
gw.ping	192.0.2.1	critical
dns.resolve	198.51.100.53	skipped
http.get	http://192.0.2.80/	skipped
mtu.path	192.0.2.80	skipped" "$(printf '%s\n' "$out" | cut -f2-4)" "dead segment records"
assert_match "	dns.resolve	198.51.100.53	skipped	[0-9.]+	ms	after=gw.ping name=www.example.test rcode=timeout " "$out"
assert_match "	gw.ping	192.0.2.1	critical	100	%	sent=20 received=0 .* arp=no error=(timeout|unreachable)" "$out"
