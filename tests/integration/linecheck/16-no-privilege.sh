#!/bin/bash
# Without CAP_NET_RAW (and with ping sockets off, the namespace default)
# the checks that need it say so: status unknown, error=no_privilege, one
# message each naming the interface and CAP_NET_RAW, exit 3. The rest runs.
. "$BBT_TOP/tests/lib.sh"
. "$BBT_TOP/tests/lab/linecheck/lab.sh"
lab_need
need_cmd setpriv
lab_up
chmod 755 "$T" "$LAB_DIR"
chmod 644 "$LAB_DIR"/*.pem "$LAB_DIR/resolv.conf"
run "${LC[@]:0:4}" setpriv --reuid=65534 --regid=65534 --clear-groups "${LC[@]:4}"
assert_rc 3 "unprivileged"
assert_eq "linecheck: eth0: cannot capture (DHCP and ARP checks need CAP_NET_RAW): socket: Operation not permitted
linecheck: eth0: cannot open an ICMP socket: ping sockets are off (net.ipv4.ping_group_range) and raw sockets need CAP_NET_RAW" "$err" "messages"
assert_eq "link.carrier eth0 ok up
link.speed eth0 info - virtual=veth
link.duplex eth0 info - virtual=veth
link.errors eth0 ok 0
link.mtu eth0 info 1500
ip.address eth0 ok 192.168.77.100/24 family=inet linklocal=no
ip.address eth0 ok 2001:db8:77::100/64 family=inet6 linklocal=no
ip.route eth0 ok 192.168.77.1 family=inet
ip.route eth0 ok 2001:db8:77::1 family=inet6
dhcp.servers eth0 unknown - error=no_privilege
arp.duplicate 192.168.77.100 unknown - error=no_privilege
gw.ping 192.168.77.1 unknown - error=no_privilege family=inet
gw.ping 2001:db8:77::1 unknown - error=no_privilege family=inet6
dns.resolve 192.168.77.1 ok N rcode=NOERROR
http.get http://www.example.test/ ok N status=200 family=inet
http.get http://www.example.test/ ok N status=200 family=inet6
http.get https://www.example.test/ ok N status=200 family=inet
http.get https://www.example.test/ ok N status=200 family=inet6
mtu.path - unknown - error=no_privilege" "$(lab_norm)" "unprivileged records"

# With ping sockets allowed for its group, ICMP works without privilege.
ip netns exec "$LAB_HOME" sysctl -qw net.ipv4.ping_group_range="0 65534"
run "${LC[@]:0:4}" setpriv --reuid=65534 --regid=65534 --clear-groups "${LC[@]:4}" --skip dhcp,arp
assert_rc 0 "ping sockets"
assert_match "	gw.ping	192.168.77.1	ok	0	%	sent=20 received=20 " "$out"
assert_match "	mtu.path	203.0.113.80	ok	1472	bytes	" "$out"
