/* SPDX-License-Identifier: MIT */
/*
 * libFuzzer: the first-traffic task fed IPv4 packets from the AC side
 * (2-byte length, 1 flag byte, then the packet), with time passing in
 * between, then released and its records written. Flags make a packet
 * reach the deep parsers: bit 0 fixes the checksums; bits 1-2 choose
 * the source (BRAS, resolver 1, resolver 2, web server) and address us;
 * bit 3 aims it at our open TCP connection or DNS query (ports, ids,
 * sequence numbers), bit 4 at our echoes. Bit 6 makes it an IPv6
 * packet for the IPv6 resolvers' queries (dns6.c, from a leased
 * address): from resolver 1 or 2 (bit 1), aimed with bit 3 at a query
 * (UDP: ports and id; ICMPv6: an unreachable quoting it). Also the
 * parsers alone.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "lib/bytes.h"
#include "lib/checks.h"
#include "pppoe-probe/dataplane.h"
#include "pppoe-probe/dns6.h"
#include "pppoe-probe/ip6.h"
#include "pppoe-probe/ppp.h"
#include "pppoe-probe/run.h"
#include "pppoe-probe/traffic_int.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static void
sink(void *ctx, const uint8_t *p, size_t n)
{
	(void)ctx;
	(void)p;
	(void)n;
}

static void
aim(struct traffic *t, uint8_t *p, size_t n, uint8_t fl, int qi)
{
	static const uint8_t src[4][4] = { { 10, 64, 0, 1 }, { 10, 64, 0, 1 },
		{ 10, 64, 0, 2 }, { 10, 64, 0, 1 } };
	size_t hl;
	uint8_t *l4;

	if (n < 20)
		return;
	memcpy(p + 12, src[(fl >> 1) & 3], 4);
	memcpy(p + 16, t->me, 4);
	hl = (size_t)(p[0] & 15) * 4;
	if (hl < 20 || hl + 20 > n)
		return;
	l4 = p + hl;
	if ((fl & 8) && p[9] == IPPROTO4_TCP) {
		bbt_put16(l4, t->tcp.dport);
		bbt_put16(l4 + 2, t->tcp.sport);
		bbt_put32(l4 + 4, t->tcp.state == TCP_SYN_SENT ? l4[4] :
		    t->tcp.rcv_nxt);
		bbt_put32(l4 + 8, t->tcp.snd_nxt + (uint32_t)(fl >> 5 & 1));
	} else if ((fl & 8) && p[9] == IPPROTO4_UDP && t->nq > 0) {
		const struct tr_query *q = &t->q[qi % t->nq];

		bbt_put16(l4, 53);
		bbt_put16(l4 + 2, q->sport);
		memcpy(p + 12, t->res[q->res], 4);
		if (hl + 10 <= n)
			bbt_put16(l4 + 8, q->id);
	} else if ((fl & 16) && p[9] == IPPROTO4_ICMP) {
		l4[0] = 0;
		bbt_put16(l4 + 4, t->icmp_id);
	}
}

static void
fix(uint8_t *p, size_t n)
{
	size_t hl = (size_t)(p[0] & 15) * 4, tl;
	uint8_t *l4;
	uint16_t c;

	if (n < 20 || hl < 20 || hl > n)
		return;
	tl = (size_t)(p[2] << 8 | p[3]);
	if (tl > n || tl < hl)
		tl = n, bbt_put16(p + 2, (uint16_t)n);
	bbt_put16(p + 10, 0);
	bbt_put16(p + 10, ip4_csum(p, hl, 0));
	l4 = p + hl;
	n = tl - hl;
	if (p[9] == IPPROTO4_ICMP && n >= 8) {
		bbt_put16(l4 + 2, 0);
		bbt_put16(l4 + 2, ip4_csum(l4, n, 0));
	} else if (p[9] == IPPROTO4_UDP && n >= 8) {
		bbt_put16(l4 + 4, (uint16_t)n);
		bbt_put16(l4 + 6, 0);
		c = ip4_csum(l4, n, ip4_pseudo(p + 12, p + 16, 17, n));
		bbt_put16(l4 + 6, c);
	} else if (p[9] == IPPROTO4_TCP && n >= 20) {
		bbt_put16(l4 + 16, 0);
		c = ip4_csum(l4, n, ip4_pseudo(p + 12, p + 16, 6, n));
		bbt_put16(l4 + 16, c);
	}
}

/* An IPv6 packet to us from a resolver, at one of our queries. */
static void
aim6(const struct dns6 *d, uint8_t *p, size_t n, uint8_t fl, int qi)
{
	const struct tr_query *q;
	uint8_t *in;

	if (n < IP6_HDR || d->nres == 0)
		return;
	p[0] = (uint8_t)(0x60 | (p[0] & 15));
	memcpy(p + 8, d->res[((fl >> 1) & 1) % d->nres], 16);
	memcpy(p + 24, d->me, 16);
	if (!(fl & 8) || d->nq == 0)
		return;
	q = &d->q[qi % d->nq];
	memcpy(p + 8, d->res[q->res], 16);
	if (p[6] == IP6_UDP && n >= IP6_HDR + 8) {
		bbt_put16(p + IP6_HDR, 53);
		bbt_put16(p + IP6_HDR + 2, q->sport);
		if (n >= IP6_HDR + 10)
			bbt_put16(p + IP6_HDR + 8, q->id);
	} else if (p[6] == IP6_ICMP && n >= IP6_HDR + 8 + IP6_HDR + 4) {
		p[IP6_HDR] = 1;
		in = p + IP6_HDR + 8;
		in[0] = 0x60;
		in[6] = IP6_UDP;
		memcpy(in + 24, d->res[q->res], 16);
		bbt_put16(in + IP6_HDR, q->sport);
		bbt_put16(in + IP6_HDR + 2, 53);
	}
}

