/* SPDX-License-Identifier: MIT */
/*
 * The evidence of one case: the check records the catalogue's rules read
 * (strings copied into a per-case arena, detail keys extracted once) and
 * the observations. Reset between cases so memory stays flat.
 */
#include <stdlib.h>
#include <string.h>

#include "bbdiag/arena.h"
#include "bbdiag/bbdiag.h"
#include "lib/rec.h"
#include "lib/state.h"

static void	feed_obs(struct evidence *, const struct chkname *,
		    const struct crec *);

void
ev_init(struct evidence *ev, const struct catalogue *c)
{
	memset(ev, 0, sizeof(*ev));
	ev->cat = c;
	ev->checks = calloc(c->nchks + 1, sizeof(*ev->checks));
	ev->obs = calloc(c->nobs + 1, sizeof(*ev->obs));
	ev->touched = calloc(c->nchks + 1, sizeof(*ev->touched));
	ev->present = calloc(c->nmask + 1, sizeof(*ev->present));
	if (!ev->checks || !ev->obs || !ev->touched || !ev->present)
		abort();
}

void
ev_reset(struct evidence *ev)
{
	for (size_t i = 0; i < ev->touched_n; i++) {
		ev->checks[ev->touched[i]].r = NULL;
		ev->checks[ev->touched[i]].n = 0;
	}
	ev->touched_n = 0;
	memset(ev->obs, 0, ev->cat->nobs * sizeof(*ev->obs));
	memset(ev->present, 0, ev->cat->nmask * sizeof(*ev->present));
	ev->nrecords = ev->nok = ev->nbad = 0;
	ev->nunexplained = 0;
	ev->check_conflict = 0;
	ev->conflict_check = NULL;
	ev->case_id = NULL;
	arena_reset(&ev->arena);
}

void
ev_free(struct evidence *ev)
{
	arena_free(&ev->arena);
	free(ev->checks);
	free(ev->obs);
	free(ev->touched);
	free(ev->present);
	memset(ev, 0, sizeof(*ev));
}

char *
ev_strdup(struct evidence *ev, const char *s)
{
	return arena_strdup(&ev->arena, s);
}

static const char *
dup_or_null(struct evidence *ev, const char *s)
{
	if (s == NULL || strcmp(s, "-") == 0)
		return NULL;
	return arena_strdup(&ev->arena, s);
}

/* A number in the whole string (values like "1472", "-27.5"). */
static int
numval(const char *s, double *d)
{
	char *end;

	if (s == NULL || *s == '\0')
		return 0;
	if (!((*s >= '0' && *s <= '9') || *s == '-' || *s == '+' || *s == '.'))
		return 0;
	/* Most values are small integers (counts, ms, Mbit/s): no strtod. */
	{
		const char *p = s;
		long long n = 0;

		while (*p >= '0' && *p <= '9' && p - s < 15)
			n = n * 10 + (*p++ - '0');
		if (*p == '\0' && p > s) {
			*d = (double)n;
			return 1;
		}
	}
	*d = strtod(s, &end);
	return *end == '\0';
}

/* The host of a target (an address or a URL's host) is an IP literal. */
static int
target_is_ip(const char *t)
{
	const char *h = t, *e;
	size_t dots = 0, colons = 0;

	if (t == NULL)
		return 0;
	if ((e = strstr(t, "://")) != NULL)
		h = e + 3;
	if (*h == '[')
		return 1;
	for (e = h; *e && *e != '/' && *e != '%'; e++) {
		if (*e == '.')
			dots++;
		else if (*e == ':')
			colons++;
		else if (!((*e >= '0' && *e <= '9') ||
		    (colons && ((*e >= 'a' && *e <= 'f') ||
		    (*e >= 'A' && *e <= 'F')))))
			return 0;
	}
	return e > h && (dots == 3 || colons >= 2 || (dots == 3 &&
	    colons == 1));
}

