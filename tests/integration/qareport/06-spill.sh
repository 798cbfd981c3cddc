#!/bin/bash
# Events past --memory go through a temporary file and come back: the
# report is byte for byte the in-memory one, on any number of threads,
# in every format and for partials. A temporary directory that cannot
# be used ends the run with a message naming it and exit 74.
. "$BBT_TOP/tests/lib.sh"
need_cmd cc
cc -O1 -o "$T/gen" "$BBT_TOP/bench/qareport-gen.c" -lm || fail "building the generator"
# 30 000 rows (about 4 MB: several threads split it), some bad; and few
# accounts with hundreds of repairs each.
"$T/gen" --rows 30000 --accounts 1500 --dirty --seed 11 >"$T/o.tsv"
"$T/gen" --rows 8000 --accounts 30 --seed 5 >"$T/few.tsv"
mkdir "$T/tmp"
export TMPDIR=$T/tmp

# Budgets of a byte (a spill per event), a few records a partition and
# a few hundred: segments of every size.
for f in o few; do
	mems="16K 256K"
	[ $f = few ] && mems="1 4K"
	for combo in tech:tsv team,month:json area,kind:html; do
		by=${combo%:*} fmt=${combo#*:}
		run qareport --format=$fmt --color=never --by=$by --threads=1 "$T/$f.tsv"
		printf '%s\n' "$out" >"$T/ref"
		want_rc=$rc
		for mem in $mems; do
			for j in 1 3; do
				run qareport -v --format=$fmt --color=never --by=$by \
				    --threads=$j --memory=$mem "$T/$f.tsv"
				assert_rc "$want_rc" "$f $by $fmt --memory=$mem -j$j"
				assert_match "MB of events went through temporary files" "$err" \
				    "$f --memory=$mem -j$j spilled"
				printf '%s\n' "$out" | cmp -s - "$T/ref" || {
					diff <(printf '%s\n' "$out") "$T/ref" | head >&2
					fail "$f $by $fmt --memory=$mem -j$j differs from the default"; }
			done
		done
	done
done
# The default keeps a small log in memory.
run qareport -v --format=tsv "$T/o.tsv"
assert_nomatch "temporary files" "$err" "default --memory"
# --memory is the run's budget, not each thread's: 30 000 rows of many
# accounts (about 630 KB of events) spill under 800K on four threads,
# which would each have held their quarter in 800K of their own. Not
# under 2M on one thread, nor under 8M on four (a thread may take most
# of the ranges, so its share must hold most of the events).
"$T/gen" --rows 30000 --accounts 100000 --seed 3 >"$T/u.tsv"
run qareport -v --format=tsv --threads=4 --memory=800K "$T/u.tsv"
assert_match "MB of events went through temporary files" "$err" \
    "--memory=800K is shared by four threads"
for jm in 1:2M 4:8M; do
	run qareport -v --format=tsv --threads=${jm%:*} --memory=${jm#*:} "$T/u.tsv"
	assert_nomatch "temporary files" "$err" "--memory=${jm#*:} -j${jm%:*}"
done
# Larger budgets: several spills of every partition, each of many
# records, read back by the loader threads in batches, on one thread
# and on three.
"$T/gen" --rows 300000 --accounts 50000 --seed 7 >"$T/d.tsv"
for combo in tech,month:tsv area:json; do
	by=${combo%:*} fmt=${combo#*:}
	run qareport --format=$fmt --by=$by "$T/d.tsv"
	printf '%s\n' "$out" >"$T/ref"
	want_rc=$rc
	for jm in 1:2M 3:6M 1:4M; do
		run qareport -v --format=$fmt --by=$by --threads=${jm%:*} \
		    --memory=${jm#*:} "$T/d.tsv"
		assert_rc "$want_rc" "d.tsv $by --memory=${jm#*:} -j${jm%:*}"
		assert_match "MB of events went through temporary files" "$err" \
		    "--memory=${jm#*:} -j${jm%:*} spilled"
		printf '%s\n' "$out" | cmp -s - "$T/ref" ||
			fail "d.tsv $by --memory=${jm#*:} -j${jm%:*} differs from the default"
	done
done
# At 16 KB a partition (--memory=4M on one thread, compared above) the
# spills bypass the page cache, in aligned segments; at 8 KB (2M) they
# go through it.
if command -v strace >/dev/null 2>&1; then
	run strace -f -e trace=fcntl qareport --format=tsv --threads=1 \
	    --memory=4M "$T/d.tsv"
	assert_match "F_SETFL, [^)]*O_DIRECT" "$err" "--memory=4M: O_DIRECT"
	run strace -f -e trace=fcntl qareport --format=tsv --threads=1 \
	    --memory=2M "$T/d.tsv"
	assert_nomatch "O_DIRECT" "$err" "--memory=2M: the page cache"
fi
# Partials (window counts included) are the same too.
a=$(qareport --partial --by=team "$T/o.tsv" 2>/dev/null)
b=$(qareport --partial --by=team --memory=16K --threads=4 "$T/o.tsv" 2>/dev/null)
assert_eq "$a" "$b" "partial with spills"
# Nothing is left behind in the directory.
assert_eq "" "$(ls -A "$T/tmp")" "files left in TMPDIR"

# A TMPDIR that cannot be a directory (a regular file: root too is
# refused): a clear message, no report, exit 74.
: >"$T/notadir"
TMPDIR=$T/notadir run qareport --format=tsv --memory=16K "$T/o.tsv"
assert_rc 74 "unusable TMPDIR"
assert_eq "" "$out" "no report without the temporary file"
assert_eq "qareport: cannot create a temporary file in $T/notadir: Not a directory" \
    "$(printf '%s\n' "$err" | grep -v ':[0-9]*: ' | grep -v 'bad rows not listed')" \
    "the message"
TMPDIR=$T/missing run qareport --format=tsv --memory=4K --threads=3 "$T/few.tsv"
assert_rc 74 "missing TMPDIR"
assert_eq "qareport: cannot create a temporary file in $T/missing: No such file or directory" \
    "$err" "the message, once for three threads"
# Without a spill the directory is never touched.
TMPDIR=$T/notadir run qareport --format=tsv "$T/few.tsv"
[ "$rc" -eq 0 ] || [ "$rc" -eq 1 ] || fail "exit $rc without a spill: $err"
# A bad size is a usage error.
run qareport --memory=12X "$T/few.tsv"
assert_rc 64 "--memory=12X"
assert_match "invalid size '12X' for --memory" "$err"
