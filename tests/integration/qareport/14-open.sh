#!/bin/bash
# --open (issue 23 item 3): the repairs and installs not yet restored or
# completed, with their age and the time left to their limit, soonest
# deadline first; exit 1 when one is within --warn-before of its limit
# or past it, 0 when none is; --now before the data is a usage error.
. "$BBT_TOP/tests/lib.sh"
printf '%s\n' 'id	kind	account	zone	tech	accepted	completed	outcome' \
    'R1	repair	a1	town	T1	2024-03-01 08:00	-	open' \
    'R2	repair	a2	rural	T2	2024-03-01 08:00	-	-' \
    'R3	repair	a3	town	T1	2024-03-01 10:00	2024-03-01 12:00	done' \
    'I1	install	a4	town	T3	2024-02-28 09:00	-	rescheduled' \
    'L1	leased	a5	rural	T3	2024-03-01 09:00	-	open' \
    'C1	complaint	a6	town	T1	2024-03-01 08:00	-	open' \
    'X1	install	a7	town	T2	-	-	open' \
    'N1	repair	a8	town	T2	2024-03-01 09:00	-	cancelled' >"$T/o.tsv"
H='# open	id	kind	account	tech	accepted	deadline	age_h	left_h	state'

run qareport --open --now='2024-03-02 06:00' "$T/o.tsv"
assert_rc 1 "I1 is 3 h from its limit"
assert_eq "$H
open	I1	install	a4	T3	2024-02-28T09:00:00+08:00	2024-03-02T09:00:00+08:00	69.0	3.0	warning
open	R1	repair	a1	T1	2024-03-01T08:00:00+08:00	2024-03-03T08:00:00+08:00	22.0	26.0	ok
open	R2	repair	a2	T2	2024-03-01T08:00:00+08:00	2024-03-04T08:00:00+08:00	22.0	50.0	ok
open	L1	install	a5	T3	2024-03-01T09:00:00+08:00	2024-03-06T09:00:00+08:00	21.0	99.0	ok
open	X1	install	a7	T2	-	-	-	-	unknown" "$out" "the list, soonest deadline first"
assert_eq "" "$err" "nothing on stderr"

run qareport --open --now='2024-03-02 06:00' --warn-before=2h "$T/o.tsv"
assert_rc 0 "none within 2 h"
run qareport --open --now='2024-03-02 10:00' "$T/o.tsv"
assert_rc 1 "I1 past its limit"
assert_match $'\tI1\t.*\t-1.0\tbreached$' "$out" "breached"
run qareport --open --now='2024-03-01 09:30' "$T/o.tsv"
assert_rc 64 "--now before the data"
assert_eq "" "$out" "no list"
assert_eq "qareport: --now (2024-03-01T09:30:00+08:00) is before the data: an order was accepted at 2024-03-01T10:00:00+08:00" \
    "$err" "the message"
run qareport --open --merge "$T/o.tsv"
assert_rc 64 "--open with --merge"
# Without --now, the clock: the 2024 orders are long past their limits.
run qareport --open "$T/o.tsv"
assert_rc 1 "now: breached"
assert_eq 4 "$(printf '%s\n' "$out" | grep -c 'breached$')" "four breached"
