#!/bin/bash
# SPDX-License-Identifier: MIT
# selftest.sh [--full]: prove that the bras-vm BRAS works.
#
# Builds the guest, starts it on a tap in a fresh network namespace and,
# from the namespace side (pppoe-disc.py, raw AF_PACKET): PADI -> PADO
# (AC-Name bbt-bras, Service-Name internet, cookie), PADR -> PADS, one
# session on the server, PADT, no session.
#
# --full also boots a second guest as a reference client (real pppd with
# the rp-pppoe plugin) on a bridge in the same namespace and logs in
# with every account under PAP, CHAP-MD5 and MS-CHAPv2, checking the
# address, DNS and each refusal message; then the same over VLAN 100.
# It takes about two minutes.
#
# Exit status: 0 pass, 1 fail, 2 usage, 77 skipped (not root, no ip
# netns, qemu, python3 or a Debian package missing; the reason is on
# stderr).  Everything it started is stopped on any exit.
set -euo pipefail

prog=selftest.sh
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
bras=$here/bras.sh
python=${PYTHON:-python3}
ac_mac=52:54:00:bb:00:01

skip() { printf '%s: SKIP: %s\n' "$prog" "$*" >&2; exit 77; }
fail() { printf '%s: FAIL: %s\n' "$prog" "$*" >&2; exit 1; }
ok() { printf '%s: ok: %s\n' "$prog" "$*" >&2; }

full=0
case ${1-} in
"") ;;
--full) full=1 ;;
*) echo "usage: $prog [--full]" >&2; exit 2 ;;
esac

[ "$(id -u)" -eq 0 ] || skip "needs root (tap devices, network namespaces)"
command -v ip >/dev/null && ip netns list >/dev/null 2>&1 ||
    skip "no 'ip netns' (iproute2)"
command -v "${QEMU:-qemu-system-x86_64}" >/dev/null ||
    skip "qemu-system-x86_64 not installed (package qemu-system-x86)"
[ -c /dev/net/tun ] || skip "no /dev/net/tun"
command -v "$python" >/dev/null || skip "python3 not installed"

ns=bbt-bras-st$$
work=$(mktemp -d "${TMPDIR:-/tmp}/bras-selftest.XXXXXX")
srv=$work/srv
cli=$work/cli

