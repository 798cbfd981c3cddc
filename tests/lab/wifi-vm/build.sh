#!/bin/bash
# SPDX-License-Identifier: MIT
# build.sh [CACHEDIR]: build the wifi-vm guest (mac80211_hwsim radios,
# hostapd access points, a wpa_supplicant client) from Debian packages.
#
# Prints the directory holding vmlinux and initrd.cpio on stdout.  The
# packages come from apt-get download + dpkg -x, the guest binaries'
# shared libraries are the host's (ldd).  Cached under CACHEDIR (default
# ${BBT_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/bbtools}/wifi-vm), keyed by
# package versions, this directory, vmlib.sh and the libraries.
#
# Exit status: 0 built or cached; 1 failure; 2 usage; 69 a package, tool
# or library cannot be had here (tests skip on it).
set -euo pipefail

prog=build.sh
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
base=${BBT_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/bbtools}
cache=${1:-$base/wifi-vm}
# mac80211 asks for its ciphers with request_module(), and the guest has
# no modprobe: load them first.
modules="ccm ctr cmac gcm mac80211_hwsim"
# linecheck --wired (60-wifi-wired-speed): a wired path beside the air,
# and tbf to shape it.
modules="$modules veth sch_tbf"
pkgs=(linux-image-amd64 busybox-static iproute2 iw hostapd wpasupplicant)
# The server both paths reach, for linecheck --speed=iperf3://.
pkgs+=(iperf3)

say() { printf '%s: %s\n' "$prog" "$*" >&2; }
die() { printf '%s: error: %s\n' "$prog" "$*" >&2; exit 1; }
unavailable() { printf '%s: error: %s\n' "$prog" "$*" >&2; exit 69; }
# shellcheck source=../vmlib.sh
. "$here/../vmlib.sh"

[ $# -le 1 ] || { echo "usage: $prog [CACHEDIR]" >&2; exit 2; }
for tool in apt-cache apt-get dpkg-deb ldd sha256sum xz flock; do
	command -v "$tool" >/dev/null || unavailable "$tool not found"
done
mkdir -p "$cache/debs" "$cache/pkg" "$cache/out" || die "cannot create $cache"
cache=$(cd "$cache" && pwd)
exec 9>"$cache/lock"
flock 9 || die "cannot lock $cache/lock"

# Candidate versions; apt-cache costs a second, so its answer is kept
# against a fingerprint of apt's lists and of the package list.
stamp=$({ stat -c '%n %s %Y' /var/lib/apt/lists/* /etc/apt/sources.list \
    /etc/apt/sources.list.d/* 2>/dev/null; echo "${pkgs[*]}"; } |
    sha256sum | cut -c1-16) || true
if [ "$(head -n1 "$cache/versions" 2>/dev/null)" != "stamp $stamp" ]; then
	{
		echo "stamp $stamp"
		apt-cache show --no-all-versions "${pkgs[@]}" 2>/dev/null |
		awk '/^Package:/ { p = $2 } /^Version:/ { print "pkg", p, $2 }
		    p == "linux-image-amd64" && /^Depends:/ {
			sub(/^Depends: */, ""); sub(/,.*/, "")
			gsub(/[()=]/, ""); print "kernel", $1, $2 }'
	} >"$cache/versions"
fi
declare -A ver
kpkg=
while read -r what p v; do
	case $what in
	pkg) ver[$p]=$v ;;
	kernel) kpkg=$p; ver[$p]=$v ;;
	esac
done <"$cache/versions"
for p in "${pkgs[@]}"; do
	[ -n "${ver[$p]-}" ] || { rm -f "$cache/versions"
		unavailable "package $p is not available from apt"; }
done
[ -n "$kpkg" ] || unavailable "cannot tell which kernel linux-image-amd64 means"
unset 'ver[linux-image-amd64]'

