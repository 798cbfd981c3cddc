#!/bin/bash
# --log: one order record per printed note, appended with one write(2)
# on an O_APPEND descriptor (never interleaved by concurrent runs); "-"
# is standard output so `visitnote --log - -o FILE ... >> orders.tsv`
# works. -o files are replaced atomically.
. "$BBT_TOP/tests/lib.sh"
D=$BBT_DATA/visitnote
ok=(--customer 张三 --contact 李工 --phone 13812345678 --arrived '2025-03-05 09:05'
    --action maintain)

run visitnote "${ok[@]}" --left '2025-03-05 09:20' --id W1 --tech li \
    --action install --service broadband,phone --log - -o "$T/note.txt"
assert_rc 0 "note with the log on stdout"
assert_eq "$(printf 'order\tW1\tinstall\tbroadband,phone\t张三\t-\t-\tli\t-\t-\t-\t-\t-\t2025-03-05T09:05:00+08:00\t2025-03-05T09:20:00+08:00\t-\tno-answer\tyes\tyes\t-\t-\t-\t-\t-\tR5=ok,R6=ok,phone=ok,time=ok')" "$out" "the order record"
assert_match '^尊敬的张三用户:$' "$(cat "$T/note.txt")" "the note went to -o"

# Appending with the shell, as the man page shows.
for i in 1 2; do
	visitnote "${ok[@]}" --left '2025-03-05 09:20' --id "A$i" --log - \
	    -o "$T/n$i.txt" >>"$T/orders.tsv" || fail "append $i"
done
assert_eq "A1 A2" "$(cut -f2 "$T/orders.tsv" | paste -sd ' ')" "two appended records"

# --log - with the notes on stdout would mix them: a usage error.
run visitnote "${ok[@]}" --left '2025-03-05 09:20' --log -
assert_rc 64 "--log - needs -o"
assert_match '^visitnote: --log - writes the log to standard output, so the notes need -o FILE$' "$err" "usage message"

# The audit needs the kind: a note from options is logged with --action.
run visitnote --customer 张三 --contact 李工 --phone 13812345678 \
    --arrived '2025-03-05 09:05' --left '2025-03-05 09:20' --log "$T/x.tsv"
assert_rc 64 "--log without --action"
assert_match '^visitnote: --log needs --action install or maintain' "$err" "kind message"

# Batch: the row's columns pass through, only printed notes are logged.
run visitnote --log "$T/batch.tsv" -o "$T/batch.txt" "$D/rows.tsv"
assert_rc 65 "batch with bad rows"
assert_eq "W1 W9" "$(cut -f2 "$T/batch.tsv" | paste -sd ' ')" "logged rows"
assert_eq "install repair" "$(cut -f3 "$T/batch.tsv" | paste -sd ' ')" "kinds as record words"
assert_eq "li li" "$(cut -f8 "$T/batch.tsv" | paste -sd ' ')" "tech passed through"
assert_eq "$(printf '25\n25')" "$(awk -F'\t' '{ print NF }' "$T/batch.tsv")" "25 fields"

# The log reads back as work orders (the table reader's order records).
run visitnote --contact 李工 --phone 13812345678 "$T/batch.tsv"
assert_rc 0 "log read back"
assert_eq 2 "$(printf '%s\n' "$out" | grep -c '^尊敬的')" "two notes from the log"

# Concurrent runs appending to one file: whole lines only.
for i in 1 2 3 4 5 6; do
	{ for j in $(seq 1 40); do
		printf 'W%d-%d\t张三\t李工\t13812345678\t2025-03-05 09:05\t2025-03-05 09:20\n' "$i" "$j"
	  done; } | sed '1i id\tcustomer\tcontact\tphone\tarrived\tleft' >"$T/in$i.tsv"
done
for i in 1 2 3 4 5 6; do
	visitnote --log "$T/conc.tsv" -o "$T/out$i.txt" "$T/in$i.tsv" &
done
wait
assert_eq 240 "$(wc -l <"$T/conc.tsv")" "every record"
assert_eq 240 "$(grep -c $'^order\tW[1-6]-[0-9]*\t.*\tR5=ok,R6=ok,phone=ok,time=ok$' "$T/conc.tsv")" "no interleaved line"
assert_eq 240 "$(cut -f2 "$T/conc.tsv" | sort -u | wc -l)" "no duplicate"

# -o is atomic: a run that prints no note leaves the old file alone, and
# no temporary is left behind.
echo old >"$T/keep.txt"
run visitnote --customer 张三 -o "$T/keep.txt"
assert_rc 65 "violation"
assert_eq old "$(cat "$T/keep.txt")" "old output kept"
assert_eq "keep.txt" "$(cd "$T" && ls keep.txt*)" "no temporary file"
run visitnote --blank 1 -o "$T/keep.txt"
assert_rc 0 "replaced"
assert_match '^×××联通公司到访留言便条$' "$(cat "$T/keep.txt")" "new output"
run visitnote --blank 1 -o /nonexistent/dir/x.txt
assert_rc 73 "cannot create"
run visitnote "${ok[@]}" --left '2025-03-05 09:20' --log /nonexistent/dir/log.tsv
assert_rc 73 "cannot create the log"
assert_match '^visitnote: /nonexistent/dir/log.tsv: No such file or directory$' "$err" "log message"

# qareport reads the log directly (when it is built).
if [ -x "$BBT_BIN/qareport" ]; then
	run qareport "$T/batch.tsv" "$T/orders.tsv"
	assert_rc 0 "qareport reads the log"
	assert_match $'^qa\tTOTAL\t4\t' "$out" "four orders audited"
fi

# A pipe keeps a write whole up to PIPE_BUF (4096 bytes): a longer record
# would interleave with other runs' in `--log - | ...`, so it is a bad row
# (neither note nor record), the other rows go on.
long=$(printf '名%.0s' $(seq 1 1400))	# 4200 bytes
{ printf 'id\tcustomer\tcontact\tphone\tarrived\tleft\n'
  printf 'L1\t张三\t李工\t13812345678\t2025-03-05 09:05\t2025-03-05 09:20\n'
  printf 'L2\t%s\t李工\t13812345678\t2025-03-05 09:05\t2025-03-05 09:20\n' "$long"
  printf 'L3\t李四\t李工\t13812345678\t2025-03-05 09:05\t2025-03-05 09:20\n'
} >"$T/long.tsv"
run visitnote --log - -o "$T/long.txt" "$T/long.tsv"
assert_rc 65 "over-long record"
assert_eq "L1 L3" "$(printf '%s\n' "$out" | cut -f2 | paste -sd ' ')" "the other rows logged"
assert_match "^visitnote: $T/long.tsv:3: the log record would be 4[0-9]{3} bytes, over the 4096 that stay whole in a pipe$" "$err" "record length message"
assert_eq 2 "$(grep -c '^尊敬的' "$T/long.txt")" "no note for the rejected row"
# Without --log there is no record to bound: the note prints.
run visitnote -o "$T/long.txt" "$T/long.tsv"
assert_rc 0 "no log, no bound"
