/* SPDX-License-Identifier: MIT */
/*
 * Reasoning: every fault's rules are evaluated in three-valued logic over
 * the evidence; a fault's score is the weight of its true "for" rules
 * minus its true "against" rules. Candidates with enough score are
 * "established" and ranked bottom-up by layer (the field rule: hardware
 * before software, local before remote); the rest follow by score.
 * Unknown rules name the evidence still missing.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bbdiag/arena.h"
#include "bbdiag/bbdiag.h"
#include "lib/state.h"

struct sval {
	const char	*s;
	double		 n;
	int		 isnum;
	int		 vi;
};

/* Whether any evidence a mask names is present. */
static int
touches(const struct catalogue *c, const struct evidence *ev,
    const uint64_t *m)
{
	for (size_t i = 0; i < c->nmask; i++)
		if (m[i] & ev->present[i])
			return 1;
	return 0;
}

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

static const char *
rec_field(const struct operand *l, const struct crec *r)
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
	if ((f = rec_field(l, r)) == NULL)
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

static enum tv
eval_cmp(const struct catalogue *c, const struct evidence *ev,
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

static enum tv
eval(const struct catalogue *c, const struct evidence *ev,
    const struct node *n)
{
	enum tv a, b;

	switch (n->op) {
	case N_AND:
		if ((a = eval(c, ev, n->a)) == TV_FALSE)
			return TV_FALSE;
		b = eval(c, ev, n->b);
		if (b == TV_FALSE)
			return TV_FALSE;
		return a == TV_TRUE && b == TV_TRUE ? TV_TRUE : TV_UNKNOWN;
	case N_OR:
		if ((a = eval(c, ev, n->a)) == TV_TRUE)
			return TV_TRUE;
		b = eval(c, ev, n->b);
		if (b == TV_TRUE)
			return TV_TRUE;
		return a == TV_FALSE && b == TV_FALSE ? TV_FALSE : TV_UNKNOWN;
	case N_NOT:
		a = eval(c, ev, n->a);
		return a == TV_UNKNOWN ? a : a == TV_TRUE ? TV_FALSE : TV_TRUE;
	case N_HAS:
		if (n->l.kind == OP_OBS)
			return ev->obs[n->l.idx].set ? TV_TRUE : TV_FALSE;
		return ev->checks[n->l.idx].n ? TV_TRUE : TV_FALSE;
	default:
		return eval_cmp(c, ev, n, NULL);
	}
}

enum tv
diag_eval(const struct catalogue *c, const struct evidence *ev,
    const struct node *n)
{
	return eval(c, ev, n);
}

/* ---- evidence items ------------------------------------------------------ */

/* Appends s to the list unless it is there already. */
static void
add_item(char **v, size_t *n, char *s)
{
	for (size_t i = 0; i < *n; i++)
		if (strcmp(v[i], s) == 0)
			return;
	if (*n < MAX_ITEMS)
		v[(*n)++] = s;
}

/* "name=value" with the value quoted when it has a space, commas made
 * harmless (items are comma-separated) and long texts cut. */
static char *
item(struct evidence *ev, const char *prefix, const char *name,
    const char *field, const char *val)
{
	char v[96], buf[256];
	size_t n = 0;
	int quote = 0;

	for (const char *p = val ? val : "-"; *p && n < 60; p++) {
		char ch = *p == ',' || *p == '"' ||
		    (unsigned char)*p < 0x20 ? ' ' : *p;

		quote |= ch == ' ';
		v[n++] = ch;
	}
	/* A Reply-Message's trailing newline is no part of it. */
	while (n > 0 && v[n - 1] == ' ')
		n--;
	/* Never cut a UTF-8 sequence in half. */
	while (n > 0 && val && val[n] != '\0' &&
	    ((unsigned char)val[n] & 0xc0) == 0x80)
		n--;
	v[n] = '\0';
	/* Built by hand: this runs for every verdict of a batch. */
	{
		const char *parts[] = { prefix, name, field ? "." : "",
		    field ? field : "", quote ? "=\"" : "=", v,
		    quote ? "\"" : "" };
		size_t len = 0;

		for (size_t i = 0; i < sizeof(parts) / sizeof(parts[0]); i++) {
			size_t l = strlen(parts[i]);

			if (len + l >= sizeof(buf))
				break;
			memcpy(buf + len, parts[i], l);
			len += l;
		}
		buf[len] = '\0';
	}
	return ev_strdup(ev, buf);
}

static const char *const fieldname[] = {
	"status", "value", "target", "unit", NULL,
};

/*
 * The evidence items of a rule, in one pass that also evaluates it:
 * items of a subtree are kept only when the subtree is true (rolled back
 * otherwise), so "a or b or c" costs one evaluation, not one per level.
 */
static enum tv
items_of(const struct catalogue *c, struct evidence *ev,
    const struct node *n, const char *prefix, char **v, size_t *nv)
{
	const struct crec *hit = NULL;
	size_t mark = *nv, mark2;
	enum tv a, b, r;

	switch (n->op) {
	case N_AND:
		a = items_of(c, ev, n->a, prefix, v, nv);
		if (a == TV_FALSE) {
			r = TV_FALSE;
			break;
		}
		b = items_of(c, ev, n->b, prefix, v, nv);
		r = b == TV_FALSE ? TV_FALSE : a == TV_TRUE && b == TV_TRUE ?
		    TV_TRUE : TV_UNKNOWN;
		break;
	case N_OR:
		if ((a = items_of(c, ev, n->a, prefix, v, nv)) != TV_TRUE)
			*nv = mark;
		mark2 = *nv;
		if ((b = items_of(c, ev, n->b, prefix, v, nv)) != TV_TRUE)
			*nv = mark2;
		r = a == TV_TRUE || b == TV_TRUE ? TV_TRUE : a == TV_FALSE &&
		    b == TV_FALSE ? TV_FALSE : TV_UNKNOWN;
		break;
	case N_NOT:
		/* What is absent is no item. */
		return eval(c, ev, n);
	case N_HAS:
		if ((r = eval(c, ev, n)) != TV_TRUE)
			break;
		if (n->l.kind == OP_OBS)
			add_item(v, nv, item(ev, prefix, c->obs[n->l.idx].key,
			    NULL, ev->obs[n->l.idx].text));
		else
			add_item(v, nv, item(ev, prefix,
			    c->chks[n->l.idx].name, NULL,
			    bbt_state_name(ev->checks[n->l.idx].r[0].status)));
		break;
	default:
		if ((r = eval_cmp(c, ev, n, &hit)) != TV_TRUE)
			break;
		if (n->l.kind == OP_OBS) {
			const struct oval *o = &ev->obs[n->l.idx];
			const struct obs_decl *d = &c->obs[n->l.idx];

			/* A default is an assumption, not evidence; a text
			 * no pattern knows is shown as it was given. */
			if (o->set)
				add_item(v, nv, item(ev, prefix, d->key, NULL,
				    o->raw && o->vi == d->otherwise ? o->raw :
				    o->text));
		} else if (hit && n->l.field == CF_STATUS)
			add_item(v, nv, item(ev, prefix, c->chks[n->l.idx].name,
			    NULL, bbt_state_name(hit->status)));
		else if (hit)
			add_item(v, nv, item(ev, prefix, c->chks[n->l.idx].name,
			    n->l.field == CF_DETAIL ?
			    c->chks[n->l.idx].dkeys[n->l.dkey] :
			    fieldname[n->l.field], rec_field(&n->l, hit)));
		break;
	}
	if (r != TV_TRUE)
		*nv = mark;
	return r;
}

/* References of unknown atoms: the evidence that is missing. */
struct miss {
	const char	*ref;
	double		 w[2];
};

#define MAX_REFS	32

/* The references of the atoms that leave n unknown, in one pass (kept
 * only for unknown subtrees). */
static enum tv
unknown_refs(const struct catalogue *c, const struct evidence *ev,
    const struct node *n, const char **refs, size_t *nr)
{
	size_t mark = *nr;
	enum tv a, b, r;

	switch (n->op) {
	case N_AND:
		a = unknown_refs(c, ev, n->a, refs, nr);
		b = unknown_refs(c, ev, n->b, refs, nr);
		r = a == TV_FALSE || b == TV_FALSE ? TV_FALSE :
		    a == TV_TRUE && b == TV_TRUE ? TV_TRUE : TV_UNKNOWN;
		break;
	case N_OR:
		a = unknown_refs(c, ev, n->a, refs, nr);
		b = unknown_refs(c, ev, n->b, refs, nr);
		r = a == TV_TRUE || b == TV_TRUE ? TV_TRUE :
		    a == TV_FALSE && b == TV_FALSE ? TV_FALSE : TV_UNKNOWN;
		break;
	case N_NOT:
		a = unknown_refs(c, ev, n->a, refs, nr);
		r = a == TV_UNKNOWN ? a : a == TV_TRUE ? TV_FALSE : TV_TRUE;
		break;
	default:
		if ((r = eval(c, ev, n)) == TV_UNKNOWN && *nr < MAX_REFS) {
			const char *ref = n->l.kind == OP_OBS ?
			    c->obs[n->l.idx].key : c->chks[n->l.idx].name;

			/* "speed < plan * x" with speed known: plan. */
			if (n->l.kind == OP_OBS && n->op == N_CMP &&
			    n->r.kind == OP_OBS && ev->obs[n->l.idx].set)
				ref = c->obs[n->r.idx].key;
			refs[(*nr)++] = ref;
		}
		return r;
	}
	if (r != TV_UNKNOWN)
		*nr = mark;
	return r;
}

static void
missing_of(const struct catalogue *c, const struct evidence *ev,
    const struct node *n, double w, int slot, struct miss *m, size_t *nm)
{
	const char *refs[MAX_REFS];
	size_t nr = 0;

	if (unknown_refs(c, ev, n, refs, &nr) != TV_UNKNOWN)
		return;
	for (size_t k = 0; k < nr; k++) {
		size_t i;

		for (i = 0; i < k; i++)
			if (refs[i] == refs[k])
				break;
		if (i < k)
			continue;
		for (i = 0; i < *nm; i++)
			if (strcmp(m[i].ref, refs[k]) == 0) {
				m[i].w[slot] += w;
				break;
			}
		if (i == *nm && *nm < 64) {
			m[*nm].ref = refs[k];
			m[*nm].w[0] = m[*nm].w[1] = 0;
			m[*nm].w[slot] = w;
			(*nm)++;
		}
	}
}

/* ---- ranking ---------------------------------------------------------- */

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

static int
missing_cmp(const void *pa, const void *pb)
{
	const struct miss *a = pa, *b = pb;
	/* Evidence one candidate needs and the other does not separates
	 * them best; then the heavier. */
	int sa = (a->w[0] > 0) != (a->w[1] > 0);
	int sb = (b->w[0] > 0) != (b->w[1] > 0);
	double wa = a->w[0] + a->w[1], wb = b->w[0] + b->w[1];

	if (sa != sb)
		return sb - sa;
	if (wa != wb)
		return wa < wb ? 1 : -1;
	return strcmp(a->ref, b->ref);
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

		if (!f->always && !touches(c, ev, f->refmask))
			continue;
		if (!access_ok(c, ev, f))
			continue;
		/* "for" rules first: most faults have none true, and then
		 * the rest need not be evaluated (batch speed). */
		for (size_t j = 0; j < f->nrules; j++) {
			const struct rule *r = &f->rules[j];

			if (r->kind == R_FOR && (r->always ||
			    touches(c, ev, r->refmask)) &&
			    eval(c, ev, r->expr) == TV_TRUE)
				fsum += r->weight;
		}
		if (fsum <= 0)
			continue;
		for (size_t j = 0; j < f->nrules && !excluded; j++) {
			const struct rule *r = &f->rules[j];

			if (r->kind == R_FOR || (!r->always &&
			    !touches(c, ev, r->refmask)) ||
			    eval(c, ev, r->expr) != TV_TRUE)
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

/*
 * One number agrees with the rank: candidate i never shows more
 * confidence than the one above it. Established faults are ranked by
 * layer (the field rule), so a higher layer's fault can outscore the
 * lower one it follows from (no sync, then no PADO): it keeps its place,
 * its confidence is capped, and the output says it is likely a
 * consequence of the lower fault.
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
		    c->faults[a->fault].layer) {
			a->consequence_of = (int)j + 1;
			break;
		}
}

void
diag_run(const struct catalogue *c, struct evidence *ev, struct verdict *v,
    size_t want_items)
{
	double k = c->confidence_k;
	double cf = c->conflict_factor;

	v->ev = ev;
	v->nmissing = v->nconflicts = v->nobs_conflicts = 0;
	v->check_conflict = ev->check_conflict ? ev->conflict_check : NULL;
	score_all(c, ev, v);
	for (size_t i = 0; i < c->nconflicts && v->nconflicts < MAX_ITEMS; i++)
		if ((c->conflicts[i].always ||
		    touches(c, ev, c->conflicts[i].refmask)) &&
		    eval(c, ev, c->conflicts[i].expr) == TV_TRUE)
			v->conflicts[v->nconflicts++] = (int)i;
	for (size_t i = 0; i < c->nobs; i++)
		if (ev->obs[i].conflict && v->nobs_conflicts < MAX_ITEMS)
			v->obs_conflicts[v->nobs_conflicts++] = c->obs[i].key;
	for (size_t i = 0; i < v->n; i++) {
		struct cand *a = &v->c[i];
		const struct fault *f = &c->faults[a->fault];
		double rivals = 0;

		/* Candidates of one layer compete; faults of different
		 * layers can both be true. */
		for (size_t j = 0; j < v->n; j++)
			if (j != i && c->faults[v->c[j].fault].layer ==
			    f->layer)
				rivals += v->c[j].score;
		a->conf = a->score / (a->score + k + rivals);
		if (v->nconflicts || v->nobs_conflicts || v->check_conflict)
			a->conf *= cf;
		a->conf = floor(a->conf * 100 + 0.5) / 100;
		a->side = f->side;
		for (size_t j = 0; j < f->nside_ifs; j++)
			if (eval(c, ev, f->side_ifs[j].expr) == TV_TRUE) {
				a->side = f->side_ifs[j].side;
				break;
			}
		a->consequence_of = 0;
		if (i > 0)
			monotone(c, v, i);
		if (i >= want_items)
			continue;
		a->nitems = a->nagainst = 0;
		for (size_t j = 0; j < f->nrules; j++) {
			const struct rule *r = &f->rules[j];

			if (r->kind == R_EXCLUDE || (!r->always &&
			    !touches(c, ev, r->refmask)))
				continue;
			if (r->kind == R_FOR)
				items_of(c, ev, r->expr, "", a->items,
				    &a->nitems);
			else
				items_of(c, ev, r->expr, "!", a->against,
				    &a->nagainst);
		}
	}
	v->healthy = 0;
	if (v->n == 0 && ev->nbad == 0) {
		size_t nobs = 0;

		for (size_t i = 0; i < c->nobs; i++)
			nobs += ev->obs[i].set && (int)i != c->access_key;
		v->healthy = ev->nok + nobs > 0;
	}
	if (!want_items)
		return;
	/* The evidence that would separate the first two candidates (or
	 * confirm the only one). */
	{
		struct miss m[64];
		size_t nm = 0;

		for (size_t i = 0; i < v->n && i < 2; i++) {
			const struct fault *f = &c->faults[v->c[i].fault];

			for (size_t j = 0; j < f->nrules; j++)
				if (f->rules[j].kind == R_FOR)
					missing_of(c, ev, f->rules[j].expr,
					    f->rules[j].weight, (int)i, m,
					    &nm);
		}
		struct miss sm[64];
		size_t nsm = 0;

		/* What would decide the first one's side (dns.mode for a
		 * resolver failure): one more item, after the evidence for
		 * the faults. */
		if (v->n > 0) {
			const struct fault *f = &c->faults[v->c[0].fault];

			for (size_t j = 0; j < f->nside_ifs; j++)
				missing_of(c, ev, f->side_ifs[j].expr, 1, 0,
				    sm, &nsm);
		}
		qsort(m, nm, sizeof(*m), missing_cmp);
		for (size_t i = 0; i < nm && v->nmissing < 4; i++)
			v->missing[v->nmissing++] = item(ev, "?", m[i].ref,
			    NULL, NULL) ;
		for (size_t i = 0; i < nsm; i++) {
			size_t j;

			for (j = 0; j < nm && j < 4; j++)
				if (strcmp(m[j].ref, sm[i].ref) == 0)
					break;
			if (j < nm && j < 4)
				break;
			v->missing[v->nmissing++] = item(ev, "?", sm[i].ref,
			    NULL, NULL);
			break;
		}
		/* item() adds "=-": keep only the reference. */
		for (size_t i = 0; i < v->nmissing; i++) {
			char *eq = strrchr(v->missing[i], '=');

			if (eq)
				*eq = '\0';
		}
	}
}
