#!/bin/bash
# Started as root, linecheck continues as nobody after opening its
# handles (bbt_priv_drop, issue 16 F18), so whatever it reads must be read
# before: a root-only (0600) --resolv-conf and --cacert in a 0700
# directory still give DNS and HTTPS ok (web checks and --speed), and so
# does a --cacert given as a pipe that two HTTPS checks share. During the
# run the process is uid and gid 65534, with no groups and no
# capabilities.
. "$BBT_TOP/tests/lib.sh"
. "$BBT_TOP/tests/lab/linecheck/lab.sh"
[ "$(id -u)" -eq 0 ] || skip "needs root (the switch to nobody is from root)"
lab_need
lab_up
# A web target that never answers keeps the run alive until -t.
ipt -I FORWARD -p tcp --dport 81 -j DROP
ip6t -I FORWARD -p tcp --dport 81 -j DROP
mkdir -m 700 "$T/root"
cp "$LAB_DIR/resolv.conf" "$LAB_DIR/ca.pem" "$T/root/"
chmod 600 "$T/root/resolv.conf" "$T/root/ca.pem"
# Undo tests/lib.sh's 711: nothing of the test is reachable by nobody.
chmod 700 "$T"
LCR=(ip netns exec "$LAB_HOME" linecheck -i eth0 --skip dhcp,arp,ping,mtu
    --resolv-conf "$T/root/resolv.conf" --target "$LAB_URL6")

"${LCR[@]}" --cacert "$T/root/ca.pem" --target http://www.example.test:81/ \
    -t 2s >"$T/out" 2>"$T/err" &
pid=$!
st=
for _ in $(seq 150); do
	s=$(cat "/proc/$pid/status" 2>/dev/null) || break
	if printf '%s\n' "$s" | grep -q '^Uid:[[:space:]]*65534[[:space:]]'; then
		st=$s
		break
	fi
	sleep 0.01
done
wait "$pid"
rc=$?
out=$(cat "$T/out") err=$(cat "$T/err")
assert_rc 2 "root-only files"
assert_eq "" "$err" "stderr"
assert_eq "dns.resolve 192.168.77.1 ok N rcode=NOERROR
http.get https://www.example.test/ ok N status=200 family=inet
http.get https://www.example.test/ ok N status=200 family=inet6
http.get http://www.example.test:81/ critical - status=- family=inet error=timeout
http.get http://www.example.test:81/ critical - status=- family=inet6 error=timeout" \
    "$(lab_norm | grep -E '^(dns|http)\.')" "root-only records"

assert_eq "Uid:	65534	65534	65534	65534
Gid:	65534	65534	65534	65534
Groups:
CapInh:	0000000000000000
CapPrm:	0000000000000000
CapEff:	0000000000000000" "$(printf '%s\n' "$st" | grep -E '^(Uid|Gid|Groups|Cap(Inh|Prm|Eff)):' |
    sed 's/[[:space:]]*$//')" \
    "ids while running"

# Read once: libcurl reopening the pipe per transfer found it empty.
run "${LCR[@]}" --cacert <(cat "$T/root/ca.pem")
assert_rc 0 "pipe"
assert_eq "" "$err" "stderr (pipe)"
assert_eq "dns.resolve 192.168.77.1 ok N rcode=NOERROR
http.get https://www.example.test/ ok N status=200 family=inet
http.get https://www.example.test/ ok N status=200 family=inet6" \
    "$(lab_norm | grep -E '^(dns|http)\.')" "pipe records"

# Without --cacert libcurl reads the system bundle per transfer, as
# nobody: Debian's is world-readable, so the lab's self-signed certificate
# is refused on its merits, not for a file that would not open.
if [ -r /etc/ssl/certs/ca-certificates.crt ]; then
	run "${LCR[@]}" --skip ipv6
	assert_rc 2 "system bundle"
	assert_match 'msg="SSL certificate problem: self-signed certificate"' \
	    "$out" "system bundle"
fi

# --speed over HTTPS takes the same CA from memory: the handshake works
# and the lab's web server (no speed server) sends its short page.
run ip netns exec "$LAB_HOME" linecheck -i eth0 --skip dhcp,arp,ping,mtu,http,ipv6 \
    --resolv-conf "$T/root/resolv.conf" --cacert "$T/root/ca.pem" \
    --speed="$LAB_URL6" --speed-time 1s
assert_match $'\tspeed\\.down\t[^\t]+\tcritical\t-\tMbit/s\tstreams=4 bytes=[1-9][0-9]* .* error=short_body$' \
    "$out" "speed over HTTPS"

# --watch reads the same root-only resolv.conf before the switch: its DNS
# rounds run (no message, no failure burst) as nobody.
run ip netns exec "$LAB_HOME" linecheck -i eth0 --resolv-conf "$T/root/resolv.conf" \
    --target "$LAB_URL4" --watch=3s --interval 100ms
assert_rc 0 "watch with a root-only resolv.conf"
assert_eq "" "$err" "watch stderr"
assert_match $'\twatch\\.summary\t.* dns_bursts=0 ' "$out" "watch summary"
