#!/bin/bash
# linecheck --watch establishes frequent_drops (issue 21 item 4), its side
# by the evidence: carrier flaps on the line, error-frame bursts on the
# cabling (cust_equip, as cabling_crc_errors), gateway loss with the
# carrier up beyond the customer's link (op_network), LOS or retrains
# on the line whatever the watch saw, two dialers on the customer. A
# quiet watch speaks against it. watch/flaps.rec, gateway.rec and
# quiet.rec are linecheck --watch output from the namespace lab (as in
# tests/integration/linecheck/50-watch-events.sh); errors.rec is shaped
# as watch.c's err_record prints (veth has no CRC errors to inject).
. "$BBT_TOP/tests/lib.sh"
export BBTOOLS_CATALOGUE=$BBT_TOP/src/bbdiag/faults.catalog
t=$'\t'
d=$BBT_DATA/bbdiag/contract/watch
steps=match_drop_times,check_cpe_heat,escalate_bras_drop,escalate_gw_loss
fd() {	# SIDE CONFIDENCE EVIDENCE: the one fault record of case -
	printf 'fault\t-\t1\tfrequent_drops\t%s\t%s\tperformance\t%s\t%s' "$1" "$2" "$3" "$steps"
}

# Two carrier losses (flaps=2 >= watch_flaps_many): the line.
run bbdiag --top 1 "$d/flaps.rec"
assert_rc 1 "flaps"
assert_eq "$(fd access_line 0.80 "watch.summary.flaps=2,?drops,?onu.los_events,?complaint,?cpe.reboots,?dialers")" "$out" "flaps"

# One flap: evidence, weaker than two.
sed 's/ flaps=2 / flaps=1 /' "$d/flaps.rec" >"$T/flap1.rec"
run bbdiag --top 1 "$T/flap1.rec"
assert_eq "$(fd access_line 0.60 "watch.summary.flaps=1,?drops,?onu.los_events,?complaint,?cpe.reboots,?dialers")" "$out" "one flap"
# The threshold is the catalogue's: at 1 a single flap is certain.
sed 's/^param watch_flaps_many\t2\t-$/param watch_flaps_many 1 -/' "$BBTOOLS_CATALOGUE" >"$T/local.catalog"
grep -q '^param watch_flaps_many 1 -$' "$T/local.catalog" || fail "sed did not apply"
run bbdiag --catalogue "$T/local.catalog" --top 1 "$T/flap1.rec"
assert_eq "access_line${t}0.80" "$(printf '%s\n' "$out" | cut -f 5,6)" "watch_flaps_many=1"

# Gateway loss bursts, the carrier up all along: beyond the link.
run bbdiag --top 1 "$d/gateway.rec"
assert_rc 1 "gateway"
assert_eq "$(fd op_network 0.67 "watch.summary.gw_bursts=1,?drops,?onu.los_events,?complaint,?cpe.reboots,?dialers")" "$out" "gateway bursts only"
# Its step: escalate with the burst times, in both languages.
run bbdiag --top 1 --format=text "$d/gateway.rec"
assert_match '4\) When linecheck --watch lost the gateway while the link stayed up, escalate to the network team with the times of the bursts\. \[escalate_gw_loss\]' "$out" "step en"
LANGUAGE=zh_CN run bbdiag --top 1 --format=text "$d/gateway.rec"
assert_match '4\) 如 linecheck --watch 在链路正常时多次丢失网关，带上丢包时段上报网络维护。 \[escalate_gw_loss\]' "$out" "step zh"
# ... unless the carrier went too: a burst cut by a link loss (end=link)
# is the line's.
{ grep -v watch.summary "$d/flaps.rec"
  printf 'check\twatch.gateway\t192.168.77.1\tcritical\t0.905\ts\ttime=2026-12-06T13:53:05+08:00 offset=0.290 lost=9 end=link\n'
  grep watch.summary "$d/flaps.rec" | sed 's/ gw_bursts=0 / gw_bursts=1 /'
} >"$T/flap-gw.rec"
run bbdiag --top 1 "$T/flap-gw.rec"
assert_eq "$(fd access_line 0.86 "watch.summary.flaps=2,watch.summary.gw_bursts=1,?drops,?onu.los_events,?complaint,?cpe.reboots,?dialers")" "$out" "flaps and a burst"
# ... or the ONU logged LOS: its Ethernet carrier stays up in LOS.
run bbdiag --top 1 "$d/gateway.rec" onu.los_events=many
assert_eq "$(fd access_line 0.80 "onu.los_events=many,watch.summary.gw_bursts=1,?drops,?complaint,?cpe.reboots,?dsl.sync,?dialers")" "$out" "bursts and LOS events"
run bbdiag --top 1 "$d/gateway.rec" dsl.sync=retrains
assert_eq "access_line" "$(printf '%s\n' "$out" | cut -f 5)" "bursts and retrains"

