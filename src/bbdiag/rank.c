/* SPDX-License-Identifier: MIT */
/*
 * Ranking: a fault's score is the weight of its true "for" rules minus
 * its true "against" rules. Candidates with enough score are
 * "established" and ranked bottom-up by layer (the field rule: hardware
 * before software, local before remote); the rest follow by score. One
 * confidence a candidate, never above the one ranked before it.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bbdiag/arena.h"
#include "bbdiag/bbdiag.h"
#include "bbdiag/reason.h"
#include "lib/state.h"

void
diag_init(struct verdict *v, size_t nfaults)
{
	memset(v, 0, sizeof(*v));
	if ((v->c = calloc(nfaults + 1, sizeof(*v->c))) == NULL)
		abort();
}

void
diag_free(struct verdict *v)
{
	free(v->c);
	memset(v, 0, sizeof(*v));
}

static const struct catalogue *sort_cat;

static int
cand_cmp(const void *pa, const void *pb)
{
	const struct cand *a = pa, *b = pb;
	const struct catalogue *c = sort_cat;

	if (a->established != b->established)
		return b->established - a->established;
	if (a->established && c->faults[a->fault].layer !=
	    c->faults[b->fault].layer)
		return c->faults[a->fault].layer - c->faults[b->fault].layer;
	if (a->score != b->score)
		return a->score < b->score ? 1 : -1;
	return a->fault - b->fault;
}

static int
access_ok(const struct catalogue *c, const struct evidence *ev,
    const struct fault *f)
{
	const struct oval *o;

	if (f->access == 0 || c->access_key < 0)
		return 1;
	o = &ev->obs[c->access_key];
	return !o->set || (f->access & (1u << o->vi)) != 0;
}

static void
score_all(const struct catalogue *c, struct evidence *ev, struct verdict *v)
{
	double min_score = c->min_score;

	v->n = 0;
	for (size_t i = 0; i < c->nfaults; i++) {
		const struct fault *f = &c->faults[i];
		double fsum = 0, asum = 0;
		int excluded = 0;

		if (!f->always && !rs_touches(c, ev, f->refmask))
			continue;
		if (!access_ok(c, ev, f))
			continue;
		/* "for" rules first: most faults have none true, and then
		 * the rest need not be evaluated (batch speed). */
		for (size_t j = 0; j < f->nrules; j++) {
			const struct rule *r = &f->rules[j];

			if (r->kind == R_FOR && (r->always ||
			    rs_touches(c, ev, r->refmask)) &&
			    diag_eval(c, ev, r->expr) == TV_TRUE)
				fsum += r->weight;
		}
		if (fsum <= 0)
			continue;
		for (size_t j = 0; j < f->nrules && !excluded; j++) {
			const struct rule *r = &f->rules[j];

			if (r->kind == R_FOR || (!r->always &&
			    !rs_touches(c, ev, r->refmask)) ||
			    diag_eval(c, ev, r->expr) != TV_TRUE)
				continue;
			if (r->kind == R_AGAINST)
				asum += r->weight;
			else
				excluded = 1;
		}
		if (excluded || fsum <= 0 || fsum - asum <= 0)
			continue;
		struct cand *k = &v->c[v->n++];
		memset(k, 0, sizeof(*k));
		k->fault = (int)i;
		k->score = fsum - asum;
		k->contradicted = asum > 0;
		k->established = k->score >= min_score;
	}
	sort_cat = c;
	qsort(v->c, v->n, sizeof(*v->c), cand_cmp);
}

int
diag_top(const struct catalogue *c, struct evidence *ev, struct verdict *v)
{
	score_all(c, ev, v);
	return v->n ? v->c[0].fault : -1;
}

/* Whether the catalogue says fault index cause can cause f ("after"). */
static int
can_cause(const struct fault *f, int cause)
{
	for (size_t i = 0; i < f->nafter; i++)
		if (f->after[i].fault == cause)
			return 1;
	return 0;
}

