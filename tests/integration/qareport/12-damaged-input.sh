#!/bin/bash
# Damage costs what is damaged, and is said once: a stray CSV quote is
# one bad row (the lines after it are read again), named file:line once;
# a truncated gzip file, or one with bytes after its data, still gives
# the report of the rows before the damage, names the file, line and
# what, and exits 65.
. "$BBT_TOP/tests/lib.sh"
need_cmd cc gzip
cc -O1 -o "$T/gen" "$BBT_TOP/bench/qareport-gen.c" -lm || fail "building the generator"
"$T/gen" --rows 30000 --accounts 900 --csv --seed 8 >"$T/o.csv"
run qareport --format=tsv --by=none "$T/o.csv"
case $rc in 0|1) ;; *) fail "the clean file: exit $rc: $err" ;; esac
orders=$(printf '%s\n' "$out" | awk -F'\t' '$2 == "TOTAL" { print $3 }')
[ "$orders" -eq 30000 ] || fail "the clean file: $orders orders"

# A quote opened in the id of row 2 (line 3) that never closes.
sed '3s/^/"/' "$T/o.csv" >"$T/q.csv"
run qareport --format=tsv --by=none "$T/q.csv"
assert_rc 65 "a stray quote"
assert_eq "qareport: $T/q.csv:3: unterminated quoted CSV field" "$err" \
    "the row named once, its location once"
assert_eq 29999 "$(printf '%s\n' "$out" | awk -F'\t' '$2 == "TOTAL" { print $3 }')" \
    "every other row counted"
assert_eq 1 "$(printf '%s\n' "$out" | awk -F'\t' '$2 == "TOTAL" { print $(NF - 1) }')" \
    "one bad row"
# Two stray quotes 5000 lines apart close each other: still two rows.
sed -e '3s/^/"/' -e '5003s/,/",/' "$T/o.csv" >"$T/q2.csv"
run qareport --format=tsv --by=none "$T/q2.csv"
assert_rc 65 "two stray quotes"
assert_eq 2 "$(printf '%s\n' "$err" | wc -l)" "two messages: $err"
assert_eq 29998 "$(printf '%s\n' "$out" | awk -F'\t' '$2 == "TOTAL" { print $3 }')" \
    "two stray quotes: the other rows counted"

# gzip: truncated within the data, within the trailer, trailing bytes.
"$T/gen" --rows 30000 --accounts 900 --seed 8 >"$T/o.tsv"
gzip -c "$T/o.tsv" >"$T/o.tsv.gz"
size=$(stat -c %s "$T/o.tsv.gz")
head -c $((size / 2)) "$T/o.tsv.gz" >"$T/half.gz"
head -c $((size - 4)) "$T/o.tsv.gz" >"$T/trailer.gz"
{ cat "$T/o.tsv.gz"; printf 'junk\n'; } >"$T/junk.gz"
for f in half trailer junk; do
	run qareport --format=tsv --by=none "$T/$f.gz"
	assert_rc 65 "$f.gz"
	n=$(printf '%s\n' "$out" | awk -F'\t' '$2 == "TOTAL" { print $3 }')
	[ -n "$n" ] || fail "$f.gz: no report: $err"
	# The rows before the damage: line n + 2 is the first not read.
	case $f in
	half)	[ "$n" -gt 1000 ] && [ "$n" -lt 30000 ] || fail "half: $n rows"
		assert_eq "qareport: $T/$f.gz:$((n + 2)): truncated gzip data; the rows before this line were read" \
		    "$err" "half: the message" ;;
	trailer) assert_eq 30000 "$n" "trailer: every row"
		assert_eq "qareport: $T/$f.gz:30002: truncated gzip data; the rows before this line were read" \
		    "$err" "trailer: the message" ;;
	junk)	assert_eq 30000 "$n" "junk: every row"
		assert_eq "qareport: $T/$f.gz:30002: trailing bytes after the gzip data, ignored" \
		    "$err" "junk: the message" ;;
	esac
done
# The same through standard input.
run sh -c "qareport --format=tsv --by=none - <'$T/junk.gz'"
assert_rc 65 "junk on stdin"
assert_match '^qareport: \(stdin\):30002: trailing bytes' "$err" "stdin: the message"
