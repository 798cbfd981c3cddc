#!/bin/bash
# Bad input: unknown record types and observation keys are ignored with
# one warning each; malformed records are reported as file:line and the
# run goes on (exit 65 at the end); a bad catalogue is refused (exit 78).
. "$BBT_TOP/tests/lib.sh"
cat=$BBT_TOP/src/bbdiag/faults.catalog
export BBTOOLS_CATALOGUE=$cat
tab=$'\t'

# Unknown types and keys: warned once, the verdict is unchanged.
printf '%s\n' "case${tab}a${tab}x${tab}-" "blurb${tab}1" "blurb${tab}2" \
    "obs${tab}moon.phase${tab}full${tab}-" "obs${tab}light.los${tab}red${tab}-" \
    "check${tab}link.weird${tab}eth0${tab}critical${tab}-${tab}-${tab}-" >"$T/a.rec"
run bbdiag --top 1 "$T/a.rec"
assert_rc 1 "unknown types are not data errors"
assert_eq "bbdiag: $T/a.rec:2: unknown record type 'blurb' ignored
bbdiag: $T/a.rec:4: unknown observation key 'moon.phase' ignored (see bbdiag --list=keys)" "$err"
assert_eq "fault	a	1	ftth_los	access_line" "$(printf '%s\n' "$out" | cut -f 1-5)"

run bbdiag -q --top 1 "$T/a.rec"
assert_eq "" "$err" "-q: no warnings"

# A failed check no rule reads makes the case unknown, not healthy.
printf '%s\n' "check${tab}link.weird${tab}eth0${tab}critical${tab}-${tab}-${tab}-" \
    "check${tab}link.carrier${tab}eth0${tab}ok${tab}up${tab}-${tab}-" >"$T/u.rec"
run bbdiag "$T/u.rec"
assert_rc 1 "unexplained failure"
assert_eq "fault	-	1	unknown	-	0.00	-	unexplained=link.weird	-" "$out"

# Malformed records: file:line, the other cases are still diagnosed.
{
	printf 'case\tc1\tx\t-\n'
	printf 'check\tlink.carrier\teth0\tcritical\tdown\n'		# 2: too few fields
	printf 'check\tlink.carrier\teth0\tbroken\tdown\t-\t-\n'	# 3: bad status
	printf 'check\tlink.carrier\teth0\tcritical\tdo\\qwn\t-\t-\n'	# 4: bad escape
	printf 'obs\tlight.los\tpurple\t-\n'				# 5: bad value
	printf 'obs\trx_power\t-9x\t-\n'				# 6: not a number
	printf 'check\tlink.carrier\teth0\tcritical\t\xff\t-\t-\n'	# 7: not UTF-8
	printf 'check\tlink.carrier\t\tcritical\tdown\t-\t-\n'		# 8: empty field
	printf 'case\tc2\tx\t-\n'
	printf 'check\tlink.carrier\teth0\tcritical\tdown\t-\toperstate=down\n'
} >"$T/bad.rec"
run bbdiag --batch "$T/bad.rec"
assert_rc 65 "bad data"
assert_eq "bbdiag: $T/bad.rec:2: too few fields for its type
bbdiag: $T/bad.rec:3: invalid status 'broken' (use ok, warning, critical, unknown, skipped or info)
bbdiag: $T/bad.rec:4: unknown escape sequence
bbdiag: $T/bad.rec:5: invalid value 'purple' for 'light.los': valid are off, red, blink
bbdiag: $T/bad.rec:6: invalid value '-9x' for 'rx_power': valid are a number from -60 to 10
bbdiag: $T/bad.rec:7: invalid UTF-8
bbdiag: $T/bad.rec:8: empty field (use - for a missing value)" "$err"
assert_eq "c2	eth_no_link" "$(printf '%s\n' "$out" | grep -v '^fault	c1' | cut -f 2,4)"

# The same on stdin: the name is "(stdin)".
run bbdiag --batch - <"$T/bad.rec"
assert_rc 65 "bad data on stdin"
assert_match '^bbdiag: \(stdin\):2: too few fields for its type' "$err"

# Garbage never crashes.
head -c 20000 /dev/urandom >"$T/random.bin"
run bbdiag --batch "$T/random.bin"
[ "$rc" -eq 65 ] || [ "$rc" -eq 1 ] || fail "random input: exit $rc"

# A malformed catalogue: every error as file:line, refused, nothing done.
cat >"$T/bad.catalog" <<'CAT'
version 1
param gpon_warn -24 dBm
param gpon_warn -25 dBm
obs access enum adsl lan ftth
obs light.los enum off red blink
layer line en Line
layer line zh 线路
fault ftth_los
	access ftth dsl
	layer optical
	side access_line
	name en LOS
	name zh 光信号丢失
	cause en Fibre break.
	cause zh 断纤。
	step red_pen en Trace the fibre.
	for 6 light.los == purple
	for x light.los == red
	for 3 rx_power < $gpon_warn
	for 2 light.los == red and
	colour blue
fault ftth_los
CAT
run bbdiag --catalogue "$T/bad.catalog" light.los=red
assert_rc 78 "bad catalogue"
assert_eq "" "$out"
assert_eq "bbdiag: $T/bad.catalog:3: parameter 'gpon_warn' defined twice
bbdiag: $T/bad.catalog:9: invalid value 'dsl' for 'access': valid are adsl, lan, ftth
bbdiag: $T/bad.catalog:10: 'layer' names one declared layer
bbdiag: $T/bad.catalog:17: bad rule: invalid value 'purple' for 'light.los': valid are off, red, blink
bbdiag: $T/bad.catalog:18: 'for' takes a weight (0.01 to 100) and a rule
bbdiag: $T/bad.catalog:19: bad rule: unknown observation key 'rx_power' (declare it with 'obs' first)
bbdiag: $T/bad.catalog:20: bad rule: expected a value or a reference at ''
bbdiag: $T/bad.catalog:21: unknown directive 'colour' in a fault block
bbdiag: $T/bad.catalog:22: fault 'ftth_los' defined twice (first at line 8)
bbdiag: $T/bad.catalog:8: fault 'ftth_los' has no layer
bbdiag: $T/bad.catalog:8: fault 'ftth_los': step 'red_pen' needs both en and zh
bbdiag: $T/bad.catalog:8: fault 'ftth_los' has no 'for' rule
bbdiag: $T/bad.catalog: the fault catalogue is not usable; nothing was diagnosed" "$err"

run bbdiag --catalogue "$T/none.catalog" light.los=red
assert_rc 78 "missing catalogue"
assert_eq "bbdiag: $T/none.catalog: No such file or directory
bbdiag: $T/none.catalog: the fault catalogue is not usable; nothing was diagnosed" "$err"

printf 'version 2\n' >"$T/v2.catalog"
run bbdiag --catalogue "$T/v2.catalog"
assert_rc 78 "version 2"
assert_match "v2.catalog:1: unsupported catalogue version '2'" "$err"
assert_match "v2.catalog: the catalogue defines no fault" "$err"