/*
 * One number agrees with the rank: candidate i never shows more
 * confidence than the one above it. Established faults are ranked by
 * layer (the field rule), so a higher layer's fault can outscore a lower
 * one: it keeps its place and its confidence is capped. Only when the
 * catalogue says the lower fault can cause it (no sync, then no PADO)
 * does the output call it likely a consequence; a 100 Mbit/s link is
 * no consequence of a wrong password.
 */

static void
monotone(const struct catalogue *c, struct verdict *v, size_t i)
{
	struct cand *a = &v->c[i];

	if (a->conf <= v->c[i - 1].conf)
		return;
	a->conf = v->c[i - 1].conf;
	if (!a->established)
		return;
	for (size_t j = 0; j < i; j++)
		if (v->c[j].established && c->faults[v->c[j].fault].layer <
		    c->faults[a->fault].layer &&
		    can_cause(&c->faults[a->fault], v->c[j].fault)) {
			a->consequence_of = (int)j + 1;
			break;
		}
}

/* The conflict rules that hold and the observations given twice. */
static void
find_conflicts(const struct catalogue *c, const struct evidence *ev,
    struct verdict *v)
{
	for (size_t i = 0; i < c->nconflicts && v->nconflicts < MAX_ITEMS; i++)
		if ((c->conflicts[i].always ||
		    rs_touches(c, ev, c->conflicts[i].refmask)) &&
		    diag_eval(c, ev, c->conflicts[i].expr) == TV_TRUE)
			v->conflicts[v->nconflicts++] = (int)i;
	for (size_t i = 0; i < c->nobs; i++)
		if (ev->obs[i].conflict && v->nobs_conflicts < MAX_ITEMS)
			v->obs_conflicts[v->nobs_conflicts++] = c->obs[i].key;
}

/* Candidate i's confidence and side. */
static void
confidence(const struct catalogue *c, const struct evidence *ev,
    struct verdict *v, size_t i)
{
	struct cand *a = &v->c[i];
	const struct fault *f = &c->faults[a->fault];
	double rivals = 0;

	/* Candidates of one layer compete; faults of different layers can
	 * both be true. */
	for (size_t j = 0; j < v->n; j++)
		if (j != i && c->faults[v->c[j].fault].layer == f->layer)
			rivals += v->c[j].score;
	a->conf = a->score / (a->score + c->confidence_k + rivals);
	if (v->nconflicts || v->nobs_conflicts || v->check_conflict)
		a->conf *= c->conflict_factor;
	a->conf = floor(a->conf * 100 + 0.5) / 100;
	a->side = f->side;
	for (size_t j = 0; j < f->nside_ifs; j++)
		if (diag_eval(c, ev, f->side_ifs[j].expr) == TV_TRUE) {
			a->side = f->side_ifs[j].side;
			break;
		}
	a->consequence_of = 0;
	if (i > 0)
		monotone(c, v, i);
}

void
diag_run(const struct catalogue *c, struct evidence *ev, struct verdict *v,
    size_t want_items)
{
	v->ev = ev;
	v->nmissing = v->nconflicts = v->nobs_conflicts = 0;
	v->check_conflict = ev->check_conflict ? ev->conflict_check : NULL;
	score_all(c, ev, v);
	find_conflicts(c, ev, v);
	for (size_t i = 0; i < v->n; i++) {
		confidence(c, ev, v, i);
		if (i < want_items)
			rs_items(c, ev, &v->c[i]);
	}
	v->healthy = 0;
	if (v->n == 0 && ev->nbad == 0) {
		size_t nobs = 0;

		for (size_t i = 0; i < c->nobs; i++)
			nobs += ev->obs[i].set && (int)i != c->access_key;
		v->healthy = ev->nok + nobs > 0;
	}
	if (want_items)
		rs_missing(c, ev, v);
}
