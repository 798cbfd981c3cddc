#!/bin/bash
# The check-name contract: records exactly as linecheck and pppoe-probe
# print them (tests/data/bbdiag/contract/*.rec) map to the right faults.
# The golden file holds the full fault records (evidence, steps).
. "$BBT_TOP/tests/lib.sh"
export BBTOOLS_CATALOGUE=$BBT_TOP/src/bbdiag/faults.catalog
d=$BBT_DATA/bbdiag/contract

while IFS=$'\t' read -r file fault side; do
	case $file in '#'*|'') continue ;; esac
	run bbdiag --top 1 "$d/$file"
	assert_rc 1 "$file"
	assert_eq "$fault	$side" "$(printf '%s\n' "$out" | cut -f 4,5)" "$file"
	# The same through a pipe, as in linecheck | bbdiag.
	got=$(bbdiag --top 1 <"$d/$file" | cut -f 4)
	assert_eq "$fault" "$got" "$file on stdin"
done <"$d/expect.tsv"

# All at once, ranked candidates included: the golden file.
run bbdiag "$d"/*.rec
assert_rc 1 "all contract files"
assert_golden "$d/all.golden"

# linecheck --case A and pppoe-probe --case A, concatenated: one case.
{ sed 's/lab-10/visit-7/' "$d/dns-timeout.rec"; sed 's/lab-2/visit-7/' "$d/auth-login-incorrect.rec"; } >"$T/both.rec"
run bbdiag --batch "$T/both.rec"
assert_rc 1 "concatenated"
assert_eq "fault	visit-7	1	auth_bad_password	cust_account" "$(printf '%s\n' "$out" | cut -f 1-5)" \
    "the lowest failing layer (auth) wins over DNS"

# Every check a catalogue rule reads is one linecheck or pppoe-probe
# prints (its name quoted in their sources): speed.down, speed.up and
# speed.latency of linecheck --speed included.
names=$(grep -v '^[[:space:]]*#' "$BBTOOLS_CATALOGUE" | grep -o '\[[a-z_.]*\(:ip\|:name\)\?\]' |
    tr -d '[]' | sed 's/:.*//' | sort -u)
printf '%s\n' "$names" | grep -qx 'speed.latency' || fail "the catalogue reads no speed.latency"
for n in $names; do
	grep -rqF "\"$n\"" "$BBT_TOP/src/linecheck" "$BBT_TOP/src/pppoe-probe" ||
	    fail "the catalogue reads [$n], which no tool prints"
done

# And every detail key a rule reads ([ppp.ipcp].up_ms, [ppp.hold].by)
# is one those tools write: a renamed key would leave a rule unknown for
# ever without a word. A key is quoted alone or written into a format
# string ("flaps=%d gw_bursts=%d", linecheck --watch's summary).
keys=$(grep -v '^[[:space:]]*#' "$BBTOOLS_CATALOGUE" |
    grep -o '\[[a-z_.]*\(:ip\|:name\)\?\]\.[a-z_0-9]*' | sed 's/.*\]\.//' |
    grep -vx 'value\|target\|unit' | sort -u)
printf '%s\n' "$keys" | grep -qx 'up_ms' || fail "the catalogue reads no up_ms"
printf '%s\n' "$keys" | grep -qx 'gw_bursts' || fail "the catalogue reads no gw_bursts"
for k in $keys; do
	grep -rqE "\"$k\"|[\" ]$k=%" "$BBT_TOP/src/linecheck" "$BBT_TOP/src/pppoe-probe" ||
	    fail "the catalogue reads the detail key $k, which no tool writes"
done
