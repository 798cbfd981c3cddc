#!/bin/bash
# --open in every format (issue 23 item 3): text fitted to $COLUMNS
# (Chinese labels under zh_CN), tsv as before, typed json, and a
# self-contained html page in the report's style, red past the limit,
# amber within --warn-before, grey without an accepted time; --by
# groups the list and counts each group. The exit status is the same
# in every format: 1 when an order is within --warn-before of its limit
# or past it, 0 when none is, 0 with none open.
. "$BBT_TOP/tests/lib.sh"
printf '%s\n' 'id	kind	account	zone	tech	accepted	completed	outcome' \
    'R1	repair	a1	town	T1	2024-03-01 08:00	-	open' \
    'R2	repair	a2	rural	T2	2024-03-01 08:00	-	-' \
    'B1	repair	a9	town	T1	2024-02-27 08:00	-	open' \
    'R3	repair	a3	town	T1	2024-03-01 10:00	2024-03-01 12:00	done' \
    'I1	install	a4	town	T3	2024-02-28 09:00	-	rescheduled' \
    'L1	leased	a5	rural	T3	2024-03-01 09:00	-	open' \
    'X1	install	a7	town	T2	-	-	open' >"$T/o.tsv"
NOW=--now='2024-03-02 06:00'
SUM='At 2024-03-02 06:00: 6 open orders.
1 breached, 1 within 4 h of the limit, 3 ok, 1 without an accepted time.'

run env COLUMNS=200 qareport --open "$NOW" --format=text --color=never "$T/o.tsv"
assert_rc 1 "text: B1 breached, I1 within 4 h"
assert_eq "id  kind     account  technician  accepted          deadline          age h  left h  state
B1  repair   a9       T1          2024-02-27 08:00  2024-02-29 08:00   94.0   -46.0  breached
I1  install  a4       T3          2024-02-28 09:00  2024-03-02 09:00   69.0     3.0  warning
R1  repair   a1       T1          2024-03-01 08:00  2024-03-03 08:00   22.0    26.0  ok
R2  repair   a2       T2          2024-03-01 08:00  2024-03-04 08:00   22.0    50.0  ok
L1  install  a5       T3          2024-03-01 09:00  2024-03-06 09:00   21.0    99.0  ok
X1  install  a7       T2          -                 -                     -       -  unknown
$SUM" "$out" "text at 200 columns"
# At 60 columns the accepted time, the account and the age go (the
# deadline says them); every line fits.
run env COLUMNS=60 qareport --open "$NOW" --format=text --color=never "$T/o.tsv"
assert_rc 1 "text at 60"
assert_eq "id  kind     technician  deadline          left h  state
B1  repair   T1          2024-02-29 08:00   -46.0  breached
I1  install  T3          2024-03-02 09:00     3.0  warning
R1  repair   T1          2024-03-03 08:00    26.0  ok
R2  repair   T2          2024-03-04 08:00    50.0  ok
L1  install  T3          2024-03-06 09:00    99.0  ok
X1  install  T2          -                      -  unknown
$SUM" "$out" "text at 60 columns"
run env COLUMNS=80 LANGUAGE=zh_CN qareport --open "$NOW" --format=text --color=never --by=zone "$T/o.tsv"
assert_rc 1 "zh text"
assert_eq "城乡   在途  已超时  警告  正常  未知
rural     2       0     0     2     0
town      4       1     1     1     1
合计      6       1     1     3     1

城乡   工单号  工单类型  装维人员  时限截止          历时h  剩余h  状态
rural  R2      修障      T2        2024-03-04 08:00   22.0   50.0  正常
rural  L1      装机      T3        2024-03-06 09:00   21.0   99.0  正常
town   B1      修障      T1        2024-02-29 08:00   94.0  -46.0  已超时
town   I1      装机      T3        2024-03-02 09:00   69.0    3.0  警告
town   R1      修障      T1        2024-03-03 08:00   22.0   26.0  正常
town   X1      装机      T2        -                     -      -  未知
截至 2024-03-02 06:00:在途工单 6 张。
已超时 1 张,1 张距时限不足 4 小时,正常 3 张,无受理时间 1 张。" "$out" "zh_CN text by zone at 80 columns"

