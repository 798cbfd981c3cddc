#!/bin/bash
# Every KPI of every technician and of TOTAL equals an independent
# implementation written from the man page (bench/qareport-ref.py) on a
# generated log. bench/qareport-crosscheck.sh does the same on 1 M rows.
. "$BBT_TOP/tests/lib.sh"
need_cmd cc python3
cc -O1 -o "$T/gen" "$BBT_TOP/bench/qareport-gen.c" -lm || fail "building the generator"
# The acceptance columns (visitnote --acceptance): a verdict, the
# measured and the subscribed download, some missing; downloads of
# 0.0 to 1.1 times the plan, at 0.8 exactly and just below it.
accept() {
	awk -F'\t' -v OFS='\t' 'NR == 1 { print $0, "accept", "speed_down", "plan_down"; next }
	{ split("100 200 300 500 1000", plan, " ")
	  p = NR % 11 == 0 ? "-" : plan[NR % 5 + 1]
	  v = int(NR / 12) % 2 ? 0.001 : 0
	  s = NR % 13 == 0 || p == "-" ? "-" : sprintf("%.3f", p * (NR % 12) / 10 - (NR % 12 ? v : 0))
	  print $0, NR % 7 == 0 ? "-" : NR % 4 == 0 ? "fail" : "pass", s, p }'
}
"$T/gen" --rows 40000 --accounts 2000 --seed 3 | accept >"$T/o.tsv"
run qareport --format=tsv --by=tech "$T/o.tsv"
[ "$rc" -eq 0 ] || [ "$rc" -eq 1 ] || fail "exit $rc: $err"
printf '%s\n' "$out" | cut -f1-26 >"$T/c.tsv"
python3 "$BBT_TOP/bench/qareport-ref.py" "$T/o.tsv" >"$T/py.tsv" || fail "python"
[ "$(wc -l <"$T/py.tsv")" -gt 400 ] || fail "too few rows"
diff -u "$T/py.tsv" "$T/c.tsv" >&2 || fail "qareport and the reference differ"
# Both acceptance KPIs have rows behind them, and 0.8 exactly passes.
assert_eq "74.9985 29.1754" "$(awk -F'\t' '$2 == "TOTAL" { print $25, $26 }' "$T/c.tsv")" \
    "TOTAL acceptance and speed against plan"
# Few accounts with hundreds of repairs each (the radix-sorted path).
"$T/gen" --rows 20000 --accounts 40 --seed 9 >"$T/few.tsv"
run qareport --format=tsv --by=tech --threads=2 "$T/few.tsv"
printf '%s\n' "$out" | cut -f1-26 >"$T/c2.tsv"
python3 "$BBT_TOP/bench/qareport-ref.py" "$T/few.tsv" >"$T/py2.tsv" || fail "python"
diff -u "$T/py2.tsv" "$T/c2.tsv" >&2 || fail "dense accounts: qareport and the reference differ"
# Every kind of order and open orders (issue 23): leased-line installs
# are installs, complaint visits and inspections count in orders,
# punctuality, reschedules, no-answer and callbacks only, open orders in
# the open column and no closed-order KPI. The TOTAL and every group
# equal the reference's.
"$T/gen" --rows 30000 --accounts 1500 --seed 5 --all-kinds >"$T/all.tsv"
grep -q $'\tleased\t' "$T/all.tsv" && grep -q $'\tinspection\t' "$T/all.tsv" &&
    grep -q $'\topen\t' "$T/all.tsv" || fail "--all-kinds: kinds missing"
run qareport --format=tsv --by=tech --threads=2 "$T/all.tsv"
[ "$rc" -eq 0 ] || [ "$rc" -eq 1 ] || fail "all kinds: exit $rc: $err"
printf '%s\n' "$out" | cut -f1-26 >"$T/c3.tsv"
python3 "$BBT_TOP/bench/qareport-ref.py" "$T/all.tsv" >"$T/py3.tsv" || fail "python"
diff -u "$T/py3.tsv" "$T/c3.tsv" >&2 || fail "all kinds: qareport and the reference differ"
open=$(awk -F'\t' '$2 == "TOTAL" { print $24 }' "$T/c3.tsv")
[ "$open" -gt 100 ] || fail "all kinds: $open open orders"
