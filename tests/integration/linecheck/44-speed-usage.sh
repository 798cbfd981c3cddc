#!/bin/bash
# --speed and --plan usage errors: exit 3 with one clear message, no record.
. "$BBT_TOP/tests/lib.sh"
unset LINECHECK_SPEED_SERVERS
for p in 0 abc 100/ /50 100/x 100x -5 200000; do
	run linecheck --speed=http://192.0.2.1/big --plan "$p"
	assert_rc 3 "--plan $p"
	assert_eq "" "$out" "stdout of --plan $p"
	assert_match "invalid value '$p' for --plan: use DOWN or DOWN/UP in Mbit/s" "$err"
done
run linecheck --plan 100
assert_rc 3 "--plan alone"
assert_match -- "--plan needs --speed" "$err"
run linecheck --speed
assert_rc 3 "--speed without a server"
assert_match -- "--speed needs a server: --speed=URL, or URLs in LINECHECK_SPEED_SERVERS" "$err"
run linecheck --speed=ftp://192.0.2.1/big
assert_rc 3 "ftp"
assert_match "'ftp://192.0.2.1/big' is not an http, https or iperf3 URL" "$err"
LINECHECK_SPEED_SERVERS="http://192.0.2.1/big gopher://x/" run linecheck --speed
assert_rc 3 "bad URL in the environment"
assert_match "'gopher://x/' is not an http, https or iperf3 URL" "$err"
for u in iperf3:// iperf3://192.0.2.1/x iperf3://192.0.2.1:0 'iperf3://h?x'; do
	run linecheck --speed="$u"
	assert_rc 3 "--speed=$u"
	assert_match "is not an http, https or iperf3 URL" "$err"
done
run linecheck --speed=http://192.0.2.1/big --speed-streams 0
assert_rc 3 "--speed-streams 0"
run linecheck --speed=http://192.0.2.1/big --speed-streams 17
assert_rc 3 "--speed-streams 17"
run linecheck --speed=http://192.0.2.1/big --speed-time 61s
assert_rc 3 "--speed-time 61s"
run linecheck --speed=http://192.0.2.1/big --slow-ratio 1.5
assert_rc 3 "--slow-ratio 1.5"
LANGUAGE=zh_CN run linecheck --plan 100
assert_rc 3 "zh_CN"
assert_match "需要 --speed" "$err"
# --wired: with --speed only, and an interface name.
run linecheck --wired eth0
assert_rc 3 "--wired alone"
assert_eq "" "$out" "stdout of --wired alone"
assert_match -- "--wired needs --speed" "$err"
for w in '' a234567890123456 a/b; do
	run linecheck --speed=http://192.0.2.1/big --wired="$w"
	assert_rc 3 "--wired=$w"
	assert_match "invalid interface name '$w' for --wired" "$err"
done
