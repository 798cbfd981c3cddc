/* SPDX-License-Identifier: MIT */
/* The in-tree TCP client against a scripted server, and the HTTP pieces
 * of the first-traffic test (--url, the request, the answer's head). */
#include "../testutil.h"
#include "pppoe-probe/http.h"
#include "pppoe-probe/tcp.h"

static const uint8_t cli[4] = { 10, 64, 0, 10 }, srv[4] = { 10, 64, 0, 1 };

static struct {
	int n;
	uint8_t p[16][1600];
	size_t len[16];
	uint8_t rx[4096];
	size_t rxn;
	int fin;
} io;

static void
out(void *ctx, const uint8_t *p, size_t n)
{
	(void)ctx;
	assert_true(io.n < 16);
	memcpy(io.p[io.n], p, n);
	io.len[io.n++] = n;
}

static void
in(void *ctx, const uint8_t *d, size_t n, int fin)
{
	(void)ctx;
	if (n)
		memcpy(io.rx + io.rxn, d, n);
	io.rxn += n;
	io.fin |= fin;
}

static uint32_t
g32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | p[2] << 8 | p[3];
}

/* The last segment sent: its flags, seq, ack and payload length. */
static uint8_t
last(uint32_t *seq, uint32_t *ack, size_t *n)
{
	const uint8_t *h = io.p[io.n - 1] + 20;

	*seq = g32(h + 4);
	*ack = g32(h + 8);
	*n = io.len[io.n - 1] - 20 - (size_t)(h[12] >> 4) * 4;
	return h[13];
}

/* The server sends one segment (options: its MSS on a SYN). */
static void
seg(struct tcp *t, uint32_t seq, uint32_t ack, uint8_t fl, const char *d,
    int bad, int64_t now)
{
	uint8_t p[1600], *h = p + 20;
	size_t hl = fl & 2 ? 24 : 20, n = d ? strlen(d) : 0, len;
	struct ip4_pkt k;
	uint16_t c;

	memset(p, 0, sizeof(p));
	h[0] = 0, h[1] = 80, h[2] = t->sport >> 8, h[3] = t->sport & 255;
	h[4] = seq >> 24, h[5] = seq >> 16, h[6] = seq >> 8, h[7] = seq;
	h[8] = ack >> 24, h[9] = ack >> 16, h[10] = ack >> 8, h[11] = ack;
	h[12] = (uint8_t)(hl / 4 << 4);
	h[13] = fl;
	h[14] = 0xff, h[15] = 0xff;
	if (fl & 2)
		h[20] = 2, h[21] = 4, h[22] = 0x05, h[23] = 0x80;
	memcpy(h + hl, d ? d : "", n);
	c = ip4_csum(h, hl + n, ip4_pseudo(srv, cli, IPPROTO4_TCP, hl + n));
	h[16] = c >> 8, h[17] = c & 255;
	if (bad)
		h[17] ^= 1;
	len = ip4_wrap(p, sizeof(p), srv, cli, IPPROTO4_TCP, 1, hl + n);
	assert_int_equal(ip4_parse(p, len, &k), 0);
	assert_int_equal(tcp_input(t, &k, now), 1);
}

static void
open_conn(struct tcp *t)
{
	uint32_t seq, ack;
	size_t n;

	memset(&io, 0, sizeof(io));
	memset(t, 0, sizeof(*t));
	t->send = out;
	t->data = in;
	assert_int_equal(tcp_connect(t, cli, srv, 50000, 80, 1000, 1492,
	    "GET / HTTP/1.1\r\n\r\n", 18, 0), 0);
	assert_int_equal(last(&seq, &ack, &n), 2);	/* SYN */
	assert_int_equal(seq, 1000);
	/* MSS from the session's MTU: 1492 - 40. */
	assert_int_equal(io.p[0][20 + 22] << 8 | io.p[0][20 + 23], 1452);
	seg(t, 5000, 1001, 0x12, NULL, 0, 10);		/* SYN-ACK */
	assert_int_equal(t->state, TCP_ESTABLISHED);
	assert_int_equal(t->peer_mss, 1408);
	assert_int_equal(last(&seq, &ack, &n) & 0x18, 0x18);	/* PSH ACK */
	assert_int_equal(seq, 1001);
	assert_int_equal(ack, 5001);
	assert_int_equal(n, 18);
}

