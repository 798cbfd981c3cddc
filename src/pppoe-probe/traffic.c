/* SPDX-License-Identifier: MIT */
/*
 * The first-traffic task (issue 19): once IPCP is up, ICMP echoes to the
 * BRAS and the --ping targets, A and AAAA queries to each IPCP resolver
 * and one HTTP GET of --url, all at once, all through the user-space
 * session: no interface, route or resolver of the host is touched.
 * Round trips are measured between our send time and the capture time
 * of the answer (both CLOCK_REALTIME, as the LCP echoes).
 */
#include <string.h>

#include "pppoe-probe/dataplane.h"
#include "pppoe-probe/ppp.h"
#include "pppoe-probe/run.h"
#include "pppoe-probe/traffic_int.h"

/* The run of the call in progress: the TCP client's callbacks carry one
 * context, the task's state, and sending needs the run's session. */
static struct run *cur;

static void
send_ip(void *ctx, const uint8_t *pkt, size_t n)
{
	(void)ctx;
	(void)sess_send_data(&cur->ss, PPP_IP, pkt, n);
}

static int
is_zero(const uint8_t a[4])
{
	return !(a[0] | a[1] | a[2] | a[3]);
}

static void
add_resolver(struct traffic *t, const uint8_t a[4])
{
	if (is_zero(a) || t->nres >= TR_MAX_RES ||
	    (t->nres && memcmp(t->res[0], a, 4) == 0))
		return;
	memcpy(t->res[t->nres++], a, 4);
}

const struct tr_query *
tr_http_query(const struct traffic *t)
{
	for (int i = 0; i < t->nq; i++) {
		const struct tr_query *q = &t->q[i];

		if (q->type == DNS_T_A && q->res_kind == TR_OK && q->ans.naddr &&
		    (q->http || strcmp(t->name, t->url.host) == 0))
			return q;
	}
	return NULL;
}

static void http_data(void *, const uint8_t *, size_t, int);

static void
http_connect(struct traffic *t, int64_t now)
{
	char req[TCP_REQ_MAX];
	size_t n = http_request(&t->url, req, sizeof(req));
	const struct sess *s = &cur->ss;
	int mtu = s->want_mru && s->our_mru ? s->our_mru : 1492;
	uint32_t iss = 0;
	uint16_t sport = 0;

	if (n == 0) {
		t->hphase = H_NO_ADDR;
		return;
	}
	tr_rnd(&iss, sizeof(iss));
	tr_rnd(&sport, sizeof(sport));
	t->tcp.send = send_ip;
	t->tcp.data = http_data;
	t->tcp.ctx = t;
	t->tcp.ipid = (uint16_t)(t->ipid + 0x4000);
	t->hphase = H_CONNECTING;
	t->t_syn_ns = tr_rt_ns();
	(void)tcp_connect(&t->tcp, t->me, t->addr, (uint16_t)(49152 +
	    sport % 16384), t->url.port, iss, mtu, req, n, now);
}

static int
tr_start(void *st, struct run *r, int64_t now)
{
	struct traffic *t = st;
	const struct traffic_opts *o = &r->o->tr;
	const struct sess *s = &r->ss;
	uint16_t base = 0;

	if (o->off)
		return 0;
	cur = r;
	t->o = o;
	t->t0 = now;
	memcpy(t->me, s->addr, 4);
	t->t0_ns = tr_rt_ns();
	tr_rnd(&t->icmp_id, sizeof(t->icmp_id));
	tr_rnd(&t->ipid, sizeof(t->ipid));
	tr_rnd(&base, sizeof(base));
	base = (uint16_t)(49152 + base % 16000);
	t->name = tr_dns_name(o, &t->url);
	if (s->have_peer_addr) {
		memcpy(t->ping[0].dst, s->peer_addr, 4);
		t->ping[0].peer = 1;
		t->nping = 1;
	}
	for (int i = 0; i < o->nping; i++)
		memcpy(t->ping[t->nping++].dst, o->ping[i], 4);
	if (s->want_dns1)
		add_resolver(t, s->dns1);
	if (s->want_dns2)
		add_resolver(t, s->dns2);
	for (int i = 0; i < t->nres; i++) {
		dnsq_add(t->q, &t->nq, i, DNS_T_A, 0, base);
		dnsq_add(t->q, &t->nq, i, DNS_T_AAAA, 0, base);
		if (!t->url.literal && strcmp(t->name, t->url.host) != 0)
			dnsq_add(t->q, &t->nq, i, DNS_T_A, 1, base);
	}
	if (!t->url.literal && t->nres == 0)
		t->hphase = H_NO_ADDR;
	return 1;
}

