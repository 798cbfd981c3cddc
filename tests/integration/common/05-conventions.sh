#!/bin/bash
# One vocabulary of exit codes and messages for the five commands, as
# bbtools(7) CONVENTIONS states it once:
#  - usage errors exit 64 (filters) or 3 (check tools), name the problem
#    and point to --help, and print nothing on stdout;
#  - -h is --help (and -?), everywhere;
#  - a failed write of --help, --usage or --version is an error: 74
#    (filters) or 3 (check tools), with "cmd: write error: ...";
#  - a file named on the command line that is missing or unreadable is
#    66 for filters and 3 for check tools, with a message naming it, and
#    never becomes a check verdict;
#  - a bad row is reported as "cmd: file:line: message" and exits 65.
. "$BBT_TOP/tests/lib.sh"

filters="bbdiag qareport visitnote"
checks="linecheck pppoe-probe"
is_check() { case $1 in linecheck|pppoe-probe) return 0 ;; esac; return 1; }

for cmd in $filters $checks; do
	[ -x "$BBT_BIN/$cmd" ] || skip "$cmd is not built"
	if is_check "$cmd"; then usage=3 io=3; else usage=64 io=74; fi

	# Usage errors.
	run "$cmd" --no-such-option
	assert_rc $usage "$cmd: unknown option"
	assert_match "^$cmd: unrecognized option '--no-such-option'\$" "$err"
	assert_match "^Try \`$cmd --help' or \`$cmd --usage' for more information\.\$" "$err"
	assert_eq "" "$out" "$cmd: usage error: stdout"
	LANGUAGE=zh_CN run "$cmd" --no-such-option
	assert_rc $usage "$cmd: unknown option under zh_CN"
	assert_match "^请用“$cmd --help”或“$cmd --usage”查看更多信息。\$" "$err" \
	    "$cmd: zh_CN pointer to --help"
	run "$cmd" --format=no-such-format
	assert_rc $usage "$cmd: bad --format"
	assert_match "^$cmd: invalid value 'no-such-format' for --format: use one of " "$err"

	# -h and -? are --help; the help fits 80 columns and ends a line.
	run "$cmd" --help
	assert_rc 0 "$cmd --help"
	help=$out
	assert_match '^  -h, -\?, --help +Give this help list$' "$help" "$cmd: -h listed"
	for o in -h '-?'; do
		run "$cmd" $o
		assert_rc 0 "$cmd $o"
		assert_eq "$help" "$out" "$cmd $o is --help"
	done
	"$cmd" --help >"$T/help"
	[ "$(wc -L <"$T/help")" -le 80 ] || fail "$cmd --help wider than 80 columns"
	[ "$(tail -c 1 "$T/help" | od -An -tx1 | tr -d ' ')" = 0a ] ||
	    fail "$cmd --help does not end with a newline"
	! grep -qE '^ +$' "$T/help" || fail "$cmd --help has a line of spaces"

	# --help, --usage and --version to a full disk.
	for o in --help -h --usage --version -V; do
		"$cmd" $o >/dev/full 2>"$T/err"
		rc=$?
		[ $rc -eq $io ] || fail "$cmd $o >/dev/full: exit $rc, expected $io"
		assert_eq "$cmd: write error: No space left on device" \
		    "$(cat "$T/err")" "$cmd $o >/dev/full: message"
	done
done

# Filters: a missing or unreadable file operand is 66 and named; a bad row
# is "cmd: file:line: message", exit 65.
mkdir "$T/d" && chmod 755 "$T" "$T/d"
printf 'check\tlink.carrier\n' >"$T/d/bad.rec"
printf 'id\tkind\n\xff\tx\n' >"$T/d/bad.tsv"
printf 'x\n' >"$T/d/secret" && chmod 000 "$T/d/secret"
for cmd in $filters; do
	run "$cmd" "$T/d/missing"
	assert_rc 66 "$cmd: missing file"
	assert_eq "$cmd: $T/d/missing: No such file or directory" "$err" \
	    "$cmd: missing file message"
	if command -v setpriv >/dev/null && [ "$(id -u)" -eq 0 ]; then
		run setpriv --reuid=65534 --regid=65534 --clear-groups \
		    "$BBT_BIN/$cmd" "$T/d/secret"
		# visitnote: 77 until the visitnote branch makes it 66.
		assert_rc 66 "$cmd: unreadable file"
		assert_eq "$cmd: $T/d/secret: Permission denied" "$err" \
		    "$cmd: unreadable file message"
	fi
	case $cmd in
	bbdiag) f=$T/d/bad.rec msg='too few fields for its type' ;;
	*) f=$T/d/bad.tsv msg='invalid UTF-8' ;;
	esac
	run "$cmd" "$f"
	assert_rc 65 "$cmd: bad row"
	assert_match "^$cmd: $f:[0-9]+: $msg\$" "$err" "$cmd: file:line prefix"
	run "$cmd" <"$f"
	assert_rc 65 "$cmd: bad row on stdin"
	assert_match "^$cmd: \(stdin\):[0-9]+: $msg\$" "$err" \
	    "$cmd: (stdin):line prefix"
done

# Check tools: a file named by an option that cannot be read is UNKNOWN
# (3) with its name, before any check runs, never a check's verdict.
need_netns
ns=$(ns_new conv)
ip -n "$ns" link add v0 type veth peer name v1 || fail "veth"
ip -n "$ns" link set v0 up && ip -n "$ns" link set v1 up
run_in "$ns" pppoe-probe -i v0 -u tech --password-file "$T/d/missing"
assert_rc 3 "pppoe-probe: missing --password-file"
assert_eq "pppoe-probe: $T/d/missing: No such file or directory" "$err" \
    "pppoe-probe: missing --password-file message"
# These two hold once the linecheck branch (--resolv-conf, --cacert) is in.
for o in --resolv-conf --cacert; do
	run_in "$ns" linecheck -i v0 "$o=$T/d/missing" -t 1s \
	    --skip=link,dhcp,arp,ping,mtu,ipv6
	assert_rc 3 "linecheck $o missing"
	assert_match "^linecheck: .*$T/d/missing" "$err" "linecheck $o message"
	assert_eq "" "$out" "linecheck $o missing: no check records"
done
