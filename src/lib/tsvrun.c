/* SPDX-License-Identifier: MIT */
/* Whole lines walked as one: see tsvrun.h. */
#include "lib/classify.h"
#include "lib/lines.h"
#include "lib/tsvrun.h"

typedef void	classify_fn(const char *, struct blk *);

/*
 * The tabs before the line's LF, block after block. A block's tab bits
 * are stored without a count first while 64 more cannot pass max (the
 * rows of a table have a few dozen), so the walk is a loop of four
 * instructions a tab.
 */
static inline __attribute__((always_inline)) size_t
line_tpl(struct bbt_tsvrun *r, uint32_t *tabs, size_t max, size_t *ntab,
    struct bbt_odd *od, classify_fn *classify)
{
	size_t s = r->at, bo = r->bo, k = 0, from = SIZE_MAX, to = 0;
	uint64_t tab = r->tab, nl = r->nl, odd = r->odd;

	for (;;) {
		uint64_t first = nl & -nl;
		uint64_t below = nl ? first - 1 : ~(uint64_t)0;
		uint64_t mt = tab & below;
		uint32_t base = (uint32_t)(bo - s);

		if (k + 64 <= max)
			for (; mt; mt &= mt - 1)
				tabs[k++] = base + (uint32_t)__builtin_ctzll(mt);
		else
			for (; mt; mt &= mt - 1, k++)
				if (k < max)
					tabs[k] = base +
					    (uint32_t)__builtin_ctzll(mt);
		if (odd & below) {
			uint64_t ob = odd & below;

			if (from == SIZE_MAX)
				from = bo + (size_t)__builtin_ctzll(ob) - s;
			to = bo + 64 - (size_t)__builtin_clzll(ob) - s;
		}
		if (nl) {
			uint64_t upto = below | first;
			size_t e = bo + (size_t)__builtin_ctzll(nl);

			r->tab = tab & ~upto;
			r->nl = nl & ~upto;
			r->odd = odd & ~upto;
			r->bo = bo;
			r->at = e + 1;
			*ntab = k;
			od->from = from == SIZE_MAX ? e - s : from;
			od->to = to;
			return e - s;
		}
		struct blk b;

		bo += 64;
		classify(r->p + bo, &b);
		tab = b.tab;
		nl = b.nl;
		odd = b.odd;
	}
}

static size_t
line_scalar(struct bbt_tsvrun *r, uint32_t *tabs, size_t max, size_t *ntab,
    struct bbt_odd *odd)
{
	return line_tpl(r, tabs, max, ntab, odd, classify_scalar);
}

#if defined(__x86_64__) || defined(__i386__)
static size_t
line_sse2(struct bbt_tsvrun *r, uint32_t *tabs, size_t max, size_t *ntab,
    struct bbt_odd *odd)
{
	return line_tpl(r, tabs, max, ntab, odd, classify_sse2);
}

/* Every CPU with AVX2 has BMI1 too: blsr clears the lowest tab bit. */
__attribute__((target("avx2,bmi"))) static size_t
line_avx2(struct bbt_tsvrun *r, uint32_t *tabs, size_t max, size_t *ntab,
    struct bbt_odd *odd)
{
	return line_tpl(r, tabs, max, ntab, odd, classify_avx2);
}
#endif

static bbt_tsvrun_fn *
pick(int which)
{
	switch (classify_pick(which)) {
#if defined(__x86_64__) || defined(__i386__)
	case BBT_SCAN_AVX2:
		return line_avx2;
	case BBT_SCAN_SSE2:
		return line_sse2;
#endif
	case BBT_SCAN_SCALAR:
		return line_scalar;
	}
	return NULL;
}

static bbt_tsvrun_fn *chosen;

int
bbt_tsvrun_scanner(int which)
{
	bbt_tsvrun_fn *f = pick(which);

	if (f == NULL)
		return -1;
	chosen = f;
	return 0;
}

void
bbt_tsvrun_start(struct bbt_tsvrun *r, const char *p, size_t n)
{
	if (chosen == NULL)
		chosen = pick(BBT_SCAN_AUTO);
	r->p = p;
	r->n = n;
	r->at = 0;
	/* No bits: the first line loads block 0. */
	r->bo = (size_t)0 - 64;
	r->tab = r->nl = r->odd = 0;
	r->line = chosen;
}
