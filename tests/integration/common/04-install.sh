#!/bin/bash
# make install puts commands, man pages, completions and the zh_CN
# catalogue under DESTDIR/PREFIX, the completions where each shell looks;
# make uninstall takes them away again.
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
	[ -f "$p/share/zsh/site-functions/_$cmd" ] || fail "zsh completion of $cmd not installed"
	[ -f "$root/etc/fish/completions/$cmd.fish" ] || fail "fish completion of $cmd not installed"
	# Never setuid.
	[ -u "$p/bin/$cmd" ] && fail "$cmd installed setuid"
done
# Each shell searches the directory its completions went to, with no
# XDG_DATA_DIRS (an SSH or console login).
if command -v zsh >/dev/null; then
	assert_match '^/usr/local/share/zsh/site-functions$' \
	    "$(env -u FPATH zsh -fc 'print -l $fpath')" "zsh fpath"
fi
if command -v fish >/dev/null; then
	assert_match '^/etc/fish/completions$' \
	    "$(env -u XDG_DATA_DIRS HOME=$T fish -c 'printf "%s\n" $fish_complete_path')" \
	    "fish_complete_path"
fi
bc=/usr/share/bash-completion/bash_completion
if [ -f "$bc" ]; then
	# bash-completion 2 looks in XDG_DATA_DIRS, by default
	# /usr/local/share:/usr/share, plus the directory of its own script.
	assert_match 'XDG_DATA_DIRS:-/usr/local/share:/usr/share' "$(cat $bc)" \
	    "bash-completion's search path"
fi
# install-caps under DESTDIR warns that a package keeps no capability.
if [ "$(id -u)" -eq 0 ] && command -v setcap >/dev/null; then
	run make -s -C "$BBT_TOP" install-caps DESTDIR="$root"
	assert_rc 0 "make install-caps"
	assert_match '^install-caps: the capability set under DESTDIR survives only a copy that keeps xattrs; a \.deb sets it in its postinst' \
	    "$err" "install-caps under DESTDIR"
fi
run make -s -C "$BBT_TOP" uninstall DESTDIR="$root"
assert_rc 0 "make uninstall"
left=$(find "$root" -type f)
assert_eq "" "$left" "files left after uninstall"
