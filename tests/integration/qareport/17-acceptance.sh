#!/bin/bash
# The acceptance KPIs (visitnote --acceptance): accept_pct is pass /
# (pass + fail) of the orders with a verdict, speed_plan_pct the orders
# whose measured download is at least 0.8 times a plan above 0, of those
# with both. Exact values on a hand-made log (accept.tsv):
#   A: pass 287.4/300 ok, pass 240/300 ok (0.8 exactly), fail
#      239.999/300 slow, pass with no measurement   -> 3/4, 2/3
#   B: no verdict 90/100 ok, fail 50/100 slow, pass 500 of a plan of 0
#      (no plan), nothing                           -> 1/2, 1/2
#   C: nothing                                      -> -, -
#   TOTAL                                           -> 4/6, 3/5
. "$BBT_TOP/tests/lib.sh"
D=$BBT_DATA/qareport
V=$BBT_DATA/visitnote
# col NAME...: those columns of the TSV in $out, by header name, for
# every row ("qa KEY" first).
col() {
	printf '%s\n' "$out" | awk -F'\t' -v want="$*" '
	    NR == 1 { n = split(want, w, " "); for (i = 1; i <= NF; i++) at[$i] = i; next }
	    { s = $2; for (i = 1; i <= n; i++) s = s " " $(at[w[i]]); print s }'
}
want="A 75.0000 66.6667
B 50.0000 50.0000
C - -
TOTAL 66.6667 60.0000"

run qareport --by=tech "$D/accept.tsv"
assert_rc 0 "no target on the new KPIs by default"
assert_eq "$want" "$(col accept_pct speed_plan_pct)" "tsv, English header"
assert_match $'\topen\taccept_pct\tspeed_plan_pct\tbad\tmissed$' "$(printf '%s\n' "$out" | head -1)" \
    "the new columns after open, before bad and missed"
# The Chinese header of a CSV export, 通过 / 不通过: the same numbers.
run qareport --by=tech "$D/accept-zh.csv"
assert_rc 0 "Chinese CSV"
assert_eq "$want" "$(col accept_pct speed_plan_pct)" "csv, Chinese header"

# --target: 66.6667 misses 70 (exit 1), 60 meets 60.
run qareport --by=tech --target=accept_pct=70 --target=speed_plan_pct=60 "$D/accept.tsv"
assert_rc 1 "accept_pct misses its target"
assert_eq "A -
B accept_pct,speed_plan_pct
C -
TOTAL accept_pct" "$(col missed)" "missed"

run qareport --by=tech --format=json "$D/accept.tsv"
assert_match '^\{"tech":"TOTAL",.*"open":0,"accept_pct":66\.6667,"speed_plan_pct":60\.0000,"bad":0,' "$out" "json TOTAL"
assert_match '^\{"tech":"C",.*"accept_pct":null,"speed_plan_pct":null,' "$out" "json: no denominator is null"
run env COLUMNS=80 qareport --by=tech --format=text --color=never --target=accept_pct=70 "$D/accept.tsv"
assert_match '^acceptance pass % +75\.0 +50\.0\* +- +66\.7\* +>= 70$' "$out" "text"
assert_match '^speed vs plan % +66\.7 +50\.0 +- +60\.0$' "$out" "text"
run env COLUMNS=80 LANGUAGE=zh_CN qareport --by=tech --format=text --color=never "$D/accept.tsv"
assert_match '^验收通过率% +75\.0 ' "$out" "text, Chinese label"
run qareport --by=tech --format=html "$D/accept.tsv"
assert_match '<th title="accept_pct">acceptance pass %</th><th title="speed_plan_pct">speed vs plan %</th></tr>' "$out" "html table"
assert_match '<dd>验收通过率, acceptance pass rate: ' "$out" "html glossary"

# --partial / --merge: two shards give the single pass's report.
for k in 1 2; do
	qareport --partial --by=tech --shard=$k/2 "$D/accept.tsv" >"$T/p$k" || fail "partial $k"