# tsv: without --by as before (14-open.sh); with --by the counts of
# each group, then the list with the group first.
run qareport --open "$NOW" --format=tsv --by=tech "$T/o.tsv"
assert_rc 1 "tsv --by"
assert_eq "# open_group	tech	open	breached	warning	ok	unknown
open_group	T1	2	1	0	1	0
open_group	T2	2	0	0	1	1
open_group	T3	2	0	1	1	0
open_group	TOTAL	6	1	1	3	1
# open	by_tech	id	kind	account	tech	accepted	deadline	age_h	left_h	state
open	T1	B1	repair	a9	T1	2024-02-27T08:00:00+08:00	2024-02-29T08:00:00+08:00	94.0	-46.0	breached
open	T1	R1	repair	a1	T1	2024-03-01T08:00:00+08:00	2024-03-03T08:00:00+08:00	22.0	26.0	ok
open	T2	R2	repair	a2	T2	2024-03-01T08:00:00+08:00	2024-03-04T08:00:00+08:00	22.0	50.0	ok
open	T2	X1	install	a7	T2	-	-	-	-	unknown
open	T3	I1	install	a4	T3	2024-02-28T09:00:00+08:00	2024-03-02T09:00:00+08:00	69.0	3.0	warning
open	T3	L1	install	a5	T3	2024-03-01T09:00:00+08:00	2024-03-06T09:00:00+08:00	21.0	99.0	ok" "$out" "tsv by tech"
run qareport --open "$NOW" --format=tsv --by=none "$T/o.tsv"
assert_eq "# open	id	kind	account	tech	accepted	deadline	age_h	left_h	state" \
    "$(printf '%s\n' "$out" | head -n 1)" "--by=none: the plain list"

# json: an order a line; numbers are numbers, a missing time is null.
run qareport --open "$NOW" --format=json "$T/o.tsv"
assert_rc 1 "json"
assert_eq '{"id":"B1","kind":"repair","account":"a9","tech":"T1","zone":"town","accepted":"2024-02-27T08:00:00+08:00","deadline":"2024-02-29T08:00:00+08:00","age_h":94.0,"left_h":-46.0,"state":"breached"}
{"id":"I1","kind":"install","account":"a4","tech":"T3","zone":"town","accepted":"2024-02-28T09:00:00+08:00","deadline":"2024-03-02T09:00:00+08:00","age_h":69.0,"left_h":3.0,"state":"warning"}
{"id":"R1","kind":"repair","account":"a1","tech":"T1","zone":"town","accepted":"2024-03-01T08:00:00+08:00","deadline":"2024-03-03T08:00:00+08:00","age_h":22.0,"left_h":26.0,"state":"ok"}
{"id":"R2","kind":"repair","account":"a2","tech":"T2","zone":"rural","accepted":"2024-03-01T08:00:00+08:00","deadline":"2024-03-04T08:00:00+08:00","age_h":22.0,"left_h":50.0,"state":"ok"}
{"id":"L1","kind":"install","account":"a5","tech":"T3","zone":"rural","accepted":"2024-03-01T09:00:00+08:00","deadline":"2024-03-06T09:00:00+08:00","age_h":21.0,"left_h":99.0,"state":"ok"}
{"id":"X1","kind":"install","account":"a7","tech":"T2","zone":"town","accepted":null,"deadline":null,"age_h":null,"left_h":null,"state":"unknown"}' \
    "$out" "json"