/*
 * The BRAS's side of the link is ready: every test starts. pppd, for
 * one, configures its interface only once it has read our last IPCP
 * Ack and drops what comes before; so Echo-Requests go to the peer every
 * TR_READY_GAP_MS until one is answered, for at most TR_READY_MS. They
 * are not counted in ppp.ping.
 */
static int64_t
ready_tick(struct traffic *t, int64_t now)
{
	uint8_t pkt[128];
	size_t n;

	if (!t->ready && (t->nping == 0 || !t->ping[0].peer ||
	    now >= t->t0 + TR_READY_MS))
		t->ready = 1;
	if (!t->ready) {
		if (now >= t->warm_next) {
			n = icmp4_echo(pkt, sizeof(pkt), t->me, t->ping[0].dst,
			    t->ipid++, t->icmp_id, (uint16_t)(0xff00 |
			    (t->warm++ & 0xff)), 56);
			send_ip(NULL, pkt, n);
			t->warm_next = now + TR_READY_GAP_MS;
		}
		return t->warm_next < t->t0 + TR_READY_MS ? t->warm_next :
		    t->t0 + TR_READY_MS;
	}
	if (t->started)
		return INT64_MAX;
	t->started = 1;
	for (int i = 0; i < t->nping; i++)
		t->ping[i].next = now;
	for (int i = 0; i < t->nq; i++)
		t->q[i].next = now;
	if (t->url.literal) {
		(void)ip4_aton(t->url.host, t->addr);
		http_connect(t, now);
	}
	return now;
}

/* ---- ping ------------------------------------------------------------- */

static int64_t
ping_tick(struct traffic *t, struct tr_ping *p, int64_t now)
{
	uint8_t pkt[128];
	size_t n;

	if (p->done)
		return INT64_MAX;
	if (p->sent < TR_PINGS && now >= p->next) {
		n = icmp4_echo(pkt, sizeof(pkt), t->me, p->dst, t->ipid++,
		    t->icmp_id, (uint16_t)((p - t->ping) << 8 | p->sent), 56);
		p->tx_ns[p->sent++] = tr_rt_ns();
		send_ip(NULL, pkt, n);
		p->next = now + TR_PING_GAP_MS;
		if (p->sent == TR_PINGS)
			p->end = now + TR_PING_WAIT_MS;
	}
	if (p->sent == TR_PINGS && (p->rcvd + p->unreach >= TR_PINGS ||
	    now >= p->end))
		p->done = 1;
	return p->done ? INT64_MAX : p->sent < TR_PINGS ? p->next : p->end;
}

static void
on_echo_reply(struct traffic *t, const struct ip4_pkt *k,
    const struct icmp4_msg *m)
{
	int i = m->seq >> 8, j = m->seq & 0xff;
	struct tr_ping *p;
	int64_t rtt;

	if (m->id == t->icmp_id && i == 0xff && !t->ready &&
	    memcmp(k->src, t->ping[0].dst, 4) == 0) {
		t->ready = 1;
		t->ready_ns = cur->ss.rx_ns;
		return;
	}
	if (m->id != t->icmp_id || i >= t->nping || j >= TR_PINGS)
		return;
	p = &t->ping[i];
	if (memcmp(k->src, p->dst, 4) != 0 || j >= p->sent)
		return;
	if (p->got[j]) {
		p->dup++;
		return;
	}
	p->got[j] = 1;
	rtt = cur->ss.rx_ns - p->tx_ns[j];
	if (rtt < 0)
		rtt = 0;
	if (p->rcvd == 0 || rtt < p->rtt_min)
		p->rtt_min = rtt;
	if (rtt > p->rtt_max)
		p->rtt_max = rtt;
	p->rtt_sum += rtt;
	p->rcvd++;
}

