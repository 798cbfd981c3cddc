#!/bin/bash
# Guided mode: answers fed on stdin, questions asserted on stderr (in the
# locale's language), the verdict on stdout.
. "$BBT_TOP/tests/lib.sh"
export BBTOOLS_CATALOGUE=$BBT_TOP/src/bbdiag/faults.catalog
qs() { printf '%s\n' "$err" | grep -o 'Question [0-9]* ([a-z._]*)' | tr '\n' ' '; }

# An FTTH customer, nothing measured yet: bottom-up questions until LOS.
run bbdiag --ask --top 1 <<<$'ftth\n1\nnormal\nred'
assert_rc 1 "ask"
assert_eq "Question 1 (access) Question 2 (light.power) Question 3 (lights) Question 4 (light.los) " "$(qs)"
assert_match 'Question 4 \(light.los\): What does the LOS light of the ONU do\?' "$err"
assert_match '  2\) red  Steady red' "$err"
assert_eq "fault	-	1	ftth_los	access_line	0.75	line	light.los=red,?rx_power	red_light_pen,reterminate_fibre,measure_at_splitter" "$out"

# The same with answers by number, a "do not know", and a wrong answer
# asked again with the valid values.
run bbdiag --ask --top 1 <<<$'3\n?\npurple\n1\n2'
assert_match "Invalid answer 'purple': valid are normal, one_only." "$err"
assert_eq "Question 1 (access) Question 2 (light.power) Question 3 (lights) Question 4 (light.los) " "$(qs)"
assert_eq "ftth_los" "$(printf '%s\n' "$out" | cut -f 4)"

# Evidence from a file: no PADO. The dialer's error and the lights decide.
run bbdiag --ask --top 1 access=adsl "$BBT_DATA/bbdiag/contract/pppoe-no-pado.rec" <<<$'normal\nblink'
# The carrier is up: no question about power.
assert_eq "Question 1 (lights) Question 2 (light.dsl) Question 3 (code) " "$(qs)"
assert_eq "fault	lab-1	1	adsl_no_sync	access_line" "$(printf '%s\n' "$out" | cut -f 1-5)"

# Enough evidence already: no question at all.
run bbdiag --ask --top 1 access=ftth light.los=red </dev/null
assert_eq "" "$err" "no question when one fault stands"
assert_eq "ftth_los" "$(printf '%s\n' "$out" | cut -f 4)"

# "q" stops asking; the verdict is given with what is known.
# A bare 691 is a refusal whose reason is the next question, not a
# wrong password (issue 20 item 2).
run bbdiag --ask --top 1 code=691 <<<$'q'
assert_eq 1 "$(printf '%s\n' "$err" | grep -c '^Question')"
assert_eq "auth_refused_unknown" "$(printf '%s\n' "$out" | cut -f 4)"

# The AAA's words as the support desk reads them are an answer.
run bbdiag --ask --top 1 code=691 access=lan <<<$'OCS_Err: 余额不足'
assert_eq "auth_arrears" "$(printf '%s\n' "$out" | cut -f 4)" "AAA text as an answer"

# End of input also stops; an alias is a valid answer.
run bbdiag --ask --top 1 code=691 access=lan <<<$'状态错'
assert_eq "Question 1 (aaa) " "$(qs)" "691: the AAA's word separates the auth faults"
assert_eq "auth_arrears" "$(printf '%s\n' "$out" | cut -f 4)"

# In Chinese.
LANGUAGE=zh_CN run bbdiag --ask --top 1 access=ftth light.power=on lights=normal <<<$'2'
assert_match '^问题 1（light.los）：光猫的 LOS 灯是什么状态？$' "$err"
assert_match '  2\) red  红灯常亮' "$err"
assert_eq "ftth_los" "$(printf '%s\n' "$out" | cut -f 4)"
