/* SPDX-License-Identifier: MIT */
/* The first traffic's DNS over IPv6; see dns6.h. */
#include <arpa/inet.h>
#include <string.h>

#include "pppoe-probe/dataplane.h"
#include "pppoe-probe/dns6.h"
#include "pppoe-probe/ip6.h"
#include "pppoe-probe/ppp.h"
#include "pppoe-probe/run.h"
#include "pppoe-probe/traffic.h"

/* The run of the call in progress, for dnsq_send_fn. */
static struct run *cur;

static int
usable(const uint8_t a[16])
{
	static const uint8_t zero[16];

	/* Neither :: nor multicast can answer a query. */
	return memcmp(a, zero, 16) != 0 && a[0] != 0xff;
}

static void
add_res(uint8_t res[TR_MAX_RES][16], int *n, const uint8_t a[16])
{
	if (!usable(a) || *n >= TR_MAX_RES)
		return;
	for (int i = 0; i < *n; i++)
		if (memcmp(res[i], a, 16) == 0)
			return;
	memcpy(res[(*n)++], a, 16);
}

int
dns6_pick(const struct v6 *v, const uint8_t ifid[8], uint8_t me[16],
    int *slaac, uint8_t res[TR_MAX_RES][16])
{
	const struct dh6_msg *m = v->have_rep ? &v->rep : &v->adv;
	int n = 0, have = 0;

	/* The address of the Reply only: an Advertise leases nothing. */
	if (v->dh_on && v->have_rep && v->rep.na.have) {
		memcpy(me, v->rep.na.addr, 16);
		*slaac = 0, have = 1;
	}
	/* SLAAC (RFC 4862 §5.5.3): an autonomous /64 and our identifier. */
	for (int i = 0; !have && v->have_ra && i < v->ra.npfx; i++) {
		const struct ra_prefix *p = &v->ra.pfx[i];

		if (p->flags & PIO_FLAG_A && p->len == 64 && p->valid &&
		    !ip6_linklocal(p->prefix)) {
			memcpy(me, p->prefix, 8);
			memcpy(me + 8, ifid, 8);
			*slaac = 1, have = 1;
		}
	}
	if (!have)
		return -1;
	if (v->dh_on && (v->have_rep || v->have_adv))
		for (int i = 0; i < m->ndns; i++)
			add_res(res, &n, m->dns[i]);
	for (int i = 0; v->have_ra && i < v->ra.nrdnss; i++)
		add_res(res, &n, v->ra.rdnss[i]);
	return n;
}

/* dnsq_send_fn: a query in UDP over IPv6; a link-local resolver is
 * asked from our link-local address. */
static int
send_query(void *ctx, const struct tr_query *q, const uint8_t *msg, size_t n)
{
	struct dns6 *d = ctx;
	const uint8_t *dst = d->res[q->res];
	uint8_t pkt[400];

	if (IP6_HDR + 8 + n > sizeof(pkt))
		return -1;
	memcpy(pkt + IP6_HDR + 8, msg, n);
	n = udp6_wrap(pkt, sizeof(pkt), ip6_linklocal(dst) ? d->ll : d->me,
	    dst, 64, q->sport, 53, n);
	(void)sess_send_data(&cur->ss, PPP_IPV6, pkt, n);
	return 0;
}

static int
d6_start(void *st, struct run *r, int64_t now)
{
	struct dns6 *d = st;

	(void)now;
	if (r->o->tr.off || r->ss.ipcp_result != SR_OK)
		return 0;
	d->on = 1;
	d->name = tr_dns_name(&r->o->tr, &d->url);
	d->ll[0] = 0xfe, d->ll[1] = 0x80;
	memcpy(d->ll + 8, r->ss.our_ifid, 8);
	tr_rnd(&d->base, sizeof(d->base));
	d->base = (uint16_t)(49152 + d->base % 16000);
	return 1;
}

/* Waits for the IPv6 task's address and resolvers; 1 when the queries
 * are to go now. */
