#!/bin/bash
# Fault dns-down: the resolver is silent: timeout, HTTP skipped after dns.resolve, the path MTU measured towards the gateway.
. "$BBT_TOP/tests/lib.sh"
. "$BBT_TOP/tests/lab/linecheck/lab.sh"
lab_need
lab_up
lab_fault dns-down
run "${LC[@]}"
assert_rc 2 "dns-down"
assert_eq "link.carrier eth0 ok up
link.speed eth0 info - virtual=veth
link.duplex eth0 info - virtual=veth
link.errors eth0 ok 0
link.mtu eth0 info 1500
ip.address eth0 ok 192.168.77.100/24 family=inet linklocal=no
ip.address eth0 ok 2001:db8:77::100/64 family=inet6 linklocal=no
ip.route eth0 ok 192.168.77.1 family=inet
ip.route eth0 ok 2001:db8:77::1 family=inet6
dhcp.offer 192.168.77.1 ok 192.168.77.128
dhcp.servers eth0 ok 1 servers=192.168.77.1
arp.duplicate 192.168.77.100 ok -
ipv6.ra eth0 info - error=none_heard
gw.ping 192.168.77.1 ok 0 sent=20 received=20 family=inet arp=yes
gw.ping 2001:db8:77::1 ok 0 sent=20 received=20 family=inet6
dns.resolve 192.168.77.1 critical N rcode=timeout
http.get http://www.example.test/ skipped - after=dns.resolve family=inet
http.get https://www.example.test/ skipped - after=dns.resolve family=inet
mtu.path 192.168.77.1 ok 1472 expected=1472 blackhole=no" "$(lab_norm)" "dns-down records"
