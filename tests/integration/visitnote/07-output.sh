#!/bin/bash
# -o: a regular file (or a new path) is replaced atomically and keeps its
# mode and owner; a character device, a FIFO or a socket is written in
# place, never replaced; a symbolic link is followed to its target.
# SIGTERM/INT/HUP remove the temporary file and end the run by the signal.
. "$BBT_TOP/tests/lib.sh"
D=$BBT_DATA/visitnote

# 0600 stays 0600: notes hold names and phones.
echo secret >"$T/priv.txt"
chmod 600 "$T/priv.txt"
run visitnote --blank 1 -o "$T/priv.txt"
assert_rc 0 "0600 file"
assert_eq "600 regular file" "$(stat -c '%a %F' "$T/priv.txt")" "mode kept"
assert_match '^×××联通公司到访留言便条$' "$(cat "$T/priv.txt")" "rewritten"

# The owner is kept where we may chown (root).
if [ "$(id -u)" -eq 0 ] && id nobody >/dev/null 2>&1; then
	echo old >"$T/f.txt"
	chown nobody:"$(id -gn nobody)" "$T/f.txt"
	run visitnote --blank 1 -o "$T/f.txt"
	assert_rc 0 "file of nobody"
	assert_eq "nobody $(id -gn nobody)" "$(stat -c '%U %G' "$T/f.txt")" "owner kept"
fi

# A symbolic link is followed: the target is written, the link stays.
echo old >"$T/real.txt"
ln -s real.txt "$T/link.txt"
run visitnote --blank 1 -o "$T/link.txt"
assert_rc 0 "symlink"
assert_eq "symbolic link" "$(stat -c '%F' "$T/link.txt")" "link kept"
assert_match '^×××联通公司到访留言便条$' "$(cat "$T/real.txt")" "target written"
ln -s new.txt "$T/dangling.txt"
run visitnote --blank 1 -o "$T/dangling.txt"
assert_rc 0 "dangling symlink"
assert_match '^×××联通公司到访留言便条$' "$(cat "$T/new.txt")" "target created"

# A FIFO: its reader gets the note, the FIFO stays.
mkfifo "$T/fifo"
timeout 10 cat "$T/fifo" >"$T/fromfifo" &
reader=$!
run timeout 10 visitnote --blank 1 -o "$T/fifo"
assert_rc 0 "FIFO"
wait "$reader"
assert_eq "fifo" "$(stat -c '%F' "$T/fifo")" "FIFO kept"
assert_match '^×××联通公司到访留言便条$' "$(cat "$T/fromfifo")" "the reader got the note"

# A character device (a printer's /dev/usb/lp0; here /dev/null's
# numbers) stays a device. mknod needs root.
if [ "$(id -u)" -eq 0 ] && mknod -m 666 "$T/lp0" c 1 3 2>/dev/null; then
	run visitnote --blank 1 -o "$T/lp0"
	assert_rc 0 "character device"
	assert_eq "character special file 1 3" \
	    "$(stat -c '%F %t %T' "$T/lp0")" "device node kept"
	run visitnote --format pdf --blank 1 -o "$T/lp0"
	assert_rc 0 "PDF to a character device"
	assert_eq "character special file" "$(stat -c '%F' "$T/lp0")" "still a device"
fi
# A full device (/dev/full's numbers, made here: a broken writer must not
# replace the machine's own): the write error is named, text and PDF.
if [ "$(id -u)" -eq 0 ] && mknod -m 666 "$T/full" c 1 7 2>/dev/null; then
	run visitnote --blank 1 -o "$T/full"
	assert_rc 74 "text to a full device"
	assert_eq "visitnote: $T/full: No space left on device" "$err" "text write error"
	run visitnote --format pdf --blank 1 -o "$T/full"
	assert_rc 74 "PDF to a full device"
	assert_eq "visitnote: $T/full: No space left on device" "$err" "PDF write error"
	assert_eq "character special file" "$(stat -c '%F' "$T/full")" "full device kept"
fi
# A directory is refused.
run visitnote --blank 1 -o "$T"
assert_rc 73 "directory"
assert_eq "visitnote: $T: Is a directory" "$err" "directory message"

# Signals: the input is a FIFO held open, so visitnote waits with its
# temporary file open; the signal removes it and ends the run.
for sig in TERM INT HUP; do
	rm -f "$T/in.fifo"
	mkfifo "$T/in.fifo"
	echo old >"$T/sig.txt"
	# INT of a background job is ignored by bash: start it with the
	# default disposition restored.
	(trap - INT; exec visitnote -o "$T/sig.txt" "$T/in.fifo") 2>"$T/sigerr" &
	pid=$!
	exec 9>"$T/in.fifo"
	printf 'customer\tcontact\tphone\tarrived\tleft\n' >&9
	for _ in $(seq 1 200); do
		compgen -G "$T/sig.txt.*" >/dev/null && break
		sleep 0.05
	done
	compgen -G "$T/sig.txt.*" >/dev/null || fail "$sig: no temporary file seen"
	kill -s "$sig" "$pid"
	wait "$pid"
	rc=$?
	exec 9>&-
	assert_eq "$((128 + $(kill -l "$sig")))" "$rc" "$sig: ended by the signal"
	assert_eq "sig.txt" "$(cd "$T" && ls sig.txt*)" "$sig: no temporary left"
	assert_eq old "$(cat "$T/sig.txt")" "$sig: old content kept"
done
