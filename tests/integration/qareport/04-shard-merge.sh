#!/bin/bash
# Scale-out: --shard K/N with --partial on every shard, then --merge,
# gives byte for byte the single-pass report, in every format; threads
# give the same as one thread. Bad partial sets are refused.
. "$BBT_TOP/tests/lib.sh"
need_cmd cc
D=$BBT_DATA/qareport
cc -O1 -o "$T/gen" "$BBT_TOP/bench/qareport-gen.c" -lm || fail "building the generator"
# 15 000 rows (about 2 MB: two threads split it), some of them bad.
"$T/gen" --rows 15000 --accounts 800 --dirty --seed 7 >"$T/o.tsv"

for combo in tech:tsv tech:json tech:html tech:text team,month:tsv \
    area,zone,kind:tsv; do
	by=${combo%:*} fmt=${combo#*:}
	{
		run qareport --format=$fmt --color=never --by=$by --threads=1 "$T/o.tsv"
		assert_rc 65 "single pass"
		printf '%s\n' "$out" >"$T/single"
		run qareport --format=$fmt --color=never --by=$by --threads=2 "$T/o.tsv"
		printf '%s\n' "$out" | cmp -s - "$T/single" || fail "$by $fmt: two threads differ"
		parts=()
		for k in 1 2 3; do
			qareport --partial --by=$by --shard=$k/3 "$T/o.tsv" >"$T/p$k" 2>/dev/null
			parts+=("$T/p$k")
		done
		run qareport --merge --format=$fmt --color=never "${parts[@]}"
		printf '%s\n' "$out" | cmp -s - "$T/single" || {
			diff <(printf '%s\n' "$out") "$T/single" | head >&2
			fail "$by $fmt: shards merged differ from the single pass"; }
	}
done
# The bad rows are counted once over the shards, and in TOTAL.
run qareport --merge --format=tsv "$T"/p1 "$T"/p2 "$T"/p3
assert_rc 65 "merged bad rows"
bad=$(printf '%s\n' "$out" | awk -F'\t' '$2 == "TOTAL" { print $(NF - 1) }')
[ "$bad" -gt 200 ] || fail "bad rows: $bad"
# One unsharded partial merges into the plain report too.
run qareport --partial --by=area,zone,kind "$T/o.tsv"
printf '%s\n' "$out" >"$T/whole"
run qareport --merge --format=tsv "$T/whole"
printf '%s\n' "$out" | cmp -s - <(qareport --format=tsv --by=area,zone,kind "$T/o.tsv" 2>/dev/null) ||
    fail "a single partial"

# Group values of every length from 1 to 20 bytes, in pairs that differ
# in one byte only (the first, the last, the ninth): one value is one
# group, in a single pass (where values of up to 15 bytes are looked up
# in place) and through a partial state (keys built with the month).
awk -F'\t' -v OFS='\t' 'BEGIN {
	for (l = 1; l <= 20; l++) {
		x = substr("xxxxxxxxxxxxxxxxxxxx", 1, l - 1)
		v[n++] = x "a"; v[n++] = x "b"
		v[n++] = "a" x; v[n++] = "b" x
		if (l > 9) {
			v[n++] = substr(x, 1, 8) "c" substr(x, 10) "a"
			v[n++] = substr(x, 1, 8) "d" substr(x, 10) "a"
		}
	}
	v[n++] = "区"; v[n++] = "区域"; v[n++] = "两江新区"; v[n++] = "两江新区区域"
}
NR > 1 { $4 = v[NR % n] } 1' "$T/o.tsv" >"$T/lens.tsv"
run qareport --format=tsv --by=area --threads=1 "$T/lens.tsv"
assert_rc 65 "area values of every length"
[ "$(printf '%s\n' "$out" | wc -l)" -eq 106 ] || fail "area groups: $(printf '%s\n' "$out" | wc -l) lines"
qareport --partial --by=area "$T/lens.tsv" >"$T/lens.part" 2>/dev/null
run qareport --merge --format=tsv "$T/lens.part"
printf '%s\n' "$out" | cmp -s - <(qareport --format=tsv --by=area --threads=1 "$T/lens.tsv" 2>/dev/null) ||
    fail "area values of every length: in place and built differ"

# Histogram lines longer than the state writer's 4 KB buffer (a kind
# in a month of 60 000 rows has minutes by the thousand).
"$T/gen" --rows 60000 --accounts 3000 --seed 9 >"$T/big.tsv"
single=$(qareport --format=tsv --by=kind "$T/big.tsv")
for k in 1 2; do
	qareport --partial --by=kind --shard=$k/2 "$T/big.tsv" >"$T/b$k"
done
long=$(awk '{ if (length($0) > m) m = length($0) } END { print m }' "$T/b1")
[ "$long" -gt 4096 ] || fail "the longest histogram line is $long bytes"
run qareport --merge --format=tsv "$T/b1" "$T/b2"
assert_eq "$single" "$out" "long histogram lines: merged and single pass"

# Incomplete, duplicated, mixed or damaged partials: exit 65.
run qareport --merge "$T/p1" "$T/p2"
assert_rc 65
assert_match "shard 3/3 is missing" "$err"
run qareport --merge "$T/p1" "$T/p1" "$T/p2" "$T/p3"
assert_rc 65
assert_match "shard 1/3 is given twice" "$err"
qareport --partial --by=area,zone,kind --repeat-window=20d --shard=3/3 "$T/o.tsv" >"$T/q3" 2>/dev/null
run qareport --merge "$T/p1" "$T/p2" "$T/q3"
assert_rc 65
assert_match "made with other options" "$err"
head -n 20 "$T/p2" >"$T/cut"
run qareport --merge "$T/p1" "$T/cut" "$T/p3"
assert_rc 65
assert_match "truncated" "$err"
run qareport --merge "$D/timely.tsv"
assert_rc 65
assert_match "not a qareport state file" "$err"
