#!/bin/bash
# Usage errors exit 64 with a message naming the option; --help lists the
# template's slot options; zh_CN messages.
. "$BBT_TOP/tests/lib.sh"

run visitnote --help
assert_rc 0 "--help"
for o in branch customer action service contact phone company arrived left \
    format output width blank lang log override paper; do
	assert_match "--$o" "$out" "--$o in --help"
done

while IFS='|' read -r args msg; do
	eval "set -- $args"
	run visitnote "$@"
	assert_rc 64 "$args"
	assert_match "$msg" "$err" "message for $args"
done <<'EOF_CASES'
--width 40x|invalid value '40x' for --width
--width 10|invalid value '10' for --width: use 0 or 20 to 200 columns
--lang fr|invalid value 'fr' for --lang: use zh or en
--action paint|invalid value 'paint' for --action: use install or maintain
--service tv|invalid value 'tv' for --service: use a comma list of broadband, phone and leased
--override R7|invalid value 'R7' for --override
--paper a5|invalid value 'a5' for --paper: use a4 or a6
--format html|invalid value 'html' for --format
--blank 0|--blank
--blank 2 rows.tsv|--blank prints pads from the options; it reads no files
--blank 2 --log x.tsv|--log records visits, and blank pads are none
--customer x --arrived 25:99|invalid time '25:99' for --arrived
--customer x --left yesterday|invalid time 'yesterday' for --left
--no-such-option|unrecognized option
EOF_CASES

# Accepted spellings.
run visitnote --blank 1 --service 宽带、专线 --action 安装
assert_rc 0 "Chinese words"
assert_match '我们将为您安装联通\(宽带、专线\)业务' "$out" "services and action"
run visitnote --blank 1 --service all --lang en
assert_match 'install / maintain your Unicom \(broadband, telephone, leased line\) service' "$out" "English template"

# Invalid UTF-8 in an option becomes U+FFFD in the note.
run visitnote --blank 1 --customer $'\xff\xfe张'
assert_rc 0 "invalid UTF-8"
assert_match '^尊敬的��张用户:$' "$out" "replacement characters"

# zh_CN.
LANGUAGE=zh_CN run visitnote --lang fr
assert_rc 64 "zh_CN usage"
assert_match '“fr”' "$err" "value named"
assert_nomatch 'invalid value' "$err" "message translated"
LANGUAGE=zh_CN run visitnote --help
assert_match '到访留言便条' "$out" "translated help"
