#!/bin/bash
# Case grouping: a case record starts a case, consecutive case records
# with the same id continue it, records before any case record are case
# "-" (or --case ID); observation operands apply to every case; the exit
# status is 0 only when every case is healthy.
. "$BBT_TOP/tests/lib.sh"
export BBTOOLS_CATALOGUE=$BBT_TOP/src/bbdiag/faults.catalog
tab=$'\t'
down="check${tab}link.carrier${tab}eth0${tab}critical${tab}down${tab}-${tab}operstate=down"
up="check${tab}link.carrier${tab}eth0${tab}ok${tab}up${tab}-${tab}operstate=up"
nopado="check${tab}pppoe.discovery${tab}eth0${tab}critical${tab}0${tab}-${tab}padi_sent=3 timeout_ms=5000 vlan=- other_pppoe=no filtered=0"

printf '%s\n' "$up" "case${tab}A${tab}linecheck${tab}-" "$down" \
    "case${tab}A${tab}pppoe-probe${tab}-" "$nopado" \
    "case${tab}B${tab}pppoe-probe${tab}-" "$up" "$nopado" \
    "case${tab}C${tab}linecheck${tab}-" "case${tab}D${tab}linecheck${tab}-" "$up" >"$T/in.rec"
run bbdiag --batch "$T/in.rec"
assert_rc 1 "faults"
assert_eq "-	none
A	eth_no_link
B	pppoe_no_pado
D	none" "$(printf '%s\n' "$out" | cut -f 2,4)" "cases (C is empty and skipped)"

run bbdiag --batch --case visit-9 - <<<"$up"
assert_eq "visit-9	none" "$(printf '%s\n' "$out" | cut -f 2,4)"
assert_rc 0 "healthy only"

# Operands are observations for every case.
run bbdiag --batch access=ftth light.los=red "$T/in.rec"
assert_eq "-	ftth_los
A	ftth_los
B	ftth_los
D	ftth_los" "$(printf '%s\n' "$out" | cut -f 2,4)"

# fault and order records (bbdiag's own output, work orders) are not evidence.
run bbdiag --batch "$T/in.rec"
printf '%s\n' "$out" >"$T/out.rec"
run bbdiag --batch "$T/out.rec"
assert_eq "fault	-	1	unknown	-	0.00	-	-	-" "$out"
assert_eq "" "$err"

# Three ranked candidates by default, the first with the missing evidence:
# a bare 691 is a refusal whose reason is still unknown (the AAA next).
run bbdiag code=691
assert_eq "1 auth_refused_unknown
2 auth_bad_password
3 auth_no_such_user" "$(printf '%s\n' "$out" | cut -f 3,4 | tr '\t' ' ')"
assert_match '\?aaa' "$(printf '%s\n' "$out" | head -n 1 | cut -f 8)"

# gzip input is read as such.
need_cmd gzip
gzip -c "$T/in.rec" >"$T/in.rec.gz"
run bbdiag --batch "$T/in.rec.gz"
assert_eq 4 "$(printf '%s\n' "$out" | wc -l)"

# -v: every candidate's score on stderr.
run bbdiag -v --top 1 code=691 aaa=arrears
assert_match '^bbdiag: case -: auth_arrears score 8\.00 \(established\)$' "$err"
