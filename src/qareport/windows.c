/* SPDX-License-Identifier: MIT */
/*
 * The window KPIs (repeat fault, first-time fix, new-install fault,
 * kept appointment), evaluated once every row is read: one partition of
 * the events (events.c) at a time, on every thread, its events grouped
 * by account in a small table that stays in cache.
 */
#include <stdlib.h>
#include <string.h>

#include "qareport/evstore.h"

/*
 * An account's events are sorted by time, as 64-bit keys: the time in
 * the top half, the group and flags below (their order does not matter,
 * the counts are sums). Rows come in roughly the order they were
 * accepted, but each reader thread's in a store of its own: an
 * account's times are a few runs in order but for near neighbours (a
 * row logged a little late). Insertion finds the runs: a key that
 * belongs more than NEAR places back starts a new one. Runs are then
 * merged bottom-up through tmp. On the 10 M-row bench (100 events an
 * account) this took 17 instructions an event where sorted runs of 16
 * merged took 86. Many short runs of thousands of keys (a chronic
 * account in no order) get an LSD radix sort of the time instead, 11
 * bits a pass, three passes.
 */
#define SMALL	16
#define NEAR	8
static void
insertion_u64(uint64_t *v, uint32_t n)
{
	for (uint32_t i = 1; i < n; i++) {
		uint64_t x = v[i];
		uint32_t j = i;

		while (j > 0 && v[j - 1] > x) {
			v[j] = v[j - 1];
			j--;
		}
		v[j] = x;
	}
}

/* The runs of v, in order but for near neighbours: run[0..nr] bound
 * them (run[nr] = n); returns nr. */
static uint32_t
find_runs(uint64_t *v, uint32_t n, uint32_t *run)
{
	uint32_t nr = 0;

	run[nr++] = 0;
	for (uint32_t i = 1; i < n; i++) {
		uint64_t x = v[i];
		uint32_t j = i, s = run[nr - 1];

		if (v[i - 1] <= x)
			continue;
		if (i - s > NEAR && v[i - NEAR - 1] > x) {
			run[nr++] = i;
			continue;
		}
		do {
			v[j] = v[j - 1];
			j--;
		} while (j > s && v[j - 1] > x);
		v[j] = x;
	}
	run[nr] = n;
	return nr;
}

static void
radix_u64(uint64_t *v, uint32_t n, uint64_t *tmp)
{
	uint64_t *src = v, *dst = tmp, *t;

	for (int shift = 32; shift < 64; shift += 11) {
		uint32_t cnt[2048] = { 0 }, sum = 0;

		for (uint32_t i = 0; i < n; i++)
			cnt[(src[i] >> shift) & 2047]++;
		for (int b = 0; b < 2048; b++) {
			uint32_t c = cnt[b];
			cnt[b] = sum;
			sum += c;
		}
		for (uint32_t i = 0; i < n; i++)
			dst[cnt[(src[i] >> shift) & 2047]++] = src[i];
		t = src;
		src = dst;
		dst = t;
	}
	if (src != v)
		memcpy(v, src, n * sizeof(*v));
}

static void
sort_u64(uint64_t *v, uint32_t n, uint64_t *tmp, uint32_t *run)
{
	uint64_t *src = v, *dst = tmp, *t;
	uint32_t nr;

	if (n <= SMALL) {
		insertion_u64(v, n);
		return;
	}
	nr = find_runs(v, n, run);
	if (nr > 64 && n >= 4096) {
		radix_u64(v, n, tmp);
		return;
	}
	while (nr > 1) {
		uint32_t k = 0;

		for (uint32_t r = 0; r < nr; r += 2) {
			uint32_t i = run[r], mid = run[r + 1], o = i;
			uint32_t hi = r + 2 <= nr ? run[r + 2] : mid, j = mid;

			while (i < mid && j < hi)
				dst[o++] = src[j] < src[i] ? src[j++] : src[i++];
			while (i < mid)
				dst[o++] = src[i++];
			while (j < hi)
				dst[o++] = src[j++];
			run[k++] = run[r];
		}
		run[k] = n;
		nr = k;
		t = src;
		src = dst;
		dst = t;
	}
	if (src != v)
		memcpy(v, src, n * sizeof(*v));
}

enum { W_REPEAT, W_FTF, W_NEW, W_KEPT, W_N };

struct wacct {
	const unsigned char *name;
	uint64_t	 w0, w1;	/* a name of 8 to 16 bytes: its */
					/* first and last 8 */
	uint32_t	 len, hash;
	uint32_t	 n, start;	/* its events in wctx.sorted */
};

