#!/bin/bash
# linecheck --speed's throughput records (issue 18 item 2): speed.down,
# speed.up (Mbit/s, plan= ratio= limit=) and speed.latency (idle_ms=,
# bloat_ms=), as linecheck prints them (tests/data/bbdiag/speed/*.rec).
# Each case's full fault records, evidence and steps included.
. "$BBT_TOP/tests/lib.sh"
export BBTOOLS_CATALOGUE=$BBT_TOP/src/bbdiag/faults.catalog
d=$BBT_DATA/bbdiag/speed
t=$'\t'

# Plan met in both directions, healthy link and latency: a healthy line.
run bbdiag "$d/plan-met.rec"
assert_rc 0 "plan met"
assert_eq "fault${t}sp-met${t}1${t}none${t}-${t}0.90${t}-${t}-${t}-" "$out" "plan met"

# Plan missed (61 %) on a healthy gigabit link: slow_speed from the
# ratio against the catalogue's slow_ratio, nothing left unexplained.
run bbdiag "$d/plan-missed-1g.rec"
assert_rc 1 "plan missed"
assert_eq "fault${t}sp-missed${t}1${t}slow_speed${t}cust_equip${t}0.71${t}performance${t}speed.down.ratio=0.61,?complaint,?history,?peak${t}wired_test,check_line_values,check_port_bras" \
    "$out" "plan missed on a 1G link"

# A 100 Mbit/s link (gigabit gear) on a 300 M plan: the link caps the
# plan (limit=link_speed), so the degraded link comes first, the slow
# speed after it.
run bbdiag "$d/link-100-plan-300.rec"
assert_rc 1 "100M link"
assert_eq "fault${t}sp-link100${t}1${t}eth_speed_degraded${t}cust_equip${t}0.59${t}performance${t}link.speed=warning,speed.down.limit=link_speed,?cable_test,?plan,?complaint,?history${t}cable_test,reterminate_pairs
fault${t}sp-link100${t}2${t}slow_speed${t}cust_equip${t}0.29${t}performance${t}speed.down.ratio=0.31${t}wired_test,check_line_values,check_port_bras" \
    "$out" "100M link on a 300M plan"
# A link that is only 100 Mbit/s capable (link.speed ok) still caps it.
sed 's/warning\t100\tMbit\/s\tduplex=full autoneg=on supported=1000/ok\t100\tMbit\/s\tduplex=full autoneg=on supported=100/' \
    "$d/link-100-plan-300.rec" >"$T/nic100.rec"
run bbdiag --top 1 "$T/nic100.rec"
assert_eq "sp-link100${t}1${t}eth_speed_degraded${t}cust_equip" "$(cut -f 2-5 <<<"$out")" "100M-only NIC"

# Half duplex with lost pings and 1843 upload retransmits: the duplex
# mismatch (Ethernet layer) first; the slow speed follows from it.
run bbdiag "$d/half-duplex-loss.rec"
assert_rc 1 "half duplex"
assert_eq "fault${t}sp-half${t}1${t}duplex_mismatch${t}cust_equip${t}0.75${t}ethernet${t}link.duplex=warning,link.duplex.value=half,speed.up.retrans=1843,gw.ping.value=20,?complaint,?duplex.peer,?history,?peak${t}auto_both_ends,same_forced_setting
fault${t}sp-half${t}2${t}slow_speed${t}cust_equip${t}0.75${t}performance${t}consequence_of=1,speed.down.ratio=0.31,speed.up.ratio=0.31,gw.ping=warning${t}wired_test,check_line_values,check_port_bras" \
    "$out" "half duplex with loss"
# The loss and retransmits are what add to it: without them, less.
sed -e 's/retrans=1843/retrans=12/' -e 's/warning\t20\t%/ok\t0\t%/' \
    "$d/half-duplex-loss.rec" >"$T/half-clean.rec"
run bbdiag --top 1 "$T/half-clean.rec"
assert_match "${t}duplex_mismatch${t}cust_equip${t}0\.60${t}ethernet${t}link\.duplex=warning,link\.duplex\.value=half," "$out" \
    "half duplex without loss"

# Bufferbloat: the load adds 281 ms to a 5 ms idle latency on a wired
# gigabit link: congestion beyond the customer's wiring (op_network).
run bbdiag "$d/bufferbloat.rec"
assert_rc 1 "bufferbloat"
assert_eq "fault${t}sp-bloat${t}1${t}slow_speed${t}op_network${t}0.78${t}performance${t}speed.down.ratio=0.67,speed.latency.bloat_ms=281.2,?complaint,?history,?peak${t}wired_test,check_line_values,check_port_bras" \
    "$out" "bufferbloat"
# The same run over Wi-Fi (limit=wifi): the crowded channel comes first.
sed 's/plan=300 ratio=0.67/plan=300 ratio=0.67 limit=wifi/' "$d/bufferbloat.rec" >"$T/wifi.rec"
run bbdiag --top 2 "$T/wifi.rec"
assert_eq "1 wifi_weak_or_congested cust_equip
2 slow_speed cust_equip" "$(cut -f 3-5 <<<"$out" | tr '\t' ' ')" "bufferbloat over Wi-Fi"

# The phone case: a typed speed and plan still work, and agree.
run bbdiag --top 1 speed=180 plan=300
assert_eq "slow_speed" "$(cut -f 4 <<<"$out")" "typed speed and plan"
run bbdiag --top 1 speed=290 plan=300
assert_eq "none" "$(cut -f 4 <<<"$out")" "typed plan met"
# A typed plan above a gigabit link's rate is no degraded link; above a
# 100 Mbit/s link it is.
run bbdiag --top 1 plan=300 - <"$d/plan-met.rec"
assert_eq "none" "$(cut -f 4 <<<"$out")" "typed plan under the link rate"
grep -v '^check	speed' "$d/link-100-plan-300.rec" >"$T/nospeed.rec"
run bbdiag --top 1 plan=300 - <"$T/nospeed.rec"
assert_match "${t}eth_speed_degraded${t}.*link\.speed\.value=100" "$out" "typed plan over a 100M link"

# linecheck --wired (the wifi-vm lab's records): the wired side met the
# plan, only the Wi-Fi missed it (speed.compare misses=wifi): the Wi-Fi,
# and slow_speed not a candidate at all.
run bbdiag --top 3 "$d/wired-wifi-misses.rec"
assert_rc 1 "wired fine, Wi-Fi misses"
assert_eq "fault${t}sp-wired-wifi${t}1${t}wifi_weak_or_congested${t}cust_equip${t}0.83${t}performance${t}speed.down.limit=wifi,speed.up.limit=wifi,speed.compare.misses=wifi,?wifi_rssi,?wifi.assoc,?wifi_busy,?complaint${t}move_ap,change_channel" \
    "$out" "wired fine, Wi-Fi misses"
# The same records without the comparison: weaker (0.71), and it asks for
# the comparison.
grep -v '	speed\.compare	' "$d/wired-wifi-misses.rec" >"$T/nocmp.rec"
run bbdiag --top 1 "$T/nocmp.rec"
assert_match "${t}wifi_weak_or_congested${t}cust_equip${t}0\.71${t}.*\?speed\.compare" "$out" "without speed.compare"
# Both sides missed it: the speed, and not the Wi-Fi.
run bbdiag --top 3 "$d/wired-both-miss.rec"
assert_rc 1 "both miss"
assert_eq "slow_speed" "$(cut -f 4 <<<"$out")" "both miss: slow_speed alone"