# Error-frame bursts: the cabling at the tested port.
run bbdiag --top 1 "$d/errors.rec"
assert_rc 1 "errors"
assert_eq "$(fd cust_equip 0.60 "watch.summary.error_bursts=2,?drops,?onu.los_events,?complaint,?cpe.reboots,?dialers")" "$out" "error bursts"

# Two dialers on one account, typed as a count or in words: the
# customer, whatever the watch saw.
for v in 2 3 several 两个 多个; do
	run bbdiag --top 1 "$d/gateway.rec" dialers=$v
	assert_eq "$(fd cust_equip 0.67 "watch.summary.gw_bursts=1,?drops,?onu.los_events,?complaint,?cpe.reboots")" "$out" "dialers=$v"
done
for v in 1 one 一个; do
	run bbdiag --top 1 "$d/gateway.rec" dialers=$v
	assert_eq "op_network" "$(printf '%s\n' "$out" | cut -f 5)" "dialers=$v"
done
run bbdiag --top 1 drops=yes dialers=4
assert_rc 64 "dialers=4"
assert_match "invalid value '4' for 'dialers'" "$err"
# Its question, in both languages, for --ask.
run bbdiag --list=keys
assert_match '^dialers	enum	Is more than one device or program dialling this account\?$' "$out"
LANGUAGE=zh_CN run bbdiag --list=keys
assert_match '^dialers	enum	是否有多台设备或多个程序在用这个账号拨号？$' "$out"

# A quiet watch (ok, 0 events): no fault, and against the customer's
# word it lowers the confidence without ruling the drops out.
run bbdiag --top 3 "$d/quiet.rec"
assert_rc 0 "quiet"
assert_eq "fault$t-${t}1${t}none$t-${t}0.75$t-$t-$t-" "$out" "quiet watch"
run bbdiag --top 1 drops=yes
assert_eq "$(fd access_line 0.71 "drops=yes,?watch.summary,?ppp.hold,?onu.los_events,?complaint,?dialers")" "$out" "drops=yes alone"
run bbdiag --top 1 "$d/quiet.rec" drops=yes
assert_eq "$(fd access_line 0.60 "drops=yes,!watch.summary=ok,!watch.summary.value=0,?onu.los_events,?complaint,?cpe.reboots,?dsl.sync,?dialers")" "$out" "drops=yes, quiet watch"
# A watch with events that are no drop (an address change): not quiet.
sed 's/\tok\t0\tevents\t/\twarning\t1\tevents\t/; s/ addr_changes=0 / addr_changes=1 /' "$d/quiet.rec" >"$T/addr.rec"
run bbdiag --top 1 "$T/addr.rec" drops=yes
assert_eq "$(fd access_line 0.71 "drops=yes,?onu.los_events,?complaint,?cpe.reboots,?dsl.sync,?dialers")" "$out" "drops=yes, an address change"

# The BRAS hung up during pppoe-probe --hold: op_network stays first.
run bbdiag --top 1 "$BBT_DATA/bbdiag/contract/hold-bras-drop.rec" "$d/flaps.rec"
assert_eq "op_network" "$(printf '%s\n' "$out" | cut -f 5)" "hold terminated and flaps"
