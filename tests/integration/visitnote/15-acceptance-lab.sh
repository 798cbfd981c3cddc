#!/bin/bash
# linecheck --speed | visitnote --acceptance end to end in linecheck's
# namespace lab: a line shaped to 20/10 Mbit/s against a 16/8 plan
# passes its speed lines, against 40/20 fails them, judged from the
# same live records; the log record carries the measured rates.
. "$BBT_TOP/tests/lib.sh"
. "$BBT_TOP/tests/lab/linecheck/lab.sh"
. "$BBT_TOP/tests/lab/linecheck/speed.sh"
lab_need
speed_need
need_cmd awk
lab_up
speed_up
speed_shape 20 10
"${LC[@]}" --case LAB-1 --speed="$SPEED_URL" --plan 16/8 --speed-time 3s >"$T/recs.tsv" 2>"$T/lc.err"
grep -q '^check	speed.down	' "$T/recs.tsv" || fail "no speed record: $(cat "$T/lc.err")"

run visitnote --acceptance --lang en --action install --tech li --log "$T/log.tsv" "$T/recs.tsv"
# No pppoe-probe in this lab: the dial-up is not measured, so exit 1.
assert_rc 1 "no dial-up"
assert_eq "" "$err" "stderr"
assert_match '^Order: LAB-1$' "$out" "case id as the order id"
assert_match '^Link: virtual link \(veth\), no PHY speed$' "$out" "veth link"
assert_match '^Browsing: DNS [0-9.]+ ms, web HTTP 200 in [0-9.]+ ms$' "$out" "browsing"
assert_match '^Download: [0-9.]+ Mbit/s, [0-9.]+ of the 16 Mbit/s plan$' "$out" "download"
assert_eq "pass pass" "$(printf '%s\n' "$out" | awk '/^(Download|Upload):/ { getline; print substr($1, 2, length($1) - 2) }' | paste -sd ' ')" \
    "20/10 meets 0.8 x 16/8"
assert_match '^Verdict: FAIL \(Dial-up\)$' "$out" "verdict"
# The record's rates are linecheck's values, byte for byte.
down=$(awk -F'\t' '$2 == "speed.down" { print $5 }' "$T/recs.tsv")
up=$(awk -F'\t' '$2 == "speed.up" { print $5 }' "$T/recs.tsv")
assert_eq "fail $down $up 16 8" "$(cut -f26-30 "$T/log.tsv" | tr '\t' ' ')" "log record"

# The same records against a 40/20 plan: both directions fail.
run visitnote --acceptance --lang en --plan 40/20 "$T/recs.tsv"
assert_rc 1 "40/20"
assert_eq "FAIL FAIL" "$(printf '%s\n' "$out" | awk '/^(Download|Upload):/ { getline; print substr($1, 2, length($1) - 2) }' | paste -sd ' ')" \
    "20/10 misses 0.8 x 40/20"
