#!/bin/sh
# SPDX-License-Identifier: MIT
# cross-missing.sh ARCH PKG_CONFIG NAME...: prints, for each pkg-config
# NAME the cross PKG_CONFIG cannot find, the Debian package to install for
# ARCH (the one shipping NAME.pc natively, e.g. libpcap0.8-dev:arm64).
# A NAME of the form -lLIB is a library without a .pc file (libiperf):
# it is missing when ARCH's multiarch directory has no libLIB.so, and its
# package is the one shipping the native libLIB.so.
arch=$1 pc=$2
shift 2
triplet=$(dpkg-architecture -a"$arch" -qDEB_HOST_MULTIARCH 2>/dev/null)
native=$(dpkg-architecture -qDEB_HOST_MULTIARCH 2>/dev/null)
for name; do
	case $name in
	-l*)
		lib=lib${name#-l}.so
		[ -e "/usr/lib/$triplet/$lib" ] && continue
		# Not a separate library here (-lpthread is libc's): the
		# cross compiler's own C library has it.
		[ -e "/usr/lib/$native/$lib" ] || continue
		file=/usr/lib/$native/$lib what=$lib ;;
	*)
		"$pc" --exists "$name" 2>/dev/null && continue
		dir=$(pkg-config --variable=pcfiledir "$name" 2>/dev/null)
		file=$dir/$name.pc what=$name.pc
		[ -n "$dir" ] || file= ;;
	esac
	pkg=
	[ -n "$file" ] && pkg=$(dpkg-query -S "$file" 2>/dev/null |
	    sed -n '1s/[:,].*//p')
	if [ -n "$pkg" ]; then
		echo "$pkg:$arch"
	else
		echo "(the package shipping $what):$arch"
	fi
done