# With --by: a group a line with its counts and orders; the total last.
run qareport --open "$NOW" --format=json --by=zone "$T/o.tsv"
assert_rc 1 "json --by"
assert_eq '{"zone":"rural","open":2,"breached":0,"warning":0,"ok":2,"unknown":0,"orders":[{"id":"R2","kind":"repair","account":"a2","tech":"T2","zone":"rural","accepted":"2024-03-01T08:00:00+08:00","deadline":"2024-03-04T08:00:00+08:00","age_h":22.0,"left_h":50.0,"state":"ok"},{"id":"L1","kind":"install","account":"a5","tech":"T3","zone":"rural","accepted":"2024-03-01T09:00:00+08:00","deadline":"2024-03-06T09:00:00+08:00","age_h":21.0,"left_h":99.0,"state":"ok"}]}' \
    "$(printf '%s\n' "$out" | head -n 1)" "json: the first group"
assert_eq '{"zone":"TOTAL","open":6,"breached":1,"warning":1,"ok":3,"unknown":1}' \
    "$(printf '%s\n' "$out" | tail -n 1)" "json: the total"
if command -v python3 >/dev/null; then
	printf '%s\n' "$out" | python3 -c 'import json, sys
for l in sys.stdin:
	o = json.loads(l)
	for g in o.get("orders", []):
		assert g["left_h"] is None or isinstance(g["left_h"], float)
	assert isinstance(o["open"], int)' || fail "json --by: not typed JSON"
fi

# html: the page in the report's style, self-contained.
run qareport --open "$NOW" --format=html --by=zone "$T/o.tsv"
assert_rc 1 "html"
html=$out
printf '%s\n' "$html" >"$T/o.html"
assert_nomatch '<script|(src|href)="(https?:)?//' "$html" "self-contained"
assert_match '@media print\{@page\{size:A4' "$html" "the report's stylesheet"
assert_eq '<p class="sub" id="now"><b>2024-03-02 06:00</b>, warning 4 h before the limit, by zone</p>
<p class="note" id="limits">Limits: repair 48 h in towns, 72 h in rural areas; install and move 72 h and 120 h.</p>
<div class="cards" id="total"><div class="card miss" data-state="breached">breached<b class="v">1</b></div><div class="card warn" data-state="warning">warning<b class="v">1</b></div><div class="card" data-state="ok">ok<b class="v">3</b></div><div class="card" data-state="unknown">unknown<b class="v">1</b></div></div>
<h2>Open orders by group</h2>
<table id="groups"><thead><tr><th>zone</th><th>open</th><th>breached</th><th>warning</th><th>ok</th><th>unknown</th></tr></thead><tbody>
<tr><td>rural</td><td class="n">2</td><td class="n">0</td><td class="n">0</td><td class="n">2</td><td class="n">0</td></tr>
<tr><td>town</td><td class="n">4</td><td class="n">1</td><td class="n">1</td><td class="n">1</td><td class="n">1</td></tr>
<tr class="total"><td>TOTAL</td><td class="n">6</td><td class="n">1</td><td class="n">1</td><td class="n">3</td><td class="n">1</td></tr>
</tbody></table>
<h2>Open orders, soonest deadline first</h2>
<table id="open"><thead><tr><th>zone</th><th>id</th><th>kind</th><th>account</th><th>technician</th><th>accepted</th><th>deadline</th><th>age h</th><th>left h</th><th>state</th></tr></thead><tbody>
<tr class="ok" data-left-min="3000"><td>rural</td><td>R2</td><td>repair</td><td>a2</td><td>T2</td><td>2024-03-01 08:00</td><td>2024-03-04 08:00</td><td class="n">22.0</td><td class="n">50.0</td><td>ok</td></tr>
<tr class="ok" data-left-min="5940"><td>rural</td><td>L1</td><td>install</td><td>a5</td><td>T3</td><td>2024-03-01 09:00</td><td>2024-03-06 09:00</td><td class="n">21.0</td><td class="n">99.0</td><td>ok</td></tr>
<tr class="breached" data-left-min="-2760"><td>town</td><td>B1</td><td>repair</td><td>a9</td><td>T1</td><td>2024-02-27 08:00</td><td>2024-02-29 08:00</td><td class="n">94.0</td><td class="n">-46.0</td><td>breached</td></tr>
<tr class="warning" data-left-min="180"><td>town</td><td>I1</td><td>install</td><td>a4</td><td>T3</td><td>2024-02-28 09:00</td><td>2024-03-02 09:00</td><td class="n">69.0</td><td class="n">3.0</td><td>warning</td></tr>
<tr class="ok" data-left-min="1560"><td>town</td><td>R1</td><td>repair</td><td>a1</td><td>T1</td><td>2024-03-01 08:00</td><td>2024-03-03 08:00</td><td class="n">22.0</td><td class="n">26.0</td><td>ok</td></tr>
<tr class="unknown"><td>town</td><td>X1</td><td>install</td><td>a7</td><td>T2</td><td>-</td><td>-</td><td class="n">-</td><td class="n">-</td><td>unknown</td></tr>
</tbody></table>
</body></html>' "$(printf '%s\n' "$html" | sed -n '4,$p')" "html body"
run env LANGUAGE=zh_CN qareport --open "$NOW" --format=html --by=zone "$T/o.tsv"
assert_match '<html lang="zh-CN"' "$out" "zh page"
assert_match '<h1>在途工单</h1>' "$out" "zh title"
assert_match '<tr class="total"><td>合计</td>' "$out" "zh TOTAL"
assert_match '<td>城镇</td><td>B1</td><td>修障</td>' "$out" "zh zone and kind values"

