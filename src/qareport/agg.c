/* SPDX-License-Identifier: MIT */
/*
 * Aggregates that merge exactly: integer counters, minute histograms for
 * exact quantiles, groups keyed by their dimension values, and the
 * per-account event lists that the window KPIs (repeat fault, new-install
 * fault, first-time fix, kept appointment) are evaluated from once all
 * rows are in, because rows come in any order.
 */
#include <err.h>
#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "qareport/qa.h"

uint32_t
qa_hash(const void *p, size_t n)
{
	/* FNV-1a with a final mix: keys are short, this is not a hot
	 * spot next to the row parsing. */
	const unsigned char *s = p;
	uint32_t h = 2166136261u;

	for (size_t i = 0; i < n; i++)
		h = (h ^ s[i]) * 16777619u;
	h ^= h >> 15;
	h *= 0x2c1b3c6du;
	h ^= h >> 12;
	return h;
}

static void *
xcalloc(size_t n, size_t sz)
{
	void *p = calloc(n ? n : 1, sz);

	if (p == NULL)
		err(71, "calloc");
	return p;
}

static void *
xrealloc(void *p, size_t n, size_t sz)
{
	if (n && sz > SIZE_MAX / n)
		errx(71, "overflow");
	if ((p = realloc(p, n * sz > 0 ? n * sz : 1)) == NULL)
		err(71, "realloc");
	return p;
}

static void
hist_grow(struct qa_hist *h)
{
	uint32_t ncap = h->cap ? h->cap * 2 : 16;
	struct qa_hent *old = h->e;

	h->e = xcalloc(ncap, sizeof(*h->e));
	for (uint32_t i = 0; i < h->cap; i++) {
		uint32_t j;

		if (old[i].k == 0)
			continue;
		j = (old[i].k * 2654435761u) & (ncap - 1);
		while (h->e[j].k)
			j = (j + 1) & (ncap - 1);
		h->e[j] = old[i];
	}
	free(old);
	h->cap = ncap;
}

void
qa_hist_add(struct qa_hist *h, uint32_t minute, uint64_t n)
{
	uint32_t k = minute + 1, j;

	if (h->n * 4 + 4 >= h->cap * 3)
		hist_grow(h);
	j = (k * 2654435761u) & (h->cap - 1);
	while (h->e[j].k && h->e[j].k != k)
		j = (j + 1) & (h->cap - 1);
	if (h->e[j].k == 0) {
		h->e[j].k = k;
		h->n++;
	}
	h->e[j].c += n;
	h->total += n;
}

/* Bounds the buffer of a group: 500 groups with two histograms each
 * held 64 MB per thread at 16 K; 2 K was as fast. */
#define RAW_MAX	2048

void
qa_hist_flush(struct qa_hist *h)
{
	uint32_t n = h->nraw;

	h->nraw = 0;
	for (uint32_t i = 0; i < n; i++)
		qa_hist_add(h, h->raw[i], 1);
	free(h->raw);
	h->raw = NULL;
	h->rawcap = 0;
}

void
qa_hist_push(struct qa_hist *h, uint32_t minute)
{
	if (h->nraw == h->rawcap) {
		if (h->rawcap == RAW_MAX) {
			uint32_t n = h->nraw;

			h->nraw = 0;
			for (uint32_t i = 0; i < n; i++)
				qa_hist_add(h, h->raw[i], 1);
		} else {
			h->rawcap = h->rawcap ? h->rawcap * 2 : 16;
			h->raw = xrealloc(h->raw, h->rawcap, sizeof(*h->raw));
		}
	}
	h->raw[h->nraw++] = minute;
}

void
qa_groups_flush(struct qa_groups *gs)
{
	for (size_t i = 0; i < gs->n; i++)
		for (int h = 0; h < QA_H_N; h++)
			qa_hist_flush(&gs->g[i].a.h[h]);
}

void
qa_hist_merge(struct qa_hist *dst, const struct qa_hist *src)
{
	for (uint32_t i = 0; i < src->cap; i++)
		if (src->e[i].k)
			qa_hist_add(dst, src->e[i].k - 1, src->e[i].c);
}

