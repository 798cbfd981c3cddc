/* SPDX-License-Identifier: MIT */
/*
 * The declaration directives of the catalogue: parameters, layers,
 * observation keys and their attributes, faults and conflicts, and
 * the checks of completeness at the end of the file.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bbdiag/arena.h"
#include "bbdiag/bbdiag.h"
#include "bbdiag/catparse.h"
#include "lib/i18n.h"
#include "lib/num.h"

static int
layer_find(const struct catalogue *c, const char *id)
{
	for (size_t i = 0; i < c->nlayers; i++)
		if (strcmp(c->layers[i].id, id) == 0)
			return (int)i;
	return -1;
}

static int
side_find(const char *s)
{
	for (int i = 0; i < SIDE_NAMES; i++)
		if (strcmp(side_names[i], s) == 0)
			return i;
	return -1;
}

/* Parameters must come first in the file: rules resolve $name at once,
 * which keeps evaluation free of name lookups. */
void
cp_param(struct parser *ps, char *rest)
{
	struct catalogue *c = ps->c;
	char *name = cp_next_word(&rest), *val = cp_next_word(&rest);
	char *unit = cp_next_word(&rest);
	struct param *p;
	double v;

	if (name == NULL || val == NULL || !cp_ident_ok(name)) {
		cp_err(ps, _("'param' takes a name, a value and optionally a "
		    "unit"));
		return;
	}
	if (cat_param_find(c, name) >= 0) {
		cp_err(ps, _("parameter '%s' defined twice"), name);
		return;
	}
	if (bbt_num_double(val, -1e9, 1e9, &v) != NULL) {
		cp_err(ps, _("parameter '%s': '%s' is not a number"), name,
		    val);
		return;
	}
	c->params = arena_grow(&c->arena, c->params, c->nparams,
	    sizeof(*c->params));
	p = &c->params[c->nparams++];
	p->name = cp_str(ps, name);
	p->val = v;
	p->unit = unit ? cp_str(ps, unit) : NULL;
}

void
cp_layer(struct parser *ps, char *rest)
{
	struct catalogue *c = ps->c;
	char *id = cp_next_word(&rest);
	int i;

	if (id == NULL || !cp_ident_ok(id)) {
		cp_err(ps, _("'layer' takes an id, a language and a text"));
		return;
	}
	if (c->nfaults > 0) {
		cp_err(ps, _("layers must be declared before the first fault"));
		return;
	}
	if ((i = layer_find(c, id)) < 0) {
		c->layers = arena_grow(&c->arena, c->layers, c->nlayers,
		    sizeof(*c->layers));
		i = (int)c->nlayers++;
		c->layers[i].id = cp_str(ps, id);
	}
	cp_lang_text(ps, "layer", rest, &c->layers[i].en, &c->layers[i].zh);
}

/* The observation vocabulary lives in the catalogue, not in the code:
 * operands, obs records, guided questions and completions all read it. */
void
cp_obs(struct parser *ps, char *rest)
{
	struct catalogue *c = ps->c;
	char *key = cp_next_word(&rest), *kind = cp_next_word(&rest), *w;
	struct obs_decl *o;

	if (key == NULL || kind == NULL || !cp_ident_ok(key)) {
		cp_err(ps, _("'obs' takes a key and 'enum WORD...' or 'number "
		    "MIN MAX [UNIT]'"));
		return;
	}
	if (cat_obs_find(c, key) >= 0) {
		cp_err(ps, _("observation key '%s' declared twice"), key);
		return;
	}
	c->obs = arena_grow(&c->arena, c->obs, c->nobs, sizeof(*c->obs));
	o = &c->obs[c->nobs];
	o->key = cp_str(ps, key);
	o->def = -1;
	o->generic = o->otherwise = -1;
	o->from_chk = o->from_dkey = -1;
	o->line = ps->line;
	if (strcmp(kind, "enum") == 0) {
		o->kind = OBS_ENUM;
		while ((w = cp_next_word(&rest)) != NULL) {
			if (cp_word_value(o, w) >= 0) {
				cp_err(ps, _("value '%s' listed twice"), w);
				continue;
			}
			o->vals = arena_grow(&c->arena, o->vals, o->nvals,
			    sizeof(*o->vals));
			o->vals[o->nvals++].word = cp_str(ps, w);
		}
		if (o->nvals == 0) {
			cp_err(ps, _("'obs %s enum' lists no values"), key);
			return;
		}
	} else if (strcmp(kind, "number") == 0) {
		char *mn = cp_next_word(&rest), *mx = cp_next_word(&rest);
		char *unit = cp_next_word(&rest);

		o->kind = OBS_NUM;
		if (mn == NULL || mx == NULL ||
		    bbt_num_double(mn, -1e9, 1e9, &o->min) != NULL ||
		    bbt_num_double(mx, o->min, 1e9, &o->max) != NULL) {
			cp_err(ps, _("'obs %s number' needs MIN and MAX"), key);
			return;
		}
		o->unit = unit ? cp_str(ps, unit) : NULL;
	} else {
		cp_err(ps, _("unknown observation kind '%s' (use enum or "
		    "number)"), kind);
		return;
	}
	if (strcmp(key, "access") == 0)
		c->access_key = (int)c->nobs;
	if (strcmp(key, "code") == 0)
		c->code_key = (int)c->nobs;
	c->nobs++;
	ps->block = B_OBS;
}

