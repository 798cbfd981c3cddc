#!/bin/bash
# SPDX-License-Identifier: MIT
# linecheck's Wi-Fi section against a script of iw in the wifi-vm lab
# (tests/lab/wifi-vm: mac80211_hwsim under TCG, client wlan4 on channel
# 6, APs on 1, 6, 6, 11): the same values, and the wall time of each.
#
#   linecheck (root)    triggers a 2.4 GHz scan, waits for it, reads
#                       interface, station, survey (twice), scan results
#   linecheck (nobody)  the same without a scan (EPERM, cached results)
#   iw script           iw dev link; station dump; survey dump; scan
#                       trigger freq 2412..2472, wait for "scan finished"
#                       from iw event, scan dump (as linecheck does; the
#                       one-shot "iw scan" here often never notices the
#                       end of its scan and hangs)
#   iw, cached          the same with scan dump instead of scan
#
# RUNS runs (default 5); medians of the guest's own `time` (10 ms steps).
# The values compared: SSID, BSSID, frequency, signal, average signal,
# noise, APs heard, APs per channel.  Needs root and qemu.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
RUNS=${RUNS:-5}
lab=$top/tests/lab/wifi-vm/wifi.sh
sd=$(mktemp -d /tmp/bbt-bench-wifi.XXXXXX)
trap '"$lab" stop "$sd/vm"; rm -rf "$sd"' EXIT
"$lab" start "$sd/vm" --bin "$top/bin/linecheck" || exit 1
vm() { "$lab" exec "$sd/vm" "$@"; }
freqs="2412 2417 2422 2427 2432 2437 2442 2447 2452 2457 2462 2467 2472"
a="-i wlan4 --skip link,dhcp,arp,ping,dns,http,mtu,ipv6"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
for r in $(seq "$RUNS"); do
	vm "cd /tmp
{ time -f 'lc_root %e' sh -c 'linecheck $a >lc.out 2>/dev/null'
  time -f 'lc_nobody %e' su -s /bin/sh nobody -c 'linecheck $a >/dev/null 2>&1'
  time -f 'iw_link %e' iw dev wlan4 link >link
  time -f 'iw_station %e' iw dev wlan4 station dump >sta
  time -f 'iw_survey %e' iw dev wlan4 survey dump >survey
  time -f 'iw_scan %e' sh -c 'iw event >ev & e=\$!
	iw dev wlan4 scan trigger freq $freqs >/dev/null
	n=0; until grep -q \"scan finished\\|scan aborted\" ev || [ \$n -ge 1000 ]
	do usleep 10000; n=\$((n + 1)); done
	kill \$e; iw dev wlan4 scan dump >scan'
  time -f 'iw_scandump %e' iw dev wlan4 scan dump >/dev/null; } 2>&1
cat lc.out link sta survey scan >all.$r" 2>&1 | grep -E '^(lc|iw)_' \
	    >>"$sd/times"
	vm "cat /tmp/all.$r" >"$sd/all.$r"
done
med() { awk -v k="$1" '$1 == k { print $2 }' "$sd/times" | sort -n |
	awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
printf '\nwall time, median of %d (s)\n' "$RUNS"
printf '  %-34s %s\n' "linecheck -i wlan4, root (scan)" "$(med lc_root)" \
    "linecheck -i wlan4, nobody (cached)" "$(med lc_nobody)"
ln=$(med iw_link) st=$(med iw_station) su=$(med iw_survey)
sc=$(med iw_scan) sd2=$(med iw_scandump)
printf '  %-34s %s\n' "iw link" "$ln" "iw station dump" "$st" \
    "iw survey dump" "$su" "iw scan freq (13 channels)" "$sc" \
    "iw scan dump" "$sd2" \
    "iw script with scan" "$(awk "BEGIN { print $ln + $st + $su + $sc }")" \
    "iw script with scan dump" "$(awk "BEGIN { print $ln + $st + $su + $sd2 }")"

# The values of the last run, side by side.
f=$sd/all.$RUNS
kv() { awk -F'\t' -v n="$1" -v k="$2" '$2 == n { m = split($7, a, " ")
	for (i = 1; i <= m; i++) if (index(a[i], k "=") == 1) print substr(a[i], length(k) + 2) }' "$f"; }
row() { printf '  %-20s %-20s %-20s %s\n' "$1" "$2" "$3" "$([ "$2" = "$3" ] && echo same || echo DIFFERS)"; }
printf '\nvalues (last run)\n  %-20s %-20s %-20s\n' what linecheck iw
row ssid "$(kv wifi.assoc ssid)" "$(sed -n 's/^[[:space:]]*SSID: //p' "$f" | head -n1)"
row bssid "$(kv wifi.assoc bssid)" "$(sed -n 's/^Connected to \([0-9a-f:]*\).*/\1/p' "$f")"
row freq "$(kv wifi.assoc freq)" "$(sed -n 's/^[[:space:]]*freq: //p' "$f" | head -n1)"
row signal "$(kv wifi.assoc signal_dbm)" "$(awk '/^[[:space:]]*signal:/ && !s { print $2; s = 1 }' "$f")"
row signal_avg "$(kv wifi.assoc signal_avg_dbm)" "$(awk '/signal avg:/ && !/beacon/ { print $3 }' "$f")"
row noise "$(kv wifi.survey noise_dbm)" "$(awk '/frequency:/ { q = $2 } /noise:/ && q == 2437 { print $2 }' "$f")"
row aps "$(awk -F'\t' '$2 == "wifi.scan" { print $5 }' "$f")" "$(grep -c '^BSS ' "$f")"
row aps_per_channel "$(awk -F'\t' '$2 == "wifi.channel" { printf "%s%s:%s", s, $3, $5; s = "," }' "$f")" \
    "$(awk '/^BSS / { b = 1 } b && /^\tfreq:/ { c[$2]++ } END { for (k in c) print k, c[k] }' "$f" |
	sort -n | awk '{ ch = ($1 - 2407) / 5; printf "%s%s:%s", s, ch, $2; s = "," }')"
