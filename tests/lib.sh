# SPDX-License-Identifier: MIT
# Shared helpers for integration tests (source it: . "$BBT_TOP/tests/lib.sh").
# A test exits 0 on success, 77 to skip (reason on stderr), else fails.
set -u

: "${BBT_TOP:=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}"
: "${BBT_BIN:=$BBT_TOP/bin}"
: "${BBT_DATA:=$BBT_TOP/tests/data}"
export BBTOOLS_LOCALEDIR=${BBTOOLS_LOCALEDIR:-$BBT_TOP/build/locale}
export BBTOOLS_CATALOGUE=${BBTOOLS_CATALOGUE:-$BBT_TOP/src/bbdiag/faults.catalog}
export PATH=$BBT_BIN:$PATH
export LC_ALL=${LC_ALL:-C.UTF-8} TZ=${TZ:-Asia/Shanghai}

T=$(mktemp -d "${TMPDIR:-/tmp}/bbt-test.XXXXXX")
# Started as root, linecheck and pppoe-probe continue as nobody after
# their privilege drop (bbt_priv_drop): fixtures they read afterwards
# must be reachable by name.
chmod 711 "$T"
# Cleanups live in a file, not a variable, so that helpers called inside
# $(...) (ns_new) can register them too.
: >"$T/.cleanup"
# Registers a command to run at exit, last registered first.
at_exit() { printf '%s\n' "$*" >>"$T/.cleanup"; }
_run_cleanups() {
	local cmd
	if [ -f "$T/.cleanup" ]; then
		while IFS= read -r cmd; do
			eval "$cmd" >/dev/null 2>&1 || true
		done < <(tac "$T/.cleanup")
	fi
	rm -rf "$T"
}
trap _run_cleanups EXIT
trap 'exit 130' INT TERM

skip() { echo "$*" >&2; exit 77; }
fail() { echo "FAIL: $*" >&2; exit 1; }
need_cmd() { local c; for c; do command -v "$c" >/dev/null 2>&1 || skip "needs $c"; done; }
need_root() { [ "$(id -u)" -eq 0 ] || skip "needs root (network namespaces)"; }
need_netns() {
	need_root
	need_cmd ip
	local n="bbtprobe$$"
	ip netns add "$n" 2>/dev/null || skip "cannot create network namespaces"
	ip netns del "$n"
}

# run CMD...: sets $out, $err, $rc (stdout, stderr, exit code).
run() {
	"$@" >"$T/out" 2>"$T/err"
	rc=$?
	out=$(cat "$T/out"); err=$(cat "$T/err")
	return 0
}
# run_in NS CMD...: the same inside a network namespace.
run_in() { local ns=$1; shift; run ip netns exec "$ns" "$@"; }

assert_eq() {	# expected actual [what]
	[ "$1" == "$2" ] && return 0
	printf 'FAIL: %s\n--- expected\n%s\n--- actual\n%s\n' "${3:-value}" "$1" "$2" >&2
	exit 1
}
assert_rc() {	# expected-code [what]
	[ "$rc" -eq "$1" ] && return 0
	printf 'FAIL: %s: exit %s, expected %s\nstdout:\n%s\nstderr:\n%s\n' \
	    "${2:-exit code}" "$rc" "$1" "$out" "$err" >&2
	exit 1
}
assert_match() {	# ERE text [what]
	printf '%s\n' "$2" | grep -Eq -- "$1" && return 0
	printf 'FAIL: %s: /%s/ not found in\n%s\n' "${3:-match}" "$1" "$2" >&2
	exit 1
}
assert_nomatch() {	# ERE text [what]
	printf '%s\n' "$2" | grep -Eq -- "$1" || return 0
	printf 'FAIL: %s: /%s/ found in\n%s\n' "${3:-nomatch}" "$1" "$2" >&2
	exit 1
}
# Compares $out with a golden file; BBT_UPDATE_GOLDEN=1 rewrites it.
assert_golden() {	# file
	if [ "${BBT_UPDATE_GOLDEN:-0}" = 1 ]; then printf '%s\n' "$out" >"$1"; return 0; fi
	[ -f "$1" ] || fail "missing golden file $1"
	diff -u "$1" <(printf '%s\n' "$out") >&2 || fail "output differs from $1"
}

# ns_new NAME: a fresh namespace named bbt-NAME-$$, deleted at exit;
# its name is printed. Loopback is brought up.
ns_new() {
	local n="bbt-$1-$$"
	ip netns add "$n" || fail "ip netns add $n"
	at_exit "ip netns pids $n | xargs -r kill -9; ip netns del $n"
	ip -n "$n" link set lo up
	echo "$n"
}
# veth_pair NS1 IF1 NS2 IF2: a veth pair between two namespaces, both up.
veth_pair() {
	ip link add "$2" netns "$1" type veth peer name "$4" netns "$3" || fail "veth $2/$4"
	ip -n "$1" link set "$2" up
	ip -n "$3" link set "$4" up
}
# wait_for SECONDS CMD...: polls CMD every 0.05 s until it succeeds.
wait_for() {
	local end=$((SECONDS + $1)); shift
	until "$@" >/dev/null 2>&1; do
		[ $SECONDS -lt $end ] || return 1
		sleep 0.05
	done
}