void
qa_hist_free(struct qa_hist *h)
{
	free(h->e);
	free(h->raw);
	memset(h, 0, sizeof(*h));
}

static int
cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;

	return (x > y) - (x < y);
}

static int
cmp_hent(const void *a, const void *b)
{
	return cmp_u32(&((const struct qa_hent *)a)->k,
	    &((const struct qa_hent *)b)->k);
}

/*
 * Every report row sorts its histograms, thousands of minutes each:
 * qsort(3) with a comparison callback was most of the output time. LSD
 * radix, 16 bits a pass, the second skipped when all keys are < 65536
 * (durations under 45 days). Keys are distinct, so stability is moot.
 */
struct qa_hent *
qa_hist_sorted(const struct qa_hist *h)
{
	struct qa_hent *v = xcalloc(h->n, sizeof(*v)), *tmp, *src, *dst;
	uint32_t n = 0, kmax = 0;

	for (uint32_t i = 0; i < h->cap; i++)
		if (h->e[i].k) {
			v[n++] = h->e[i];
			if (h->e[i].k > kmax)
				kmax = h->e[i].k;
		}
	if (n < 64) {
		qsort(v, n, sizeof(*v), cmp_hent);
		return v;
	}
	tmp = xcalloc(n, sizeof(*tmp));
	src = v;
	dst = tmp;
	for (int shift = 0; shift < 32 && (kmax >> shift) != 0; shift += 16) {
		uint32_t *cnt = xcalloc(65536, sizeof(*cnt)), sum = 0;

		for (uint32_t i = 0; i < n; i++)
			cnt[(src[i].k >> shift) & 0xffff]++;
		for (uint32_t b = 0; b < 65536; b++) {
			uint32_t c = cnt[b];
			cnt[b] = sum;
			sum += c;
		}
		for (uint32_t i = 0; i < n; i++)
			dst[cnt[(src[i].k >> shift) & 0xffff]++] = src[i];
		free(cnt);
		{
			struct qa_hent *t = src;
			src = dst;
			dst = t;
		}
	}
	if (src != v)
		memcpy(v, src, n * sizeof(*v));
	free(tmp);
	return v;
}

/* The minute of rank r (0-based) in sorted entries. */
static uint32_t
rank_value(const struct qa_hent *v, uint32_t n, uint64_t r)
{
	uint64_t acc = 0;

	for (uint32_t i = 0; i < n; i++) {
		acc += v[i].c;
		if (r < acc)
			return v[i].k - 1;
	}
	return n ? v[n - 1].k - 1 : 0;
}

/*
 * Quantile p of the minutes, R type 7 (linear between the order
 * statistics at (n - 1) p): the definition of numpy, pandas, DuckDB's
 * quantile_cont and spreadsheets' PERCENTILE, so anyone can check it.
 */
double
qa_hist_quantile_sorted(const struct qa_hist *h, const struct qa_hent *v,
    double p)
{
	double pos, frac;
	uint64_t lo;
	uint32_t x0, x1;

	if (h->total == 0)
		return NAN;
	pos = (double)(h->total - 1) * p;
	lo = (uint64_t)floor(pos);
	frac = pos - (double)lo;
	x0 = rank_value(v, h->n, lo);
	x1 = lo + 1 < h->total ? rank_value(v, h->n, lo + 1) : x0;
	return (double)x0 + frac * ((double)x1 - (double)x0);
}

double
qa_hist_quantile(const struct qa_hist *h, double p)
{
	struct qa_hent *v = qa_hist_sorted(h);
	double q = qa_hist_quantile_sorted(h, v, p);

	free(v);
	return q;
}

void
qa_agg_merge(struct qa_agg *d, const struct qa_agg *s)
{
	/* Unsigned: a damaged partial must not be undefined behaviour. */
	for (int i = 0; i < QA_C_N; i++)
		d->c[i] = (int64_t)((uint64_t)d->c[i] + (uint64_t)s->c[i]);
	for (int i = 0; i < QA_H_N; i++)
		qa_hist_merge(&d->h[i], &s->h[i]);
}

