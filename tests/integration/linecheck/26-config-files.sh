#!/bin/bash
# Files named on the command line: a missing file, a directory, a device
# or a huge file as --resolv-conf, an unreadable --cacert, are usage
# errors naming the file (exit 3, no record), never a DNS verdict
# (reliability audit F17, UX audit 13).
. "$BBT_TOP/tests/lib.sh"

head -c 100000 /dev/zero >"$T/huge.conf"
printf 'nameserver 192.0.2.53\n' >"$T/resolv.conf"
try() {	# expected-message option file
	run linecheck -i lo "$2" "$3"
	assert_rc 3 "$2 $3"
	assert_eq "" "$out" "stdout of $2 $3"
	assert_eq "linecheck: $1" "$(printf '%s\n' "$err" | head -1)" "$2 $3"
}
try "/nonexistent: No such file or directory" --resolv-conf /nonexistent
try "$T: Is a directory" --resolv-conf "$T"
try "/dev/zero: not a regular file" --resolv-conf /dev/zero
try "$T/huge.conf: larger than 64 KiB: not a resolver configuration" \
    --resolv-conf "$T/huge.conf"
try "/nonexistent/ca.pem: No such file or directory" --cacert /nonexistent/ca.pem
try "$T: Is a directory" --cacert "$T"
if [ "$(id -u)" -ne 0 ]; then
	printf 'x\n' >"$T/ca.pem"
	chmod 000 "$T/ca.pem"
	try "$T/ca.pem: Permission denied" --cacert "$T/ca.pem"
fi
# A good file and a pipe pass the check (the loopback is refused after).
run linecheck -i lo --resolv-conf "$T/resolv.conf"
assert_rc 3 "good file"
assert_eq "linecheck: lo is the loopback interface: name the line's interface with -i" "$err"
run linecheck -i lo --resolv-conf <(printf 'nameserver 192.0.2.53\n')
assert_eq "linecheck: lo is the loopback interface: name the line's interface with -i" "$err" "a pipe"
