#!/bin/bash
# Rows in any order give the same report: an account's events are sorted
# by time in the windows (src/qareport/windows.c sort_u64) as the runs
# they come in, merged; thousands of keys in many runs by a radix sort.
# Generated rows (roughly in accepted order), shuffled, and reversed, for
# 2 accounts (10 000 events each) and 300 (about 70), on one thread and
# three, in memory and through the temporary file; with windows of 0
# and an hour too, where a repair accepted the minute another was
# restored or an install done must still come first.
. "$BBT_TOP/tests/lib.sh"
need_cmd cc python3
cc -O1 -o "$T/gen" "$BBT_TOP/bench/qareport-gen.c" -lm || fail "building the generator"
"$T/gen" --rows 20000 --accounts 2 --seed 21 >"$T/few.tsv"
"$T/gen" --rows 20000 --accounts 300 --seed 22 >"$T/many.tsv"
for f in few many; do
	python3 - "$T/$f.tsv" "$T/$f-shuf.tsv" "$T/$f-rev.tsv" <<'PY' ||
import random, sys
lines = open(sys.argv[1], encoding="utf-8").readlines()
head, rows = lines[0], lines[1:]
random.Random(7).shuffle(rows)
open(sys.argv[2], "w", encoding="utf-8").writelines([head] + rows)
rows.sort(key=lambda r: r.split("\t")[0], reverse=True)
open(sys.argv[3], "w", encoding="utf-8").writelines([head] + rows)
PY
	    fail "reordering $f"
	for win in "" "--ftf-window=0 --repeat-window=1h --kept-window=0 --newfault-window=0"; do
		# shellcheck disable=SC2086
		run qareport --format=tsv --by=tech,month $win "$T/$f.tsv"
		ref=$out want_rc=$rc
		assert_match "^qa	TOTAL	-	20000	" "$ref" "$f: the TOTAL row"
		for o in shuf rev; do
			for args in "--threads=1" "--threads=3" "--threads=3 --memory=16K"; do
				# shellcheck disable=SC2086
				run qareport --format=tsv --by=tech,month $win $args "$T/$f-$o.tsv"
				assert_rc "$want_rc" "$f-$o $win $args"
				[ "$out" = "$ref" ] || {
					diff <(printf '%s\n' "$ref") <(printf '%s\n' "$out") | head >&2
					fail "$f-$o $win $args: not the report of the rows in order"; }
			done
		done
	done
done
