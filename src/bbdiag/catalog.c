/* SPDX-License-Identifier: MIT */
/*
 * The fault catalogue: a line-oriented text file (bbdiag-catalogue(5))
 * an operator's admins can read and extend. Parsed in one pass into
 * faults, observation keys, parameters and compiled rules; every error
 * is reported as file:line and the catalogue is refused as a whole.
 */
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bbdiag/arena.h"
#include "bbdiag/bbdiag.h"
#include "bbdiag/catparse.h"
#include "lib/i18n.h"
#include "lib/num.h"
#include "lib/text.h"

const char *const side_names[SIDE_NAMES] = {
	"cust_equip", "cust_account", "access_line", "op_equip", "op_network",
};

#define MAX_ERRORS	20
#define CAT_MAX_SIZE	(4 * 1024 * 1024)

void
cp_err(struct parser *ps, const char *fmt, ...)
{
	char msg[512], at[16] = "";
	va_list ap;
	int n;

	if (ps->nerr++ >= MAX_ERRORS)
		return;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	/* Line 0: a problem of the whole file (checked at its end). */
	if (ps->line)
		snprintf(at, sizeof(at), ":%u", ps->line);
	n = snprintf(NULL, 0, "%s%s: %s\n", ps->path, at, msg);
	ps->err = realloc(ps->err, ps->errlen + (size_t)n + 1);
	if (ps->err == NULL)
		abort();
	snprintf(ps->err + ps->errlen, (size_t)n + 1, "%s%s: %s\n", ps->path,
	    at, msg);
	ps->errlen += (size_t)n;
}

char *
cp_str(struct parser *ps, const char *s)
{
	return arena_strdup(&ps->c->arena, s);
}

/* ---- lookups ------------------------------------------------------------ */

int
cat_obs_find(const struct catalogue *c, const char *key)
{
	for (size_t i = 0; i < c->nobs; i++)
		if (strcmp(c->obs[i].key, key) == 0)
			return (int)i;
	return -1;
}

int
cat_param_find(const struct catalogue *c, const char *name)
{
	for (size_t i = 0; i < c->nparams; i++)
		if (strcmp(c->params[i].name, name) == 0)
			return (int)i;
	return -1;
}

static unsigned long
hash(const char *s, size_t n)
{
	unsigned long h = 2166136261u;

	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 16777619u;
	return h;
}

int
cat_check_find(const struct catalogue *c, const char *name, size_t len)
{
	size_t i;

	if (c->chash_size == 0)
		return -1;
	i = hash(name, len) & (c->chash_size - 1);
	for (; c->chash[i]; i = (i + 1) & (c->chash_size - 1)) {
		const char *n = c->chks[c->chash[i] - 1].name;

		if (strncmp(n, name, len) == 0 && n[len] == '\0')
			return c->chash[i] - 1;
	}
	return -1;
}

int
cp_chk(struct parser *ps, const char *name)
{
	struct catalogue *c = ps->c;

	for (size_t i = 0; i < c->nchks; i++)
		if (strcmp(c->chks[i].name, name) == 0)
			return (int)i;
	c->chks = arena_grow(&c->arena, c->chks, c->nchks, sizeof(*c->chks));
	c->chks[c->nchks].name = cp_str(ps, name);
	c->chks[c->nchks].feeds = -1;
	return (int)c->nchks++;
}

int
cp_dkey(struct parser *ps, int chk, const char *key)
{
	struct chkname *k = &ps->c->chks[chk];

	for (size_t i = 0; i < k->ndkeys; i++)
		if (strcmp(k->dkeys[i], key) == 0)
			return (int)i;
	k->dkeys = arena_grow(&ps->c->arena, k->dkeys, k->ndkeys,
	    sizeof(*k->dkeys));
	k->dkeys[k->ndkeys] = cp_str(ps, key);
	return (int)k->ndkeys++;
}

