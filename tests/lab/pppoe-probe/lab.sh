# SPDX-License-Identifier: MIT
# Namespace lab for pppoe-probe tests and the bench; source after
# tests/lib.sh. A client namespace and an AC namespace with a Linux
# bridge; each AC (pppoe-server or fakeac.py) sits on its own veth.
#
#   lab_init             sets CLI (client namespace, interface cli0) and ACNS
#   lab_pppoe NAME ARGS  pppoe-server on a new veth, AC-Name NAME
#                        (LAB_MTU=N: that veth's MTU, for RFC 4638)
#   lab_fake ARGS        fakeac.py on a new veth
#   lab_mac IF           MAC of an interface in the AC namespace
#   lab_sessions         sessions the last pppoe-server holds (its
#                        children, until reaped: a slot is free after)
#   lab_padi_flood SECS  another client broadcasting a PADI every 0.2 s

LAB_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
_lab_n=0


lab_init() {
	need_netns
	need_cmd pppoe-server python3
	# ns_new registers its cleanup inside $(...), where it is lost.
	CLI=$(ns_new pcli)
	at_exit "ip netns pids $CLI | xargs -r kill -9; ip netns del $CLI"
	ACNS=$(ns_new pac)
	at_exit "ip netns pids $ACNS | xargs -r kill -9; ip netns del $ACNS"
	ip -n "$ACNS" link add br0 type bridge || fail "bridge"
	# No STP delay, no multicast noise: frames flow at once.
	ip -n "$ACNS" link set br0 type bridge forward_delay 0 stp_state 0
	ip -n "$ACNS" link set br0 up
	veth_pair "$CLI" cli0 "$ACNS" clib
	ip -n "$ACNS" link set clib master br0
	ip netns exec "$CLI" sysctl -qw net.ipv6.conf.all.disable_ipv6=1 || true
	ip netns exec "$ACNS" sysctl -qw net.ipv6.conf.all.disable_ipv6=1 || true
}

# _lab_port: a new veth in ACNS on the bridge; prints the AC-side name.
_lab_port() {
	_lab_n=$((_lab_n + 1))
	local a=ac$_lab_n b=acb$_lab_n
	ip -n "$ACNS" link add "$a" type veth peer name "$b" || fail "veth $a"
	ip -n "$ACNS" link set "$b" master br0
	ip -n "$ACNS" link set "$b" up
	# pppoe-server grants PPP-Max-Payload up to its MTU - 8.
	[ -z "${LAB_MTU:-}" ] || ip -n "$ACNS" link set "$a" mtu "$LAB_MTU"
	ip -n "$ACNS" link set "$a" up
	LAB_IF=$a
}

lab_mac() { ip -n "$ACNS" -o link show "$1" | sed -n 's/.*link\/ether \([0-9a-f:]*\).*/\1/p'; }

# lab_pppoe NAME [pppoe-server args]: -S internet unless given.
lab_pppoe() {
	local name=$1; shift
	_lab_port
	local pidf="$T/pppoe-$LAB_IF.pid"
	[ $# -gt 0 ] || set -- -S internet
	# -F: foreground, so the pid is ours to kill; -k is not used (no
	# kernel PPPoE on the test host).
	ip netns exec "$ACNS" pppoe-server -F -I "$LAB_IF" -C "$name" \
	    -L 10.64.0.1 -R 10.64.0.10 "$@" </dev/null >/dev/null 2>&1 &
	echo $! >"$pidf"
	LAB_AC_PID=$!
	at_exit "kill $(cat "$pidf")"
	LAB_AC_MAC=$(lab_mac "$LAB_IF")
	sleep 0.2
}

lab_sessions() { pgrep -c -P "$LAB_AC_PID" || true; }
_lab_sessions_are() { [ "$(lab_sessions)" -eq "$1" ]; }
# lab_wait_sessions N: until the AC holds N sessions (10 s at most).
lab_wait_sessions() {
	wait_for 10 _lab_sessions_are "$1" ||
	    fail "line ${BASH_LINENO[0]}: the AC holds $(lab_sessions) sessions, expected $1"
}

lab_fake() {
	_lab_port
	local ready="$T/ready-$LAB_IF"
	ip netns exec "$ACNS" python3 "$LAB_DIR/fakeac.py" --iface "$LAB_IF" \
	    --ready "$ready" "$@" </dev/null >"$T/fakeac-$LAB_IF.err" 2>&1 &
	local pid=$!
	at_exit "kill $pid"
	LAB_AC_MAC=$(lab_mac "$LAB_IF")
	wait_for 10 test -f "$ready" || fail "fakeac did not start"
}

# A second client on the segment that keeps sending PADIs.
lab_padi_flood() {
	local secs=$1 other
	other=$(ns_new pother)
	at_exit "ip netns pids $other | xargs -r kill -9; ip netns del $other"
	veth_pair "$other" oth0 "$ACNS" othb
	ip -n "$ACNS" link set othb master br0
	ip netns exec "$other" python3 - "$secs" "$T/flood.ready" <<'EOF' &
import socket, struct, sys, time
s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)
s.bind(("oth0", 0x8863))
mac = s.getsockname()[4][:6]
p = struct.pack("!HH", 0x0101, 0) + struct.pack("!HH", 0x0103, 4) + b"othr"
f = b"\xff" * 6 + mac + struct.pack("!HBBHH", 0x8863, 0x11, 0x09, 0, len(p)) + p
end = time.time() + float(sys.argv[1])
while time.time() < end:
    s.send(f)
    open(sys.argv[2], "a").close()
    time.sleep(0.2)
EOF
	at_exit "kill $!"
	# Python may take a while to start on a loaded host: the flood is
	# on once its first PADI is out, not after some time.
	wait_for 10 test -f "$T/flood.ready" || fail "the PADI flood did not start"
}
