#!/bin/bash
# Fault ipv6-blackhole: IPv6 beyond the gateway dropped while IPv4 works.
# Web checks run per address family, so the outage is not hidden by a
# fallback to IPv4: the IPv6 fetches time out, the IPv4 ones are ok.
. "$BBT_TOP/tests/lib.sh"
. "$BBT_TOP/tests/lab/linecheck/lab.sh"
lab_need
lab_up
lab_fault ipv6-blackhole
run "${LC[@]}" --skip dhcp,arp,mtu
assert_rc 2 "ipv6-blackhole"
assert_eq "link.carrier eth0 ok up
link.speed eth0 info - virtual=veth
link.duplex eth0 info - virtual=veth
link.errors eth0 ok 0
link.mtu eth0 info 1500
ip.address eth0 ok 192.168.77.100/24 family=inet linklocal=no
ip.address eth0 ok 2001:db8:77::100/64 family=inet6 linklocal=no
ip.route eth0 ok 192.168.77.1 family=inet
ip.route eth0 ok 2001:db8:77::1 family=inet6
gw.ping 192.168.77.1 ok 0 sent=20 received=20 family=inet
gw.ping 2001:db8:77::1 ok 0 sent=20 received=20 family=inet6
dns.resolve 192.168.77.1 ok N rcode=NOERROR
http.get http://www.example.test/ ok N status=200 family=inet
http.get http://www.example.test/ critical - status=- family=inet6 error=timeout
http.get https://www.example.test/ ok N status=200 family=inet
http.get https://www.example.test/ critical - status=- family=inet6 error=timeout" "$(lab_norm)" "ipv6-blackhole records"
# The same outage is seen by pinging an IPv6 host beyond the gateway.
run "${LC[@]}" --skip dhcp,arp,mtu,http --ping 2001:db8:f0::80 --ping 203.0.113.80 -c 5
assert_rc 2 "ping.target"
assert_match "	ping.target	2001:db8:f0::80	critical	100	%	sent=5 received=0 " "$out"
assert_match "	ping.target	203.0.113.80	ok	0	%	sent=5 received=5 " "$out"
