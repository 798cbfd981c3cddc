#!/bin/bash
# The completion files load in their shells without errors.
. "$BBT_TOP/tests/lib.sh"
n=0
for f in "$BBT_TOP"/completions/bash/*; do
	[ -f "$f" ] || continue
	n=$((n + 1))
	bash -n "$f" || fail "bash syntax: $f"
	out=$(bash -c "source /usr/share/bash-completion/bash_completion 2>/dev/null; source '$f' && complete -p ${f##*/}" 2>&1) ||
	    fail "bash: $f does not register a completion: $out"
done
if command -v zsh >/dev/null; then
	for f in "$BBT_TOP"/completions/zsh/_*; do
		[ -f "$f" ] && { zsh -n "$f" || fail "zsh syntax: $f"; }
	done
fi
if command -v fish >/dev/null; then
	for f in "$BBT_TOP"/completions/fish/*.fish; do
		[ -f "$f" ] && { fish --no-execute "$f" || fail "fish syntax: $f"; }
	done
fi
[ $n -gt 0 ] || skip "no completion files yet"
