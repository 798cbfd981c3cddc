/* SPDX-License-Identifier: MIT */
/*
 * The first-traffic task against a scripted AC side: echo replies,
 * one resolver answering, one answering garbage, a server redirecting
 * the GET to a portal; then its records. And the records when IPCP
 * gave no address.
 */
#include "../testutil.h"
#include "lib/checks.h"
#include "pppoe-probe/ppp.h"
#include "pppoe-probe/run.h"
#include "pppoe-probe/traffic_int.h"

static struct probe_opts o;
static struct run r;
static struct {
	int n;
	uint8_t p[64][1600];
	size_t len[64];
} sent;

static void
capture(void *ctx, const uint8_t *p, size_t n)
{
	(void)ctx;
	if (sent.n < 64) {
		memcpy(sent.p[sent.n], p + 2, n - 2);	/* after PPP_IP */
		sent.len[sent.n++] = n - 2;
	}
}

static void
setup_run(const char *url)
{
	memset(&o, 0, sizeof(o));
	memset(&r, 0, sizeof(r));
	memset(&sent, 0, sizeof(sent));
	o.user = "alice";
	o.tr.url = url;
	r.o = &o;
	r.ss.phase = SP_DONE;
	r.ss.ipcp_result = SR_OK;
	r.ss.send = capture;
	memcpy(r.ss.addr, "\x0a\x40\x00\x0a", 4);
	memcpy(r.ss.peer_addr, "\x0a\x40\x00\x01", 4);
	memcpy(r.ss.dns1, "\x0a\x40\x00\x01", 4);
	memcpy(r.ss.dns2, "\x0a\x40\x00\x02", 4);
	r.ss.have_peer_addr = r.ss.want_dns1 = r.ss.want_dns2 = 1;
}

/* Our packets to dst of proto, the last one. */
static const uint8_t *
last_to(const char *dst, uint8_t proto)
{
	for (int i = sent.n - 1; i >= 0; i--)
		if (memcmp(sent.p[i] + 16, dst, 4) == 0 && sent.p[i][9] == proto)
			return sent.p[i];
	return NULL;
}

/* The AC side answers: swap the addresses, fix the checksums. */
static void
reply(struct traffic *t, uint8_t *p, size_t l4len, int64_t now)
{
	uint8_t a[4], *l4 = p + 20;
	size_t n;
	uint16_t c;

	memcpy(a, p + 12, 4);
	memcpy(p + 12, p + 16, 4);
	memcpy(p + 16, a, 4);
	if (p[9] == IPPROTO4_UDP) {
		l4[6] = l4[7] = 0;
		c = ip4_csum(l4, l4len, ip4_pseudo(p + 12, p + 16, 17, l4len));
		l4[6] = (uint8_t)(c >> 8), l4[7] = (uint8_t)c;
	} else if (p[9] == IPPROTO4_TCP) {
		l4[16] = l4[17] = 0;
		c = ip4_csum(l4, l4len, ip4_pseudo(p + 12, p + 16, 6, l4len));
		l4[16] = (uint8_t)(c >> 8), l4[17] = (uint8_t)c;
	} else {
		l4[2] = l4[3] = 0;
		c = ip4_csum(l4, l4len, 0);
		l4[2] = (uint8_t)(c >> 8), l4[3] = (uint8_t)c;
	}
	n = ip4_wrap(p, 1600, p + 12, p + 16, p[9], 1, l4len);
	r.ss.rx_ns = tr_rt_ns();
	traffic_task.input(t, &r, PPP_IP, p, n, now);
}

static void
echo_back(struct traffic *t, int64_t now)
{
	uint8_t p[1600];
	const uint8_t *q = last_to("\x0a\x40\x00\x01", IPPROTO4_ICMP);

	assert_non_null(q);
	memcpy(p, q, 20 + 64);
	p[20] = 0;
	reply(t, p, 64, now);
}

