#!/bin/bash
# The html report a quality manager reads (issue 23 item 4): the period
# in dates, the grouping and the dating in the title; limits in hours
# and days; a glossary of every KPI; the orders behind each rate;
# trends only with 3 months or more; rankings with n and a Wilson
# interval, groups under --min-n greyed and never worst; colour and
# shown value on the same side of the target (94.97 is not "95.0" in
# red); a print stylesheet; Chinese labels; zero rows and one group.
# Checked in the DOM headless Chromium builds, as 03-formats.sh does.
. "$BBT_TOP/tests/lib.sh"

# n repairs of team $1 in March 2024, $3 of them late (50 h in a town).
gen() {	# team n late [month]
	awk -v t="$1" -v n="$2" -v late="$3" -v mo="${4:-2024-03}" 'BEGIN {
		for (i = 0; i < n; i++) {
			d = 1 + i % 20
			done = sprintf("%s-%02d 10:00", mo, d + (i < late ? 2 : 0))
			printf "%s-%d\trepair\t%s-a%d\ttown\t%s-T\t%s\t%s-%02d 08:00\t%s\tdone\n",
			    t, i, t, i, t, t, mo, d, done
		}
	}'
}
H='id	kind	account	zone	tech	team	accepted	completed	outcome'
{ echo "$H"; gen G05 199 10; gen G06 20 1; gen G07 3 3; } >"$T/m.tsv"

run qareport --format=html --by=team --from=2024-03-01 --to=2024-03-31 "$T/m.tsv"
assert_rc 1 "TOTAL 208/222 misses 95"
printf '%s\n' "$out" >"$T/m.html"
html=$out
assert_nomatch '<script' "$html" "no script"
assert_nomatch '(src|href)="(https?:)?//' "$html" "no external resource"
assert_match '@media print\{@page\{size:A4' "$html" "A4 print stylesheet"
assert_match 'thead\{display:table-header-group\}' "$html" "repeated table headers"
assert_match 'h1,h2,h3\{break-after:avoid' "$html" "no orphaned headings"

chrome=$(command -v chromium || command -v chromium-browser || true)
[ -n "$chrome" ] || skip "needs chromium for the DOM checks"
export HOME=$T
# The DOM Chromium built, each value cell and card value annotated with
# the colour it is painted in (a copy of the page, with a script).
dom() {	# file
	sed 's#</body>#<script>for (const e of document.querySelectorAll(".v,td.n"))e.setAttribute("data-color",getComputedStyle(e).color)</script></body>#' \
	    "$1" >"$1.t.html"
	run timeout 60 "$chrome" --headless --no-sandbox --disable-gpu \
	    --disable-dev-shm-usage --dump-dom "file://$1.t.html"
	[ "$rc" -eq 0 ] || fail "chromium: exit $rc: $err"
}
RED='rgb\(183, 28, 28\)'	# an ERE
dom "$T/m.html"
d=$out
assert_match 'id="period"><b>2024-03-01 to 2024-03-31</b>, by team, orders dated by completion' "$d" "title: period in dates"
assert_nomatch 'from=[0-9]|repair=[0-9]+/' "$d" "no minutes since the epoch"
assert_match 'Limits: repair 48 h in towns, 72 h in rural areas; install and move 72 h and 120 h\. Windows: repeat fault 30 d' "$d" "limits in hours and days"
# One month: no trend chart, a note instead.
assert_match 'id="notrend"' "$d" "no trend note"
assert_nomatch '<svg' "$d" "no trend chart for one month"
# The glossary has every KPI of the tsv header, with a formula.
for id in $(qareport --by=none "$T/m.tsv" | head -n 1 | cut -f3- | tr '\t' ' '); do
	case $id in bad|missed) continue ;; esac
	assert_match "<code>$id</code>" "$d" "glossary: $id"
done
assert_match '修障及时率, repair timeliness: restored repairs with completed - accepted within the limit \(48 h in towns, 72 h in rural areas\) / restored repairs' "$d" "formula"
assert_nomatch 'man qareport' "$d" "no pointer to the manual"
# The card: the count behind the rate.
assert_match 'data-kpi="repair_timely_pct">[^<]*<b class="v" data-color="rgb\(183, 28, 28\)">93\.7</b><span class="note">target ≥ 95 · <span class="cnt">208 / 222</span>' "$d" "card with its count"
# Rankings: n and interval; G07 (3 orders) greyed, not worst; G05 at
# 94.97 % is shown as 94.97, red, not as a red "95.0"; G06 at 95.0 meets.
r=$(printf '%s\n' "$d" | sed -n '/data-rank="repair_timely_pct"/,/<\/section>/p')
assert_match '<tr class="miss"><td class="n"[^>]*>1</td><td>G05</td><td class="n v" data-color="'"$RED"'">94\.97</td>.*<td class="n nn"[^>]*>199</td><td class="n ci"[^>]*>91\.0–97\.2</td>' "$r" "worst: G05 with n and interval"
assert_match '<tr class="ok"><td class="n"[^>]*>2</td><td>G06</td><td class="n v" data-color="rgb\(34, 34, 34\)">95\.0</td>.*>20</td>' "$r" "95.0 meets, not red"
assert_match '<tr class="small"><td class="n"[^>]*>–</td><td>G07</td><td class="n v"[^>]*>0\.0</td>.*>3</td>' "$r" "small group greyed, unranked"
assert_match '1 groups with fewer than 20 orders' "$r" "small groups noted"
assert_nomatch '"'"$RED"'">95\.0<' "$d" "no red 95.0 anywhere"
# The table agrees too.
assert_match '<td>G05</td>(<td class="n"[^>]*>[0-9]+</td>){3}<td class="n miss" data-color="'"$RED"'">94\.97</td>' "$d" "table: 94.97 red"
assert_match '<td>G06</td>(<td class="n"[^>]*>[0-9]+</td>){3}<td class="n" data-color="rgb\(34, 34, 34\)">95\.0</td>' "$d" "table: 95.0 not red"

