#!/bin/bash
# Fault dns-loop: the resolver answers NOERROR with a record whose name
# is a compression loop. c-ares cannot decode it: error=bad_reply
# (critical), not no_address (reliability audit F17).
. "$BBT_TOP/tests/lib.sh"
. "$BBT_TOP/tests/lab/linecheck/lab.sh"
lab_need
lab_up
lab_fault dns-loop
run "${LC[@]}" --skip=dhcp,arp,ping,http,mtu,ipv6
assert_rc 2 "dns-loop"
assert_eq "dns.resolve 192.168.77.1 critical N rcode=- error=bad_reply" \
    "$(lab_norm | grep '^dns\.')" "dns.resolve"
