#!/bin/bash
# Batch printing from work orders: a TSV with a Chinese header and order
# records mixed in, a CSV with quoted fields; bad rows are reported as
# file:line while the good rows still print; exit 65 at the end.
. "$BBT_TOP/tests/lib.sh"
D=$BBT_DATA/visitnote
cd "$D" || fail "no fixtures"

run visitnote --width 48 rows.tsv rows.csv
assert_rc 65 "bad rows"
assert_eq "尊敬的张三用户:
尊敬的吴十用户:
尊敬的Wang, Fang用户:
尊敬的多行 名字用户:" "$(printf '%s\n' "$out" | grep '^尊敬的')" "the good rows, in order"
assert_eq "visitnote: rows.tsv:4: R5: leaving at 2025-03-05 10:09 is 4 minutes after arriving at 2025-03-05 10:05; the rule asks for a wait of at least 10 minutes
visitnote: rows.tsv:5: R6: the note has no phone; the rule asks for the arrival and leaving times, a contact person and a contact phone
visitnote: rows.tsv:6: invalid arrival time '2025-03-05 25:05'
visitnote: rows.tsv:7: R6: the note has no contact, phone; the rule asks for the arrival and leaving times, a contact person and a contact phone
visitnote: rows.tsv:8: 2 columns, the order record has 24
visitnote: rows.tsv:9: unknown service '光纤': use broadband, phone or leased
visitnote: rows.tsv:10: 8 columns, the header has 9
visitnote: rows.csv:5: R5: no call attempt is recorded; the rule asks to phone the customer before leaving a note
visitnote: rows.csv:6: unterminated quoted CSV field" "$err" "file:line messages"
assert_eq 3 "$(printf '%s\n' "$out" | grep -c '^-\{48\}$')" "tear-off lines between four notes"
# Row values win; the options fill the empty ones (W3's phone, W5's
# contact and phone).
run visitnote --contact 张工 --phone 023-63881234 --branch 重庆 rows.tsv
assert_rc 65 "still bad rows"
assert_match '^尊敬的赵六用户:$' "$out" "W3 printed with the option's phone"
assert_match '^尊敬的acc555用户:$' "$out" "W5 record: the account as customer"
assert_match '与李工联系\(联系电话:023-63881234\)' "$out" "W3: row contact, option phone"
assert_match '^重庆联通公司到访留言便条$' "$out" "branch from the option"
assert_match '我们将为您安装联通\(宽带\)业务' "$out" "装机 is install"
assert_match '我们将为您维护联通\(专线\)业务' "$out" "order record: repair, leased"
# The same from standard input.
run visitnote --width 48 - <rows.tsv
assert_rc 65 "stdin"
assert_match '^visitnote: \(stdin\):4: R5: ' "$err" "stdin named"
assert_eq 2 "$(printf '%s\n' "$out" | grep -c '^尊敬的')" "stdin: good rows"
# Only good rows: exit 0; an empty input: no note, exit 0.
run visitnote <<<"$(head -3 rows.tsv)"
assert_rc 0 "good rows only"
assert_match '^尊敬的张三用户:$' "$out" "good row"
run visitnote </dev/null
assert_rc 0 "empty input"
assert_eq "" "$out" "no note"
# A table without a known column: a header error per line.
run visitnote <<<$'foo\tbar\n1\t2'
assert_rc 65 "no header"
assert_match "^visitnote: \(stdin\):1: missing header: no column is named like 'id', 'kind', \.\.\.$" "$err" "header message"
run visitnote /nonexistent/rows.tsv
assert_rc 66 "missing file"
assert_eq "visitnote: /nonexistent/rows.tsv: No such file or directory" "$err" "missing file message"
