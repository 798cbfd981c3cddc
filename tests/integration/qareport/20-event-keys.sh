#!/bin/bash
# The window KPIs find an account's events in a table of the partition
# (src/qareport/windows.c account_of): names of 8 to 16 bytes by their
# first and last eight, others byte by byte. Names alike in their first
# or last eight bytes, of 7 and 8 digits ("0000009", "00000090"), at 126
# to 130 bytes, not ASCII, are still as many accounts as names: every
# KPI equals the reference's, in memory and through the temporary file.
. "$BBT_TOP/tests/lib.sh"
need_cmd cc python3
cc -O1 -o "$T/gen" "$BBT_TOP/bench/qareport-gen.c" -lm || fail "building the generator"
"$T/gen" --rows 20000 --accounts 3000 --seed 13 >"$T/g.tsv"
python3 - "$T/g.tsv" >"$T/o.tsv" <<'PY' || fail "renaming the accounts"
import sys
def name(a):
    n = int(a[1:])
    f = n % 9
    if f == 0: return "%07d" % n
    if f == 1: return "%07d0" % (n - 1)	# n - 1's, and a 0
    if f == 2: return a
    if f == 3: return "x" * 130 + "%07d" % n
    if f == 4: return "%0126d" % n
    if f == 5: return "%0127d" % n
    if f == 6: return "\u8d26" + "%07d" % n
    if f == 7: return "acct-%d" % n
    return "%0130d" % n
with open(sys.argv[1], encoding="utf-8") as f:
    for i, line in enumerate(f):
        c = line.rstrip("\n").split("\t")
        if i > 0 and c[2] != "-":
            c[2] = name(c[2])
        print("\t".join(c))
PY
[ "$(cut -f3 "$T/o.tsv" | sort -u | wc -l)" -gt 2500 ] || fail "too few accounts"
python3 "$BBT_TOP/bench/qareport-ref.py" "$T/o.tsv" >"$T/py.tsv" || fail "python"
mkdir "$T/tmp"
for mem in 32M 1; do
	TMPDIR=$T/tmp run qareport -v --format=tsv --by=tech --threads=2 \
	    --memory=$mem "$T/o.tsv"
	[ "$rc" -eq 0 ] || [ "$rc" -eq 1 ] || fail "--memory=$mem: exit $rc: $err"
	[ $mem = 1 ] && assert_match "MB of events went through temporary files" \
	    "$err" "--memory=1 spilled"
	printf '%s\n' "$out" | cut -f1-26 >"$T/c.tsv"
	diff -u "$T/py.tsv" "$T/c.tsv" >&2 ||
		fail "--memory=$mem: qareport and the reference differ"
done