/* One thread's state: the partitions it takes (qa_par) share it. */
struct wctx {
	struct qa_part		*p;
	const struct qa_opts	*o;
	int64_t			*cnt;		/* [group][W_N] */
	struct qa_loader		*ld;		/* NULL: nothing spilled */
	uint64_t		*slot;		/* hash << 32 | account + 1 */
	size_t			 nslot;
	struct wacct		*ac;
	size_t			 nac, accap;
	struct qa_ev		*ev, *sorted;
	uint32_t		*eac;		/* account of ev[i] */
	size_t			 nev, evcap;
	uint64_t		*acc, *comp, *inst;
	uint64_t		*tmp;		/* for sorting */
	uint32_t		*run;		/* runs found by sort_u64 */
	size_t			 cap;
	size_t			 naccounts;
};

static void
slots_rehash(struct wctx *w)
{
	size_t ns = w->nslot * 2;

	free(w->slot);
	w->slot = qa_xcalloc(ns, sizeof(*w->slot));
	w->nslot = ns;
	for (size_t i = 0; i < w->nac; i++) {
		size_t j = w->ac[i].hash & (ns - 1);
		while (w->slot[j])
			j = (j + 1) & (ns - 1);
		w->slot[j] = (uint64_t)w->ac[i].hash << 32 | (i + 1);
	}
}

/*
 * The account of a name, in this partition's table. Names of 8 to 16
 * bytes (most account numbers) are hashed and compared as their two
 * words, kept in the table: the name itself, far back in the buffer,
 * was a cache miss per event, and qa_name_hash a fifth of gather's
 * instructions. The table is the partition's only: any hash will do.
 */
static uint32_t
account_of(struct wctx *w, const unsigned char *name, uint32_t len)
{
	int words = len >= 8 && len <= 16;
	uint64_t x0 = 0, x1 = 0;
	uint32_t h;
	size_t j;
	struct wacct *a;

	if (words) {
		memcpy(&x0, name, 8);
		memcpy(&x1, name + len - 8, 8);
		/* A product's high half depends on every byte of the
		 * word, its low half only on the first ones: folded, and
		 * multiplied again, so that the slot's bits (the low ones
		 * of h) tell apart names that differ in their last digit. */
		uint64_t m = (x0 * 0x9e3779b97f4a7c15ULL) ^
		    (x1 * 0xc2b2ae3d27d4eb4fULL) ^ len;

		m = (m ^ m >> 32) * 0x9e3779b97f4a7c15ULL;
		h = (uint32_t)(m >> 32);
	} else
		h = qa_name_hash(name, len);
	if (w->nac * 2 >= w->nslot)
		slots_rehash(w);
	for (j = h & (w->nslot - 1); w->slot[j]; j = (j + 1) & (w->nslot - 1)) {
		if ((uint32_t)(w->slot[j] >> 32) != h)
			continue;
		a = &w->ac[(uint32_t)w->slot[j] - 1];
		if (a->len == len && (words ? a->w0 == x0 && a->w1 == x1 :
		    memcmp(a->name, name, len) == 0))
			return (uint32_t)w->slot[j] - 1;
	}
	if (w->nac == w->accap) {
		w->accap = w->accap ? w->accap * 2 : 256;
		w->ac = qa_xrealloc(w->ac, w->accap, sizeof(*w->ac));
	}
	a = &w->ac[w->nac];
	a->name = name;
	a->w0 = x0;
	a->w1 = x1;
	a->len = len;
	a->hash = h;
	a->n = 0;
	w->slot[j] = (uint64_t)h << 32 | (w->nac + 1);
	return (uint32_t)w->nac++;
}

/* The records of b[0..n) into w->ev, their group numbers mapped. */
static void
gather(struct wctx *w, const unsigned char *b, size_t n,
    const struct qa_evstore *s)
{
	const unsigned char *q = b, *end;

	if (n == 0)		/* b may be NULL: no arithmetic on it */
		return;
	end = b + n;
	while (q < end) {
		uint32_t len = *q++, ai, gi;
		struct qa_ev e;

		if (len == LONGNAME) {
			memcpy(&len, q, 4);
			q += 4;
		}
		ai = account_of(w, q, len);
		q += len;
		memcpy(&e.a, q, 4);
		memcpy(&e.c, q + 4, 4);
		memcpy(&e.gf, q + 8, 4);
		q += EVBYTES;
		gi = e.gf >> 8;
		if (gi != QA_NOGROUP && s->map)
			e.gf = s->map[gi] << 8 | (e.gf & 0xff);
		if (w->nev == w->evcap) {
			w->evcap = w->evcap ? w->evcap * 2 : 4096;
			w->ev = qa_xrealloc(w->ev, w->evcap, sizeof(*w->ev));
			w->eac = qa_xrealloc(w->eac, w->evcap, sizeof(*w->eac));
		}
		w->ev[w->nev] = e;
		w->eac[w->nev++] = ai;
		w->ac[ai].n++;
	}
}