/* "from [check].key": the check's detail sets the observation (the
 * refusal text of [ppp.auth].msg becomes auth_msg). */
static void
obs_from(struct parser *ps, struct obs_decl *o, char *rest)
{
	char *w = cp_next_word(&rest), *dot;
	size_t l;
	int k;

	if (w == NULL || w[0] != '[' || (dot = strstr(w, "].")) == NULL ||
	    dot[2] == '\0' || cp_next_word(&rest) != NULL ||
	    o->kind != OBS_ENUM || !o->classify) {
		cp_err(ps, _("'from' takes [check].key, after 'classify'"));
		return;
	}
	*dot = '\0';
	l = strlen(w + 1);
	if (l == 0 || !cp_ident_ok(w + 1) || !cp_ident_ok(dot + 2)) {
		cp_err(ps, _("'from' takes [check].key, after 'classify'"));
		return;
	}
	k = cp_chk(ps, w + 1);
	if (ps->c->chks[k].feeds >= 0) {
		cp_err(ps, _("check '%s' already sets an observation"), w + 1);
		return;
	}
	o->from_chk = k;
	o->from_dkey = cp_dkey(ps, k, dot + 2);
	ps->c->chks[k].feeds = (int)(o - ps->c->obs);
}

/* The value index of the next word of *rest in enum o; -1 if none. */
static int
enum_word(const struct obs_decl *o, char **rest)
{
	char *w = cp_next_word(rest);

	if (w == NULL || o->kind != OBS_ENUM)
		return -1;
	return cp_word_value(o, w);
}

static void
obs_alias(struct parser *ps, struct obs_decl *o, char *rest)
{
	struct catalogue *c = ps->c;
	char *a = cp_next_word(&rest);
	int vi;

	if (a == NULL || (vi = enum_word(o, &rest)) < 0 ||
	    cp_next_word(&rest) != NULL) {
		cp_err(ps, _("'alias' takes a text and one of the values "
		    "of '%s'"), o->key);
		return;
	}
	if (cp_word_value(o, a) >= 0) {
		cp_err(ps, _("alias '%s' is already a value or an alias"), a);
		return;
	}
	o->aliases = arena_grow(&c->arena, o->aliases, o->naliases,
	    sizeof(*o->aliases));
	o->aliases[o->naliases].alias = cp_str(ps, a);
	o->aliases[o->naliases++].value = vi;
}

static void
obs_probe(struct parser *ps, struct obs_decl *o, char *rest)
{
	struct catalogue *c = ps->c;
	char *w;
	double d;

	if (o->kind != OBS_NUM) {
		cp_err(ps, _("'probe' is for numeric observations"));
		return;
	}
	while ((w = cp_next_word(&rest)) != NULL) {
		if (bbt_num_double(w, o->min, o->max, &d) != NULL) {
			cp_err(ps, _("probe value '%s' is not a number in the "
			    "range of '%s'"), w, o->key);
			return;
		}
		o->probe = arena_grow(&c->arena, o->probe, o->nprobe,
		    sizeof(*o->probe));
		o->probe[o->nprobe++] = d;
	}
}