static void
groups_rehash(struct qa_groups *gs)
{
	size_t ns = gs->nslot ? gs->nslot * 2 : 64;

	free(gs->slot);
	gs->slot = xcalloc(ns, sizeof(*gs->slot));
	gs->nslot = ns;
	for (size_t i = 0; i < gs->n; i++) {
		size_t j = gs->g[i].hash & (ns - 1);
		while (gs->slot[j])
			j = (j + 1) & (ns - 1);
		gs->slot[j] = (uint32_t)i + 1;
	}
}

struct qa_group *
qa_groups_get(struct qa_groups *gs, const char *key, size_t klen,
    uint32_t hash, uint32_t *idx)
{
	size_t j;
	struct qa_group *g;

	if (gs->n * 2 >= gs->nslot)
		groups_rehash(gs);
	for (j = hash & (gs->nslot - 1); gs->slot[j];
	    j = (j + 1) & (gs->nslot - 1)) {
		g = &gs->g[gs->slot[j] - 1];
		if (g->hash == hash && g->klen == klen &&
		    memcmp(g->key, key, klen) == 0) {
			if (idx)
				*idx = gs->slot[j] - 1;
			return g;
		}
	}
	if (gs->n >= QA_NOGROUP)
		errx(70, "too many groups");
	if (gs->n == gs->cap) {
		gs->cap = gs->cap ? gs->cap * 2 : 64;
		gs->g = xrealloc(gs->g, gs->cap, sizeof(*gs->g));
	}
	g = &gs->g[gs->n];
	memset(g, 0, sizeof(*g));
	g->key = xcalloc(klen + 1, 1);
	memcpy(g->key, key, klen);
	g->klen = (uint32_t)klen;
	g->hash = hash;
	gs->slot[j] = (uint32_t)gs->n + 1;
	if (idx)
		*idx = (uint32_t)gs->n;
	gs->n++;
	return g;
}

void
qa_groups_free(struct qa_groups *gs)
{
	for (size_t i = 0; i < gs->n; i++) {
		free(gs->g[i].key);
		for (int h = 0; h < QA_H_N; h++)
			qa_hist_free(&gs->g[i].a.h[h]);
	}
	free(gs->g);
	free(gs->slot);
	memset(gs, 0, sizeof(*gs));
}

static int
cmp_group(const void *a, const void *b)
{
	const struct qa_group *x = *(struct qa_group *const *)a;
	const struct qa_group *y = *(struct qa_group *const *)b;
	size_t n = x->klen < y->klen ? x->klen : y->klen;
	int c = memcmp(x->key, y->key, n);

	if (c)
		return c;
	return (x->klen > y->klen) - (x->klen < y->klen);
}

struct qa_group **
qa_groups_sorted(const struct qa_groups *gs)
{
	struct qa_group **v = xcalloc(gs->n, sizeof(*v));

	for (size_t i = 0; i < gs->n; i++)
		v[i] = &gs->g[i];
	qsort(v, gs->n, sizeof(*v), cmp_group);
	return v;
}

size_t
qa_key_project(const char *key, const int *sel, int nsel, char *out,
    size_t cap)
{
	const char *dims[QA_MAXDIMS + 1];
	size_t lens[QA_MAXDIMS + 1], w = 0;
	int nd = 0;
	const char *p = key;

	/* The internal key holds at most QA_MAXDIMS + 1 dims. */
	while (nd < QA_MAXDIMS + 1 && *p) {
		dims[nd] = p;
		lens[nd] = strlen(p);
		p += lens[nd] + 1;
		nd++;
	}
	for (int i = 0; i < nsel; i++) {
		if (sel[i] >= nd || w + lens[sel[i]] + 1 > cap)
			return w;
		memcpy(out + w, dims[sel[i]], lens[sel[i]] + 1);
		w += lens[sel[i]] + 1;
	}
	return w;
}