/*
 * The window KPIs of one account, all its events at hand:
 *  repeat: a repair accepted at a whose account has a restored repair
 *	    completed in [a - N, a);
 *  ftf:    a restored one-visit repair completed at c with no repair of
 *	    the account accepted in (c, c + 7 d];
 *  new:    an install done at c with a repair accepted in (c, c + N];
 *  kept:   an install with an appointment, on time, and no repair
 *	    accepted in (c, c + 15 d] (c unknown: none).
 * Accepted times, completed times and installs each sorted by time, the
 * questions are merges: one pass over each list (binary searches per
 * event were most of the window time).
 */
#define K_TIME(k)	((uint32_t)((k) >> 32))
#define K_GROUP(k)	((uint32_t)(k) & QA_NOGROUP)
#define K_ONEVISIT	(1u << 24)	/* comp: a one-visit repair */
#define K_INSTDONE	(1u << 24)	/* inst: done, completed known */
#define K_KEPT		(1u << 25)	/* inst: appointment kept on time */

static void
window_account(struct wctx *w, const struct qa_ev *ev, uint32_t n)
{
	const struct qa_opts *o = w->o;
	uint32_t na = 0, nc = 0, ni = 0, i, j;

	if (n > w->cap) {
		w->cap = n;
		w->acc = qa_xrealloc(w->acc, w->cap, sizeof(*w->acc));
		w->comp = qa_xrealloc(w->comp, w->cap, sizeof(*w->comp));
		w->inst = qa_xrealloc(w->inst, w->cap, sizeof(*w->inst));
		w->tmp = qa_xrealloc(w->tmp, w->cap, sizeof(*w->tmp));
		w->run = qa_xrealloc(w->run, w->cap + 1, sizeof(*w->run));
	}
	for (uint32_t k = 0; k < n; k++) {
		const struct qa_ev *e = &ev[k];
		uint32_t gi = e->gf >> 8;

		if (e->gf & QA_EV_REPAIR) {
			/* Every repair is a source, counted ones also ask. */
			if (e->a)
				w->acc[na++] = (uint64_t)e->a << 32 | gi;
			if (e->gf & QA_EV_RESTORED)
				w->comp[nc++] = (uint64_t)e->c << 32 | gi |
				    (e->gf & QA_EV_ONEVISIT ? K_ONEVISIT : 0);
			continue;
		}
		if (gi == QA_NOGROUP)
			continue;
		if ((e->gf & QA_EV_INSTDONE) || ((e->gf & QA_EV_KEPT) &&
		    (e->gf & QA_EV_ONTIME)))
			w->inst[ni++] = (uint64_t)e->c << 32 | gi |
			    (e->gf & QA_EV_INSTDONE ? K_INSTDONE : 0) |
			    ((e->gf & QA_EV_KEPT) && (e->gf & QA_EV_ONTIME) ?
			    K_KEPT : 0);
	}
	sort_u64(w->acc, na, w->tmp, w->run);
	sort_u64(w->comp, nc, w->tmp, w->run);
	sort_u64(w->inst, ni, w->tmp, w->run);
	/* repeat: the last completion before a, if it is within N. */
	for (i = 0, j = 0; i < na; i++) {
		uint32_t a = K_TIME(w->acc[i]), g = K_GROUP(w->acc[i]);

		while (j < nc && K_TIME(w->comp[j]) < a)
			j++;
		if (g != QA_NOGROUP && j > 0 &&
		    (int64_t)K_TIME(w->comp[j - 1]) >= (int64_t)a -
		    o->repeat_win)
			w->cnt[(size_t)g * W_N + W_REPEAT]++;
	}
	/* ftf: the first acceptance after c, if any, is past the window. */
	for (i = 0, j = 0; i < nc; i++) {
		uint32_t c = K_TIME(w->comp[i]), g = K_GROUP(w->comp[i]);

		if (g == QA_NOGROUP || !(w->comp[i] & K_ONEVISIT))
			continue;
		while (j < na && K_TIME(w->acc[j]) <= c)
			j++;
		if (j == na || (int64_t)K_TIME(w->acc[j]) > (int64_t)c +
		    o->ftf_win)
			w->cnt[(size_t)g * W_N + W_FTF]++;
	}
	/* new and kept: the first acceptance after the install's c. */
	for (i = 0, j = 0; i < ni; i++) {
		uint32_t c = K_TIME(w->inst[i]), g = K_GROUP(w->inst[i]);
		int64_t next;

		while (j < na && K_TIME(w->acc[j]) <= c)
			j++;
		next = j < na ? (int64_t)K_TIME(w->acc[j]) : INT64_MAX;
		if ((w->inst[i] & K_INSTDONE) &&
		    next <= (int64_t)c + o->newfault_win)
			w->cnt[(size_t)g * W_N + W_NEW]++;
		if ((w->inst[i] & K_KEPT) && !((w->inst[i] & K_INSTDONE) &&
		    next <= (int64_t)c + o->kept_win))
			w->cnt[(size_t)g * W_N + W_KEPT]++;
	}
}