void
cp_obs_attr(struct parser *ps, const char *dir, char *rest)
{
	struct catalogue *c = ps->c;
	struct obs_decl *o = &c->obs[c->nobs - 1];
	int vi;

	if (strcmp(dir, "ask") == 0) {
		cp_lang_text(ps, "ask", rest, &o->ask_en, &o->ask_zh);
	} else if (strcmp(dir, "value") == 0) {
		if ((vi = enum_word(o, &rest)) < 0) {
			cp_err(ps, _("'value' names one of the values of '%s'"),
			    o->key);
			return;
		}
		cp_lang_text(ps, "value", rest, &o->vals[vi].en,
		    &o->vals[vi].zh);
	} else if (strcmp(dir, "alias") == 0) {
		obs_alias(ps, o, rest);
	} else if (strcmp(dir, "probe") == 0) {
		obs_probe(ps, o, rest);
	} else if (strcmp(dir, "default") == 0) {
		if ((vi = enum_word(o, &rest)) < 0) {
			cp_err(ps, _("'default' names one of the values of "
			    "'%s'"), o->key);
			return;
		}
		o->def = vi;
	} else if (strcmp(dir, "classify") == 0) {
		if (o->kind != OBS_ENUM || *rest != '\0') {
			cp_err(ps, _("'classify' takes no argument and is for "
			    "enum observations"));
			return;
		}
		o->classify = 1;
	} else if (strcmp(dir, "generic") == 0 ||
	    strcmp(dir, "otherwise") == 0) {
		if ((vi = enum_word(o, &rest)) < 0) {
			cp_err(ps, _("'%s' names one of the values of '%s'"),
			    dir, o->key);
			return;
		}
		if (dir[0] == 'g')
			o->generic = vi;
		else
			o->otherwise = vi;
	} else if (strcmp(dir, "from") == 0) {
		obs_from(ps, o, rest);
	} else
		cp_err(ps, _("unknown directive '%s' in an obs block"), dir);
}

void
cp_fault(struct parser *ps, char *rest)
{
	struct catalogue *c = ps->c;
	char *id = cp_next_word(&rest);

	if (id == NULL || !cp_ident_ok(id) || *rest != '\0') {
		cp_err(ps, _("'fault' takes one id (lower case, digits, _)"));
		return;
	}
	for (size_t i = 0; i < c->nfaults; i++)
		if (strcmp(c->faults[i].id, id) == 0) {
			cp_err(ps, _("fault '%s' defined twice (first at line "
			    "%u)"), id, c->faults[i].line);
			return;
		}
	if (strcmp(id, "none") == 0 || strcmp(id, "unknown") == 0) {
		cp_err(ps, _("'%s' is reserved"), id);
		return;
	}
	c->faults = arena_grow(&c->arena, c->faults, c->nfaults,
	    sizeof(*c->faults));
	c->faults[c->nfaults].id = cp_str(ps, id);
	c->faults[c->nfaults].layer = -1;
	c->faults[c->nfaults].side = -1;
	c->faults[c->nfaults].line = ps->line;
	c->nfaults++;
	ps->block = B_FAULT;
}

static void
fault_access(struct parser *ps, struct fault *f, char *rest)
{
	struct catalogue *c = ps->c;
	const struct obs_decl *o;
	char *w;
	double d;
	int vi;

	if (c->access_key < 0) {
		cp_err(ps, _("'access' needs 'obs access enum ...' declared "
		    "first"));
		return;
	}
	o = &c->obs[c->access_key];
	while ((w = cp_next_word(&rest)) != NULL) {
		if (strcmp(w, "any") == 0) {
			f->access = 0;
			continue;
		}
		if ((vi = cat_obs_value(o, w, &d)) < 0 || vi >= 32) {
			char *v = cat_obs_valid(o);

			cp_err(ps, _("invalid value '%s' for '%s': valid are "
			    "%s"), w, "access", v ? v : "");
			free(v);
			return;
		}
		f->access |= 1u << vi;
	}
}

/* "side SIDE" (the default) or "side SIDE if RULE". */
static void
fault_side(struct parser *ps, struct fault *f, char *rest)
{
	struct catalogue *c = ps->c;
	char *w;
	int s;

	if ((w = cp_next_word(&rest)) == NULL || (s = side_find(w)) < 0) {
		cp_err(ps, _("'side' names one of cust_equip, cust_account, "
		    "access_line, op_equip, op_network"));
		return;
	}
	if (*rest == '\0') {
		if (f->side >= 0)
			cp_err(ps, _("the default side is given twice"));
		f->side = s;
		return;
	}
	if ((w = cp_next_word(&rest)) == NULL || strcmp(w, "if") != 0) {
		cp_err(ps, _("'side SIDE' is followed by nothing or by 'if "
		    "RULE'"));
		return;
	}
	f->side_ifs = arena_grow(&c->arena, f->side_ifs, f->nside_ifs,
	    sizeof(*f->side_ifs));
	f->side_ifs[f->nside_ifs].side = s;
	if ((f->side_ifs[f->nside_ifs].expr = cp_rule(ps, rest)))
		f->nside_ifs++;
}

