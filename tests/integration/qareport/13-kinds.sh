#!/bin/bash
# Every real order counts (issue 23): a leased-line installation is an
# install, complaint visits and inspections count in orders, punctuality,
# no-answer and callbacks; open orders (said so, or neither an outcome
# nor a completion) in the open column and in no closed-order KPI;
# --kind-map moves a kind; a kind or outcome word not known is counted
# and told once, with its count and first file:line, whatever the
# threads.
. "$BBT_TOP/tests/lib.sh"
D=$BBT_DATA/qareport
F=$D/kinds.tsv
col() {	# NAME [GROUP]: that column of that row (default TOTAL)
	printf '%s\n' "$out" | awk -F'\t' -v c="$1" -v g="${2:-TOTAL}" '
	    NR == 1 { for (i = 1; i <= NF; i++) if ($i == c) k = i }
	    $2 == g { print $k }'
}

run qareport --format=tsv --by=none "$F"
assert_rc 65 "a bad row and an unknown outcome"
for kv in orders=8 repairs=3 installs=3 install_timely_pct=50.0000 \
    install_mean_h=50.0000 ontime_pct=66.6667 early_pct=33.3333 \
    kept_pct=100.0000 newfault_pct=0.0000 noanswer_ok_pct=100.0000 \
    callback_pct=66.6667 satisfied_pct=50.0000 open=5 bad=1 \
    repair_timely_pct=-; do
	assert_eq "${kv#*=}" "$(col "${kv%%=*}")" "${kv%%=*}"
done
assert_eq "qareport: $F:13: completed before accepted
qareport: $F:15: unknown outcome 'closedish' (rows with it: 2; counted as orders without an outcome)" \
    "$err" "the bad row named, the unknown outcome told once"

# --kind-map: leased-line installations counted as orders only.
run qareport --format=tsv --by=none --kind-map=leased=other,专线安装=other "$F"
assert_eq 1 "$(col installs)" "--kind-map: installs"
assert_eq - "$(col install_timely_pct)" "--kind-map: no install done"
assert_eq 8 "$(col orders)" "--kind-map: still orders"
run qareport --format=tsv --by=none --kind-map=leased=lease "$F"
assert_rc 64 "--kind-map with a kind that is not one"
assert_match "invalid kind map 'leased=lease'" "$err"

# --by=kind: each kind its group.
run qareport --format=tsv --by=kind "$F"
assert_eq 3 "$(col orders install)" "kind install"
assert_eq 1 "$(col orders complaint)" "kind complaint"
assert_eq 1 "$(col orders inspection)" "kind inspection"

# 20 000 rows of a kind nobody knows (1.5 MB: read as ranges by three
# threads): counted, one message with the count and the first line.
{ cat "$F"; awk 'BEGIN { for (i = 1; i <= 20000; i++)
	printf "X%d\tXepair\tx%d\ttown\tT2\t2024-03-01 08:00\t-\t-\t-\t" \
	    "2024-03-01 09:00\t-\t-\t-\t-\t-\n", i, i }'; } >"$T/x.tsv"
run qareport --format=tsv --by=tech --threads=1 "$T/x.tsv"
assert_rc 65 "unknown kinds"
assert_eq 20000 "$(col orders T2)" "the unknown kind's orders"
assert_eq 20008 "$(col orders)" "all orders"
assert_eq "qareport: $T/x.tsv:13: completed before accepted
qareport: $T/x.tsv:15: unknown outcome 'closedish' (rows with it: 2; counted as orders without an outcome)
qareport: $T/x.tsv:17: unknown kind 'Xepair' (rows with it: 20000; counted as orders of no kind of their own, see --kind-map)" \
    "$err" "one message for 20 000 rows"
ref_out=$out ref_err=$err
run qareport --format=tsv --by=tech --threads=3 "$T/x.tsv"
assert_eq "$ref_out" "$out" "-j3: the report"
assert_eq "$ref_err" "$err" "-j3: the messages"
run qareport --format=tsv --by=tech --kind-map=Xepair=repair "$T/x.tsv"
assert_eq 20003 "$(col repairs)" "--kind-map names the word"
assert_nomatch "unknown kind" "$err" "--kind-map: no message"
