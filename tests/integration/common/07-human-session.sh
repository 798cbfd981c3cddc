#!/bin/bash
# pppoe-probe --user on a terminal against a pppoe-server whose pppd never
# speaks: the progress line names the PPP phase waited for (LCP), is gone
# before the view, and the view names LCP as the cause of the skipped
# authentication and IPCP.
. "$BBT_TOP/tests/lib.sh"
. "$BBT_TOP/tests/lab/pppoe-probe/lab.sh"
need_cmd tmux
lab_init
printf '#!/bin/sh\nexec sleep 60\n' >"$T/fakepppd"
chmod +x "$T/fakepppd"
lab_pppoe bras-1 -S internet -N 1 -q "$T/fakepppd"

sock="bbt-hsess-$$"
at_exit "tmux -L $sock kill-server"
printf -v q '%q ' env PATH="$PATH" BBTOOLS_LOCALEDIR="$BBTOOLS_LOCALEDIR" \
    LC_ALL=C.UTF-8 LANGUAGE= PPPOE_PASSWORD=secret \
    ip netns exec "$CLI" pppoe-probe -i cli0 --user alice --session-timeout 3s
tmux -L "$sock" -f /dev/null new-session -d -x 80 -y 50 -s bbt \
    "$q; echo EXIT=\$?; sleep 60"
screen() { tmux -L "$sock" capture-pane -p -J -t bbt | sed 's/ *$//'; }
wait_for 5 sh -c "tmux -L $sock capture-pane -p -t bbt | grep -q '^PPP session: waiting for LCP, [0-9.]* s'" ||
    fail "no progress line for the session: $(screen)"
wait_for 10 sh -c "tmux -L $sock capture-pane -p -t bbt | grep -q '^EXIT='" ||
    fail "pppoe-probe did not end: $(screen)"
s=$(screen)
# The session's id comes first, on its own line (for --padt after a kill),
# then the view.
assert_match "^pppoe-probe: session [0-9]+ opened with [0-9a-f:]{17} \\(if this run is killed, close it with --padt [0-9]+:[0-9a-f:]{17}\\)\$" \
    "$(printf '%s\n' "$s" | head -n 1)" "the session line first"
assert_eq "critical  LCP negotiation failed: the other checks were skipped." \
    "$(printf '%s\n' "$s" | sed -n 2p)" "view after the session, progress cleared"
assert_match "^EXIT=2\$" "$s"
assert_match "^  account        not run: LCP failed first\$" "$s"
case $s in *"PPP session:"*) fail "the progress line was left: $s" ;; esac
exit 0
