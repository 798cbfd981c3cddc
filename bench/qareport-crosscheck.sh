#!/bin/bash
# SPDX-License-Identifier: MIT
# Cross-check on a generated 1 M-row log: every KPI of every technician
# and of TOTAL from qareport equals the independent Python implementation
# (bench/qareport-ref.py) and the awk one (bench/qareport.awk).
#	ROWS=1000000 bash bench/qareport-crosscheck.sh
# DUCKDB=1 also checks the DuckDB SQL one (bench/qareport-duckdb.mjs),
# whole lines (bad and missed too), with the @duckdb/node-api that
# bench/qareport.sh installs into build/bench/duckdb.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
ROWS=${ROWS:-1000000}
DUCKDB=${DUCKDB:-0}
dir=$top/build/bench
mkdir -p "$dir"
export TZ=Asia/Shanghai LC_ALL=C
cc -O2 -o "$dir/qareport-gen" "$top/bench/qareport-gen.c" -lm || exit 1
data=$dir/orders_$ROWS.tsv
[ -s "$data" ] || "$dir/qareport-gen" --rows "$ROWS" >"$data" || exit 1
"$top/bin/qareport" --format=tsv "$data" >"$dir/x.qareport-all"
# Python has open and the acceptance columns too; the awk one stops
# before them.
cut -f1-26 "$dir/x.qareport-all" >"$dir/x.qareport.python3"
cut -f1-23 "$dir/x.qareport-all" >"$dir/x.qareport.mawk"
python3 "$top/bench/qareport-ref.py" "$data" >"$dir/x.python3" || exit 1
mawk -F'\t' -f "$top/bench/qareport.awk" "$data" >"$dir/x.mawk" || exit 1
status=0
for n in python3 mawk; do
	if cmp -s "$dir/x.$n" "$dir/x.qareport.$n"; then
		echo "$n: all $(grep -c '^qa' "$dir/x.$n") rows, every KPI equal"
	else
		diff "$dir/x.$n" "$dir/x.qareport.$n" | head; status=1
	fi
done
if [ "$DUCKDB" = 1 ]; then
	[ -d "$dir/duckdb/node_modules/@duckdb/node-api" ] ||
	    { echo "no $dir/duckdb: run bench/qareport.sh once (npm)" >&2; exit 1; }
	NODE_PATH=$dir/duckdb/node_modules node "$top/bench/qareport-duckdb.mjs" \
	    "$data" >"$dir/x.duckdb" || exit 1
	if cmp -s "$dir/x.duckdb" "$dir/x.qareport-all"; then
		echo "duckdb: all $(grep -c '^qa' "$dir/x.duckdb") rows, every column equal"
	else
		diff "$dir/x.duckdb" "$dir/x.qareport-all" | head; status=1
	fi
fi
grep -P '^qa\tTOTAL' "$dir/x.qareport-all"
exit $status
