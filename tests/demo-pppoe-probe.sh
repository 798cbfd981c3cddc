#!/bin/bash
# SPDX-License-Identifier: MIT
# Demo of pppoe-probe: a namespace lab with two access concentrators
# (real pppoe-server), then a real BRAS (pppd in a small qemu VM) for an
# account test with a good and a wrong password, piped into bbdiag, and
# an arrears account whose web is redirected to the payment portal.
# Needs root; everything runs inside namespaces it creates.
. "$(dirname "$0")/lib.sh"
say() { printf '\n\033[1m$ %s\033[0m\n' "$*"; }
if [ "$(id -u)" -ne 0 ] || ! ip netns add "bbtdemo$$" 2>/dev/null; then
	echo "pppoe-probe demo skipped: it needs root to create network namespaces"
	exit 0
fi
ip netns del "bbtdemo$$"
. "$BBT_TOP/tests/lab/pppoe-probe/lab.sh"
lab_init
lab_pppoe bras-a -S internet
lab_pppoe bras-b -S internet -S iptv
say "pppoe-probe -i cli0 --format=text   # two ACs on the segment"
ip netns exec "$CLI" pppoe-probe -i cli0 --format=text --color=always
say "pppoe-probe -i cli0 --format=summary"
ip netns exec "$CLI" pppoe-probe -i cli0 --format=summary

. "$BBT_TOP/tests/lab/pppoe-probe/vm.sh"
BRAS=$BBT_TOP/tests/lab/bras-vm/bras.sh
if ! "$BBT_TOP/tests/lab/bras-vm/build.sh" >/dev/null 2>&1; then
	echo "(the BRAS VM cannot be built here; account test skipped)"
	exit 0
fi
CLI=$(ns_new pdemo)
sd=$T/bras
vm_start "$sd" --auth chap
printf 'alice-pass\n' >"$T/pw"
say "pppoe-probe -i tap0 --user alice --password-file pw   # CHAP against pppd"
ip netns exec "$CLI" pppoe-probe -i tap0 --user alice --password-file "$T/pw" \
    --format=text --color=always
printf 'wrong\n' >"$T/pw"
if [ -x "$BBT_BIN/bbdiag" ]; then
	say "pppoe-probe -i tap0 --user alice --password-file wrong-pw | bbdiag"
	ip netns exec "$CLI" pppoe-probe -i tap0 --user alice --password-file "$T/pw" |
	    bbdiag --color=always
else
	say "pppoe-probe -i tap0 --user alice --password-file wrong-pw"
	ip netns exec "$CLI" pppoe-probe -i tap0 --user alice --password-file "$T/pw" \
	    --format=text --color=always
fi
# First traffic (issue 19): logged in, but every page goes to the
# payment portal (the VM redirects this account's HTTP).
printf 'portal-pass\n' >"$T/pw"
say "pppoe-probe -i tap0 --user portal --password-file pw --url http://www.bbt.test/ | bbdiag"
if [ -x "$BBT_BIN/bbdiag" ]; then
	ip netns exec "$CLI" pppoe-probe -i tap0 --user portal --password-file "$T/pw" \
	    --url http://www.bbt.test/ | tee "$T/portal.rec" | grep -E 'ppp\.(ping|dns|http)'
	bbdiag --color=always "$T/portal.rec"
fi
exit 0