static void
test_get(void **st)
{
	struct tcp t;
	uint32_t seq, ack;
	size_t n;

	(void)st;
	open_conn(&t);
	seg(&t, 5001, 1019, 0x10, "HTTP/1.1 200 OK\r\n", 0, 20);
	/* Ahead of the next byte: dropped, the ACK asks again. */
	seg(&t, 5100, 1019, 0x10, "later", 0, 21);
	assert_int_equal(t.ooo, 1);
	(void)last(&seq, &ack, &n);
	assert_int_equal(ack, 5001 + 17);
	/* A retransmission overlapping what we have: only the new part. */
	seg(&t, 5001, 1019, 0x10, "HTTP/1.1 200 OK\r\n\r\n", 0, 22);
	assert_int_equal(io.rxn, 19);
	/* A bad checksum: counted, not read. */
	seg(&t, 5020, 1019, 0x10, "zzz", 1, 23);
	assert_int_equal(t.malformed, 1);
	assert_int_equal(io.rxn, 19);
	seg(&t, 5020, 1019, 0x11, NULL, 0, 24);		/* FIN */
	assert_int_equal(io.fin, 1);
	tcp_close(&t, 25);
	assert_int_equal(last(&seq, &ack, &n) & 1, 1);
	assert_int_equal(seq, 1019);
	assert_int_equal(ack, 5021);
	assert_false(tcp_over(&t));
	seg(&t, 5021, 1020, 0x10, NULL, 0, 26);		/* our FIN acked */
	assert_true(tcp_over(&t));
	assert_int_equal(t.reset, 0);
}

static void
test_retransmit(void **st)
{
	struct tcp t;
	uint32_t seq, ack;
	size_t n;
	int64_t now = 0, d;
	int sends = 1;

	(void)st;
	memset(&io, 0, sizeof(io));
	memset(&t, 0, sizeof(t));
	t.send = out;
	t.data = in;
	assert_int_equal(tcp_connect(&t, cli, srv, 50000, 80, 7, 1492, "x", 1,
	    now), 0);
	while ((d = tcp_tick(&t, now)) != INT64_MAX) {
		now = d;
		if (!tcp_over(&t) && last(&seq, &ack, &n) == 2)
			sends = io.n;
	}
	/* TCP_TRIES SYNs (1, 2, 4, 8 s apart), then a RST: given up. */
	assert_int_equal(sends, TCP_TRIES);
	assert_int_equal(now, 1000 + 2000 + 4000 + 8000 + 16000);
	assert_true(t.gave_up);
	assert_int_equal(last(&seq, &ack, &n) & 4, 4);
	/* The request is sent again until acknowledged. */
	open_conn(&t);
	assert_int_equal(tcp_tick(&t, 10 + TCP_RTO_MS), 10 + 3 * TCP_RTO_MS);
	assert_int_equal(last(&seq, &ack, &n) & 8, 8);
	assert_int_equal(n, 18);
	seg(&t, 5001, 1019, 0x10, NULL, 0, 2000);
	assert_int_equal(tcp_tick(&t, 5000), INT64_MAX);
}

static void
test_reset(void **st)
{
	struct tcp t;
	uint32_t seq, ack;
	size_t n;

	(void)st;
	open_conn(&t);
	/* A RST out of sequence is ignored (blind reset). */
	seg(&t, 9999, 0, 0x04, NULL, 0, 20);
	assert_false(tcp_over(&t));
	seg(&t, 5001, 0, 0x04, NULL, 0, 21);
	assert_true(tcp_over(&t));
	assert_true(t.reset);
	/* Our abort: a RST at the next sequence number. */
	open_conn(&t);
	tcp_abort(&t);
	assert_int_equal(last(&seq, &ack, &n) & 4, 4);
	assert_int_equal(seq, 1019);
	assert_true(tcp_over(&t));
	/* A connection refused (RST+ACK to the SYN). */
	memset(&t, 0, sizeof(t));
	t.send = out;
	t.data = in;
	(void)tcp_connect(&t, cli, srv, 50000, 80, 1000, 1492, "x", 1, 0);
	seg(&t, 0, 1001, 0x14, NULL, 0, 5);
	assert_true(t.reset);
	/* Another port: not ours. */
	{
		uint8_t p[60];
		struct ip4_pkt k;
		size_t len;

		memset(p, 0, sizeof(p));
		len = ip4_wrap(p, sizeof(p), srv, cli, IPPROTO4_TCP, 1, 20);
		assert_int_equal(ip4_parse(p, len, &k), 0);
		assert_int_equal(tcp_input(&t, &k, 6), 0);
	}
	assert_int_equal(tcp_connect(&t, cli, srv, 1, 80, 1, 1492, io.rx,
	    TCP_REQ_MAX + 1, 0), -1);
}

