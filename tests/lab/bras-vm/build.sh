#!/bin/bash
# SPDX-License-Identifier: MIT
# build.sh [CACHEDIR]: build the bras-vm guest (a PPPoE BRAS running
# pppoe-server + pppd under qemu) from Debian packages only.
#
# Prints the directory holding vmlinux and initrd.cpio on stdout, what it
# does on stderr.  Packages come from apt-get download + dpkg -x; shared
# libraries of the guest binaries are the host's, found with ldd.  The
# result is cached under CACHEDIR (default
# ${BBT_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/bbtools}/bras-vm), keyed
# by the package versions, the files of this directory and the libraries,
# and rebuilt only when one of them changes.
#
# Exit status: 0 built or cached; 1 build failure; 2 usage; 69 a package,
# tool or host library the build needs cannot be had.
set -euo pipefail

prog=build.sh
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
cache=${1:-${BBT_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/bbtools}/bras-vm}

# Guest kernel modules; their dependencies are added and ordered from the
# modules' own "depends=" field (the package has no modules.dep).
modules="virtio_pci virtio_net ppp_generic slhc ppp_async pppox pppoe"
modules+=" 8021q veth"
modules+=" crc32c_generic nf_tables nft_chain_nat nft_nat"  # first traffic (libcrc32c soft-depends on crc32c)

say() { printf '%s: %s\n' "$prog" "$*" >&2; }
die() { printf '%s: error: %s\n' "$prog" "$*" >&2; exit 1; }
# Something the build needs cannot be had here (selftest.sh skips on 69).
unavailable() { printf '%s: error: %s\n' "$prog" "$*" >&2; exit 69; }

[ $# -le 1 ] || { echo "usage: $prog [CACHEDIR]" >&2; exit 2; }
for tool in apt-cache apt-get dpkg-deb gcc ldd sha256sum xz flock; do
	command -v "$tool" >/dev/null ||
	    unavailable "$tool not found (Debian packages: see .ci/packages/bras-vm.txt)"
done

mkdir -p "$cache/debs" "$cache/pkg" "$cache/out" ||
    die "cannot create cache directory $cache"
cache=$(cd "$cache" && pwd)
exec 9>"$cache/lock"
flock 9 || die "cannot lock $cache/lock"

# --- package versions -------------------------------------------------

pkgs=(linux-image-amd64 busybox-static iproute2 ppp ppp-dev pppoe)
pkgs+=(freeradius freeradius-common libfreeradius3 libtalloc2 libwbclient0)  # radius mode
pkgs+=(dnsmasq-base nftables)  # first-traffic services
pkgs+=(radvd wide-dhcpv6-server wide-dhcpv6-client)  # IPv6 services (guest/etc/rc.v6)

# apt-cache takes most of a second here; its answer only changes with the
# package lists, so keep it next to a fingerprint of them.
stamp=$({
	echo "${APT_CONFIG-}"
	echo "${pkgs[*]}"
	stat -c '%n %s %Y' /var/lib/apt/lists/* /var/lib/dpkg/status \
	    /etc/apt/sources.list /etc/apt/sources.list.d/* \
	    /etc/apt/preferences /etc/apt/preferences.d/* 2>/dev/null
} | sha256sum | cut -d' ' -f1) || true
if [ "$(head -n1 "$cache/versions" 2>/dev/null)" != "stamp $stamp" ]; then
	# The candidate version of each package, and the image that the
	# linux-image-amd64 metapackage stands for.
	info=$(apt-cache show --no-all-versions "${pkgs[@]}" 2>/dev/null) || true
	{
		echo "stamp $stamp"
		awk '/^Package:/ { p = $2 } /^Version:/ { print "pkg", p, $2 }
		    p == "linux-image-amd64" && /^Depends:/ {
			sub(/^Depends: */, ""); sub(/,.*/, "")
			gsub(/[()=]/, ""); print "kernel", $1, $2 }' <<<"$info"
	} >"$cache/versions.new"
	mv "$cache/versions.new" "$cache/versions"
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
	[ -n "${ver[$p]-}" ] || {
		rm -f "$cache/versions"
		unavailable "package $p is not available from apt (run apt-get update?)"
	}
done
[ -n "$kpkg" ] && [ -n "${ver[$kpkg]-}" ] || {
	rm -f "$cache/versions"
	unavailable "cannot tell which kernel linux-image-amd64 ${ver[linux-image-amd64]} depends on"
}
unset 'ver[linux-image-amd64]'

