#!/bin/bash
# End to end: a fault injected in linecheck's namespace lab, linecheck
# run there, its records piped into bbdiag, the manual's fault asserted.
# Sides follow the catalogue's evidence conditions: a silent resolver is
# first the customer's settings, a SERVFAIL the operator's resolver.
. "$BBT_TOP/tests/lib.sh"
. "$BBT_TOP/tests/lab/linecheck/lab.sh"
lab_need
[ -x "$BBT_BIN/bbdiag" ] || skip "bbdiag is not built"

# One lab per fault, each in its own shell so that its namespaces and
# servers are gone before the next one starts.
diag() {	# FAULT (or healthy) -> "id side" of bbdiag's first candidate
	bash -c '
		. "$BBT_TOP/tests/lib.sh"
		. "$BBT_TOP/tests/lab/linecheck/lab.sh"
		lab_up
		[ "$1" = healthy ] || lab_fault "$1"
		"${LC[@]}" >"$T/lc" 2>/dev/null
		bbdiag --format=tsv --top=1 <"$T/lc" | awk -F"\t" "\$1 == \"fault\" { print \$4, \$5 }"
	' diag "$1"
}

while read -r fault want; do
	got=$(diag "$fault")
	assert_eq "$want" "$got" "bbdiag after linecheck with fault $fault"
done <<'CASES'
healthy none -
link-down eth_no_link cust_equip
rogue-dhcp rogue_dhcp cust_equip
dup-ip ip_conflict cust_equip
gw-dead gateway_unreachable cust_equip
dns-down dns_failure cust_equip
dns-servfail dns_failure op_network
http-refused http_fails_dns_ok cust_equip
mtu-blackhole mtu_black_hole cust_equip
CASES
