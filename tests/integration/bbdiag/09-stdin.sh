#!/bin/bash
# Standard input beside observations (issue 16 item 12): with KEY=VALUE
# operands, records come from standard input only when "-" is given.
# A loop reading its own stdin keeps its input, a run under cron or ssh
# (stdin never closed) does not wait, and a pipe says "-".
. "$BBT_TOP/tests/lib.sh"
export BBTOOLS_CATALOGUE=$BBT_TOP/src/bbdiag/faults.catalog
d=$BBT_DATA/bbdiag/contract

# The loop: every code gets its verdict, none is read as a record.
printf '678\n619\n651\n' >"$T/codes"
got=$(while read -r c; do bbdiag --top=1 code="$c" 2>>"$T/err" | cut -f 4; done <"$T/codes")
assert_eq "pppoe_no_pado
client_dialer_fault
pppoe_no_pado" "$got" "a while-read loop keeps its input"
assert_eq "" "$(cat "$T/err")" "no 'unknown record type' warnings"

# Cron or ssh: stdin open but silent (a FIFO nobody writes or closes).
mkfifo "$T/fifo"
exec 3<>"$T/fifo"
start=$SECONDS
got=$(timeout 10 bbdiag --top=1 code=678 <&3 | cut -f 4)
rc=$?
exec 3>&-
assert_eq 0 "$rc" "no wait on a silent stdin"
assert_eq "pppoe_no_pado" "$got" "cron/ssh"
[ $((SECONDS - start)) -lt 5 ] || fail "bbdiag waited on a silent stdin"
run bbdiag --top=1 code=678 </dev/null
assert_eq "pppoe_no_pado" "$(printf '%s\n' "$out" | cut -f 4)" "</dev/null"

# The pipe: "-" reads the records beside the observations ...
run bbdiag --top=1 - access=ftth light.los=off <"$d/pppoe-no-pado.rec"
assert_rc 1 "pipe with -"
assert_eq "pppoe_no_pado	op_equip" "$(printf '%s\n' "$out" | cut -f 4,5)" "pipe with -"
# ... and without it the observations are the whole case.
run bbdiag --top=1 access=ftth light.los=red <"$d/pppoe-no-pado.rec"
assert_eq "ftth_los" "$(printf '%s\n' "$out" | cut -f 4)" "stdin ignored without -"
assert_nomatch 'pppoe' "$out" "stdin ignored without -"

# No operand at all: standard input as before.
run bbdiag --top=1 <"$d/pppoe-no-pado.rec"
assert_eq "pppoe_no_pado" "$(printf '%s\n' "$out" | cut -f 4)" "no operands"
