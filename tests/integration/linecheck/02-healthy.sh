#!/bin/bash
# A healthy line: every check ok in every output format, exit 0.
. "$BBT_TOP/tests/lib.sh"
. "$BBT_TOP/tests/lab/linecheck/lab.sh"
lab_need
lab_up
run "${LC[@]}" --case T-0001
assert_rc 0 "healthy"
assert_eq "" "$err" "stderr"
assert_match "^case	T-0001	linecheck	20[0-9-]{8}T" "$(printf '%s\n' "$out" | head -n 1)"
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
dns.resolve 192.168.77.1 ok N rcode=NOERROR
http.get http://www.example.test/ ok N status=200 family=inet
http.get http://www.example.test/ ok N status=200 family=inet6
http.get https://www.example.test/ ok N status=200 family=inet
http.get https://www.example.test/ ok N status=200 family=inet6
mtu.path 203.0.113.80 ok 1472 expected=1472 blackhole=no" "$(lab_norm)" "healthy records"
# Facts behind the verdicts.
assert_match "	dhcp.offer	192.168.77.1	ok	192.168.77.128	-	time_ms=[0-9.]+ router=192.168.77.1 dns=192.168.77.1 lease=3600 mac=" "$out"
assert_match "	dns.resolve	192.168.77.1	ok	[0-9.]+	ms	name=www.example.test rcode=NOERROR answer=203.0.113.80 answer6=2001:db8:f0::80$" "$out"
assert_match "	http.get	https://www.example.test/	ok	[0-9.]+	ms	status=200 connect_ms=[0-9.]+ tls_ms=[0-9.]+ family=inet addr=203.0.113.80" "$out"
assert_match "	link.errors	eth0	ok	0	frames	rx_crc=0 rx_frame=0 rx_dropped=0 collisions=0 window_ms=[0-9]+$" "$out"

# The same run in the other formats.
run "${LC[@]}" --format json --skip dhcp,arp,mtu,ipv6 --count 5
assert_rc 0 "json"
n=$(printf '%s\n' "$out" | grep -c '^{"type":"check","name":')
assert_eq 12 "$n" "JSON lines"
assert_match '^\{"type":"check","name":"gw.ping","target":"192.168.77.1","status":"ok","value":0,"unit":"%","detail":\{"sent":5,"received":5,"rtt_min":[0-9.]+,' "$out"
printf '%s\n' "$out" | python3 -c 'import json, sys
for l in sys.stdin: json.loads(l)' || fail "JSON Lines do not parse"
# Typed: numbers as numbers, yes/no as booleans, "-" as null (issue 17).
assert_match '"name":"link.mtu","target":"eth0","status":"info","value":1500,"unit":"bytes","detail":null\}$' "$out"
assert_match '"name":"ip.address",.*"detail":\{"family":"inet","linklocal":false,"dynamic":true,"valid_lft":[0-9]+\}\}$' "$out"
run "${LC[@]}" --format summary --count 5
assert_rc 0 "summary"
# Perfdata as check_ping's, with linecheck's thresholds (issue 17 item 8).
assert_match "^LINECHECK OK - [0-9]+ checks ok \| .*'gw.ping_192.168.77.1'=0%;1;10;0;100 'gw.ping_192.168.77.1_rta'=[0-9.]+ms;20;100;0 " "$out"
assert_match " 'dns.resolve_192.168.77.1_www.example.test'=[0-9.]+ms;300;;0 " "$out"
assert_match " 'link.errors_eth0'=0;0;100;0 " "$out"
assert_match " 'http.get_https://www.example.test/_inet6'=[0-9.]+ms;1000;;0 " "$out"
run "${LC[@]}" --format summary --count 5 --rtt-warn 5ms --rtt-crit 50ms --loss-warn 5 --loss-crit 20
assert_match "'gw.ping_192.168.77.1'=0%;5;20;0;100 'gw.ping_192.168.77.1_rta'=[0-9.]+ms;5;50;0 " "$out" "thresholds from the options"
run "${LC[@]}" --format prometheus --skip http,mtu,ipv6 --count 5
assert_rc 0 "prometheus"
assert_match '^bbtools_check_status\{tool="linecheck",name="dns.resolve",target="192.168.77.1",query="www.example.test"\} 0$' "$out"
assert_match '^bbtools_check_value\{tool="linecheck",name="link.mtu",target="eth0",unit="bytes"\} 1500$' "$out"

# The default interface is that of the default route; the resolver
# comes from the namespace's resolv.conf when no --resolv-conf is given.
mkdir -p "/etc/netns/$LAB_HOME"
at_exit "rm -rf /etc/netns/$LAB_HOME"
cp "$LAB_DIR/resolv.conf" "/etc/netns/$LAB_HOME/resolv.conf"
run ip netns exec "$LAB_HOME" linecheck --target v4only.example.test --skip dhcp,arp,ping,mtu
assert_rc 0 "defaults"
assert_eq "link.carrier eth0 ok up
link.speed eth0 info - virtual=veth
link.duplex eth0 info - virtual=veth
link.errors eth0 ok 0
link.mtu eth0 info 1500
ip.address eth0 ok 192.168.77.100/24 family=inet linklocal=no
ip.address eth0 ok 2001:db8:77::100/64 family=inet6 linklocal=no
ip.route eth0 ok 192.168.77.1 family=inet
ip.route eth0 ok 2001:db8:77::1 family=inet6
dns.resolve 192.168.77.1 ok N rcode=NOERROR" "$(lab_norm)" "default interface and resolv.conf"
