#!/bin/bash
# Usage errors exit 64 (EX_USAGE) with a message naming the problem;
# observation operands are checked against the catalogue's vocabulary.
. "$BBT_TOP/tests/lib.sh"
export BBTOOLS_CATALOGUE=$BBT_TOP/src/bbdiag/faults.catalog

run bbdiag --bogus
assert_rc 64 "unknown option"
assert_match "unrecognized option '--bogus'" "$err"

run bbdiag --top 0 code=691
assert_rc 64 "--top 0"
assert_match "invalid value '0' for --top" "$err"

run bbdiag --list=everything
assert_rc 64 "--list bad word"
assert_eq "bbdiag: invalid value 'everything' for --list: use faults, keys, values or params" \
    "$(printf '%s\n' "$err" | head -n 1)"

run bbdiag --format=xml code=691
assert_rc 64 "--format xml"
assert_match "use one of tsv, text, json" "$err"

# Unknown observation values are rejected with the list of valid ones.
run bbdiag light.los=purple
assert_rc 64 "invalid observation value"
assert_eq "bbdiag: invalid value 'purple' for 'light.los': valid are off, red, blink" "$err"
assert_eq "" "$out" "nothing on stdout after a usage error"

run bbdiag code=692
assert_rc 64 "invalid code"
assert_eq "bbdiag: invalid value '692' for 'code': valid are 619, 633, 651, 678, 691, 711, 718, 720, 734, 769, 797, 814, 815" "$err"

run bbdiag rx_power=strong
assert_rc 64 "non-numeric rx_power"
assert_eq "bbdiag: invalid value 'strong' for 'rx_power': valid are a number from -60 to 10" "$err"

run bbdiag colour.of.sky=blue
assert_rc 64 "unknown observation key"
assert_eq "bbdiag: unknown observation key 'colour.of.sky' (see bbdiag --list=keys)" "$err"

run bbdiag --ask - </dev/null
assert_rc 64 "--ask with records on stdin"
assert_match "ask reads the answers from standard input" "$err"

run bbdiag --ask --batch </dev/null
assert_rc 64 "--ask --batch"

# An alias (the AAA's Chinese message) is a valid spelling of a value.
run bbdiag --top 1 code=691 aaa=状态错
assert_rc 1 "alias accepted"
assert_eq "auth_arrears" "$(printf '%s\n' "$out" | cut -f 4)"

# A file operand that does not exist: exit 66, the message names it.
run bbdiag --top 1 code=691 "$T/nonexistent.rec"
assert_rc 66 "missing input"
assert_match "nonexistent.rec: No such file or directory" "$err"

for o in --help --usage --version; do
	run bbdiag $o
	assert_rc 0 "$o"
done
