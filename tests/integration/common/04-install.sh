#!/bin/bash
# make install puts commands, man pages, completions and the zh_CN
# catalogue under DESTDIR/PREFIX; make uninstall takes them away again.
. "$BBT_TOP/tests/lib.sh"
need_cmd make
root=$T/root
# The default PREFIX: another one would change compiled-in paths and
# rebuild bin/ in the middle of the test run.
run make -s -C "$BBT_TOP" install DESTDIR="$root"
assert_rc 0 "make install"
p=$root/usr/local
for f in share/man/man5/bbt-record.5 share/man/man7/bbtools.7 \
    share/locale/zh_CN/LC_MESSAGES/bbtools.mo; do
	[ -f "$p/$f" ] || fail "make install did not install $f"
done
for bin in "$BBT_BIN"/*; do
	[ -x "$bin" ] || continue
	cmd=${bin##*/}
	[ -x "$p/bin/$cmd" ] || fail "$cmd not installed"
	[ -f "$p/share/man/man1/$cmd.1" ] || fail "$cmd.1 not installed"
	[ -f "$p/share/bash-completion/completions/$cmd" ] || fail "bash completion of $cmd not installed"
	[ -f "$p/share/zsh/vendor-completions/_$cmd" ] || fail "zsh completion of $cmd not installed"
	[ -f "$p/share/fish/vendor_completions.d/$cmd.fish" ] || fail "fish completion of $cmd not installed"
	# Never setuid.
	[ -u "$p/bin/$cmd" ] && fail "$cmd installed setuid"
done
run make -s -C "$BBT_TOP" uninstall DESTDIR="$root"
assert_rc 0 "make uninstall"
left=$(find "$root" -type f)
assert_eq "" "$left" "files left after uninstall"
