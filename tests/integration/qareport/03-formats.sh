#!/bin/bash
# text (CJK-aligned, Chinese headers under zh_CN), json, and the html
# page rendered by headless Chromium when it is installed.
. "$BBT_TOP/tests/lib.sh"
D=$BBT_DATA/qareport
unset COLUMNS	# the text goldens are whole rows

run qareport --format=text --color=never "$D/zh.tsv" "$D/orders.csv"
assert_rc 65
assert_golden "$D/zh.text.golden"
# Display width, not bytes: every line of the table is as wide.
w=$(printf '%s\n' "$out" | head -n 5 | while IFS= read -r l; do
	printf '%s' "$l" | wc -L; done | sort -u | wc -l)
assert_eq 1 "$w" "aligned by display width"

run env LANGUAGE=zh_CN qareport --format=text --color=never "$D/zh.tsv" "$D/orders.csv"
assert_golden "$D/zh.text.zh.golden"
assert_match "^装维人员 +工单数" "$out" "Chinese headers"
assert_match "zh.tsv:5: 列“accepted”中的时间“2024-13-01 08:00”无效" "$err" "Chinese messages"

run qareport --format=json "$D/comply.tsv"
assert_rc 1
assert_golden "$D/comply.json.golden"
if command -v python3 >/dev/null; then
	printf '%s\n' "$out" | python3 -c 'import json,sys
for l in sys.stdin: json.loads(l)' || fail "invalid JSON"
fi

run qareport --format=html --by=tech "$D/repeat.tsv" "$D/newinst.tsv" "$D/timely.tsv"
assert_rc 1
html=$out
printf '%s\n' "$html" >"$T/r.html"
assert_match '<svg' "$html" "inline SVG"
assert_nomatch '(src|href)="(https?:)?//' "$html" "no external resource"
assert_nomatch '<script' "$html" "no script"
chrome=$(command -v chromium || command -v chromium-browser || true)
[ -n "$chrome" ] || skip "needs chromium for the rendering check"
export HOME=$T
run timeout 60 "$chrome" --headless --no-sandbox --disable-gpu \
    --disable-dev-shm-usage --dump-dom "file://$T/r.html"
[ "$rc" -eq 0 ] || fail "chromium: exit $rc: $err"
dom=$out
# The DOM Chromium built: the trend charts (four months; none for the
# three KPIs without data), the rankings and the table.
n=$(printf '%s\n' "$dom" | grep -o '<svg' | wc -l)
[ "$n" -eq 15 ] || fail "$n trend charts rendered, not 15"
assert_match 'data-rank="repeat_pct"' "$dom" "ranking chart"
assert_match '<td>TOTAL</td>' "$dom" "TOTAL row"
assert_match 'class="card miss" data-kpi="repeat_pct"' "$dom" "missed target flagged"
run timeout 60 "$chrome" --headless --no-sandbox --disable-gpu \
    --disable-dev-shm-usage --window-size=1200,2000 \
    --screenshot="$T/r.png" "file://$T/r.html"
[ -s "$T/r.png" ] || fail "no screenshot: $err"
