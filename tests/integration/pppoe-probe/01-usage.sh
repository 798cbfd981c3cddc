#!/bin/bash
# Usage errors, interface errors and privileges: clear message, exit 3.
. "$BBT_TOP/tests/lib.sh"
. "$BBT_TOP/tests/lab/pppoe-probe/assert.sh"

run pppoe-probe
assert_rc 3
assert_match 'pppoe-probe: no interface given: use -i IFACE' "$err"
run pppoe-probe -i eth0 stray
assert_rc 3
assert_match "unexpected argument 'stray'" "$err"
run pppoe-probe -i eth0 --vlan 4095
assert_rc 3
assert_match "invalid value '4095' for --vlan: too large \(allowed 0 to 4094\)" "$err"
run pppoe-probe -i eth0 --timeout 2x
assert_rc 3
assert_match "invalid duration '2x' for --timeout" "$err"
run pppoe-probe -i eth0 --host-uniq 0xabc
assert_rc 3
assert_match "invalid value '0xabc' for --host-uniq: odd number of hex digits" "$err"
run pppoe-probe -i eth0 --padt 1:nomac
assert_rc 3
assert_match "invalid value '1:nomac' for --padt: use SESSION:MAC" "$err"
run pppoe-probe -i eth0 --vlan-scan 10-5
assert_rc 3
assert_match "invalid value '10-5' for --vlan-scan: VLAN ids are 0 to 4094" "$err"
run pppoe-probe -i eth0 --password-file /dev/null
assert_rc 3
assert_match -- '--password-file needs --user' "$err"
run pppoe-probe -i eth0 --qinq 100
assert_rc 3
assert_match -- '--qinq needs --vlan' "$err"
run pppoe-probe -i eth0 --auth eap
assert_rc 3
assert_match "invalid value 'eap' for --auth" "$err"
run pppoe-probe -i eth0 --format xml
assert_rc 3
assert_match "invalid value 'xml' for --format" "$err"
run pppoe-probe --help
assert_rc 0
assert_match -- '--password-file=FILE' "$out"
run pppoe-probe --version
assert_rc 0
assert_match '^pppoe-probe \(bbtools\) ' "$out"

# The interface checks need no privilege and send nothing.
run pppoe-probe -i nosuch0
assert_rc 3
assert_eq "pppoe-probe: nosuch0: no such interface" "$err"
assert_eq "" "$out" "stdout"
run pppoe-probe -i lo
assert_rc 3
assert_eq "pppoe-probe: lo: not an Ethernet interface" "$err"
run pppoe-probe -i 0123456789abcdefg
assert_rc 3
assert_match "invalid interface name" "$err"

# zh_CN messages.
LANGUAGE=zh_CN run pppoe-probe -i nosuch0
assert_rc 3
assert_eq "pppoe-probe: nosuch0：没有这个接口" "$err"
