#!/bin/bash
# --acceptance --log: the order record of the sheet with the measured
# speed, the plan and the verdict in the optional trailing fields of
# bbt-record(5); records of before them still parse, and qareport reads
# both (qareport counts the fields after checks as accept_pct and speed_plan_pct).
. "$BBT_TOP/tests/lib.sh"
D=$BBT_DATA/visitnote
who=(--customer 张三 --tech li)
tab=$'\t'

run visitnote --acceptance "${who[@]}" --action install --log - -o "$T/s1.txt" "$D/accept-pass.tsv"
assert_rc 0 "passing install logged"
assert_eq "order${tab}WO-2026-0815${tab}install${tab}broadband${tab}张三${tab}-${tab}-${tab}li$(printf '\t-%.0s' $(seq 16))${tab}link=pass,optical=pass,dialup=pass,browse=pass,down=pass,up=pass${tab}pass${tab}287.4${tab}29.1${tab}300${tab}30${tab}2026-12-06T10:12:40+08:00" \
    "$out" "the record"
assert_eq 31 "$(printf '%s\n' "$out" | awk -F'\t' '{ print NF }')" "type, 24 order fields, 6 acceptance fields"
[ -s "$T/s1.txt" ] || fail "the sheet went to -o"

# A slow download: fail, the measured rate as the record has it.
run visitnote --acceptance "${who[@]}" --action repair --id R-77 --log "$T/orders.tsv" -o "$T/s2.txt" "$D/accept-slow.tsv"
assert_rc 1 "slow download logged"
assert_eq "R-77 repair down=fail fail 201.7 29.1 300 30" \
    "$(awk -F'\t' '{ print $2, $3, substr($25, index($25, "down=")), $26, $27, $28, $29, $30 }' "$T/orders.tsv" | sed 's/,up=pass//')" \
    "id, kind, check, verdict, speeds and plans"
# Not measured: empty speed fields are "-", and no upload plan either.
run visitnote --acceptance "${who[@]}" --action install --log "$T/orders.tsv" -o "$T/s3.txt" "$D/accept-missing.tsv"
assert_rc 1 "missing measurements logged"
assert_eq "link=pass,optical=pass,dialup=unmeasured,browse=pass,down=unmeasured,up=na fail - - - -" \
    "$(tail -1 "$T/orders.tsv" | cut -f25-30 | tr '\t' ' ')" "unmeasured fields"
# --plan is what the record names as the plan.
run visitnote --acceptance "${who[@]}" --action move --plan 500/50 --log - -o "$T/s4.txt" "$D/accept-pass.tsv"
assert_rc 1 "287.4 of a 500 plan"
assert_eq "move fail 287.4 29.1 500 50" "$(printf '%s\n' "$out" | cut -f3,26-30 | tr '\t' ' ')" "option plan"

# A sheet that cannot be written is not logged.
run visitnote --acceptance "${who[@]}" --action install --log "$T/orders.tsv" -o "$T/nodir/s.txt" "$D/accept-pass.tsv"
assert_rc 73 "unwritable sheet"
assert_eq 2 "$(wc -l <"$T/orders.tsv")" "nothing logged for it"

# Old records (24 fields) and new ones in one file: qareport counts all
# three orders and finds no bad row; visitnote reads them back as rows.
# The visit note's record, 24 fields as ever.
visitnote --customer 王五 --contact 李工 --phone 13812345678 --arrived '2025-03-05 09:05' \
    --left '2025-03-05 09:20' --action install --id W1 --tech li --log - -o "$T/note.txt" >>"$T/orders.tsv" ||
    fail "visit note log"
assert_eq "31 31 25" "$(awk -F'\t' '{ print NF }' "$T/orders.tsv" | paste -sd ' ')" "new and old records"
run qareport --by none "$T/orders.tsv"
assert_rc 0 "qareport on old and new records"
assert_match $'^qa\tTOTAL\t3\t1\t2\t' "$out" "three orders, one repair, two installs"
assert_eq 0 "$(printf '%s\n' "$out" | awk -F'\t' '$2 == "TOTAL" { print $(NF - 1) }')" "no bad rows"
run visitnote --contact 李工 --phone 13812345678 --arrived '2025-03-05 09:05' --left '2025-03-05 09:20' "$T/orders.tsv"
assert_rc 0 "the log read back as work orders"
assert_eq 3 "$(printf '%s\n' "$out" | grep -c '^尊敬的')" "three notes"
