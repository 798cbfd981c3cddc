/* SPDX-License-Identifier: MIT */
/*
 * --watch: for "it keeps dropping", the events of a held session as
 * they happen (ppp.watch.loss, ppp.watch.spike, ppp.watch.drop), each
 * written at once in tsv and json so that `| tee` sees it, and the
 * ppp.watch.summary at the end. Other formats get the events with the
 * other records at the end.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/datetime.h"
#include "lib/ether.h"
#include "pppoe-probe/run.h"

#define SPIKE_FACTOR	3	/* an RTT over 3 x the running median */
#define SPIKE_FLOOR_NS	50000000	/* and over 50 ms */
#define SPIKE_WINDOW	64	/* the running median: the last 64 RTTs */
#define SPIKE_MIN	5	/* RTTs needed before a median means much */

static int
cmp_ns(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;

	return x < y ? -1 : x > y;
}

static int64_t
median(const int64_t *v, size_t n)
{
	int64_t *t;
	int64_t m;

	if (n == 0 || (t = malloc(n * sizeof(*t))) == NULL)
		return 0;
	memcpy(t, v, n * sizeof(*t));
	qsort(t, n, sizeof(*t), cmp_ns);
	m = n % 2 ? t[n / 2] : (t[n / 2 - 1] + t[n / 2]) / 2;
	free(t);
	return m;
}

static void
ms3(char *b, size_t sz, int64_t ns)
{
	snprintf(b, sz, "%.3f", (double)ns / 1e6);
}

/* Wall time and the offset from IPCP up of an instant at mono ms. */
static void
stamp(char *det, size_t sz, const struct run *r, int64_t at)
{
	char tb[BBT_TIME_BUFSZ];
	int64_t wall = bbt_time_now() - (mono_ms() - at) / 1000;

	kv(det, sz, "time", bbt_time_rfc3339(wall, tb));
	kvi(det, sz, "at_ms", (long)(at - r->wl.t0));
}

/* One event: kept for the end, and in tsv and json written now. */
static void
event(struct run *r, const char *name, enum bbt_state st, const char *value,
    const char *det)
{
	struct wlog *w = &r->wl;
	char m[18];
	const char *mac = bbt_mac_str(r->chosen >= 0 ?
	    r->acs[r->chosen].mac : w->ac, m);

	if (w->live) {
		const char *f[6] = { name, mac, bbt_state_name(st), value,
			"ms", det };

		bbt_out_rec(w->live, "check", f, 6);
		/* Line-buffered by hand: stdout is a pipe under tee. */
		fflush(stdout);
	} else
		bbt_checks_add(&w->ev, name, mac, st, value, "ms", det);
}

/*
 * IPCP up: the first time the watch starts, and its end is set for
 * every session after it (--redial), whose grace fits in it.
 */
void
wlog_up(struct run *r, int64_t now)
{
	struct wlog *w = &r->wl;

	memcpy(w->ac, r->acs[r->chosen].mac, 6);
	if (!w->t0) {
		w->t0 = now;
		w->end = r->watch_end;
		return;
	}
	r->watch_end = w->end;
	if (r->grace_end > w->end)
		r->grace_end = w->end;
	wlog_redial(r);
}

/* A --redial's dial, when IPCP is up or the dial failed: how long PADI
 * to IPCP up took, or where it failed. */
void
wlog_redial(struct run *r)
{
	int64_t padi_at = r->start;
	char det[256] = "", v[24];
	const struct sess *s = &r->ss;
	const char *at = accepted(r) == 0 ? "pppoe.discovery" :
	    !r->sess_active ? "pppoe.pads" : s->lcp_result != SR_OK ?
	    "ppp.lcp" : s->auth_result != SR_OK ? "ppp.auth" : "ppp.ipcp";

	stamp(det, sizeof(det), r, padi_at);
	kvi(det, sizeof(det), "redial", r->wl.redials);
	kv(det, sizeof(det), "result", r->up_at ? "ok" : interrupted ?
	    "interrupted" : "failed");
	if (!r->up_at && !interrupted)
		kv(det, sizeof(det), "failed_at", at);
	snprintf(v, sizeof(v), "%lld", (long long)(r->up_at - padi_at));
	event(r, "ppp.watch.redial", r->up_at ? BBT_OK : interrupted ?
	    BBT_UNKNOWN : BBT_CRITICAL, r->up_at ? v : NULL, det);
}