static void
fault_step(struct parser *ps, struct fault *f, char *rest)
{
	char *w;
	size_t i;

	if ((w = cp_next_word(&rest)) == NULL || !cp_ident_ok(w)) {
		cp_err(ps, _("'step' takes a key (lower-case ASCII), a "
		    "language and a text"));
		return;
	}
	for (i = 0; i < f->nsteps; i++)
		if (strcmp(f->steps[i].key, w) == 0)
			break;
	if (i == f->nsteps) {
		f->steps = arena_grow(&ps->c->arena, f->steps, f->nsteps,
		    sizeof(*f->steps));
		f->steps[f->nsteps++].key = cp_str(ps, w);
	}
	cp_lang_text(ps, "step", rest, &f->steps[i].en, &f->steps[i].zh);
}

/* "for W RULE", "against W RULE", "exclude RULE". */
static void
fault_rule(struct parser *ps, struct fault *f, const char *dir, char *rest)
{
	struct rule r;
	char *w;

	memset(&r, 0, sizeof(r));
	r.line = ps->line;
	if (dir[0] == 'e') {
		r.kind = R_EXCLUDE;
	} else {
		r.kind = dir[0] == 'f' ? R_FOR : R_AGAINST;
		if ((w = cp_next_word(&rest)) == NULL ||
		    bbt_num_double(w, 0.01, 100, &r.weight) != NULL) {
			cp_err(ps, _("'%s' takes a weight (0.01 to 100) and a "
			    "rule"), dir);
			return;
		}
	}
	r.text = cp_str(ps, rest);
	if ((r.expr = cp_rule(ps, rest)) == NULL)
		return;
	f->rules = arena_grow(&ps->c->arena, f->rules, f->nrules,
	    sizeof(*f->rules));
	f->rules[f->nrules++] = r;
}

/* "after ID...": faults that can cause this one, resolved at the end of
 * the file (they may be defined later). */
static void
fault_after(struct parser *ps, struct fault *f, char *rest)
{
	char *w;

	if (*rest == '\0') {
		cp_err(ps, _("'after' takes the ids of the faults that can cause "
		    "this one"));
		return;
	}
	while ((w = cp_next_word(&rest)) != NULL) {
		if (!cp_ident_ok(w)) {
			cp_err(ps, _("'after' takes fault ids, not '%s'"), w);
			return;
		}
		f->after = arena_grow(&ps->c->arena, f->after, f->nafter,
		    sizeof(*f->after));
		f->after[f->nafter].id = cp_str(ps, w);
		f->after[f->nafter].line = ps->line;
		f->after[f->nafter++].fault = -1;
	}
}

void
cp_fault_attr(struct parser *ps, const char *dir, char *rest)
{
	struct catalogue *c = ps->c;
	struct fault *f = &c->faults[c->nfaults - 1];
	char *w;

	if (strcmp(dir, "access") == 0) {
		fault_access(ps, f, rest);
	} else if (strcmp(dir, "layer") == 0) {
		if ((w = cp_next_word(&rest)) == NULL || *rest != '\0' ||
		    (f->layer = layer_find(c, w)) < 0)
			cp_err(ps, _("'layer' names one declared layer"));
	} else if (strcmp(dir, "side") == 0) {
		fault_side(ps, f, rest);
	} else if (strcmp(dir, "name") == 0) {
		cp_lang_text(ps, "name", rest, &f->name_en, &f->name_zh);
	} else if (strcmp(dir, "cause") == 0) {
		cp_lang_text(ps, "cause", rest, &f->cause_en, &f->cause_zh);
	} else if (strcmp(dir, "reply") == 0) {
		cp_lang_text(ps, "reply", rest, &f->reply_en, &f->reply_zh);
	} else if (strcmp(dir, "step") == 0) {
		fault_step(ps, f, rest);
	} else if (strcmp(dir, "after") == 0) {
		fault_after(ps, f, rest);
	} else if (strcmp(dir, "for") == 0 || strcmp(dir, "against") == 0 ||
	    strcmp(dir, "exclude") == 0) {
		fault_rule(ps, f, dir, rest);
	} else
		cp_err(ps, _("unknown directive '%s' in a fault block"), dir);
}

