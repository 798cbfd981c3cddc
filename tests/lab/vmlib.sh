# SPDX-License-Identifier: MIT
# vmlib.sh: helpers for qemu labs built from Debian packages (sourced by
# tests/lab/wifi-vm; bras-vm keeps its own copies for now).
#
#   vm_vmlinux DEB DIR        unpack DEB's kernel into DIR/vmlinux (ELF, for
#                             qemu's PVH entry) and its modules under DIR/lib
#   vm_modules DIR ROOT MOD.. copy MOD and what it depends on into
#                             ROOT/lib/modules, order in load.order
#   vm_libs BIN...            the host libraries BIN needs (ldd), one a line
#   vm_pid SD                 pid of the qemu of state directory SD
#   vm_ctl SD CMD             run CMD in the guest over the control port
#
# The caller defines die() (message, exit 1) and sets vm_exec_timeout.

vm_vmlinux() {
	local deb=$1 dir=$2 vmlinuz off
	dpkg-deb --fsys-tarfile "$deb" | tar -x -C "$dir" \
	    --wildcards './boot/vmlinuz-*' './lib/modules/*/kernel/*' ||
	    die "cannot extract $deb"
	vmlinuz=$(find "$dir/boot" -name 'vmlinuz-*' -print -quit)
	[ -n "$vmlinuz" ] || die "no /boot/vmlinuz-* in $deb"
	# Debian's bzImage holds an xz stream; booting the inner ELF through
	# PVH skips the decompression, which is slow under TCG.
	off=$(LC_ALL=C grep -abo $'\xfd7zXZ\x00' "$vmlinuz" |
	    awk -F: 'NR == 1 { print $1 }')
	[ -n "$off" ] || die "no xz stream in $vmlinuz"
	tail -c +$((off + 1)) "$vmlinuz" | xz -dc --single-stream \
	    >"$dir/vmlinux" 2>/dev/null || true
	[ "$(head -c 4 "$dir/vmlinux" | od -An -c | tr -d ' ')" = '177ELF' ] ||
	    die "could not unpack an ELF vmlinux from $vmlinuz"
}

# Depth first over each module's own "depends=" (no modules.dep in the
# package), dependencies before their users.
vm_modules() {
	local dir=$1 root=$2 kmods m
	shift 2
	kmods=$(find "$dir/lib/modules" -mindepth 2 -maxdepth 2 -name kernel \
	    -print -quit)
	[ -n "$kmods" ] || die "no kernel modules under $dir"
	mkdir -p "$root/lib/modules"
	declare -gA vm_seen=()
	vm_order=()
	for m in "$@"; do vm_module_add "$kmods" "$root" "$m"; done
	printf '%s\n' "${vm_order[@]}" >"$root/lib/modules/load.order"
}

vm_module_add() {
	local kmods=$1 root=$2 m=${3//-/_} f d dep
	[ -n "${vm_seen[$m]-}" ] && return
	vm_seen[$m]=1
	f=$(find "$kmods" \( -name "$m.ko" -o -name "${m//_/-}.ko" \
	    -o -name "$m.ko.xz" -o -name "${m//_/-}.ko.xz" \) -print -quit)
	[ -n "$f" ] || die "kernel module $m not found"
	case $f in
	*.xz) xz -dc "$f" >"$root/lib/modules/$m.ko" ;;
	*) cp "$f" "$root/lib/modules/$m.ko" ;;
	esac
	d=$(tr '\0' '\n' <"$root/lib/modules/$m.ko" |
	    LC_ALL=C sed -n 's/^depends=//p')
	for dep in ${d//,/ }; do vm_module_add "$kmods" "$root" "$dep"; done
	vm_order+=("$m")
}

vm_libs() {
	local b out
	for b in "$@"; do
		out=$(ldd "$b" 2>&1) || die "ldd $b failed: $out"
		! grep -q 'not found' <<<"$out" ||
		    die "$(basename "$b") needs libraries missing on this host: $(awk '/not found/ { printf "%s ", $1 }' <<<"$out")"
		awk '$2 == "=>" && $3 ~ /^\// { print $3 }
		    $1 ~ /^\// { print $1 }' <<<"$out"
	done | sort -u
}

vm_pid() {
	local pid stat
	pid=$(cat "$1/qemu.pid" 2>/dev/null) || return 1
	[[ $pid =~ ^[0-9]+$ ]] || return 1
	stat=$(cat "/proc/$pid/stat" 2>/dev/null) || return 1
	stat=${stat##*) }
	[ "${stat%% *}" != Z ] || return 1
	# A reused pid is not ours: qemu's command line names SD.
	tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qF -- "$1/" ||
	    return 1
	printf '%s\n' "$pid"
}

# The guest agent answers "@@RUN nonce base64(cmd)" with "@@BEGIN nonce",
# "O base64(stdout)", "E base64(stderr)", "@@END nonce status"; lines of
# other nonces (a timed-out earlier request) are skipped.  125: no answer.
vm_ctl() {
	local sd=$1 cmd=$2 nonce line tag rest rc=125 got=0 out="" errs=""
	local deadline part=""
	vm_pid "$sd" >/dev/null || { echo "vm: $sd is not running" >&2; return 125; }
	exec 7>>"$sd/ctl.lock"
	flock -w "${vm_exec_timeout:-30}" 7 || { echo "vm: $sd busy" >&2; return 125; }
	exec 5<>"$sd/ctl.in" 6<>"$sd/ctl.out"
	nonce="$$.$RANDOM.$(date +%s%N)"
	printf '\n@@RUN %s %s\n' "$nonce" "$(printf '%s' "$cmd" | base64 -w0)" >&5
	deadline=$(($(date +%s) + ${vm_exec_timeout:-30}))
	while [ "$(date +%s)" -lt "$deadline" ]; do
		if ! IFS= read -r -t 1 -u 6 line; then
			part+=$line
			vm_pid "$sd" >/dev/null || break
			continue
		fi
		line=$part$line part=""
		read -r tag rest <<<"$line" || true
		case $tag in
		@@BEGIN) [ "$rest" = "$nonce" ] && got=1 ;;
		O) [ $got = 1 ] && out=$rest ;;
		E) [ $got = 1 ] && errs=$rest ;;
		@@END)
			[ $got = 1 ] && [ "${rest%% *}" = "$nonce" ] || continue
			rc=${rest##* }
			[[ $rc =~ ^[0-9]+$ ]] || rc=125
			break ;;
		esac
	done
	exec 5>&- 6<&- 7>&-
	[ "$rc" != 125 ] || [ $got = 1 ] || echo "vm: no answer from $sd" >&2
	[ -n "$out" ] && base64 -d <<<"$out"
	[ -n "$errs" ] && base64 -d <<<"$errs" >&2
	return "$rc"
}
