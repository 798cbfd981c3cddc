#!/bin/bash
# The terminal view of linecheck and pppoe-probe, seen in a real
# terminal (tmux, 80 columns): the progress line appears while they wait
# and is gone before the view; the view names the root cause first, in
# English and zh_CN, colours only status words (none with NO_COLOR), fits
# 80 columns; --format=records keeps the aligned records; a pipe still
# gets the raw records. And -v says what is waited for.
. "$BBT_TOP/tests/lib.sh"
need_netns
need_cmd tmux
ns=$(ns_new hview)
ns2=$(ns_new hview2)
veth_pair "$ns" eth0 "$ns2" eth1
# A dead segment: an address and a route into nothing.
ip -n "$ns" addr add 192.0.2.10/24 dev eth0
ip -n "$ns" route add default via 192.0.2.1
printf 'nameserver 198.51.100.53\n' >"$T/resolv.conf"
LC=(linecheck -i eth0 --resolv-conf "$T/resolv.conf" --target www.example.test
    --skip ipv6,dhcp --timeout 2)

sock="bbt-hview-$$"
at_exit "tmux -L $sock kill-server"
# term NAME ENV... -- CMD...: runs CMD in the namespace in a new 80x50
# tmux window; "EXIT=rc" follows its output.
term() {
	local name=$1 envs=() q
	shift
	while [ "$1" != -- ]; do envs+=("$1"); shift; done
	shift
	printf -v q '%q ' env PATH="$PATH" BBTOOLS_LOCALEDIR="$BBTOOLS_LOCALEDIR" \
	    "${envs[@]}" ip netns exec "$ns" "$@"
	if tmux -L "$sock" has-session 2>/dev/null; then
		tmux -L "$sock" new-window -d -n "$name" "$q; echo EXIT=\$?; sleep 60"
	else
		tmux -L "$sock" -f /dev/null new-session -d -x 80 -y 50 -s bbt \
		    -n "$name" "$q; echo EXIT=\$?; sleep 60"
	fi
}
# screen NAME [-e]: the window's text; the erased progress line leaves
# blanks after the view's first line, not part of it.
screen() { tmux -L "$sock" capture-pane -p -J -t "bbt:$1" "${@:2}" | sed 's/ *$//'; }
finished() { screen "$1" | grep -q '^EXIT='; }
# fits SCREEN: no line wider than 80 display columns.
fits() {
	local l
	while IFS= read -r l; do
		[ "$(printf '%s' "$l" | wc -L)" -le 80 ] || fail "wider than 80: $l"
	done <<<"$1"
}

# English, colours as the terminal allows (TERM of tmux).
term lc-en LC_ALL=C.UTF-8 LANGUAGE= -- "${LC[@]}"
wait_for 5 sh -c "tmux -L $sock capture-pane -p -t bbt:lc-en | grep -q '^waiting for .*ping.*: [0-9.]* s of 2.0 s'" ||
    fail "no progress line in linecheck: $(screen lc-en)"
wait_for 10 finished lc-en || fail "linecheck did not end: $(screen lc-en)"
s=$(screen lc-en)
assert_eq "critical  Gateway unreachable: the other checks were skipped." \
    "$(printf '%s\n' "$s" | head -n 1)" "linecheck view: cause first, progress cleared"
assert_match "^EXIT=2\$" "$s"
case $s in *"waiting for"*) fail "the progress line was left: $s" ;; esac
assert_match "^Gateway {50,}critical\$" "$s"
assert_match "^  gateway ping   192\.0\.2\.1: 0 of 20 replies, 100 % lost +critical\$" "$s"
assert_match "^  resolver       not run: gateway ping failed first\$" "$s"
fits "$s"
assert_match $'^\e\\[1m\e\\[31mcritical' "$(screen lc-en -e)" "critical is coloured"

# zh_CN, NO_COLOR: Chinese, no escape at all.
term lc-zh LC_ALL=C.UTF-8 LANGUAGE=zh_CN NO_COLOR=1 -- "${LC[@]}"
wait_for 10 finished lc-zh || fail "linecheck (zh_CN) did not end"
s=$(screen lc-zh -e)
assert_eq "故障  网关不通：其余检查已跳过。" "$(printf '%s\n' "$s" | head -n 1)" "zh_CN view"
assert_match "^网关 {60,}故障\$" "$s"
case $s in *$'\e'*) fail "NO_COLOR: escape sequences in $s" ;; esac
fits "$s"

# The old aligned records on a terminal.
term lc-rec LC_ALL=C.UTF-8 -- "${LC[@]}" --format=records --color=never
wait_for 10 finished lc-rec || fail "linecheck --format=records did not end"
assert_match "^check  link\.carrier +eth0 +ok +up " "$(screen lc-rec | head -n 1)"

# pppoe-probe on the silent segment: the attempts, then the view.
term pp LC_ALL=C.UTF-8 -- pppoe-probe -i eth0 --vlan-scan 1-50
wait_for 5 sh -c "tmux -L $sock capture-pane -p -t bbt:pp | grep -q '^VLAN scan of 50 VLANs, PADI [1-3] of 3: 0 answered, [0-9.]* s left'" ||
    fail "no progress line in pppoe-probe: $(screen pp)"
wait_for 10 finished pp || fail "pppoe-probe did not end"
s=$(screen pp)
assert_eq "critical  No access concentrator answered." "$(printf '%s\n' "$s" | head -n 1)" \
    "pppoe-probe view, progress cleared"
assert_match "^  PADI/PADO      no access concentrator answered \(3 PADI sent\) +critical\$" "$s"
case $s in *"VLAN scan"*) fail "the progress line was left: $s" ;; esac
fits "$s"

# Not a terminal: raw records, no progress, nothing on stderr.
run ip netns exec "$ns" "${LC[@]}"
assert_rc 2 "linecheck piped"
assert_eq "" "$err" "linecheck piped: stderr"
assert_match "^check	gw\.ping	192\.0\.2\.1	critical	100	%	" "$out"

# -v: what is waited for, when waiting starts.
run ip netns exec "$ns" "${LC[@]}" -v
assert_match "^linecheck: waiting up to 2000 ms for: DHCP/ARP, ping, DNS\$" "$err"
run ip netns exec "$ns" pppoe-probe -i eth0 -a 2 -v
assert_rc 2 "pppoe-probe -v"
assert_eq "pppoe-probe: PADI 1 of 2 sent: waiting 250 ms for PADO
pppoe-probe: PADI 2 of 2 sent: waiting 750 ms for PADO" "$err" "pppoe-probe -v"
run ip netns exec "$ns" pppoe-probe -i eth0 -a 1 -v --vlan-scan 7-9
assert_eq "pppoe-probe: PADI 1 of 1 sent on 3 VLANs: waiting 250 ms for PADO" "$err" \
    "pppoe-probe -v --vlan-scan"
exit 0
