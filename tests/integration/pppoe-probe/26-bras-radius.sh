#!/bin/bash
# Accounts refused by a real RADIUS server (issue 19): the bras-vm in
# --aaa radius mode, pppd's radius.so against FreeRADIUS in the guest.
# pppd relays each Reply-Message with a newline appended, in MS-CHAPv2 as
# bare text; the record keeps the words and bbdiag names the fault. One
# boot: the pppd options (read by every new session) switch between
# PAP, CHAP and MS-CHAPv2. After every probe the server has no session.
. "$BBT_TOP/tests/lib.sh"
. "$BBT_TOP/tests/lab/pppoe-probe/assert.sh"
bras=$BBT_TOP/tests/lab/bras-vm/bras.sh
need_netns
need_cmd qemu-system-x86_64
st=0
"$BBT_TOP/tests/lab/bras-vm/build.sh" >/dev/null 2>&1 || st=$?
[ "$st" -ne 69 ] || skip "the bras-vm guest cannot be built here"
[ "$st" -eq 0 ] || fail "bras-vm build.sh failed ($st)"
export BBTOOLS_CATALOGUE=$BBT_TOP/src/bbdiag/faults.catalog
CLI=$(ns_new prad)
at_exit "ip netns pids $CLI | xargs -r kill -9; ip netns del $CLI"

# session_free: the server drops to 0 sessions within 10 s.
session_free() {
	local n i
	for i in $(seq 100); do
		n=$("$bras" sessions "$sd") && [ "$n" = 0 ] && return 0
		sleep 0.1
	done
	fail "the BRAS still has $n session(s)"
}

# diag: the first fault bbdiag names for $out, and its exit status.
diag() {
	local f st=0
	printf '%s\n' "$out" >"$T/rec"
	f=$(bbdiag "$T/rec") || st=$?
	printf '%s %s\n' "$(printf '%s\n' "$f" |
	    awk -F'\t' '$1 == "fault" && $3 == 1 { print $4 }')" "$st"
}

# refused USER PASS MSG FAULT: probe; rejected with exactly MSG, which
# bbdiag reads as FAULT.
refused() {
	PPPOE_PASSWORD=$2 run_in "$CLI" pppoe-probe -i tap0 -u "$1"
	assert_rc 2 "$1/$auth"
	assert_rec ppp.auth "$1" critical "$auth"
	assert_eq "rejected" "$(det ppp.auth result)" "$1/$auth result"
	assert_eq "$3" "$(detq ppp.auth msg)" "$1/$auth msg"
	assert_eq "skipped after=ppp.auth" \
	    "$(col ppp.ipcp 4) $(col ppp.ipcp 7)" "$1/$auth ipcp"
	assert_eq "$4 1" "$(diag)" "$1/$auth bbdiag"
	session_free
}

sd="$T/bras"
mkdir -p "$sd"
"$bras" start "$CLI" tap0 "$sd" --aaa radius --auth pap >/dev/null 2>&1 ||
    fail "bras.sh start --aaa radius"
at_exit "$bras stop $sd"
assert_match 'aaa=radius' "$(grep -a BBT-BRAS-READY "$sd/console.log")"

prev=pap
for auth in pap chap mschapv2; do
	# New sessions read the options file when pppoe-server starts them.
	"$bras" exec "$sd" "sed -i 's/^require-$prev\$/require-${auth/mschapv2/mschap-v2}/' \
	    /etc/ppp/pppoe-server-options && grep -c '^require-' \
	    /etc/ppp/pppoe-server-options" >"$T/req" ||
	    fail "cannot switch the BRAS to $auth"
	assert_eq 1 "$(cat "$T/req")" "one require- option"
	prev=${auth/mschapv2/mschap-v2}

	# Accepted: the address from Framed-IP-Address. PAP and CHAP
	# carry the Reply-Message; MS-CHAPv2's Success is the
	# authenticator response alone.
	PPPOE_PASSWORD=alice-pass run_in "$CLI" pppoe-probe -i tap0 -u alice
	assert_rc 0 "alice/$auth"
	assert_rec ppp.auth alice ok "$auth"
	case $auth in
	mschapv2) assert_match '^S=[0-9A-F]{40}$' "$(det ppp.auth msg)" ;;
	*) assert_eq "认证成功 login ok" "$(detq ppp.auth msg)" "alice/$auth msg" ;;
	esac
	assert_eq "ok 10.64.0.10" "$(col ppp.ipcp 4) $(col ppp.ipcp 5)"
	assert_eq "none 0" "$(diag)" "alice/$auth bbdiag"
	session_free

	refused alice wrong "密码错 wrong password" auth_bad_password
	refused nosuchuser x "无此用户 no such user" auth_no_such_user
	# The right password first: a wrong one is only that.
	refused debtor wrong "密码错 wrong password" auth_bad_password
	refused debtor debtor-pass "状态错 欠费停机 account in arrears" \
	    auth_arrears
	refused bound bound-pass \
	    "绑定校验错 binding check failed (NAS-Port-Id mismatch)" \
	    auth_binding_mismatch
	# Simultaneous-Use 1: while one session of online is up (radutmp,
	# from pppd's Accounting-Start), a second login is refused with
	# msg_denied. Each round's first login being accepted shows that
	# the last round's Accounting-Stop freed the account.
	PPPOE_PASSWORD=online-pass ip netns exec "$CLI" pppoe-probe -i tap0 \
	    -v -u online --hold 4s >"$T/hold.out" 2>"$T/hold.err" &
	hpid=$!
	at_exit "kill $hpid 2>/dev/null"
	wait_for 30 grep -q 'is up, holding it' "$T/hold.err" ||
	    fail "online/$auth did not come up: $(cat "$T/hold.err")"
	# pppd sends Accounting-Start when its side of IPCP is up, a few
	# ms either side of ours.
	sleep 1
	PPPOE_PASSWORD=online-pass run_in "$CLI" pppoe-probe -i tap0 -u online
	assert_rc 2 "online twice/$auth"
	assert_rec ppp.auth online critical "$auth"
	assert_eq "超出限制的用户数 You are already logged in - access denied" \
	    "$(detq ppp.auth msg)" "online twice/$auth msg"
	assert_eq "auth_session_limit 1" "$(diag)" "online twice/$auth bbdiag"
	wait "$hpid"
	out=$(cat "$T/hold.out")
	assert_rec ppp.auth online ok "$auth"
	assert_eq "ok" "$(col ppp.hold 4)" "online held/$auth"
	session_free
	# Expired (Expiration in the past): whatever the password; the
	# catalogue's arrears fault covers an expired package.
	refused expired x "账号已过期 account expired" auth_arrears
done

# The wire: the plugin's newline is there, in MS-CHAPv2 as bare text.
"$bras" log "$sd" >"$T/bras.log" || fail "bras.sh log"
assert_match 'sent \[PAP AuthNak id=0x[0-9a-f]+ ".* account in arrears\\n"\]' \
    "$(grep -a 'PAP AuthNak' "$T/bras.log")"
assert_match 'sent \[CHAP Failure id=0x[0-9a-f]+ ".* account expired\\n"\]' \
    "$(grep -a 'CHAP Failure' "$T/bras.log")"
n=$(grep -a -c 'CHAP Failure id=0x[0-9a-f]* "E=' "$T/bras.log") || true
assert_eq 0 "$n" "no E=691 ... M= in any CHAP Failure"
assert_eq 0 "$("$bras" sessions "$sd")" "sessions at the end"
