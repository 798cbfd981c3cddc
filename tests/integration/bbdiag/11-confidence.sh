#!/bin/bash
# Confidence agrees with rank (issue 20 item 3): in every format, no
# candidate shows a higher confidence than the one above it. A higher
# layer's fault that would outscore the lower one it follows from keeps
# its place (the field rule), is capped, and says "consequence of 1".
. "$BBT_TOP/tests/lib.sh"
corpus=$BBT_DATA/bbdiag/corpus.rec

run bbdiag --top 5 --format=tsv "$corpus"
printf '%s\n' "$out" | awk -F'\t' '$2 == prev && $6 + 0 > pc + 0 { print $2 " rank " $3 ": " $6 " above " pc; bad = 1 }
    { prev = $2; pc = $6 } END { exit bad }' >&2 || fail "tsv: a lower rank shows more confidence"
run bbdiag --top 5 --format=json "$corpus"
printf '%s\n' "$out" | awk '{ c = $0; sub(/.*"case":"/, "", c); sub(/".*/, "", c)
    f = $0; sub(/.*"confidence":/, "", f); sub(/,.*/, "", f)
    if (c == prev && f + 0 > pf + 0) { print c ": " f " above " pf; bad = 1 } prev = c; pf = f } END { exit bad }' >&2 ||
    fail "json: a lower rank shows more confidence"

# No sync, then no PADO: PADO's own score is higher, its rank and
# confidence are not, and it is called a consequence of 1.
awk '/^case\tadsl_no_sync-2\t/ { p = 1; print; next } /^case/ { p = 0 } p' "$corpus" >"$T/nosync.rec"
run bbdiag --top 2 "$T/nosync.rec"
assert_eq "1 adsl_no_sync 0.71
2 pppoe_no_pado 0.71" "$(printf '%s\n' "$out" | cut -f 3,4,6 | tr '\t' ' ')"
assert_match '	consequence_of=1,pppoe\.discovery=critical' "$(printf '%s\n' "$out" | sed -n 2p)"
run bbdiag --top 2 --format=json "$T/nosync.rec"
assert_match '"rank":2,.*"confidence":0\.71,.*"consequence_of":1,' "$out"
run bbdiag --top 2 --format=text "$T/nosync.rec"
assert_match 'Likely a consequence of 1\.' "$out"
LANGUAGE=zh_CN run bbdiag --top 2 --format=text "$T/nosync.rec"
assert_match '很可能是第 1 项的后果' "$out"
# Without the cap its score alone would have shown more (so the test can fail).
run bbdiag -v --top 2 "$T/nosync.rec"
assert_match 'pppoe_no_pado score 1[0-9]\.00' "$err"

# The mark is the catalogue's causal relation ("after"), not the rank:
# without pppoe_no_pado's "after ... adsl_no_sync", capped but no mark.
cat=${BBTOOLS_CATALOGUE:-$BBT_TOP/src/bbdiag/faults.catalog}
sed 's/^\tafter cpe_no_power cpe_faulty adsl_no_sync /\tafter cpe_no_power cpe_faulty /' "$cat" >"$T/nocause.catalog"
cmp -s "$cat" "$T/nocause.catalog" && fail "sed did not apply"
run bbdiag --catalogue "$T/nocause.catalog" --top 2 "$T/nosync.rec"
assert_eq "1 adsl_no_sync 0.71
2 pppoe_no_pado 0.71" "$(printf '%s\n' "$out" | cut -f 3,4,6 | tr '\t' ' ')" "capped without the relation"
assert_nomatch 'consequence_of' "$out" "no relation, no mark"

# A 10/100 link is no consequence of a wrong password (corpus case
# eth_speed_vs_auth): ranked after it and capped at its confidence, with
# no causal wording in any format.
awk '/^case\teth_speed_vs_auth\t/ { p = 1; print; next } /^case/ { p = 0 } p' "$corpus" >"$T/esa.rec"
run bbdiag --top 2 "$T/esa.rec"
assert_eq "1 auth_bad_password 0.33
2 eth_speed_degraded 0.33" "$(printf '%s\n' "$out" | cut -f 3,4,6 | tr '\t' ' ')" "eth_speed_vs_auth: capped"
assert_eq "link.speed=warning" "$(printf '%s\n' "$out" | sed -n 2p | cut -f 8)" "eth_speed_vs_auth: no consequence_of"
run bbdiag --top 2 --format=json "$T/esa.rec"
assert_nomatch 'consequence_of' "$out" "eth_speed_vs_auth json"
run bbdiag --top 2 --format=text "$T/esa.rec"
assert_nomatch 'consequence' "$out" "eth_speed_vs_auth text"
LANGUAGE=zh_CN run bbdiag --top 2 --format=text "$T/esa.rec"
assert_nomatch '后果' "$out" "eth_speed_vs_auth zh text"
# Its own score would have shown more: the cap is what holds it.
run bbdiag -v --top 2 "$T/esa.rec"
assert_match 'eth_speed_degraded score [4-9]\.00' "$err"
