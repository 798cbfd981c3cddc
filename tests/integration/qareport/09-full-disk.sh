#!/bin/bash
# A temporary file system that fills up mid-run, with small and large
# budgets (a spill per few events, and spills of large segments) ends
# the run with the message naming the directory, exit 74 and no report.
# The small file system is a tmpfs mounted in a mount namespace of the
# test's own, so nothing is left mounted whatever happens.
. "$BBT_TOP/tests/lib.sh"
[ "$(id -u)" -eq 0 ] || skip "needs root (mounts a small tmpfs)"
need_cmd cc unshare mount
unshare -m true 2>/dev/null || skip "cannot create a mount namespace"
cc -O1 -o "$T/gen" "$BBT_TOP/bench/qareport-gen.c" -lm || fail "building the generator"
# About 6 MB of events, into 2 MB of room.
"$T/gen" --rows 300000 --accounts 50000 --seed 7 >"$T/d.tsv"
mkdir "$T/small"

# full ARGS...: qareport ARGS with TMPDIR on a 2 MB tmpfs.
full() {
	run unshare -m sh -c 'mount -t tmpfs -o size=2m tmpfs "$0" &&
	    TMPDIR=$0 exec qareport "$@"' "$T/small" --format=tsv "$@" "$T/d.tsv"
}

for how in "small:--threads=2 --memory=16K" \
    "2M:--threads=1 --memory=2M" "4M:--threads=1 --memory=4M"; do
	args=${how#*:}
	# shellcheck disable=SC2086
	full $args
	assert_rc 74 "${how%%:*}: exit"
	assert_eq "" "$out" "${how%%:*}: no report"
	assert_eq "qareport: cannot write a temporary file in $T/small: No space left on device" \
	    "$(printf '%s\n' "$err" | grep -v ':[0-9]*: ' | grep -v 'bad rows not listed')" \
	    "${how%%:*}: the message"
done
# The same budgets with room: the report (the tmpfs is 64 MB here).
run unshare -m sh -c 'mount -t tmpfs -o size=64m tmpfs "$0" &&
    TMPDIR=$0 exec qareport -v --format=tsv --threads=1 --memory=4M "$1"' \
    "$T/small" "$T/d.tsv"
[ "$rc" -eq 0 ] || [ "$rc" -eq 1 ] || fail "with room: exit $rc: $err"
assert_match "MB of events went through temporary files" "$err" "with room: spilled"
# Nothing was written to the real directory under the mount point.
assert_eq "" "$(ls -A "$T/small")" "files under the mount point"
