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

#include "lib/i18n.h"
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

/* The whole count of an entry. */
static uint64_t
slot_count(const struct qa_hist *h, const struct qa_hslot *e)
{
	if (e->c == UINT32_MAX)
		for (uint32_t i = 0; i < h->nbig; i++)
			if (h->big[i].k == e->k)
				return UINT32_MAX + h->big[i].c;
	return e->c;
}

/* Entries are counted in 32 bits: past that, no report (never seen;
 * four billion distinct minutes). */
static void __attribute__((noreturn))
too_large(void)
{
	errx(71, "%s", _("histogram too large"));
}

/* Sets entry e of h (its key set) to count c. Past 32 bits the entry
 * stays at UINT32_MAX and big[] has the rest. */
static void
slot_set(struct qa_hist *h, struct qa_hslot *e, uint64_t c)
{
	if (c < UINT32_MAX) {
		e->c = (uint32_t)c;
		return;
	}
	e->c = UINT32_MAX;
	for (uint32_t i = 0; i < h->nbig; i++)
		if (h->big[i].k == e->k) {
			h->big[i].c = c - UINT32_MAX;
			return;
		}
	h->big = qa_xrealloc(h->big, h->nbig + 1, sizeof(*h->big));
	h->big[h->nbig].k = e->k;
	h->big[h->nbig++].c = c - UINT32_MAX;
}

/*
 * Merges m (key, count) runs, sorted and distinct, into the entries in
 * one sequential pass. Hundreds of groups' histograms do not stay in
 * cache while the file streams through: a hash table took a cache miss
 * per minute when a group's buffer was counted, a merge streams.
 * Counts add as unsigned: a damaged partial wraps, as the counters.
 */
static void
hist_merge_runs(struct qa_hist *h, const struct qa_hent *r, uint32_t m)
{
	struct qa_hslot *e, *old = h->e;
	uint32_t i = 0, j = 0, n = 0;
	size_t cap = (size_t)h->n + m;

	if (m == 0)
		return;
	if (cap > UINT32_MAX)
		too_large();
	e = qa_xrealloc(NULL, cap, sizeof(*e));
	while (i < h->n || j < m) {
		if (j == m || (i < h->n && old[i].k < r[j].k)) {
			e[n++] = old[i++];	/* big[] is keyed by k */
			continue;
		}
		h->total += r[j].c;
		e[n].k = r[j].k;
		if (i < h->n && old[i].k == r[j].k)
			slot_set(h, &e[n], slot_count(h, &old[i++]) + r[j].c);
		else
			slot_set(h, &e[n], r[j].c);
		n++;
		j++;
	}
	free(old);
	/* Most of a batch's minutes were there already: the room they
	 * were given is returned (in place, no copy). */
	if (cap - n > 64)
		e = qa_xrealloc(e, (cap = n), sizeof(*e));
	h->e = e;
	h->n = n;
	h->cap = (uint32_t)cap;
}

void
qa_hist_add(struct qa_hist *h, uint32_t minute, uint64_t n)
{
	uint32_t k = minute + 1, lo = 0, hi = h->n;

	/* Partials list minutes in order: appending is the common case. */
	if (h->n == 0 || h->e[h->n - 1].k < k)
		lo = hi = h->n;
	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;

		if (h->e[mid].k < k)
			lo = mid + 1;
		else
			hi = mid;
	}
	h->total += n;
	if (lo < h->n && h->e[lo].k == k) {
		slot_set(h, &h->e[lo], slot_count(h, &h->e[lo]) + n);
		return;
	}
	if (h->n == h->cap) {
		if (h->cap > UINT32_MAX / 2)
			too_large();
		h->cap = h->cap < 8 ? 16 : h->cap * 2;
		h->e = qa_xrealloc(h->e, h->cap, sizeof(*h->e));
	}
	memmove(&h->e[lo + 1], &h->e[lo], (h->n - lo) * sizeof(*h->e));
	h->n++;
	h->e[lo].k = k;
	slot_set(h, &h->e[lo], n);
}

/*
 * LSD radix sort of bytes over the keys less the smallest: two passes
 * for a spread under 45 days, three under 31 years. Returns the sorted
 * array, v or tmp. For the minutes of a buffer (uint32_t) and for
 * entries (struct qa_hent, by k). Byte digits: most buffers are a few
 * thousand minutes, and 11-bit digits spent more clearing 2048
 * counters a pass than sorting. A few dozen (a group of a technician
 * and a month) are sorted by insertion: the passes' counters cost more.
 */
#define SMALL_SORT	48
#define RADIX_SORT(name, type, key)					\
static type *								\
name(type *v, type *tmp, size_t n)					\
{									\
	type *src = v, *dst = tmp, *t;					\
	uint32_t kmin = UINT32_MAX, kmax = 0;				\
									\
	if (n <= SMALL_SORT) {						\
		for (size_t i = 1; i < n; i++) {			\
			type x = v[i];					\
			size_t j = i;					\
									\
			for (; j > 0 && key(v[j - 1]) > key(x); j--)	\
				v[j] = v[j - 1];			\
			v[j] = x;					\
		}							\
		return v;						\
	}								\
	for (size_t i = 0; i < n; i++) {				\
		if (key(v[i]) < kmin)					\
			kmin = key(v[i]);				\
		if (key(v[i]) > kmax)					\
			kmax = key(v[i]);				\
	}								\
	for (int sh = 0; sh < 32 && n > 0 && ((kmax - kmin) >> sh) != 0;	\
	    sh += 8) {							\
		size_t cnt[256] = { 0 }, sum = 0;			\
									\
		for (size_t i = 0; i < n; i++)				\
			cnt[((key(src[i]) - kmin) >> sh) & 255]++;	\
		for (size_t b = 0; b < 256; b++) {			\
			size_t c = cnt[b];				\
			cnt[b] = sum;					\
			sum += c;					\
		}							\
		for (size_t i = 0; i < n; i++)				\
			dst[cnt[((key(src[i]) - kmin) >> sh) & 255]++] =	\
			    src[i];					\
		t = src;						\
		src = dst;						\
		dst = t;						\
	}								\
	return src;							\
}
#define KEY_U32(x)	(x)
#define KEY_HENT(x)	((x).k)
RADIX_SORT(radix_u32, uint32_t, KEY_U32)
RADIX_SORT(radix_hent, struct qa_hent, KEY_HENT)

