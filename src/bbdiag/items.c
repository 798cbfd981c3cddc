/* SPDX-License-Identifier: MIT */
/*
 * The evidence items of a verdict: the "key=value" a candidate's rules
 * hold on (and the "!key=value" against it), and the references of
 * unknown atoms, the evidence still missing to separate the first two.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bbdiag/arena.h"
#include "bbdiag/bbdiag.h"
#include "bbdiag/reason.h"
#include "lib/state.h"

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
		r = tv_and(a, items_of(c, ev, n->b, prefix, v, nv));
		break;
	case N_OR:
		if ((a = items_of(c, ev, n->a, prefix, v, nv)) != TV_TRUE)
			*nv = mark;
		mark2 = *nv;
		if ((b = items_of(c, ev, n->b, prefix, v, nv)) != TV_TRUE)
			*nv = mark2;
		r = tv_or(a, b);
		break;
	case N_NOT:
		/* What is absent is no item. */
		return diag_eval(c, ev, n);
	case N_HAS:
		if ((r = diag_eval(c, ev, n)) != TV_TRUE)
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
		if ((r = rs_eval_cmp(c, ev, n, &hit)) != TV_TRUE)
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
			    fieldname[n->l.field], rs_field(&n->l, hit)));
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
	int		 far;	/* from a tool that did not run */
};

/* The tool that writes a check record: pppoe-probe's session records,
 * linecheck's (the rest), or both (link.carrier, ipv6.ra). */
enum tool { T_BOTH, T_LINECHECK, T_PPPOE };

static enum tool
tool_of(const char *chk)
{
	if (strncmp(chk, "ppp.", 4) == 0 || strncmp(chk, "pppoe.", 6) == 0 ||
	    strncmp(chk, "dhcp6.", 6) == 0)
		return T_PPPOE;
	if (strncmp(chk, "ipv6.", 5) == 0 || strcmp(chk, "link.carrier") == 0)
		return T_BOTH;
	return T_LINECHECK;
}

/*
 * A check the case has no tool for: with linecheck's records only,
 * "?ppp.dns" asks for another tool's run when a question would settle
 * it. Such references come after those of the tools that ran and the
 * technician's observations. With no record at all, none is far.
 */
static int
far_ref(const struct catalogue *c, const struct evidence *ev,
    const char *ref)
{
	enum tool t = T_BOTH;
	int ran[3] = { 0, 0, 0 };

	for (size_t i = 0; i < c->nchks; i++)
		if (c->chks[i].name == ref)
			t = tool_of(ref);
	if (t == T_BOTH || ev->touched_n == 0)
		return 0;
	for (size_t i = 0; i < ev->touched_n; i++)
		ran[tool_of(c->chks[ev->touched[i]].name)] = 1;
	return !ran[t];
}

#define MAX_REFS	32

/* The references of the atoms that leave n unknown, in one pass (kept
 * only for unknown subtrees). */
static enum tv
unknown_refs(const struct catalogue *c, const struct evidence *ev,
    const struct node *n, const char **refs, size_t *nr)
{
	size_t mark = *nr;
	enum tv a, r;

	switch (n->op) {
	case N_AND:
		a = unknown_refs(c, ev, n->a, refs, nr);
		r = tv_and(a, unknown_refs(c, ev, n->b, refs, nr));
		break;
	case N_OR:
		a = unknown_refs(c, ev, n->a, refs, nr);
		r = tv_or(a, unknown_refs(c, ev, n->b, refs, nr));
		break;
	case N_NOT:
		r = tv_not(unknown_refs(c, ev, n->a, refs, nr));
		break;
	default:
		if ((r = diag_eval(c, ev, n)) == TV_UNKNOWN && *nr < MAX_REFS) {
			const char *ref = n->l.kind == OP_OBS ?
			    c->obs[n->l.idx].key : c->chks[n->l.idx].name;

			/* "speed < plan * x" or "[link.speed].value < plan"
			 * with the left side known: plan is missing. */
			if (n->op == N_CMP && n->r.kind == OP_OBS &&
			    (n->l.kind == OP_OBS ? ev->obs[n->l.idx].set != 0 :
			    ev->checks[n->l.idx].n > 0))
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
			m[*nm].far = far_ref(c, ev, refs[k]);
			(*nm)++;
		}
	}
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

	if (a->far != b->far)
		return a->far - b->far;
	if (sa != sb)
		return sb - sa;
	if (wa != wb)
		return wa < wb ? 1 : -1;
	return strcmp(a->ref, b->ref);
}

void
rs_items(const struct catalogue *c, struct evidence *ev, struct cand *a)
{
	const struct fault *f = &c->faults[a->fault];

	a->nitems = a->nagainst = 0;
	for (size_t j = 0; j < f->nrules; j++) {
		const struct rule *r = &f->rules[j];

		if (r->kind == R_EXCLUDE || (!r->always &&
		    !rs_touches(c, ev, r->refmask)))
			continue;
		if (r->kind == R_FOR)
			items_of(c, ev, r->expr, "", a->items, &a->nitems);
		else
			items_of(c, ev, r->expr, "!", a->against,
			    &a->nagainst);
	}
}

/*
 * The evidence that would separate the first two candidates (or confirm
 * the only one), then what would decide the first one's side (dns.mode
 * for a resolver failure): one more item, after the evidence for the
 * faults.
 */
void
rs_missing(const struct catalogue *c, struct evidence *ev, struct verdict *v)
{
	struct miss m[64], sm[64];
	size_t nm = 0, nsm = 0;

	for (size_t i = 0; i < v->n && i < 2; i++) {
		const struct fault *f = &c->faults[v->c[i].fault];

		for (size_t j = 0; j < f->nrules; j++)
			if (f->rules[j].kind == R_FOR)
				missing_of(c, ev, f->rules[j].expr,
				    f->rules[j].weight, (int)i, m, &nm);
	}
	if (v->n > 0) {
		const struct fault *f = &c->faults[v->c[0].fault];

		for (size_t j = 0; j < f->nside_ifs; j++)
			missing_of(c, ev, f->side_ifs[j].expr, 1, 0, sm, &nsm);
	}
	qsort(m, nm, sizeof(*m), missing_cmp);
	/* Another tool's records only when nothing nearer would do. */
	for (size_t i = 0; i < nm && v->nmissing < 4 && (!m[i].far ||
	    m[0].far); i++)
		v->missing[v->nmissing++] = item(ev, "?", m[i].ref, NULL, NULL);
	nm = v->nmissing;
	/* The side question first of the tools that ran (dns.mode before
	 * ppp.dns after linecheck): a stable sort on far alone. */
	for (size_t i = 1; i < nsm; i++)
		for (size_t k = i; k > 0 && sm[k - 1].far > sm[k].far; k--) {
			struct miss x = sm[k];

			sm[k] = sm[k - 1];
			sm[k - 1] = x;
		}
	for (size_t i = 0; i < nsm; i++) {
		size_t j;

		for (j = 0; j < nm && j < 4; j++)
			if (strcmp(m[j].ref, sm[i].ref) == 0)
				break;
		if (j < nm && j < 4)
			break;
		v->missing[v->nmissing++] = item(ev, "?", sm[i].ref, NULL,
		    NULL);
		break;
	}
	/* item() adds "=-": keep only the reference. */
	for (size_t i = 0; i < v->nmissing; i++) {
		char *eq = strrchr(v->missing[i], '=');

		if (eq)
			*eq = '\0';
	}
}