static void
window_part(struct wctx *w, int k)
{
	struct qa_part *p = w->p;
	struct qa_loader *l = w->ld;
	const unsigned char *buf = NULL;
	const struct lseg *seg = NULL;
	size_t e = 0;
	uint32_t sum = 0;

	w->nac = 0;
	w->nev = 0;
	memset(w->slot, 0, w->nslot * sizeof(*w->slot));
	if (l)
		buf = qa_loader_wait(l, k, &seg);
	for (int i = 0; i < p->nev; i++) {
		const struct qa_evstore *s = p->ev[i];
		const struct pbuf *pb = &s->part[k];

		for (size_t g = 0; g < pb->nseg; g++, e++)
			gather(w, buf + seg[e].at, seg[e].len, s);
		gather(w, pb->b, pb->n, s);
	}
	if (w->nev > 0) {
		w->naccounts += w->nac;
		/* Each account's events together: a counting sort. */
		for (size_t a = 0; a < w->nac; a++) {
			w->ac[a].start = sum;
			sum += w->ac[a].n;
			w->ac[a].n = 0;
		}
		w->sorted = qa_xrealloc(w->sorted, w->evcap,
		    sizeof(*w->sorted));
		for (size_t i = 0; i < w->nev; i++) {
			struct wacct *a = &w->ac[w->eac[i]];
			w->sorted[a->start + a->n++] = w->ev[i];
		}
		for (size_t a = 0; a < w->nac; a++)
			window_account(w, w->sorted + w->ac[a].start,
			    w->ac[a].n);
	}
	/* The accounts pointed at their names in the loader's buffer. */
	if (l)
		qa_loader_done(l, k);
}

static void
window_job(void *arg, int thread, size_t k)
{
	struct wctx *w = arg;

	window_part(&w[thread], (int)k);
}

void
qa_windows(struct qa_part *p, const struct qa_opts *o)
{
	int nth = o->threads < 1 ? 1 : o->threads > QA_MAXTHREADS ?
	    QA_MAXTHREADS : o->threads;
	struct wctx w[QA_MAXTHREADS];
	struct qa_loader *ld = NULL;
	uint64_t bytes = 0;

	p->spilled = 0;
	for (int i = 0; i < p->nev; i++) {
		bytes += p->ev[i]->data + p->ev[i]->used;
		p->spilled += p->ev[i]->data;
	}
	/* A thread costs more than a small report's windows. */
	if (bytes < (1 << 20))
		nth = 1;
	if (p->spilled > 0)
		ld = qa_loader_start(p, nth, o->memory);
	for (int k = 0; k < nth; k++) {
		memset(&w[k], 0, sizeof(w[k]));
		w[k].p = p;
		w[k].ld = ld;
		w[k].o = o;
		w[k].cnt = qa_xcalloc(p->groups.n * W_N, sizeof(int64_t));
		w[k].nslot = 1024;
		w[k].slot = qa_xcalloc(w[k].nslot, sizeof(*w[k].slot));
	}
	qa_par(nth, QA_NP, window_job, w);
	qa_loader_end(ld);
	p->naccounts = 0;
	for (int k = 0; k < nth; k++) {
		for (size_t g = 0; g < p->groups.n; g++) {
			int64_t *c = p->groups.g[g].a.c;
			int64_t *x = &w[k].cnt[g * W_N];

			c[QA_C_REPEAT_NUM] += x[W_REPEAT];
			c[QA_C_FTF_NUM] += x[W_FTF];
			c[QA_C_NEW_NUM] += x[W_NEW];
			c[QA_C_KEPT_NUM] += x[W_KEPT];
		}
		p->naccounts += w[k].naccounts;
		free(w[k].cnt);
		free(w[k].slot);
		free(w[k].ac);
		free(w[k].ev);
		free(w[k].sorted);
		free(w[k].eac);
		free(w[k].acc);
		free(w[k].comp);
		free(w[k].inst);
		free(w[k].tmp);
		free(w[k].run);
	}
	/* Evaluated: the events are of no further use. */
	qa_events_free(p);
}
