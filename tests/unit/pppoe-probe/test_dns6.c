/* SPDX-License-Identifier: MIT */
/*
 * The first traffic's DNS over IPv6 against a scripted IPv6 task and AC
 * side: which address and resolvers it takes (the lease's before
 * SLAAC's, DHCPv6's resolvers before the RA's, each once), when the
 * queries go (not before the IPv6 task settles, or DNS6_WAIT_MS after
 * what they need is known), one resolver answering, one unreachable
 * (ICMPv6), a malformed answer; the records, and the skipped ones. And
 * the UDP/IPv6 and ICMPv6 helpers of ip6.c.
 */
#include "../testutil.h"
#include "lib/bytes.h"
#include "lib/checks.h"
#include "pppoe-probe/dataplane.h"
#include "pppoe-probe/dns6.h"
#include "pppoe-probe/ip6.h"
#include "pppoe-probe/ppp.h"
#include "pppoe-probe/run.h"
#include "pppoe-probe/traffic.h"

static struct probe_opts o;
static struct run r;
static struct {
	int n;
	uint8_t p[32][600];
	size_t len[32];
} sent;

static const uint8_t NA[16] = { 0x20, 0x01, 0x0d, 0xb8, 0, 0x64, [15] = 0x01,
	[14] = 0x01 };
static const uint8_t PFX[16] = { 0x20, 0x01, 0x0d, 0xb8, 0, 0x64, 0, 7 };
static const uint8_t R53[16] = { 0x20, 0x01, 0x0d, 0xb8, 0, 0x64, [15] = 0x53 };
static const uint8_t R54[16] = { 0x20, 0x01, 0x0d, 0xb8, 0, 0x64, [15] = 0x54 };
static const uint8_t R55[16] = { 0x20, 0x01, 0x0d, 0xb8, 0, 0x64, [15] = 0x55 };
static const uint8_t MC[16] = { 0xff, 0x02, [15] = 1 };
static const uint8_t IFID[8] = { 2, 0x11, 0x22, 0xff, 0xfe, 0x33, 0x44, 0x55 };

static void
capture(void *ctx, const uint8_t *p, size_t n)
{
	(void)ctx;
	assert_int_equal(p[0] << 8 | p[1], PPP_IPV6);
	if (sent.n < 32 && n - 2 <= sizeof(sent.p[0])) {
		memcpy(sent.p[sent.n], p + 2, n - 2);
		sent.len[sent.n++] = n - 2;
	}
}

/* A run with IPCP and IPv6CP up and the tasks' state allocated; the
 * IPv6 task's state, blank, for the test to script. */
static struct v6 *
setup(void)
{
	dp_free(&r);
	memset(&o, 0, sizeof(o));
	memset(&r, 0, sizeof(r));
	memset(&sent, 0, sizeof(sent));
	o.user = "alice";
	o.tr.url = "http://www.bbt.test/";
	r.o = &o;
	r.ss.phase = SP_DONE;
	r.ss.ipcp_result = SR_OK;
	r.ss.ipv6cp_opened = 1;
	r.ss.send = capture;
	memcpy(r.ss.our_ifid, IFID, 8);
	assert_int_equal(dp_init(&r), 0);
	for (int i = 0; i < DP_MAX; i++)
		r.dp.active[i] = r.dp.st[i] != NULL;
	return (struct v6 *)dp_state(&r, &v6_ops);
}

static void
ra_slaac(struct v6 *v, const uint8_t *rdnss)
{
	v->have_ra = 1;
	v->rs_next = INT64_MAX;
	v->ra.npfx = 1;
	memcpy(v->ra.pfx[0].prefix, PFX, 16);
	v->ra.pfx[0].len = 64;
	v->ra.pfx[0].flags = PIO_FLAG_A | PIO_FLAG_L;
	v->ra.pfx[0].valid = 86400;
	if (rdnss != NULL) {
		memcpy(v->ra.rdnss[0], rdnss, 16);
		v->ra.nrdnss = 1;
	}
}

