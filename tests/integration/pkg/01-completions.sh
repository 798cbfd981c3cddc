#!/bin/bash
# The completions as a user meets them: `make install` with the default
# PREFIX, then bash, zsh and fish in tmux with their default search paths,
# keys typed with send-keys, the screen read with capture-pane. /usr/local
# and /etc/fish/completions are fresh tmpfs in a private mount namespace,
# so the real install lands nowhere else.
if [ -z "${BBT_MOUNT_NS-}" ]; then
	[ "$(id -u)" -eq 0 ] || { echo "needs root (a mount namespace)" >&2; exit 77; }
	BBT_MOUNT_NS=1 exec unshare -m --propagation private bash "$0" "$@"
fi
. "$BBT_TOP/tests/lib.sh"
need_cmd tmux bash zsh fish make
[ -f /usr/share/bash-completion/bash_completion ] || skip "needs bash-completion"
mount -t tmpfs tmpfs /usr/local || skip "cannot mount a tmpfs"
mkdir -p /etc/fish/completions
mount -t tmpfs tmpfs /etc/fish/completions || skip "cannot mount a tmpfs"
run make -s -C "$BBT_TOP" install
assert_rc 0 "make install"
unset BBTOOLS_CATALOGUE BBTOOLS_LOCALEDIR XDG_DATA_DIRS
mkdir -p "$T/home" "$T/work"
: >"$T/work/orders.tsv"
cat >"$T/bashrc" <<'END'
. /usr/share/bash-completion/bash_completion
PS1='$ '
END
sock=$T/tmux.sock
tm() { tmux -S "$sock" "$@"; }
at_exit "tmux -S '$sock' kill-server"

# start SHELL-COMMAND: a new pane running it in $T/work.
start() {
	tm kill-server 2>/dev/null
	wait_for 5 sh -c "! tmux -S '$sock' has-session" || fail "tmux lingers"
	rm -f "$sock"
	tm -f /dev/null new-session -d -x 150 -y 40 -c "$T/work" \
	    "env -i HOME=$T/home TERM=screen LANG=C.UTF-8 PATH=/usr/local/bin:/usr/bin:/bin $1"
	wait_for 10 sh -c "tmux -S '$sock' capture-pane -p | grep -q '[\$>] *\$'" ||
	    fail "no prompt from $1: $(tm capture-pane -p)"
}
# complete TEXT TABS: types TEXT, presses Tab TABS times, sets $screen to
# the pane's text once it has changed from the typed line (the shell may
# be slow to answer on a loaded machine) and is still for 0.3 s, then
# clears the line. When nothing changed in 10 s the Tabs are pressed once
# more: a CI run saw zsh's first completion leave the line as typed.
complete() {
	local i try prev= typed t=${1%"${1##*[! ]}"}
	tm send-keys -l "$1"
	# (capture-pane drops trailing blanks: look for the text without them)
	wait_for 10 sh -c "tmux -S '$sock' capture-pane -p | grep -qF -- '$t'" ||
	    fail "typed text not shown: $1"
	typed=$(tm capture-pane -p)
	for try in 1 2; do
		for ((i = 0; i < $2; i++)); do tm send-keys Tab; sleep 0.3; done
		for ((i = 0; i < 100; i++)); do
			[ "$(tm capture-pane -p)" != "$typed" ] && break 2
			sleep 0.1
		done
	done
	for ((i = 0; i < 20; i++)); do
		sleep 0.3
		screen=$(tm capture-pane -p)
		[ "$screen" = "$prev" ] && break
		prev=$screen
	done
	tm send-keys C-c
	sleep 0.3
	tm send-keys C-l
	sleep 0.3
}

# bash: COMP_WORDBREAKS holds '=': the value replaces only what follows.
start "bash --noprofile --rcfile $T/bashrc -i"
complete 'bbdiag light.los=r' 1
assert_match '^\$ bbdiag light\.los=red *$' "$screen" "bash: bbdiag KEY=VALUE"
complete 'linecheck --format=' 2
assert_match 'prometheus' "$screen" "bash: --format= values"
# --color's argument is optional: "--color always" would be an operand.
complete 'qareport --col' 1
assert_match '^\$ qareport --color= *$' "$screen" "bash: --color="
complete 'qareport --color ' 1
assert_match '^\$ qareport --color orders\.tsv *$' "$screen" "bash: after --color, a file"
complete 'qareport --color=a' 2
assert_match 'always +auto' "$screen" "bash: --color= values"
complete 'linecheck --skip=dns,' 2
assert_match 'dns,arp' "$screen" "bash: --skip list"
assert_nomatch 'dns,dns' "$screen" "bash: --skip offers a check twice"
complete 'qareport --by=team,t' 1
assert_match '^\$ qareport --by=team,tech *$' "$screen" "bash: --by list"

# zsh: compinit finds site-functions under /usr/local by itself.
mkdir -p "$T/zdot"
cat >"$T/zdot/.zshrc" <<END
autoload -Uz compinit; compinit -u -d $T/zcompdump
PS1='$ '
END
start "env ZDOTDIR=$T/zdot zsh -i"
complete 'bbdiag light.los=r' 1
assert_match '^\$ bbdiag light\.los=red *$' "$screen" "zsh: bbdiag KEY=VALUE"
complete 'qareport --format=' 2
assert_match 'html' "$screen" "zsh: --format= values"
assert_nomatch 'orders\.tsv' "$screen" "zsh: --format= offers files"

# fish: /etc/fish/completions is searched whatever XDG_DATA_DIRS says.
start "fish -C 'set -g fish_greeting; set -g fish_autosuggestion_enabled 0; function fish_prompt; echo \"> \"; end'"
complete 'qareport --format=' 1
assert_match 'html' "$screen" "fish: --format= values"
assert_nomatch 'orders\.tsv' "$screen" "fish: --format= offers files"
complete 'bbdiag light.los=' 1
assert_match 'los=red' "$screen" "fish: KEY= values"
assert_nomatch 'orders\.tsv' "$screen" "fish: KEY= offers files"
complete 'linecheck --skip=dns,' 1
assert_match 'dns,arp' "$screen" "fish: --skip list"
assert_nomatch 'dns,dns' "$screen" "fish: --skip offers a check twice"
complete 'qareport --color ' 1
assert_match '^> qareport --color orders\.tsv *$' "$screen" "fish: after --color, a file"
complete 'visitnote --paper=' 1
assert_match 'a6' "$screen" "fish: --paper= values"
assert_nomatch 'orders\.tsv' "$screen" "fish: --paper= offers files"
