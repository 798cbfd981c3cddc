# SPDX-License-Identifier: MIT
# The speed-test additions to linecheck's lab (source after lab.sh):
#
#   inet: nginx on 203.0.113.80:8080 and [2001:db8:f0::80]:8080
#         (www.example.test:8080)
#         /speed   GET: a 2 GiB sparse file; POST: body read and discarded
#         /small   a 10 KiB file (too short to measure)
#         /nopost  GET the big file, POST refused by the body limit (413)
#         /portal  a 302 to a payment page, as an arrears portal does
#   isp:  tc tbf on vh0 (towards home: download) and up0 (upload)
#
# speed_up starts nginx; speed_shape DOWN UP (Mbit/s) shapes the link.
SPEED_URL=http://www.example.test:8080/speed

speed_need() {
	need_cmd nginx tc
}

speed_up() {
	local d=$LAB_DIR/nginx
	mkdir -p "$d/www" "$d/tmp"
	# Sparse: no disk used, read as zeros at memory speed.
	truncate -s 2G "$d/www/big" || fail "truncate"
	head -c 10240 /dev/zero >"$d/www/small"
	cat >"$d/nginx.conf" <<EOF
daemon off;
master_process off;
worker_processes 1;
pid $d/nginx.pid;
error_log $d/error.log warn;
events { worker_connections 512; }
http {
	access_log off;
	sendfile on;
	default_type application/octet-stream;
	client_body_temp_path $d/tmp/body;
	proxy_temp_path $d/tmp/proxy;
	fastcgi_temp_path $d/tmp/fastcgi;
	uwsgi_temp_path $d/tmp/uwsgi;
	scgi_temp_path $d/tmp/scgi;
	server {
		listen 203.0.113.80:8080;
		listen [2001:db8:f0::80]:8080;
		root $d/www;
		location = /speed {
			client_max_body_size 0;
			if (\$request_method = POST) { return 200; }
			alias $d/www/big;
		}
		location = /nopost {
			alias $d/www/big;
		}
		location = /portal {
			client_max_body_size 0;
			return 302 http://www.example.test/pay;
		}
	}
}
EOF
	ip netns exec "$LAB_INET" nginx -e "$d/error.log" -p "$d" -c "$d/nginx.conf" &
	wait_for 10 test -s "$d/nginx.pid" || fail "lab: nginx did not start: $(cat "$d/error.log" 2>/dev/null)"
	wait_for 10 ip netns exec "$LAB_INET" bash -c 'exec 3<>/dev/tcp/203.0.113.80/8080' 2>/dev/null ||
	    fail "lab: nginx does not listen"
}

# speed_shape DOWN UP [QUEUE_MS]: token bucket filters in Mbit/s at the
# ISP, with a queue of QUEUE_MS (default 20 ms; a long one is bufferbloat).
speed_shape() {
	local dev rate q=${3:-20}
	# What an earlier run left in the queues drains first: a smaller
	# queue would drop the next run's first packets.
	for dev in vh0 up0; do
		wait_for 10 speed_drained "$dev" || fail "tc: $dev does not drain"
	done
	for dev in vh0 up0; do
		rate=$1
		[ "$dev" = up0 ] && rate=$2
		ip netns exec "$LAB_ISP" tc qdisc replace dev "$dev" root tbf \
		    rate "${rate}mbit" burst $(( rate * 1000 / 8 > 32000 ? rate * 1000 / 8 : 32000 )) \
		    latency ${q}ms || fail "tc tbf $dev"
	done
}

speed_drained() {
	! ip netns exec "$LAB_ISP" tc -s qdisc show dev "$1" | grep -q 'backlog [1-9]'
}

# speed_value NAME: the value of the check record NAME in $out.
speed_value() {
	printf '%s\n' "$out" | awk -F'\t' -v n="$1" '$1 == "check" && $2 == n { print $5 }'
}

# speed_between NAME LOW HIGH: the value lies in [LOW, HIGH].
speed_between() {
	local v
	v=$(speed_value "$1")
	awk -v v="$v" -v lo="$2" -v hi="$3" 'BEGIN { exit !(v != "-" && v + 0 >= lo && v + 0 <= hi) }' ||
	    fail "$1: $v Mbit/s is not within $2 .. $3
$out"
}

# The speed records of $out without what varies between runs: name,
# target, status, and the keys that carry a verdict.
speed_norm() {
	printf '%s\n' "$out" | awk -F'\t' '$1 == "check" && $2 ~ /^speed\./ {
		keys = ""
		n = split($7, kvs, " ")
		for (i = 1; i <= n; i++) {
			split(kvs[i], p, "=")
			if (kvs[i] ~ /=/ && p[1] ~ /^(after|error|status|streams|server|plan|result|limit|method)$/)
				keys = keys " " kvs[i]
		}
		print $2, $3, $4 keys
	}'
}

# iperf3_up: an iperf3 server on 203.0.113.80:5201 in inet.
iperf3_up() {
	ip netns exec "$LAB_INET" iperf3 -s --forceflush -B 203.0.113.80 >"$LAB_DIR/iperf3.log" 2>&1 &
	wait_for 10 ip netns exec "$LAB_INET" bash -c 'exec 3<>/dev/tcp/203.0.113.80/5201' 2>/dev/null ||
	    fail "lab: iperf3 -s does not listen"
}