# Nothing open: a page (and text) saying so, exit 0 in every format.
printf 'id\tkind\taccount\ttech\taccepted\tcompleted\toutcome\n' >"$T/e.tsv"
for f in text tsv json html; do
	run qareport --open "$NOW" --format=$f "$T/e.tsv"
	assert_rc 0 "none open: $f"
done
run qareport --open "$NOW" --format=html "$T/e.tsv"
assert_match '<p class="empty" id="empty">No open repairs or installs.</p>' "$out" "empty page"
run qareport --open "$NOW" --format=text "$T/e.tsv"
assert_eq "At 2024-03-02 06:00: no open repairs or installs." "$out" "empty text"
# The exit status is the format's no more than the list's.
for f in text tsv json html; do
	run qareport --open "$NOW" --warn-before=2h --format=$f "$T/o.tsv"
	assert_rc 1 "$f: B1 is past its limit"
	run qareport --open --now='2024-02-28 10:00' --format=$f "$T/o.tsv"
	assert_rc 64 "$f: --now before the data"
	assert_eq "" "$out" "$f: nothing printed"
done
grep -v '^B1' "$T/o.tsv" >"$T/nb.tsv"
for f in text tsv json html; do
	run qareport --open "$NOW" --warn-before=2h --format=$f "$T/nb.tsv"
	assert_rc 0 "$f: none within 2 h"
done

chrome=$(command -v chromium || command -v chromium-browser || true)
[ -n "$chrome" ] || skip "needs chromium for the DOM checks"
export HOME=$T
sed 's|</body>|<script>for (const e of document.querySelectorAll("#open td:last-child"))e.setAttribute("data-color",getComputedStyle(e).color)</script></body>|' \
    "$T/o.html" >"$T/o.t.html"
run timeout 60 "$chrome" --headless --no-sandbox --disable-gpu \
    --disable-dev-shm-usage --dump-dom "file://$T/o.t.html"
[ "$rc" -eq 0 ] || fail "chromium: exit $rc: $err"
assert_match '<td data-color="rgb\(183, 28, 28\)">breached</td>' "$out" "breached: red"
assert_match '<td data-color="rgb\(230, 81, 0\)">warning</td>' "$out" "warning: amber"
assert_match '<td data-color="rgb\(153, 153, 153\)">unknown</td>' "$out" "no accepted time: grey"
assert_match '<td data-color="rgb\(34, 34, 34\)">ok</td>' "$out" "ok: the text colour"
