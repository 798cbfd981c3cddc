#!/bin/bash
# --speed against servers that cannot serve a test: refused, 404, a short body, an upload refused (413), TLS failing, a portal's 302; the fastest server that connects is chosen.
. "$BBT_TOP/tests/lib.sh"
. "$BBT_TOP/tests/lab/linecheck/lab.sh"
. "$BBT_TOP/tests/lab/linecheck/speed.sh"
lab_need
speed_need
lab_up
speed_up
speed_shape 20 10

# Nothing listens on 8081.
run "${LC[@]}" --speed=http://www.example.test:8081/speed --plan 100
assert_rc 2 "refused"
assert_eq "speed.down http://www.example.test:8081/speed critical server=203.0.113.80 error=refused
speed.up http://www.example.test:8081/speed skipped after=speed.down
speed.latency http://www.example.test:8081/speed skipped after=speed.down" "$(speed_norm)" "refused"

# Two servers: the refusing one is passed over, the other has no object.
run "${LC[@]}" --speed=http://www.example.test:8081/speed --speed=http://203.0.113.80:8080/nope
assert_rc 2 "404"
assert_eq "speed.down http://203.0.113.80:8080/nope critical streams=4 server=203.0.113.80 error=http status=404
speed.up http://203.0.113.80:8080/nope critical streams=4 server=203.0.113.80 error=http status=413
speed.latency http://203.0.113.80:8080/nope ok method=tcp_connect" "$(speed_norm)" "404"

# A 10 KiB page is no test.
run "${LC[@]}" --speed=http://www.example.test:8080/small
assert_rc 2 "short body"
assert_match $'speed\\.down\t[^\t]*\tcritical\t-\t.* error=short_body' "$out"

# Download fine, the upload refused by the server's body limit.
run "${LC[@]}" --speed=http://www.example.test:8080/nopost --speed-time 2s
assert_rc 2 "upload refused"
assert_eq "speed.down http://www.example.test:8080/nopost info streams=4 server=203.0.113.80
speed.up http://www.example.test:8080/nopost critical streams=4 server=203.0.113.80 error=http status=413
speed.latency http://www.example.test:8080/nopost ok method=tcp_connect" "$(speed_norm)" "413"

# TLS to a port that speaks plain HTTP: the handshake fails.
run "${LC[@]}" --speed=https://www.example.test:8080/speed
assert_rc 2 "tls"
assert_eq "speed.down https://www.example.test:8080/speed critical streams=4 server=203.0.113.80 error=tls
speed.up https://www.example.test:8080/speed critical streams=4 server=203.0.113.80 error=tls
speed.latency https://www.example.test:8080/speed ok method=tcp_connect" "$(speed_norm)" "tls"

# An arrears portal redirects every request: the 302 is reported, not
# followed and not measured.
run "${LC[@]}" --speed=http://www.example.test:8080/portal
assert_rc 2 "302"
assert_eq "speed.down http://www.example.test:8080/portal critical streams=4 server=203.0.113.80 error=http status=302
speed.up http://www.example.test:8080/portal critical streams=4 server=203.0.113.80 error=http status=302
speed.latency http://www.example.test:8080/portal ok method=tcp_connect" "$(speed_norm)" "302"
