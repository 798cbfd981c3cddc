#!/bin/bash
# --watch --format=prometheus -o FILE: the textfile rewritten while the watch runs (a flap and a loss window), every version read complete and valid (promcheck.py) with counters that never go back, no temporary left, and the last file's figures those of the summary record; usage and permission errors exit 3.
. "$BBT_TOP/tests/lib.sh"
. "$BBT_TOP/tests/lab/linecheck/lab.sh"
lab_need
lab_up
# Started as root, the watch writes as nobody after the drop.
mkdir -m 755 "$T/p" && chown nobody:nogroup "$T/p" || fail "textfile directory"
prom=$T/p/linecheck.prom
# A scraper's view: the file read every 20 ms, each new version kept.
python3 - "$prom" "$T/versions" "$T/stop" <<'PY' &
import os, sys, time
path, out, stop = sys.argv[1:]
os.mkdir(out)
last, n = None, 0
while not os.path.exists(stop):
    try:
        with open(path) as f:
            s = f.read()
    except FileNotFoundError:
        s = None
    if s is not None and s != last:
        n += 1
        with open(os.path.join(out, "%03d" % n), "w") as f:
            f.write(s)
        last = s
    time.sleep(0.02)
PY
reader=$!
"${LC[@]}" --watch 9s --interval 100ms --format=prometheus -o "$prom" >"$T/out" 2>"$T/err" &
pid=$!
wait_for 10 grep -q 'watch.start' "$T/out" || fail "no watch.start: $(cat "$T/err")"
sleep 1.2
ip -n "$LAB_ISP" link set vh0 down
wait_for 2 grep -q '	watch.link	eth0	critical	down	' "$T/out" || fail "no down record"
sleep 0.5
ip -n "$LAB_ISP" link set vh0 up
sleep 2.5
ipt -t raw -I PREROUTING -i br0 -p icmp --icmp-type echo-request -j DROP
sleep 1.5
ipt -t raw -D PREROUTING -i br0 -p icmp --icmp-type echo-request -j DROP
wait "$pid"
rc=$?
touch "$T/stop"
wait "$reader"
out=$(cat "$T/out") err=$(cat "$T/err") rec=$out
assert_rc 2 "a flap is critical"
assert_eq "" "$err" "stderr"
# The records still go to standard output, as without the textfile.
assert_eq "watch.start watch.link watch.link watch.gateway watch.summary" \
    "$(printf '%s\n' "$out" | awk -F'\t' '{ printf "%s%s", s, $2; s = " " } END { print "" }')" "records"
assert_eq "linecheck.prom" "$(ls -A "$T/p")" "no temporary left beside the textfile"
n=$(ls "$T/versions" | wc -l)
[ "$n" -ge 6 ] || fail "only $n versions of the textfile in 9 s"
for v in "$T"/versions/*; do
	run python3 "$LAB_SRC/promcheck.py" <"$v"
	assert_eq "" "$out" "promcheck.py on version ${v##*/}"
	# Complete: the last family is there.
	assert_match 'bbtools_watch_events_total\{tool="linecheck",interface="eth0",kind="dns"\} [0-9]+' "$(cat "$v")" "version ${v##*/} complete"
