#!/bin/bash
# SPDX-License-Identifier: MIT
# bench/qareport.sh: qareport against what a user would otherwise run on
# the same generated work-order log, side by side in one run: DuckDB
# (SQL in bench/qareport-duckdb.mjs, through node and @duckdb/node-api,
# 2 threads), a plain Python 3 implementation (bench/qareport-ref.py),
# mawk and gawk (bench/qareport.awk), and the floors: `cat`, `wc -l` and
# the table reader alone (bench/table-loop.c), on one and two threads;
# then where qareport's own time went (-v).
# Prints the median wall and CPU time of RUNS interleaved rounds,
# throughput, the ratios to qareport and peak RSS, and checks that every
# tool printed the same KPIs.
#
#	ROWS=10000000 bash bench/qareport.sh	(default 10 M rows, ~1.5 GB)
#	SLOW=0 skips the Python and awk runs.
#	DUCKDB=0 skips DuckDB. Otherwise the first run installs
#	@duckdb/node-api@$DUCKDB_VERSION (pinned) with npm into
#	build/bench/duckdb; without node, npm or the network it says so
#	and goes on with the other tools.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
ROWS=${ROWS:-10000000}
RUNS=${RUNS:-3}
SLOW=${SLOW:-1}
DUCKDB=${DUCKDB:-1}
DUCKDB_VERSION=${DUCKDB_VERSION:-1.5.6-r.1}
dir=$top/build/bench
mkdir -p "$dir"
export TZ=Asia/Shanghai LC_ALL=C
qa=$top/bin/qareport
[ -x "$qa" ] || { echo "bench: build bin/qareport first (make bin/qareport)" >&2; exit 1; }
cc -O2 -o "$dir/qareport-gen" "$top/bench/qareport-gen.c" -lm || exit 1
# The table reader alone, on one thread and on both halves of the file
# at once: the floor under qareport's read.
make -C "$top" -s build/obj/libbbt.a &&
cc -O2 -I"$top/src" -D_GNU_SOURCE -o "$dir/table-loop" \
    "$top/bench/table-loop.c" "$top/build/obj/libbbt.a" -lz || exit 1
data=$dir/orders_$ROWS.tsv
if [ ! -s "$data" ]; then
	echo "generating $data ..." >&2
	"$dir/qareport-gen" --rows "$ROWS" >"$data.tmp" && mv "$data.tmp" "$data" || exit 1
fi
bytes=$(stat -L -c %s "$data")
rm -f "$dir"/out.*

# DuckDB: its engine comes with the npm package (the CLI is not in Debian).
duck=$dir/duckdb/node_modules
if [ "$DUCKDB" = 1 ]; then
	have=$(node -p "require('$duck/@duckdb/node-api/package.json').version" 2>/dev/null)
	if ! command -v node >/dev/null; then
		echo "bench: no node, DuckDB skipped" >&2; DUCKDB=0
	elif [ "$have" = "$DUCKDB_VERSION" ]; then
		:
	elif ! command -v npm >/dev/null; then
		echo "bench: no npm to install @duckdb/node-api, DuckDB skipped" >&2; DUCKDB=0
	else
		echo "installing @duckdb/node-api@$DUCKDB_VERSION into $dir/duckdb ..." >&2
		mkdir -p "$dir/duckdb"
		if ! timeout 600 npm install --prefix "$dir/duckdb" --save-exact \
		    --no-audit --no-fund --loglevel=error \
		    "@duckdb/node-api@$DUCKDB_VERSION" >&2; then
			echo "bench: npm install @duckdb/node-api failed (no network?), DuckDB skipped" >&2
			DUCKDB=0
		fi
	fi
fi
cat "$data" >/dev/null; cat "$data" >/dev/null	# warm the page cache

