#!/bin/bash
# qareport demo: a generated month of work orders, the report as text,
# the same report from three shards merged, and an HTML page.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
out=$top/build/demo
mkdir -p "$out"
export TZ=${TZ:-Asia/Shanghai}
cc -O2 -o "$out/qareport-gen" "$top/bench/qareport-gen.c" -lm || exit 1
"$out/qareport-gen" --rows 20000 --accounts 2000 --seed 5 >"$out/orders.tsv"
echo "# 20 000 generated work orders; KPIs by team, targets flagged with *:"
qareport --by=team --format=text --color=always "$out/orders.tsv" | cut -c1-150
echo
echo "# The same by zone and kind, from three shards merged:"
for k in 1 2 3; do
	qareport --partial --by=zone,kind --shard=$k/3 "$out/orders.tsv" >"$out/part$k"
done
qareport --merge --format=text "$out"/part[123] | cut -c1-150
cmp -s <(qareport --merge --format=tsv "$out"/part[123]) \
    <(qareport --by=zone,kind --format=tsv "$out/orders.tsv") &&
    echo "# ... byte for byte the single-pass report."
qareport --by=area --format=html "$out/orders.tsv" >"$out/qareport.html"
echo "# HTML report with charts: $out/qareport.html"
exit 0