/* Payload length, UDP length and the checksums made right. */
static void
fix6(uint8_t *p, size_t n)
{
	uint8_t *l4 = p + IP6_HDR;
	size_t pl;

	if (n < IP6_HDR)
		return;
	pl = n - IP6_HDR;
	bbt_put16(p + 4, (uint16_t)pl);
	if (p[6] == IP6_UDP && pl >= 8) {
		bbt_put16(l4 + 4, (uint16_t)pl);
		bbt_put16(l4 + 6, 0);
		bbt_put16(l4 + 6, ip6_cksum(p + 8, p + 24, IP6_UDP, l4, pl));
	} else if (p[6] == IP6_ICMP && pl >= 4) {
		bbt_put16(l4 + 2, 0);
		bbt_put16(l4 + 2, ip6_cksum(p + 8, p + 24, IP6_ICMP, l4, pl));
	}
}

/* The IPv6 task bound to an address with two resolvers, and the
 * IPv6 DNS task started on it: its queries are out. */
static struct dns6 *
start6(struct run *r, int64_t now)
{
	static const uint8_t na[16] = { 0x20, 0x01, 0x0d, 0xb8, 0, 0x64,
		[14] = 1, [15] = 0 };
	struct v6 *v;
	struct dns6 *d;

	if (dp_init(r) < 0)
		return NULL;
	for (int i = 0; i < DP_MAX; i++)
		r->dp.active[i] = r->dp.st[i] != NULL;
	v = (struct v6 *)dp_state(r, &v6_ops);
	d = (struct dns6 *)dp_state(r, &dns6_task);
	r->ss.ipv6cp_opened = 1;
	v->rs_next = INT64_MAX;
	v->dh_on = v->have_rep = 1;
	v->dstate = D_BOUND;
	v->rep.na.have = 1;
	memcpy(v->rep.na.addr, na, 16);
	v->rep.ndns = 2;
	memcpy(v->rep.dns[0], na, 16);
	memcpy(v->rep.dns[1], na, 16);
	v->rep.dns[0][15] = 0x53;
	v->rep.dns[1][15] = 0x54;
	(void)dns6_task.start(d, r, now);
	(void)dns6_task.tick(d, r, now);
	return d;
}

