#!/bin/bash
# Fault rogue-dhcp: a second DHCP server on the segment: both offers, the stranger marked rogue.
. "$BBT_TOP/tests/lib.sh"
. "$BBT_TOP/tests/lab/linecheck/lab.sh"
lab_need
lab_up
lab_fault rogue-dhcp
run "${LC[@]}"
assert_rc 1 "rogue-dhcp"
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
dhcp.offer 192.168.77.254 warning 192.168.77.209 rogue=yes
dhcp.servers eth0 warning 2 servers=192.168.77.1,192.168.77.254
arp.duplicate 192.168.77.100 ok -
ipv6.ra eth0 info - error=none_heard
gw.ping 192.168.77.1 ok 0 sent=20 received=20 family=inet arp=yes
gw.ping 2001:db8:77::1 ok 0 sent=20 received=20 family=inet6
dns.resolve 192.168.77.1 ok N rcode=NOERROR
http.get http://www.example.test/ ok N status=200 family=inet
http.get http://www.example.test/ ok N status=200 family=inet6
http.get https://www.example.test/ ok N status=200 family=inet
http.get https://www.example.test/ ok N status=200 family=inet6
mtu.path 203.0.113.80 ok 1472 expected=1472 blackhole=no" "$(lab_norm)" "rogue-dhcp records"
