#!/bin/sh
# The payment portal behind busybox nc -ll (stdin/stdout: the client's
# connection): its own page for pay.bbt.test, a 302 to it for any other
# host, as an arrears BRAS redirects every web request. GET /slow
# (http://10.64.0.3:8080/slow) answers only after 60 s: a test
# interrupts the client while its connection is open.
host=
read -r req
while IFS= read -r line; do
	line=${line%"$(printf '\r')"}
	[ -z "$line" ] && break
	case $line in
	[Hh]ost:*) host=${line#*:}; host=${host# } ;;
	esac
done
case $req in
"GET /slow "*)	sleep 60 ;;
esac
if [ "$host" = pay.bbt.test ]; then
	body='<html><body>account in arrears: please pay</body></html>'
	printf 'HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: %d\r\nConnection: close\r\n\r\n%s' \
	    "${#body}" "$body"
else
	printf 'HTTP/1.1 302 Found\r\nLocation: http://pay.bbt.test/arrears\r\nContent-Length: 0\r\nConnection: close\r\n\r\n'
fi
