#!/bin/bash
# SPDX-License-Identifier: MIT
# wifi.sh: run the wifi-vm guest (mac80211_hwsim, hostapd APs on channels
# 1, 6, 6 and 11, a wpa_supplicant client on wlan4) under qemu/TCG.
#
#   wifi.sh start STATEDIR [--bin FILE]...  boot; each FILE (a host
#                                  binary) and its libraries go to the
#                                  guest's /usr/local/bin
#   wifi.sh exec STATEDIR CMD...   run CMD (words joined, through sh) in
#                                  the guest: its stdout, stderr, status
#   wifi.sh stop STATEDIR          kill qemu; idempotent
#
# Exit status: 0 ok; 1 failure; 2 usage; 69 (start) the guest cannot be
# built or run here (no qemu, a package missing), so a test may skip.
# exec returns the guest command's status, 125 if the channel fails.
# Environment: WIFI_BOOT_TIMEOUT (s, 60), WIFI_EXEC_TIMEOUT (s, 60),
# WIFI_MEM (MiB, 256), BBT_CACHE, QEMU.
set -euo pipefail

prog=wifi.sh
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
qemu=${QEMU:-qemu-system-x86_64}
vm_exec_timeout=${WIFI_EXEC_TIMEOUT:-60}
say() { printf '%s: %s\n' "$prog" "$*" >&2; }
die() { printf '%s: error: %s\n' "$prog" "$*" >&2; exit 1; }
usage() {
	echo "usage: $prog start STATEDIR [--bin FILE]... | exec STATEDIR CMD... | stop STATEDIR" >&2
	exit 2
}
# shellcheck source=../vmlib.sh
. "$here/../vmlib.sh"

stop() {
	local pid
	if pid=$(vm_pid "$1"); then
		kill -TERM "$pid" 2>/dev/null || true
		for _ in $(seq 50); do vm_pid "$1" >/dev/null || break; sleep 0.05; done
		kill -KILL "$pid" 2>/dev/null || true
	fi
	rm -f "$1/qemu.pid" "$1/ctl.in" "$1/ctl.out" "$1/ctl.lock"
}

# overlay SD IMG FILE...: a second cpio with FILE and the libraries it
# needs that the image lacks; the kernel unpacks concatenated archives
# in turn, so the cached image stays.  Debug sections are stripped:
# every megabyte costs boot time under TCG.
overlay() {
	local sd=$1 img=$2 r=$1/overlay f l
	shift 2
	rm -rf "$r"
	mkdir -p "$r/usr/local/bin"
	for f in "$@"; do
		[ -x "$f" ] || die "$f is not an executable"
		cp "$f" "$r/usr/local/bin/"
		strip --strip-debug "$r/usr/local/bin/$(basename "$f")" 2>/dev/null || true
	done
	if [ $# -gt 0 ]; then
		while read -r l; do
			grep -qxF -- "$l" "$img/libs" 2>/dev/null && continue
			mkdir -p "$r$(dirname "$l")"
			cp -L "$l" "$r$l"
		done < <(vm_libs "$@")
	fi
	(cd "$r" && find . | LC_ALL=C sort |
	    "$bb" cpio -o -H newc -R 0:0 2>/dev/null) >"$sd/overlay.cpio"
}

cmd_start() {
	[ $# -ge 1 ] || usage
	local sd=$1 bins=() img st=0 t0 why="" deadline
	shift
	while [ $# -gt 0 ]; do
		[ "$1" = --bin ] && [ $# -ge 2 ] || usage
		bins+=("$(readlink -f "$2")")
		shift 2
	done
	[ "$(id -u)" -eq 0 ] || { say "error: must run as root"; exit 69; }
	command -v "$qemu" >/dev/null || { say "error: $qemu not found"; exit 69; }
	mkdir -p "$sd" && sd=$(cd "$sd" && pwd) || die "cannot create $sd"
	[[ $sd != *,* ]] || die "STATEDIR must not contain a comma"
	! vm_pid "$sd" >/dev/null || die "a VM of $sd is already running"
	img=$("$here/build.sh") || st=$?
	[ "$st" -ne 69 ] || { say "error: the guest cannot be built here"; exit 69; }
	[ "$st" -eq 0 ] || die "building the guest failed"
	bb=$(ls "${BBT_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/bbtools}"/wifi-vm/pkg/busybox-static_*/bin/busybox | head -n1)
	overlay "$sd" "$img" "${bins[@]}"
	cat "$img/initrd.cpio" "$sd/overlay.cpio" >"$sd/initrd.cpio"
	rm -f "$sd/console.log" "$sd/ctl.in" "$sd/ctl.out"
	mkfifo "$sd/ctl.in" "$sd/ctl.out"
	t0=$(date +%s%N)
	# TCG: this host's /dev/kvm boots no guest.
	"$qemu" -name bbt-wifi -accel tcg -M pc -cpu max -smp 1 \
	    -m "${WIFI_MEM:-256}" -nodefaults -no-user-config -display none \
	    -no-reboot -kernel "$img/vmlinux" -initrd "$sd/initrd.cpio" \
	    -append "console=ttyS0 quiet panic=-1" \
	    -serial "file:$sd/console.log" \
	    -chardev "pipe,id=ctl,path=$sd/ctl" -serial chardev:ctl \
	    -daemonize -pidfile "$sd/qemu.pid" 2>"$sd/qemu.err" ||
	    { cat "$sd/qemu.err" >&2; stop "$sd"; die "qemu failed to start"; }
	deadline=$(($(date +%s) + ${WIFI_BOOT_TIMEOUT:-60}))
	until grep -q '^BBT-WIFI-READY' "$sd/console.log" 2>/dev/null; do
		if grep -q 'BBT-WIFI-FAILED\|Kernel panic' "$sd/console.log"; then
			why="the guest reported a failure"
		elif ! vm_pid "$sd" >/dev/null; then
			why="qemu exited"
		elif [ "$(date +%s)" -ge "$deadline" ]; then
			why="not ready within ${WIFI_BOOT_TIMEOUT:-60} s"
		fi
		if [ -n "$why" ]; then
			say "$why; last console lines:"
			tail -n 20 "$sd/console.log" >&2 || true
			stop "$sd"
			die "the Wi-Fi VM did not start"
		fi
		sleep 0.1
	done
	local ms=$((($(date +%s%N) - t0) / 1000000))
	say "$(grep -m1 '^BBT-WIFI-READY' "$sd/console.log" | tr -d '\r') after $((ms / 1000)).$(printf '%03d' $((ms % 1000))) s"
}

[ $# -ge 2 ] || usage
sub=$1
shift
case $sub in
start) cmd_start "$@" ;;
exec) sd=$(cd "$1" && pwd) || die "no state directory $1"; shift
	vm_ctl "$sd" "$*" ;;
stop) [ $# -eq 1 ] || usage; [ -d "$1" ] || exit 0
	stop "$(cd "$1" && pwd)" ;;
*) usage ;;
esac