/* The parsers alone, on the raw bytes. */
static void
parsers(const uint8_t *d, size_t n)
{
	struct ip4_pkt k;
	struct icmp4_msg m;
	struct ip6_pkt k6;
	struct icmp6_unreach u6;
	struct dns_answer a;
	struct http_head h;
	struct http_url u;
	char host[HTTP_HOST_MAX], s[600];
	uint16_t sp, dp;
	const uint8_t *x;
	size_t xn;

	if (ip4_parse(d, n, &k) == 0) {
		(void)icmp4_parse(&k, &m);
		(void)udp4_parse(&k, &sp, &dp, &x, &xn);
	}
	if (ip6_parse(d, n, &k6) == 0) {
		(void)icmp6_unreach_parse(&k6, &u6);
		(void)udp6_parse(&k6, &sp, &dp, &x, &xn);
	}
	(void)dns_parse(d, n, DNS_T_A, &a);
	(void)dns_parse(d, n, DNS_T_AAAA, &a);
	if (http_head_parse(d, n, &h) > 0)
		http_location_host(h.location, "www.bbt.test", host,
		    sizeof(host));
	xn = n < sizeof(s) - 1 ? n : sizeof(s) - 1;
	memcpy(s, d, xn);
	s[xn] = '\0';
	http_location_host(s, "www.bbt.test", host, sizeof(host));
	(void)http_url_parse(s, &u);
}

int
LLVMFuzzerTestOneInput(const uint8_t *d, size_t n)
{
	static struct probe_opts o;
	static struct run r;
	struct traffic *t;
	struct dns6 *d6;
	struct bbt_checks c;
	int64_t now = 1000000;
	int qi = 0;

	parsers(d, n);
	memset(&o, 0, sizeof(o));
	memset(&r, 0, sizeof(r));
	o.user = "alice";
	o.tr.url = n && (d[0] & 1) ? "http://10.64.0.1/" :
	    "http://www.bbt.test/";
	o.tr.nping = 1;
	memcpy(o.tr.ping[0], "\x0a\x40\x00\x03", 4);
	r.o = &o;
	r.ss.phase = SP_DONE;
	r.ss.ipcp_result = SR_OK;
	r.ss.send = sink;
	memcpy(r.ss.addr, "\x0a\x40\x00\x0a", 4);
	memcpy(r.ss.peer_addr, "\x0a\x40\x00\x01", 4);
	memcpy(r.ss.dns1, "\x0a\x40\x00\x01", 4);
	memcpy(r.ss.dns2, "\x0a\x40\x00\x02", 4);
	r.ss.have_peer_addr = r.ss.want_dns1 = r.ss.want_dns2 = 1;
	t = calloc(1, traffic_task.size);
	if (t == NULL)
		return 0;
	(void)traffic_task.start(t, &r, now);
	if ((d6 = start6(&r, now)) == NULL) {
		free(t);
		return 0;
	}
	now += TR_READY_MS;
	(void)traffic_task.tick(t, &r, now);
	while (n >= 3) {
		uint8_t p[1600];
		size_t l = (size_t)(d[0] << 8 | d[1]) % sizeof(p);
		uint8_t fl = d[2];

		d += 3;
		n -= 3;
		if (l > n)
			l = n;
		memcpy(p, d, l);
		r.ss.rx_ns = now * 1000000;
		if (fl & 0x40) {
			aim6(d6, p, l, fl, qi++);
			if (fl & 1)
				fix6(p, l);
			dns6_task.input(d6, &r, PPP_IPV6, p, l, now);
		} else {
			aim(t, p, l, fl, qi++);
			if (fl & 1)
				fix(p, l);
			traffic_task.input(t, &r, PPP_IP, p, l, now);
		}
		d += l;
		n -= l;
		now += 30;
		(void)traffic_task.tick(t, &r, now);
		(void)dns6_task.tick(d6, &r, now);
	}
	(void)dns6_task.busy(d6);
	(void)traffic_task.busy(t);
	(void)traffic_task.release(t, &r, now);
	bbt_checks_init(&c, "pppoe-probe");
	traffic_task.records(t, 1, NULL, &c, &r, "52:54:00:bb:00:01");
	bbt_checks_free(&c);
	free(t);
	dp_free(&r);
	return 0;
}