int
ev_add_check(struct evidence *ev, const char *name, const char *target,
    const char *status, const char *value, const char *unit,
    const char *detail)
{
	const struct catalogue *c = ev->cat;
	enum bbt_state st;
	struct cset *cs;
	struct crec *r;
	const struct chkname *k;
	int i;

	/* The common words first, without the library's search. */
	if (status[0] == 'o' && status[1] == 'k' && status[2] == '\0')
		st = BBT_OK;
	else if (status[0] == 'c' && strcmp(status, "critical") == 0)
		st = BBT_CRITICAL;
	else if (bbt_state_parse(status, &st) < 0)
		return -1;
	ev->nrecords++;
	if (st == BBT_OK || st == BBT_INFO)
		ev->nok++;
	else if (st == BBT_WARNING || st == BBT_CRITICAL)
		ev->nbad++;
	if ((i = cat_check_find(c, name, strlen(name))) < 0) {
		/* No rule reads it: only a failure is worth remembering. */
		if ((st == BBT_WARNING || st == BBT_CRITICAL) &&
		    ev->nunexplained < 4)
			ev->unexplained[ev->nunexplained++] =
			    arena_strdup(&ev->arena, name);
		return 0;
	}
	cs = &ev->checks[i];
	k = &c->chks[i];
	if (cs->n == 0) {
		size_t bit = c->nobs + (size_t)i;

		ev->touched[ev->touched_n++] = i;
		ev->present[bit / 64] |= (uint64_t)1 << (bit % 64);
	}
	if (target == NULL || strcmp(target, "-") == 0)
		target = NULL;
	/* The same object seen ok and failed within one case: report it. */
	for (size_t j = 0; j < cs->n; j++) {
		const struct crec *o = &cs->r[j];

		if (((o->target == NULL && target == NULL) || (o->target &&
		    target && strcmp(o->target, target) == 0)) &&
		    ((o->status == BBT_OK && st == BBT_CRITICAL) ||
		    (o->status == BBT_CRITICAL && st == BBT_OK))) {
			ev->check_conflict = 1;
			ev->conflict_check = k->name;
		}
	}
	/* Only the detail keys some rule reads are kept, each parsed once
	 * here rather than at every evaluation. */
	cs->r = arena_grow(&ev->arena, cs->r, cs->n, sizeof(*cs->r));
	r = &cs->r[cs->n++];
	r->status = (int)st;
	r->value = dup_or_null(ev, value);
	r->isnum = numval(r->value, &r->num);
	r->target = target ? arena_strdup(&ev->arena, target) : NULL;
	r->target_ip = target_is_ip(target);
	r->unit = dup_or_null(ev, unit);
	if (k->ndkeys > 0) {
		char key[64], val[512];
		const char *p = detail;

		r->det = arena_alloc(&ev->arena, k->ndkeys * sizeof(*r->det));
		if (p == NULL)
			return 0;
		while (bbt_kv_next(&p, key, sizeof(key), val, sizeof(val)) > 0)
			for (size_t j = 0; j < k->ndkeys; j++)
				if (r->det[j] == NULL &&
				    k->dkeys[j][0] == key[0] &&
				    strcmp(k->dkeys[j], key) == 0 &&
				    strcmp(val, "-") != 0) {
					r->det[j] = arena_strdup(&ev->arena,
					    val);
					break;
				}
		if (k->feeds >= 0)
			feed_obs(ev, k, r);
	}
	return 0;
}

/* A dial-up code carried in a text counts when none was given. */
static void
code_from_text(struct evidence *ev, const char *code)
{
	const struct catalogue *c = ev->cat;
	double d;
	int vi;

	if (code[0] == '\0' || c->code_key < 0 || ev->obs[c->code_key].set)
		return;
	if ((vi = cat_obs_value(&c->obs[c->code_key], code, &d)) >= 0)
		ev_set_obs(ev, c->code_key, vi, d, code);
}

void
ev_set_obs_text(struct evidence *ev, int key, const char *val)
{
	const struct obs_decl *d = &ev->cat->obs[key];
	char code[8] = "";
	double num = 0;
	int vi;

	if (d->classify) {
		for (vi = 0; vi < (int)d->nvals; vi++)
			if (strcmp(d->vals[vi].word, val) == 0)
				break;
		if (vi == (int)d->nvals)
			vi = msg_classify(d, val, code, sizeof(code));
		if (vi < 0)
			return;
		ev_set_obs(ev, key, vi, 0, val);
		if (strcmp(d->vals[vi].word, val) != 0)
			ev->obs[key].raw = arena_strdup(&ev->arena, val);
		code_from_text(ev, code);
		return;
	}
	if ((vi = cat_obs_value(d, val, &num)) >= 0)
		ev_set_obs(ev, key, vi, num, val);
}

/* A check detail that feeds an observation (the refusal text of
 * [ppp.auth].msg): the probe's words, unless the technician gave it. */
static void
feed_obs(struct evidence *ev, const struct chkname *k, const struct crec *r)
{
	const struct obs_decl *d = &ev->cat->obs[k->feeds];
	const char *v = r->det ? r->det[d->from_dkey] : NULL;

	/* "Login ok" is no refusal: only a failed check's text counts. */
	if (v == NULL || ev->obs[k->feeds].set || (r->status != BBT_CRITICAL &&
	    r->status != BBT_WARNING))
		return;
	ev_set_obs_text(ev, k->feeds, v);
}

void
ev_set_obs(struct evidence *ev, int key, int vi, double num, const char *text)
{
	struct oval *o = &ev->obs[key];
	const struct obs_decl *d = &ev->cat->obs[key];

	if (o->set == 1) {
		if ((d->kind == OBS_ENUM && o->vi != vi) ||
		    (d->kind == OBS_NUM && o->num != num))
			o->conflict = 1;
	}
	o->set = 1;
	o->raw = NULL;
	ev->present[key / 64] |= (uint64_t)1 << (key % 64);
	o->vi = vi;
	o->num = num;
	o->text = arena_strdup(&ev->arena, d->kind == OBS_ENUM ?
	    d->vals[vi].word : text);
}