done
run qareport --merge --by=tech "$T/p1" "$T/p2"
assert_rc 0 "merge"
assert_eq "$want" "$(col accept_pct speed_plan_pct)" "merged shards"
assert_eq "qareport-state	2" "$(head -1 "$T/p1")" "state version"
# A state of before the acceptance counters is refused, not read as
# orders without tests; one whose counters were edited is refused too.
sed -e '1s/2$/1/' -e '/^g\t/s/ [0-9]* [0-9]* [0-9]* [0-9]* [0-9]*$//' "$T/p1" >"$T/old"
run qareport --merge "$T/old" "$T/p2"
assert_rc 65 "version 1"
assert_eq "qareport: $T/old:1: not a qareport state file: a state of an older qareport (version 1): make the partials again" \
    "$err" "version 1: the message"
awk -F'\t' -v OFS='\t' '/^g\t/ && !done { n = split($NF, c, " "); c[n - 3] = c[n - 4] + 1
	s = c[1]; for (i = 2; i <= n; i++) s = s " " c[i]; $NF = s; done = 1 } 1' "$T/p1" >"$T/more"
run qareport --merge "$T/more" "$T/p2"
assert_rc 65 "more passes than tests"
assert_match 'the numerator of accept_pct exceeds its denominator$' "$err" "numerator check"

# Bad values are bad rows, named; the good rows are still counted.
{ cat "$D/accept.tsv"
  printf '10\trepair\ta10\tC\t2026-11-11 09:00\t2026-11-11 11:00\tdone\tmaybe\t-\t-\n'
  printf '11\trepair\ta11\tC\t2026-11-11 09:00\t2026-11-11 11:00\tdone\tpass\t1e3\t100\n'
  printf '12\trepair\ta12\tC\t2026-11-11 09:00\t2026-11-11 11:00\tdone\tpass\t90\t-5\n'
} >"$T/bad.tsv"
run qareport --by=tech "$T/bad.tsv"
assert_rc 65 "bad rows"
assert_eq "qareport: $T/bad.tsv:11: not pass or fail: 'maybe' in column 'accept'
qareport: $T/bad.tsv:12: bad rate '1e3' in column 'speed_down'
qareport: $T/bad.tsv:13: bad rate '-5' in column 'plan_down'" \
    "$(printf '%s\n' "$err" | grep ':1[0-9]: ')" "the messages"
assert_eq "$want" "$(col accept_pct speed_plan_pct)" "the good rows"

# visitnote --acceptance --log records (31 fields) and a visit note's
# (25) in one log: pass 287.4/300, fail 201.7/300, fail unmeasured.
who=(--customer 张三 --tech li)
visitnote --acceptance "${who[@]}" --action install --log "$T/orders.tsv" -o "$T/s1.txt" "$V/accept-pass.tsv" ||
    fail "visitnote pass"
visitnote --acceptance "${who[@]}" --action repair --id R-77 --log "$T/orders.tsv" -o "$T/s2.txt" "$V/accept-slow.tsv"
visitnote --acceptance "${who[@]}" --action install --log "$T/orders.tsv" -o "$T/s3.txt" "$V/accept-missing.tsv"
visitnote --customer 王五 --contact 李工 --phone 13812345678 --arrived '2025-03-05 09:05' \
    --left '2025-03-05 09:20' --action install --id W1 --tech li --log - -o "$T/note.txt" >>"$T/orders.tsv" ||
    fail "visit note log"
assert_eq "31 31 31 25" "$(awk -F'\t' '{ print NF }' "$T/orders.tsv" | paste -sd ' ')" "the log"
run qareport --by=tech "$T/orders.tsv"
assert_rc 0 "qareport on visitnote's log"
assert_eq "li 4 33.3333 50.0000 -
TOTAL 4 33.3333 50.0000 0" "$(col orders accept_pct speed_plan_pct bad)" "read back"
# A record shorter than the order record is still a bad row.
printf 'order\tX1\trepair\n' >>"$T/orders.tsv"
run qareport --by=tech "$T/orders.tsv"
assert_rc 65 "short record"
assert_eq "qareport: $T/orders.tsv:5: 2 columns, the order record has 24" "$err" "short record: the message"
