#!/bin/bash
# Receipt and terminal widths without widows or 禁则 breaks: wrapcheck.py
# renders a batch of 64 notes (names, addresses, phones, times, long
# companies) and 15 acceptance sheets in zh and en at 32, 48, 80 and 13
# other widths (512 renderings) and checks every paragraph: no line over
# the width, no line starting with closing or ending with opening
# punctuation, no last line of one character or only punctuation, no
# text lost. The wrapper before this test failed 578 times (533 widows,
# 45 closing marks at a line start), 27 times at 32/48/80 (合。 alone 20
# times). Then goldens of three layouts that had a widow or a broken 禁则.
. "$BBT_TOP/tests/lib.sh"
need_cmd python3
D=$BBT_DATA/visitnote
CHECK=$BBT_TOP/tests/integration/visitnote/wrapcheck.py

# The checker can fail: the old 32-column note ("合。" alone), a line
# starting with ），and a line of 35 columns are all reported.
printf '%s\n' '我们将为您维护联通业务,感谢您的配合。' >"$T/para"
printf '%s\n' '我们将为您维护联通业务,感谢您的配' '合。' >"$T/widow"
run python3 "$CHECK" check 32 "$T/para" "$T/widow"
assert_rc 1 "widow found"
assert_match "widow '合。' after" "$out" "widow message"
printf '%s\n' '规则：有载波（不是 10 Mbit/s，全双工），测试中没有错误' >"$T/para"
printf '%s\n' '规则：有载波（不是 10 Mbit/s，全双工' '），测试中没有错误' >"$T/kinsoku"
run python3 "$CHECK" check 40 "$T/para" "$T/kinsoku"
assert_rc 1 "closing mark at a line start found"
assert_match "line starts with closing '）'" "$out" "kinsoku message"
printf '%s\n' '规则：有载波（不是' '10 Mbit/s，全双工），测试中没有错误' >"$T/wide"
run python3 "$CHECK" check 32 "$T/para" "$T/wide"
assert_rc 1 "over-wide line found"
assert_match ": 35 columns: " "$out" "width message"
printf '%s\n' '规则：有载波（不是' '10 Mbit/s，全双工），测试中' >"$T/lost"
run python3 "$CHECK" check 40 "$T/para" "$T/lost"
assert_rc 1 "lost text found"
assert_match "not found" "$out" "lost text message"

run python3 "$CHECK" sweep "$BBT_BIN/visitnote" "$D"
assert_rc 0 "layouts of notes and sheets"
assert_match '^wrapcheck: 512 renderings, 0 failures$' "$err" "every rendering checked"

# Exact layouts: the verdict's last word whole (was 率） alone), 全双工
# and its ）， together (was ）， at a line start), the blank greeting's
# 用户: whole (was 户: alone); the note at 32 in 01-text-golden.sh ends
# in 配合。 (was 合。).
who=(--customer 张三 --action install --tech 李工)
run visitnote --acceptance "${who[@]}" --width 32 "$D/accept-missing.tsv"
assert_rc 1 "missing measurements at 32"
assert_golden "$D/accept-missing-zh-32.txt"
run visitnote --acceptance "${who[@]}" --width 52 "$D/accept-pass.tsv"
assert_rc 0 "passing install at 52"
assert_golden "$D/accept-pass-zh-52.txt"
run visitnote --blank 1 --width 20
assert_rc 0 "blank note at 20"
assert_golden "$D/blank-20.txt"