static void
accts_rehash(struct qa_accounts *as)
{
	size_t ns = as->nslot ? as->nslot * 2 : 1024;

	free(as->slot);
	as->slot = xcalloc(ns, sizeof(*as->slot));
	as->nslot = ns;
	for (size_t i = 0; i < as->n; i++) {
		size_t j = as->a[i].hash & (ns - 1);
		while (as->slot[j])
			j = (j + 1) & (ns - 1);
		as->slot[j] = (uint64_t)as->a[i].hash << 32 | (i + 1);
	}
}

/* Names live in 1 MB arenas chained through their first pointer: a
 * million small mallocs would cost more than the names. */
static char *
arena_copy(struct qa_accounts *as, const char *s, size_t len)
{
	char *p;

	if (as->arena_left < len + 1) {
		size_t sz = len + 1 + sizeof(char *);
		char *ar;

		if (sz < (1 << 20))
			sz = 1 << 20;
		ar = xcalloc(1, sz);
		memcpy(ar, &as->arena, sizeof(char *));
		as->arena = ar;
		as->arena_pos = ar + sizeof(char *);
		as->arena_left = sz - sizeof(char *);
	}
	p = as->arena_pos;
	memcpy(p, s, len);
	p[len] = '\0';
	as->arena_pos += len + 1;
	as->arena_left -= len + 1;
	return p;
}

struct qa_account *
qa_accounts_get(struct qa_accounts *as, const char *name, size_t len,
    uint32_t hash)
{
	size_t j;
	struct qa_account *a;

	if (as->n * 2 >= as->nslot)
		accts_rehash(as);
	/* The slot holds the hash: other accounts are passed over without
	 * touching their (cold) structures. */
	for (j = hash & (as->nslot - 1); as->slot[j];
	    j = (j + 1) & (as->nslot - 1)) {
		if ((uint32_t)(as->slot[j] >> 32) != hash)
			continue;
		const char *an;

		a = &as->a[(uint32_t)as->slot[j] - 1];
		an = qa_account_name(a);
		if (memcmp(an, name, len) == 0 && an[len] == '\0')
			return a;
	}
	if (as->n == as->cap) {
		as->cap = as->cap ? as->cap * 2 : 1024;
		as->a = xrealloc(as->a, as->cap, sizeof(*as->a));
	}
	a = &as->a[as->n];
	memset(a, 0, sizeof(*a));
	if (len < sizeof(a->inl))
		memcpy(a->inl, name, len);
	else
		a->name = arena_copy(as, name, len);
	a->hash = hash;
	as->slot[j] = (uint64_t)hash << 32 | (as->n + 1);
	as->n++;
	return a;
}

struct qa_account *
qa_accounts_find(const struct qa_accounts *as, const char *name, size_t len,
    uint32_t hash)
{
	if (as->nslot == 0)
		return NULL;
	for (size_t j = hash & (as->nslot - 1); as->slot[j];
	    j = (j + 1) & (as->nslot - 1)) {
		struct qa_account *a;
		const char *an;

		if ((uint32_t)(as->slot[j] >> 32) != hash)
			continue;
		a = &as->a[(uint32_t)as->slot[j] - 1];
		an = qa_account_name(a);
		if (memcmp(an, name, len) == 0 && an[len] == '\0')
			return a;
	}
	return NULL;
}

int
qa_account_push(struct qa_account *a, const struct qa_ev *e)
{
	if (a->n == a->cap) {
		a->cap = a->cap ? a->cap + a->cap / 2 + 1 : 2;
		a->ev = xrealloc(a->ev, a->cap, sizeof(*a->ev));
	}
	a->ev[a->n++] = *e;
	return 0;
}

void
qa_accounts_free(struct qa_accounts *as)
{
	char *ar = as->arena;

	for (size_t i = 0; i < as->n; i++)
		free(as->a[i].ev);
	while (ar) {
		char *next;
		memcpy(&next, ar, sizeof(char *));
		free(ar);
		ar = next;
	}
	free(as->a);
	free(as->slot);
	memset(as, 0, sizeof(*as));
}