void
wlog_start(struct run *r, struct bbt_checks *c)
{
	struct wlog *w = &r->wl;

	bbt_checks_init(&w->ev, "pppoe-probe");
	if (r->o->fmt != BBT_CFMT_TSV && r->o->fmt != BBT_CFMT_JSON)
		return;
	w->live = bbt_out_new(stdout, (enum bbt_format)r->o->fmt, 0);
	if (w->live && c->case_id) {
		/* The case record leads, as it would at the end. */
		char tb[BBT_TIME_BUFSZ];
		const char *f[3] = { c->case_id, c->tool,
			bbt_time_rfc3339(bbt_time_now(), tb) };

		bbt_out_rec(w->live, "case", f, 3);
		fflush(stdout);
		free(c->case_id);
		c->case_id = NULL;
	}
}

/* An open loss run ends: answered again, or the session ended. */
static void
loss_end(struct run *r, int64_t now, const char *how)
{
	struct wlog *w = &r->wl;
	char det[256] = "", v[24];
	int64_t len = now - w->loss_start;

	if (!w->loss_missed)
		return;
	stamp(det, sizeof(det), r, w->loss_start);
	kvi(det, sizeof(det), "missed", w->loss_missed);
	kv(det, sizeof(det), "end", how);
	snprintf(v, sizeof(v), "%lld", (long long)len);
	event(r, "ppp.watch.loss", BBT_WARNING, v, det);
	w->runs++;
	w->missed += w->loss_missed;
	if (w->loss_missed > w->longest ||
	    (w->loss_missed == w->longest && len > w->longest_ms)) {
		w->longest = w->loss_missed;
		w->longest_ms = len;
	}
	w->loss_missed = 0;
	w->loss_start = 0;
}

/* Before each Echo-Request: the previous one still unanswered is
 * missed (a reply later than the next request counts as missed too). */
void
wlog_echo(struct run *r, int64_t now)
{
	struct wlog *w = &r->wl;
	const struct sess *s = &r->ss;

	if (s->echo_sent && s->echo_tx[s->echo_id] != 0) {
		if (!w->loss_missed)
			w->loss_start = w->last_echo;
		w->loss_missed++;
	}
	w->last_echo = now;
}

/* sess_echo_fn: an Echo-Reply; it ends a loss run, or is a spike. */
void
wlog_reply(void *ctx, int64_t rtt)
{
	struct run *r = ctx;
	struct wlog *w = &r->wl;
	int64_t now = mono_ms(), med;
	size_t n0;

	if (!r->o->watch || !r->up_at || r->watch_stop)
		return;
	loss_end(r, now, "reply");
	n0 = w->nrtt < SPIKE_WINDOW ? 0 : w->nrtt - SPIKE_WINDOW;
	med = median(w->rtt + n0, w->nrtt - n0);
	if (w->nrtt >= SPIKE_MIN && rtt > SPIKE_FACTOR * med &&
	    rtt > SPIKE_FLOOR_NS) {
		char det[256] = "", v[24], t[24];

		stamp(det, sizeof(det), r, now - rtt / 1000000);
		ms3(t, sizeof(t), med);
		kv(det, sizeof(det), "median", t);
		ms3(v, sizeof(v), rtt);
		event(r, "ppp.watch.spike", BBT_WARNING, v, det);
		w->spikes++;
	}
	if (w->nrtt == w->cap) {
		size_t nc = w->cap ? w->cap * 2 : 256;
		int64_t *nv = realloc(w->rtt, nc * sizeof(*nv));

		if (nv == NULL)
			return;
		w->rtt = nv;
		w->cap = nc;
	}
	w->rtt[w->nrtt++] = rtt;
}

