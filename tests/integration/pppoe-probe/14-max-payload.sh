#!/bin/bash
# RFC 4638 PPP-Max-Payload against real pppoe-server: it grants what
# its interface MTU allows (MTU - 8) in PADO and PADS, and nothing on
# a 1500-byte link. With fakeac: the probe then asks for that MRU in
# LCP, unless --mru says otherwise.
. "$BBT_TOP/tests/lib.sh"
. "$BBT_TOP/tests/lab/pppoe-probe/lab.sh"
. "$BBT_TOP/tests/lab/pppoe-probe/assert.sh"
lab_init
printf '#!/bin/sh\nexec sleep 60\n' >"$T/fakepppd"
chmod +x "$T/fakepppd"
LAB_MTU=1508 lab_pppoe jumbo -S internet -q "$T/fakepppd"
mac_j=$LAB_AC_MAC
lab_pppoe plain -S internet -q "$T/fakepppd"
mac_p=$LAB_AC_MAC
export PPPOE_PASSWORD=secret
# mp MAC: max_payload= of that AC's pppoe.pado record.
mp() {
	rec pppoe.pado | awk -F'\t' -v m="$1" '$3 == m { print $7 }' |
	    tr ' ' '\n' | sed -n 's/^max_payload=//p'
}

# Asked for 1500: the 1508-byte AC grants it, the 1500-byte one cannot.
probe --max-payload 1500 --expect 2
assert_rc 0
assert_eq "1500 -" "$(mp "$mac_j") $(mp "$mac_p")"
# Asked for more than its MTU allows: clamped to 1500.
probe --max-payload 4000 -C jumbo
assert_rc 0
assert_eq 1500 "$(mp "$mac_j")"
# Not asked: no tag.
probe -C jumbo
assert_eq "-" "$(mp "$mac_j")"

# PADS grants it too (the session then times out: this pppd is silent).
probe --max-payload 1500 -C jumbo --user alice --session-timeout 300ms
assert_rc 2
assert_rec pppoe.pads "$mac_j" ok "$(col pppoe.pads 5)"
assert_eq 1500 "$(det pppoe.pads max_payload)"
assert_eq "padt=yes" "$(col ppp.cleanup 7 | cut -d' ' -f1)"

# The MRU follows the grant; --mru wins. fakeac logs what it got.
lab_fake --ac-name rfc4638 --service internet --max-payload 1500 --log "$T/ac.log"
probe -C rfc4638 --max-payload 1600 --user alice --session-timeout 300ms
assert_rc 2
assert_eq "1500 1500" "$(mp "$LAB_AC_MAC") $(det pppoe.pads max_payload)"
assert_match '^padi vlan=- max_payload=1600$' "$(grep '^padi' "$T/ac.log" | tail -n 1)"
assert_eq "mru=1500" "$(grep -o 'mru=[0-9]*' "$T/ac.log" | sort -u)"
: >"$T/ac.log"
probe -C rfc4638 --max-payload 1600 --mru 1400 --user alice --session-timeout 300ms
assert_eq "mru=1400" "$(grep -o 'mru=[0-9]*' "$T/ac.log" | sort -u)"
: >"$T/ac.log"
probe -C rfc4638 --user alice --session-timeout 300ms
assert_eq "- mru=1492" "$(det pppoe.pads max_payload) $(grep -o 'mru=[0-9]*' "$T/ac.log" | sort -u)"
