#!/bin/bash
# Inputs: Chinese headers and value words, CSV with quotes and offsets,
# order records mixed into a table, gzip, stdin; bad rows counted in the
# report, listed with file:line, exit 65; --strict; --errors.
. "$BBT_TOP/tests/lib.sh"
D=$BBT_DATA/qareport

run qareport --format=tsv "$D/zh.tsv"
assert_rc 65
assert_match $'^qa\t张三\t2\t1\t1\t100.0000\t4.0000\t' "$out" "Chinese aliases"
# The row of an unknown kind is an order all the same (issue 23), told
# once with its count after the bad rows.
assert_match $'^qa\tTOTAL\t4\t2\t1\t50.0000\t.*\t0\t-\t-\t5\trepair_timely_pct,satisfied_pct$' "$out" "bad count in TOTAL"
assert_eq "qareport: $D/zh.tsv:5: bad time '2024-13-01 08:00' in column 'accepted'
qareport: $D/zh.tsv:6: 8 columns, the header has 9
qareport: $D/zh.tsv:8: completed before accepted
qareport: $D/zh.tsv:9: unknown rating 'maybe'
qareport: $D/zh.tsv:10: invalid UTF-8
qareport: $D/zh.tsv:7: unknown kind '修理' (rows with it: 1; counted as orders of no kind of their own, see --kind-map)" "$err" "bad rows on stderr"

run qareport --format=tsv --errors=2 "$D/zh.tsv"
assert_rc 65
assert_eq "qareport: $D/zh.tsv:5: bad time '2024-13-01 08:00' in column 'accepted'
qareport: $D/zh.tsv:6: 8 columns, the header has 9
qareport: 3 more bad rows not listed (see --errors)
qareport: $D/zh.tsv:7: unknown kind '修理' (rows with it: 1; counted as orders of no kind of their own, see --kind-map)" "$err" "--errors"

run qareport --format=tsv --strict "$D/zh.tsv"
assert_rc 65
assert_eq "" "$out" "--strict prints no report"
assert_eq "qareport: $D/zh.tsv:5: bad time '2024-13-01 08:00' in column 'accepted'" "$err" "--strict"

# CSV: a quoted comma in a name, an RFC 3339 time with offset.
run qareport --format=tsv "$D/orders.csv"
assert_rc 0
assert_eq "qa	Li, Ming	2	1	1	100.0000	1.0000	1.0000	1.0000	100.0000	2.0000	2.0000	2.0000	-	-	-	0.0000	0.0000	100.0000	-	-	0.0000	-	0	-	-	-	-" \
    "$(printf '%s\n' "$out" | sed -n 2p)" "CSV row"

# order records (visitnote --log) after a header table, and the same
# through gzip and stdin give the same report.
run qareport --format=tsv "$D/mixed.tsv"
assert_rc 0
assert_match $'^qa\tT9\t2\t2\t0\t' "$out" "records mixed in"
plain=$out
gzip -c "$D/mixed.tsv" >"$T/m.tsv.gz"
run qareport --format=tsv "$T/m.tsv.gz"
assert_eq "$plain" "$out" "gzip"
run sh -c "qareport --format=tsv < '$D/mixed.tsv'"
assert_eq "$plain" "$out" "stdin"
run sh -c "gzip -c '$D/mixed.tsv' | qareport --format=tsv -"
assert_eq "$plain" "$out" "gzip on stdin"

# Several files add up; a missing file is exit 66.
run qareport --format=tsv --by=none "$D/timely.tsv" "$D/repeat.tsv"
assert_match $'^qa\tTOTAL\t23\t20\t3\t' "$out" "two files"
run qareport --format=tsv "$T/nonexistent.tsv"
assert_rc 66
assert_match "nonexistent.tsv: No such file or directory" "$err"

# Usage errors: 64.
for bad in --by=foo --shard=3/2 --shard=x --target=foo=1 --target=repeat_pct \
    --period-by=x --from=2024-99-01 --repeat-window=x --format=xml; do
	run qareport "$bad" "$D/timely.tsv"
	assert_rc 64 "$bad"
done
run qareport --from=2024-03-02 --to=2024-03-01 "$D/timely.tsv"
assert_rc 64 "--from after --to"
run qareport --partial --merge "$D/timely.tsv"
assert_rc 64 "--partial --merge"

# A line over the reader's 1 MB limit is one bad row; the next is read.
{ printf 'id\tkind\taccount\n'; head -c 1100000 /dev/zero | tr '\0' A
  printf '\nx\trepair\ta\n'; } >"$T/long.tsv"
run qareport --format=tsv --by=none "$T/long.tsv"
assert_rc 65
assert_match $'^qa\tTOTAL\t1\t1\t0\t.*\t1\t' "$out" "after a long line"
assert_match "long.tsv:2: line too long" "$err"

# Bad-input corpus (also the fuzzer's seeds): no crash; exit 0, 1 or 65,
# a damaged gzip stream included (its rows before the damage reported).
for f in "$BBT_TOP"/tests/fuzz/qareport/fuzz_rows.corpus/*; do
	run qareport --format=tsv --threads=2 "$f"
	case $rc in 0|1|65) ;; *) fail "$f: exit $rc: $err" ;; esac
done
