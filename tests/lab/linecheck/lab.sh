# SPDX-License-Identifier: MIT
# linecheck's namespace lab (source it after tests/lib.sh):
#
#   home (eth0 192.168.77.100/24, 2001:db8:77::100/64, MAC 02:00:00:00:00:10)
#     |  veth
#   isp  br0 192.168.77.1/24 2001:db8:77::1/64 (bridge: vh0 [+ vr0 rogue])
#        dnsmasq: DHCP .100-.149, DNS with zone example.test
#        up0 198.51.100.1/30 ---- inet eth0 198.51.100.2/30
#                                 lo 203.0.113.80, 2001:db8:f0::80
#                                 httpd.py: HTTP :80, HTTPS :443
#   rogue (only for rogue-dhcp and dup-ip): eth0 on the isp bridge
#
# lab_up builds it; lab_fault NAME injects one fault; everything is torn
# down by tests/lib.sh's at_exit handlers.
LAB_SRC=$BBT_TOP/tests/lab/linecheck
LAB_DIR=$T/lab
LAB_HOME=bbt-lch-$$ LAB_ISP=bbt-lci-$$ LAB_INET=bbt-lcn-$$ LAB_ROGUE=bbt-lcr-$$
LAB_URL4=http://www.example.test/
LAB_URL6=https://www.example.test/

_lab_ns() {
	ip netns add "$1" || fail "ip netns add $1"
	at_exit "ip netns pids $1 | xargs -r kill -9; ip netns del $1"
	ip -n "$1" link set lo up
	# No IPv6 DAD: a tentative link-local address delays neighbour
	# discovery (and so the first IPv6 packets) by up to 2 s.
	ip netns exec "$1" sysctl -qw net.ipv6.conf.all.accept_dad=0 \
	    net.ipv6.conf.default.accept_dad=0
}

# Waits until FILE exists (a server's "ready" file).
_lab_ready() {
	wait_for 10 test -s "$1" || fail "lab: $2 did not start"
}

lab_need() {
	need_netns
	need_cmd dnsmasq python3 iptables ip6tables openssl
}

lab_up() {
	mkdir -p "$LAB_DIR"
	_lab_ns "$LAB_HOME"
	_lab_ns "$LAB_ISP"
	_lab_ns "$LAB_INET"
	ip link add eth0 netns "$LAB_HOME" type veth peer name vh0 netns "$LAB_ISP" ||
	    fail "veth home"
	ip link add up0 netns "$LAB_ISP" type veth peer name eth0 netns "$LAB_INET" ||
	    fail "veth inet"
	ip -n "$LAB_HOME" link set eth0 address 02:00:00:00:00:10
	ip -n "$LAB_ISP" link add br0 type bridge
	ip -n "$LAB_ISP" link set br0 type bridge forward_delay 0 stp_state 0
	ip -n "$LAB_ISP" link set vh0 master br0
	for l in br0 vh0 up0; do ip -n "$LAB_ISP" link set "$l" up; done
	ip -n "$LAB_HOME" link set eth0 up
	ip -n "$LAB_INET" link set eth0 up
	ip netns exec "$LAB_ISP" sysctl -qw net.ipv4.ip_forward=1 \
	    net.ipv6.conf.all.forwarding=1
	ip -n "$LAB_ISP" addr add 192.168.77.1/24 dev br0
	ip -n "$LAB_ISP" addr add 2001:db8:77::1/64 dev br0 nodad
	ip -n "$LAB_ISP" addr add 198.51.100.1/30 dev up0
	ip -n "$LAB_ISP" addr add 2001:db8:100::1/64 dev up0 nodad
	ip -n "$LAB_ISP" route add 203.0.113.80/32 via 198.51.100.2
	ip -n "$LAB_ISP" route add 2001:db8:f0::80/128 via 2001:db8:100::2
	ip -n "$LAB_INET" addr add 198.51.100.2/30 dev eth0
	ip -n "$LAB_INET" addr add 2001:db8:100::2/64 dev eth0 nodad
	ip -n "$LAB_INET" addr add 203.0.113.80/32 dev lo
	ip -n "$LAB_INET" addr add 2001:db8:f0::80/128 dev lo nodad
	ip -n "$LAB_INET" route add default via 198.51.100.1
	ip -n "$LAB_INET" route add default via 2001:db8:100::1
	# The home address as a DHCP client leaves it: with a lifetime.
	ip -n "$LAB_HOME" addr add 192.168.77.100/24 dev eth0 valid_lft 3600 preferred_lft 3600
	ip -n "$LAB_HOME" addr add 2001:db8:77::100/64 dev eth0 nodad
	ip -n "$LAB_HOME" route add default via 192.168.77.1
	ip -n "$LAB_HOME" route add default via 2001:db8:77::1
	printf 'search home.test\nnameserver 192.168.77.1\n' >"$LAB_DIR/resolv.conf"
	ip netns exec "$LAB_ISP" dnsmasq --keep-in-foreground --conf-file=/dev/null \
	    --user=root --group=root --bind-interfaces --interface=br0 \
	    --listen-address=192.168.77.1 --no-resolv --no-hosts --no-ping \
	    --dhcp-range=192.168.77.100,192.168.77.149,1h \
	    --dhcp-option=3,192.168.77.1 --dhcp-option=6,192.168.77.1 \
	    --dhcp-leasefile="$LAB_DIR/leases" --domain=home.test \
	    --local=/example.test/ \
	    --host-record=www.example.test,203.0.113.80,2001:db8:f0::80 \
	    --host-record=v4only.example.test,203.0.113.80 \
	    --pid-file="$LAB_DIR/dnsmasq.pid" --log-facility="$LAB_DIR/dnsmasq.log" \
	    ${LAB_DHCP_OPTS:-} &
	openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes \
	    -keyout "$LAB_DIR/key.pem" -out "$LAB_DIR/ca.pem" -days 2 \
	    -subj /CN=www.example.test -addext subjectAltName=DNS:www.example.test \
	    >/dev/null 2>&1 || fail "openssl"
	ip netns exec "$LAB_INET" python3 "$LAB_SRC/httpd.py" --cert "$LAB_DIR/ca.pem" \
	    --key "$LAB_DIR/key.pem" --ready "$LAB_DIR/httpd.ready" &
	_lab_ready "$LAB_DIR/dnsmasq.pid" dnsmasq
	_lab_ready "$LAB_DIR/httpd.ready" httpd
	LC=(ip netns exec "$LAB_HOME" linecheck -i eth0 --resolv-conf "$LAB_DIR/resolv.conf"
	    --target "$LAB_URL4" --target "$LAB_URL6" --cacert "$LAB_DIR/ca.pem")
}