/* A value word or an alias, not a classified text: for the parser. */
int
cp_word_value(const struct obs_decl *o, const char *w)
{
	for (size_t i = 0; i < o->nvals; i++)
		if (strcmp(o->vals[i].word, w) == 0)
			return (int)i;
	for (size_t i = 0; i < o->naliases; i++)
		if (strcmp(o->aliases[i].alias, w) == 0)
			return o->aliases[i].value;
	return -1;
}

int
cat_obs_value(const struct obs_decl *o, const char *val, double *num)
{
	char code[8];

	/* A reading outside the declared range is judged, not refused:
	 * a meter's -70 dBm is "no light" (the range is for --ask). */
	if (o->kind == OBS_NUM) {
		if (bbt_num_double(val, -1e9, 1e9, num) != NULL)
			return -1;
		return 0;
	}
	for (size_t i = 0; i < o->nvals; i++)
		if (strcmp(o->vals[i].word, val) == 0)
			return (int)i;
	for (size_t i = 0; i < o->naliases; i++)
		if (strcmp(o->aliases[i].alias, val) == 0)
			return o->aliases[i].value;
	if (o->classify)
		return msg_classify(o, val, code, sizeof(code));
	return -1;
}

char *
cat_obs_valid(const struct obs_decl *o)
{
	size_t sz = 64;
	char *s;

	if (o->kind == OBS_NUM) {
		if (asprintf(&s, _("a number from %g to %g"), o->min,
		    o->max) < 0)
			return NULL;
		return s;
	}
	for (size_t i = 0; i < o->nvals; i++)
		sz += strlen(o->vals[i].word) + 2;
	if ((s = malloc(sz)) == NULL)
		return NULL;
	s[0] = '\0';
	for (size_t i = 0; i < o->nvals; i++) {
		if (i)
			strcat(s, ", ");
		strcat(s, o->vals[i].word);
	}
	return s;
}

/* ---- directives ------------------------------------------------------ */

/* Splits off the first word of *s (NUL-terminated in place). */
char *
cp_next_word(char **s)
{
	char *w, *p = *s;

	while (*p == ' ' || *p == '\t')
		p++;
	if (*p == '\0')
		return NULL;
	w = p;
	while (*p && *p != ' ' && *p != '\t')
		p++;
	if (*p)
		*p++ = '\0';
	while (*p == ' ' || *p == '\t')
		p++;
	*s = p;
	return w;
}

/* "en TEXT" / "zh TEXT" into *en or *zh. */
void
cp_lang_text(struct parser *ps, const char *what, char *rest, char **en,
    char **zh)
{
	char *lang = cp_next_word(&rest);

	if (lang == NULL || *rest == '\0' ||
	    (strcmp(lang, "en") != 0 && strcmp(lang, "zh") != 0)) {
		cp_err(ps, _("'%s' takes a language (en or zh) and a text"),
		    what);
		return;
	}
	if (*(lang[0] == 'e' ? en : zh) != NULL) {
		cp_err(ps, _("'%s %s' given twice"), what, lang);
		return;
	}
	*(lang[0] == 'e' ? en : zh) = cp_str(ps, rest);
}

int
cp_ident_ok(const char *s)
{
	if (!islower((unsigned char)*s))
		return 0;
	for (; *s; s++)
		if (!islower((unsigned char)*s) && !isdigit((unsigned char)*s)
		    && *s != '_' && *s != '.')
			return 0;
	return 1;
}


/*
 * Blocks are implicit: an opener (obs, fault, conflict) makes the
 * following attribute lines its own until the next opener or top-level
 * line, so indentation is only for the reader.
 */
