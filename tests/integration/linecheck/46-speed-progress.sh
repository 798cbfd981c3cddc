#!/bin/bash
# --speed on a terminal: the live rate on stderr, cleared at the end; the records on stdout stay clean.
. "$BBT_TOP/tests/lib.sh"
. "$BBT_TOP/tests/lab/linecheck/lab.sh"
. "$BBT_TOP/tests/lab/linecheck/speed.sh"
lab_need
speed_need
need_cmd script
lab_up
speed_up
speed_shape 20 10
# script(1) gives linecheck a terminal for stderr; stdout goes to a file.
printf -v cmd '%q ' "${LC[@]}" --speed="$SPEED_URL" --format tsv
script -qec "$cmd >$T/out" "$T/tty" >/dev/null </dev/null
rc=$?
out=$(cat "$T/out") err=$(cat "$T/tty")
assert_rc 0 "a healthy line, no plan"
assert_match 'download: [0-9]+\.[0-9] Mbit/s' "$err" "live download rate"
assert_match 'upload: [0-9]+\.[0-9] Mbit/s' "$err" "live upload rate"
# The line is cleared at the end: no rate after the last erase.
assert_match $'\r\033\\[K' "$err" "erase sequence"
after=$(awk 'BEGIN { RS = "\033\\[K" } { last = $0 } END { printf "%s", last }' "$T/tty")
assert_nomatch 'Mbit/s' "$after" "the progress line cleared"
assert_nomatch 'download:|upload:' "$out" "records"
assert_eq 3 "$(printf '%s\n' "$out" | grep -c $'^check\tspeed\\.')" "speed records"
