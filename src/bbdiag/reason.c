/* SPDX-License-Identifier: MIT */
/*
 * Reasoning: a rule is evaluated in three-valued logic over the evidence
 * of a case (check records and observations); a rule over evidence
 * nobody collected is unknown. Ranking and confidence are in rank.c, the
 * evidence items and the missing evidence in items.c.
 */
#include <stdlib.h>
#include <string.h>

#include "bbdiag/arena.h"
#include "bbdiag/bbdiag.h"
#include "bbdiag/reason.h"
#include "lib/state.h"

struct sval {
	const char	*s;
	double		 n;
	int		 isnum;
	int		 vi;
};

/* Whether any evidence a mask names is present. */
static double
mulv(const struct catalogue *c, const struct operand *o)
{
	return o->mul_param >= 0 ? c->params[o->mul_param].val : o->mul_num;
}

/* A scalar operand's value; -1 when it is an observation not given. */
static int
scalar(const struct catalogue *c, const struct evidence *ev,
    const struct operand *o, struct sval *v)
{
	v->s = NULL;
	v->n = 0;
	v->isnum = 0;
	v->vi = -1;
	switch (o->kind) {
	case OP_OBS: {
		const struct oval *ov = &ev->obs[o->idx];
		const struct obs_decl *d = &c->obs[o->idx];

		if (!ov->set) {
			if (d->kind != OBS_ENUM || d->def < 0)
				return -1;
			v->vi = d->def;
			v->s = d->vals[d->def].word;
			return 0;
		}
		if (d->kind == OBS_ENUM) {
			v->vi = ov->vi;
			v->s = d->vals[ov->vi].word;
		} else {
			v->n = ov->num;
			v->isnum = 1;
			v->s = ov->text;
		}
		break;
	}
	case OP_STR:
		v->s = o->str;
		v->vi = o->idx;
		break;
	case OP_NUM:
		v->s = o->str;
		v->n = o->num;
		v->isnum = 1;
		v->vi = o->idx;
		break;
	case OP_PARAM:
		v->n = c->params[o->idx].val;
		v->isnum = 1;
		break;
	default:
		return -1;
	}
	if (o->has_mul && v->isnum)
		v->n *= mulv(c, o);
	return 0;
}

static int
numcmp(double a, enum cmpop op, double b)
{
	switch (op) {
	case C_EQ:
		return a == b;
	case C_NE:
		return a != b;
	case C_LT:
		return a < b;
	case C_LE:
		return a <= b;
	case C_GT:
		return a > b;
	case C_GE:
		return a >= b;
	default:
		return 0;
	}
}

/* Severity order for <, >= on statuses. */
static int
sev(int st)
{
	switch (st) {
	case BBT_WARNING:
		return 2;
	case BBT_CRITICAL:
		return 3;
	case BBT_UNKNOWN:
		return 1;
	default:
		return 0;
	}
}

/* Contains, ignoring ASCII case. Needles and fields are short: a scan
 * for the first byte, then a compare, beats strcasestr's set-up. */
static inline int
ieq(unsigned char a, unsigned char b)
{
	return a == b || ((a | 0x20) == (b | 0x20) && (a | 0x20) >= 'a' &&
	    (a | 0x20) <= 'z');
}

static int
icontains(const char *hay, const char *needle)
{
	const unsigned char *h = (const unsigned char *)hay;
	const unsigned char *n = (const unsigned char *)needle;

	if (n[0] == '\0')
		return 1;
	for (; *h; h++) {
		size_t i;

		if (!ieq(*h, n[0]))
			continue;
		for (i = 1; n[i] && h[i] && ieq(h[i], n[i]); i++)
			;
		if (n[i] == '\0')
			return 1;
		if (h[i] == '\0')
			return 0;
	}
	return 0;
}

const char *
rs_field(const struct operand *l, const struct crec *r)
{
	switch (l->field) {
	case CF_VALUE:
		return r->value;
	case CF_TARGET:
		return r->target;
	case CF_UNIT:
		return r->unit;
	case CF_DETAIL:
		return r->det ? r->det[l->dkey] : NULL;
	default:
		return NULL;
	}
}

