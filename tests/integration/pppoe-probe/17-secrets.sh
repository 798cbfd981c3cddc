#!/bin/bash
# The password (issue 16 F9) and the privilege drop as root (F18):
# bounded, named refusals of files that are no password files; during a
# session the environment no longer holds the password, the process is
# not dumpable and runs as nobody without groups or capabilities.
. "$BBT_TOP/tests/lib.sh"
. "$BBT_TOP/tests/lab/pppoe-probe/assert.sh"

# Endless or wrong files: a named error at once (it used to read
# /dev/zero until memory ran out).
run timeout 10 pppoe-probe -i lo --user alice --password-file /dev/zero
assert_rc 3 "/dev/zero"
assert_eq "pppoe-probe: /dev/zero: no line end in the first 4096 bytes: not a password file" "$err"
run pppoe-probe -i lo --user alice --password-file "$T"
assert_rc 3 "a directory"
assert_eq "pppoe-probe: $T: is a directory" "$err"
# PAP cannot carry more than 255 bytes; CHAP can.
long=$(printf 'p%.0s' $(seq 256))
PPPOE_PASSWORD=$long run pppoe-probe -i lo --user alice
assert_rc 3 "a 256-byte password with PAP allowed"
assert_eq "pppoe-probe: the password is 256 bytes long, PAP carries at most 255: allow only the other methods with --auth chap,mschapv2" "$err"
PPPOE_PASSWORD=${long%p} run pppoe-probe -i lo --user alice
assert_nomatch 'password' "$err" "255 bytes are fine"
PPPOE_PASSWORD=$long run pppoe-probe -i lo --user alice --auth chap
assert_nomatch 'password' "$err" "CHAP only"

. "$BBT_TOP/tests/lab/pppoe-probe/lab.sh"
lab_init
printf '#!/bin/sh\nexec sleep 60\n' >"$T/fakepppd"
chmod +x "$T/fakepppd"
lab_pppoe bras-1 -S internet -N 2 -q "$T/fakepppd"

# watch ARGS: a session in the background; $st is its /proc status,
# $env its environment, $owner the owner of its /proc files.
watch() {
	: >"$T/w.err"
	ip netns exec "$CLI" pppoe-probe -i cli0 --user alice \
	    --session-timeout 5s "$@" >"$T/w.out" 2>"$T/w.err" &
	pid=$!
	wait_for 10 grep -q 'session [0-9]* opened' "$T/w.err" ||
	    fail "no session: $(cat "$T/w.err")"
	st=$(cat "/proc/$pid/status")
	env=$(tr '\0' '\n' <"/proc/$pid/environ")
	owner=$(stat -c %u:%g "/proc/$pid/status")
	kill -TERM "$pid"
	wait "$pid"
}
field() { printf '%s\n' "$st" | sed -n "s/^$1:[[:space:]]*//p" | tr -s '\t ' ' '; }

pw=correct-horse-$$
PPPOE_PASSWORD=$pw watch
assert_nomatch "$pw" "$env" "the password in /proc/PID/environ"
nobody=$(id -u nobody) nogroup=$(id -g nobody)
assert_eq "$nobody $nobody $nobody $nobody" "$(field Uid)" "Uid"
assert_eq "$nogroup $nogroup $nogroup $nogroup" "$(field Gid)" "Gid"
assert_eq "" "$(field Groups)" "Groups"
assert_eq "0000000000000000" "$(field CapEff)" "CapEff"
assert_eq "0000000000000000" "$(field CapPrm)" "CapPrm"
assert_eq "1" "$(field NoNewPrivs)" "NoNewPrivs"
# Not dumpable: the kernel gives its /proc files to root, not to nobody.
assert_eq "0:0" "$owner" "owner of /proc/PID (dumpable)"

# A password file only root may read is read before the drop.
mkdir -m 700 "$T/private"
(umask 077; echo "$pw" >"$T/private/pw")
watch --password-file "$T/private/pw"
assert_nomatch "Permission denied" "$(cat "$T/w.err")"
assert_eq "$nobody $nobody $nobody $nobody" "$(field Uid)" "Uid"
# BBTOOLS_USER chooses another user.
BBTOOLS_USER=daemon watch --password-file "$T/private/pw"
assert_eq "$(id -u daemon) $(id -u daemon) $(id -u daemon) $(id -u daemon)" "$(field Uid)" "Uid with BBTOOLS_USER"
