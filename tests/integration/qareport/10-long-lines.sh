#!/bin/bash
# Property: with any number of threads qareport prints what one thread
# prints, byte for byte (report, bad rows and their line numbers, exit
# code), on files whose lines over 1 MiB (skipped and counted as bad) and
# near it cross the ranges the threads read. Files of 3-12 MB are cut
# into ranges of 256 KB to 3 MB, so every long line spans several.
# QA_SEED=N repeats a run; the seed is printed when it fails.
. "$BBT_TOP/tests/lib.sh"
need_cmd cc python3
cc -O1 -o "$T/gen" "$BBT_TOP/bench/qareport-gen.c" -lm || fail "building the generator"
seed=${QA_SEED:-$RANDOM}
"$T/gen" --rows 20000 --accounts 900 --dirty --seed 5 >"$T/rows.tsv"
"$T/gen" --rows 20000 --accounts 900 --csv --seed 6 >"$T/rows.csv"

# mix SEED IN OUT: IN's lines with long ones in between (at the top too,
# before the header, now and then); CSV gets quoted fields with line
# breaks as well.
mix() {
	python3 - "$@" <<'EOF'
import random, sys
seed, src, dst = int(sys.argv[1]), sys.argv[2], sys.argv[3]
rnd = random.Random(seed)
M = 1 << 20
lines = open(src, 'rb').read().split(b'\n')
if lines[-1] == b'':
    lines.pop()
csv = src.endswith('.csv')
rows = lines[1:rnd.randrange(2000, len(lines))]
out = [lines[0]]
def long(k=None):
    k = rnd.randrange(4) if k is None else k
    n = (M + rnd.randrange(1, 200) if k == 0 else
         M - rnd.randrange(0, 3) if k == 1 else
         rnd.randrange(M, 5 * M))
    return (b'x\t' * 4 + b'A' * n)[:n]
for i in range(rnd.randrange(1, 6)):
    rows.insert(rnd.randrange(len(rows) + 1), long(2 if i == 0 else None))
if csv:
    for i in range(rnd.randrange(0, 40)):
        j = rnd.randrange(len(rows))
        rows[j] = rows[j] + b',"a\nb,c"'
if rnd.randrange(4) == 0:
    out.insert(0, long())
out += rows
with open(dst, 'wb') as f:
    f.write(b'\n'.join(out) + (b'\n' if rnd.randrange(3) else b''))
EOF
}

for i in 1 2 3 4 5 6; do
	s=$((seed * 10 + i))
	src=$T/rows.tsv
	[ $((i % 3)) -eq 0 ] && src=$T/rows.csv
	f=$T/f$i.${src##*.}
	mix "$s" "$src" "$f" || fail "seed $seed: generating $f"
	run qareport --format=tsv --by=tech --errors=100000 --threads=1 "$f"
	ref_rc=$rc ref_out=$out ref_err=$err
	assert_match "line too long" "$err" "seed $seed/$i: a long line"
	j=$((2 + RANDOM % 5))
	run qareport --format=tsv --by=tech --errors=100000 --threads=$j "$f"
	assert_eq "$ref_rc" "$rc" "seed $seed/$i -j$j: exit code"
	assert_eq "$ref_out" "$out" "seed $seed/$i -j$j: the report"
	assert_eq "$ref_err" "$err" "seed $seed/$i -j$j: the bad rows"
	rm -f "$f"
done
