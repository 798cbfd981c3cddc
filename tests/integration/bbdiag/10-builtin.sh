#!/bin/bash
# The default catalogue is compiled in (issue 20 item 1): bin/bbdiag
# works straight after make, from any directory, with no install and no
# environment variable; a file named by $BBTOOLS_CATALOGUE or
# --catalogue overrides it, and a broken one is still refused with
# file:line and exit 78.
. "$BBT_TOP/tests/lib.sh"
unset BBTOOLS_CATALOGUE
cd "$T" || fail "cd"

run env -u BBTOOLS_CATALOGUE "$BBT_BIN/bbdiag" --top 1 code=678
assert_rc 1 "built-in"
assert_eq "pppoe_no_pado" "$(printf '%s\n' "$out" | cut -f 4)" "built-in catalogue"
assert_eq "" "$err" "built-in: no message"
# The compiled-in catalogue is the source file, fault for fault.
run env -u BBTOOLS_CATALOGUE "$BBT_BIN/bbdiag" --list=faults
assert_eq "$(grep -c '^fault ' "$BBT_TOP/src/bbdiag/faults.catalog")" \
    "$(printf '%s\n' "$out" | wc -l)" "every fault of faults.catalog"
run env BBTOOLS_CATALOGUE= "$BBT_BIN/bbdiag" --list=params
assert_match "^gpon_warn	-24	dBm" "$out" "empty variable: built-in"

# A site copy overrides it, by environment or option.
sed 's/^param gpon_warn.*/param gpon_warn -23 dBm/' \
    "$BBT_TOP/src/bbdiag/faults.catalog" >"$T/site.catalog"
run env BBTOOLS_CATALOGUE="$T/site.catalog" "$BBT_BIN/bbdiag" --list=params
assert_match "^gpon_warn	-23	dBm" "$out" "\$BBTOOLS_CATALOGUE"
run "$BBT_BIN/bbdiag" --catalogue "$T/site.catalog" --list=params
assert_match "^gpon_warn	-23	dBm" "$out" "--catalogue"

# A broken override is refused, never replaced by the built-in one.
printf 'version 1\nfault x\n\tbogus line\n' >"$T/bad.catalog"
run env BBTOOLS_CATALOGUE="$T/bad.catalog" "$BBT_BIN/bbdiag" code=678
assert_rc 78 "broken override"
assert_match "bad\.catalog:3: " "$err" "file:line"
assert_eq "" "$out" "nothing diagnosed"
run env BBTOOLS_CATALOGUE="$T/missing.catalog" "$BBT_BIN/bbdiag" code=678
assert_rc 78 "missing override"
