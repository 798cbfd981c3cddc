#!/bin/bash
# SPDX-License-Identifier: MIT
# bras.sh: run the bras-vm guest (pppoe-server + pppd as a BRAS under
# qemu/TCG) on a tap device inside a network namespace, for tests.
#
#   bras.sh start NETNS IFNAME STATEDIR [--auth pap|chap|mschapv2]
#                 [--vlan VID] [--ac-name NAME] [--service NAME]...
#                 [--max-sessions N] [--mac MAC] [--role server|client]
#                 [--aaa local|radius]
#   bras.sh sessions STATEDIR        number of live PPP sessions (pppd)
#   bras.sh exec STATEDIR CMD...     run a shell command in the guest
#   bras.sh log STATEDIR             pppd / pppoe-server log (syslog)
#   bras.sh stop STATEDIR            power off, kill qemu, remove the tap
#
# Exit status: 0 success; 1 failure (the message says which); 2 usage;
# 69 (start) the guest cannot be built here: a Debian package, tool or
# library is missing (build.sh says which), so a test may skip.
# exec returns the guest command's status, 125 when the control channel
# fails (VM not running, no reply in time).
#
# STATEDIR holds qemu.pid, console.log (serial console: kernel, markers),
# ctl.in/ctl.out (FIFOs of the control serial port), config and, after
# stop, bras.log (the guest syslog as it was at stop).
#
# Environment: BRAS_BOOT_TIMEOUT (s, default 60), BRAS_EXEC_TIMEOUT (s,
# default 30), BRAS_MEM (MiB, default 160), BBT_CACHE (see build.sh),
# QEMU (default qemu-system-x86_64).
set -euo pipefail

prog=bras.sh
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
qemu=${QEMU:-qemu-system-x86_64}
boot_timeout=${BRAS_BOOT_TIMEOUT:-60}
exec_timeout=${BRAS_EXEC_TIMEOUT:-30}
mem=${BRAS_MEM:-160}

die() { printf '%s: error: %s\n' "$prog" "$*" >&2; exit 1; }
say() { printf '%s: %s\n' "$prog" "$*" >&2; }

usage() {
	local st=${1:-2}
	[ "$st" -eq 0 ] || exec >&2
	cat <<EOF
usage: $prog start NETNS IFNAME STATEDIR [--auth pap|chap|mschapv2]
                [--vlan VID] [--ac-name NAME] [--service NAME]...
                [--max-sessions N] [--mac MAC] [--role server|client]
                [--aaa local|radius]
       $prog sessions STATEDIR
       $prog exec STATEDIR CMD...
       $prog log STATEDIR
       $prog stop STATEDIR
EOF
	exit "$st"
}

