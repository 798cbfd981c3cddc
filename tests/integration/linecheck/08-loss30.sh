#!/bin/bash
# Fault loss30: 30 % of the packets from home dropped at random. gw.ping
# states the loss with its sample size; no black hole is made up from lost
# probes; whatever fails behind the lossy gateway is skipped after it.
. "$BBT_TOP/tests/lib.sh"
. "$BBT_TOP/tests/lab/linecheck/lab.sh"
lab_need
lab_up
lab_fault loss30
run "${LC[@]}" --skip ipv6 --count 50
[ "$rc" -eq 1 ] || [ "$rc" -eq 2 ] || assert_rc 2 "loss30"
gw=$(printf '%s\n' "$out" | awk -F'\t' '$2 == "gw.ping"')
assert_match "^check	gw.ping	192.168.77.1	(warning|critical)	[0-9.]+	%	sent=50 received=([0-9]|[1-4][0-9]) " "$gw" "loss with sample size"
loss=$(printf '%s\n' "$gw" | cut -f5)
[ "${loss%.*}" -gt 0 ] || fail "no loss measured: $gw"
assert_nomatch "blackhole=yes" "$out" "false black hole"
# Nothing but the gateway may be blamed.
bad=$(printf '%s\n' "$out" | awk -F'\t' '$1 == "check" && ($4 == "critical" || $4 == "warning") && $2 != "gw.ping" && $2 != "dhcp.servers"' )
assert_eq "" "$bad" "non-ok checks besides gw.ping"