# deb PKG: path of PKG's .deb at the chosen version, if downloaded.
deb() {
	local f
	for f in "$cache/debs/${1}_${ver[$1]//:/%3a}_"*.deb; do
		[ -f "$f" ] && { printf '%s\n' "$f"; return 0; }
	done
	return 1
}

# Download what is missing, in one apt-get call.
want=()
for p in "${!ver[@]}"; do
	deb "$p" >/dev/null || want+=("$p=${ver[$p]}")
done
if [ ${#want[@]} -gt 0 ]; then
	say "downloading ${want[*]}"
	aptopt=()
	# As root apt drops to the _apt user, which cannot write our cache.
	[ "$(id -u)" -eq 0 ] && aptopt=(-o APT::Sandbox::User=root)
	(cd "$cache/debs" && apt-get -q "${aptopt[@]}" download "${want[@]}" \
	    >/dev/null) ||
	    unavailable "cannot download ${want[*]} (apt-get download failed)"
	for p in "${!ver[@]}"; do
		deb "$p" >/dev/null ||
		    unavailable "apt-get download of $p ${ver[$p]} left no .deb in $cache/debs"
	done
fi

# unpack PKG: directory with PKG extracted (small packages, kept).
unpack() {
	local d="$cache/pkg/$1_${ver[$1]}"
	if [ ! -e "$d/.done" ]; then
		rm -rf "$d"
		dpkg -x "$(deb "$1")" "$d" || die "cannot extract package $1"
		: >"$d/.done"
	fi
	printf '%s\n' "$d"
}

kdeb=$(deb "$kpkg")
bbdir=$(unpack busybox-static)
ipdir=$(unpack iproute2)
pppdir=$(unpack ppp)
devdir=$(unpack ppp-dev)
poedir=$(unpack pppoe)
dnsdir=$(unpack dnsmasq-base)  # first-traffic services
nftdir=$(unpack nftables)
v6bins=("$(unpack radvd)/usr/sbin/radvd" "$(unpack wide-dhcpv6-server)/usr/sbin/dhcp6s"
    "$(unpack wide-dhcpv6-client)/usr/sbin/dhcp6c")  # IPv6 services

pluginver=$(sed -n 's/^#define VERSION[[:space:]]*"\(.*\)"/\1/p' \
    "$devdir/usr/include/pppd/patchlevel.h")
[ -n "$pluginver" ] || die "no VERSION in ppp-dev's patchlevel.h"
plugindir=/usr/lib/pppd/$pluginver
[ -f "$pppdir$plugindir/pppoe.so" ] ||
    die "ppp ${ver[ppp]} has no $plugindir (ppp and ppp-dev differ?)"

bins=("$pppdir/usr/sbin/pppd" "$pppdir$plugindir/pppoe.so"
    "$pppdir/usr/sbin/pppoe-discovery" "$poedir/usr/sbin/pppoe-server"
    "$poedir/usr/sbin/pppoe" "$ipdir/bin/ip")
bins+=("$dnsdir/usr/sbin/dnsmasq" "$nftdir/usr/sbin/nft")  # first traffic

# radius mode: FreeRADIUS, the modules raddb-bbt loads and their
# libraries, which the host need not have: ldd finds them in the
# unpacked packages (pkglibs).
raddir=$(unpack freeradius)
radcommon=$(unpack freeradius-common)
radmods="rlm_pap rlm_chap rlm_mschap rlm_files rlm_expiration rlm_always
    rlm_radutmp"
# A version's epoch colon would split LD_LIBRARY_PATH: link the
# libraries into one directory of their own.
arch=usr/lib/x86_64-linux-gnu
rm -rf "$cache/pkg/ldpath"
mkdir -p "$cache/pkg/ldpath/$arch"
ln -s "$(unpack libtalloc2)/$arch/"libtalloc.so.* \
    "$(unpack libwbclient0)/$arch/"libwbclient.so.* "$cache/pkg/ldpath/$arch/"
pkglibs="$(unpack libfreeradius3)/usr/lib/freeradius:$cache/pkg/ldpath/$arch"
# OpenSSL 3 gives MD4 (MS-CHAP) only through its legacy provider, which
# FreeRADIUS loads at start: the host's, beside its libcrypto.
legacy=/usr/lib/x86_64-linux-gnu/ossl-modules/legacy.so
[ -f "$legacy" ] ||
    unavailable "$legacy not found (Debian package libssl3)"
bins+=("$pppdir$plugindir/radius.so" "$raddir/usr/sbin/freeradius" "$legacy")
for m in $radmods; do bins+=("$raddir/usr/lib/freeradius/$m.so"); done
bins+=("${v6bins[@]}")  # IPv6 services

# --- shared libraries (the host's, as ldd resolves them) -------------

libs=()
for b in "${bins[@]}"; do
	out=$(LD_LIBRARY_PATH=$pkglibs ldd "$b" 2>&1) ||
	    die "ldd $b failed: $out"
	if grep -q 'not found' <<<"$out"; then
		unavailable "$(basename "$b") needs libraries missing on this host:" \
		    "$(awk '/not found/ { printf "%s ", $1 }' <<<"$out")" \
		    "(install the Debian package $(basename "$(dirname "$(dirname "$b")")") or its dependencies)"
	fi
	while read -r lib; do
		libs+=("$lib")
	done < <(awk '$2 == "=>" && $3 ~ /^\// { print $3 }
	    $1 ~ /^\// { print $1 }' <<<"$out")
done
mapfile -t libs < <(printf '%s\n' "${libs[@]}" | sort -u)

# --- cache key -------------------------------------------------------

key=$(
	for p in "${!ver[@]}"; do echo "pkg $p ${ver[$p]}"; done | sort
	echo "modules $modules"
	gcc -dumpfullversion
	cd "$here" &&
	    find build.sh bras-refuse.c guest -type f -printf '%p %m\n' |
	    sort | while read -r f m; do
		echo "file $f $m $(sha256sum <"$f" | cut -d' ' -f1)"
	    done
	for l in "${libs[@]}"; do
		echo "lib $l $(sha256sum <"$l" | cut -d' ' -f1)"
	done
)
key=$(sha256sum <<<"$key" | cut -c1-16)
out="$cache/out/$key"
if [ -e "$out/.done" ]; then
	say "cached: $out"
	printf '%s\n' "$out"
	exit 0
fi

# --- build -----------------------------------------------------------

t0=$(date +%s%N)
say "building guest $key (kernel $kpkg ${ver[$kpkg]})"
tmp=$(mktemp -d "$cache/build.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
root=$tmp/root

say "extracting $(basename "$kdeb")"
dpkg-deb --fsys-tarfile "$kdeb" | tar -x -C "$tmp" \
    --wildcards './boot/vmlinuz-*' './lib/modules/*/kernel/*' ||
    die "cannot extract $kdeb"
vmlinuz=$(find "$tmp/boot" -name 'vmlinuz-*' -print -quit)
[ -n "$vmlinuz" ] || die "no /boot/vmlinuz-* in $kdeb"

# The Debian kernel is an xz-compressed bzImage.  qemu boots the inner
# ELF vmlinux directly (PVH entry): no decompression under TCG, which
# halves the boot time.
say "unpacking vmlinux from $(basename "$vmlinuz")"
off=$(LC_ALL=C grep -abo $'\xfd7zXZ\x00' "$vmlinuz" |
    awk -F: 'NR == 1 { print $1 }')
[ -n "$off" ] || die "no xz stream in $vmlinuz"
tail -c +$((off + 1)) "$vmlinuz" | xz -dc --single-stream \
    >"$tmp/vmlinux" 2>/dev/null || true
[ "$(head -c 4 "$tmp/vmlinux" | od -An -c | tr -d ' ')" = '177ELF' ] ||
    die "could not unpack an ELF vmlinux from $vmlinuz"

say "assembling the initramfs"
mkdir -p "$root"/{bin,sbin,usr/bin,usr/sbin,lib/modules,lib64,root} \
    "$root"/{dev,proc,sys,run,tmp,var/log,etc/ppp} "$root$plugindir"
cp "$bbdir/bin/busybox" "$root/bin/busybox"
while read -r a; do
	[ -e "$root/$a" ] || [ -L "$root/$a" ] || ln -s /bin/busybox "$root/$a"
done < <("$root/bin/busybox" --list-full)
rm -f "$root/sbin/ip" "$root/bin/ip"
cp "$ipdir/bin/ip" "$root/sbin/ip"
cp "$pppdir/usr/sbin/pppd" "$pppdir/usr/sbin/pppoe-discovery" \
    "$poedir/usr/sbin/pppoe-server" "$poedir/usr/sbin/pppoe" "$root/usr/sbin/"
cp "$pppdir$plugindir/pppoe.so" "$root$plugindir/pppoe.so"
cp "$dnsdir/usr/sbin/dnsmasq" "$nftdir/usr/sbin/nft" "$root/usr/sbin/"
cp "${v6bins[@]}" "$root/usr/sbin/"  # IPv6 services
ln -s pppoe.so "$root$plugindir/rp-pppoe.so"
for l in "${libs[@]}"; do
	# A library of an unpacked package goes where the package has it.
	g=$l
	[[ $l == "$cache/pkg/"* ]] && g=/${l#"$cache/pkg/"*/}
	mkdir -p "$root$(dirname "$g")"
	cp -L "$l" "$root$g"
done

# radius mode (rc.radius): pppd's plugin, FreeRADIUS and the
# dictionaries raddb-bbt/dict names.
cp "$pppdir$plugindir/radius.so" "$root$plugindir/"
cp "$raddir/usr/sbin/freeradius" "$root/usr/sbin/"
mkdir -p "$root$(dirname "$legacy")"
cp "$legacy" "$root$legacy"
mkdir -p "$root/usr/lib/freeradius" "$root/usr/share/freeradius"
for m in $radmods; do
	cp "$raddir/usr/lib/freeradius/$m.so" "$root/usr/lib/freeradius/"
done
for d in $(sed -n 's|^\$INCLUDE /usr/share/freeradius/||p' \
    "$here/guest/etc/raddb-bbt/dict/dictionary"); do
	cp "$radcommon/usr/share/freeradius/$d" "$root/usr/share/freeradius/" ||
	    die "no dictionary $d in freeradius-common"
done

say "compiling bras-refuse.so against ppp-dev ${ver[ppp-dev]}"
gcc -O2 -Wall -Wextra -Wformat=2 -Wmissing-prototypes -fPIC -shared \
    -I "$devdir/usr/include" -o "$root$plugindir/bras-refuse.so" \
    "$here/bras-refuse.c" || die "cannot compile bras-refuse.c"

# Modules: depth-first over "depends=", dependencies first.
kmods=$(find "$tmp/lib/modules" -mindepth 2 -maxdepth 2 -name kernel -print -quit)
[ -n "$kmods" ] || die "no kernel modules in $kdeb"
declare -A seen
order=()
add_module() {
	local m=${1//-/_} f d
	[ -n "${seen[$m]-}" ] && return
	seen[$m]=1
	f=$(find "$kmods" \( -name "$m.ko" -o -name "${m//_/-}.ko" \
	    -o -name "$m.ko.xz" -o -name "${m//_/-}.ko.xz" \) -print -quit)
	[ -n "$f" ] || die "kernel module $m not found in $kpkg"
	case $f in
	*.xz) xz -dc "$f" >"$root/lib/modules/$m.ko" ;;
	*) cp "$f" "$root/lib/modules/$m.ko" ;;
	esac
	d=$(tr '\0' '\n' <"$root/lib/modules/$m.ko" |
	    LC_ALL=C sed -n 's/^depends=//p')
	for dep in ${d//,/ }; do add_module "$dep"; done
	order+=("$m")
}
for m in $modules; do add_module "$m"; done
printf '%s\n' "${order[@]}" >"$root/lib/modules/load.order"
say "modules: ${order[*]}"

cp -R "$here/guest/." "$root/"
chmod 755 "$root/init" "$root/etc/rc.bras" "$root/sbin/bras-agent"
chmod 755 "$root/etc/rc.traffic" "$root/etc/portal.sh"
chmod 755 "$root/etc/rc.v6" "$root/etc/ppp/ipv6-up" "$root/etc/ppp/ipv6-down"
chmod 600 "$root/etc/ppp/pap-secrets" "$root/etc/ppp/chap-secrets"
chmod 755 "$root/etc/rc.radius"

# Uncompressed cpio: unpacking gzip would cost more than loading it.
(cd "$root" && find . | LC_ALL=C sort |
    "$root/bin/busybox" cpio -o -H newc -R 0:0 2>/dev/null) \
    >"$tmp/initrd.cpio" || die "cannot write the initramfs"

mkdir -p "$tmp/out"
mv "$tmp/vmlinux" "$tmp/initrd.cpio" "$tmp/out/"
{
	echo "key $key"
	for p in "${!ver[@]}"; do echo "pkg $p ${ver[$p]}"; done | sort
	echo "modules ${order[*]}"
	printf 'lib %s\n' "${libs[@]}"
} >"$tmp/out/manifest"
: >"$tmp/out/.done"
rm -rf "$out"
mv "$tmp/out" "$out"
# Older builds are of no further use (a running qemu has its own copy).
for d in "$cache"/out/*; do
	[ "$d" = "$out" ] || rm -rf "$d"
done
ms=$((($(date +%s%N) - t0) / 1000000))
say "built $out in $((ms / 1000)).$(printf '%03d' $((ms % 1000))) s"
printf '%s\n' "$out"
