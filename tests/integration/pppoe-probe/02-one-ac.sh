#!/bin/bash
# One real pppoe-server: every tag reported, formats, case, link state,
# privileges.
. "$BBT_TOP/tests/lib.sh"
. "$BBT_TOP/tests/lab/pppoe-probe/lab.sh"
. "$BBT_TOP/tests/lab/pppoe-probe/assert.sh"
lab_init
lab_pppoe isp-bras-1 -S internet -S voip
mac=$LAB_AC_MAC

probe --case T1
assert_rc 0
assert_eq "T1	pppoe-probe" "$(printf '%s\n' "$out" | head -n 1 | cut -f 2,3)" "case record"
assert_match '^case	T1	pppoe-probe	[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:]{8}\+08:00$' "$out"
assert_rec link.carrier cli0 ok up
assert_rec pppoe.discovery cli0 ok 1
assert_eq "padi_sent=1 timeout_ms=5000 vlan=- other_pppoe=yes filtered=0 result=ok" \
    "$(col pppoe.discovery 7 | sed 's/ elapsed_ms=.*//')" "discovery detail"
assert_eq "$mac	ok" "$(col pppoe.pado 3)	$(col pppoe.pado 4)" "pado target"
assert_match '^[0-9]+\.[0-9]{3}$' "$(col pppoe.pado 5)" "latency"
assert_eq ms "$(col pppoe.pado 6)"
assert_eq isp-bras-1 "$(det pppoe.pado ac)"
assert_eq internet,voip "$(det pppoe.pado services)"
assert_match '^[0-9a-f]{40}$' "$(det pppoe.pado cookie)" "20-byte cookie"
assert_eq "- - - 0" "$(det pppoe.pado relay) $(det pppoe.pado max_payload) $(det pppoe.pado vlan) $(det pppoe.pado dup)"
assert_eq 3 "$(printf '%s\n' "$out" | grep -c '^check')" "number of checks"

# RFC 4638: the tag goes out; pppoe-server only answers it above MTU 1500.
probe --max-payload 1500 --host-uniq 0x00c0ffee
assert_rc 0
assert_rec pppoe.discovery cli0 ok 1

probe --format json
assert_rc 0
assert_match '^\{"type":"check","name":"pppoe.discovery","target":"cli0","status":"ok","value":1,' "$(printf '%s\n' "$out" | sed -n 2p)"

probe --format summary
assert_rc 0
assert_match '^PPPOE-PROBE OK - 3 checks ok \| ' "$out"

probe --format prometheus
assert_rc 0
assert_match 'bbtools_check_status\{tool="pppoe-probe",name="pppoe.discovery",target="cli0"\} 0' "$out"

# Unprivileged: one clear line naming the interface and the capability.
need_cmd setpriv
run_in "$CLI" setpriv --reuid=65534 --regid=65534 --clear-groups --inh-caps=-all \
    pppoe-probe -i cli0
assert_rc 3
assert_eq "pppoe-probe: cli0: cannot open a capture: CAP_NET_RAW is needed (run as root or install with make install-caps)" "$err"

# Promiscuous mode is never left on (nor turned on unless asked).
assert_nomatch PROMISC "$(ip -n "$CLI" link show cli0)"

# Link down: critical link.carrier, discovery skipped, nothing sent.
ip -n "$CLI" link set cli0 down
probe
assert_rc 2
assert_rec link.carrier cli0 critical down
assert_eq "operstate=down mtu=1500" "$(col link.carrier 7)"
assert_eq "check	pppoe.discovery	cli0	skipped	-	-	after=link.carrier" "$(rec pppoe.discovery)"