void
cp_conflict(struct parser *ps, char *rest)
{
	struct catalogue *c = ps->c;
	char *id = cp_next_word(&rest);
	struct conflict *k;

	if (id == NULL || !cp_ident_ok(id) || *rest == '\0') {
		cp_err(ps, _("'conflict' takes an id and a rule"));
		return;
	}
	c->conflicts = arena_grow(&c->arena, c->conflicts, c->nconflicts,
	    sizeof(*c->conflicts));
	k = &c->conflicts[c->nconflicts];
	k->id = cp_str(ps, id);
	k->line = ps->line;
	if ((k->expr = cp_rule(ps, rest)) == NULL)
		return;
	c->nconflicts++;
	ps->block = B_CONFLICT;
}

static int
fault_find(const struct catalogue *c, const char *id)
{
	for (size_t i = 0; i < c->nfaults; i++)
		if (strcmp(c->faults[i].id, id) == 0)
			return (int)i;
	return -1;
}

static void
resolve_after(struct parser *ps, struct fault *f)
{
	for (size_t j = 0; j < f->nafter; j++) {
		struct fault_after *a = &f->after[j];

		ps->line = a->line;
		if ((a->fault = fault_find(ps->c, a->id)) < 0)
			cp_err(ps, _("fault '%s': 'after' names '%s', which is "
			    "not a fault"), f->id, a->id);
		else if (&ps->c->faults[a->fault] == f)
			cp_err(ps, _("fault '%s' cannot come after itself"),
			    f->id);
	}
}

/* What a complete fault needs, checked at the end of the file. */
void
cp_validate(struct parser *ps)
{
	struct catalogue *c = ps->c;

	for (size_t i = 0; i < c->nlayers; i++) {
		ps->line = 0;
		if (c->layers[i].en == NULL || c->layers[i].zh == NULL)
			cp_err(ps, _("layer '%s' needs both an en and a zh "
			    "text"), c->layers[i].id);
	}
	for (size_t i = 0; i < c->nobs; i++) {
		const struct obs_decl *o = &c->obs[i];

		ps->line = o->line;
		if ((o->ask_en == NULL) != (o->ask_zh == NULL))
			cp_err(ps, _("'%s': 'ask' needs both en and zh"),
			    o->key);
		for (size_t j = 0; j < o->nvals; j++)
			if ((o->vals[j].en == NULL) != (o->vals[j].zh == NULL))
				cp_err(ps, _("'%s': value '%s' needs both an "
				    "en and a zh label"), o->key,
				    o->vals[j].word);
	}
	for (size_t i = 0; i < c->nfaults; i++) {
		const struct fault *f = &c->faults[i];

		ps->line = f->line;
		if (f->layer < 0)
			cp_err(ps, _("fault '%s' has no layer"), f->id);
		if (f->side < 0)
			cp_err(ps, _("fault '%s' has no default side"), f->id);
		if (!f->name_en || !f->name_zh || !f->cause_en ||
		    !f->cause_zh)
			cp_err(ps, _("fault '%s' needs 'name' and 'cause' in "
			    "en and zh"), f->id);
		if (f->nsteps == 0)
			cp_err(ps, _("fault '%s' has no step"), f->id);
		for (size_t j = 0; j < f->nsteps; j++)
			if (!f->steps[j].en || !f->steps[j].zh)
				cp_err(ps, _("fault '%s': step '%s' needs "
				    "both en and zh"), f->id, f->steps[j].key);
		size_t nfor = 0;
		for (size_t j = 0; j < f->nrules; j++)
			nfor += f->rules[j].kind == R_FOR;
		if (nfor == 0)
			cp_err(ps, _("fault '%s' has no 'for' rule"), f->id);
		resolve_after(ps, &c->faults[i]);
	}
	for (size_t i = 0; i < c->nconflicts; i++) {
		ps->line = c->conflicts[i].line;
		if (!c->conflicts[i].en || !c->conflicts[i].zh)
			cp_err(ps, _("conflict '%s' needs 'text' in en and zh"),
			    c->conflicts[i].id);
	}
	ps->line = 0;
	if (c->nfaults == 0)
		cp_err(ps, _("the catalogue defines no fault"));
}
