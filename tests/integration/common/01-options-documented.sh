#!/bin/bash
# Every long option in each command's --help is in its man page and in its
# bash, zsh and fish completions; --help, --usage and --version exit 0.
. "$BBT_TOP/tests/lib.sh"
n=0
for bin in "$BBT_BIN"/*; do
	[ -x "$bin" ] || continue
	cmd=${bin##*/}
	n=$((n + 1))
	for o in --help --usage --version; do
		run "$bin" $o
		assert_rc 0 "$cmd $o"
		[ -n "$out" ] || fail "$cmd $o printed nothing"
	done
	run "$bin" --help
	opts=$(printf '%s\n' "$out" | grep -oE -- '--[a-z][a-z0-9-]*' | sort -u |
	    grep -vxE -- '--(help|usage|version)')
	man=$BBT_TOP/man/$cmd.1
	[ -f "$man" ] || fail "no man page for $cmd"
	for f in "$man" "$BBT_TOP/completions/bash/$cmd" \
	    "$BBT_TOP/completions/zsh/_$cmd" "$BBT_TOP/completions/fish/$cmd.fish"; do
		[ -f "$f" ] || fail "missing $f"
		for o in $opts; do
			case $f in
			*.1) grep -qE -- "Fl -${o#--}( |\$|=| Ns)" "$f" || fail "$cmd: $o not in $f" ;;
			*.fish) grep -qE -- "-l ${o#--}( |\$)" "$f" || fail "$cmd: $o not in $f" ;;
			*) grep -qE -- "$o([^a-z0-9-]|\$)" "$f" || fail "$cmd: $o not in $f" ;;
			esac
		done
	done
done
[ $n -gt 0 ] || skip "no commands built yet"