int
qa_part_merge(struct qa_part *dst, struct qa_part *src)
{
	uint32_t *map = xcalloc(src->groups.n, sizeof(*map));
	int nx = dst->nx + 1;

	for (size_t i = 0; i < src->groups.n; i++) {
		struct qa_group *s = &src->groups.g[i];
		struct qa_group *d = qa_groups_get(&dst->groups, s->key,
		    s->klen, s->hash, &map[i]);
		qa_agg_merge(&d->a, &s->a);
	}
	/* Copying every event into dst's accounts cost more than the
	 * second thread saved; qa_windows() looks in both tables. */
	dst->xacct = xrealloc(dst->xacct, (size_t)nx, sizeof(*dst->xacct));
	dst->xmap = xrealloc(dst->xmap, (size_t)nx, sizeof(*dst->xmap));
	dst->xacct[nx - 1] = src->accts;
	dst->xmap[nx - 1] = map;
	dst->nx = nx;
	memset(&src->accts, 0, sizeof(src->accts));
	for (int i = 0; i < src->nx; i++) {
		/* src's own extras, renumbered through map */
		uint32_t *m = src->xmap[i];
		struct qa_accounts *xa = &src->xacct[i];
		for (size_t k = 0; k < xa->n; k++)
			for (uint32_t e = 0; e < xa->a[k].n; e++) {
				uint32_t gi = xa->a[k].ev[e].gf >> 8;
				if (gi != QA_NOGROUP)
					xa->a[k].ev[e].gf = map[m[gi]] << 8 |
					    (xa->a[k].ev[e].gf & 0xff);
			}
		free(m);
		dst->xacct = xrealloc(dst->xacct, (size_t)dst->nx + 1,
		    sizeof(*dst->xacct));
		dst->xmap = xrealloc(dst->xmap, (size_t)dst->nx + 1,
		    sizeof(*dst->xmap));
		dst->xacct[dst->nx] = *xa;
		dst->xmap[dst->nx] = NULL;	/* already renumbered */
		dst->nx++;
	}
	free(src->xacct);
	free(src->xmap);
	src->xacct = NULL;
	src->xmap = NULL;
	src->nx = 0;
	dst->bad += src->bad;
	dst->fatal |= src->fatal;
	dst->ioerr |= src->ioerr;
	qa_groups_free(&src->groups);
	return 0;
}

/*
 * Accounts have a handful of events: insertion sort beats qsort(3). The
 * chronic ones (hundreds of repairs a year) get an LSD radix sort, 11
 * bits a pass: minutes since 1900 fit in 33 bits, so three passes.
 */
static void
sort_u32(uint32_t *v, uint32_t n, uint32_t *tmp)
{
	if (n >= 256) {
		uint32_t *src = v, *dst = tmp;

		for (int shift = 0; shift < 33; shift += 11) {
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
			{
				uint32_t *t = src;
				src = dst;
				dst = t;
			}
		}
		/* Three passes: the result is in tmp. */
		memcpy(v, src, n * sizeof(*v));
		return;
	}
	for (uint32_t i = 1; i < n; i++) {
		uint32_t x = v[i], j = i;
		while (j > 0 && v[j - 1] > x) {
			v[j] = v[j - 1];
			j--;
		}
		v[j] = x;
	}
}

