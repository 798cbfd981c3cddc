#!/bin/bash
# --by=fault and --by=side (issue 23 item 2), and the Pareto section of
# text and html. faults.tsv, by hand: 7 repairs and an install, all in
# towns (limit 48 h):
#   ftth_los/access_line: r3 (50 h: breached), r4 (a3 again 5 d after
#     r3: a repeat), r5 (60 h: breached)
#   auth_arrears/cust_account: r1 (1 visit: avoidable), r2 (0 visits)
#   auth_bad_password/cust_account: r6 (visits unknown, arrived:
#     avoidable)
#   slow_speed/cust_equip: r7, open (not closed, not avoidable)
#   i1: install, no fault; 7 closed orders in all.
. "$BBT_TOP/tests/lib.sh"
D=$BBT_DATA/qareport
unset COLUMNS
pareto_fault="Pareto by fault: most repairs first
fault              repairs  share %  cumulative %  repeats  breached limits  avoidable visits
ftth_los                 3     42.9          42.9        1                2                 0
auth_arrears             2     28.6          71.4        0                0                 1
auth_bad_password        1     14.3          85.7        0                0                 1
slow_speed               1     14.3         100.0        0                0                 0
Avoidable visits (customer-account faults closed with a visit): 2 of 7 closed orders (28.6 %)"
# Three repairs each: the side with more avoidable visits first.
pareto_side="Pareto by side: most repairs first
side          repairs  share %  cumulative %  repeats  breached limits  avoidable visits
cust_account        3     42.9          42.9        0                0                 2
access_line         3     42.9          85.7        1                2                 0
cust_equip          1     14.3         100.0        0                0                 0
Avoidable visits (customer-account faults closed with a visit): 2 of 7 closed orders (28.6 %)"
# The section: from its title to the end of the output.
section() { printf '%s\n' "$out" | sed -n "/^Pareto by $1:/,/^Avoidable/p"; }

run qareport --by=fault --format=text --color=never "$D/faults.tsv"
assert_rc 1 "targets missed"
assert_eq "$pareto_fault" "$(section fault)" "text, by fault"
assert_eq "" "$(printf '%s\n' "$out" | sed -n '/^Pareto by side/p')" "no side section"
# The groups are the faults: repairs, repeat_pct, repair_timely_pct.
run qareport --by=fault "$D/faults.tsv"
assert_eq "- 1 0 - -
auth_arrears 2 2 100.0000 0.0000
auth_bad_password 1 1 100.0000 0.0000
ftth_los 3 3 33.3333 33.3333
slow_speed 1 1 - 0.0000
TOTAL 8 7 66.6667 14.2857" \
    "$(printf '%s\n' "$out" | awk -F'\t' 'NR > 1 { print $2, $3, $4, $6, $18 }')" "tsv by fault"
assert_nomatch '^Pareto' "$out" "no section in tsv"

# Rolled up across the other dims: tech,side ranks the sides of all.
run qareport --by=tech,side --format=text --color=never "$D/faults.tsv"
assert_eq "$pareto_side" "$(section side)" "text, by tech,side"
run qareport --by=side,fault --format=text --color=never "$D/faults.tsv"
assert_eq "$pareto_side" "$(section side)" "both: side"
assert_eq "$pareto_fault" "$(section fault)" "both: fault"

# Shards merged: the same section.
for k in 1 2 3; do
	qareport --partial --by=fault --shard=$k/3 "$D/faults.tsv" >"$T/p$k" || fail "partial $k"
done
run qareport --merge --format=text --color=never "$T/p1" "$T/p2" "$T/p3"
assert_eq "$pareto_fault" "$(section fault)" "merged"

run env LANGUAGE=zh_CN qareport --by=side --format=text --color=never "$D/faults.tsv"
assert_match '^按责任方的帕累托分析' "$out" "Chinese title"
assert_match '^可避免的上门.*2 / 7 张已结工单\(28\.6 %\)$' "$out" "Chinese avoidable line"

run qareport --by=fault --format=html "$D/faults.tsv"
assert_match '^<section class="pareto" id="pareto-fault"><h2>Pareto by fault: most repairs first</h2>$' "$out" "html section"
assert_match '^<tr><td>ftth_los</td><td class="n">3</td><td class="n">42.9</td><td class="n">42.9</td><td class="n">1</td><td class="n">2</td><td class="n">0</td></tr>$' \
    "$out" "html first row"
assert_match '2 of 7 closed orders \(28.6 %\)</p></section>$' "$out" "html avoidable"

run qareport --by=nosuch "$D/faults.tsv"
assert_rc 64 "unknown dimension"
assert_match "use tech, team, area, zone, kind, month, fault, side or none" "$err" "the dims named"
