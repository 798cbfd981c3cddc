#!/bin/bash
# A session ends with a PADT whatever ends the run but SIGKILL (issue 16
# F5, F15): SIGQUIT like SIGTERM; SIGPIPE, sent or from a closed stderr
# pipe, ignored. Counted on the AC: its sessions (children) go back to
# zero. After SIGKILL the always-printed line names the --padt cleanup.
. "$BBT_TOP/tests/lib.sh"
. "$BBT_TOP/tests/lab/pppoe-probe/lab.sh"
. "$BBT_TOP/tests/lab/pppoe-probe/assert.sh"
lab_init
printf '#!/bin/sh\nexec sleep 60\n' >"$T/fakepppd"
chmod +x "$T/fakepppd"
lab_pppoe bras-1 -S internet -N 4 -q "$T/fakepppd"
mac=$LAB_AC_MAC
export PPPOE_PASSWORD=secret

# start ARGS: a probe in the background (pid in $pid) once the AC holds
# its session. Background jobs of a script start with SIGQUIT ignored;
# env gives back the default a terminal's Ctrl-\ would find.
start() {
	: >"$T/bg.err"
	ip netns exec "$CLI" env --default-signal=PIPE,QUIT pppoe-probe -i cli0 \
	    --user alice "$@" >"$T/bg.out" 2>"$T/bg.err" &
	pid=$!
	wait_for 10 grep -q 'session [0-9]* opened' "$T/bg.err" ||
	    fail "no session: $(cat "$T/bg.err")"
	lab_wait_sessions 1
}
finish() {
	wait "$pid"
	rc=$?
	out=$(cat "$T/bg.out") err=$(cat "$T/bg.err")
}

# SIGQUIT closes the session like SIGTERM; no core file.
lab_wait_sessions 0
start --session-timeout 30s
kill -QUIT "$pid"
finish
assert_rc 3 "exit after SIGQUIT"
assert_eq "interrupted" "$(det ppp.lcp result)"
assert_eq "padt=yes" "$(col ppp.cleanup 7 | cut -d' ' -f1)"
lab_wait_sessions 0

# SIGPIPE is ignored: the run goes on to its LCP timeout and closes.
start --session-timeout 1500ms
kill -PIPE "$pid"
finish
assert_rc 2 "exit after SIGPIPE and the LCP timeout"
assert_eq "timeout" "$(det ppp.lcp result)"
assert_eq "padt=yes" "$(col ppp.cleanup 7 | cut -d' ' -f1)"
lab_wait_sessions 0

# A reader of stderr that is gone (pppoe-probe -v 2>&1 | head -1): the
# writes fail, the session is still closed.
ip netns exec "$CLI" env --default-signal=PIPE python3 -c '
import os, sys
r, w = os.pipe()
os.close(r)
os.dup2(w, 2)
os.execvp(sys.argv[1], sys.argv[1:])' pppoe-probe -i cli0 -v --user alice \
    --session-timeout 1500ms >"$T/pipe.out"
rc=$? out=$(cat "$T/pipe.out") err=
assert_rc 2 "exit with stderr on a closed pipe"
assert_rec pppoe.pads "$mac" ok "$(col pppoe.pads 5)"
assert_eq "padt=yes" "$(col ppp.cleanup 7 | cut -d' ' -f1)"
lab_wait_sessions 0

# SIGKILL: the session stays, and the line printed without -v at PADS
# says how to close it.
start --session-timeout 30s
line=$(cat "$T/bg.err")
assert_match "^pppoe-probe: session [0-9]+ opened with $mac \(if this run is killed, close it with --padt [0-9]+:$mac\)$" "$line"
kill -KILL "$pid"
wait "$pid" 2>/dev/null
lab_wait_sessions 1
padt=$(printf '%s\n' "$line" | sed -n 's/.*--padt \([0-9]*:[0-9a-f:]*\)).*/\1/p')
probe --padt "$padt"
assert_rc 0
assert_rec ppp.cleanup "$mac" ok "${padt%%:*}"
lab_wait_sessions 0