# The machine is shared: each tool runs once per round, RUNS rounds,
# so that a change of load hits every tool alike; the medians of wall
# and CPU time (user + sys, of the children too: less sensitive to the
# load than wall time), the largest peak RSS.
names=() cmds=()
add() {	# NAME CMD...
	local name=$1; shift
	names+=("$name"); cmds+=("$(printf '%q ' "$@")")
}
declare -A walls cpus rsss
run_one() {	# NAME CMD-STRING
	eval "/usr/bin/time -o \"\$dir/time\" -f '%e %U %S %M' $2" >"$dir/out.$1" 2>/dev/null
	local t u s m
	read -r t u s m < <(tail -n 1 "$dir/time")
	walls[$1]+="$t "
	cpus[$1]+="$(awk -v u="$u" -v s="$s" 'BEGIN { print u + s }') "
	[ -z "${rsss[$1]:-}" ] || [ "$m" -gt "${rsss[$1]}" ] && rsss[$1]=$m
}
median() { tr ' ' '\n' | grep . | sort -g | awk '{ v[NR] = $1 } END { print NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
# (cat's output to /dev/null: to a file it measured the disk's writes.)
add cat sh -c 'exec cat "$1" >/dev/null' sh "$data"
add wc-l wc -l "$data"
add table-reader "$dir/table-loop" "$data"
half=$((bytes / 2))
add table-reader-2 bash -c '"$1" "$2" 0 "$3" & "$1" "$2" "$3" "$4"; wait' \
    sh "$dir/table-loop" "$data" "$half" "$bytes"
add qareport-1thread "$qa" --format=tsv --threads=1 "$data"
add qareport "$qa" --format=tsv --threads=2 "$data"
# DuckDB as first written (ASOF joins, TIMESTAMPTZ) and tuned (window
# functions, wall-clock TIMESTAMP where TZ's offset allows), 2 threads.
[ "$DUCKDB" = 1 ] && add duckdb-untuned env NODE_PATH="$duck" DUCKDB_THREADS=2 \
    QAREPORT_DUCKDB_PLAN=asof QAREPORT_DUCKDB_TIME=tz \
    node "$top/bench/qareport-duckdb.mjs" "$data"
[ "$DUCKDB" = 1 ] && add duckdb env NODE_PATH="$duck" DUCKDB_THREADS=2 \
    node "$top/bench/qareport-duckdb.mjs" "$data"
load0=$(cut -d' ' -f1-3 /proc/loadavg)
for ((r = 0; r < RUNS; r++)); do
	for i in "${!names[@]}"; do
		run_one "${names[$i]}" "${cmds[$i]}"
	done
done
if [ "$SLOW" = 1 ]; then
	run_one python3 "python3 $(printf %q "$top/bench/qareport-ref.py") $(printf %q "$data")"
	names+=(python3)
	for a in mawk gawk; do
		command -v $a >/dev/null || continue
		run_one $a "$a -F'\t' -f $(printf %q "$top/bench/qareport.awk") $(printf %q "$data")"
		names+=($a)
	done
fi
load1=$(cut -d' ' -f1-3 /proc/loadavg)

qt=$(median <<<"${walls[qareport]}") qc=$(median <<<"${cpus[qareport]}")
printf '\n%s rows, %.0f MB, %s CPUs, warm cache, %s rounds (medians); load average %s before, %s after\n\n' \
    "$ROWS" "$(echo "$bytes / 1000000" | bc -l)" "$(nproc)" "$RUNS" "$load0" "$load1"
printf '%-18s %8s %8s %8s %9s %9s %12s\n' tool "wall s" "CPU s" "MB/s" "x qa wall" "x qa CPU" "peak RSS MB"
for n in "${names[@]}"; do
	awk -v n="$n" -v t="$(median <<<"${walls[$n]}")" -v c="$(median <<<"${cpus[$n]}")" \
	    -v m="${rsss[$n]}" -v b="$bytes" -v q="$qt" -v qc="$qc" 'BEGIN {
		printf "%-18s %8.2f %8.2f %8.0f %9.2f %9.2f %12.0f\n", n, t, c,
		    b / 1e6 / (t > 0 ? t : 0.001), t / q, c / qc, m / 1024 }'
done
# Where qareport's time goes: reading the rows, then the window KPIs.
"$qa" -v --format=tsv "$data" 2>&1 >/dev/null | grep ' ms, '
# The same KPIs from every implementation (the TOTAL and every tech).
cut -f1-23 "$dir/out.qareport" >"$dir/out.qareport.cut"
status=0
for n in qareport-1thread duckdb-untuned duckdb python3 mawk gawk; do
	[ -f "$dir/out.$n" ] || continue
	# The first 23 columns: awk stops there (python3 and DuckDB have
	# open too, compared in bench/qareport-crosscheck.sh and below).
	f=$dir/out.$n.cut
	cut -f1-23 "$dir/out.$n" >"$f"
	if cmp -s "$f" "$dir/out.qareport.cut"; then
		echo "$n: same KPIs as qareport ($(grep -c '^qa' "$f") rows)"
	else
		echo "$n: DIFFERENT KPIs from qareport"; status=1
	fi
done
# DuckDB's TOTAL row, KPI by KPI, and its whole output (bad and missed
# included).
if [ "$DUCKDB" = 1 ] && [ -f "$dir/out.duckdb" ]; then
	awk -F'\t' 'FNR == 1 { for (i = 1; i <= NF; i++) name[i] = $i; next }
	    $2 != "TOTAL" { next }
	    FILENAME == ARGV[1] { for (i = 3; i <= 24; i++) q[i] = $i; nq = NF; next }
	    { nd = NF; for (i = 3; i <= 24; i++) if ($i != q[i]) {
		diff = diff sprintf(" %s (qareport %s, duckdb %s)", name[i], q[i], $i); n++ } }
	    END { if (nq == 0 || nd == 0) { print "duckdb TOTAL row: DIFFERENT (missing)"; exit 1 }
		if (n) { print "duckdb TOTAL row: DIFFERENT in" diff; exit 1 }
		print "duckdb TOTAL row: SAME as qareport in all 22 count and KPI columns" }' \
	    "$dir/out.qareport" "$dir/out.duckdb" || status=1
	for n in duckdb-untuned duckdb; do
		[ -f "$dir/out.$n" ] || continue
		if cmp -s "$dir/out.$n" "$dir/out.qareport"; then
			echo "$n: SAME output as qareport, byte for byte ($(grep -c '^qa' "$dir/out.$n") rows, bad and missed included)"
		else
			echo "$n: DIFFERENT output from qareport"; status=1
		fi
	done
fi
rm -f "$dir"/out.*
exit $status