static void
test_pick(void **st)
{
	struct v6 *v = setup();
	uint8_t me[16], res[TR_MAX_RES][16], want[16];
	int slaac = -1;

	(void)st;
	/* Nothing yet: no address. */
	assert_int_equal(dns6_pick(v, IFID, me, &slaac, res), -1);
	/* The RA alone: SLAAC, its RDNSS. */
	ra_slaac(v, R55);
	assert_int_equal(dns6_pick(v, IFID, me, &slaac, res), 1);
	memcpy(want, PFX, 8);
	memcpy(want + 8, IFID, 8);
	assert_memory_equal(me, want, 16);
	assert_int_equal(slaac, 1);
	assert_memory_equal(res[0], R55, 16);
	/* Not autonomous, or not a /64: no SLAAC. */
	v->ra.pfx[0].flags = PIO_FLAG_L;
	assert_int_equal(dns6_pick(v, IFID, me, &slaac, res), -1);
	v->ra.pfx[0].flags = PIO_FLAG_A;
	v->ra.pfx[0].len = 56;
	assert_int_equal(dns6_pick(v, IFID, me, &slaac, res), -1);
	v->ra.pfx[0].len = 64;
	/* The lease's address; DHCPv6's resolvers first, each once, at
	 * most TR_MAX_RES; multicast is no resolver. */
	v->dh_on = v->have_rep = 1;
	v->rep.na.have = 1;
	memcpy(v->rep.na.addr, NA, 16);
	memcpy(v->rep.dns[0], MC, 16);
	memcpy(v->rep.dns[1], R53, 16);
	memcpy(v->rep.dns[2], R53, 16);
	v->rep.ndns = 3;
	assert_int_equal(dns6_pick(v, IFID, me, &slaac, res), 2);
	assert_memory_equal(me, NA, 16);
	assert_int_equal(slaac, 0);
	assert_memory_equal(res[0], R53, 16);
	assert_memory_equal(res[1], R55, 16);
	/* An address but no resolver at all. */
	v->rep.ndns = 0;
	v->ra.nrdnss = 0;
	assert_int_equal(dns6_pick(v, IFID, me, &slaac, res), 0);
}

/* Our query to dst of type, the last one sent. */
static const uint8_t *
query_to(const uint8_t dst[16], int type, size_t *len)
{
	for (int i = sent.n - 1; i >= 0; i--) {
		const uint8_t *p = sent.p[i];
		size_t qn = sent.len[i];

		/* The question's type follows its name, before its class. */
		if (memcmp(p + 24, dst, 16) == 0 && p[6] == IP6_UDP &&
		    bbt_get16(p + qn - 4) == type) {
			*len = qn;
			return p;
		}
	}
	fail_msg("no query of type %d", type);
	return NULL;
}

/* The resolver's answer to q with rr appended (answer count 1). */
static void
answer(struct dns6 *d, const uint8_t *q, size_t qn, const uint8_t *rr,
    size_t rrn, int64_t now)
{
	uint8_t p[600];
	size_t dl = qn - IP6_HDR - 8;

	memcpy(p + IP6_HDR + 8, q + IP6_HDR + 8, dl);
	p[IP6_HDR + 8 + 2] |= 0x80;
	p[IP6_HDR + 8 + 7] = 1;
	memcpy(p + qn, rr, rrn);
	qn = udp6_wrap(p, sizeof(p), q + 24, q + 8, 64, 53,
	    bbt_get16(q + IP6_HDR), dl + rrn);
	assert_int_not_equal(qn, 0);
	r.ss.rx_ns = tr_rt_ns();
	dns6_task.input(d, &r, PPP_IPV6, p, qn, now);
}