static void
test_url(void **st)
{
	struct http_url u;
	char b[TCP_REQ_MAX];

	(void)st;
	assert_null(http_url_parse("http://WWW.bbt.test", &u));
	assert_string_equal(u.host, "www.bbt.test");
	assert_string_equal(u.path, "/");
	assert_int_equal(u.port, 80);
	assert_false(u.literal);
	assert_null(http_url_parse("http://10.64.0.1:8080/a?b#frag", &u));
	assert_true(u.literal);
	assert_int_equal(u.port, 8080);
	assert_string_equal(u.path, "/a?b");
	assert_true(http_request(&u, b, sizeof(b)) > 0);
	assert_non_null(strstr(b, "GET /a?b HTTP/1.1\r\nHost: 10.64.0.1:8080"
	    "\r\n"));
	assert_null(http_url_parse("http://h?q", &u));
	assert_string_equal(u.path, "/?q");
	assert_string_equal(http_url_parse("https://h/", &u),
	    "only http:// URLs are supported");
	assert_string_equal(http_url_parse("http:///x", &u), "no host");
	assert_string_equal(http_url_parse("http://h:0/", &u),
	    "port must be 1 to 65535");
	assert_string_equal(http_url_parse("http://h:/", &u), "empty port");
	assert_string_equal(http_url_parse("http://a b/", &u),
	    "bad character in the host name");
	assert_string_equal(http_url_parse("http://h/a b", &u),
	    "bad character in the path");
}

static int
head(const char *s, struct http_head *h)
{
	return http_head_parse((const uint8_t *)s, strlen(s), h);
}

static void
test_head(void **st)
{
	struct http_head h;
	char host[HTTP_HOST_MAX];
	static char big[HTTP_HEAD_MAX + 10];

	(void)st;
	assert_int_equal(head("HTTP/1.1 302 Found\r\nLocation: "
	    "http://pay.bbt.test/x\r\nContent-Length: 0\r\n\r\nbody", &h), 1);
	assert_int_equal(h.status, 302);
	assert_string_equal(h.location, "http://pay.bbt.test/x");
	assert_int_equal(h.length, 0);
	assert_int_equal(h.len, strlen("HTTP/1.1 302 Found\r\nLocation: "
	    "http://pay.bbt.test/x\r\nContent-Length: 0\r\n\r\n"));
	assert_int_equal(head("HTTP/1.0 200\r\n\r\n", &h), 1);
	assert_int_equal(h.length, -1);
	assert_int_equal(head("HTTP/1.1 200 OK\r\nServer: x", &h), 0);
	assert_int_equal(head("HTT", &h), 0);
	/* Not HTTP, a bad status, a bad header, a bad length: malformed. */
	assert_int_equal(head("SSH-2.0-OpenSSH\r\n", &h), -1);
	assert_int_equal(head("HTTP/1.1 2x0 OK\r\n\r\n", &h), -1);
	assert_int_equal(head("HTTP/1.1 099 OK\r\n\r\n", &h), -1);
	assert_int_equal(head("HTTP/1.1 200OK\r\n\r\n", &h), -1);
	assert_int_equal(head("HTTP/1.1 200 OK\r\nno colon\r\n\r\n", &h), -1);
	assert_int_equal(head("HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n",
	    &h), -1);
	assert_int_equal(head("HTTP/1.1 200 OK\r\nA: b\rc\r\n\r\n", &h), -1);
	memset(big, 'a', sizeof(big) - 1);
	memcpy(big, "HTTP/1.1 200 OK\r\nX: ", 20);
	assert_int_equal(head(big, &h), -1);
	/* Control characters of a Location are not passed on. */
	assert_int_equal(head("HTTP/1.1 301 M\r\nLocation: /a\tb\r\n\r\n", &h),
	    1);
	assert_string_equal(h.location, "/a?b");
	/* The host a Location leads to. */
	http_location_host("http://Pay.bbt.test:81/p", "www", host,
	    sizeof(host));
	assert_string_equal(host, "pay.bbt.test");
	http_location_host("https://u:p@www/p", "www", host, sizeof(host));
	assert_string_equal(host, "www");
	http_location_host("/login", "www", host, sizeof(host));
	assert_string_equal(host, "www");
	http_location_host("//portal/x", "www", host, sizeof(host));
	assert_string_equal(host, "portal");
}

int
main(void)
{
	const struct CMUnitTest t[] = {
		cmocka_unit_test(test_get),
		cmocka_unit_test(test_retransmit),
		cmocka_unit_test(test_reset),
		cmocka_unit_test(test_url),
		cmocka_unit_test(test_head),
	};
	return cmocka_run_group_tests_name("pppoe-probe/tcp", t, NULL, NULL);
}