done
python3 - "$T"/versions/* <<'PY' || fail "a counter went back"
import re, sys
last = {}
for f in sys.argv[1:]:
    for line in open(f):
        m = re.match(r'(bbtools_watch_\w+_total\{[^}]*\}) (\S+)$', line)
        if m:
            k, v = m.group(1), float(m.group(2))
            if v < last.get(k, 0):
                sys.exit("%s: %s went from %s to %s" % (f, k, last[k], v))
            last[k] = v
PY
# Between the flap and the loss window, a version saw the carrier gone.
grep -l '^bbtools_watch_link_up{tool="linecheck",interface="eth0"} 0$' "$T"/versions/* >/dev/null ||
    fail "no version with the link down"
final=$(cat "$prom")
m() {	# METRIC [LABELS]: the value in the last file
	printf '%s\n' "$final" | awk -v k="bbtools_watch_$1{tool=\"linecheck\",interface=\"eth0\"${2:-}}" '$1 == k { print $2 }'
}
d() {	# KEY: the summary's value
	printf '%s\n' "$rec" | awk -F'\t' -v k="$1" '$2 == "watch.summary" {
	    n = split($7, kv, " "); for (j = 1; j <= n; j++)
		if (index(kv[j], k "=") == 1) print substr(kv[j], length(k) + 2) }'
}
sum=$(printf '%s\n' "$rec" | awk -F'\t' '$2 == "watch.summary" { print $5 }')
assert_eq "0 1 1" "$(m running) $(m link_up) $(m link_present)" "running, link"
assert_eq "$(d flaps)" "$(m link_flaps_total)" "flaps"
assert_eq "$(d gw_bursts)" "$(m events_total ',kind="gateway"')" "gateway bursts"
assert_eq "$(d dns_bursts)" "$(m events_total ',kind="dns"')" "dns bursts"
assert_eq "$sum" "$(printf '%s\n' "$final" | awk '/^bbtools_watch_events_total/ { s += $2 } END { print s }')" "events"
assert_eq "$(d outage_min)" "$(awk -v s="$(m outage_seconds_total)" 'BEGIN { printf "%.2f", s / 60 }')" "outage"
lost=$(m gateway_lost_total ',family="inet"')
[ "$lost" -ge 8 ] && [ "$lost" -le 25 ] || fail "$lost requests lost in 1.5 s at 100 ms"
assert_match '^bbtools_watch_gateway_rtt_seconds\{tool="linecheck",interface="eth0",family="inet6"\} 0\.[0-9]{6}$' "$final" "IPv6 RTT"

# A FIFO is written in place, one exposition after another, the last
# one the end's (running 0); nothing is created beside it.
mkfifo -m 666 "$T/p/fifo" || fail "mkfifo"
cat "$T/p/fifo" >"$T/fifo.out" &
cat_pid=$!
run "${LC[@]}" --watch 2s --format=prometheus -o "$T/p/fifo"
assert_rc 0 "a quiet watch into a FIFO"
wait "$cat_pid"
assert_eq "1 1 0" "$(grep '^bbtools_watch_running' "$T/fifo.out" | awk '{ printf "%s%s", s, $2; s = " " } END { print "" }' | awk '{ print $1, $(NF-1), $NF }')" "expositions in the FIFO"
assert_eq "fifo linecheck.prom" "$(ls -A "$T/p" | sort | tr '\n' ' ' | sed 's/ $//')" "nothing beside the FIFO"

# The FIFO's reader goes after its first line: the watch is not killed
# by SIGPIPE, says so once, and ends with its summary (3: the textfile
# was not written at the end). The next reader gets whole expositions.
head -n 1 "$T/p/fifo" >/dev/null &
run "${LC[@]}" --watch 3s --interval 1s --format=prometheus -o "$T/p/fifo"
assert_rc 3 "a FIFO without a reader at the end"
assert_match '	watch\.summary	eth0	' "$out" "summary after the reader went"
assert_eq 1 "$(grep -c 'cannot write the Prometheus textfile: Broken pipe' <<<"$err")" "one message for the broken pipe"

# Usage: the textfile needs a name, and -o alone is no watch output.
run "${LC[@]}" --watch 5s --format=prometheus
assert_rc 3 "prometheus watch without -o"
assert_match '--watch with --format=prometheus needs -o FILE' "$err"
run "${LC[@]}" --watch 5s -o "$T/p/x"
assert_rc 3 "-o without prometheus"
assert_match 'with --watch, -o names the Prometheus textfile' "$err"
# A directory only root may write: named before the watch starts.
mkdir -m 755 "$T/ro"
run "${LC[@]}" --watch 5s --format=prometheus -o "$T/ro/x.prom"
assert_rc 3 "unwritable directory"
assert_eq "" "$out" "no record"
assert_match "ro/x.prom: cannot create the textfile: its directory must be writable by the user the watch runs as" "$err"
