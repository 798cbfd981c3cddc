#!/bin/bash
# Account tests against a real authenticator: pppd + pppoe-server in the
# bras-vm guest (qemu), PAP, CHAP-MD5 and MS-CHAPv2. After every probe
# the server must have no session left.
. "$BBT_TOP/tests/lib.sh"
. "$BBT_TOP/tests/lab/pppoe-probe/assert.sh"
bras=$BBT_TOP/tests/lab/bras-vm/bras.sh
[ -x "$bras" ] || skip "tests/lab/bras-vm/bras.sh is not there yet"
need_netns
need_cmd qemu-system-x86_64
st=0
"$BBT_TOP/tests/lab/bras-vm/build.sh" >/dev/null 2>&1 || st=$?
[ "$st" -ne 69 ] || skip "the bras-vm guest cannot be built here"
[ "$st" -eq 0 ] || fail "bras-vm build.sh failed ($st)"
CLI=$(ns_new pbras)
# ns_new's own at_exit is lost in the $(...) subshell.
at_exit "ip netns pids $CLI | xargs -r kill -9; ip netns del $CLI"

# session_free SD: the server drops to 0 sessions within 10 s.
session_free() {
	local n i
	for i in $(seq 100); do
		n=$("$bras" sessions "$1") && [ "$n" = 0 ] && return 0
		sleep 0.1
	done
	fail "the BRAS still has $n session(s)"
}

for auth in pap chap mschapv2; do
	sd="$T/bras-$auth"
	mkdir -p "$sd"
	"$bras" start "$CLI" tap0 "$sd" --auth "$auth" >/dev/null 2>&1 ||
	    fail "bras.sh start --auth $auth"
	at_exit "$bras stop $sd"
	mac=$(ip -n "$CLI" -o link show tap0 >/dev/null; sed -n 's/^mac=//p' "$sd/config")

	# Good password: ok through IPCP.
	printf 'alice-pass\n' >"$T/pw"
	run_in "$CLI" pppoe-probe -i tap0 -u alice --password-file "$T/pw"
	assert_rc 0 "alice/$auth"
	assert_eq "bbt-bras internet" "$(det pppoe.pado ac) $(det pppoe.pads service)"
	assert_eq "ok $auth" "$(det ppp.lcp result) $(det ppp.lcp auth)"
	assert_rec ppp.auth alice ok "$auth"
	assert_eq "10.64.0.10 10.64.0.1 10.64.0.2 ok" \
	    "$(col ppp.ipcp 5) $(det ppp.ipcp dns1) $(det ppp.ipcp dns2) $(det ppp.ipcp result)"
	# The default 1 s grace after IPCP: pppd answers our Echo-Requests.
	assert_eq ok "$(col ppp.echo 4)" "ppp.echo/$auth"
	[ "$(det ppp.echo sent)" -ge 2 ] || fail "$(rec ppp.echo)"
	assert_eq "$(det ppp.echo sent)" "$(det ppp.echo received)" "echoes answered"
	assert_eq "padt=yes lcp_term=yes" "$(col ppp.cleanup 7)"
	session_free "$sd"

	# Wrong password: auth failed with the server's message.
	export PPPOE_PASSWORD=wrong
	run_in "$CLI" pppoe-probe -i tap0 -u bob
	assert_rc 2 "bob wrong/$auth"
	assert_rec ppp.auth bob critical "$auth"
	assert_eq rejected "$(det ppp.auth result)"
	case $auth in
	pap) assert_eq "Login incorrect" "$(detq ppp.auth msg)" ;;
	chap) assert_eq "Access denied" "$(detq ppp.auth msg)" ;;
	mschapv2) assert_match 'E=691 R=1 .*M=Access denied' "$(detq ppp.auth msg)" ;;
	esac
	assert_eq "check	ppp.ipcp	$(col ppp.lcp 3)	skipped	-	-	after=ppp.auth" "$(rec ppp.ipcp)"
	session_free "$sd"

	# Unknown user, from stdin.
	printf 'x\n' | run_in "$CLI" pppoe-probe -i tap0 -u nosuchuser --password-file -
	assert_rc 2 "unknown/$auth"
	assert_eq rejected "$(det ppp.auth result)"
	session_free "$sd"
	unset PPPOE_PASSWORD

	# Arrears (refused with its own message) and an exhausted pool;
	# PAP only, one boot less.
	if [ "$auth" = pap ]; then
		PPPOE_PASSWORD=debtor-pass run_in "$CLI" pppoe-probe -i tap0 -u debtor
		assert_rc 2
		assert_eq rejected "$(det ppp.auth result)"
		assert_match arrears "$(col ppp.auth 7)"
		session_free "$sd"
		PPPOE_PASSWORD=nopool-pass run_in "$CLI" pppoe-probe -i tap0 -u nopool
		assert_rc 2
		assert_rec ppp.auth nopool ok pap
		assert_match '^(rejected|terminated|timeout)$' "$(det ppp.ipcp result)"
		assert_eq critical "$(col ppp.ipcp 4)"
		session_free "$sd"
	fi

	"$bras" stop "$sd" >/dev/null 2>&1
done