cleanup() {
	local st=$?
	trap - EXIT INT TERM
	"$bras" stop "$srv" 2>/dev/null || st=1
	"$bras" stop "$cli" 2>/dev/null || st=1
	ip netns del "$ns" 2>/dev/null || true
	if [ "$st" -ne 0 ] && [ "$st" -ne 77 ]; then
		for d in "$srv" "$cli"; do
			[ -f "$d/bras.log" ] || continue
			echo "--- last lines of the $(basename "$d") guest log:" >&2
			tail -n 20 "$d/bras.log" >&2
		done
	fi
	rm -rf "$work"
	exit "$st"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

t0=$(date +%s%N)
st=0
"$here/build.sh" >/dev/null || st=$?
[ "$st" -ne 69 ] || skip "the guest cannot be built here (see build.sh above)"
[ "$st" -eq 0 ] || fail "build.sh failed ($st)"

ip netns add "$ns" || fail "cannot create network namespace $ns"
"$bras" start "$ns" bras0 "$srv" || fail "bras.sh start failed"

disc() { ip netns exec "$ns" "$python" "$here/pppoe-disc.py" "$@"; }

# wait_sessions N: until the server has N sessions (at most 10 s).
wait_sessions() {
	local n
	for _ in $(seq 50); do
		n=$("$bras" sessions "$srv") || fail "bras.sh sessions failed"
		[ "$n" = "$1" ] && return 0
		sleep 0.2
	done
	fail "the server has $n sessions, expected $1"
}

# --- discovery and a bare session -------------------------------------

pado=$(disc bras0 discover) || fail "no PADO for a PADI"
IFS=$'\t' read -r _ mac name svcs cookie ms vlan <<<"$pado"
[ "$mac" = "$ac_mac" ] && [ "$name" = bbt-bras ] &&
    [ "$svcs" = internet ] && [ "$cookie" = 20 ] && [ "$vlan" = - ] ||
    fail "unexpected PADO: $pado"
ok "PADI -> PADO from $mac, AC-Name $name, Service-Name $svcs ($ms ms)"

wait_sessions 0
pads=$(disc bras0 session | grep '^pads') || fail "no PADS for a PADR"
IFS=$'\t' read -r _ mac sid svc ms vlan <<<"$pads"
[ "$mac" = "$ac_mac" ] && [ "$sid" -gt 0 ] && [ "$svc" = internet ] ||
    fail "unexpected PADS: $pads"
ok "PADR -> PADS, session $sid ($ms ms)"
wait_sessions 1
ok "the server counts 1 session"
disc bras0 padt "$sid" "$ac_mac" >/dev/null || fail "cannot send PADT"
wait_sessions 0
ok "PADT ends it: 0 sessions"
"$bras" log "$srv" | grep -q "Session $sid created for client" ||
    fail "the server log lacks the session"
ok "bras.sh log shows the session"

if [ $full -eq 0 ]; then
	ms=$((($(date +%s%N) - t0) / 1000000))
	ok "all passed in $((ms / 1000)).$((ms % 1000 / 100)) s"
	exit 0
fi

# --- --full: logins with a real pppd client --------------------------

ip -n "$ns" link add br0 type bridge || fail "cannot create a bridge"
ip -n "$ns" link set br0 up
ip -n "$ns" link set bras0 master br0

# restart_server ARGS...: a fresh server on bras0 (bridged).
restart_server() {
	"$bras" stop "$srv"
	"$bras" start "$ns" bras0 "$srv" "$@" || fail "bras.sh start $* failed"
	ip -n "$ns" link set bras0 master br0
}

# start_client ARGS...: the reference client on cli0 (bridged).
start_client() {
	"$bras" stop "$cli"
	"$bras" start "$ns" cli0 "$cli" --role client \
	    --mac 52:54:00:bb:00:99 "$@" || fail "cannot start the client"
	ip -n "$ns" link set cli0 master br0
}

# login IFACE USER PASSWORD PATTERN...: run pppd in the client and
# require every (extended regex) PATTERN in its debug output.  noipv6:
# like pppoe-probe, the client Protocol-Rejects IPV6CP.
login() {
	local ifc=$1 user=$2 pass=$3 out p
	shift 3
	out=$("$bras" exec "$cli" "timeout 40 pppd plugin rp-pppoe.so $ifc \
	    user $user password $pass noauth nodetach debug logfd 1 \
	    noipdefault usepeerdns nodefaultroute noipv6 maxconnect 1 \
	    maxfail 1 2>&1") || true
	for p in "$@"; do
		grep -Eq -- "$p" <<<"$out" || {
			printf '%s\n' "$out" >&2
			fail "$auth $user: no '$p' in the client's output"
		}
	done
	ok "$auth $user/$pass: $(grep -Eo -- "$1" <<<"$out" | head -n1)"
}

start_client
for auth in pap chap mschapv2; do
	restart_server --auth "$auth"
	case $auth in
	pap) wrong='AuthNak id=0x[0-9a-f]+ "Login incorrect"' ;;
	chap) wrong='Failure id=0x[0-9a-f]+ "Access denied"' ;;
	mschapv2) wrong='Failure id=0x[0-9a-f]+ "E=691 R=1 C=[0-9a-f]{32} V=0 M=Access denied"' ;;
	esac
	login eth0 alice alice-pass 'local  IP address 10\.64\.0\.10' \
	    'primary   DNS address 10\.64\.0\.1$' \
	    'secondary DNS address 10\.64\.0\.2$'
	login eth0 bob bob-pass 'local  IP address 10\.64\.0\.11'
	login eth0 alice wrong "$wrong" 'TermReq id=0x[0-9a-f]+ "Authentication failed"'
	login eth0 debtor debtor-pass '"(E=691 |E=691 R=0 C=[0-9a-f]{32} V=0 M=)\\347\\212\\266\\346\\200\\201\\351\\224\\231 account in arrears"'
	login eth0 debtor wrong "$wrong"
	login eth0 bound bound-pass 'binding mismatch"'
	login eth0 online online-pass 'session limit"'
	login eth0 nopool nopool-pass 'ConfRej id=0x[0-9a-f]+ <addr 0\.0\.0\.0>' \
	    'IPCP TermReq id=0x[0-9a-f]+ "Unauthorized remote IP address"'
	wait_sessions 0
done

restart_server --vlan 100
disc -t 2 bras0 discover >/dev/null 2>&1 &&
    fail "an untagged PADI was answered by the VLAN 100 server"
ok "VLAN 100 server: no PADO for an untagged PADI"
pado=$(disc -v 100 bras0 discover) || fail "no PADO on VLAN 100"
[ "$(cut -f7 <<<"$pado")" = 100 ] || fail "PADO not tagged 100: $pado"
ok "VLAN 100: PADO tagged 100"
auth=pap
start_client --vlan 100
login eth0.100 alice alice-pass 'local  IP address 10\.64\.0\.10'

ms=$((($(date +%s%N) - t0) / 1000000))
ok "all passed (--full) in $((ms / 1000)).$((ms % 1000 / 100)) s"
