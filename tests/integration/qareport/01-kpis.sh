#!/bin/bash
# Every KPI against hand-computed values (tests/data/qareport/*.expected:
# the TOTAL row's columns, computed by hand from the comments in the
# fixtures): limits, windows and their edges.
. "$BBT_TOP/tests/lib.sh"
D=$BBT_DATA/qareport

# check FIXTURE [OPTIONS...]: the TOTAL columns equal FIXTURE.expected.
check() {
	local f=$1; shift
	run qareport --format=tsv --by=none "$@" "$D/$f.tsv"
	[ "$rc" -eq 0 ] || [ "$rc" -eq 1 ] || fail "$f: exit $rc: $err"
	local hdr tot
	hdr=$(printf '%s\n' "$out" | sed -n 1p)
	tot=$(printf '%s\n' "$out" | grep -P '^qa\tTOTAL\t')
	[ -n "$tot" ] || fail "$f: no TOTAL row"
	while IFS=$'\t' read -r col want; do
		case $col in '#'*|'') continue ;; esac
		local i got
		i=$(printf '%s\n' "$hdr" | tr '\t' '\n' | grep -nx -- "$col" | cut -d: -f1)
		[ -n "$i" ] || fail "$f: no column $col"
		got=$(printf '%s\n' "$tot" | cut -f"$i")
		assert_eq "$want" "$got" "$f: $col"
	done <"$D/$f.expected"
}
check timely
check punctual
check repeat
check newinst
check comply

# The windows and limits are options: a 31-day repeat window makes C2 a
# repeat (6 of 14); a 30-day new-install window catches J (3 of 5).
run qareport --format=tsv --by=none --repeat-window=31d "$D/repeat.tsv"
assert_match $'\t42.8571\t' "$out" "repeat window 31d"
run qareport --format=tsv --by=none --newfault-window=30d "$D/newinst.tsv"
assert_match $'\t60.0000\t' "$out" "new-install window 30d"
# Town limit 49 h: R2 (48 h 1 min) becomes timely: 4 of 5.
run qareport --format=tsv --by=none --repair-limit=49h "$D/timely.tsv"
assert_match $'^qa\tTOTAL\t9\t6\t3\t80.0000\t' "$out" "repair limit"

# Month boundary: R9 (accepted 31 March, restored 1 April) is April's
# by completion, March's by acceptance.
run qareport --format=tsv --by=month --period-by=completed "$D/timely.tsv"
assert_match $'^qa\t2024-04\t1\t1\t0\t100.0000\t2.0000\t' "$out" "april by completion"
run qareport --format=tsv --by=month --period-by=accepted "$D/timely.tsv"
assert_nomatch $'^qa\t2024-04' "$out" "march by acceptance"
assert_match $'^qa\t2024-03\t9\t' "$out" "all in march"
# --from/--to on the same date: a date alone in --to includes that day.
run qareport --format=tsv --by=none --from=2024-04-01 --to=2024-04-01 "$D/timely.tsv"
assert_match $'^qa\tTOTAL\t1\t1\t0\t' "$out" "period filter"
# Rows outside the period still count as history: E2's repeat of E1
# (completed 11 January) stays when only 20 January on is counted.
run qareport --format=tsv --by=none --from=2024-01-20 --to=2024-01-20 "$D/repeat.tsv"
assert_match $'^qa\tTOTAL\t1\t1\t0\t' "$out" "one row counted"
# repeat_pct ftf_pct notice noanswer callback satisfied bad missed
assert_match $'\t100.0000\t100.0000\t-\t-\t0.0000\t-\t0\t-\t-\t0\trepeat_pct$' "$out" "history kept"

# Grouping and the exit status: targets flag the KPIs that miss them.
run qareport --format=tsv --by=tech "$D/timely.tsv"
assert_rc 1
assert_match $'^qa\tT1\t5\t3\t2\t50.0000\t' "$out" "T1 row"
assert_match $'^qa\tTOTAL\t.*\trepair_timely_pct,install_timely_pct$' "$out" "missed list"
run qareport --format=tsv --target=repair_timely_pct=50 --target=install_timely_pct=none "$D/timely.tsv"
assert_rc 0
run qareport --format=tsv --by=zone,kind "$D/timely.tsv"
assert_match $'^qa\trural\trepair\t2\t' "$out" "zone,kind"
assert_match $'^qa\tTOTAL\t-\t9\t' "$out" "TOTAL with two dims"