/* The watch stopped (watch.c): the AC's drop, or the end. */
void
wlog_stop(struct run *r, int64_t now)
{
	char det[1024] = "", v[24];

	r->wl.last_stop = now;
	loss_end(r, now, r->watch_peer ? "drop" : interrupted ?
	    "interrupted" : "end");
	if (!r->watch_peer)
		return;
	stamp(det, sizeof(det), r, now);
	add_down(det, sizeof(det), r);
	snprintf(v, sizeof(v), "%lld", (long long)(now - r->up_at));
	event(r, "ppp.watch.drop", BBT_CRITICAL, v, det);
	r->wl.drops++;
}

/* The events not yet written, then the summary: what the technician
 * reads first. Its status is the worst of the events. */
void
add_watch(struct bbt_checks *c, struct run *r)
{
	struct wlog *w = &r->wl;
	char det[512] = "", v[24], t[24], m[18];
	enum bbt_state st = w->drops ? BBT_CRITICAL : w->runs || w->spikes ?
	    BBT_WARNING : BBT_OK;
	int64_t lo = INT64_MAX, hi = 0;

	for (size_t i = 0; i < w->ev.n; i++) {
		const struct bbt_check *k = &w->ev.v[i];

		bbt_checks_add(c, k->name, k->target, k->status, k->value,
		    k->unit, k->detail);
		st = bbt_state_worst(st, k->status);
	}
	/* Never up: ppp.ipcp and a skipped ppp.hold say why. */
	if (!w->t0)
		return;
	kv(det, sizeof(det), "result", w->drops ? "dropped" : r->watch_ok ?
	    "ok" : "interrupted");
	kvi(det, sizeof(det), "drops", w->drops);
	if (r->o->redial)
		kvi(det, sizeof(det), "redials", w->redials);
	kvi(det, sizeof(det), "loss_runs", w->runs);
	kvi(det, sizeof(det), "missed", w->missed);
	kvi(det, sizeof(det), "longest_loss", w->longest);
	kvi(det, sizeof(det), "longest_loss_ms", (long)w->longest_ms);
	kvi(det, sizeof(det), "spikes", w->spikes);
	kvi(det, sizeof(det), "echo_sent", w->echo_sent + r->ss.echo_sent);
	kvi(det, sizeof(det), "echo_rcvd", w->echo_rcvd + r->ss.echo_rcvd);
	for (size_t i = 0; i < w->nrtt; i++) {
		lo = w->rtt[i] < lo ? w->rtt[i] : lo;
		hi = w->rtt[i] > hi ? w->rtt[i] : hi;
	}
	if (w->nrtt) {
		ms3(t, sizeof(t), lo);
		kv(det, sizeof(det), "rtt_min", t);
		ms3(t, sizeof(t), median(w->rtt, w->nrtt));
		kv(det, sizeof(det), "rtt_median", t);
		ms3(t, sizeof(t), hi);
		kv(det, sizeof(det), "rtt_max", t);
	}
	/* From IPCP first up to the end of the last session's watch. */
	snprintf(v, sizeof(v), "%lld", (long long)((r->watch_stop ?
	    r->watch_stop : w->last_stop) - w->t0));
	bbt_checks_add(c, "ppp.watch.summary", bbt_mac_str(w->ac, m), st, v,
	    "ms", det);
}

void
wlog_free(struct run *r)
{
	struct wlog *w = &r->wl;

	if (w->live)
		(void)bbt_out_close(w->live);
	bbt_checks_free(&w->ev);
	free(w->rtt);
	memset(w, 0, sizeof(*w));
}
