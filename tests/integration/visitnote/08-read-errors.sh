#!/bin/bash
# A read error (a directory, a truncated gzip file, bytes after the gzip
# stream, standard input a directory) ends that input with one message
# and exit 74; the notes read before it, and the other inputs', are
# printed and logged. A missing or unreadable input is 66, the other
# inputs still read. Messages are `visitnote: file:line: message`.
. "$BBT_TOP/tests/lib.sh"
mkdir "$T/w" && cd "$T/w" || fail "no temp dir"
mkdir somedir
printf 'id\tcustomer\tcontact\tphone\tarrived\tleft\n' >good.tsv
for i in $(seq 1 2000); do
	printf 'W%d\t用户%d\t李工\t138%08d\t2025-03-05 09:05\t2025-03-05 09:20\n' "$i" "$i" "$i"
done >>good.tsv

# timeout: before the fix the run never ended.
run timeout 10 visitnote -o out.txt --log l.tsv good.tsv somedir
assert_rc 74 "directory after a good file"
assert_eq "visitnote: somedir: Is a directory" "$err" "one message"
assert_eq 2000 "$(grep -c '^尊敬的' out.txt)" "the good file's notes written"
assert_eq 2000 "$(wc -l <l.tsv)" "and logged"
assert_eq "good.tsv l.tsv out.txt somedir" "$(ls | paste -sd ' ')" "no temporary left"

# Inputs after the bad one are still read.
run timeout 10 visitnote somedir good.tsv
assert_rc 74 "directory before a good file"
assert_eq 2000 "$(printf '%s\n' "$out" | grep -c '^尊敬的')" "the later file's notes"

run timeout 10 visitnote <somedir
assert_rc 74 "standard input a directory"
assert_eq "visitnote: (stdin): Is a directory" "$err" "stdin message"

# A gzip file cut in half: the rows before the cut are printed.
gzip -c good.tsv >full.tsv.gz
head -c $(($(stat -c %s full.tsv.gz) / 2)) full.tsv.gz >trunc.tsv.gz
run timeout 10 visitnote trunc.tsv.gz
assert_rc 74 "truncated gzip"
assert_match "^visitnote: trunc.tsv.gz:[0-9]+: truncated gzip data; the rows before this line were read$" "$err" "gzip message"
n=$(printf '%s\n' "$out" | grep -c '^尊敬的')
[ "$n" -gt 100 ] && [ "$n" -lt 2000 ] || fail "truncated gzip: $n notes, expected the rows before the cut"

# Bytes after the gzip stream: all rows, then the error.
{ cat full.tsv.gz; echo trailing; } >trail.tsv.gz
run timeout 10 visitnote trail.tsv.gz
assert_rc 74 "trailing bytes"
assert_eq "visitnote: trail.tsv.gz:2002: trailing bytes after the gzip data, ignored" "$err" "trailing message"
assert_eq 2000 "$(printf '%s\n' "$out" | grep -c '^尊敬的')" "every row before the trailing bytes"

# Missing: 66, the other inputs read.
run visitnote nonexistent.tsv good.tsv
assert_rc 66 "missing file"
assert_eq "visitnote: nonexistent.tsv: No such file or directory" "$err" "missing message"
assert_eq 2000 "$(printf '%s\n' "$out" | grep -c '^尊敬的')" "the other file read"

# Unreadable: 66 as in bbdiag and qareport (root reads anything: run as
# nobody).
if [ "$(id -u)" -eq 0 ] && id nobody >/dev/null 2>&1 && command -v setpriv >/dev/null; then
	chmod 755 "$T" "$T/w"
	head -3 good.tsv >secret.tsv
	chmod 600 secret.tsv
	chmod 644 good.tsv
	run setpriv --reuid=nobody --regid="$(id -g nobody)" --clear-groups \
	    visitnote secret.tsv good.tsv
	assert_rc 66 "unreadable file"
	assert_eq "visitnote: secret.tsv: Permission denied" "$err" "unreadable message"
	assert_eq 2000 "$(printf '%s\n' "$out" | grep -c '^尊敬的')" "the other file read"
fi
