# SPDX-License-Identifier: MIT
# Record helpers for pppoe-probe tests (source after tests/lib.sh).

# rec NAME: the check records named NAME from $out.
rec() { printf '%s\n' "$out" | awk -F'\t' -v n="$1" '$1 == "check" && $2 == n'; }
# col NAME N: field N (1 = "check") of the first NAME record.
col() { rec "$1" | head -n 1 | cut -f "$2"; }
# det NAME KEY: a detail value of the first NAME record (unquoted).
det() {
	col "$1" 7 | tr ' ' '\n' | sed -n "s/^$2=//p" | head -n 1 | tr -d '"'
}
# detq NAME KEY: a quoted detail value with spaces.
detq() { col "$1" 7 | sed -n "s/.*$2=\"\([^\"]*\)\".*/\1/p"; }
# assert_rec NAME TARGET STATUS VALUE: the fixed columns of a record.
# A mismatch shows the whole run first: a lab session that failed early
# says where.
assert_rec() {
	local got want
	got=$(rec "$1" | head -n 1 | cut -f 2-5)
	want=$(printf '%s\t%s\t%s\t%s' "$1" "$2" "$3" "$4")
	[ "$got" == "$want" ] ||
	    printf -- '--- stdout\n%s\n--- stderr\n%s\n' "$out" "$err" >&2
	assert_eq "$want" "$got" "$1 record"
}
# The fake AC has no IP stack: its sessions carry no first traffic
# (that is tested against bras-vm, 28-bras-traffic.sh and on).
probe() { run_in "$CLI" pppoe-probe -i cli0 --no-traffic "$@"; }
