#!/bin/bash
# The case corpus: every case's expected fault id and side (the #expect
# line after its case record) against bbdiag --batch; at least three
# cases per catalogue fault, plus healthy and contradictory cases.
. "$BBT_TOP/tests/lib.sh"
cat=$BBT_TOP/src/bbdiag/faults.catalog
corpus=$BBT_DATA/bbdiag/corpus.rec

run bbdiag --catalogue "$cat" --batch "$corpus"
assert_rc 1 "faults found"
assert_eq "" "$err" "no warnings"

awk -F'\t' '$1 == "case" { id = $2 } $1 == "#expect" { print id "\t" $2 "\t" $3 }' \
    "$corpus" >"$T/expect"
printf '%s\n' "$out" | awk -F'\t' '{ print $2 "\t" $4 "\t" $5 }' >"$T/got"
n=$(wc -l <"$T/expect")
[ "$n" -ge 120 ] || fail "corpus has only $n cases"
assert_eq "$n" "$(wc -l <"$T/got")" "one fault record per case"
diff -u "$T/expect" "$T/got" >&2 || fail "verdicts differ from the corpus"

# Three cases or more for every fault of the catalogue.
bbdiag --catalogue "$cat" --list=faults | cut -f 1 >"$T/faults"
assert_eq 42 "$(wc -l <"$T/faults")" "42 faults in the catalogue"
while read -r f; do
	k=$(cut -f 2 "$T/expect" | grep -cx -- "$f")
	[ "$k" -ge 3 ] || fail "fault $f has $k corpus cases, want 3 or more"
done <"$T/faults"
for id in none; do
	k=$(cut -f 2 "$T/expect" | grep -cx -- "$id")
	[ "$k" -ge 3 ] || fail "only $k healthy cases"
done
k=$(grep -c '^case	conflict-' "$corpus")
[ "$k" -ge 3 ] || fail "only $k contradictory cases"

# Contradictions are reported, not silently resolved.
conf() { printf '%s\n' "$out" | awk -F'\t' -v c="$1" '$2 == c { print $8 }'; }
assert_match 'conflict=los_but_online' "$(conf conflict-los-online)"
assert_match 'conflict=power_off_but_link' "$(conf conflict-power-link)"
assert_match '!link.carrier=ok' "$(conf conflict-power-link)"
assert_match 'conflict=auth_ok_but_691' "$(conf conflict-691-auth-ok)"
assert_match 'conflict=light.los' "$(conf conflict-obs-twice)"
assert_match 'conflict=wired_ok_but_no_pado' "$(conf conflict-wired-nopado)"
# ... and lower the confidence.
assert_eq "0.38" "$(printf '%s\n' "$out" | awk -F'\t' '$2 == "conflict-los-online" { print $6 }')"
assert_eq "0.75" "$(bbdiag --catalogue "$cat" --top 1 light.los=red | cut -f 6)"