static int
rec_match(const struct catalogue *c, const struct operand *l,
    const struct crec *r, enum cmpop op, const struct sval *k)
{
	const char *f;
	double d;
	char *end;

	if (l->field == CF_STATUS) {
		if (op == C_EQ || op == C_NE)
			return (r->status == k->vi) == (op == C_EQ);
		return numcmp(sev(r->status), op, sev(k->vi));
	}
	if ((f = rs_field(l, r)) == NULL)
		return 0;
	if (op == C_CONTAINS)
		return k->s != NULL && icontains(f, k->s);
	if (k->isnum) {
		if (l->field == CF_VALUE) {
			if (!r->isnum)
				return op == C_NE;
			d = r->num;
		} else {
			d = strtod(f, &end);
			if (end == f || *end != '\0')
				return op == C_NE && k->s &&
				    strcmp(f, k->s) != 0;
		}
		if (l->has_mul)
			d *= mulv(c, l);
		return numcmp(d, op, k->n);
	}
	if (k->s == NULL)
		return 0;
	if (op == C_EQ)
		return strcmp(f, k->s) == 0;
	if (op == C_NE)
		return strcmp(f, k->s) != 0;
	return 0;
}

static int
obs_match(const struct catalogue *c, const struct operand *l,
    const struct sval *a, enum cmpop op, const struct sval *k)
{
	if (c->obs[l->idx].kind == OBS_ENUM)
		return (a->vi == k->vi) == (op == C_EQ);
	return numcmp(a->n, op, k->n);
}

/*
 * One comparison (or "in"). *hit gets the record that made it true, for
 * the evidence text.
 */
#define MAX_SET	16

enum tv
rs_eval_cmp(const struct catalogue *c, const struct evidence *ev,
    const struct node *n, const struct crec **hit)
{
	struct sval ks[MAX_SET], a;
	const struct operand *set = n->op == N_IN ? n->set : &n->r;
	size_t nset = n->op == N_IN ? n->nset : 1;

	if (n->l.kind == OP_OBS) {
		if (scalar(c, ev, &n->l, &a) < 0)
			return TV_UNKNOWN;
		for (size_t i = 0; i < nset; i++) {
			if (scalar(c, ev, &set[i], ks) < 0)
				return TV_UNKNOWN;
			if (obs_match(c, &n->l, &a, n->cmp, ks))
				return TV_TRUE;
		}
		return TV_FALSE;
	}
	/* A check: true when any of its records (targets) matches. */
	{
		const struct cset *cs = &ev->checks[n->l.idx];
		size_t seen = 0;

		if (cs->n == 0)
			return TV_UNKNOWN;
		if (nset > MAX_SET)
			nset = MAX_SET;
		for (size_t i = 0; i < nset; i++)
			if (scalar(c, ev, &set[i], &ks[i]) < 0)
				return TV_UNKNOWN;
		for (size_t j = 0; j < cs->n; j++) {
			const struct crec *r = &cs->r[j];

			if ((n->l.filter == CFL_IP && !r->target_ip) ||
			    (n->l.filter == CFL_NAME && r->target_ip))
				continue;
			seen++;
			for (size_t i = 0; i < nset; i++) {
				if (rec_match(c, &n->l, r, n->cmp, &ks[i])) {
					if (hit)
						*hit = r;
					return TV_TRUE;
				}
			}
		}
		return seen ? TV_FALSE : TV_UNKNOWN;
	}
}

enum tv
diag_eval(const struct catalogue *c, const struct evidence *ev,
    const struct node *n)
{
	enum tv a;

	switch (n->op) {
	case N_AND:
		/* Short-circuit: the batch evaluates every rule of a case. */
		if ((a = diag_eval(c, ev, n->a)) == TV_FALSE)
			return TV_FALSE;
		return tv_and(a, diag_eval(c, ev, n->b));
	case N_OR:
		if ((a = diag_eval(c, ev, n->a)) == TV_TRUE)
			return TV_TRUE;
		return tv_or(a, diag_eval(c, ev, n->b));
	case N_NOT:
		return tv_not(diag_eval(c, ev, n->a));
	case N_HAS:
		if (n->l.kind == OP_OBS)
			return ev->obs[n->l.idx].set ? TV_TRUE : TV_FALSE;
		return ev->checks[n->l.idx].n ? TV_TRUE : TV_FALSE;
	default:
		return rs_eval_cmp(c, ev, n, NULL);
	}
}
