#!/bin/bash
# --watch: a 50 ms flap right after another one falls inside the kernel's once-a-second link-event delay; it is still counted once (value flap, from the carrier-change counter), or as down/up where the kernel reports it at once.
. "$BBT_TOP/tests/lib.sh"
. "$BBT_TOP/tests/lab/linecheck/lab.sh"
lab_need
lab_up
"${LC[@]}" --watch 6s --interval 100ms >"$T/out" 2>"$T/err" &
pid=$!
wait_for 10 grep -q 'watch.start' "$T/out" || fail "no watch.start: $(cat "$T/err")"
sleep 1.2
ip -n "$LAB_ISP" link set vh0 down
sleep 1.3
ip -n "$LAB_ISP" link set vh0 up
sleep 0.1
ip -n "$LAB_ISP" link set vh0 down
sleep 0.05
ip -n "$LAB_ISP" link set vh0 up
wait "$pid"
rc=$?
out=$(cat "$T/out") err=$(cat "$T/err")
assert_rc 2 "flaps are critical"
assert_eq "" "$err" "stderr"
got=$(printf '%s\n' "$out" | awk -F'\t' '$2 == "watch.link" { printf "%s%s", s, $5; s = " " }')
case $got in
"down up flap")
	assert_eq 1 "$(printf '%s\n' "$out" | awk -F'\t' '$5 == "flap"' | grep -c ' flaps=1')" "flaps=1 on the flap record" ;;
"down up down up") ;;
*)	fail "watch.link values: '$got', expected 'down up flap' or 'down up down up'" ;;
esac
assert_match '	watch\.summary	.* flaps=2 ' "$out" "two flaps in the summary"
assert_nomatch 'watch\.(gateway|addr|route)' "$out" "nothing else"
