#!/bin/bash
# Issue 19: SIGINT while the first-traffic GET waits for its answer
# (bras-vm's portal server holds GET /slow for 60 s). The probe resets
# its connection before LCP Terminate and PADT: the server has no TCP
# connection from the client left, the BRAS no session; ppp.http is
# unknown result=interrupted and the exit status 3.
. "$BBT_TOP/tests/lib.sh"
. "$BBT_TOP/tests/lab/pppoe-probe/assert.sh"
. "$BBT_TOP/tests/lab/pppoe-probe/vm.sh"
vm_init
sd=$T/bras
vm_start "$sd" --auth chap
t=$'\t'

# conns: the guest's TCP connections from alice to the portal server.
conns() {
	"$BRAS" exec "$sd" "netstat -tn | grep -c '10.64.0.3:8080 *[:a-f]*10.64.0.10:.*ESTABLISHED'"
}

PPPOE_PASSWORD=alice-pass ip netns exec "$CLI" "$BBT_BIN/pppoe-probe" \
    -i tap0 -u alice --url http://10.64.0.3:8080/slow --format tsv \
    >"$T/out" 2>"$T/err" &
pid=$!
one_conn() { [ "$(conns)" = 1 ]; }
wait_for 30 one_conn ||
    fail "the GET never connected: $(cat "$T/err")"
kill -INT "$pid"
rc=0
wait "$pid" || rc=$?
out=$(cat "$T/out")
assert_eq 3 "$rc" "exit after SIGINT"
assert_eq "check${t}ppp.http${t}http://10.64.0.3:8080/slow${t}unknown${t}-${t}-" \
    "$(rec ppp.http | cut -f 1-6)" "ppp.http interrupted"
assert_eq "10.64.0.3 0 interrupted" \
    "$(det ppp.http addr) $(det ppp.http bytes) $(det ppp.http result)"
assert_match '^[0-9]+\.[0-9]{3}$' "$(det ppp.http connect_ms)" "it had connected"
assert_eq "padt=yes lcp_term=yes" "$(col ppp.cleanup 7)" "session closed"
# Our RST closed the server's end at once (its script still sleeps).
assert_eq 0 "$(conns)" "no connection left on the server"
vm_session_free "$sd"
