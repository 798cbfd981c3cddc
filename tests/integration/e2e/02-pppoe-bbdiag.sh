#!/bin/bash
# End to end: pppoe-probe against a segment with no access concentrator
# and against a real BRAS (pppd in the bras-vm guest), piped into bbdiag.
. "$BBT_TOP/tests/lib.sh"
[ -x "$BBT_BIN/bbdiag" ] || skip "bbdiag is not built"
. "$BBT_TOP/tests/lab/pppoe-probe/lab.sh"
lab_init

first() { awk -F'\t' '$1 == "fault" { print $4, $5; exit }'; }

# Nobody answers PADI: 678/651 territory.
ip netns exec "$CLI" pppoe-probe -i cli0 -a 1 -w 200ms >"$T/nopado" 2>/dev/null
got=$(bbdiag --format=tsv --top=1 <"$T/nopado" | first)
# Without lights observed, the line comes first (the catalogue's default).
assert_eq "pppoe_no_pado access_line" "$got" "no AC"
# The technician sees the fibre is fine (LOS off): the CPE's side next.
got=$(bbdiag --format=tsv --top=1 - access=ftth light.los=off <"$T/nopado" | first)
assert_eq "pppoe_no_pado op_equip" "$got" "no AC, light present"

. "$BBT_TOP/tests/lab/pppoe-probe/vm.sh"
vm_init
vm_start "$T/bras" --auth pap
probe() {	# USER PASSWORD
	printf '%s\n' "$2" >"$T/pw"
	ip netns exec "$CLI" pppoe-probe -i tap0 --user "$1" \
	    --password-file "$T/pw" 2>/dev/null | bbdiag --format=tsv --top=1 | first
}
assert_eq "none -" "$(probe alice alice-pass)" "good account"
assert_eq "auth_bad_password cust_account" "$(probe alice wrong)" "wrong password"
assert_eq "auth_arrears cust_account" "$(probe debtor debtor-pass)" "arrears"
assert_eq "bras_pool_exhausted op_network" "$(probe nopool nopool-pass)" "no address"
vm_session_free "$T/bras"