_lab_rogue() {	# ADDRESS/PREFIX MAC
	_lab_ns "$LAB_ROGUE"
	ip link add eth0 netns "$LAB_ROGUE" type veth peer name vr0 netns "$LAB_ISP" ||
	    fail "veth rogue"
	ip -n "$LAB_ROGUE" link set eth0 address "$2"
	ip -n "$LAB_ISP" link set vr0 master br0
	ip -n "$LAB_ISP" link set vr0 up
	ip -n "$LAB_ROGUE" link set eth0 up
	ip -n "$LAB_ROGUE" addr add "$1" dev eth0
}

# Starts forge.py MODE ARGS... in namespace NS (hostile frames, F6-F8).
_lab_forge() {	# NS MODE ARGS...
	local ns=$1 mode=$2
	shift 2
	rm -f "$LAB_DIR/forge-$mode.ready"
	ip netns exec "$ns" python3 "$LAB_SRC/forge.py" "$mode" \
	    "$LAB_DIR/forge-$mode.ready" "$@" &
	_lab_ready "$LAB_DIR/forge-$mode.ready" "forge.py $mode"
}

ipt() { ip netns exec "$LAB_ISP" iptables "$@" || fail "iptables $*"; }
ip6t() { ip netns exec "$LAB_ISP" ip6tables "$@" || fail "ip6tables $*"; }

