#!/bin/sh
# SPDX-License-Identifier: MIT
# build-deb.sh ARCH VERSION DIR OUT STRIP OBJCOPY PROG...: turns the tree
# `make install DESTDIR=DIR/root PREFIX=/usr` left into OUT/bbtools_*.deb
# and OUT/bbtools-dbgsym_*.deb, as debhelper would: man pages and the
# changelog compressed, binaries stripped with their debug info split off
# by build id, dependencies from dpkg-shlibdeps, md5sums, root ownership.
set -eu
arch=$1 version=$2 dir=$3 out=$4 strip=$5 objcopy=$6
shift 6
src=$(cd "$(dirname "$0")" && pwd)
root=$dir/root dbg=$dir/dbgsym meta=$dir/meta
rm -rf "$dbg" "$meta"
mkdir -p "$out" "$meta/debian" "$root/DEBIAN" "$dbg/DEBIAN"
umask 022

doc=$root/usr/share/doc/bbtools
install -d "$doc" "$root/usr/share/lintian/overrides"
install -m 644 "$src/copyright" "$doc/copyright"
gzip -9nc "$src/changelog" >"$doc/changelog.gz"
install -m 644 "$src/lintian-overrides" "$root/usr/share/lintian/overrides/bbtools"
find "$root/usr/share/man" -type f -name '*.[1-9]' -exec gzip -9nf {} +

# Debug info goes to /usr/lib/debug/.build-id/xx/yyyy.debug, found by gdb
# through the build id; the binary keeps a debuglink to it.
ids=
for p; do
	f=$root/usr/bin/$p
	id=$(LC_ALL=C readelf -n "$f" | sed -n 's/^ *Build ID: *//p')
	[ -n "$id" ] || { echo "build-deb: $p has no build id" >&2; exit 1; }
	d=$dbg/usr/lib/debug/.build-id/$(echo "$id" | cut -c1-2)
	install -d "$d"
	df=$d/$(echo "$id" | cut -c3-).debug
	"$objcopy" --only-keep-debug --compress-debug-sections "$f" "$df"
	chmod 644 "$df"
	"$strip" --remove-section=.comment --remove-section=.note "$f"
	"$objcopy" --add-gnu-debuglink="$df" "$f"
	ids="$ids${ids:+ }$id"
done
install -d "$dbg/usr/share/doc"
ln -s bbtools "$dbg/usr/share/doc/bbtools-dbgsym"

# dpkg-shlibdeps and dpkg-gencontrol want a source tree: debian/control
# and debian/changelog are ours, the package tree is DIR/root.
cp "$src/control" "$meta/debian/control"
cp "$src/changelog" "$meta/debian/changelog"
sed -i "1s/([^)]*)/($version)/" "$meta/debian/changelog"
abs_root=$(cd "$root" && pwd)
bins=
for p; do bins="$bins $abs_root/usr/bin/$p"; done
(cd "$meta" && DEB_HOST_ARCH=$arch dpkg-shlibdeps -Tdebian/substvars $bins)
(cd "$meta" && DEB_HOST_ARCH=$arch dpkg-gencontrol -pbbtools \
    -P"$abs_root" -Tdebian/substvars)
install -m 755 "$src/postinst" "$root/DEBIAN/postinst"
(cd "$root" && find usr -type f | LC_ALL=C sort | xargs md5sum) >"$root/DEBIAN/md5sums"
chmod 644 "$root/DEBIAN/md5sums" "$root/DEBIAN/control"
dpkg-deb --root-owner-group -Zxz --build "$root" \
    "$out/bbtools_${version}_$arch.deb" >/dev/null

dsize=$(du -k -s --apparent-size "$dbg/usr" | cut -f1)
cat >"$dbg/DEBIAN/control" <<END
Package: bbtools-dbgsym
Source: bbtools
Version: $version
Auto-Built-Package: debug-symbols
Architecture: $arch
Maintainer: $(sed -n 's/^Maintainer: //p' "$src/control")
Installed-Size: $dsize
Depends: bbtools (= $version)
Section: debug
Priority: optional
Description: debug symbols for bbtools
Build-Ids: $ids
END
(cd "$dbg" && find usr -type f | LC_ALL=C sort | xargs md5sum) >"$dbg/DEBIAN/md5sums"
chmod 644 "$dbg/DEBIAN/md5sums" "$dbg/DEBIAN/control"
dpkg-deb --root-owner-group -Zxz --build "$dbg" \
    "$out/bbtools-dbgsym_${version}_$arch.deb" >/dev/null
deb=$out/bbtools_${version}_$arch.deb
echo "deb: $deb ($(du -k "$deb" | cut -f1) KB, installed $(dpkg-deb -f "$deb" Installed-Size) KB)"
echo "deb: $out/bbtools-dbgsym_${version}_$arch.deb"