/* The AC's Destination Unreachable quoting our packet q. */
static void
unreachable(struct dns6 *d, const uint8_t *q, size_t qn, int64_t now)
{
	static const uint8_t bras[16] = { 0x20, 0x01, 0x0d, 0xb8, 0, 0x64,
		[15] = 1 };
	uint8_t p[600], *m = p + IP6_HDR;
	size_t n = 8 + qn;
	uint16_t c;

	memset(m, 0, 8);
	m[0] = 1;			/* no route to destination */
	memcpy(m + 8, q, qn);
	ip6_hdr(p, bras, q + 8, IP6_ICMP, 64, n);
	c = ip6_cksum(bras, q + 8, IP6_ICMP, m, n);
	bbt_put16(m + 2, c);
	dns6_task.input(d, &r, PPP_IPV6, p, IP6_HDR + n, now);
}

static const struct bbt_check *
find(const struct bbt_checks *c, const char *target)
{
	for (size_t i = 0; i < c->n; i++)
		if (strcmp(c->v[i].name, "ppp.dns") == 0 &&
		    strcmp(c->v[i].target, target) == 0)
			return &c->v[i];
	fail_msg("no ppp.dns %s", target);
	return NULL;
}

static void
test_queries(void **st)
{
	struct v6 *v = setup();
	struct dns6 *d = (struct dns6 *)dp_state(&r, &dns6_task);
	static const uint8_t a_rr[] = { 0xc0, 12, 0, 1, 0, 1, 0, 0, 0, 60, 0,
		4, 10, 64, 0, 1 };
	struct bbt_checks c;
	const struct bbt_check *k;
	const uint8_t *q;
	uint8_t p[600], me[16];
	size_t qn;
	int64_t now = 5000;

	(void)st;
	assert_int_equal(dns6_task.start(d, &r, now), 1);
	/* The IPv6 task still soliciting, no RA: nothing to ask yet. */
	v->dh_on = 1;
	v->dstate = D_SOLICIT;
	v->rs_next = now + 4000;
	assert_int_equal(dns6_task.tick(d, &r, now), INT64_MAX);
	assert_true(dns6_task.busy(d));
	/* The RA: SLAAC and RDNSS, but DHCPv6 may still lease: wait. */
	ra_slaac(v, R53);
	memcpy(v->ra.rdnss[1], R54, 16);
	v->ra.nrdnss = 2;
	assert_int_equal(dns6_task.tick(d, &r, now + 10), now + 10 +
	    DNS6_WAIT_MS);
	assert_int_equal(sent.n, 0);
	/* No Reply in time: SLAAC's address it is. */
	now += 10 + DNS6_WAIT_MS;
	assert_int_equal(dns6_task.tick(d, &r, now), now + TR_DNS_WAIT_MS);
	assert_int_equal(sent.n, 4);
	memcpy(me, PFX, 8);
	memcpy(me + 8, IFID, 8);
	q = query_to(R53, DNS_T_A, &qn);
	assert_memory_equal(q + 8, me, 16);
	{
		struct ip6_pkt k6;
		uint16_t sp, dp;
		const uint8_t *dd;
		size_t dn;

		assert_int_equal(ip6_parse(q, qn, &k6), 0);
		assert_int_equal(udp6_parse(&k6, &sp, &dp, &dd, &dn), 0);
		assert_int_equal(dp, 53);
		/* A bit flipped: the checksum no longer holds. */
		memcpy(p, q, qn);
		p[qn - 1] ^= 1;
		assert_int_equal(ip6_parse(p, qn, &k6), 0);
		assert_int_equal(udp6_parse(&k6, &sp, &dp, &dd, &dn), -1);
	}
	/* Resolver 1: an address for A, garbage for AAAA. */
	answer(d, q, qn, a_rr, sizeof(a_rr), now + 3);
	q = query_to(R53, DNS_T_AAAA, &qn);
	answer(d, q, qn, a_rr, 5, now + 4);	/* the record cut short */
	/* Resolver 2: unreachable, each query. */
	q = query_to(R54, DNS_T_A, &qn);
	unreachable(d, q, qn, now + 5);
	assert_true(dns6_task.busy(d));
	q = query_to(R54, DNS_T_AAAA, &qn);
	unreachable(d, q, qn, now + 5);
	assert_false(dns6_task.busy(d));

	bbt_checks_init(&c, "pppoe-probe");
	dns6_records(&c, d, &r);
	assert_int_equal(c.n, 2);
	k = find(&c, "2001:db8:64::53");
	assert_int_equal(k->status, BBT_OK);
	assert_string_equal(k->value, "10.64.0.1");
	assert_non_null(strstr(k->detail, "name=www.bbt.test a=10.64.0.1 "
	    "aaaa=- rcode=NOERROR rtt_ms="));
	assert_non_null(strstr(k->detail, " result=ok malformed=1"));
	k = find(&c, "2001:db8:64::54");
	assert_int_equal(k->status, BBT_CRITICAL);
	assert_string_equal(k->detail, "name=www.bbt.test a=- aaaa=- "
	    "result=unreachable");
	bbt_checks_free(&c);
	dp_free(&r);
}

