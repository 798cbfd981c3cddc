/* SPDX-License-Identifier: MIT */
/*
 * What the reasoning's files share (reason.c: evaluation; rank.c:
 * scores, ranking, confidence; items.c: evidence items and missing
 * evidence). Internal to bbdiag.
 */
#ifndef BBDIAG_REASON_H
#define BBDIAG_REASON_H

#include "bbdiag/bbdiag.h"

/* Whether any evidence a mask names is present: the batch fast path,
 * called for every rule of every case, hence inline. */
static inline int
rs_touches(const struct catalogue *c, const struct evidence *ev,
    const uint64_t *m)
{
	for (size_t i = 0; i < c->nmask; i++)
		if (m[i] & ev->present[i])
			return 1;
	return 0;
}

/* Kleene's connectives: unknown unless the known side decides. */
static inline enum tv
tv_and(enum tv a, enum tv b)
{
	if (a == TV_FALSE || b == TV_FALSE)
		return TV_FALSE;
	return a == TV_TRUE && b == TV_TRUE ? TV_TRUE : TV_UNKNOWN;
}

static inline enum tv
tv_or(enum tv a, enum tv b)
{
	if (a == TV_TRUE || b == TV_TRUE)
		return TV_TRUE;
	return a == TV_FALSE && b == TV_FALSE ? TV_FALSE : TV_UNKNOWN;
}

static inline enum tv
tv_not(enum tv a)
{
	return a == TV_UNKNOWN ? a : a == TV_TRUE ? TV_FALSE : TV_TRUE;
}

/* One comparison (or "in"); *hit gets the record that made it true. */
enum tv		 rs_eval_cmp(const struct catalogue *,
		    const struct evidence *, const struct node *,
		    const struct crec **hit);
/* The field of a check record a reference reads; NULL if it has none. */
const char	*rs_field(const struct operand *, const struct crec *);

/* items.c: the evidence items of candidate a, and the evidence that
 * would separate the first two candidates (or decide the first's side). */
void		 rs_items(const struct catalogue *, struct evidence *,
		    struct cand *a);
void		 rs_missing(const struct catalogue *, struct evidence *,
		    struct verdict *);

#endif