/* The server's segment: seq, flags, data. */
static void
segment(struct traffic *t, uint32_t seq, uint8_t fl, const char *d,
    int64_t now)
{
	uint8_t p[1600], *h = p + 20;
	size_t n = strlen(d);
	uint32_t ack = t->tcp.snd_nxt + (uint32_t)t->tcp.fin_sent;

	memset(p, 0, 40);
	p[9] = IPPROTO4_TCP;
	memcpy(p + 12, t->me, 4);
	memcpy(p + 16, t->addr, 4);
	h[0] = (uint8_t)(t->tcp.dport >> 8), h[1] = (uint8_t)t->tcp.dport;
	h[2] = (uint8_t)(t->tcp.sport >> 8), h[3] = (uint8_t)t->tcp.sport;
	h[4] = (uint8_t)(seq >> 24), h[5] = (uint8_t)(seq >> 16);
	h[6] = (uint8_t)(seq >> 8), h[7] = (uint8_t)seq;
	h[8] = (uint8_t)(ack >> 24), h[9] = (uint8_t)(ack >> 16);
	h[10] = (uint8_t)(ack >> 8), h[11] = (uint8_t)ack;
	h[12] = 0x50, h[13] = fl, h[14] = 0x40;
	memcpy(h + 20, d, n);
	reply(t, p, 20 + n, now);
}

static const struct bbt_check *
find(const struct bbt_checks *c, const char *name, const char *target)
{
	for (size_t i = 0; i < c->n; i++)
		if (strcmp(c->v[i].name, name) == 0 &&
		    (target == NULL || strcmp(c->v[i].target, target) == 0))
			return &c->v[i];
	fail_msg("no %s %s", name, target ? target : "");
	return NULL;
}

static void
test_portal(void **st)
{
	struct traffic *t = calloc(1, traffic_task.size);
	struct bbt_checks c;
	const struct bbt_check *k;
	int64_t now = 1000;
	uint8_t p[1600];
	const uint8_t *q;

	(void)st;
	setup_run("http://www.bbt.test/");
	assert_int_equal(traffic_task.start(t, &r, now), 1);
	assert_true(traffic_task.busy(t));
	(void)traffic_task.tick(t, &r, now);
	/* The warm-up echo; its reply starts the tests. */
	echo_back(t, now + 5);
	assert_true(t->ready && t->started);
	for (int i = 0; i < 3; i++) {
		now += TR_PING_GAP_MS;
		echo_back(t, now);
		(void)traffic_task.tick(t, &r, now);
	}
	echo_back(t, now);
	/* Resolver 2 answers garbage for its A query: malformed. */
	q = last_to("\x0a\x40\x00\x02", IPPROTO4_UDP);
	assert_non_null(q);
	memcpy(p, q, 20 + 8 + 12);
	p[20 + 8 + 2] |= 0x80;			/* QR, but no question */
	p[20 + 8 + 7] = 1;			/* one answer that is not there */
	p[20 + 4] = 0, p[20 + 5] = 8 + 12;
	{
		uint16_t s = (uint16_t)(p[20] << 8 | p[21]);

		p[20] = p[22], p[21] = p[23];
		p[22] = (uint8_t)(s >> 8), p[23] = (uint8_t)s;
	}
	/* The AAAA query went last: aim at the A one. */
	p[22] = (uint8_t)(t->q[2].sport >> 8), p[23] = (uint8_t)t->q[2].sport;
	p[28] = (uint8_t)(t->q[2].id >> 8), p[29] = (uint8_t)t->q[2].id;
	reply(t, p, 8 + 12, now);
	assert_int_equal(t->q[2].res_kind, TR_MALFORMED);
	/* Resolver 1's A answer: 10.64.0.1; the GET connects to it. */
	{
		static const uint8_t rr[] = { 0xc0, 12, 0, 1, 0, 1, 0, 0, 0,
			60, 0, 4, 10, 64, 0, 1 };
		struct tr_query *a = &t->q[0];
		size_t qn = dns_query("www.bbt.test", DNS_T_A, a->id, p + 28,
		    200);

		p[28 + 2] |= 0x80;
		p[28 + 7] = 1;
		memcpy(p + 28 + qn, rr, sizeof(rr));
		memset(p, 0, 20);
		p[9] = IPPROTO4_UDP;
		memcpy(p + 12, t->me, 4);
		memcpy(p + 16, "\x0a\x40\x00\x01", 4);
		p[20] = 0, p[21] = 53;
		p[22] = (uint8_t)(a->sport >> 8), p[23] = (uint8_t)a->sport;
		p[24] = 0, p[25] = (uint8_t)(8 + qn + sizeof(rr));
		reply(t, p, 8 + qn + sizeof(rr), now);
	}
	(void)traffic_task.tick(t, &r, now);
	assert_int_equal(t->hphase, H_CONNECTING);
	assert_memory_equal(t->addr, "\x0a\x40\x00\x01", 4);
	segment(t, 7000, 0x12, "", now + 1);		/* SYN-ACK */
	assert_int_equal(t->tcp.state, TCP_ESTABLISHED);
	segment(t, 7001, 0x18, "HTTP/1.1 302 Found\r\nLocation: "
	    "http://pay.bbt.test/arrears\r\nContent-Length: 0\r\n\r\n", now + 2);
	segment(t, 7001 + 80, 0x11, "", now + 3);	/* FIN */
	segment(t, 7001 + 81, 0x10, "", now + 4);	/* acks our FIN */
	assert_int_equal(t->hphase, H_DONE);
	/* The AAAA queries time out: 2 tries, 1 s each. */
	for (now += 100; traffic_task.busy(t); now += 100)
		(void)traffic_task.tick(t, &r, now);
	assert_int_equal(traffic_task.release(t, &r, now), 0);

	bbt_checks_init(&c, "pppoe-probe");
	traffic_task.records(t, 1, NULL, &c, &r, "52:54:00:bb:00:01");
	/* IPv6CP did not come up: the IPv6 resolvers' record is skipped,
	 * among the IPv4 ones, before ppp.http. */
	assert_int_equal(c.n, 5);
	assert_string_equal(c.v[3].name, "ppp.dns");
	assert_int_equal(c.v[3].status, BBT_SKIPPED);
	assert_string_equal(c.v[3].detail, "after=ppp.ipv6cp");
	assert_string_equal(c.v[4].name, "ppp.http");
	k = find(&c, "ppp.ping", "10.64.0.1");
	assert_int_equal(k->status, BBT_OK);
	assert_non_null(strstr(k->detail, "role=peer sent=3 received=3 loss=0 "));
	k = find(&c, "ppp.dns", "10.64.0.1");
	assert_int_equal(k->status, BBT_OK);
	assert_string_equal(k->value, "10.64.0.1");
	assert_non_null(strstr(k->detail, "name=www.bbt.test a=10.64.0.1 aaaa=- "
	    "rcode=NOERROR "));
	k = find(&c, "ppp.dns", "10.64.0.2");
	assert_int_equal(k->status, BBT_CRITICAL);
	assert_string_equal(k->detail, "name=www.bbt.test a=- aaaa=- "
	    "result=malformed malformed=1");
	k = find(&c, "ppp.http", "http://www.bbt.test/");
	assert_int_equal(k->status, BBT_CRITICAL);
	assert_string_equal(k->value, "302");
	assert_non_null(strstr(k->detail, "location=http://pay.bbt.test/arrears "
	    "portal=yes result=redirect"));
	assert_non_null(strstr(k->detail, "bytes=80 "));
	bbt_checks_free(&c);
	free(t);
}