/* Nothing answers: 2 tries each, then timeout; the queries wait for
 * nobody once the IPv6 task has settled (bound). */
static void
test_timeout(void **st)
{
	struct v6 *v = setup();
	struct dns6 *d = (struct dns6 *)dp_state(&r, &dns6_task);
	struct bbt_checks c;
	int64_t now = 100;

	(void)st;
	assert_int_equal(dns6_task.start(d, &r, now), 1);
	v->rs_next = INT64_MAX;		/* no RA, decided */
	v->dh_on = v->have_rep = 1;
	v->dstate = D_BOUND;
	v->rep.na.have = 1;
	memcpy(v->rep.na.addr, NA, 16);
	memcpy(v->rep.dns[0], R53, 16);
	v->rep.ndns = 1;
	(void)dns6_task.tick(d, &r, now);
	assert_int_equal(sent.n, 2);
	assert_memory_equal(sent.p[0] + 8, NA, 16);
	for (; dns6_task.busy(d); now += 100)
		(void)dns6_task.tick(d, &r, now);
	assert_int_equal(sent.n, 4);
	bbt_checks_init(&c, "pppoe-probe");
	dns6_records(&c, d, &r);
	assert_int_equal(c.n, 1);
	assert_string_equal(c.v[0].target, "2001:db8:64::53");
	assert_int_equal(c.v[0].status, BBT_CRITICAL);
	assert_string_equal(c.v[0].detail, "name=www.bbt.test a=- aaaa=- "
	    "result=timeout");
	bbt_checks_free(&c);
	dp_free(&r);
}

static void
expect_skip(const struct dns6 *d, const char *want)
{
	struct bbt_checks c;

	bbt_checks_init(&c, "pppoe-probe");
	dns6_records(&c, d, &r);
	if (want == NULL)
		assert_int_equal(c.n, 0);
	else {
		assert_int_equal(c.n, 1);
		assert_string_equal(c.v[0].name, "ppp.dns");
		assert_null(c.v[0].target);	/* "-" */
		assert_int_equal(c.v[0].status, BBT_SKIPPED);
		assert_string_equal(c.v[0].detail, want);
	}
	bbt_checks_free(&c);
}

