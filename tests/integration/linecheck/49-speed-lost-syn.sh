#!/bin/bash
# --speed on a line that loses every first SYN to the server (nftables in
# front of it drops every other one, so each retransmission, 1 s on, gets
# through): the server is still chosen and measured, its idle latency
# unknown (idle_ms=-, no bloat over it).
# Before, a choice connect was cut off at 1 s, just before the kernel's
# retransmission: two lost, the only server given up, error=timeout.
. "$BBT_TOP/tests/lib.sh"
. "$BBT_TOP/tests/lab/linecheck/lab.sh"
. "$BBT_TOP/tests/lab/linecheck/speed.sh"
lab_need
speed_need
need_cmd nft
lab_up
speed_up
speed_shape 20 10
ip netns exec "$LAB_INET" nft -f - <<'NFT' || skip "nftables unusable here"
table inet lossy {
	chain in {
		type filter hook input priority 0;
		ip daddr 203.0.113.80 tcp dport 8080 tcp flags & (syn | ack) == syn numgen inc mod 2 == 0 counter drop
	}
}
NFT
run "${LC[@]}" -v --speed="$SPEED_URL" --speed-time 3s
assert_rc 0 "no plan: the rates are information"
assert_eq "speed.down $SPEED_URL info streams=4 server=203.0.113.80
speed.up $SPEED_URL info streams=4 server=203.0.113.80
speed.latency $SPEED_URL ok method=tcp_connect" "$(speed_norm)" "speed records"
speed_between speed.down 5 21
speed_between speed.up 3 10.5
assert_match $'speed\\.latency\t[^\t]*\tok\t[0-9.]+\tms\tidle_ms=- down_ms=[0-9.]+ up_ms=[0-9.]+ samples=[0-9]+ lost=[1-9][0-9]* method=tcp_connect$' \
    "$out" "idle latency unknown, loaded probes lost"
assert_match "speed test against $SPEED_URL \\(203\\.0\\.113\\.80\\), only slow connects \\(1[0-9]{3} ms\\): the idle latency is unknown" \
    "$err" "verbose: the choice's slow connects"
dropped=$(ip netns exec "$LAB_INET" nft list chain inet lossy in | grep -o 'packets [0-9]*' | cut -d' ' -f2)
[ "${dropped:-0}" -ge 5 ] || fail "only ${dropped:-0} SYNs dropped"
exit 0
