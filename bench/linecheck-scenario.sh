#!/bin/bash
# SPDX-License-Identifier: MIT
# One bench scenario: a fresh lab with FAULT, then one linecheck run and
# one baseline run in the home namespace. Prints
# "scenario lc_seconds lc_exit base_seconds base_exit".
export BBT_TOP=${BBT_TOP:-$(cd "$(dirname "$0")/.." && pwd)}
. "$BBT_TOP/tests/lib.sh"
. "$BBT_TOP/tests/lab/linecheck/lab.sh"
lab_need
lab_up
[ "$1" = healthy ] || lab_fault "$1"
# The baseline reads the namespace's /etc/resolv.conf like any tool.
mkdir -p "/etc/netns/$LAB_HOME"
at_exit "rm -rf /etc/netns/$LAB_HOME"
cp "$LAB_DIR/resolv.conf" "/etc/netns/$LAB_HOME/resolv.conf"
now() { date +%s.%N; }
s=$(now)
"${LC[@]}" >"$T/lc.out" 2>&1
lrc=$?
l=$(echo "$(now) - $s" | bc)
s=$(now)
ip netns exec "$LAB_HOME" bash "$BBT_TOP/bench/linecheck-baseline.sh" eth0 \
    www.example.test "$LAB_URL4" "$LAB_URL6" -- "$LAB_DIR/ca.pem" >"$T/base.out" 2>&1
brc=$?
b=$(echo "$(now) - $s" | bc)
if [ -n "${BENCH_SHOW:-}" ]; then
	sed 's/^/    lc   | /' "$T/lc.out" >&2
	sed 's/^/    base | /' "$T/base.out" >&2
fi
echo "$1 $l $lrc $b $brc"