# alive PID: the process runs.  A daemonized qemu is reaped by PID 1,
# which may take seconds; a zombie has exited.
alive() {
	local stat
	stat=$(cat "/proc/$1/stat" 2>/dev/null) || return 1
	stat=${stat##*) }
	[ "${stat%% *}" != Z ]
}

# qemu_pid SD: pid of the qemu of STATEDIR if it still runs, else fail.
# The command line must name the state directory: a stale pid file whose
# number was reused by another process is not ours.
qemu_pid() {
	local pid
	pid=$(cat "$1/qemu.pid" 2>/dev/null) || return 1
	[[ $pid =~ ^[0-9]+$ ]] && alive "$pid" || return 1
	tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null |
	    grep -qF -- "$1/console.log" || return 1
	printf '%s\n' "$pid"
}

statedir() {
	[ -d "$1" ] || die "state directory $1 does not exist"
	(cd "$1" && pwd)
}

# ctl SD CMD: run CMD in the guest over the control serial port; guest
# stdout to stdout, stderr to stderr; returns the guest's exit status,
# 125 on channel failure.  One request at a time (flock).
ctl() {
	local sd=$1 cmd=$2 nonce line tag rest rc="" deadline got=0
	local out="" errs="" part=""
	qemu_pid "$sd" >/dev/null || {
		say "the VM of $sd is not running"
		return 125
	}
	exec 7>>"$sd/ctl.lock"
	flock -w "$exec_timeout" 7 || {
		say "control channel of $sd busy"
		return 125
	}
	# O_RDWR opens of a FIFO never block, even if qemu has gone.
	exec 5<>"$sd/ctl.in" 6<>"$sd/ctl.out"
	nonce="$$.$RANDOM.$(date +%s%N)"
	printf '\n@@RUN %s %s\n' "$nonce" \
	    "$(printf '%s' "$cmd" | base64 -w0)" >&5
	deadline=$(($(date +%s) + exec_timeout))
	while :; do
		if [ "$(date +%s)" -ge "$deadline" ]; then
			say "no reply from the guest within ${exec_timeout} s"
			rc=125
			break
		fi
		# Short reads, to notice a dead qemu; a timed-out read keeps
		# what it got of a line, so collect it.
		if ! IFS= read -r -t 1 -u 6 line; then
			part+=$line
			if ! qemu_pid "$sd" >/dev/null; then
				say "the VM of $sd stopped during the command"
				rc=125
				break
			fi
			continue
		fi
		line=$part$line
		part=""
		read -r tag rest <<<"$line" || true
		case $tag in
		@@BEGIN) [ "$rest" = "$nonce" ] && got=1 ;;
		O) [ $got = 1 ] && out=$rest ;;
		E) [ $got = 1 ] && errs=$rest ;;
		@@END)
			if [ $got = 1 ] && [ "${rest%% *}" = "$nonce" ]; then
				rc=${rest##* }
				[[ $rc =~ ^[0-9]+$ ]] || rc=125
				break
			fi
			;;
		esac
	done
	exec 5>&- 6<&- 7>&-
	[ -n "$out" ] && base64 -d <<<"$out"
	[ -n "$errs" ] && base64 -d <<<"$errs" >&2
	return "$rc"
}

# cleanup SD: kill qemu and remove the tap; used by stop and failed start.
cleanup() {
	local sd=$1 pid netns="" ifname=""
	if pid=$(qemu_pid "$sd"); then
		kill -TERM "$pid" 2>/dev/null || true
		for _ in $(seq 100); do
			alive "$pid" || break
			sleep 0.05
		done
		if alive "$pid"; then
			kill -KILL "$pid" 2>/dev/null || true
			sleep 0.2
		fi
		alive "$pid" && die "cannot kill qemu $pid"
	fi
	if [ -f "$sd/config" ]; then
		netns=$(sed -n 's/^netns=//p' "$sd/config")
		ifname=$(sed -n 's/^ifname=//p' "$sd/config")
	fi
	if [ -n "$netns" ] && [ -n "$ifname" ] &&
	    ip netns exec "$netns" ip link show dev "$ifname" >/dev/null 2>&1; then
		ip netns exec "$netns" ip link del dev "$ifname" ||
		    die "cannot remove tap $ifname in namespace $netns"
	fi
	rm -f "$sd/qemu.pid" "$sd/ctl.in" "$sd/ctl.out" "$sd/ctl.lock"
}

