#!/bin/sh
# SPDX-License-Identifier: MIT
# cross-missing.sh ARCH PKG_CONFIG NAME...: prints, for each pkg-config
# NAME the cross PKG_CONFIG cannot find, the Debian package to install for
# ARCH (the one shipping NAME.pc natively, e.g. libpcap0.8-dev:arm64).
arch=$1 pc=$2
shift 2
for name; do
	"$pc" --exists "$name" 2>/dev/null && continue
	dir=$(pkg-config --variable=pcfiledir "$name" 2>/dev/null)
	pkg=
	[ -n "$dir" ] && pkg=$(dpkg-query -S "$dir/$name.pc" 2>/dev/null |
	    sed -n '1s/[:,].*//p')
	if [ -n "$pkg" ]; then
		echo "$pkg:$arch"
	else
		echo "(the package shipping $name.pc):$arch"
	fi
done
