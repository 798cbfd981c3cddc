#!/bin/bash
# --acceptance as text, byte for byte: a passing FTTH install in Chinese
# at 32, 48 and 80 columns and in English, a download under 0.8 of the
# plan, missing dial-up and speed records ("not measured" fails), and a
# sheet from real linecheck output of the namespace lab. Exit 0 for a
# pass, 1 for a failed acceptance.
. "$BBT_TOP/tests/lib.sh"
D=$BBT_DATA/visitnote
who=(--customer 张三 --action install --tech 李工)

for w in 32 48 80; do
	run visitnote --acceptance "${who[@]}" --width $w "$D/accept-pass.tsv"
	assert_rc 0 "passing install at $w columns"
	assert_eq "" "$err" "stderr at $w"
	assert_golden "$D/accept-pass-zh-$w.txt"
	widest=$(printf '%s\n' "$out" | python3 -c 'import sys, unicodedata as u
print(max(sum(2 if u.east_asian_width(c) in "WF" else 1 for c in l.rstrip("\n")) for l in sys.stdin))')
	[ "$widest" -le $w ] || fail "a line of $widest columns at width $w"
done
# The values are the records', never typed: the measured download and
# upload, the optical power, the address from IPCP, the test time of the
# first case record.
assert_match '^下行速率：287.4 Mbit/s，为签约 300 Mbit/s 的 0.95$' "$out" "download against plan"
assert_match '^测试时间：2026年12月6日10时12分（记录中的时间）$' "$out" "time of the tests"
run visitnote --acceptance "${who[@]}" --lang en --width 80 "$D/accept-pass.tsv"
assert_rc 0 "English"
assert_golden "$D/accept-pass-en-80.txt"
# From stdin, as linecheck pipes it: the same sheet.
run visitnote --acceptance "${who[@]}" --lang en --width 80 <"$D/accept-pass.tsv"
assert_golden "$D/accept-pass-en-80.txt"

# 201.7 of 300 Mbit/s is under 0.8 x 300 = 240: the download fails and
# with it the sheet (exit 1); the other lines still pass.
run visitnote --acceptance "${who[@]}" --width 48 "$D/accept-slow.tsv"
assert_rc 1 "slow download"
assert_eq "" "$err" "a failed acceptance is no error"
assert_golden "$D/accept-slow-zh-48.txt"
assert_match '^验收结论：不合格（下行速率）$' "$out" "verdict names the failed line"
# The rule follows --slow-ratio: 0.6 of the plan is 180, so 201.7 passes.
run visitnote --acceptance "${who[@]}" --slow-ratio 0.6 "$D/accept-slow.tsv"
assert_rc 0 "--slow-ratio 0.6"
assert_match '实测 ≥ 0.6 × 签约速率 300 Mbit/s' "$out" "rule with the ratio"
# --plan overrides the records' plan=.
run visitnote --acceptance "${who[@]}" --plan 250/30 "$D/accept-slow.tsv"
assert_rc 0 "--plan 250/30: 201.7 >= 200"
assert_match '为签约 250 Mbit/s 的 0.80' "$out" "plan of the option"

# No pppoe-probe, no --speed: those lines are "not measured" and fail.
run visitnote --acceptance "${who[@]}" --width 48 "$D/accept-missing.tsv"
assert_rc 1 "missing measurements"
assert_golden "$D/accept-missing-zh-48.txt"
assert_match '^拨号：未测$' "$out" "dial-up not measured"
assert_match '^\[未测，不合格\] 规则：PPPoE' "$out" "unmeasured dial-up fails"
assert_match '^验收结论：不合格（拨号、下行速率）$' "$out" "verdict"
run visitnote --acceptance "${who[@]}" --lang en "$D/accept-missing.tsv"
assert_match '^Download: not measured$' "$out" "English: not measured"
assert_match '^\[not measured: FAIL\] rule: no plan' "$out" "English: no plan"

# Real records of bin/linecheck in the lab: a veth link (no PHY), no
# dial-up; speeds 19.1/9.7 against a 16/8 plan.
run visitnote --acceptance --width 80 --lang en "$D/accept-lab.tsv"
assert_rc 1 "lab records, no dial-up"
assert_golden "$D/accept-lab-en-80.txt"

# Real pppoe-probe records of a session whose LCP timed out: the dial-up
# fails at the stage that failed, not "authentication failed".
run visitnote --acceptance --width 48 "$D/accept-lab-lcp.tsv"
assert_rc 1 "LCP timeout"
assert_golden "$D/accept-lab-lcp-zh-48.txt"
assert_match '^拨号：LCP 协商失败（critical timeout）$' "$out" "the failed stage"
# pppoe-probe without --user dialled nobody: not measured.
grep -v '^check	ppp\.\|pppoe.pads' "$D/accept-pass.tsv" >"$T/discovery.tsv"
run visitnote --acceptance --lang en "$T/discovery.tsv"
assert_rc 1 "discovery only"
assert_match '^Dial-up: PADO only, no dial-up \(pppoe-probe --user\)$' "$out" "discovery only"
assert_match '^\[not measured: FAIL\] rule: PPPoE' "$out" "not measured"

# Off FTTH optical power is not required; on FTTH without a reading it
# is not measured and fails.
grep -v rx_power "$D/accept-pass.tsv" >"$T/nopower.tsv"
run visitnote --acceptance "$T/nopower.tsv"
assert_rc 1 "FTTH without optical power"
assert_match '^光功率：未测$' "$out" "optical not measured"
run visitnote --acceptance --rx-power -26.1 "$T/nopower.tsv"
assert_rc 1 "-26.1 dBm is under the GPON OK band"
assert_match '^光功率：-26.1 dBm$' "$out" "PON meter reading from the option"
run visitnote --acceptance --rx-power -21 "$T/nopower.tsv"
assert_rc 0 "-21 dBm"
grep -v 'access\|rx_power' "$D/accept-pass.tsv" >"$T/lan.tsv"
run visitnote --acceptance "$T/lan.tsv"
assert_rc 0 "LAN line: optical power not required"
assert_match '^\[不要求\] 规则：仅光纤入户' "$out" "not required"

# Records without a time: the time the sheet was made, said so.
grep -v '^case' "$D/accept-pass.tsv" >"$T/notime.tsv"
run visitnote --acceptance "$T/notime.tsv"
assert_rc 0 "no case records"
assert_match "^测试时间：$(date +%Y年%-m月%-d日)[0-9]+时[0-9]{2}分（制单时间，记录中没有时间）$" "$out" "sheet time"
assert_match '^工单号：______________$' "$out" "no id: a blank to fill in"
