#!/bin/bash
# Usage errors, bad interfaces and the zh_CN catalogue: exit 3 (UNKNOWN)
# with one clear message, never a record.
. "$BBT_TOP/tests/lib.sh"

run linecheck --count 0
assert_rc 3 "--count 0"
assert_match "invalid value '0' for --count" "$err"
run linecheck --target ftp://example.test/
assert_rc 3 "ftp URL"
assert_match "'ftp://example.test/' is not an http or https URL" "$err"
run linecheck --target 'http://user:pw@example.test/'
assert_rc 3 "credentials in a URL"
run linecheck --skip link,bogus
assert_rc 3 "--skip bogus"
assert_match "use link, dhcp, arp, ping, dns, http, mtu, ipv6 or wifi" "$err"
run linecheck --resolver not-an-ip
assert_rc 3 "--resolver"
assert_match "'not-an-ip' is not an IP address" "$err"
run linecheck --loss-warn 20 --loss-crit 10
assert_rc 3 "warn above crit"
assert_match "must not be above --loss-crit" "$err"
run linecheck --format xml
assert_rc 3 "--format xml"
assert_match "use one of tsv, text, json, summary, prometheus" "$err"
run linecheck extra
assert_rc 3 "operand"

# Interfaces that cannot be a customer line.
run linecheck -i nosuch0 --timeout 1
assert_rc 3 "unknown interface"
assert_eq "" "$out" "stdout of an unknown interface"
assert_eq "linecheck: nosuch0: no such interface" "$err"
run linecheck -i lo --timeout 1
assert_rc 3 "loopback"
assert_eq "linecheck: lo is the loopback interface: name the line's interface with -i" "$err"

# Chinese messages.
LANGUAGE=zh_CN run linecheck -i nosuch0
assert_rc 3 "zh_CN"
assert_eq "linecheck: nosuch0：没有这个接口" "$err"