/* ---- DNS --------------------------------------------------------------- */

/* dnsq_send_fn: a query in UDP over IPv4 to its resolver. */
static int
send_query(void *ctx, const struct tr_query *q, const uint8_t *msg, size_t n)
{
	struct traffic *t = ctx;
	uint8_t pkt[400];

	if ((n = udp4_build(pkt, sizeof(pkt), t->me, t->res[q->res],
	    t->ipid++, q->sport, 53, msg, n)) == 0)
		return -1;
	send_ip(NULL, pkt, n);
	return 0;
}

static void
on_udp(struct traffic *t, const struct ip4_pkt *k)
{
	uint16_t sp, dp;
	const uint8_t *d;
	size_t n;
	int ri = -1;

	for (int i = 0; i < t->nres; i++)
		if (memcmp(k->src, t->res[i], 4) == 0)
			ri = i;
	if (ri < 0)
		return;
	if (udp4_parse(k, &sp, &dp, &d, &n) < 0) {
		t->res_malformed[ri]++;
		return;
	}
	dnsq_answer(t->q, t->nq, ri, sp, dp, d, n, cur->ss.rx_ns,
	    &t->res_malformed[ri]);
}

/* ICMP errors: a ping target or a resolver unreachable. */
static void
on_icmp_error(struct traffic *t, const struct icmp4_msg *m)
{
	if (m->type != 3)
		return;
	for (int i = 0; i < t->nping; i++)
		if (m->in_proto == IPPROTO4_ICMP &&
		    memcmp(m->in_dst, t->ping[i].dst, 4) == 0 &&
		    t->ping[i].unreach < t->ping[i].sent)
			t->ping[i].unreach++;
	for (int i = 0; i < t->nres; i++)
		if (m->in_proto == IPPROTO4_UDP &&
		    memcmp(m->in_dst, t->res[i], 4) == 0)
			dnsq_unreach(t->q, t->nq, i, m->in_sport, m->in_dport);
}

/* ---- HTTP -------------------------------------------------------------- */

static void
http_done(struct traffic *t, enum tr_res r)
{
	if (t->hphase != H_CONNECTING)
		return;
	t->hphase = H_DONE;
	t->t_end_ns = tr_rt_ns();
	if (t->hres == TR_PENDING)
		t->hres = r;
}

/* tcp_data_fn: the server's bytes, in order. */
static void
http_data(void *ctx, const uint8_t *d, size_t n, int fin)
{
	struct traffic *t = ctx;
	int64_t now = mono_ms();

	if (n && t->bytes == 0)
		t->t_first_ns = cur->ss.rx_ns;
	t->bytes += (long long)n;
	if (n && t->head_state == 0) {
		size_t k = sizeof(t->head) - t->headlen;

		if (k > n)
			k = n;
		memcpy(t->head + t->headlen, d, k);
		t->headlen += k;
		t->head_state = http_head_parse(t->head, t->headlen, &t->hh);
		if (t->head_state < 0) {
			t->hres = TR_MALFORMED;
			tcp_abort(&t->tcp);
			return;
		}
	}
	if (t->head_state > 0 && t->bytes > TR_BODY_MAX + (long long)t->hh.len) {
		t->truncated = 1;
		t->hres = TR_OK;
		tcp_abort(&t->tcp);
		return;
	}
	/* The whole answer is here: our FIN, without waiting for its. */
	if (fin || (t->head_state > 0 && ((t->hh.length >= 0 && t->bytes >=
	    (long long)t->hh.len + t->hh.length) || t->hh.status == 204 ||
	    t->hh.status == 304))) {
		tcp_close(&t->tcp, now);
		if (!t->close_end)
			t->close_end = now + TR_CLOSE_MS;
	}
}

