#!/bin/bash
# A large file is read as ranges that the threads take in turn: bad rows
# are still listed in file order with their own line numbers, the first
# --errors of the file, and --strict stops at the file's first bad row,
# whatever the number of threads.
. "$BBT_TOP/tests/lib.sh"
need_cmd cc
cc -O1 -o "$T/gen" "$BBT_TOP/bench/qareport-gen.c" -lm || fail "building the generator"
# 30 000 rows, about 4 MB: a dozen ranges for three threads.
"$T/gen" --rows 30000 --accounts 1500 --dirty --seed 7 >"$T/o.tsv"

run qareport --format=tsv --threads=1 --errors=1000000 "$T/o.tsv"
assert_rc 65 "bad rows, one thread"
ref_out=$out ref_err=$err
# The bad rows, without the unknown kinds told once each (issue 23).
bads() { printf '%s\n' "$1" | grep ':[0-9]*: ' | grep -v ": unknown \(kind\|outcome\) '[^']*' (rows"; }
nbad=$(bads "$err" | wc -l)
[ "$nbad" -gt 20 ] || fail "the generator's dirty rows: only $nbad bad rows"
# Line numbers are the file's: each listed line is a bad one.
first=$(printf '%s\n' "$err" | grep -m1 ':[0-9]*: ' | sed 's/^qareport: [^:]*:\([0-9]*\): .*/\1/')
assert_match '^[0-9]+$' "$first" "a line number"
for j in 2 3 5; do
	run qareport --format=tsv --threads=$j --errors=1000000 "$T/o.tsv"
	assert_rc 65 "-j$j"
	assert_eq "$ref_out" "$out" "-j$j: the report"
	assert_eq "$ref_err" "$err" "-j$j: every bad row, in file order"
	run qareport --format=tsv --threads=$j --errors=5 "$T/o.tsv"
	assert_eq "$(bads "$ref_err" | head -n 5)" "$(bads "$err")" \
	    "-j$j: the first five"
	assert_match "$((nbad - 5)) more bad rows not listed" "$err" "-j$j: the rest counted"
	run qareport --format=tsv --threads=$j --strict "$T/o.tsv"
	assert_rc 65 "-j$j --strict"
	assert_eq "" "$out" "-j$j --strict: no report"
	assert_eq "$(bads "$ref_err" | head -n 1)" "$err" \
	    "-j$j --strict: the first bad row"
done
# The line a message names is the row it describes: that line of the
# file has the id of a row the one-thread run rejects too.
line=$(bads "$ref_err" | tail -n 1 | sed 's/^qareport: [^:]*:\([0-9]*\): .*/\1/')
run qareport --format=tsv --threads=1 --errors=1000000 \
    <(head -n 1 "$T/o.tsv"; sed -n "${line}p" "$T/o.tsv")
assert_rc 65 "the last listed line alone is bad"