static void
directive(struct parser *ps, char *line)
{
	char *rest = line, *dir = cp_next_word(&rest);

	if (strcmp(dir, "version") == 0) {
		if (strcmp(rest, "1") != 0)
			cp_err(ps, _("unsupported catalogue version '%s' (this "
			    "bbdiag reads version 1)"), rest);
	} else if (strcmp(dir, "param") == 0) {
		ps->block = B_NONE;
		cp_param(ps, rest);
	} else if (strcmp(dir, "layer") == 0 && ps->block != B_FAULT) {
		cp_layer(ps, rest);
	} else if (strcmp(dir, "obs") == 0) {
		ps->block = B_NONE;
		cp_obs(ps, rest);
	} else if (strcmp(dir, "fault") == 0) {
		ps->block = B_NONE;
		cp_fault(ps, rest);
	} else if (strcmp(dir, "conflict") == 0) {
		ps->block = B_NONE;
		cp_conflict(ps, rest);
	} else if (strcmp(dir, "pattern") == 0) {
		ps->block = B_NONE;
		cp_pattern(ps, rest);
	} else if (strcmp(dir, "reply") == 0 && cp_reply_kind(rest) >= 0) {
		ps->block = B_NONE;
		cp_reply(ps, rest);
	} else if (ps->block == B_OBS) {
		cp_obs_attr(ps, dir, rest);
	} else if (ps->block == B_FAULT) {
		cp_fault_attr(ps, dir, rest);
	} else if (ps->block == B_CONFLICT && strcmp(dir, "text") == 0) {
		struct conflict *k = &ps->c->conflicts[ps->c->nconflicts - 1];

		cp_lang_text(ps, "text", rest, &k->en, &k->zh);
	} else {
		cp_err(ps, _("unknown directive '%s'"), dir);
	}
}

static void
mask_of(const struct catalogue *c, const struct node *n, uint64_t *m)
{
	const struct operand *ops[2] = { &n->l, &n->r };

	if (n->op == N_AND || n->op == N_OR || n->op == N_NOT) {
		mask_of(c, n->a, m);
		if (n->b)
			mask_of(c, n->b, m);
		return;
	}
	for (int i = 0; i < 2; i++) {
		size_t bit;

		if (ops[i]->kind == OP_OBS)
			bit = (size_t)ops[i]->idx;
		else if (ops[i]->kind == OP_CHECK)
			bit = c->nobs + (size_t)ops[i]->idx;
		else
			continue;
		m[bit / 64] |= (uint64_t)1 << (bit % 64);
	}
}

/*
 * Which evidence each rule, fault and conflict reads: the batch fast
 * path. A rule's atoms see only their own references, so with none of
 * them present it evaluates as over no evidence at all; only a rule that
 * is true then ("not has", defaults) must always be evaluated.
 */
static void
build_masks(struct catalogue *c)
{
	struct evidence none;

	c->nmask = (c->nobs + c->nchks + 63) / 64;
	if (c->nmask == 0)
		c->nmask = 1;
	ev_init(&none, c);
	for (size_t i = 0; i < c->nfaults; i++) {
		struct fault *f = &c->faults[i];

		f->refmask = arena_alloc(&c->arena, c->nmask * 8);
		for (size_t j = 0; j < f->nrules; j++) {
			struct rule *r = &f->rules[j];

			r->refmask = arena_alloc(&c->arena, c->nmask * 8);
			mask_of(c, r->expr, r->refmask);
			r->always = diag_eval(c, &none, r->expr) == TV_TRUE;
			if (r->kind == R_FOR) {
				mask_of(c, r->expr, f->refmask);
				f->always |= r->always;
			}
		}
	}
	for (size_t i = 0; i < c->nconflicts; i++) {
		struct conflict *k = &c->conflicts[i];

		k->refmask = arena_alloc(&c->arena, c->nmask * 8);
		mask_of(c, k->expr, k->refmask);
		k->always = diag_eval(c, &none, k->expr) == TV_TRUE;
	}
	ev_free(&none);
}

static double
param_or(const struct catalogue *c, const char *name, double def)
{
	int i = cat_param_find(c, name);

	return i < 0 ? def : c->params[i].val;
}

static void
build_hash(struct catalogue *c)
{
	size_t sz = 16;

	while (sz < c->nchks * 4)
		sz *= 2;
	c->chash = arena_alloc(&c->arena, sz * sizeof(*c->chash));
	c->chash_size = sz;
	for (size_t i = 0; i < c->nchks; i++) {
		size_t h = hash(c->chks[i].name, strlen(c->chks[i].name)) &
		    (sz - 1);

		while (c->chash[h])
			h = (h + 1) & (sz - 1);
		c->chash[h] = (int)i + 1;
	}
}