lab_fault() {
	case $1 in
	link-down)
		ip -n "$LAB_ISP" link set vh0 down ;;
	no-dhcp)
		ipt -I INPUT -p udp --dport 67 -j DROP
		ip -n "$LAB_HOME" -4 addr flush dev eth0 ;;
	rogue-dhcp)
		_lab_rogue 192.168.77.254/24 02:77:00:00:00:fe
		ip netns exec "$LAB_ROGUE" dnsmasq --keep-in-foreground \
		    --conf-file=/dev/null --user=root --group=root --port=0 \
		    --bind-interfaces --interface=eth0 --no-ping \
		    --dhcp-range=192.168.77.200,192.168.77.210,1h \
		    --dhcp-option=3,192.168.77.254 --dhcp-option=6,192.168.77.254 \
		    --dhcp-leasefile="$LAB_DIR/rogue.leases" \
		    --pid-file="$LAB_DIR/rogue.pid" --log-facility="$LAB_DIR/rogue.log" &
		_lab_ready "$LAB_DIR/rogue.pid" "rogue dnsmasq" ;;
	gw-icmp-block)
		ipt -I INPUT -p icmp --icmp-type echo-request -j DROP
		ip6t -I INPUT -p icmpv6 --icmpv6-type echo-request -j DROP ;;
	gw-dead)
		# Every IP packet from home dropped at the gateway; ARP and
		# DHCP still answered.
		ipt -t raw -I PREROUTING -i br0 -j DROP
		ipt -t raw -I PREROUTING -i br0 -p udp --dport 67 -j ACCEPT
		ip6t -t raw -I PREROUTING -i br0 -p icmpv6 --icmpv6-type echo-request -j DROP
		ip6t -t raw -A PREROUTING -i br0 -p udp -j DROP
		ip6t -t raw -A PREROUTING -i br0 -p tcp -j DROP ;;
	loss30)
		ipt -t raw -I PREROUTING -i br0 -m statistic --mode random --probability 0.3 -j DROP ;;
	dns-down)
		ipt -I INPUT -p udp --dport 53 -j DROP
		ipt -I INPUT -p tcp --dport 53 -j DROP ;;
	dns-refused)
		ipt -I INPUT -p udp --dport 53 -j REJECT ;;
	dns-servfail|dns-nxdomain|dns-loop)
		local rc=SERVFAIL
		[ "$1" = dns-nxdomain ] && rc=NXDOMAIN
		[ "$1" = dns-loop ] && rc=LOOP
		ip netns exec "$LAB_ISP" python3 "$LAB_SRC/fakedns.py" $rc 5353 \
		    "$LAB_DIR/fakedns.ready" &
		_lab_ready "$LAB_DIR/fakedns.ready" fakedns
		ipt -t nat -I PREROUTING -i br0 -p udp --dport 53 -j REDIRECT --to-ports 5353 ;;
	http-refused)
		ipt -I FORWARD -p tcp -m multiport --dports 80,443 -j REJECT --reject-with tcp-reset
		ip6t -I FORWARD -p tcp -m multiport --dports 80,443 -j REJECT --reject-with tcp-reset ;;
	ra)
		# Router advertisements (prefix, RDNSS), answering solicitations.
		ip netns exec "$LAB_ISP" dnsmasq --keep-in-foreground --conf-file=/dev/null \
		    --user=root --group=root --port=0 --bind-interfaces --interface=br0 \
		    --enable-ra --dhcp-range=::,constructor:br0,ra-only,64,1h \
		    --ra-param=br0,mtu:1492,30,1800 --dhcp-option=option6:dns-server,[2001:db8:77::1] \
		    --pid-file="$LAB_DIR/ra.pid" --log-facility="$LAB_DIR/ra.log" &
		_lab_ready "$LAB_DIR/ra.pid" "dnsmasq (RA)"
		ip netns exec "$LAB_HOME" sysctl -qw net.ipv6.conf.eth0.accept_ra=0 ;;
	ipv6-blackhole)
		# IPv6 beyond the gateway dropped: happy eyeballs would hide it.
		ip6t -I FORWARD -j DROP ;;
	mtu-blackhole)
		# A PPPoE-sized hop beyond the gateway that never says so.
		ip -n "$LAB_ISP" link set up0 mtu 1492
		ipt -I OUTPUT -p icmp --icmp-type fragmentation-needed -j DROP ;;
	mtu-small)
		# The same hop, saying so: an honest frag-needed.
		ip -n "$LAB_ISP" link set up0 mtu 1492 ;;
	dup-ip)
		_lab_rogue 192.168.77.100/24 02:77:00:00:00:66 ;;
	foreign-fragneeded)
		# "Fragmentation needed, MTU 576" about echo requests of
		# another process (identifier 0xBEEF) to the web target,
		# from another host on the segment.
		_lab_rogue 192.168.77.251/24 02:77:00:00:00:51
		_lab_forge "$LAB_ROGUE" fragneeded 192.168.77.100 203.0.113.80 0xbeef ;;
	arp-storm)
		_lab_rogue 192.168.77.253/24 02:77:00:00:00:53
		_lab_forge "$LAB_ROGUE" arpstorm eth0 02:00:00:00:00:10 ;;
	offer-flood)
		_lab_rogue 192.168.77.252/24 02:77:00:00:00:52
		_lab_forge "$LAB_ROGUE" offers eth0 ;;
	*)
		fail "lab: unknown fault $1" ;;
	esac
}

# The records of $out, reduced to what does not vary between runs:
# name, target, status, value (numbers of time and loss as "N"), and the
# detail keys that carry a verdict.
lab_norm() {
	printf '%s\n' "$out" | awk -F'\t' '$1 == "check" {
		v = $5
		if ($6 == "ms" && v != "-") v = "N"
		keys = ""
		d = $7
		gsub(/ msg="([^"\\]|\\.)*"/, "", d)
		n = split(d, kvs, " ")
		for (i = 1; i <= n; i++) {
			split(kvs[i], p, "=")
			if (p[1] ~ /^(after|error|rcode|family|blackhole|expected|linklocal|rogue|arp|received|sent|servers|status|virtual)$/)
				keys = keys " " kvs[i]
		}
		print $2, $3, $4, v keys
	}'
}
