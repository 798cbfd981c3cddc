#!/bin/bash
# make deb gives a lintian-clean bbtools_*.deb (under 5 MB installed) that
# installs in a throwaway root: an overlay of / (upper layer on a tmpfs) in
# a private mount namespace, so the machine's own dpkg database and files
# never change. There an unprivileged user runs each command from the
# package, linecheck with the capability the postinst set; then the
# package is purged and nothing of it is left in the overlay.
if [ -z "${BBT_MOUNT_NS-}" ]; then
	[ "$(id -u)" -eq 0 ] || { echo "needs root (a mount namespace)" >&2; exit 77; }
	BBT_MOUNT_NS=1 exec unshare -m --propagation private bash "$0" "$@"
fi
. "$BBT_TOP/tests/lib.sh"
need_cmd dpkg-deb dpkg-shlibdeps lintian chroot setpriv getcap ip pdffonts file useradd
arch=$(dpkg --print-architecture)

# The postinst says why when setcap is missing or fails, and goes on.
mkdir -p "$T/stub"
printf '#!/bin/sh\necho "Failed to set capabilities on file $2 (Operation not supported)" >&2\nexit 1\n' >"$T/stub/setcap"
chmod 755 "$T/stub/setcap"
run env PATH="$T/stub:/usr/bin:/bin" sh "$BBT_TOP/src/deb/postinst" configure
assert_rc 0 "postinst, setcap fails"
assert_match '^bbtools: cannot set cap_net_raw on /usr/bin/linecheck \(the file system may not hold file capabilities\)' "$err" "postinst message"
rm "$T/stub/setcap"
run env PATH="$T/stub" /bin/sh "$BBT_TOP/src/deb/postinst" configure
assert_rc 0 "postinst, no setcap"
assert_match '^bbtools: setcap not found \(install libcap2-bin\): /usr/bin/pppoe-probe' "$err" "postinst message"

start=$(date +%s)
run make -s -C "$BBT_TOP" -j2 deb DEB_OUT="$T/debs"
assert_rc 0 "make deb"
echo "make deb: $(($(date +%s) - start)) s" >&2
deb=$T/debs/bbtools_0.1.0_$arch.deb
[ -f "$deb" ] || deb=$(ls "$T"/debs/bbtools_*_"$arch".deb)
dbg=$(ls "$T"/debs/bbtools-dbgsym_*_"$arch".deb)

# lintian: no error, no warning (the overrides file explains the rest).
run lintian --pedantic "$deb" "$dbg"
assert_nomatch '^[EW]: ' "$out" "lintian"
size=$(dpkg-deb -f "$deb" Installed-Size)
echo "installed size: $size KB" >&2
[ "$size" -le 5120 ] || fail "installed size $size KB is over 5 MB"
dpkg-deb -f "$deb" Depends | grep -q 'fonts-wqy-microhei' || fail "no CJK font in Depends"
dpkg-deb -f "$deb" Depends | grep -q 'libpcap0.8' || fail "Depends lacks dpkg-shlibdeps' libraries"
list=$(dpkg-deb -c "$deb")
for f in usr/share/man/man1/linecheck.1.gz usr/share/man/man7/bbtools.7.gz \
    usr/share/locale/zh_CN/LC_MESSAGES/bbtools.mo \
    usr/share/bash-completion/completions/bbdiag \
    usr/share/zsh/vendor-completions/_bbdiag \
    usr/share/fish/vendor_completions.d/bbdiag.fish \
    usr/share/doc/bbtools/copyright; do
	assert_match " \./$f\$" "$list" "$f in the package"
done
dpkg-deb -x "$deb" "$T/x"
file "$T/x/usr/bin/bbdiag" | grep -q ', stripped' || fail "binaries not stripped"

dpkg-query -W -f='${Status}' bbtools 2>/dev/null | grep -q ' installed' &&
    skip "bbtools is installed on this machine; the test would not start clean"
ov=$T/ov
mkdir -p "$ov"
mount -t tmpfs tmpfs "$ov" || skip "cannot mount a tmpfs"
at_exit "umount -R '$ov'"
mkdir -p "$ov/upper" "$ov/work" "$ov/root"
mount -t overlay overlay -o "lowerdir=/,upperdir=$ov/upper,workdir=$ov/work" \
    "$ov/root" || skip "cannot mount an overlay of /"
