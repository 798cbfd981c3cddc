/* SPDX-License-Identifier: MIT */
/* The first traffic's DNS queries, either family; see dnsq.h. */
#include <stdio.h>
#include <string.h>
#include <sys/random.h>
#include <time.h>

#include "pppoe-probe/dnsq.h"
#include "pppoe-probe/run.h"

/* Without getrandom, the clock's nanoseconds do. */
void
tr_rnd(void *p, size_t n)
{
	if (getrandom(p, n, GRND_NONBLOCK) != (ssize_t)n) {
		uint64_t v = (uint64_t)tr_rt_ns() * 0x9e3779b97f4a7c15ULL;

		memcpy(p, &v, n < sizeof(v) ? n : sizeof(v));
	}
}

int64_t
tr_rt_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

const char *
tr_ms3(int64_t ns, char b[24])
{
	snprintf(b, 24, "%.3f", (double)ns / 1e6);
	return b;
}

const char *
tr_res_name(enum tr_res k)
{
	static const char *const name[] = { "pending", "ok", "timeout",
		"unreachable", "malformed", "reset", "interrupted" };

	return (unsigned)k < sizeof(name) / sizeof(name[0]) ? name[k] : "?";
}

void
dnsq_add(struct tr_query *v, int *nq, int res, int type, int http,
    uint16_t base)
{
	struct tr_query *q = &v[*nq];

	memset(q, 0, sizeof(*q));
	q->res = res;
	q->type = type;
	q->http = http;
	q->sport = (uint16_t)(base + *nq);
	tr_rnd(&q->id, sizeof(q->id));
	(*nq)++;
}

int64_t
dnsq_tick(struct tr_query *q, const char *name, int64_t now,
    dnsq_send_fn *send, void *ctx)
{
	uint8_t msg[300];
	size_t n;

	if (q->res_kind != TR_PENDING)
		return INT64_MAX;
	if (now < q->next)
		return q->next;
	if (q->tries >= TR_DNS_TRIES) {
		q->res_kind = TR_TIMEOUT;
		return INT64_MAX;
	}
	/* Each try its own id: a late answer to the first is timed from
	 * the first. */
	n = dns_query(name, q->type, (uint16_t)(q->id + q->tries), msg,
	    sizeof(msg));
	q->tx_ns[q->tries] = tr_rt_ns();
	if (n == 0 || send(ctx, q, msg, n) < 0) {
		q->res_kind = TR_MALFORMED;
		return INT64_MAX;
	}
	q->tries++;
	q->next = now + TR_DNS_WAIT_MS;
	return q->next;
}

void
dnsq_answer(struct tr_query *v, int nq, int ri, uint16_t sp, uint16_t dp,
    const uint8_t *d, size_t n, int64_t rx_ns, int *malformed)
{
	for (int i = 0; i < nq; i++) {
		struct tr_query *q = &v[i];
		struct dns_answer a;

		if (q->res != ri || q->sport != dp || sp != 53 ||
		    q->res_kind != TR_PENDING)
			continue;
		if (dns_parse(d, n, q->type, &a) < 0) {
			q->res_kind = TR_MALFORMED;
			(*malformed)++;
			return;
		}
		if ((uint16_t)(a.id - q->id) >= q->tries)
			return;
		q->ans = a;
		q->rtt_ns = rx_ns - q->tx_ns[(uint16_t)(a.id - q->id)];
		q->res_kind = TR_OK;
		return;
	}
}

void
dnsq_unreach(struct tr_query *v, int nq, int ri, uint16_t sp, uint16_t dp)
{
	for (int i = 0; i < nq; i++)
		if (v[i].res == ri && v[i].sport == sp && dp == 53 &&
		    v[i].res_kind == TR_PENDING)
			v[i].res_kind = TR_UNREACHABLE;
}

int
dnsq_pending(const struct tr_query *v, int nq)
{
	for (int i = 0; i < nq; i++)
		if (v[i].res_kind == TR_PENDING)
			return 1;
	return 0;
}

static const struct tr_query *
query_of(const struct tr_query *v, int nq, int res, int type)
{
	for (int i = 0; i < nq; i++)
		if (v[i].res == res && v[i].type == type && !v[i].http)
			return &v[i];
	return NULL;
}

/*
 * ppp.dns per resolver: critical when it is dead (no answer, ICMP
 * unreachable), broken (SERVFAIL, REFUSED) or its answer malformed;
 * warning when it answers without an address for the name (NXDOMAIN,
 * no A record: the name may be the wrong one).
 */
void
dnsq_record(struct bbt_checks *c, const char *server, const char *name,
    const struct tr_query *v, int nq, int ri, int malformed)
{
	char det[512] = "", rb[8], b[24];
	const struct tr_query *a = query_of(v, nq, ri, DNS_T_A);
	const struct tr_query *aaaa = query_of(v, nq, ri, DNS_T_AAAA);
	enum tr_res k = a->res_kind;
	enum bbt_state st;
	const char *res;

	/* The resolver's verdict is the better of its two answers. */
	if (k != TR_OK && aaaa->res_kind == TR_OK)
		a = aaaa, k = TR_OK;
	kv(det, sizeof(det), "name", name);
	kv(det, sizeof(det), "a", a->res_kind == TR_OK && a->type == DNS_T_A &&
	    a->ans.naddr ? a->ans.addr : "-");
	kv(det, sizeof(det), "aaaa", aaaa->res_kind == TR_OK &&
	    aaaa->ans.naddr ? aaaa->ans.addr : "-");
	if (k == TR_OK) {
		int rc = a->ans.rcode;

		kv(det, sizeof(det), "rcode", dns_rcode_name(rc, rb));
		kv(det, sizeof(det), "rtt_ms", tr_ms3(a->rtt_ns, b));
		res = rc == 2 ? "servfail" : rc == 5 ? "refused" : rc == 3 ?
		    "nxdomain" : rc ? "error" : a->ans.naddr ? "ok" :
		    "no_address";
		st = rc == 0 && a->ans.naddr ? BBT_OK : rc == 3 || rc == 0 ?
		    BBT_WARNING : BBT_CRITICAL;
	} else {
		res = k == TR_PENDING ? (interrupted ? "interrupted" :
		    "timeout") : tr_res_name(k);
		st = k == TR_PENDING && interrupted ? BBT_UNKNOWN :
		    BBT_CRITICAL;
	}
	kv(det, sizeof(det), "result", res);
	if (malformed)
		kvi(det, sizeof(det), "malformed", malformed);
	bbt_checks_add(c, "ppp.dns", server, st, st == BBT_OK ? a->ans.addr :
	    NULL, NULL, det);
}