/* Counts the buffered minutes: sorted, run-length coded, merged. */
static void
hist_count_raw(struct qa_hist *h)
{
	uint32_t n = h->nraw, m = 0, *tmp, *v;
	struct qa_hent *r;

	if (n == 0)
		return;
	tmp = qa_xrealloc(NULL, n, sizeof(*tmp));
	v = radix_u32(h->raw, tmp, n);
	r = qa_xrealloc(NULL, n, sizeof(*r));
	for (uint32_t i = 0; i < n; i++) {
		if (m > 0 && r[m - 1].k == v[i] + 1) {
			r[m - 1].c++;
			continue;
		}
		r[m].k = v[i] + 1;
		r[m++].c = 1;
	}
	free(tmp);
	h->nraw = 0;
	hist_merge_runs(h, r, m);
	free(r);
}

/* Buffered minutes are counted past this many, or past a quarter of the
 * minutes counted (each count is a pass over them). 500 groups with two
 * histograms each held 64 MB per thread at 16 K. */
#define RAW_MIN	2048

void
qa_hist_flush(struct qa_hist *h)
{
	hist_count_raw(h);
	free(h->raw);
	h->raw = NULL;
	h->rawcap = 0;
}

void
qa_hist_push(struct qa_hist *h, uint32_t minute)
{
	if (h->nraw == h->rawcap) {
		uint32_t max = h->n / 4 > RAW_MIN ? h->n / 4 : RAW_MIN;

		if (h->rawcap >= max)
			hist_count_raw(h);
		else {
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
	struct qa_hent *r = qa_hist_sorted(src);

	hist_merge_runs(dst, r, src->n);
	free(r);
}

/* The histograms of n sources into dst in one merge: their entries in
 * one array, sorted, equal minutes added. */
static void
hist_merge_batch(struct qa_hist *dst, const struct qa_hist *const *src,
    size_t n)
{
	size_t all = 0, m = 0, w = 0;
	struct qa_hent *v, *tmp, *s;

	for (size_t i = 0; i < n; i++)
		all += src[i]->n;
	if (all == 0)
		return;
	v = qa_xrealloc(NULL, all, sizeof(*v));
	tmp = qa_xrealloc(NULL, all, sizeof(*tmp));
	for (size_t i = 0; i < n; i++)
		for (uint32_t k = 0; k < src[i]->n; k++) {
			v[m].k = src[i]->e[k].k;
			v[m++].c = slot_count(src[i], &src[i]->e[k]);
		}
	s = radix_hent(v, tmp, all);
	for (size_t i = 0; i < all; i++) {
		if (w > 0 && s[w - 1].k == s[i].k)
			s[w - 1].c += s[i].c;
		else
			s[w++] = s[i];
	}
	if (w > UINT32_MAX)
		too_large();
	hist_merge_runs(dst, s, (uint32_t)w);
	free(v);
	free(tmp);
}

/*
 * The histograms of n sources into dst, in batches: rolling hundreds of
 * groups up into TOTAL one at a time copied TOTAL's minutes each time,
 * all at once held all their minutes twice more. A batch is MANY
 * sources, or more while their entries are fewer than dst's: each
 * merge copies dst, and 38 000 small groups (technicians by month)
 * spent a tenth of the run copying TOTAL in batches of 32.
 */
#define MANY	32
static void
hist_merge_many(struct qa_hist *dst, const struct qa_hist *const *src,
    size_t n)
{
	for (size_t i = 0, j; i < n; i = j) {
		size_t e = 0;

		for (j = i; j < n && (j - i < MANY || e < dst->n); j++)
			e += src[j]->n;
		hist_merge_batch(dst, src + i, j - i);
	}
}

void
qa_agg_merge_many(struct qa_agg *d, const struct qa_agg *const *s, size_t n)
{
	const struct qa_hist **hs = qa_xcalloc(n, sizeof(*hs));

	for (size_t i = 0; i < n; i++)
		for (int c = 0; c < QA_C_N; c++)
			d->c[c] = (int64_t)((uint64_t)d->c[c] +
			    (uint64_t)s[i]->c[c]);
	for (int h = 0; h < QA_H_N; h++) {
		for (size_t i = 0; i < n; i++)
			hs[i] = &s[i]->h[h];
		hist_merge_many(&d->h[h], hs, n);
	}
	free(hs);
}

void
qa_hist_free(struct qa_hist *h)
{
	free(h->e);
	free(h->big);
	free(h->raw);
	memset(h, 0, sizeof(*h));
}

/* The entries in order of minute, counts whole (malloc'd). */
struct qa_hent *
qa_hist_sorted(const struct qa_hist *h)
{
	struct qa_hent *v = qa_xrealloc(NULL, h->n, sizeof(*v));

	for (uint32_t i = 0; i < h->n; i++) {
		v[i].k = h->e[i].k;
		v[i].c = slot_count(h, &h->e[i]);
	}
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
	qa_open_merge(dst, src);
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
	qa_unknown_free(p->unk, p->nunk);
	qa_open_free(p);
	memset(p, 0, sizeof(*p));
}