cmd_start() {
	[ $# -ge 3 ] || usage
	local netns=$1 ifname=$2 sd=$3
	shift 3
	local auth=pap vlan="" ac=bbt-bras max=32 svc
	local mac=52:54:00:bb:00:01 role=server services=() aaa=local
	while [ $# -gt 0 ]; do
		[ $# -ge 2 ] || usage
		case $1 in
		--auth) auth=$2 ;;
		--vlan) vlan=$2 ;;
		--ac-name) ac=$2 ;;
		--service) services+=("$2") ;;
		--max-sessions) max=$2 ;;
		--mac) mac=$2 ;;
		--role) role=$2 ;;
		--aaa) aaa=$2 ;;
		*) usage ;;
		esac
		shift 2
	done
	case $auth in pap|chap|mschapv2) ;; *)
		die "--auth must be pap, chap or mschapv2, not '$auth'" ;;
	esac
	case $role in server|client) ;; *)
		die "--role must be server or client, not '$role'" ;;
	esac
	case $aaa in local|radius) ;; *)
		die "--aaa must be local or radius, not '$aaa'" ;;
	esac
	if [ -n "$vlan" ]; then
		[[ $vlan =~ ^[0-9]+$ ]] && [ "$vlan" -ge 1 ] &&
		    [ "$vlan" -le 4094 ] || die "--vlan must be 1-4094, not '$vlan'"
	fi
	# These go on the kernel command line: no spaces or quotes.
	[[ $ac =~ ^[A-Za-z0-9._-]{1,64}$ ]] ||
	    die "--ac-name must be 1-64 of A-Z a-z 0-9 . _ -"
	# No --service: "internet"; --service '' alone: none configured, so
	# pppoe-server offers one empty Service-Name.
	[ ${#services[@]} -gt 0 ] || services=(internet)
	for svc in "${services[@]}"; do
		[[ $svc =~ ^[A-Za-z0-9._-]{1,64}$ ]] ||
		    [ "${services[*]}" = "" ] ||
		    die "--service must be 1-64 of A-Z a-z 0-9 . _ -, not '$svc'"
	done
	local service
	service=$(IFS=,; echo "${services[*]}")
	[[ $max =~ ^[0-9]+$ ]] && [ "$max" -ge 1 ] && [ "$max" -le 64 ] ||
	    die "--max-sessions must be 1-64, not '$max'"
	[[ $mac =~ ^([0-9a-fA-F]{2}:){5}[0-9a-fA-F]{2}$ ]] ||
	    die "--mac must look like 52:54:00:bb:00:01"
	[[ $ifname =~ ^[A-Za-z0-9._-]{1,15}$ ]] ||
	    die "IFNAME must be 1-15 characters of A-Z a-z 0-9 . _ -"
	[ "$(id -u)" -eq 0 ] || die "must run as root (tap device, netns)"
	command -v "$qemu" >/dev/null || die "$qemu not found (package qemu-system-x86)"
	ip netns exec "$netns" true 2>/dev/null ||
	    die "network namespace $netns does not exist"
	mkdir -p "$sd" || die "cannot create state directory $sd"
	sd=$(statedir "$sd")
	# The path goes into qemu options, where a comma separates options.
	[[ $sd != *,* ]] || die "STATEDIR must not contain a comma"
	if qemu_pid "$sd" >/dev/null; then
		die "a VM of $sd is already running (bras.sh stop $sd)"
	fi
	if ip netns exec "$netns" ip link show dev "$ifname" >/dev/null 2>&1; then
		die "interface $ifname already exists in namespace $netns"
	fi

	local img st=0
	img=$("$here/build.sh") || st=$?
	if [ "$st" -eq 69 ]; then
		say "error: the guest cannot be built on this host"
		exit 69
	fi
	[ "$st" -eq 0 ] || die "building the guest failed"

	rm -f "$sd/console.log" "$sd/bras.log" "$sd/qemu.err" \
	    "$sd/ctl.in" "$sd/ctl.out"
	mkfifo "$sd/ctl.in" "$sd/ctl.out"
	printf 'netns=%s\nifname=%s\nauth=%s\nvlan=%s\nac=%s\nservice=%s\nmax=%s\nmac=%s\nrole=%s\n' \
	    "$netns" "$ifname" "$auth" "$vlan" "$ac" "$service" "$max" "$mac" "$role" \
	    >"$sd/config"
	printf 'aaa=%s\n' "$aaa" >>"$sd/config"

	ip netns exec "$netns" ip tuntap add dev "$ifname" mode tap ||
	    { cleanup "$sd"; die "cannot create tap $ifname in $netns"; }
	# Keep the host's IPv6 (router solicitations, MLD) off the wire the
	# client captures; the tap carries only what the test sends.
	ip netns exec "$netns" sh -c \
	    "echo 1 >/proc/sys/net/ipv6/conf/$ifname/disable_ipv6" \
	    2>/dev/null || true
	ip netns exec "$netns" ip link set dev "$ifname" up ||
	    { cleanup "$sd"; die "cannot bring tap $ifname up"; }

	local append="console=ttyS0 quiet panic=-1 bras.role=$role"
	append+=" bras.auth=$auth bras.ac=$ac bras.service=$service bras.max=$max"
	[ -n "$vlan" ] && append+=" bras.vlan=$vlan"
	append+=" bras.aaa=$aaa"
	local t0
	t0=$(date +%s%N)
	# TCG: /dev/kvm here is a nested software KVM that boots no guest.
	if ! ip netns exec "$netns" "$qemu" -name bbt-bras \
	    -accel tcg -M pc -cpu max -smp 1 -m "$mem" \
	    -nodefaults -no-user-config -display none -no-reboot \
	    -kernel "$img/vmlinux" -initrd "$img/initrd.cpio" -append "$append" \
	    -netdev "tap,id=n0,ifname=$ifname,script=no,downscript=no" \
	    -device "virtio-net-pci,netdev=n0,mac=$mac,romfile=" \
	    -serial "file:$sd/console.log" \
	    -chardev "pipe,id=ctl,path=$sd/ctl" -serial chardev:ctl \
	    -daemonize -pidfile "$sd/qemu.pid" 2>"$sd/qemu.err"; then
		cat "$sd/qemu.err" >&2
		cleanup "$sd"
		die "qemu failed to start"
	fi

	local deadline=$(($(date +%s) + boot_timeout)) why=""
	while :; do
		if grep -q '^BBT-BRAS-READY' "$sd/console.log" 2>/dev/null; then
			break
		elif grep -q 'BBT-BRAS-FAILED\|Kernel panic' \
		    "$sd/console.log" 2>/dev/null; then
			why="the guest reported a failure"
		elif ! qemu_pid "$sd" >/dev/null; then
			why="qemu exited"
		elif [ "$(date +%s)" -ge "$deadline" ]; then
			why="no ready marker within $boot_timeout s"
		fi
		if [ -n "$why" ]; then
			say "$why; last console lines:"
			tail -n 25 "$sd/console.log" >&2 2>/dev/null || true
			cleanup "$sd"
			die "the BRAS VM did not start"
		fi
		sleep 0.1
	done
	local ms=$((($(date +%s%N) - t0) / 1000000))
	say "$(grep -m1 '^BBT-BRAS-READY' "$sd/console.log" |
	    tr -d '\r') (ready after $((ms / 1000)).$(printf '%03d' $((ms % 1000))) s)"
}

