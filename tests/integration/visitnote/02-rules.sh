#!/bin/bash
# R5 (10-minute wait, a call), R6 (times, contact person, phone), phone
# plausibility and time sanity: each violation is an error naming the
# rule (exit 65, no note); --override prints the note and logs the
# override.
. "$BBT_TOP/tests/lib.sh"

ok=(--customer 张三 --contact 李工 --phone 13812345678)
A='2025-03-05 09:05'

run visitnote "${ok[@]}" --arrived "$A" --left '2025-03-05 09:15'
assert_rc 0 "exactly 10 minutes"
assert_eq "" "$err" "no message"

# R5: 9 minutes.
run visitnote "${ok[@]}" --arrived "$A" --left '2025-03-05 09:14'
assert_rc 65 "R5"
assert_eq "" "$out" "no note on a violation"
assert_eq "visitnote: R5: leaving at 2025-03-05 09:14 is 9 minutes after arriving at 2025-03-05 09:05; the rule asks for a wait of at least 10 minutes" "$err" "R5 message"

# R5 overridden: the note is printed, the override logged and reported.
run visitnote "${ok[@]}" --arrived "$A" --left '2025-03-05 09:14' \
    --override R5 --log "$T/log.tsv" --id W9 --action maintain
assert_rc 0 "R5 overridden"
assert_match '^离开时间:2025年3月5日9时14分$' "$out" "note printed"
assert_match 'R5: .*\(overridden\)$' "$err" "override reported"
assert_eq "R5=override,R6=ok,phone=ok,time=ok" "$(cut -f25 "$T/log.tsv")" "override logged"
assert_eq "W9" "$(cut -f2 "$T/log.tsv")" "order id logged"
run visitnote -q "${ok[@]}" --arrived "$A" --left '2025-03-05 09:14' --override R5
assert_eq "" "$err" "-q silences the override notice"

# R6: every missing slot is named.
run visitnote --customer 张三 --arrived "$A"
assert_rc 65 "R6"
assert_match '^visitnote: R6: the note has no left, contact, phone; ' "$err" "R6 names the slots"
assert_match '^visitnote: R5: the 10-minute wait cannot be checked' "$err" "R5 without times"
run visitnote --customer 张三 --contact 李工 --arrived "$A" --left '2025-03-05 09:30'
assert_rc 65 "R6 without phone"
assert_eq "visitnote: R6: the note has no phone; the rule asks for the arrival and leaving times, a contact person and a contact phone" "$err" "R6 phone"
run visitnote --customer 张三 --contact 李工 --arrived "$A" --left '2025-03-05 09:30' \
    --override R6 --log - -o "$T/n.txt" --action maintain
assert_rc 0 "R6 overridden"
assert_match '联系电话:______________' "$(cat "$T/n.txt")" "blank phone slot kept"
assert_match 'R5=ok,R6=override,phone=ok,time=ok$' "$out" "R6 override in the log on stdout"

# Phone numbers.
for p in 13812345678 '138 1234 5678' 138-1234-5678 +8613812345678 \
    023-63881234 '(023) 63881234' 010-88886666 0755-8888666 0755-88886666; do
	run visitnote "${ok[@]}" --phone "$p" --arrived "$A" --left '2025-03-05 09:20'
	assert_rc 0 "phone $p accepted"
done
for p in 1381234567 12812345678 23-63881234 023-0388123 10010 '138x1234567' 0755-123456; do
	run visitnote "${ok[@]}" --phone "$p" --arrived "$A" --left '2025-03-05 09:20'
	assert_rc 65 "phone $p rejected"
	assert_match "^visitnote: phone: '$p' is neither a Chinese mobile number" "$err" "phone $p message"
done
run visitnote "${ok[@]}" --phone 10010 --arrived "$A" --left '2025-03-05 09:20' --override phone
assert_rc 0 "phone overridden"

# Times: the future, leaving before arriving, a day-long wait.
run visitnote "${ok[@]}" --arrived '2099-01-01 10:00' --left '2099-01-01 10:20'
assert_rc 65 "future"
assert_eq "visitnote: time: the arrival time 2099-01-01 10:00 is in the future" "$err" "future message"
run visitnote "${ok[@]}" --arrived '2025-03-05 10:00' --left '2025-03-05 09:00'
assert_rc 65 "backwards"
assert_match '^visitnote: time: the leaving time 2025-03-05 09:00 is before the arrival time 2025-03-05 10:00$' "$err" "backwards message"
assert_match '^visitnote: R5: ' "$err" "backwards breaks R5 too"
run visitnote "${ok[@]}" --arrived '2025-03-05 08:00' --left '2025-03-06 08:00'
assert_rc 65 "too long"
assert_match 'time: a wait from 2025-03-05 08:00 to 2025-03-06 08:00 is longer than 12 hours' "$err" "long wait"
run visitnote "${ok[@]}" --arrived '2025-03-05 08:00' --left '2025-03-06 08:00' --override time
assert_rc 0 "time overridden"
run visitnote "${ok[@]}" --arrived now --left now
assert_rc 65 "now to now breaks R5"
run visitnote --customer 张三 --override all
assert_rc 0 "override all prints the note"

# zh_CN messages.
LANGUAGE=zh_CN run visitnote "${ok[@]}" --arrived "$A" --left '2025-03-05 09:14'
assert_rc 65 "R5 in Chinese"
assert_match '^visitnote: R5: ' "$err" "rule name stays"
assert_match '10 分钟' "$err" "Chinese message"