/* First index with v[i] > x (v sorted ascending). */
static uint32_t
upper(const uint32_t *v, uint32_t n, uint32_t x)
{
	uint32_t lo = 0, hi = n;

	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;
		if (v[mid] <= x)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* First index with v[i] >= x. */
static uint32_t
lower(const uint32_t *v, uint32_t n, uint32_t x)
{
	uint32_t lo = 0, hi = n;

	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;
		if (v[mid] < x)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* Whether some v[i] lies in (x, x + w]. */
static int
any_after(const uint32_t *v, uint32_t n, uint32_t x, int64_t w)
{
	uint32_t i = upper(v, n, x);

	return i < n && (int64_t)v[i] <= (int64_t)x + w;
}

/*
 * The window KPIs, per account, once every row is in:
 *  repeat: a repair accepted at a whose account has a restored repair
 *	    completed in [a - N, a);
 *  ftf:    a restored one-visit repair completed at c with no repair of
 *	    the account accepted in (c, c + 7 d];
 *  new:    an install done at c with a repair accepted in (c, c + N];
 *  kept:   an install with an appointment, on time, and no repair
 *	    accepted in (c, c + 15 d] (c unknown: none).
 */
struct wlist {
	struct qa_account	*a;
	const uint32_t		*map;	/* NULL: group numbers as they are */
};

/* One thread's share of the window evaluation. */
enum { W_REPEAT, W_FTF, W_NEW, W_KEPT, W_N };
struct wctx {
	struct qa_part		*p;
	const struct qa_opts	*o;
	int64_t			*cnt;	/* [group][W_N] */
	uint32_t		*acc, *comp, *tmp;	/* tmp: sorting */
	size_t			 cap;
	int			 table;	/* 0: p->accts, else p->xacct[t - 1] */
	size_t			 from, to;
	struct wlist		*wl;
};

static struct qa_accounts *
wtable(struct qa_part *p, int t)
{
	return t == 0 ? &p->accts : &p->xacct[t - 1];
}

/*
 * The window KPIs of one account whose events are spread over the
 * tables of several threads:
 *  repeat: a repair accepted at a whose account has a restored repair
 *	    completed in [a - N, a);
 *  ftf:    a restored one-visit repair completed at c with no repair of
 *	    the account accepted in (c, c + 7 d];
 *  new:    an install done at c with a repair accepted in (c, c + N];
 *  kept:   an install with an appointment, on time, and no repair
 *	    accepted in (c, c + 15 d] (c unknown: none).
 */
static void
window_account(struct wctx *w, int nw)
{
	const struct qa_opts *o = w->o;
	uint32_t na = 0, nc = 0, total = 0;

	for (int i = 0; i < nw; i++)
		total += w->wl[i].a->n;
	if (total > w->cap) {
		w->cap = total;
		w->acc = xrealloc(w->acc, w->cap, sizeof(*w->acc));
		w->comp = xrealloc(w->comp, w->cap, sizeof(*w->comp));
		w->tmp = xrealloc(w->tmp, w->cap, sizeof(*w->tmp));
	}
	for (int i = 0; i < nw; i++)
		for (uint32_t k = 0; k < w->wl[i].a->n; k++) {
			const struct qa_ev *e = &w->wl[i].a->ev[k];
			if (!(e->gf & QA_EV_REPAIR))
				continue;
			if (e->a)
				w->acc[na++] = e->a;
			if (e->gf & QA_EV_RESTORED)
				w->comp[nc++] = e->c;
		}
	sort_u32(w->acc, na, w->tmp);
	sort_u32(w->comp, nc, w->tmp);
	for (int i = 0; i < nw; i++)
	for (uint32_t k = 0; k < w->wl[i].a->n; k++) {
		const struct qa_ev *e = &w->wl[i].a->ev[k];
		uint32_t gi = e->gf >> 8;
		int64_t *c;

		if (gi == QA_NOGROUP)
			continue;
		if (w->wl[i].map)
			gi = w->wl[i].map[gi];
		c = &w->cnt[(size_t)gi * W_N];
		if (e->gf & QA_EV_REPAIR) {
			if (e->a) {
				int64_t lo = (int64_t)e->a - o->repeat_win;
				uint32_t j = lower(w->comp, nc, lo < 1 ? 1 :
				    (uint32_t)lo);
				if (j < nc && w->comp[j] < e->a)
					c[W_REPEAT]++;
			}
			if ((e->gf & QA_EV_RESTORED) &&
			    (e->gf & QA_EV_ONEVISIT) &&
			    !any_after(w->acc, na, e->c, o->ftf_win))
				c[W_FTF]++;
			continue;
		}
		if ((e->gf & QA_EV_INSTDONE) &&
		    any_after(w->acc, na, e->c, o->newfault_win))
			c[W_NEW]++;
		if ((e->gf & QA_EV_KEPT) && (e->gf & QA_EV_ONTIME) &&
		    !((e->gf & QA_EV_INSTDONE) &&
		    any_after(w->acc, na, e->c, o->kept_win)))
			c[W_KEPT]++;
	}
}

static void *
window_range(void *arg)
{
	struct wctx *w = arg;
	struct qa_part *p = w->p;
	struct qa_accounts *as = wtable(p, w->table);
	int nt = 1 + p->nx;

	for (size_t i = w->from; i < w->to; i++) {
		struct qa_account *a0 = &as->a[i];
		const char *name;
		int nw = 0;

		if (a0->seen)
			continue;
		w->wl[nw].a = a0;
		w->wl[nw++].map = w->table == 0 ? NULL : p->xmap[w->table - 1];
		name = qa_account_name(a0);
		/* Each account of a later table is found from exactly one
		 * name here, so threads never mark the same one. */
		for (int u = w->table + 1; u < nt; u++) {
			struct qa_account *b = qa_accounts_find(wtable(p, u),
			    name, strlen(name), a0->hash);
			if (b) {
				b->seen = 1;
				w->wl[nw].a = b;
				w->wl[nw++].map = p->xmap[u - 1];
			}
		}
		window_account(w, nw);
	}
	return NULL;
}

void
qa_windows(struct qa_part *p, const struct qa_opts *o)
{
	int nth = o->threads < 1 ? 1 : o->threads > 64 ? 64 : o->threads;
	int nt = 1 + p->nx;
	struct wctx w[64];
	pthread_t tid[64];

	for (int k = 0; k < nth; k++) {
		memset(&w[k], 0, sizeof(w[k]));
		w[k].p = p;
		w[k].o = o;
		w[k].cnt = xcalloc(p->groups.n * W_N, sizeof(int64_t));
		w[k].wl = xcalloc((size_t)nt, sizeof(*w[k].wl));
	}
	/* Table by table: the accounts of later tables not seen yet are
	 * those no earlier table has. */
	for (int t = 0; t < nt; t++) {
		size_t n = wtable(p, t)->n;
		int use = n < 4096 ? 1 : nth;

		for (int k = 0; k < use; k++) {
			w[k].table = t;
			w[k].from = n / (size_t)use * (size_t)k;
			w[k].to = k == use - 1 ? n : n / (size_t)use *
			    (size_t)(k + 1);
		}
		for (int k = 1; k < use; k++)
			if (pthread_create(&tid[k], NULL, window_range, &w[k]))
				err(71, "pthread_create");
		window_range(&w[0]);
		for (int k = 1; k < use; k++)
			pthread_join(tid[k], NULL);
	}
	for (int k = 0; k < nth; k++) {
		for (size_t g = 0; g < p->groups.n; g++) {
			int64_t *c = p->groups.g[g].a.c, *x = &w[k].cnt[g * W_N];
			c[QA_C_REPEAT_NUM] += x[W_REPEAT];
			c[QA_C_FTF_NUM] += x[W_FTF];
			c[QA_C_NEW_NUM] += x[W_NEW];
			c[QA_C_KEPT_NUM] += x[W_KEPT];
		}
		free(w[k].cnt);
		free(w[k].wl);
		free(w[k].acc);
		free(w[k].comp);
		free(w[k].tmp);
	}
}

void
qa_part_free(struct qa_part *p)
{
	qa_groups_free(&p->groups);
	qa_accounts_free(&p->accts);
	for (int i = 0; i < p->nx; i++) {
		qa_accounts_free(&p->xacct[i]);
		free(p->xmap[i]);
	}
	free(p->xacct);
	free(p->xmap);
	for (size_t i = 0; i < p->nbads; i++) {
		free(p->bads[i].file);
		free(p->bads[i].reason);
	}
	free(p->bads);
	memset(p, 0, sizeof(*p));
}