# deb PKG: its .deb here, or in bras-vm's cache (the kernel is 70 MB).
deb() {
	local f
	for f in "$cache/debs/${1}_${ver[$1]//:/%3a}_"*.deb \
	    "$base/bras-vm/debs/${1}_${ver[$1]//:/%3a}_"*.deb; do
		[ -f "$f" ] && { printf '%s\n' "$f"; return 0; }
	done
	return 1
}
want=()
for p in "${!ver[@]}"; do deb "$p" >/dev/null || want+=("$p=${ver[$p]}"); done
if [ ${#want[@]} -gt 0 ]; then
	say "downloading ${want[*]}"
	aptopt=()
	[ "$(id -u)" -eq 0 ] && aptopt=(-o APT::Sandbox::User=root)
	(cd "$cache/debs" && apt-get -q "${aptopt[@]}" download "${want[@]}" \
	    >/dev/null) || unavailable "apt-get download ${want[*]} failed"
fi
unpack() {
	local d="$cache/pkg/$1_${ver[$1]}"
	if [ ! -e "$d/.done" ]; then
		rm -rf "$d"
		dpkg -x "$(deb "$1")" "$d" || die "cannot extract $1"
		: >"$d/.done"
	fi
	printf '%s\n' "$d"
}
bb=$(unpack busybox-static)/bin/busybox
bins=("$(unpack iproute2)/bin/ip" "$(unpack iw)/sbin/iw"
    "$(unpack hostapd)/usr/sbin/hostapd" "$(unpack hostapd)/usr/sbin/hostapd_cli"
    "$(unpack wpasupplicant)/sbin/wpa_supplicant"
    "$(unpack wpasupplicant)/sbin/wpa_cli"
    "$(unpack iperf3)/usr/bin/iperf3" "$(unpack iproute2)/sbin/tc")
mapfile -t libs < <(vm_libs "${bins[@]}")

key=$(
	for p in "${!ver[@]}"; do echo "pkg $p ${ver[$p]}"; done | sort
	echo "modules $modules"
	cd "$here" && find build.sh ../vmlib.sh guest -type f -printf '%p %m\n' |
	    sort | while read -r f m; do
		echo "file $f $m $(sha256sum <"$f" | cut -c1-64)"
	    done
	for l in "${libs[@]}"; do echo "lib $l $(sha256sum <"$l" | cut -c1-64)"; done
)
key=$(sha256sum <<<"$key" | cut -c1-16)
out="$cache/out/$key"
if [ -e "$out/.done" ]; then
	printf '%s\n' "$out"
	exit 0
fi

say "building guest $key (kernel $kpkg ${ver[$kpkg]})"
tmp=$(mktemp -d "$cache/build.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
root=$tmp/root
vm_vmlinux "$(deb "$kpkg")" "$tmp"
mkdir -p "$root"/{bin,sbin,usr/bin,usr/sbin,lib64,dev,proc,sys,run,tmp,var/log}
cp "$bb" "$root/bin/busybox"
while read -r a; do
	[ -e "$root/$a" ] || ln -s /bin/busybox "$root/$a"
done < <("$bb" --list-full)
rm -f "$root/sbin/ip" "$root/bin/ip" "$root/sbin/tc" "$root/bin/tc"
cp "${bins[@]}" "$root/usr/sbin/"
for l in "${libs[@]}"; do
	mkdir -p "$root$(dirname "$l")"
	cp -L "$l" "$root$l"
done
vm_modules "$tmp" "$root" $modules
say "modules: ${vm_order[*]}"
cp -R "$here/guest/." "$root/"
chmod 755 "$root/init" "$root/etc/rc.wifi" "$root/sbin/wifi-agent"
# Uncompressed: unpacking gzip under TCG costs more than reading it.
(cd "$root" && find . | LC_ALL=C sort | "$bb" cpio -o -H newc -R 0:0 2>/dev/null) \
    >"$tmp/initrd.cpio" || die "cannot write the initramfs"
mkdir -p "$tmp/out"
mv "$tmp/vmlinux" "$tmp/initrd.cpio" "$tmp/out/"
printf '%s\n' "${libs[@]}" >"$tmp/out/libs"
: >"$tmp/out/.done"
rm -rf "$out"
mv "$tmp/out" "$out"
for d in "$cache"/out/*; do [ "$d" = "$out" ] || rm -rf "$d"; done
printf '%s\n' "$out"
