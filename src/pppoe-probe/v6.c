/* SPDX-License-Identifier: MIT */
/*
 * The IPv6 task of the data plane: RS/RA and a DHCPv6 client for IA_NA
 * and IA_PD over the user-space session; see v6.h. Nothing of the host
 * changes: the packets go through sess_send_data only.
 */
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>

#include "pppoe-probe/ppp.h"
#include "pppoe-probe/run.h"
#include "pppoe-probe/v6.h"

/* RFC 8415 §7.6 transmission parameters, in ms. */
#define SOL_TIMEOUT	1000
#define SOL_MAX_RT	3600000
#define REQ_TIMEOUT	1000
#define REQ_MAX_RT	30000
#define REQ_MAX_RC	10
#define REL_TIMEOUT	1000
#define REL_MAX_RC	4

#define IAID		1	/* one IA of each kind */

static uint32_t
rnd32(void)
{
	uint32_t v;

	if (getrandom(&v, sizeof(v), GRND_NONBLOCK) != sizeof(v))
		v = (uint32_t)random();
	return v;
}

/* RT * RAND with RAND in [-0.1, 0.1], or (0, 0.1] when positive. */
static int64_t
jitter(int64_t rt, int positive)
{
	int64_t span = rt / 10, j;

	if (span <= 0)
		return 0;
	j = (int64_t)(rnd32() % (uint32_t)(2 * span + 1)) - span;
	if (positive)
		j = 1 + (int64_t)(rnd32() % (uint32_t)span);
	return j;
}

/* RFC 8415 §15: the next retransmission time from the previous one. */
static int64_t
next_rt(int64_t prev, int64_t irt, int64_t mrt, int first_solicit)
{
	int64_t rt;

	if (prev == 0)
		return irt + jitter(irt, first_solicit);
	rt = 2 * prev + jitter(prev, 0);
	if (mrt && rt > mrt)
		rt = mrt + jitter(mrt, 0);
	return rt;
}

static void
send_rs(struct v6 *v, struct run *r, int64_t now)
{
	uint8_t b[RS_LEN];
	size_t n = ra_build_rs(b, sizeof(b), v->ll);

	(void)sess_send_data(&r->ss, PPP_IPV6, b, n);
	v->rs_sent++;
	v->rs_next = now + RS_INTERVAL_MS;
}

/* The leases of the Advertise go into Request and Release. */
static void
send_dh6(struct v6 *v, struct run *r, uint8_t type, uint32_t xid,
    int64_t start, int64_t now)
{
	const struct dh6_msg *a = v->have_rep ? &v->rep : &v->adv;
	struct dh6_req q = {
		.type = type, .xid = xid, .duid = v->duid,
		.duidlen = sizeof(v->duid), .oro_dns = type != DH6_RELEASE,
		.na_iaid = IAID, .pd_iaid = IAID,
	};
	uint8_t b[DH6_PKT_MAX];
	int64_t cs = (now - start) / 10;
	size_t n;

	memcpy(q.src, v->ll, 16);
	q.elapsed = cs > 0xffff ? 0xffff : (uint16_t)cs;
	if (type == DH6_SOLICIT) {
		q.na = q.pd = 1;
		q.rapid_commit = 1;
		q.pd_len = (uint8_t)r->o->pd_len;
	} else {
		q.server = a->server, q.serverlen = a->serverlen;
		/*
		 * A Request asks again for an IA the Advertise left out
		 * (RFC 8415 §18.2.2 allows it): servers that omit it from
		 * the Advertise (WIDE dhcp6s) name the reason, such as
		 * NoPrefixAvail, only in the Reply. A Release gives back
		 * only what was leased.
		 */
		q.na = q.pd = type != DH6_RELEASE;
		if (a->na.have)
			q.na = 1, q.na_addr = a->na.addr,
			q.na_pref = a->na.preferred, q.na_valid = a->na.valid;
		if (a->pd.have)
			q.pd = 1, q.pd_prefix = a->pd.addr, q.pd_len = a->pd.plen,
			q.pd_pref = a->pd.preferred, q.pd_valid = a->pd.valid;
		else
			q.pd_len = (uint8_t)r->o->pd_len;
		/* Release: lifetimes 0 are what the lease becomes. */
		if (type == DH6_RELEASE)
			q.na_pref = q.na_valid = q.pd_pref = q.pd_valid = 0;
	}
	if ((n = dh6_build(b, sizeof(b), &q)) > 0)
		(void)sess_send_data(&r->ss, PPP_IPV6, b, n);
}

