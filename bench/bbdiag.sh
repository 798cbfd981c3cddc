#!/bin/bash
# SPDX-License-Identifier: MIT
# bench/bbdiag.sh: batch classification of CASES generated cases (default
# 1 M; bench/bbdiag-gen.py: MIX=field, a linecheck run plus one corpus
# case each, ~18 check records a case, or MIX=corpus, the test corpus'
# cases alone, ~4.5), bbdiag --batch against what an admin would
# otherwise script, a fixed awk lookup table (bench/bbdiag.awk, mawk and
# gawk when present), and the floor (cat). Prints wall time (best of
# RUNS), check records per second, the ratio to bbdiag and peak RSS, and
# shows that bbdiag's memory is flat: peak RSS at CASES/10 and CASES.
#
#	CASES=1000000 RUNS=3 MIX=field bash bench/bbdiag.sh
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
CASES=${CASES:-1000000}
RUNS=${RUNS:-3}
MIX=${MIX:-field}
dir=$top/build/bench
mkdir -p "$dir"
export LC_ALL=C.UTF-8 TZ=Asia/Shanghai
bd=$top/bin/bbdiag
cat=$top/src/bbdiag/faults.catalog
[ -x "$bd" ] || { echo "bench: build bin/bbdiag first (make bin/bbdiag)" >&2; exit 1; }
data=$dir/bbdiag_${MIX}_$CASES.rec
small=$dir/bbdiag_${MIX}_$((CASES / 10)).rec
for f in "$data:$CASES" "$small:$((CASES / 10))"; do
	p=${f%%:*} n=${f##*:}
	if [ ! -s "$p" ]; then
		echo "generating $p ..." >&2
		python3 "$top/bench/bbdiag-gen.py" "$top/tests/data/bbdiag/corpus.rec" "$n" "$MIX" >"$p.tmp" &&
		    mv "$p.tmp" "$p" || exit 1
	fi
done
bytes=$(stat -c %s "$data")
checks=$(grep -c '^check' "$data")
cat "$data" >/dev/null; cat "$data" >/dev/null	# warm the page cache

results=()
measure() {	# NAME RUNS CMD...: best wall time and its peak RSS
	local name=$1 runs=$2 best="" rss="" i out; shift 2
	for ((i = 0; i < runs; i++)); do
		/usr/bin/time -o "$dir/time" -f '%e %M' "$@" >"$dir/out.$name" 2>/dev/null
		out=$(tail -n 1 "$dir/time")
		local t=${out% *} m=${out#* }
		if [ -z "$best" ] || awk "BEGIN { exit !($t < $best) }"; then best=$t rss=$m; fi
	done
	results+=("$name $best $rss")
}
measure cat "$RUNS" cat "$data"
measure bbdiag "$RUNS" "$bd" --catalogue "$cat" --batch "$data"
measure bbdiag-top3 1 "$bd" --catalogue "$cat" --top 3 --format=tsv "$data"
measure bbdiag-json 1 "$bd" --catalogue "$cat" --batch --format=json "$data"
command -v mawk >/dev/null && measure mawk "$RUNS" mawk -F'\t' -f "$top/bench/bbdiag.awk" "$data"
command -v gawk >/dev/null && measure gawk 1 gawk -F'\t' -f "$top/bench/bbdiag.awk" "$data"
/usr/bin/time -o "$dir/time" -f '%M' "$bd" --catalogue "$cat" --batch "$small" >/dev/null 2>&1
rss_small=$(tail -n 1 "$dir/time")

bt=$(printf '%s\n' "${results[@]}" | awk '$1 == "bbdiag" { print $2 }')
printf '\n%s cases (mix %s), %s check records, %.0f MB, one core, warm cache\n\n' \
    "$CASES" "$MIX" "$checks" "$(echo "$bytes / 1000000" | bc -l)"
printf '%-14s %9s %14s %10s %12s\n' tool "wall s" "checks/s" "x bbdiag" "peak RSS MB"
for r in "${results[@]}"; do
	set -- $r
	awk -v n="$1" -v t="$2" -v m="$3" -v c="$checks" -v q="$bt" 'BEGIN {
		printf "%-14s %9.2f %14.0f %10.2f %12.1f\n", n, t, c / (t > 0 ? t : 0.001), t / q, m / 1024 }'
done
printf '\nbbdiag peak RSS: %.1f MB at %s cases, %.1f MB at %s cases (flat)\n' \
    "$(echo "$rss_small / 1024" | bc -l)" "$((CASES / 10))" \
    "$(printf '%s\n' "${results[@]}" | awk '$1 == "bbdiag" { print $3 / 1024 }')" "$CASES"
# Where the fixed table and the catalogue disagree (no weights, no
# "against" evidence, first match wins).
if [ -s "$dir/out.mawk" ]; then
	paste <(cut -f 2,4 "$dir/out.bbdiag") <(cut -f 2,4 "$dir/out.mawk") |
	    awk -F'\t' '$2 != $4 { d++ } END { printf "awk table disagrees with bbdiag on %d of %d cases (%.1f %%)\n", d, NR, 100 * d / NR }'
fi