struct catalogue *
cat_parse(const char *path, const char *text, size_t len, char **errp)
{
	struct parser ps;
	const char *p = text, *end = text + len;
	char *buf = NULL;

	memset(&ps, 0, sizeof(ps));
	if ((ps.c = calloc(1, sizeof(*ps.c))) == NULL)
		abort();
	ps.c->access_key = -1;
	ps.c->code_key = -1;
	ps.path = path;
	ps.c->path = cp_str(&ps, path);
	if (bbt_utf8_check(text, len) >= 0) {
		long off = bbt_utf8_check(text, len);

		ps.line = 1;
		for (long i = 0; i < off; i++)
			ps.line += text[i] == '\n';
		cp_err(&ps, _("invalid UTF-8"));
		goto out;
	}
	/* Keep going after an error: an admin fixes them all in one pass. */
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
		char *s, *e;

		ps.line++;
		free(buf);
		if ((buf = malloc(n + 1)) == NULL)
			abort();
		memcpy(buf, p, n);
		buf[n] = '\0';
		p += n + (nl != NULL);
		if (memchr(buf, '\0', n) != NULL) {
			cp_err(&ps, _("NUL byte in the catalogue"));
			continue;
		}
		for (e = buf + n; e > buf && isspace((unsigned char)e[-1]); e--)
			;
		*e = '\0';
		for (s = buf; *s == ' ' || *s == '\t'; s++)
			;
		if (*s == '\0' || *s == '#')
			continue;
		for (char *q = s; *q; q++)
			if (*q == '\r' || *q == '\v' || *q == '\f')
				*q = ' ';
		directive(&ps, s);
	}
	free(buf);
	cp_link_patterns(&ps);
	cp_validate(&ps);
out:
	if (ps.nerr > MAX_ERRORS)
		cp_err(&ps, "...");
	if (ps.nerr > 0) {
		*errp = ps.err;
		cat_free(ps.c);
		return NULL;
	}
	build_hash(ps.c);
	build_masks(ps.c);
	ps.c->min_score = param_or(ps.c, "min_score", 3);
	ps.c->confidence_k = param_or(ps.c, "confidence_k", 2);
	ps.c->conflict_factor = param_or(ps.c, "conflict_factor", 0.5);
	ps.c->ask_stop = param_or(ps.c, "ask_stop", 0.75);
	*errp = NULL;
	return ps.c;
}

/* The file is read whole (a catalogue is tens of kilobytes) so that the
 * parser, the fuzzer and the unit tests share one entry, cat_parse(). */
struct catalogue *
cat_load(const char *path, char **errp)
{
	FILE *fp;
	char *text = NULL;
	size_t len = 0, cap = 0, n;
	struct catalogue *c;

	if ((fp = fopen(path, "r")) == NULL) {
		if (asprintf(errp, "%s: %s\n", path, strerror(errno)) < 0)
			*errp = NULL;
		return NULL;
	}
	for (;;) {
		if (cap - len < 65536) {
			cap = cap ? cap * 2 : 65536;
			if ((text = realloc(text, cap)) == NULL)
				abort();
		}
		n = fread(text + len, 1, cap - len, fp);
		len += n;
		if (n == 0)
			break;
		if (len > CAT_MAX_SIZE) {
			fclose(fp);
			free(text);
			if (asprintf(errp, _("%s: the catalogue is larger than "
			    "4 MiB\n"), path) < 0)
				*errp = NULL;
			return NULL;
		}
	}
	if (ferror(fp)) {
		int e = errno;

		fclose(fp);
		free(text);
		if (asprintf(errp, "%s: %s\n", path, strerror(e)) < 0)
			*errp = NULL;
		return NULL;
	}
	fclose(fp);
	c = cat_parse(path, text, len, errp);
	free(text);
	return c;
}

void
cat_free(struct catalogue *c)
{
	if (c == NULL)
		return;
	arena_free(&c->arena);
	free(c);
}
