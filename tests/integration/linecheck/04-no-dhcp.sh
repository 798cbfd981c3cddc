#!/bin/bash
# Fault no-dhcp: no DHCP server answers and the lease is gone: no offer, no IPv4 address; IPv6 still checked.
. "$BBT_TOP/tests/lib.sh"
. "$BBT_TOP/tests/lab/linecheck/lab.sh"
lab_need
lab_up
lab_fault no-dhcp
run "${LC[@]}"
assert_rc 2 "no-dhcp"
assert_eq "link.carrier eth0 ok up
link.speed eth0 info - virtual=veth
link.duplex eth0 info - virtual=veth
link.errors eth0 ok 0
link.mtu eth0 info 1500
ip.address eth0 critical - family=inet linklocal=no error=none
ip.address eth0 ok 2001:db8:77::100/64 family=inet6 linklocal=no
ip.route eth0 skipped - after=ip.address family=inet
ip.route eth0 ok 2001:db8:77::1 family=inet6
dhcp.servers eth0 critical 0 servers=-
arp.duplicate - skipped - after=ip.address
ipv6.ra eth0 info - error=none_heard
gw.ping - skipped - after=ip.address
gw.ping 2001:db8:77::1 ok 0 sent=20 received=20 family=inet6
dns.resolve 192.168.77.1 skipped - after=ip.address
http.get http://www.example.test/ skipped - after=ip.address family=inet
http.get https://www.example.test/ skipped - after=ip.address family=inet
mtu.path - skipped - after=ip.address" "$(lab_norm)" "no-dhcp records"
assert_match "	dhcp.servers	eth0	critical	0	-	servers=-$" "$out"
