#!/bin/bash
# make ARCH=arm64 cross-builds the commands with Debian's multiarch
# libraries, make deb ARCH=arm64 packages them (lintian-clean), and the
# unit tests and the integration tests that need no network namespace pass
# on arm64 under qemu-user. When the toolchain is missing, CI (CI=true) or
# BBT_INSTALL_ARM64=1 installs it (dpkg --add-architecture arm64 and
# apt-get); elsewhere the test is skipped and says what to install.
. "$BBT_TOP/tests/lib.sh"
need_cmd make tar file
cd "$BBT_TOP"
pcs=$(for m in src/*/module.mk; do sed -n 's/^[a-z-]*_PKGS *:= *//p' "$m"; done |
    tr ' ' '\n' | sort -u | tr '\n' ' ')
# Libraries linked without a .pc file (-lNAME), -lm aside.
libs=$(for m in src/*/module.mk; do sed -n 's/^[a-z-]*_LIBS *:= *//p' "$m"; done |
    tr ' ' '\n' | grep '^-l' | grep -vx -- -lm | sort -u | tr '\n' ' ')
tools="gcc-aarch64-linux-gnu libc6-dev-arm64-cross qemu-user-static lintian"
missing_libs() {
	command -v aarch64-linux-gnu-pkg-config >/dev/null || { echo "(pkg-config)"; return; }
	sh src/deb/cross-missing.sh arm64 aarch64-linux-gnu-pkg-config zlib cmocka $pcs $libs
}
# Without the cross compiler, make names its package.
run make -s ARCH=arm64 CC=/nonexistent/aarch64-linux-gnu-gcc all
assert_rc 2 "make ARCH=arm64 without a compiler"
assert_match 'aarch64-linux-gnu-gcc not found: apt-get install gcc-aarch64-linux-gnu' "$err" "missing compiler message"

start=$(date +%s)
if ! command -v aarch64-linux-gnu-gcc >/dev/null ||
    ! command -v qemu-aarch64-static >/dev/null || [ -n "$(missing_libs)" ]; then
	if [ "${CI-}" != true ] && [ "${BBT_INSTALL_ARM64-}" != 1 ]; then
		skip "no arm64 toolchain: BBT_INSTALL_ARM64=1 installs $tools and $(missing_libs | tr '\n' ' ')"
	fi
	[ "$(id -u)" -eq 0 ] || skip "no arm64 toolchain, and installing it needs root"
	export DEBIAN_FRONTEND=noninteractive
	{ dpkg --add-architecture arm64 && apt-get update -qq &&
	    apt-get install -y -qq --no-install-recommends $tools pkgconf:arm64 >/dev/null &&
	    apt-get install -y -qq --no-install-recommends $(missing_libs) >/dev/null
	} >"$T/apt.log" 2>&1 || skip "cannot install the arm64 toolchain: $(tail -n 3 "$T/apt.log")"
fi
echo "toolchain: $(($(date +%s) - start)) s" >&2

# A copy of the tree, so that its bin/ can hold arm64 binaries.
src=$T/src
mkdir -p "$src"
tar -C "$BBT_TOP" --exclude=./build --exclude=./bin --exclude=./.git -cf - . |
    tar -C "$src" -xf -
start=$(date +%s)
units=$(cd "$src" && ls tests/unit/test_*.c tests/unit/*/test_*.c |
    sed 's|^\(.*\)\.c$|build/arm64/obj/\1|')
run make -s -C "$src" -j2 ARCH=arm64 BIN=bin SANITIZE=0 WERROR=1 all $units
assert_rc 0 "make ARCH=arm64"
echo "arm64 build: $(($(date +%s) - start)) s" >&2
file "$src/bin/bbdiag" | grep -q 'ARM aarch64' || fail "bin/bbdiag is not an arm64 binary"

# A missing cross library is named with its multiarch package.
run make -s -C "$src" ARCH=arm64 PKG_CONFIG=false all
assert_rc 2 "make with no cross libraries"
assert_match 'missing arm64 libraries: dpkg --add-architecture arm64; apt-get update; apt-get install .*libpcap0\.8-dev:arm64' "$err" "missing library message"

# make deb warns when the tree it packages differs from its last commit.
if command -v git >/dev/null; then
	git -C "$src" init -q && git -C "$src" add -A &&
	    git -C "$src" -c user.name=t -c user.email=t@t commit -qm t ||
	    fail "git commit of the copy"
	echo >>"$src/README.md"
fi
run make -s -C "$src" -j2 deb ARCH=arm64 DEB_OUT="$T/debs"
assert_rc 0 "make deb ARCH=arm64"
if command -v git >/dev/null; then
	assert_match '^deb: warning: the tree has uncommitted changes' "$err" "make deb on a dirty tree"
fi
deb=$(ls "$T"/debs/bbtools_*_arm64.deb)
[ "$(dpkg-deb -f "$deb" Architecture)" = arm64 ] || fail "the package is not arm64"
dpkg-deb -f "$deb" Depends | grep -q 'libpcap0.8' || fail "arm64 Depends lacks libpcap0.8"
if command -v lintian >/dev/null; then
	run lintian --pedantic "$deb"
	assert_nomatch '^[EW]: ' "$out" "lintian"
fi

# qemu-user runs each arm64 binary (no binfmt_misc registration needed:
# the wrappers call the emulator; the multiarch loader and libraries are
# in /lib and /usr/lib/aarch64-linux-gnu).
wrap() {
	mkdir -p "$(dirname "$1")/.arm64"
	mv "$1" "$(dirname "$1")/.arm64/"
	printf '#!/bin/sh\nexec qemu-aarch64-static -0 "$0" "$(dirname "$0")/.arm64/%s" "$@"\n' \
	    "${1##*/}" >"$1"
	chmod 755 "$1"
}
for b in "$src"/bin/*; do wrap "$b"; done
for u in $units; do wrap "$src/$u"; done
start=$(date +%s)
run sh "$src/tests/run-unit.sh" $(for u in $units; do echo "$src/$u"; done)
assert_rc 0 "unit tests on arm64"
echo "arm64 unit: $(($(date +%s) - start)) s, ${out##*$'\n'}" >&2
list=$(cd "$src" && grep -L -E 'lab/|lab_|netns|ns_new|unshare|veth|need_root|make ' \
    tests/integration/{bbdiag,qareport,visitnote,linecheck,pppoe-probe,common}/*.sh)
start=$(date +%s)
run bash "$src/tests/run-integration.sh" $(for t in $list; do echo "$src/$t"; done)
printf '%s\n' "$out" | grep -E '^(PASS|SKIP|FAIL) ' >&2
assert_rc 0 "integration tests on arm64"
echo "arm64 integration: $(($(date +%s) - start)) s, ${out##*$'\n'}" >&2