R=$ov/root
mount --rbind /dev "$R/dev" && mount -t proc proc "$R/proc" &&
    mount --rbind /sys "$R/sys" && mount -t tmpfs tmpfs "$R/tmp" &&
    mount -t tmpfs tmpfs "$R/run" || fail "mounts in the overlay"
at_exit "umount -R '$R'"
cp "$deb" "$R/tmp/"
ch() { run chroot "$R" env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8 "$@"; }

ch dpkg -i "/tmp/${deb##*/}"
if [ "$rc" -ne 0 ]; then
	# Dependencies this machine lacks: apt fetches them into the overlay.
	ch apt-get install -f -y -q
	assert_rc 0 "apt-get install -f: $out"
fi
ch getcap /usr/bin/linecheck /usr/bin/pppoe-probe
assert_match '^/usr/bin/linecheck cap_net_raw=p$' "$out" "capability of linecheck"
assert_match '^/usr/bin/pppoe-probe cap_net_raw=p$' "$out" "capability of pppoe-probe"
ch useradd -m -s /bin/sh bbtech
assert_rc 0 "useradd"
cp "$BBT_DATA/qareport/comply.tsv" "$R/tmp/"
chmod 644 "$R/tmp/comply.tsv"
# as the user, with only what the package installed
u() { ch setpriv --reuid=bbtech --regid=bbtech --init-groups env HOME=/home/bbtech "$@"; }

# The same verdict as the tree's bbdiag with the tree's catalogue: the
# installed one finds its catalogue in /usr/share/bbtools.
want=$("$BBT_BIN/bbdiag" code=691 --top=1 </dev/null)
u bbdiag code=691 --top=1
assert_rc 1 "bbdiag"
assert_match '^fault	-	1	auth_' "$out" "bbdiag verdict"
assert_eq "$want" "$out" "bbdiag verdict"
u env LANGUAGE=zh_CN bbdiag --help
assert_match '故障' "$out" "zh_CN messages from /usr/share/locale"
u visitnote --format=pdf --blank 1 -o /tmp/note.pdf
assert_rc 0 "visitnote: $err"
run chroot "$R" pdffonts /tmp/note.pdf
assert_match 'WenQuanYi' "$out" "the PDF's CJK font"
want=$("$BBT_BIN/qareport" --format=tsv "$BBT_DATA/qareport/comply.tsv")
u qareport --format=tsv /tmp/comply.tsv
assert_rc 1 "qareport (1: a target missed)"
assert_match '^qa	TOTAL	15	15	0	' "$out" "qareport report"
assert_eq "$want" "$out" "qareport report"

# linecheck in a network namespace, unprivileged: the capability from the
# postinst lets it capture; a copy without it cannot (so the check bites).
cp "$R/usr/bin/linecheck" "$R/tmp/linecheck-nocap"
chmod 755 "$R/tmp/linecheck-nocap"
lc() {
	run chroot "$R" unshare -n sh -c 'ip link set lo up &&
	    ip link add v0 type veth peer name v1 && ip link set v0 up &&
	    ip link set v1 up && exec setpriv --reuid=bbtech --regid=bbtech \
	    --init-groups env -i LANG=C.UTF-8 "$0" -i v0 -t 2 --skip dns,http,mtu,ipv6' "$1"
}
lc /usr/bin/linecheck
assert_match '^check	dhcp\.servers	v0	' "$out" "linecheck's DHCP check"
assert_nomatch 'no_privilege' "$out" "linecheck with the capability"
assert_nomatch 'CAP_NET_RAW' "$err" "linecheck with the capability"
lc /tmp/linecheck-nocap
assert_match 'dhcp\.servers	v0	unknown	.*error=no_privilege' "$out" "linecheck without it"

ch dpkg --purge bbtools
assert_rc 0 "dpkg --purge"
ch userdel -r bbtech
# What the overlay still holds beyond dpkg's and the user database's own
# bookkeeping is left over by the package.
left=$(cd "$ov/upper" && find . \( -type f -o -type l -o -type c \) |
    grep -Ev '^\./(var/lib/dpkg|var/log|var/cache|var/mail|var/spool)/|^\./etc/((passwd|group|shadow|gshadow|subuid|subgid)-?|\.pwd\.lock|ld\.so\.cache)$')
assert_eq "" "$left" "files left after purge"
dirs=$(cd "$ov/upper" && find . -mindepth 1 -type d | while read -r d; do
	[ -e "/$d" ] || echo "$d"; done |
    grep -Ev '^\./var/(lib/dpkg|log|cache|mail|spool)(/|$)')
assert_eq "" "$dirs" "directories left after purge"
