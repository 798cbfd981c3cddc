#!/bin/bash
# The text format fits the terminal (issue 23 item 1): $COLUMNS, else
# the terminal's width, 80 on a terminal that does not say. KPIs go into
# blocks of columns that fit, or one KPI per line when the groups are
# few (always for --by=none), with the targets; a legend explains the
# mark. Piped TSV is byte for byte what it was.
. "$BBT_TOP/tests/lib.sh"
D=$BBT_DATA/qareport
unset COLUMNS
IN=("$D/zh.tsv" "$D/repeat.tsv" "$D/timely.tsv")

# Widest line in display columns.
widest() { printf '%s\n' "$1" | wc -L; }

for w in 80 200; do
	for by in tech tech,kind none; do
		run env COLUMNS=$w qareport --format=text --color=never \
		    --by=$by "${IN[@]}"
		assert_rc 65 "bad rows in zh.tsv"
		assert_golden "$D/text-$w-${by/,/-}.golden"
		n=$(widest "$out")
		[ "$n" -le "$w" ] || fail "--by=$by: a line of $n columns at $w"
	done
done

# At 80 columns: blocks, each with the group columns, every KPI once.
run env COLUMNS=80 qareport --format=text --color=never --by=tech,kind "${IN[@]}"
b=$(printf '%s\n' "$out" | grep -c '^technician  kind ')
[ "$b" -ge 4 ] || fail "only $b blocks at 80 columns"
assert_match 'open orders' "$out" "the last KPI is shown"
assert_match '^\* misses its target: repair timely % >= 95,' "$out" "legend"
# Few groups: on their side, with the target beside each KPI.
run env COLUMNS=80 qareport --format=text --color=never --by=tech "${IN[@]}"
assert_match '^KPI +T1 +T2 .* TOTAL +target$' "$out" "groups across"
assert_match '^repair timely % +93\.3\* +66\.7\* .* >= 95$' "$out" "KPI per line"
assert_match '^\* misses its target$' "$out" "legend"
# --by=none: one KPI per line with its value, target and mark.
run env COLUMNS=200 qareport --format=text --color=never --by=none "${IN[@]}"
assert_match '^satisfied % +66\.7\* +>= 95$' "$out" "value, mark, target"
assert_nomatch ' $' "$out" "no trailing blanks"
# Without $COLUMNS and not on a terminal: one line per group, as before.
run qareport --format=text --color=never --by=tech "${IN[@]}"
assert_match '^technician +orders +repairs .* open orders +acceptance pass % +speed vs plan %$' "$out" "whole rows"
# Chinese: the legend and TOTAL translated, widths in display columns.
run env LANGUAGE=zh_CN COLUMNS=80 qareport --format=text --color=never --by=tech,kind "${IN[@]}"
assert_match '^\* 未达目标:' "$out" "Chinese legend"
assert_match '^合计 ' "$out" "Chinese TOTAL"
n=$(widest "$out")
[ "$n" -le 80 ] || fail "zh: a line of $n columns at 80"

# Piped TSV does not look at the width: the same bytes as the golden
# made before this change, with or without $COLUMNS.
for by in tech tech,kind none; do
	run qareport --by=$by "${IN[@]}"
	assert_golden "$D/tsv-${by/,/-}.golden"
	a=$out
	run env COLUMNS=40 qareport --by=$by "${IN[@]}"
	assert_eq "$a" "$out" "tsv ignores COLUMNS"
done

# On a terminal: its width, 80 when it says 0.
command -v script >/dev/null || skip "needs script(1) for the terminal checks"
for cols in 0 100; do
	out=$(script -qec "stty cols $cols; qareport --color=never \
	    --by=tech,kind ${IN[*]} 2>/dev/null" /dev/null | tr -d '\r')
	want=$cols; [ "$cols" = 0 ] && want=80
	n=$(widest "$out")
	[ "$n" -le "$want" ] && [ "$n" -gt $((want - 25)) ] ||
	    fail "terminal of $cols columns: widest line $n"
done
