#!/bin/bash
# --watch: the resolver silent for 3 s (UDP and TCP 53 dropped): one watch.dns failure burst with rcode=timeout, nothing else; exit 1.
. "$BBT_TOP/tests/lib.sh"
. "$BBT_TOP/tests/lab/linecheck/lab.sh"
lab_need
lab_up
# --interval 100ms: a DNS round every second.
"${LC[@]}" --watch 9s --interval 100ms >"$T/out" 2>"$T/err" &
pid=$!
wait_for 10 grep -q 'watch.start' "$T/out" || fail "no watch.start: $(cat "$T/err")"
sleep 1.5
ipt -I INPUT -p udp --dport 53 -j DROP
ipt -I INPUT -p tcp --dport 53 -j DROP
sleep 3
ipt -D INPUT -p udp --dport 53 -j DROP
ipt -D INPUT -p tcp --dport 53 -j DROP
wait "$pid"
rc=$?
out=$(cat "$T/out") err=$(cat "$T/err")
assert_rc 1 "a DNS failure is a warning"
assert_eq "" "$err" "stderr"
assert_eq "watch.start eth0 info
watch.dns 192.168.77.1 warning rcode=timeout
watch.summary eth0 warning gw_bursts=0 dns_bursts=1" \
    "$(printf '%s\n' "$out" | awk -F'\t' '$1 == "check" { d = ""
	n = split($7, kv, " ")
	for (i = 1; i <= n; i++) if (kv[i] ~ /^(rcode|dns_bursts|gw_bursts)=/) d = d " " kv[i]
	print $2, $3, $4 d }')" "the records"
# From the first failed round to the first answered one: the 3 s window
# give or take a round (1 s) and its timeouts (1.5 s).
v=$(printf '%s\n' "$out" | awk -F'\t' '$2 == "watch.dns" { print $5 }')
awk -v v="$v" 'BEGIN { exit !(v >= 1.5 && v <= 6) }' || fail "DNS burst of $v s, 3 s injected"