static void
dh6_next(struct v6 *v, struct run *r, int64_t now)
{
	uint8_t type = v->dstate == D_SOLICIT ? DH6_SOLICIT : DH6_REQUEST;

	if (v->dstate == D_REQUEST && v->tries >= REQ_MAX_RC) {
		v->dstate = D_GAVE_UP;
		v->dnext = INT64_MAX;
		return;
	}
	if (v->tries == 0)
		v->xstart = now;
	send_dh6(v, r, type, v->xid, v->xstart, now);
	v->tries++;
	if (type == DH6_SOLICIT) {
		v->solicits++;
		v->rt = next_rt(v->tries > 1 ? v->rt : 0, SOL_TIMEOUT,
		    SOL_MAX_RT, 1);
	} else
		v->rt = next_rt(v->tries > 1 ? v->rt : 0, REQ_TIMEOUT,
		    REQ_MAX_RT, 0);
	v->dnext = now + v->rt;
}

static int
v6_start(void *st, struct run *r, int64_t now)
{
	struct v6 *v = st;

	/* Its records are skipped after a failed IPCP: no traffic. */
	if (r->ss.ipcp_result != SR_OK)
		return 0;
	v->ll[0] = 0xfe, v->ll[1] = 0x80;
	memcpy(v->ll + 8, r->ss.our_ifid, 8);
	v->t0 = now;
	v->dnext = v->rel_next = INT64_MAX;
	/*
	 * The first RS at once: RFC 4861 §6.3.7's random delay spreads
	 * the hosts of a shared link, and a PPP link has one.
	 */
	send_rs(v, r, now);
	if ((v->dh_on = !r->o->no_dhcp6)) {
		dh6_duid_ll(v->duid, r->mac);
		v->xid = rnd32() & 0xffffff;
		dh6_next(v, r, now);
	}
	return 1;
}

static int
has_lease(const struct dh6_msg *m)
{
	return m->na.have || m->pd.have;
}

static void
on_dh6(struct v6 *v, struct run *r, const struct dh6_msg *m, int64_t now)
{
	/* Only answers to us: our transaction and our DUID. */
	if (m->clientlen != sizeof(v->duid) ||
	    memcmp(m->client, v->duid, sizeof(v->duid)) != 0) {
		v->foreign++;
		return;
	}
	if (v->rel_sent && m->xid == v->rel_xid && m->type == DH6_REPLY) {
		v->rel_acked = 1;
		v->rel_status = m->status;
		return;
	}
	if (m->xid != v->xid)
		return;
	if (v->dstate == D_SOLICIT && m->type == DH6_ADVERTISE) {
		/*
		 * The first Advertise is taken at once: on a PPP link only
		 * the BRAS answers, so RFC 8415 §18.2.1's wait for more
		 * would only add a second. One without any lease ends
		 * the exchange: its status codes are the answer.
		 */
		v->adv = *m;
		v->have_adv = 1;
		if (!has_lease(m)) {
			v->dstate = D_REFUSED;
			v->dnext = INT64_MAX;
			return;
		}
		v->dstate = D_REQUEST;
		v->xid = (v->xid + 1) & 0xffffff;
		v->tries = 0;
		dh6_next(v, r, now);
	} else if ((v->dstate == D_REQUEST && m->type == DH6_REPLY) ||
	    (v->dstate == D_SOLICIT && m->type == DH6_REPLY &&
	    m->rapid_commit)) {
		v->rapid = v->dstate == D_SOLICIT;
		v->rep = *m;
		v->have_rep = 1;
		v->dstate = has_lease(m) ? D_BOUND : D_REFUSED;
		v->dnext = INT64_MAX;
		v->t_bound = now;
	}
}

