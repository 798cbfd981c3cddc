#!/bin/bash
# "YYYY-MM-DD HH:MM" is read through a cache of days; every other form
# ("T" between date and time here) through the general parser. The same
# orders written both ways give the same report and reject the same
# rows, on days with and without a DST change, in three time zones
# (one with a 30-minute change), with bad hours, minutes and dates
# among good ones.
. "$BBT_TOP/tests/lib.sh"
need_cmd awk

awk -v seed=11 '
function pick(n) { return int(rand() * n) }
function day(   k, y, m, d) {
	# DST changes: New York 2024-03-10 and 2024-11-03, Lord Howe
	# 2024-04-07 and 2024-10-06; month and year ends; leap days.
	k = pick(60)
	if (k == 0) return "2024-03-10"
	if (k == 1) return "2024-11-03"
	if (k == 2) return "2024-04-07"
	if (k == 3) return "2024-10-06"
	if (k == 4) return "2024-02-29"
	if (k == 5) return "2023-12-31"
	if (k == 6) return "2024-01-01"
	if (k == 7) return sprintf("20%02d-%02d-%02d", 22 + pick(4),
	    1 + pick(13), 1 + pick(31))	# month 13, day 31 of April
	y = 2023 + pick(3); m = 1 + pick(12); d = 1 + pick(28)
	return sprintf("%d-%02d-%02d", y, m, d)
}
function hm(lo,   k) {
	k = pick(160)
	if (k == 0) return "24:00"
	if (k == 1) return sprintf("%02d:60", pick(24))
	# bytes just past "9" (":;<=>?") read as 10 to 15 would make
	# "0:" an hour and "4;" a minute
	if (k == 2) return pick(2) substr("a/:;<=>?", 1 + pick(8), 1) ":15"
	if (k == 3) return sprintf("%02d:%d", pick(24), pick(5)) \
	    substr("a/:;<=>?", 1 + pick(8), 1)
	if (k == 4) return sprintf("%02d%s%02d", pick(24),
	    substr(".;-", 1 + pick(3), 1), pick(60))
	return sprintf("%02d:%02d", lo + pick(12), pick(60))
}
# Accepted in the morning, the rest later: few "completed before
# accepted".
function t(d, lo) {
	return pick(6) == 0 ? "-" : d (pick(200) ? " " : "_") hm(lo)
}
BEGIN {
	srand(seed)
	print "id\tkind\taccount\tarea\tzone\ttech\tteam\taccepted\tappointment\tnotified\trescheduled\tarrived\tleft\tcompleted\toutcome\tcalled\tnote\tvisits\tcallback\trating"
	split("repair install move", kinds, " ")
	split("done rescheduled no-answer cancelled -", outs, " ")
	for (i = 1; i <= 6000; i++) {
		d1 = day(); d2 = pick(4) ? d1 : day()
		printf "W%05d\t%s\tA%03d\tX%d\t%s\tT%02d\tG%d\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%d\t%s\t%s\n",
		    i, kinds[1 + pick(3)], pick(400), pick(3),
		    pick(4) ? "town" : "rural", pick(20), pick(4),
		    t(d1, 0), t(d1, 12), t(d1, 0), t(d2, 12), t(d2, 12),
		    t(d2, 12), t(d2, 12),
		    outs[1 + pick(5)], pick(2) ? "yes" : "no",
		    pick(2) ? "yes" : "no", 1 + pick(2),
		    pick(2) ? "yes" : "no", pick(3) ? "-" : 1 + pick(5)
	}
}' >"$T/space.tsv"
# The same file with "T" between date and time, header untouched.
sed '1!s/\([0-9][0-9]\) \([0-9]\)/\1T\2/g' "$T/space.tsv" >"$T/t.tsv"
[ "$(grep -c ' ' "$T/t.tsv")" -eq 0 ] || fail "a space left in the T file"
[ "$(grep -c '[0-9]T' "$T/t.tsv")" -gt 5000 ] || fail "no T times"

lines() { printf '%s\n' "$1" | sed -n 's/^qareport: [^:]*:\([0-9]*\): .*/\1/p'; }
for tz in Asia/Shanghai America/New_York Australia/Lord_Howe; do
	TZ=$tz run qareport --format=tsv --by=tech,month --errors=100000 \
	    "$T/space.tsv"
	assert_rc 65 "$tz: bad rows"
	space_out=$out space_err=$err
	n=$(lines "$err" | wc -l)
	[ "$n" -gt 300 ] && [ "$n" -lt 3000 ] || fail "$tz: $n bad rows"
	[ "$(printf '%s\n' "$out" | wc -l)" -gt 200 ] || fail "$tz: few groups"
	TZ=$tz run qareport --format=tsv --by=tech,month --errors=100000 \
	    "$T/t.tsv"
	assert_rc 65 "$tz: bad rows, T"
	assert_eq "$space_out" "$out" "$tz: the report"
	assert_eq "$(lines "$space_err")" "$(lines "$err")" "$tz: the bad rows"
done
# Both forms reach the DST days' local times: the zones disagree.
TZ=America/New_York run qareport --format=tsv --by=tech,month "$T/space.tsv"
ny=$out
TZ=Australia/Lord_Howe run qareport --format=tsv --by=tech,month "$T/space.tsv"
[ "$ny" != "$out" ] || fail "the time zone changed nothing"

# Months: a row's month is its local accepted date's, whatever months
# the rows before it were in (seven months taking turns, the first and
# last hours of a month, and December 9999, whose end is past the
# calendar).
awk -v seed=5 'BEGIN {
	srand(seed)
	split("2023-12 2024-01 2024-02 2024-03 2024-10 2024-11 9999-11 9999-12", m, " ")
	print "id\tkind\taccount\taccepted\toutcome"
	for (i = 1; i <= 3000; i++) {
		k = 1 + int(rand() * 8); r = rand()
		d = r < 0.2 ? "01 00:00" : r < 0.4 ? "28 23:59" : \
		    sprintf("%02d %02d:%02d", 1 + int(rand() * 28),
		    int(rand() * 24), int(rand() * 60))
		printf "W%d\trepair\tA%d\t%s-%s\t-\n", i, i % 50, m[k], d
	}
}' >"$T/months.tsv"
want=$(awk -F'\t' 'NR > 1 { n[substr($4, 1, 7)]++ } END { for (k in n) print k "\t" n[k] }' "$T/months.tsv" | sort)
for tz in Asia/Shanghai America/New_York Australia/Lord_Howe; do
	for j in 1 2; do
		TZ=$tz run qareport --format=tsv --by=month --threads=$j "$T/months.tsv"
		assert_rc 0 "$tz -j$j: months"
		assert_eq "$want" "$(printf '%s\n' "$out" | awk -F'\t' '$1 == "qa" && $2 != "TOTAL" { print $2 "\t" $3 }')" \
		    "$tz -j$j: orders by month"
	done
done
