/* SPDX-License-Identifier: MIT */
/*
 * Aggregates that merge exactly: integer counters, minute histograms for
 * exact quantiles, groups keyed by their dimension values, and parts
 * made of them (the events of the window KPIs are in events.c).
 */
#include <err.h>
#include <math.h>
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

void *
qa_xcalloc(size_t n, size_t sz)
{
	void *p = calloc(n ? n : 1, sz ? sz : 1);

	if (p == NULL)
		err(71, "calloc");
	return p;
}

void *
qa_xrealloc(void *p, size_t n, size_t sz)
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
	struct qa_hslot *old = h->e;

	h->e = qa_xcalloc(ncap, sizeof(*h->e));
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

/* The whole count of a slot. */
static uint64_t
slot_count(const struct qa_hist *h, const struct qa_hslot *e)
{
	if (e->c == UINT32_MAX)
		for (uint32_t i = 0; i < h->nbig; i++)
			if (h->big[i].k == e->k)
				return UINT32_MAX + h->big[i].c;
	return e->c;
}

void
qa_hist_add(struct qa_hist *h, uint32_t minute, uint64_t n)
{
	uint32_t k = minute + 1, j;
	uint64_t sum;

	if (h->n * 4 + 4 >= h->cap * 3)
		hist_grow(h);
	j = (k * 2654435761u) & (h->cap - 1);
	while (h->e[j].k && h->e[j].k != k)
		j = (j + 1) & (h->cap - 1);
	if (h->e[j].k == 0) {
		h->e[j].k = k;
		h->n++;
	}
	h->total += n;
	sum = (uint64_t)h->e[j].c + n;
	if (h->e[j].c < UINT32_MAX && sum < UINT32_MAX) {
		h->e[j].c = (uint32_t)sum;
		return;
	}
	/* Past 32 bits: the slot stays at UINT32_MAX, big[] has the rest.
	 * Unsigned arithmetic: a damaged partial wraps, as the counters. */
	sum = slot_count(h, &h->e[j]) + n - UINT32_MAX;
	h->e[j].c = UINT32_MAX;
	for (uint32_t i = 0; i < h->nbig; i++)
		if (h->big[i].k == k) {
			h->big[i].c = sum;
			return;
		}
	h->big = qa_xrealloc(h->big, h->nbig + 1, sizeof(*h->big));
	h->big[h->nbig].k = k;
	h->big[h->nbig++].c = sum;
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
			h->raw = qa_xrealloc(h->raw, h->rawcap,
			    sizeof(*h->raw));
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
			qa_hist_add(dst, src->e[i].k - 1,
			    slot_count(src, &src->e[i]));
}

void
qa_hist_free(struct qa_hist *h)
{
	free(h->e);
	free(h->big);
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
 * qsort(3) with a comparison callback was most of the output time, and
 * a radix sort of 16-bit digits then spent it clearing 256 KB of
 * counters per histogram. LSD radix of 11-bit digits (counters on the
 * stack) over the minutes less the smallest: one pass for a spread
 * under 34 hours, two under 3 years. Keys are distinct, so stability is
 * moot.
 */
struct qa_hent *
qa_hist_sorted(const struct qa_hist *h)
{
	struct qa_hent *v = qa_xcalloc(h->n, sizeof(*v)), *tmp, *src, *dst;
	uint32_t n = 0, kmin = UINT32_MAX, kmax = 0;

	for (uint32_t i = 0; i < h->cap; i++)
		if (h->e[i].k) {
			v[n].k = h->e[i].k;
			v[n++].c = slot_count(h, &h->e[i]);
			if (h->e[i].k > kmax)
				kmax = h->e[i].k;
			if (h->e[i].k < kmin)
				kmin = h->e[i].k;
		}
	if (n < 64) {
		qsort(v, n, sizeof(*v), cmp_hent);
		return v;
	}
	tmp = qa_xcalloc(n, sizeof(*tmp));
	src = v;
	dst = tmp;
	for (int shift = 0; shift < 32 && ((kmax - kmin) >> shift) != 0;
	    shift += 11) {
		uint32_t cnt[2048] = { 0 }, sum = 0;

		for (uint32_t i = 0; i < n; i++)
			cnt[((src[i].k - kmin) >> shift) & 2047]++;
		for (uint32_t b = 0; b < 2048; b++) {
			uint32_t c = cnt[b];
			cnt[b] = sum;
			sum += c;
		}
		for (uint32_t i = 0; i < n; i++)
			dst[cnt[((src[i].k - kmin) >> shift) & 2047]++] =
			    src[i];
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
	gs->slot = qa_xcalloc(ns, sizeof(*gs->slot));
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
		gs->g = qa_xrealloc(gs->g, gs->cap, sizeof(*gs->g));
	}
	g = &gs->g[gs->n];
	memset(g, 0, sizeof(*g));
	g->key = qa_xcalloc(klen + 1, 1);
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
	struct qa_group **v = qa_xcalloc(gs->n, sizeof(*v));

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

struct merge {
	struct qa_part	*dst, *src;
	const uint32_t	*map;
};

/* Group i of src into its group of dst: distinct for each i. */
static void
merge_group(void *arg, int thread, size_t i)
{
	struct merge *m = arg;
	struct qa_group *s = &m->src->groups.g[i];

	(void)thread;
	qa_agg_merge(&m->dst->groups.g[m->map[i]].a, &s->a);
	/* Now, not with the groups: dst's histograms grow as src's are
	 * merged, and both at once were the peak of memory. */
	for (int h = 0; h < QA_H_N; h++)
		qa_hist_free(&s->a.h[h]);
}

int
qa_part_merge(struct qa_part *dst, struct qa_part *src, int nth)
{
	uint32_t *map = qa_xcalloc(src->groups.n, sizeof(*map));
	struct merge m = { dst, src, map };

	/* dst's groups first: adding them moves the array. */
	for (size_t i = 0; i < src->groups.n; i++) {
		struct qa_group *s = &src->groups.g[i];

		(void)qa_groups_get(&dst->groups, s->key, s->klen, s->hash,
		    &map[i]);
	}
	qa_par(nth, src->groups.n, merge_group, &m);
	qa_events_merge(dst, src, map);
	free(map);
	dst->bad += src->bad;
	dst->fatal |= src->fatal;
	dst->ioerr |= src->ioerr;
	qa_groups_free(&src->groups);
	return 0;
}

void
qa_part_free(struct qa_part *p)
{
	qa_groups_free(&p->groups);
	qa_events_free(p);
	for (size_t i = 0; i < p->nbads; i++) {
		free(p->bads[i].file);
		free(p->bads[i].reason);
	}
	free(p->bads);
	memset(p, 0, sizeof(*p));
}
