#!/bin/bash
# Text notes byte for byte: the blank template is the handbook's seed;
# a filled note in Chinese and English at 0, 32, 48 and 80 columns, long
# CJK names cut at character boundaries.
. "$BBT_TOP/tests/lib.sh"
D=$BBT_DATA/visitnote

# The seed's bytes: the excerpt lost the line breaks to spaces.
run visitnote --blank 1
assert_rc 0 "blank note"
assert_golden "$D/blank.txt"
assert_eq "$(cat "$D/seed-excerpt.txt")" "$(printf '%s\n' "$out" | paste -sd ' ')" \
    "blank note against the seed excerpt"
assert_eq "10 14 14 13" "$(printf '%s' "$out" | grep -o '_*' | awk '{ print length }' | paste -sd ' ')" \
    "underscore runs"

mapfile -t args <"$D/long.args"
for lang in zh en; do
	for w in 0 32 48 80; do
		run visitnote --lang "$lang" --width "$w" "${args[@]}"
		assert_rc 0 "$lang at $w columns"
		assert_eq "" "$err" "stderr of $lang at $w columns"
		assert_golden "$D/$lang-$w.txt"
		# No line wider than the paper, measured in display columns.
		if [ "$w" -gt 0 ]; then
			widest=$(printf '%s\n' "$out" | python3 -c 'import sys, unicodedata as u
print(max(sum(2 if u.east_asian_width(c) in "WF" else 1 for c in l.rstrip("\n")) for l in sys.stdin))')
			[ "$widest" -le "$w" ] || fail "$lang: a line of $widest columns at width $w"
		fi
	done
done

# Truncation keeps whole characters and marks the cut.
run visitnote --width 32 "${args[@]}"
assert_match '^尊敬的重庆市渝北区龙溪街道…用户:$' "$out" "customer cut at 32"
assert_match '^ *重庆市渝北…联通公司到访留言便条$' "$out" "branch cut at 32"
run visitnote --width 80 "${args[@]}"
assert_match '^尊敬的重庆市渝北区龙溪街道金紫山小区业主委员会用户:$' "$out" "customer whole at 80"

# Closing punctuation never starts a line, at any width.
for w in 20 21 22 23 24 25 26 27 28 29 30 31 32 33 34 35; do
	run visitnote --width $w "${args[@]}"
	assert_rc 0 "width $w"
	assert_nomatch '^[,。、):)]' "$out" "line start at width $w"
done

# Receipts in a batch are separated by a tear-off line of the width.
run visitnote --blank 1 --width 32
one=$(printf '%s\n' "$out" | wc -l)
run visitnote --blank 2 --width 32
assert_eq $((2 * one + 1)) "$(printf '%s\n' "$out" | wc -l)" "two blank receipts"
assert_match '^-{32}$' "$out" "tear-off line"