static void
test_skipped(void **st)
{
	struct v6 *v = setup();
	struct dns6 *d = (struct dns6 *)dp_state_any(&r, &dns6_task);
	struct bbt_checks c;

	(void)st;
	/* Before the network phase: the IPv4 side's skipped ppp.dns
	 * stands for both. */
	bbt_checks_init(&c, "pppoe-probe");
	traffic_task.records(NULL, 0, "ppp.auth", &c, &r, "m");
	assert_int_equal(c.n, 3);
	assert_string_equal(c.v[1].name, "ppp.dns");
	assert_string_equal(c.v[1].detail, "after=ppp.auth");
	bbt_checks_free(&c);
	/* IPv6CP never came up. */
	expect_skip(NULL, "after=ppp.ipv6cp");
	expect_skip(d, "after=ppp.ipv6cp");
	/* Settled without an address (DHCPv6 refused, no SLAAC). */
	assert_int_equal(dns6_task.start(d, &r, 0), 1);
	v->rs_next = INT64_MAX;
	v->dh_on = 1;
	v->dstate = D_REFUSED;
	(void)dns6_task.tick(d, &r, 0);
	assert_false(dns6_task.busy(d));
	assert_int_equal(sent.n, 0);
	expect_skip(d, "after=dhcp6.na");
	/* A signal while waiting for them: no verdict. */
	d->phase = D6_WAIT;
	interrupted = 1;
	/* What they need comes after the signal: nothing is sent. */
	ra_slaac(v, R53);
	(void)dns6_task.tick(d, &r, 0);
	assert_int_equal(d->phase, D6_WAIT);
	assert_int_equal(sent.n, 0);
	bbt_checks_init(&c, "pppoe-probe");
	dns6_records(&c, d, &r);
	assert_int_equal(c.n, 1);
	assert_int_equal(c.v[0].status, BBT_UNKNOWN);
	assert_string_equal(c.v[0].detail, "result=interrupted");
	bbt_checks_free(&c);
	interrupted = 0;
	/* An address, no resolver, RA only (--no-dhcp6). */
	o.no_dhcp6 = 1;
	v->dh_on = 0;
	v->ra.nrdnss = 0;
	(void)dns6_task.tick(d, &r, 0);
	assert_int_equal(d->phase, D6_NONE);
	expect_skip(d, "after=ipv6.ra");
	/* --no-ipv6: nothing. */
	o.no_ipv6 = 1;
	expect_skip(d, NULL);
	dp_free(&r);
}

/* Destination Unreachable: what it quotes; other types and bad ones. */
static void
test_icmp6(void **st)
{
	uint8_t p[200], *m = p + IP6_HDR;
	struct ip6_pkt k;
	struct icmp6_unreach u;

	(void)st;
	memset(p, 0, sizeof(p));
	m[0] = 1, m[1] = 3;
	ip6_hdr(m + 8, NA, R53, IP6_UDP, 64, 8);
	bbt_put16(m + 8 + IP6_HDR, 50000);
	bbt_put16(m + 8 + IP6_HDR + 2, 53);
	ip6_hdr(p, R54, NA, IP6_ICMP, 64, 8 + IP6_HDR + 8);
	bbt_put16(m + 2, ip6_cksum(R54, NA, IP6_ICMP, m, 8 + IP6_HDR + 8));
	assert_int_equal(ip6_parse(p, IP6_HDR + 56, &k), 0);
	assert_int_equal(icmp6_unreach_parse(&k, &u), 1);
	assert_int_equal(u.code, 3);
	assert_int_equal(u.in_nh, IP6_UDP);
	assert_memory_equal(u.in_dst, R53, 16);
	assert_int_equal(u.in_sport, 50000);
	assert_int_equal(u.in_dport, 53);
	/* The checksum wrong: malformed. */
	m[2] ^= 1;
	assert_int_equal(icmp6_unreach_parse(&k, &u), -1);
	m[2] ^= 1;
	/* The quote cut short of its IPv6 header. */
	k.plen = 8 + 20;
	bbt_put16(m + 2, 0);
	bbt_put16(m + 2, ip6_cksum(R54, NA, IP6_ICMP, m, k.plen));
	assert_int_equal(icmp6_unreach_parse(&k, &u), -1);
	/* An Echo Reply: not an error. */
	m[0] = 129;
	bbt_put16(m + 2, 0);
	bbt_put16(m + 2, ip6_cksum(R54, NA, IP6_ICMP, m, k.plen));
	assert_int_equal(icmp6_unreach_parse(&k, &u), 0);
}

int
main(void)
{
	const struct CMUnitTest t[] = {
		cmocka_unit_test(test_pick),
		cmocka_unit_test(test_queries),
		cmocka_unit_test(test_timeout),
		cmocka_unit_test(test_skipped),
		cmocka_unit_test(test_icmp6),
	};
	return cmocka_run_group_tests_name("pppoe-probe/dns6", t, NULL, NULL);
}