static void
test_skipped(void **st)
{
	struct bbt_checks c;

	(void)st;
	setup_run(NULL);
	memcpy(o.tr.ping[0], "\x72\x72\x72\x72", 4);
	o.tr.nping = 1;
	bbt_checks_init(&c, "pppoe-probe");
	traffic_task.records(NULL, 0, "ppp.ipcp", &c, &r, "m");
	assert_int_equal(c.n, 4);
	assert_string_equal(c.v[0].target, "10.64.0.1");
	assert_string_equal(c.v[1].target, "114.114.114.114");
	assert_string_equal(c.v[2].name, "ppp.dns");
	assert_string_equal(c.v[3].target, "http://www.baidu.com/");
	for (int i = 0; i < 4; i++) {
		assert_int_equal(c.v[i].status, BBT_SKIPPED);
		assert_string_equal(c.v[i].detail, "after=ppp.ipcp");
	}
	bbt_checks_free(&c);
	/* --no-traffic: nothing at all. */
	o.tr.off = 1;
	bbt_checks_init(&c, "pppoe-probe");
	traffic_task.records(NULL, 0, "ppp.auth", &c, &r, "m");
	assert_int_equal(c.n, 0);
	bbt_checks_free(&c);
}

int
main(void)
{
	const struct CMUnitTest t[] = {
		cmocka_unit_test(test_portal),
		cmocka_unit_test(test_skipped),
	};
	return cmocka_run_group_tests_name("pppoe-probe/traffic", t, NULL,
	    NULL);
}