# The text format shows the same values and marks.
run env COLUMNS=200 qareport --format=text --color=never --by=team "$T/m.tsv"
assert_match '^repair timely % +94\.97\* +95\.0 +0\.0\* +93\.7\* +>= 95$' "$out" "text: 94.97*, 95.0"

# --min-n=0 ranks every group: G07 is then the worst.
run qareport --format=html --by=team --min-n=0 "$T/m.tsv"
assert_match '<tr class="miss"><td class="n">1</td><td>G07</td>' "$out" "--min-n=0"
run qareport --format=html --min-n=x "$T/m.tsv"
assert_rc 64 "bad --min-n"

# Thirteen months, 90-95 %: a trend per KPI, at most 7 month labels,
# the y axis fitted around the data and the target, not from 0.
{ echo "$H"; for i in $(seq 0 12); do
	mo=$(date -d "2024-01-01 +$i month" +%Y-%m)
	gen G01 20 $((1 + i % 2)) "$mo"
done; } >"$T/y.tsv"
run qareport --format=html --by=team "$T/y.tsv"
printf '%s\n' "$out" >"$T/y.html"
dom "$T/y.html"
c=$(printf '%s\n' "$out" | grep -o '<svg[^>]*data-kpi="repair_timely_pct".*' | sed 's#</svg>.*##')
[ -n "$c" ] || fail "no repair_timely_pct trend"
n=$(printf '%s\n' "$c" | grep -o 'class="ax xl"' | wc -l)
[ "$n" -ge 3 ] && [ "$n" -le 7 ] || fail "$n month labels under a 13-month trend"
assert_match '2024-01 to 2025-01 \(all the data\)' "$out" "period from the data"
low=$(printf '%s\n' "$c" | grep -o 'text-anchor="end">[0-9.]*</text>' | head -n 1 | grep -o '>[0-9.]*<' | tr -d '<>')
[ "${low%.*}" -ge 80 ] || fail "y axis starts at $low, not near the data"
assert_match 'class="target"' "$c" "target line"

# Chinese: labels, TOTAL, glossary.
run env LANGUAGE=zh_CN qareport --format=html --by=team,zone "$T/m.tsv"
assert_match '<html lang="zh-CN">' "$out" "lang"
assert_match '<td>合计</td>' "$out" "TOTAL in Chinese"
assert_match '<td>G05</td><td>城镇</td>' "$out" "zone in Chinese"
assert_match '修障及时率: 修复历时' "$out" "Chinese glossary"
assert_match '按班组, 城乡, 工单按完成时间计入' "$out" "Chinese grouping"

# No row in the period: a page saying so, exit 0; one group: fine.
run qareport --format=html --by=team --from=2030-01-01 --to=2030-01-31 "$T/m.tsv"
assert_rc 0 "no orders"
printf '%s\n' "$out" >"$T/e.html"
dom "$T/e.html"
assert_match 'id="empty">No orders in this period\.</p>' "$out" "empty page"
assert_match '2030-01-01 to 2030-01-31' "$out" "its period"
{ echo "$H"; gen G06 20 1; } >"$T/one.tsv"
run qareport --format=html --by=team "$T/one.tsv"
assert_rc 0 "one group meeting its targets"
printf '%s\n' "$out" >"$T/one.html"
dom "$T/one.html"
assert_match '<td>G06</td>' "$out" "the group"
assert_match 'data-rank="repair_timely_pct"' "$out" "its ranking"

# Printed: A4 pages, the wide table on landscape ones.
if command -v pdfinfo >/dev/null; then
	timeout 60 "$chrome" --headless --no-sandbox --disable-gpu \
	    --disable-dev-shm-usage --no-pdf-header-footer \
	    --print-to-pdf="$T/y.pdf" "file://$T/y.html" 2>/dev/null
	p=$(pdfinfo -f 1 -l 20 "$T/y.pdf")
	assert_match 'Page +1 size: +594\.[0-9]+ x 841\.[0-9]+ pts \(A4\)' "$p" "A4 portrait"
	assert_match 'size: +841\.[0-9]+ x 594\.[0-9]+ pts \(A4\)' "$p" "the table in landscape"
fi
