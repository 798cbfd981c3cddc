#!/bin/bash
# --merge refuses a partial whose lines parse but cannot have been
# written by --partial: short counter lines, histograms that disagree
# with the counters, parts larger than their whole, lines after `end`, a
# group given twice or out of order. Each is named file:line, exit 65,
# nothing on stdout. An intact partial still merges.
. "$BBT_TOP/tests/lib.sh"
D=$BBT_DATA/qareport
qareport --partial --by=tech "$D/repeat.tsv" "$D/timely.tsv" >"$T/ok" 2>/dev/null
grep -q '^h	0	' "$T/ok" || fail "the partial has no repair histogram"
run qareport --merge --format=tsv "$T/ok"
assert_rc 1 "an intact partial (targets missed: exit 1)"
ref=$out
run qareport --format=tsv --by=tech "$D/repeat.tsv" "$D/timely.tsv"
assert_eq "$out" "$ref" "the intact partial merges into the single-pass report"

# The first group line with a repair histogram, and that histogram.
g=$(awk '/^h\t0\t/ { print NR - 1; exit }' "$T/ok")
sed -n "${g}p" "$T/ok" | grep -q '^g	' || fail "line $g is not a group"

# damage NAME LINE REASON AWK-PROGRAM: the program edits $T/ok.
damage() {
	local name=$1 line=$2 reason=$3
	awk -F'\t' -v OFS='\t' -v G="$g" "$4" "$T/ok" >"$T/$name"
	run qareport --merge --format=tsv "$T/$name"
	assert_rc 65 "$name"
	assert_eq "" "$out" "$name: no report"
	assert_eq "qareport: $T/$name:$line: not a qareport state file: $reason" \
	    "$err" "$name: the message"
}
# Two of the 32 counters (the rest were taken as 0).
damage short "$g" "2 counters instead of 32" \
    'NR == G { split($NF, c, " "); $NF = c[1] " " c[2] } 1'
# A count of 9.2e18 in the histogram (the median moved, the counters not).
damage hugehist "$((g + 1))" "bad histogram" \
    'NR == G + 1 { sub(/:[0-9]+/, ":9223372036854775807") } 1'
damage histcount "$g" "the durations of a histogram disagree with the counters" \
    'NR == G + 1 { sub(/:[0-9]+/, ":7") } 1'
damage histminute "$g" "the durations of a histogram disagree with the counters" \
    'NR == G + 1 { $3 = "1:1 " $3 } 1'
damage histtwice "$((g + 2))" "a group's histogram given twice" \
    'NR == G + 1 { print } 1'
# Restored repairs are counted in repairs.
damage restored "$g" "more restored repairs than repairs" \
    'NR == G { split($NF, c, " "); c[2] = 0; s = c[1];
	for (i = 2; i <= 32; i++) s = s " " c[i]; $NF = s } 1'
# Satisfied customers are among the rated ones.
damage rate "$g" "the numerator of satisfied_pct exceeds its denominator" \
    'NR == G { split($NF, c, " "); c[25] = 0; c[26] = 5; s = c[1];
	for (i = 2; i <= 32; i++) s = s " " c[i]; $NF = s } 1'
n=$(wc -l <"$T/ok")
damage afterend "$((n + 1))" "a line after the end line" \
    '1; END { print "g", 2, "ZZ", "2099-01", "1 1 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0" }'
# The group and its histogram again (they were summed).
damage twice "$((g + 2))" "a group given twice" \
    'NR == G { s = $0 } 1; NR == G + 1 { print s; print }'
# The first group renamed to sort last: the second is out of order.
second=$(awk '/^g\t/ && ++n == 2 { print NR; exit }' "$T/ok")
damage order "$second" "groups out of order" 'NR == 5 { $3 = "zzzz" } 1'
damage nobad 4 "unknown line" 'NR == 4 { $1 = "bda" } 1'
damage early 4 "a group before the config, shard and bad lines" \
    'NR == 4 { next } 1'
