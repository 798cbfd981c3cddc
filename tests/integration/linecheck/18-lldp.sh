#!/bin/bash
# --lldp: the switch port the line lands on, heard within the deadline;
# without a neighbour an info record says none was heard.
. "$BBT_TOP/tests/lib.sh"
. "$BBT_TOP/tests/lab/linecheck/lab.sh"
lab_need
lab_up
run "${LC[@]}" --lldp --timeout 700ms --skip dhcp,arp,ping,dns,http,mtu,ipv6
assert_rc 0 "no neighbour"
assert_match "	lldp.neighbor	eth0	info	-	-	error=none_heard listen_ms=[0-9]+$" "$out"
ip netns exec "$LAB_ISP" python3 "$LAB_SRC/lldp.py" vh0 "$LAB_DIR/lldp.ready" &
wait_for 10 test -s "$LAB_DIR/lldp.ready" || fail "lldp sender did not start"
run "${LC[@]}" --lldp --skip dhcp,arp,ping,dns,http,mtu,ipv6
assert_rc 0 "neighbour"
assert_match "	lldp.neighbor	eth0	info	sw-3f	-	chassis=02:aa:bb:cc:dd:00 port=Gi0/7 port_desc=\"home 3F room 302\"$" "$out"
