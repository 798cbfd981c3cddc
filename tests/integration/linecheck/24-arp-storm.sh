#!/bin/bash
# Fault arp-storm: another host floods the home MAC with random ARP
# requests and replies (~300 000 frames/s) while the DHCP server answers
# a second late. linecheck is stopped from its DISCOVER until after the
# offer has come, so the capture buffer is all it has: with a filter
# that passes ARP the storm fills it and the offer is lost ("no DHCP
# server", critical); the kernel filter passes only the frames the checks
# read, and the offer is there (reliability audit F7).
. "$BBT_TOP/tests/lib.sh"
. "$BBT_TOP/tests/lab/linecheck/lab.sh"
lab_need
LAB_DHCP_OPTS=--dhcp-reply-delay=1
lab_up
lab_fault arp-storm
"${LC[@]}" --skip=ping,dns,http,mtu,ipv6 >"$T/out" 2>"$T/err" &
pid=$!
wait_for 5 grep -q DHCPDISCOVER "$LAB_DIR/dnsmasq.log" || fail "no DISCOVER"
kill -STOP "$pid"
wait_for 5 grep -q DHCPOFFER "$LAB_DIR/dnsmasq.log" || fail "no OFFER"
sleep 2
kill -CONT "$pid"
wait "$pid"
rc=$? out=$(cat "$T/out") err=$(cat "$T/err")
assert_rc 0 "arp-storm"
assert_eq "dhcp.offer 192.168.77.1 ok 192.168.77.128
dhcp.servers eth0 ok 1 servers=192.168.77.1
arp.duplicate 192.168.77.100 ok -" "$(lab_norm | grep -E '^(dhcp|arp)\.')" "records"
assert_nomatch " dropped=" "$out" "nothing dropped"
