#!/bin/bash
# A full disk: --log cuts a partial record off again and names the real
# error (not "Success"), so the next append starts a line of its own;
# a PDF that does not fit says why; the old output stays, no temporary.
# Needs root for a small tmpfs.
. "$BBT_TOP/tests/lib.sh"
[ "$(id -u)" -eq 0 ] || skip "needs root (mount a small tmpfs)"
mkdir "$T/small" "$T/w"
mount -t tmpfs -o size=64k bbt-test "$T/small" 2>/dev/null || skip "cannot mount tmpfs"
at_exit "umount '$T/small'"
cd "$T/w" || fail "no work dir"
printf 'id\tcustomer\tcontact\tphone\tarrived\tleft\n' >rows.tsv
for i in $(seq 1 2000); do
	printf 'W%d\t用户%d\t李工\t138%08d\t2025-03-05 09:05\t2025-03-05 09:20\n' "$i" "$i" "$i"
done >>rows.tsv

# 2000 records of about 200 bytes into 64 KB.
run visitnote --log "$T/small/full.log" -o out.txt rows.tsv
assert_rc 74 "log on a full disk"
n=$(wc -l <"$T/small/full.log")
[ "$n" -gt 0 ] && [ "$n" -lt 2000 ] || fail "$n records, expected some"
assert_eq "visitnote: $T/small/full.log: No space left on device
visitnote: $T/small/full.log: $((2000 - n)) of 2000 log records were not written" "$err" "the real error and the count"
assert_eq '\n' "$(tail -c 1 "$T/small/full.log" | od -An -c | tr -d ' ')" "ends with a whole line"
assert_eq "$n" "$(grep -c $'^order\tW[0-9]*\t.*\tR5=ok,R6=ok,phone=ok,time=ok$' "$T/small/full.log")" "whole records only"
assert_eq 2000 "$(grep -c '^尊敬的' out.txt)" "the notes are written"

# The PDF of 2000 notes does not fit either: the error is named, the old
# file is kept and no temporary is left.
rm -f "$T/small/full.log"
echo old >"$T/small/n.pdf"
run visitnote --format pdf -o "$T/small/n.pdf" rows.tsv
assert_rc 74 "PDF on a full disk"
assert_eq "visitnote: $T/small/n.pdf: No space left on device" "$err" "PDF error named"
assert_eq old "$(cat "$T/small/n.pdf")" "old PDF kept"
assert_eq "n.pdf" "$(ls "$T/small")" "no temporary left"