static int64_t
http_tick(struct traffic *t, int64_t now)
{
	const struct tr_query *q;
	int64_t n;

	if (t->hphase == H_WAIT_DNS) {
		if ((q = tr_http_query(t)) != NULL) {
			(void)ip4_aton(q->ans.addr, t->addr);
			http_connect(t, now);
		} else {
			int pending = 0;

			for (int i = 0; i < t->nq; i++)
				if (t->q[i].type == DNS_T_A &&
				    t->q[i].res_kind == TR_PENDING &&
				    (t->q[i].http ||
				    strcmp(t->name, t->url.host) == 0))
					pending = 1;
			if (!pending)
				t->hphase = H_NO_ADDR;
			return INT64_MAX;
		}
	}
	if (t->hphase != H_CONNECTING)
		return INT64_MAX;
	if (t->tcp.state == TCP_ESTABLISHED && !t->t_est_ns)
		t->t_est_ns = cur->ss.rx_ns;
	if (t->close_end && now >= t->close_end && !tcp_over(&t->tcp))
		tcp_abort(&t->tcp);
	n = tcp_tick(&t->tcp, now);
	if (tcp_over(&t->tcp)) {
		http_done(t, t->head_state > 0 ? TR_OK : t->tcp.gave_up ?
		    TR_TIMEOUT : t->tcp.reset ? TR_RESET : TR_MALFORMED);
		return INT64_MAX;
	}
	return t->close_end && t->close_end < n ? t->close_end : n;
}

/* ---- the task ---------------------------------------------------------- */

static int64_t
tr_tick(void *st, struct run *r, int64_t now)
{
	struct traffic *t = st;
	int64_t next = INT64_MAX, x;

	cur = r;
	if ((next = ready_tick(t, now)) == now)
		next = INT64_MAX;
	if (!t->started)
		return next;
	for (int i = 0; i < t->nping; i++)
		if ((x = ping_tick(t, &t->ping[i], now)) < next)
			next = x;
	for (int i = 0; i < t->nq; i++)
		if ((x = dnsq_tick(&t->q[i], t->q[i].http ? t->url.host :
		    t->name, now, send_query, t)) < next)
			next = x;
	if ((x = http_tick(t, now)) < next)
		next = x;
	return next;
}

static void
tr_input(void *st, struct run *r, uint16_t proto, const uint8_t *p,
    size_t n, int64_t now)
{
	struct traffic *t = st;
	struct ip4_pkt k;
	struct icmp4_msg m;
	int rc;

	cur = r;
	if (proto != PPP_IP)
		return;
	if ((rc = ip4_parse(p, n, &k)) < 0) {
		t->ip_malformed++;
		return;
	}
	if (rc > 0 || memcmp(k.dst, t->me, 4) != 0)
		return;
	switch (k.proto) {
	case IPPROTO4_ICMP:
		if (icmp4_parse(&k, &m) < 0)
			t->ip_malformed++;
		else if (m.type == 0)
			on_echo_reply(t, &k, &m);
		else
			on_icmp_error(t, &m);
		break;
	case IPPROTO4_UDP:
		on_udp(t, &k);
		break;
	case IPPROTO4_TCP:
		if (t->hphase == H_CONNECTING)
			(void)tcp_input(&t->tcp, &k, now);
		break;
	default:
		break;
	}
	/* Answers end timers: let tick see them at once. */
	(void)tr_tick(t, r, now);
}

static int
tr_busy(const void *st)
{
	const struct traffic *t = st;

	if (!t->started)
		return 1;
	for (int i = 0; i < t->nping; i++)
		if (!t->ping[i].done)
			return 1;
	if (dnsq_pending(t->q, t->nq))
		return 1;
	return t->hphase == H_WAIT_DNS || t->hphase == H_CONNECTING;
}

/* The session closes: an open connection is reset, so that nothing
 * stays open on the server for a session that is gone. */
static int
tr_release(void *st, struct run *r, int64_t now)
{
	struct traffic *t = st;

	(void)now;
	cur = r;
	if (t->hphase == H_CONNECTING) {
		tcp_abort(&t->tcp);
		http_done(t, interrupted ? TR_INTERRUPTED : TR_TIMEOUT);
	}
	return 0;
}

void	tr_records(const void *, int, const char *, struct bbt_checks *,
	    const struct run *, const char *);

const struct dp_ops traffic_task = {
	"traffic", sizeof(struct traffic), DP_NEED_IPV4, tr_start, tr_input,
	tr_tick, tr_busy, tr_release, tr_records,
};
