#!/bin/bash
# wifi_weak_or_congested from linecheck's measured Wi-Fi records
# (tests/data/bbdiag/wifi: a run in the wifi-vm lab, lab.rec, and the
# same with a weak average signal or a busy channel); the typed
# wifi_rssi= and wifi_busy= observations keep working.
. "$BBT_TOP/tests/lib.sh"
export BBTOOLS_CATALOGUE=$BBT_TOP/src/bbdiag/faults.catalog
d=$BBT_DATA/bbdiag/wifi
t=$'\t'

# The lab: -30 dBm, 13 % busy, one neighbour: nothing wrong, and the
# measured evidence stands against the Wi-Fi fault.
run bbdiag "$d/lab.rec"
assert_rc 0 "healthy Wi-Fi"
assert_eq "fault${t}wifi-lab${t}1${t}none${t}-${t}0.94${t}-${t}-${t}-" "$out" "lab"
run bbdiag --all "$d/lab.rec"
assert_nomatch "${t}wifi_weak_or_congested${t}" "$out" "not even a candidate"

# An average signal of -76 dBm, under the catalogue's wifi_rssi_min.
run bbdiag "$d/weak.rec"
assert_rc 1 "weak signal"
assert_eq "fault${t}wifi-weak${t}1${t}wifi_weak_or_congested${t}cust_equip${t}0.71${t}performance${t}wifi.assoc.value=-76,?speed.down,?speed.up,?wifi_rssi,?speed.compare${t}move_ap,change_channel" \
    "$out" "weak signal"
# -70 is not weaker than -70.
sed 's/warning\t-76\tdBm/ok\t-70\tdBm/' "$d/weak.rec" >"$T/edge.rec"
run bbdiag "$T/edge.rec"
assert_nomatch "wifi_weak_or_congested" "$out" "-70 dBm is not weak"

# The channel busy 72 % of the run, and crowded by the verdict.
run bbdiag "$d/busy.rec"
assert_rc 1 "busy channel"
assert_eq "fault${t}wifi-busy${t}1${t}wifi_weak_or_congested${t}cust_equip${t}0.71${t}performance${t}wifi.survey.value=72,wifi.verdict.crowded=yes,?speed.down,?speed.up,?wifi_rssi,?speed.compare${t}move_ap,change_channel" \
    "$out" "busy channel"

# Typed observations, without any wifi record, as before.
printf 'case\ttyped\tvisitnote\t2026-12-06T15:40:47+08:00\nobs\twifi_rssi\t-78\t-\nobs\twifi_busy\tyes\t-\n' >"$T/typed.rec"
run bbdiag --top 1 "$T/typed.rec"
assert_match "^fault${t}typed${t}1${t}wifi_weak_or_congested${t}cust_equip${t}[0-9.]+${t}performance${t}wifi_rssi=-78,wifi_busy=yes" \
    "$out" "typed observations"