static int
ready(struct dns6 *d, const struct run *r, int64_t now, int64_t *next)
{
	const struct v6 *v = dp_state(r, &v6_ops);
	uint8_t me[16], res[TR_MAX_RES][16];
	int slaac = 0, n = v != NULL ? dns6_pick(v, r->ss.our_ifid, me,
	    &slaac, res) : -1;

	*next = INT64_MAX;
	if (n <= 0) {
		d->have_since = 0;
		/* Settled without them: nothing to ask, nothing will come. */
		if (v == NULL || !v6_ops.busy(v))
			d->phase = D6_NONE;
		return 0;
	}
	if (!d->have_since)
		d->have_since = now;
	if (v6_ops.busy(v) && now < d->have_since + DNS6_WAIT_MS) {
		*next = d->have_since + DNS6_WAIT_MS;
		return 0;
	}
	memcpy(d->me, me, 16);
	memcpy(d->res, res, sizeof(res));
	d->nres = n;
	for (int i = 0; i < n; i++) {
		dnsq_add(d->q, &d->nq, i, DNS_T_A, 0, d->base);
		dnsq_add(d->q, &d->nq, i, DNS_T_AAAA, 0, d->base);
	}
	for (int i = 0; i < d->nq; i++)
		d->q[i].next = now;
	d->phase = D6_SENDING;
	return 1;
}

static int64_t
d6_tick(void *st, struct run *r, int64_t now)
{
	struct dns6 *d = st;
	int64_t next = INT64_MAX, x;

	cur = r;
	/* A signal or the session closing: nothing new is asked. */
	if (d->phase == D6_WAIT && (interrupted || r->dp.release_end))
		return INT64_MAX;
	if (d->phase == D6_WAIT && !ready(d, r, now, &next))
		return next;
	if (d->phase != D6_SENDING)
		return INT64_MAX;
	for (int i = 0; i < d->nq; i++)
		if ((x = dnsq_tick(&d->q[i], d->name, now, send_query, d)) <
		    next)
			next = x;
	return next;
}

static int
res_index(const struct dns6 *d, const uint8_t a[16])
{
	for (int i = 0; i < d->nres; i++)
		if (memcmp(a, d->res[i], 16) == 0)
			return i;
	return -1;
}

static void
d6_input(void *st, struct run *r, uint16_t proto, const uint8_t *p,
    size_t n, int64_t now)
{
	struct dns6 *d = st;
	struct ip6_pkt k;
	struct icmp6_unreach u;
	const uint8_t *data;
	size_t len;
	uint16_t sp, dp;
	int ri;

	(void)now;
	if (proto != PPP_IPV6 || d->phase != D6_SENDING ||
	    ip6_parse(p, n, &k) < 0 || (memcmp(k.dst, d->me, 16) != 0 &&
	    memcmp(k.dst, d->ll, 16) != 0))
		return;
	if (k.nh == IP6_UDP && (ri = res_index(d, k.src)) >= 0) {
		if (udp6_parse(&k, &sp, &dp, &data, &len) < 0)
			d->res_malformed[ri]++;
		else
			dnsq_answer(d->q, d->nq, ri, sp, dp, data, len,
			    r->ss.rx_ns, &d->res_malformed[ri]);
	} else if (k.nh == IP6_ICMP && icmp6_unreach_parse(&k, &u) == 1 &&
	    u.in_nh == IP6_UDP && (ri = res_index(d, u.in_dst)) >= 0)
		dnsq_unreach(d->q, d->nq, ri, u.in_sport, u.in_dport);
}

static int
d6_busy(const void *st)
{
	const struct dns6 *d = st;

	return d->phase == D6_WAIT || (d->phase == D6_SENDING &&
	    dnsq_pending(d->q, d->nq));
}

/*
 * ppp.dns per IPv6 resolver; without IPv6CP, or with no address or no
 * resolver from the IPv6 task, one record skipped after the check that
 * should have given them.
 */
void
dns6_records(struct bbt_checks *c, const struct dns6 *d, const struct run *r)
{
	char b[INET6_ADDRSTRLEN], det[64] = "";

	if (r->o->no_ipv6)
		return;
	if (d == NULL || !d->on) {
		add_skipped(c, "ppp.dns", "-", "ppp.ipv6cp");
	} else if (d->phase == D6_SENDING) {
		for (int i = 0; i < d->nres; i++)
			dnsq_record(c, inet_ntop(AF_INET6, d->res[i], b,
			    sizeof(b)), d->name, d->q, d->nq, i,
			    d->res_malformed[i]);
	} else if (d->phase == D6_WAIT && interrupted) {
		kv(det, sizeof(det), "result", "interrupted");
		bbt_checks_add(c, "ppp.dns", "-", BBT_UNKNOWN, NULL, NULL, det);
	} else
		add_skipped(c, "ppp.dns", "-", r->o->no_dhcp6 ? "ipv6.ra" :
		    "dhcp6.na");
}

const struct dp_ops dns6_task = {
	.name = "dns6",
	.size = sizeof(struct dns6),
	.needs = DP_NEED_IPV6,
	.start = d6_start,
	.input = d6_input,
	.tick = d6_tick,
	.busy = d6_busy,
	.records = NULL,	/* dns6_records, from the first traffic's */
};
