#!/bin/bash
# --acceptance and bad input: malformed records are named
# "(stdin):N: reason" and skipped, the sheet is still made, exit 65; no
# measurement at all is exit 65 naming what is missing; two cases need
# --case; usage errors exit 64, a missing file 66.
. "$BBT_TOP/tests/lib.sh"
D=$BBT_DATA/visitnote

{
	head -12 "$D/accept-pass.tsv"
	printf 'check\tspeed.down\tx\tbogus\t1\tMbit/s\t-\n'
	printf 'check\tspeed.down\tx\tok\tfast\tMbit/s\tplan=300\n'
	printf 'check\tdns.resolve\tx\tok\n'
	printf 'check\tx\ty\tok\t1\t-\tbad\\q\n'
	printf 'obs\trx_power\tstrong\t-\n'
	printf 'check\tspeed.up\tx\tok\t1\tMbit/s\tplan=lots\n'
	printf 'check\tspeed.up\tx\tok\t1\tMbit/s\tplan=0\n'
	sed -n '13,$p' "$D/accept-pass.tsv"
} >"$T/bad.tsv"
run visitnote --acceptance --width 48 --customer 张三 --action install --tech 李工 <"$T/bad.tsv"
assert_rc 65 "malformed records"
assert_eq "visitnote: (stdin):13: unknown status 'bogus'
visitnote: (stdin):14: speed.down: the value 'fast' is not a number
visitnote: (stdin):15: too few fields for its type
visitnote: (stdin):16: unknown escape sequence
visitnote: (stdin):17: rx_power 'strong' is not a number
visitnote: (stdin):18: speed.up: the plan 'lots' is not a positive number
visitnote: (stdin):19: speed.up: the plan '0' is not a positive number" "$err" "messages"
# The good records still make the sheet: the bad ones were skipped.
assert_golden "$D/accept-pass-zh-48.txt"
run visitnote --acceptance "$T/bad.tsv"
assert_match "^visitnote: $T/bad.tsv:13: unknown status 'bogus'\$" "$err" "file name in messages"

# No measurement at all: an error, and no sheet.
printf 'case\tA\tlinecheck\t2026-12-06T10:00:00+08:00\ncheck\tip.route\teth0\tok\t10.0.0.1\t-\tfamily=inet\n' >"$T/none.tsv"
run visitnote --acceptance -o "$T/none.txt" "$T/none.tsv"
assert_rc 65 "no measurement"
assert_eq "visitnote: no measurement in the input: no link, dial-up, browsing or speed check records (linecheck, pppoe-probe) and no rx_power observation" "$err" "what is missing"
[ -e "$T/none.txt" ] && fail "a sheet without measurements"
run visitnote --acceptance --rx-power -18 </dev/null
assert_rc 65 "empty input; a typed power is no measurement"
# The message is translated.
LANGUAGE=zh_CN run visitnote --acceptance "$T/none.tsv"
assert_match '^visitnote: 输入中没有任何测量' "$err" "zh_CN message"

# Two cases in one stream: refused, or one picked with --case.
{ cat "$D/accept-pass.tsv"; sed 's/WO-2026-0815/WO-2026-0816/' "$D/accept-slow.tsv"; } >"$T/two.tsv"
run visitnote --acceptance "$T/two.tsv"
assert_rc 65 "two cases"
assert_eq "visitnote: records of two cases, WO-2026-0815 and WO-2026-0816: pick one with --case" "$err" "two-case message"
run visitnote --acceptance --case WO-2026-0816 "$T/two.tsv"
assert_rc 1 "the slow one picked"
assert_match '^工单号：WO-2026-0816$' "$out" "its id"
assert_match '^下行速率：201.7 Mbit/s' "$out" "its speed"
run visitnote --acceptance --case WO-2026-0815 "$T/two.tsv"
assert_rc 0 "the passing one picked"
run visitnote --acceptance --case WO-9 "$T/two.tsv"
assert_rc 65 "unknown case"
assert_eq "visitnote: no records of case 'WO-9'" "$err" "unknown case message"
# The same case from two tools (pppoe-probe, then linecheck) is one case.
run visitnote --acceptance "$D/accept-pass.tsv" "$D/accept-pass.tsv"
assert_rc 0 "one case in two files"

# Usage.
run visitnote --acceptance --blank 1
assert_rc 64 "--blank"
assert_match '^visitnote: --acceptance reads measurements; --blank prints note pads$' "$err" "blank message"
run visitnote --acceptance --log "$T/log.tsv" "$D/accept-pass.tsv"
assert_rc 64 "--log without --action"
assert_match '^visitnote: --log needs --action install, move or repair' "$err" "kind message"
[ -e "$T/log.tsv" ] && fail "log written on a usage error"
for bad in "--plan fast" "--plan 300/x" "--plan 0" "--slow-ratio 1.5" "--slow-ratio 0" "--rx-power -99"; do
	run visitnote --acceptance $bad "$D/accept-pass.tsv"
	assert_rc 64 "$bad"
	assert_match "^visitnote: invalid value .* for ${bad%% *}" "$err" "$bad message"
done
run visitnote --acceptance "$T/absent.tsv"
assert_rc 66 "missing file"
assert_match "^visitnote: $T/absent.tsv: No such file or directory\$" "$err" "missing file message"

# A line break or TAB inside a record's field (escaped, or a raw control
# character) becomes a space: the sheet keeps its lines.
printf 'case\tW\\n1\x01X\tpppoe-probe\t-\ncheck\tppp.auth\tu\tok\tchap\\tX\t-\tresult=ok\ncheck\tppp.ipcp\tm\tok\t10.0.0.2\\n\t-\t-\n' >"$T/ctl.tsv"
run visitnote --acceptance "$T/ctl.tsv"
assert_rc 1 "control characters"
assert_match '^工单号：W 1 X$' "$out" "case id on one line"
assert_match '^拨号：认证成功（chap X），地址 10.0.0.2 $' "$out" "values on one line"
assert_eq 0 "$(printf '%s\n' "$out" | LC_ALL=C grep -c '[[:cntrl:]]')" "no control character"
