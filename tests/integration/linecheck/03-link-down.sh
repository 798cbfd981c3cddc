#!/bin/bash
# Fault link-down: no carrier: one critical record, everything else skipped after link.carrier.
. "$BBT_TOP/tests/lib.sh"
. "$BBT_TOP/tests/lab/linecheck/lab.sh"
lab_need
lab_up
lab_fault link-down
run "${LC[@]}"
assert_rc 2 "link-down"
assert_eq "link.carrier eth0 critical down
link.speed eth0 info - virtual=veth
link.duplex eth0 info - virtual=veth
link.errors eth0 ok 0
link.mtu eth0 info 1500
ip.address eth0 skipped - after=link.carrier
dhcp.servers eth0 skipped - after=link.carrier
arp.duplicate - skipped - after=link.carrier
gw.ping - skipped - after=link.carrier
dns.resolve - skipped - after=link.carrier
http.get - skipped - after=link.carrier
mtu.path - skipped - after=link.carrier" "$(lab_norm)" "link-down records"