static void
v6_input(void *st, struct run *r, uint16_t proto, const uint8_t *p,
    size_t n, int64_t now)
{
	struct v6 *v = st;
	struct ra_info ra;
	struct dh6_msg m;
	enum ra_verdict rv;
	enum dh6_verdict dv;

	if (proto != PPP_IPV6)
		return;
	if ((rv = ra_parse(p, n, &ra)) == RA_OK) {
		if (!v->have_ra) {
			v->ra = ra;
			v->have_ra = 1;
			v->t_ra = now;
			v->rs_next = INT64_MAX;
			/*
			 * The router's IPv6 just spoke: a Solicit sent
			 * before it (the BRAS starting its DHCPv6 with the
			 * link) was likely lost, so the next one goes now
			 * rather than up to SOL_TIMEOUT later. Once.
			 */
			if (v->dh_on && v->dstate == D_SOLICIT &&
			    v->dnext - now > 100)
				dh6_next(v, r, now);
		}
		return;
	} else if (rv != RA_NOT) {
		v->ra_bad++;
		v->ra_err = rv;
		return;
	}
	if (!v->dh_on)
		return;
	if ((dv = dh6_parse(p, n, &m)) == DH6_OK)
		on_dh6(v, r, &m, now);
	else if (dv != DH6_NOT) {
		v->dh_bad++;
		v->dh_err = dv;
	}
}

static int64_t
v6_tick(void *st, struct run *r, int64_t now)
{
	struct v6 *v = st;
	int64_t t;

	if (!v->have_ra && now >= v->rs_next) {
		if (v->rs_sent < RS_MAX)
			send_rs(v, r, now);
		else
			v->rs_next = INT64_MAX;	/* no RA: decided */
	}
	if (v->dh_on && (v->dstate == D_SOLICIT || v->dstate == D_REQUEST) &&
	    now >= v->dnext && !v->rel_sent)
		dh6_next(v, r, now);
	t = v->rs_next;
	if (v->dnext < t && !v->rel_sent)
		t = v->dnext;
	if (v->rel_sent && !v->rel_acked && v->rel_next < t)
		t = v->rel_next;
	return t;
}

static int
v6_busy(const void *st)
{
	const struct v6 *v = st;

	return v->rs_next != INT64_MAX || (v->dh_on &&
	    (v->dstate == D_SOLICIT || v->dstate == D_REQUEST));
}

/*
 * What was leased goes back: bound, or a Request in flight whose Reply
 * may have bound it at the server (its Release is then answered with
 * NoBinding, which is harmless).
 */
static int
v6_release(void *st, struct run *r, int64_t now)
{
	struct v6 *v = st;

	if (!v->dh_on || !(v->dstate == D_BOUND ||
	    (v->dstate == D_REQUEST && v->have_adv)) || v->rel_acked)
		return 0;
	if (!v->rel_sent) {
		v->rel_sent = 1;
		v->rel_xid = (v->xid + 1) & 0xffffff;
		v->rel_next = now;
		v->xstart = now;
	}
	if (now >= v->rel_next && v->rel_tries < REL_MAX_RC) {
		send_dh6(v, r, DH6_RELEASE, v->rel_xid, v->xstart, now);
		v->rel_tries++;
		v->rt = next_rt(v->rel_tries > 1 ? v->rt : 0, REL_TIMEOUT, 0,
		    0);
		v->rel_next = now + v->rt;
	}
	return v->rel_tries < REL_MAX_RC || now < v->rel_next;
}

const struct dp_ops v6_ops = {
	.name = "ipv6",
	.size = sizeof(struct v6),
	.needs = DP_NEED_IPV6,
	.start = v6_start,
	.input = v6_input,
	.tick = v6_tick,
	.busy = v6_busy,
	.release = v6_release,
	.records = v6_records,
};
