#!/bin/bash
# Error tags: in a PADO (warning), in a PADS (critical, verbatim), and a
# PADS timeout. Extra tags (relay, max payload, vendor, unknown) shown.
. "$BBT_TOP/tests/lib.sh"
. "$BBT_TOP/tests/lab/pppoe-probe/lab.sh"
. "$BBT_TOP/tests/lab/pppoe-probe/assert.sh"
lab_init
lab_fake --ac-name bad-svc --service internet \
    --pads-error "service:RP-PPPoE: Server: Invalid service name tag" \
    --extra-tags --log "$T/ac.log"
mac=$LAB_AC_MAC
export PPPOE_PASSWORD=secret

probe -S internet
assert_rc 0
assert_rec pppoe.pado "$mac" ok "$(col pppoe.pado 5)"
assert_eq "ac=bad-svc services=internet cookie=01020304 relay=aabb max_payload=1500 vlan=- dup=0 tags=0x0105:00000de978797a,0x0107:09" \
    "$(col pppoe.pado 7)"

probe -S internet --user alice
assert_rc 2
assert_rec pppoe.pads "$mac" critical 0
assert_eq "Service-Name-Error" "$(det pppoe.pads error)"
assert_eq "RP-PPPoE: Server: Invalid service name tag" "$(detq pppoe.pads msg)"
assert_eq "check	ppp.lcp	$mac	skipped	-	-	after=pppoe.pads" "$(rec ppp.lcp)"
assert_eq "" "$(rec ppp.cleanup)" "no session, no cleanup record"

probe -S internet --user alice --format summary
assert_rc 2
assert_match '^PPPOE-PROBE CRITICAL - pppoe.pads [0-9a-f:]+: Service-Name-Error' "$out"

# An AC that reports an error already in its PADO.
lab_fake --ac-name busy --pado-error "system:too many sessions" --delay-ms 20
probe -C busy
assert_rc 1
busy=$(rec pppoe.pado | grep 'ac=busy')
assert_eq "$LAB_AC_MAC	warning" "$(printf '%s' "$busy" | cut -f 3,4)"
assert_match ' error=AC-System-Error msg="too many sessions"' "$busy"
