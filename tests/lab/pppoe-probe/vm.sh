# SPDX-License-Identifier: MIT
# The bras-vm guest (real pppd + pppoe-server under qemu) for
# pppoe-probe session tests; source after tests/lib.sh.
#
#   vm_init                 skips when the guest cannot run here; sets
#                           CLI (client namespace) and BRAS (bras.sh)
#   vm_start SD ARGS...     boots a BRAS on tap0 in CLI, stopped at exit
#   vm_session_free SD [N]  the BRAS drops to N (0) sessions within 10 s
#   vm_pppd_pid SD SID      pid of the pppd serving session SID
#   vm_pppd_log SD PID      that pppd's log lines (debug: every packet)

vm_init() {
	BRAS=$BBT_TOP/tests/lab/bras-vm/bras.sh
	[ -x "$BRAS" ] || skip "tests/lab/bras-vm/bras.sh is not there"
	need_netns
	need_cmd qemu-system-x86_64
	local st=0
	"$BBT_TOP/tests/lab/bras-vm/build.sh" >/dev/null 2>&1 || st=$?
	[ "$st" -ne 69 ] || skip "the bras-vm guest cannot be built here"
	[ "$st" -eq 0 ] || fail "bras-vm build.sh failed ($st)"
	CLI=$(ns_new pvm)
	# ns_new's own at_exit is lost in the $(...) subshell.
	at_exit "ip netns pids $CLI | xargs -r kill -9; ip netns del $CLI"
}

vm_start() {
	local sd=$1
	shift
	mkdir -p "$sd"
	at_exit "$BRAS stop $sd"
	"$BRAS" start "$CLI" tap0 "$sd" "$@" >"$sd.start" 2>&1 || {
		cat "$sd.start" >&2
		fail "bras.sh start $*"
	}
}

vm_session_free() {
	local n="?" i
	for i in $(seq 100); do
		n=$("$BRAS" sessions "$1") && [ "$n" = "${2:-0}" ] && return 0
		sleep 0.1
	done
	fail "the BRAS still has $n session(s)"
}

# pppoe-server forks the session's pppd under its own pid and logs
# "pppoe-server[PID]: Session SID created for client ...".
vm_pppd_pid() {
	"$BRAS" log "$1" | grep -a "Session $2 created for client" |
	    tail -n 1 | sed -n 's/.*pppoe-server\[\([0-9]*\)\].*/\1/p'
}

vm_pppd_log() { "$BRAS" log "$1" | grep -a "pppd\[$2\]: "; }
