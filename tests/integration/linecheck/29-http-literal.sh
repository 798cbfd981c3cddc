#!/bin/bash
# --target with address literals: the web check fetches the address
# itself (libcurl cannot take a pin for an IPv6 literal), per family.
. "$BBT_TOP/tests/lib.sh"
. "$BBT_TOP/tests/lab/linecheck/lab.sh"
lab_need
lab_up
run ip netns exec "$LAB_HOME" linecheck -i eth0 --resolv-conf "$LAB_DIR/resolv.conf" \
    --skip=mtu --target 'http://[2001:db8:f0::80]/' --target http://203.0.113.80/
assert_rc 0 "address literals"
assert_eq "http.get http://[2001:db8:f0::80]/ ok N status=200 family=inet6
http.get http://203.0.113.80/ ok N status=200 family=inet" \
    "$(lab_norm | grep '^http\.get')" "http.get records"