cmd_stop() {
	[ $# -eq 1 ] || usage
	local sd=$1
	[ -d "$sd" ] || return 0
	sd=$(statedir "$sd")
	if qemu_pid "$sd" >/dev/null; then
		# Keep the log for post-mortems.  Then cut the power: SIGTERM
		# makes qemu close at once, where the guest's own poweroff
		# takes 1.5 s under TCG and the guest keeps nothing anyway.
		exec_timeout=5 ctl "$sd" 'cat /var/log/messages' \
		    >"$sd/bras.log.new" 2>/dev/null &&
		    mv "$sd/bras.log.new" "$sd/bras.log" || rm -f "$sd/bras.log.new"
	fi
	cleanup "$sd"
}

cmd_sessions() {
	[ $# -eq 1 ] || usage
	local sd
	sd=$(statedir "$1")
	# One pppd per session (pppoe-server starts it right after PADS);
	# zombies are not sessions.
	ctl "$sd" "cat /proc/[0-9]*/stat 2>/dev/null |
	    awk '\$2 == \"(pppd)\" && \$3 != \"Z\" { n++ } END { print n + 0 }'" ||
	    die "cannot query the guest"
}

cmd_exec() {
	[ $# -ge 2 ] || usage
	local sd
	sd=$(statedir "$1")
	shift
	ctl "$sd" "$*"
}

cmd_log() {
	[ $# -eq 1 ] || usage
	local sd
	sd=$(statedir "$1")
	if qemu_pid "$sd" >/dev/null; then
		ctl "$sd" 'cat /var/log/messages' || die "cannot read the guest log"
	elif [ -f "$sd/bras.log" ]; then
		cat "$sd/bras.log"
	else
		die "the VM of $sd is not running and left no log"
	fi
}

[ $# -ge 1 ] || usage
sub=$1
shift
case $sub in
start) cmd_start "$@" ;;
stop) cmd_stop "$@" ;;
sessions) cmd_sessions "$@" ;;
exec) cmd_exec "$@" ;;
log) cmd_log "$@" ;;
-h|--help) usage 0 ;;
*) usage ;;
esac
