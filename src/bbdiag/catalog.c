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
#include "lib/i18n.h"
#include "lib/num.h"
#include "lib/state.h"
#include "lib/text.h"

const char *const side_names[SIDE_NAMES] = {
	"cust_equip", "cust_account", "access_line", "op_equip", "op_network",
};

#define MAX_ERRORS	20
#define CAT_MAX_SIZE	(4 * 1024 * 1024)

struct parser {
	struct catalogue *c;
	const char	*path;
	unsigned	 line;
	char		*err;
	size_t		 errlen;
	unsigned	 nerr;
	int		 block;		/* B_* */
	/* expression tokens */
	const char	*p;
	const char	*why;
	char		 whybuf[256];
	int		 depth;
	int		 nodes;
};

#define MAX_DEPTH	64
#define MAX_NODES	512

enum { B_NONE, B_OBS, B_FAULT, B_CONFLICT };

static void
perr(struct parser *ps, const char *fmt, ...)
{
	char msg[512];
	va_list ap;
	int n;

	if (ps->nerr++ >= MAX_ERRORS)
		return;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	/* Line 0: a problem of the whole file (checked at its end). */
	if (ps->line)
		n = snprintf(NULL, 0, "%s:%u: %s\n", ps->path, ps->line, msg);
	else
		n = snprintf(NULL, 0, "%s: %s\n", ps->path, msg);
	ps->err = realloc(ps->err, ps->errlen + (size_t)n + 1);
	if (ps->err == NULL)
		abort();
	if (ps->line)
		snprintf(ps->err + ps->errlen, (size_t)n + 1, "%s:%u: %s\n",
		    ps->path, ps->line, msg);
	else
		snprintf(ps->err + ps->errlen, (size_t)n + 1, "%s: %s\n",
		    ps->path, msg);
	ps->errlen += (size_t)n;
}

static char *
cstr(struct parser *ps, const char *s)
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

static int
chk_intern(struct parser *ps, const char *name)
{
	struct catalogue *c = ps->c;

	for (size_t i = 0; i < c->nchks; i++)
		if (strcmp(c->chks[i].name, name) == 0)
			return (int)i;
	c->chks = arena_grow(&c->arena, c->chks, c->nchks, sizeof(*c->chks));
	c->chks[c->nchks].name = cstr(ps, name);
	c->chks[c->nchks].feeds = -1;
	return (int)c->nchks++;
}

static int
dkey_intern(struct parser *ps, int chk, const char *key)
{
	struct chkname *k = &ps->c->chks[chk];

	for (size_t i = 0; i < k->ndkeys; i++)
		if (strcmp(k->dkeys[i], key) == 0)
			return (int)i;
	k->dkeys = arena_grow(&ps->c->arena, k->dkeys, k->ndkeys,
	    sizeof(*k->dkeys));
	k->dkeys[k->ndkeys] = cstr(ps, key);
	return (int)k->ndkeys++;
}

/* A value word or an alias, not a classified text: for the parser. */
static int
word_value(const struct obs_decl *o, const char *w)
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

/* ---- expressions ----------------------------------------------------------
 *
 * expr    := and ("or" and)*
 * and     := unary ("and" unary)*
 * unary   := "not" unary | "(" expr ")" | "has" ref | cmp
 * cmp     := operand OP operand | operand "in" "(" operand ("," operand)* ")"
 * operand := primary ["*" primary]
 * primary := [check(:ip|:name)][.field] | obs-key | $param | number | word
 *            | "quoted text"
 */

static void
skipws(struct parser *ps)
{
	while (*ps->p == ' ' || *ps->p == '\t')
		ps->p++;
}

/*
 * Bare words: ASCII identifiers, numbers, dotted check and key names,
 * MAC-like and URL-like texts, and any UTF-8 byte, so that Chinese AAA
 * messages (状态错) can be written without quotes.
 */
static int
wordch(int c)
{
	return isalnum(c) || c == '_' || c == '.' || c == '-' || c == '+' ||
	    c == ':' || c == '/' || c == '@' || c >= 0x80;
}

/* Reads a bare word into buf; 0 when none. */
static size_t
word(struct parser *ps, char *buf, size_t sz)
{
	size_t n = 0;

	skipws(ps);
	while (wordch((unsigned char)*ps->p)) {
		if (n + 1 < sz)
			buf[n++] = *ps->p;
		ps->p++;
	}
	buf[n] = '\0';
	return n;
}

static int
peek_kw(struct parser *ps, const char *kw)
{
	size_t n = strlen(kw);

	skipws(ps);
	if (strncmp(ps->p, kw, n) == 0 && !wordch((unsigned char)ps->p[n])) {
		ps->p += n;
		return 1;
	}
	return 0;
}

static void
why(struct parser *ps, const char *fmt, ...)
{
	va_list ap;

	if (ps->why != NULL)
		return;
	va_start(ap, fmt);
	vsnprintf(ps->whybuf, sizeof(ps->whybuf), fmt, ap);
	va_end(ap);
	ps->why = ps->whybuf;
}

static int
primary(struct parser *ps, struct operand *o)
{
	char w[256];

	memset(o, 0, sizeof(*o));
	o->mul_param = -1;
	skipws(ps);
	if (*ps->p == '[') {
		const char *s = ++ps->p, *e = strchr(s, ']');
		char name[128], *colon;

		if (e == NULL || (size_t)(e - s) >= sizeof(name) || e == s) {
			why(ps, _("unterminated check reference"));
			return -1;
		}
		memcpy(name, s, (size_t)(e - s));
		name[e - s] = '\0';
		ps->p = e + 1;
		o->kind = OP_CHECK;
		o->filter = CFL_ALL;
		if ((colon = strchr(name, ':')) != NULL) {
			*colon++ = '\0';
			if (strcmp(colon, "ip") == 0)
				o->filter = CFL_IP;
			else if (strcmp(colon, "name") == 0)
				o->filter = CFL_NAME;
			else {
				why(ps, _("unknown check filter ':%s' (use :ip "
				    "or :name)"), colon);
				return -1;
			}
		}
		o->idx = chk_intern(ps, name);
		o->field = CF_STATUS;
		if (*ps->p == '.') {
			ps->p++;
			if (word(ps, w, sizeof(w)) == 0) {
				why(ps, _("a field name must follow '.'"));
				return -1;
			}
			if (strcmp(w, "status") == 0)
				o->field = CF_STATUS;
			else if (strcmp(w, "value") == 0)
				o->field = CF_VALUE;
			else if (strcmp(w, "target") == 0)
				o->field = CF_TARGET;
			else if (strcmp(w, "unit") == 0)
				o->field = CF_UNIT;
			else {
				o->field = CF_DETAIL;
				o->dkey = dkey_intern(ps, o->idx, w);
			}
		}
		return 0;
	}
	if (*ps->p == '$') {
		ps->p++;
		if (word(ps, w, sizeof(w)) == 0 ||
		    (o->idx = cat_param_find(ps->c, w)) < 0) {
			why(ps, _("unknown parameter '$%s'"), w);
			return -1;
		}
		o->kind = OP_PARAM;
		return 0;
	}
	if (*ps->p == '"') {
		char buf[256];
		size_t n = 0;

		ps->p++;
		while (*ps->p && *ps->p != '"') {
			if (*ps->p == '\\' && ps->p[1])
				ps->p++;
			if (n + 1 < sizeof(buf))
				buf[n++] = *ps->p;
			ps->p++;
		}
		if (*ps->p != '"') {
			why(ps, _("unterminated quoted text"));
			return -1;
		}
		ps->p++;
		buf[n] = '\0';
		o->kind = OP_STR;
		o->str = cstr(ps, buf);
		return 0;
	}
	if (word(ps, w, sizeof(w)) == 0) {
		why(ps, _("expected a value or a reference at '%.20s'"), ps->p);
		return -1;
	}
	if ((o->idx = cat_obs_find(ps->c, w)) >= 0) {
		o->kind = OP_OBS;
		return 0;
	}
	o->kind = OP_STR;
	o->str = cstr(ps, w);
	if (bbt_num_double(w, -1e300, 1e300, &o->num) == NULL) {
		o->kind = OP_NUM;
		o->isnum = 1;
	}
	return 0;
}

static int
operand(struct parser *ps, struct operand *o)
{
	struct operand m;

	if (primary(ps, o) < 0)
		return -1;
	skipws(ps);
	if (*ps->p != '*')
		return 0;
	ps->p++;
	if (primary(ps, &m) < 0)
		return -1;
	if ((o->kind != OP_OBS && o->kind != OP_CHECK) ||
	    (m.kind != OP_NUM && m.kind != OP_PARAM)) {
		why(ps, _("'*' multiplies a reference by a number or a "
		    "parameter"));
		return -1;
	}
	o->has_mul = 1;
	o->mul_param = m.kind == OP_PARAM ? m.idx : -1;
	o->mul_num = m.num;
	return 0;
}

static int
status_word(const char *s)
{
	enum bbt_state st;

	if (bbt_state_parse(s, &st) < 0)
		return -1;
	return (int)st;
}

/*
 * Checks a constant against the reference it is compared with, at load
 * time: a misspelt light state or status word in an admin's catalogue
 * is an error with its line number, not a rule that silently never
 * holds. Enum constants are resolved to value indexes here.
 */
static int
check_const(struct parser *ps, const struct operand *ref, struct operand *k,
    enum cmpop cmp)
{
	if (ref->kind == OP_OBS) {
		const struct obs_decl *d = &ps->c->obs[ref->idx];
		double num;
		int vi;

		if (d->kind == OBS_NUM) {
			if (k->kind != OP_NUM && k->kind != OP_PARAM &&
			    k->kind != OP_OBS) {
				why(ps, _("'%s' is a number; '%s' is not"),
				    d->key, k->str ? k->str : "?");
				return -1;
			}
			if (cmp == C_CONTAINS) {
				why(ps, _("'~' compares text, not numbers"));
				return -1;
			}
			return 0;
		}
		if (k->kind == OP_OBS) {
			why(ps, _("two observations cannot be compared unless "
			    "they are numbers"));
			return -1;
		}
		if (cmp != C_EQ && cmp != C_NE) {
			why(ps, _("'%s' takes only == != and in"), d->key);
			return -1;
		}
		if (k->kind == OP_PARAM ||
		    (vi = cat_obs_value(d, k->str, &num)) < 0) {
			char *v = cat_obs_valid(d);

			why(ps, _("invalid value '%s' for '%s': valid are %s"),
			    k->str ? k->str : "$", d->key, v ? v : "");
			free(v);
			return -1;
		}
		/* Compared by value index: aliases and words alike. */
		k->idx = vi;
		return 0;
	}
	if (ref->kind == OP_CHECK && ref->field == CF_STATUS) {
		if (k->kind != OP_STR && k->kind != OP_NUM) {
			why(ps, _("a check status is compared with a status "
			    "word"));
			return -1;
		}
		if ((k->idx = status_word(k->str)) < 0) {
			why(ps, _("invalid status '%s': valid are ok, warning, "
			    "critical, unknown, skipped, info"), k->str);
			return -1;
		}
		if (cmp == C_CONTAINS) {
			why(ps, _("'~' compares text, not a status"));
			return -1;
		}
	}
	if (ref->kind == OP_CHECK && k->kind == OP_OBS &&
	    ps->c->obs[k->idx].kind != OBS_NUM) {
		why(ps, _("a check is compared with a numeric observation "
		    "only"));
		return -1;
	}
	return 0;
}

static enum cmpop
mirror(enum cmpop c)
{
	switch (c) {
	case C_LT:
		return C_GT;
	case C_LE:
		return C_GE;
	case C_GT:
		return C_LT;
	case C_GE:
		return C_LE;
	default:
		return c;
	}
}

static struct node *expr(struct parser *);
static struct node *unary(struct parser *);
static struct node *unary1(struct parser *);
static int ident_ok(const char *);

static struct node *
newnode(struct parser *ps, enum nodeop op)
{
	struct node *n;

	/* "a and b and ..." builds a deep tree: bound it like nesting. */
	if (++ps->nodes > MAX_NODES) {
		why(ps, _("the rule has too many terms"));
		ps->nodes = MAX_NODES;
	}
	n = arena_alloc(&ps->c->arena, sizeof(*n));

	n->op = op;
	return n;
}

/*
 * A comparison. The reference is kept on the left (constants on the left
 * are mirrored), so evaluation has one shape: reference OP constant(s).
 */
static struct node *
cmp(struct parser *ps)
{
	static const struct {
		const char *s;
		enum cmpop c;
	} ops[] = {
		{ "==", C_EQ }, { "!=", C_NE }, { "<=", C_LE }, { ">=", C_GE },
		{ "<", C_LT }, { ">", C_GT }, { "~", C_CONTAINS },
	};
	struct node *n;
	size_t i;

	n = newnode(ps, N_CMP);
	if (operand(ps, &n->l) < 0)
		return NULL;
	if (n->l.kind == OP_STR && ident_ok(n->l.str)) {
		why(ps, _("unknown observation key '%s' (declare it with "
		    "'obs' first)"), n->l.str);
		return NULL;
	}
	if (n->l.kind != OP_OBS && n->l.kind != OP_CHECK) {
		/* Constants on the left read badly; allow them anyway. */
		if (n->l.kind == OP_NUM || n->l.kind == OP_PARAM ||
		    n->l.kind == OP_STR) {
			struct operand k = n->l;

			skipws(ps);
			for (i = 0; i < sizeof(ops) / sizeof(ops[0]); i++)
				if (strncmp(ps->p, ops[i].s,
				    strlen(ops[i].s)) == 0)
					break;
			if (i == sizeof(ops) / sizeof(ops[0]) ||
			    ops[i].c == C_CONTAINS) {
				why(ps, _("a comparison needs an observation "
				    "or a check reference"));
				return NULL;
			}
			ps->p += strlen(ops[i].s);
			if (operand(ps, &n->l) < 0)
				return NULL;
			if (n->l.kind != OP_OBS && n->l.kind != OP_CHECK) {
				why(ps, _("a comparison needs an observation "
				    "or a check reference"));
				return NULL;
			}
			n->r = k;
			n->cmp = mirror(ops[i].c);
			return check_const(ps, &n->l, &n->r, n->cmp) < 0 ?
			    NULL : n;
		}
	}
	if (peek_kw(ps, "in")) {
		skipws(ps);
		if (*ps->p != '(') {
			why(ps, _("'in' needs a list in parentheses"));
			return NULL;
		}
		ps->p++;
		n->op = N_IN;
		n->cmp = C_EQ;
		for (;;) {
			struct operand k;

			skipws(ps);
			if (*ps->p == ')' && n->nset > 0) {
				ps->p++;
				break;
			}
			if (operand(ps, &k) < 0)
				return NULL;
			if (k.kind == OP_CHECK) {
				why(ps, _("an 'in' list holds constants"));
				return NULL;
			}
			if (check_const(ps, &n->l, &k, C_EQ) < 0)
				return NULL;
			if (n->nset == 16) {
				why(ps, _("an 'in' list holds at most 16 "
				    "values"));
				return NULL;
			}
			n->set = arena_grow(&ps->c->arena, n->set, n->nset,
			    sizeof(*n->set));
			n->set[n->nset++] = k;
			skipws(ps);
			if (*ps->p == ',')
				ps->p++;
			else if (*ps->p == '\0') {
				why(ps, _("missing ')'"));
				return NULL;
			}
		}
		return n;
	}
	skipws(ps);
	for (i = 0; i < sizeof(ops) / sizeof(ops[0]); i++)
		if (strncmp(ps->p, ops[i].s, strlen(ops[i].s)) == 0)
			break;
	if (i == sizeof(ops) / sizeof(ops[0])) {
		why(ps, _("expected a comparison operator (== != < <= > >= ~ "
		    "in) at '%.20s'"), ps->p);
		return NULL;
	}
	ps->p += strlen(ops[i].s);
	n->cmp = ops[i].c;
	if (operand(ps, &n->r) < 0)
		return NULL;
	if (n->r.kind == OP_CHECK) {
		if (n->l.kind == OP_CHECK) {
			why(ps, _("two checks cannot be compared"));
			return NULL;
		}
		if (n->cmp == C_CONTAINS) {
			why(ps, _("'~' needs the reference on its left"));
			return NULL;
		}
		struct operand t = n->l;
		n->l = n->r;
		n->r = t;
		n->cmp = mirror(n->cmp);
	}
	if (n->r.kind == OP_OBS && n->l.kind == OP_OBS &&
	    (ps->c->obs[n->l.idx].kind != OBS_NUM ||
	    ps->c->obs[n->r.idx].kind != OBS_NUM)) {
		why(ps, _("two observations cannot be compared unless they "
		    "are numbers"));
		return NULL;
	}
	if (check_const(ps, &n->l, &n->r, n->cmp) < 0)
		return NULL;
	return n;
}

static struct node *
unary(struct parser *ps)
{
	struct node *n;

	/* Rules are short; a bound keeps a hostile file off the stack. */
	if (++ps->depth > MAX_DEPTH) {
		why(ps, _("the rule is nested too deeply"));
		return NULL;
	}
	n = unary1(ps);
	ps->depth--;
	return n;
}

static struct node *
unary1(struct parser *ps)
{
	struct node *n;

	if (peek_kw(ps, "not")) {
		n = newnode(ps, N_NOT);
		return (n->a = unary(ps)) == NULL ? NULL : n;
	}
	if (peek_kw(ps, "has")) {
		n = newnode(ps, N_HAS);
		if (primary(ps, &n->l) < 0)
			return NULL;
		if (n->l.kind != OP_OBS && n->l.kind != OP_CHECK) {
			why(ps, _("'has' takes an observation or a check"));
			return NULL;
		}
		return n;
	}
	skipws(ps);
	if (*ps->p == '(') {
		ps->p++;
		if ((n = expr(ps)) == NULL)
			return NULL;
		skipws(ps);
		if (*ps->p != ')') {
			why(ps, _("missing ')'"));
			return NULL;
		}
		ps->p++;
		return n;
	}
	return cmp(ps);
}

static struct node *
and_expr(struct parser *ps)
{
	struct node *l, *n;

	if ((l = unary(ps)) == NULL)
		return NULL;
	while (peek_kw(ps, "and")) {
		n = newnode(ps, N_AND);
		n->a = l;
		if ((n->b = unary(ps)) == NULL)
			return NULL;
		l = n;
	}
	return l;
}

static struct node *
expr(struct parser *ps)
{
	struct node *l, *n;

	if ((l = and_expr(ps)) == NULL)
		return NULL;
	while (peek_kw(ps, "or")) {
		n = newnode(ps, N_OR);
		n->a = l;
		if ((n->b = and_expr(ps)) == NULL)
			return NULL;
		l = n;
	}
	return l;
}

static struct node *
parse_expr(struct parser *ps, const char *text)
{
	struct node *n;

	ps->p = text;
	ps->why = NULL;
	ps->depth = 0;
	ps->nodes = 0;
	n = expr(ps);
	if (n != NULL && ps->why != NULL)
		n = NULL;
	if (n != NULL) {
		skipws(ps);
		if (*ps->p != '\0') {
			why(ps, _("unexpected '%.20s' after the expression"),
			    ps->p);
			n = NULL;
		}
	}
	if (n == NULL)
		perr(ps, _("bad rule: %s"), ps->why ? ps->why : "?");
	return n;
}

/* ---- directives ------------------------------------------------------ */

/* Splits off the first word of *s (NUL-terminated in place). */
static char *
next_word(char **s)
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
static void
lang_text(struct parser *ps, const char *what, char *rest, char **en,
    char **zh)
{
	char *lang = next_word(&rest);

	if (lang == NULL || *rest == '\0' ||
	    (strcmp(lang, "en") != 0 && strcmp(lang, "zh") != 0)) {
		perr(ps, _("'%s' takes a language (en or zh) and a text"),
		    what);
		return;
	}
	if (*(lang[0] == 'e' ? en : zh) != NULL) {
		perr(ps, _("'%s %s' given twice"), what, lang);
		return;
	}
	*(lang[0] == 'e' ? en : zh) = cstr(ps, rest);
}

static int
ident_ok(const char *s)
{
	if (!islower((unsigned char)*s))
		return 0;
	for (; *s; s++)
		if (!islower((unsigned char)*s) && !isdigit((unsigned char)*s)
		    && *s != '_' && *s != '.')
			return 0;
	return 1;
}

/* Parameters must come first in the file: rules resolve $name at once,
 * which keeps evaluation free of name lookups. */
static void
d_param(struct parser *ps, char *rest)
{
	struct catalogue *c = ps->c;
	char *name = next_word(&rest), *val = next_word(&rest);
	char *unit = next_word(&rest);
	struct param *p;
	double v;

	if (name == NULL || val == NULL || !ident_ok(name)) {
		perr(ps, _("'param' takes a name, a value and optionally a "
		    "unit"));
		return;
	}
	if (cat_param_find(c, name) >= 0) {
		perr(ps, _("parameter '%s' defined twice"), name);
		return;
	}
	if (bbt_num_double(val, -1e9, 1e9, &v) != NULL) {
		perr(ps, _("parameter '%s': '%s' is not a number"), name, val);
		return;
	}
	c->params = arena_grow(&c->arena, c->params, c->nparams,
	    sizeof(*c->params));
	p = &c->params[c->nparams++];
	p->name = cstr(ps, name);
	p->val = v;
	p->unit = unit ? cstr(ps, unit) : NULL;
}

static void
d_layer(struct parser *ps, char *rest)
{
	struct catalogue *c = ps->c;
	char *id = next_word(&rest);
	int i;

	if (id == NULL || !ident_ok(id)) {
		perr(ps, _("'layer' takes an id, a language and a text"));
		return;
	}
	if (c->nfaults > 0) {
		perr(ps, _("layers must be declared before the first fault"));
		return;
	}
	if ((i = layer_find(c, id)) < 0) {
		c->layers = arena_grow(&c->arena, c->layers, c->nlayers,
		    sizeof(*c->layers));
		i = (int)c->nlayers++;
		c->layers[i].id = cstr(ps, id);
	}
	lang_text(ps, "layer", rest, &c->layers[i].en, &c->layers[i].zh);
}

/* The observation vocabulary lives in the catalogue, not in the code:
 * operands, obs records, guided questions and completions all read it. */
static void
d_obs(struct parser *ps, char *rest)
{
	struct catalogue *c = ps->c;
	char *key = next_word(&rest), *kind = next_word(&rest), *w;
	struct obs_decl *o;

	if (key == NULL || kind == NULL || !ident_ok(key)) {
		perr(ps, _("'obs' takes a key and 'enum WORD...' or 'number "
		    "MIN MAX [UNIT]'"));
		return;
	}
	if (cat_obs_find(c, key) >= 0) {
		perr(ps, _("observation key '%s' declared twice"), key);
		return;
	}
	c->obs = arena_grow(&c->arena, c->obs, c->nobs, sizeof(*c->obs));
	o = &c->obs[c->nobs];
	o->key = cstr(ps, key);
	o->def = -1;
	o->generic = o->otherwise = -1;
	o->from_chk = o->from_dkey = -1;
	o->line = ps->line;
	if (strcmp(kind, "enum") == 0) {
		o->kind = OBS_ENUM;
		while ((w = next_word(&rest)) != NULL) {
			if (word_value(o, w) >= 0) {
				perr(ps, _("value '%s' listed twice"), w);
				continue;
			}
			o->vals = arena_grow(&c->arena, o->vals, o->nvals,
			    sizeof(*o->vals));
			o->vals[o->nvals++].word = cstr(ps, w);
		}
		if (o->nvals == 0) {
			perr(ps, _("'obs %s enum' lists no values"), key);
			return;
		}
	} else if (strcmp(kind, "number") == 0) {
		char *mn = next_word(&rest), *mx = next_word(&rest);
		char *unit = next_word(&rest);

		o->kind = OBS_NUM;
		if (mn == NULL || mx == NULL ||
		    bbt_num_double(mn, -1e9, 1e9, &o->min) != NULL ||
		    bbt_num_double(mx, o->min, 1e9, &o->max) != NULL) {
			perr(ps, _("'obs %s number' needs MIN and MAX"), key);
			return;
		}
		o->unit = unit ? cstr(ps, unit) : NULL;
	} else {
		perr(ps, _("unknown observation kind '%s' (use enum or "
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
	char *w = next_word(&rest), *dot;
	size_t l;
	int k;

	if (w == NULL || w[0] != '[' || (dot = strstr(w, "].")) == NULL ||
	    dot[2] == '\0' || next_word(&rest) != NULL ||
	    o->kind != OBS_ENUM || !o->classify) {
		perr(ps, _("'from' takes [check].key, after 'classify'"));
		return;
	}
	*dot = '\0';
	l = strlen(w + 1);
	if (l == 0 || !ident_ok(w + 1) || !ident_ok(dot + 2)) {
		perr(ps, _("'from' takes [check].key, after 'classify'"));
		return;
	}
	k = chk_intern(ps, w + 1);
	if (ps->c->chks[k].feeds >= 0) {
		perr(ps, _("check '%s' already sets an observation"), w + 1);
		return;
	}
	o->from_chk = k;
	o->from_dkey = dkey_intern(ps, k, dot + 2);
	ps->c->chks[k].feeds = (int)(o - ps->c->obs);
}

/* "pattern CLASS TEXT": a wording of a refusal, for every classifying
 * observation that has the value CLASS. */
static void
d_pattern(struct parser *ps, char *rest)
{
	struct catalogue *c = ps->c;
	char *cls = next_word(&rest), buf[512];
	size_t n;

	while (*rest == ' ' || *rest == '\t')
		rest++;
	n = strlen(rest);
	if (n >= 2 && rest[0] == '"' && rest[n - 1] == '"') {
		rest[n - 1] = '\0';
		rest++;
	}
	if (cls == NULL || msg_fold(rest, buf, sizeof(buf)) == 0) {
		perr(ps, _("'pattern' takes a value and a text"));
		return;
	}
	c->pats = arena_grow(&c->arena, c->pats, c->npats, sizeof(*c->pats));
	c->pats[c->npats].cls = cstr(ps, cls);
	c->pats[c->npats].text = cstr(ps, buf);
	c->pats[c->npats++].line = ps->line;
}

static const char *const reply_kinds[] = {
	"ours", "customer", "none", "unknown", NULL,
};

static int
reply_kind(const char *rest)
{
	size_t n = strcspn(rest, " \t");

	for (int i = 0; reply_kinds[i]; i++)
		if (strlen(reply_kinds[i]) == n &&
		    strncmp(rest, reply_kinds[i], n) == 0)
			return i;
	return -1;
}

/* "reply ours|customer|none|unknown en|zh TEXT": the frames of the
 * customer-facing answer; a fault block's "reply en|zh" is its part. */
static void
d_reply(struct parser *ps, char *rest)
{
	int k = reply_kind(rest);

	(void)next_word(&rest);
	lang_text(ps, "reply", rest, &ps->c->reply_en[k], &ps->c->reply_zh[k]);
}

/* Each classifying observation gets the patterns of its values; a
 * pattern no observation can use is an error (a typo in its class). */
static void
link_patterns(struct parser *ps)
{
	struct catalogue *c = ps->c;

	for (size_t i = 0; i < c->npats; i++) {
		int used = 0;

		for (size_t j = 0; j < c->nobs; j++) {
			struct obs_decl *o = &c->obs[j];
			int vi;

			if (!o->classify)
				continue;
			for (vi = 0; vi < (int)o->nvals; vi++)
				if (strcmp(o->vals[vi].word, c->pats[i].cls)
				    == 0)
					break;
			if (vi == (int)o->nvals)
				continue;
			o->pats = arena_grow(&c->arena, o->pats, o->npats,
			    sizeof(*o->pats));
			o->pats[o->npats].text = c->pats[i].text;
			o->pats[o->npats].len = strlen(c->pats[i].text);
			o->pats[o->npats++].value = vi;
			used = 1;
		}
		if (!used) {
			ps->line = c->pats[i].line;
			perr(ps, _("pattern class '%s' is not a value of a "
			    "classifying observation"), c->pats[i].cls);
		}
	}
}

static void
obs_attr(struct parser *ps, const char *dir, char *rest)
{
	struct catalogue *c = ps->c;
	struct obs_decl *o = &c->obs[c->nobs - 1];
	double d;
	int vi;

	if (strcmp(dir, "ask") == 0) {
		lang_text(ps, "ask", rest, &o->ask_en, &o->ask_zh);
	} else if (strcmp(dir, "value") == 0) {
		char *w = next_word(&rest);

		if (w == NULL || o->kind != OBS_ENUM ||
		    (vi = word_value(o, w)) < 0) {
			perr(ps, _("'value' names one of the values of '%s'"),
			    o->key);
			return;
		}
		lang_text(ps, "value", rest, &o->vals[vi].en,
		    &o->vals[vi].zh);
	} else if (strcmp(dir, "alias") == 0) {
		char *a = next_word(&rest), *w = next_word(&rest);

		if (a == NULL || w == NULL || o->kind != OBS_ENUM ||
		    (vi = word_value(o, w)) < 0 ||
		    next_word(&rest) != NULL) {
			perr(ps, _("'alias' takes a text and one of the values "
			    "of '%s'"), o->key);
			return;
		}
		if (word_value(o, a) >= 0) {
			perr(ps, _("alias '%s' is already a value or an alias"),
			    a);
			return;
		}
		o->aliases = arena_grow(&c->arena, o->aliases, o->naliases,
		    sizeof(*o->aliases));
		o->aliases[o->naliases].alias = cstr(ps, a);
		o->aliases[o->naliases++].value = vi;
	} else if (strcmp(dir, "probe") == 0) {
		char *w;

		if (o->kind != OBS_NUM) {
			perr(ps, _("'probe' is for numeric observations"));
			return;
		}
		while ((w = next_word(&rest)) != NULL) {
			if (bbt_num_double(w, o->min, o->max, &d) != NULL) {
				perr(ps, _("probe value '%s' is not a number "
				    "in the range of '%s'"), w, o->key);
				return;
			}
			o->probe = arena_grow(&c->arena, o->probe, o->nprobe,
			    sizeof(*o->probe));
			o->probe[o->nprobe++] = d;
		}
	} else if (strcmp(dir, "default") == 0) {
		char *w = next_word(&rest);

		if (w == NULL || o->kind != OBS_ENUM ||
		    (vi = word_value(o, w)) < 0) {
			perr(ps, _("'default' names one of the values of '%s'"),
			    o->key);
			return;
		}
		o->def = vi;
	} else if (strcmp(dir, "classify") == 0) {
		if (o->kind != OBS_ENUM || *rest != '\0') {
			perr(ps, _("'classify' takes no argument and is for "
			    "enum observations"));
			return;
		}
		o->classify = 1;
	} else if (strcmp(dir, "generic") == 0 ||
	    strcmp(dir, "otherwise") == 0) {
		char *w = next_word(&rest);

		if (w == NULL || o->kind != OBS_ENUM ||
		    (vi = word_value(o, w)) < 0) {
			perr(ps, _("'%s' names one of the values of '%s'"), dir,
			    o->key);
			return;
		}
		if (dir[0] == 'g')
			o->generic = vi;
		else
			o->otherwise = vi;
	} else if (strcmp(dir, "from") == 0) {
		obs_from(ps, o, rest);
	} else
		perr(ps, _("unknown directive '%s' in an obs block"), dir);
}

static void
d_fault(struct parser *ps, char *rest)
{
	struct catalogue *c = ps->c;
	char *id = next_word(&rest);

	if (id == NULL || !ident_ok(id) || *rest != '\0') {
		perr(ps, _("'fault' takes one id (lower case, digits, _)"));
		return;
	}
	for (size_t i = 0; i < c->nfaults; i++)
		if (strcmp(c->faults[i].id, id) == 0) {
			perr(ps, _("fault '%s' defined twice (first at line "
			    "%u)"), id, c->faults[i].line);
			return;
		}
	if (strcmp(id, "none") == 0 || strcmp(id, "unknown") == 0) {
		perr(ps, _("'%s' is reserved"), id);
		return;
	}
	c->faults = arena_grow(&c->arena, c->faults, c->nfaults,
	    sizeof(*c->faults));
	c->faults[c->nfaults].id = cstr(ps, id);
	c->faults[c->nfaults].layer = -1;
	c->faults[c->nfaults].side = -1;
	c->faults[c->nfaults].line = ps->line;
	c->nfaults++;
	ps->block = B_FAULT;
}

static void
fault_attr(struct parser *ps, const char *dir, char *rest)
{
	struct catalogue *c = ps->c;
	struct fault *f = &c->faults[c->nfaults - 1];
	char *w;

	if (strcmp(dir, "access") == 0) {
		const struct obs_decl *o;
		double d;
		int vi;

		if (c->access_key < 0) {
			perr(ps, _("'access' needs 'obs access enum ...' "
			    "declared first"));
			return;
		}
		o = &c->obs[c->access_key];
		while ((w = next_word(&rest)) != NULL) {
			if (strcmp(w, "any") == 0) {
				f->access = 0;
				continue;
			}
			if ((vi = cat_obs_value(o, w, &d)) < 0 || vi >= 32) {
				char *v = cat_obs_valid(o);

				perr(ps, _("invalid value '%s' for '%s': valid "
				    "are %s"), w, "access", v ? v : "");
				free(v);
				return;
			}
			f->access |= 1u << vi;
		}
	} else if (strcmp(dir, "layer") == 0) {
		if ((w = next_word(&rest)) == NULL || *rest != '\0' ||
		    (f->layer = layer_find(c, w)) < 0)
			perr(ps, _("'layer' names one declared layer"));
	} else if (strcmp(dir, "side") == 0) {
		int s;

		if ((w = next_word(&rest)) == NULL ||
		    (s = side_find(w)) < 0) {
			perr(ps, _("'side' names one of cust_equip, "
			    "cust_account, access_line, op_equip, "
			    "op_network"));
			return;
		}
		if (*rest == '\0') {
			if (f->side >= 0)
				perr(ps, _("the default side is given twice"));
			f->side = s;
			return;
		}
		if ((w = next_word(&rest)) == NULL || strcmp(w, "if") != 0) {
			perr(ps, _("'side SIDE' is followed by nothing or by "
			    "'if RULE'"));
			return;
		}
		f->side_ifs = arena_grow(&c->arena, f->side_ifs, f->nside_ifs,
		    sizeof(*f->side_ifs));
		f->side_ifs[f->nside_ifs].side = s;
		if ((f->side_ifs[f->nside_ifs].expr = parse_expr(ps, rest)))
			f->nside_ifs++;
	} else if (strcmp(dir, "name") == 0) {
		lang_text(ps, "name", rest, &f->name_en, &f->name_zh);
	} else if (strcmp(dir, "cause") == 0) {
		lang_text(ps, "cause", rest, &f->cause_en, &f->cause_zh);
	} else if (strcmp(dir, "reply") == 0) {
		lang_text(ps, "reply", rest, &f->reply_en, &f->reply_zh);
	} else if (strcmp(dir, "step") == 0) {
		size_t i;

		if ((w = next_word(&rest)) == NULL || !ident_ok(w)) {
			perr(ps, _("'step' takes a key (lower-case ASCII), a "
			    "language and a text"));
			return;
		}
		for (i = 0; i < f->nsteps; i++)
			if (strcmp(f->steps[i].key, w) == 0)
				break;
		if (i == f->nsteps) {
			f->steps = arena_grow(&c->arena, f->steps, f->nsteps,
			    sizeof(*f->steps));
			f->steps[f->nsteps++].key = cstr(ps, w);
		}
		lang_text(ps, "step", rest, &f->steps[i].en, &f->steps[i].zh);
	} else if (strcmp(dir, "for") == 0 || strcmp(dir, "against") == 0 ||
	    strcmp(dir, "exclude") == 0) {
		struct rule r;

		memset(&r, 0, sizeof(r));
		r.line = ps->line;
		if (dir[0] == 'e') {
			r.kind = R_EXCLUDE;
		} else {
			r.kind = dir[0] == 'f' ? R_FOR : R_AGAINST;
			if ((w = next_word(&rest)) == NULL ||
			    bbt_num_double(w, 0.01, 100, &r.weight) != NULL) {
				perr(ps, _("'%s' takes a weight (0.01 to 100) "
				    "and a rule"), dir);
				return;
			}
		}
		r.text = cstr(ps, rest);
		if ((r.expr = parse_expr(ps, rest)) == NULL)
			return;
		f->rules = arena_grow(&c->arena, f->rules, f->nrules,
		    sizeof(*f->rules));
		f->rules[f->nrules++] = r;
	} else
		perr(ps, _("unknown directive '%s' in a fault block"), dir);
}

static void
d_conflict(struct parser *ps, char *rest)
{
	struct catalogue *c = ps->c;
	char *id = next_word(&rest);
	struct conflict *k;

	if (id == NULL || !ident_ok(id) || *rest == '\0') {
		perr(ps, _("'conflict' takes an id and a rule"));
		return;
	}
	c->conflicts = arena_grow(&c->arena, c->conflicts, c->nconflicts,
	    sizeof(*c->conflicts));
	k = &c->conflicts[c->nconflicts];
	k->id = cstr(ps, id);
	k->line = ps->line;
	if ((k->expr = parse_expr(ps, rest)) == NULL)
		return;
	c->nconflicts++;
	ps->block = B_CONFLICT;
}

/*
 * Blocks are implicit: an opener (obs, fault, conflict) makes the
 * following attribute lines its own until the next opener or top-level
 * line, so indentation is only for the reader.
 */
static void
directive(struct parser *ps, char *line)
{
	char *rest = line, *dir = next_word(&rest);

	if (strcmp(dir, "version") == 0) {
		if (strcmp(rest, "1") != 0)
			perr(ps, _("unsupported catalogue version '%s' (this "
			    "bbdiag reads version 1)"), rest);
	} else if (strcmp(dir, "param") == 0) {
		ps->block = B_NONE;
		d_param(ps, rest);
	} else if (strcmp(dir, "layer") == 0 && ps->block != B_FAULT) {
		d_layer(ps, rest);
	} else if (strcmp(dir, "obs") == 0) {
		ps->block = B_NONE;
		d_obs(ps, rest);
	} else if (strcmp(dir, "fault") == 0) {
		ps->block = B_NONE;
		d_fault(ps, rest);
	} else if (strcmp(dir, "conflict") == 0) {
		ps->block = B_NONE;
		d_conflict(ps, rest);
	} else if (strcmp(dir, "pattern") == 0) {
		ps->block = B_NONE;
		d_pattern(ps, rest);
	} else if (strcmp(dir, "reply") == 0 && reply_kind(rest) >= 0) {
		ps->block = B_NONE;
		d_reply(ps, rest);
	} else if (ps->block == B_OBS) {
		obs_attr(ps, dir, rest);
	} else if (ps->block == B_FAULT) {
		fault_attr(ps, dir, rest);
	} else if (ps->block == B_CONFLICT && strcmp(dir, "text") == 0) {
		struct conflict *k = &ps->c->conflicts[ps->c->nconflicts - 1];

		lang_text(ps, "text", rest, &k->en, &k->zh);
	} else {
		perr(ps, _("unknown directive '%s'"), dir);
	}
}

/* What a complete fault needs, checked at the end of the file. */
static void
validate(struct parser *ps)
{
	struct catalogue *c = ps->c;

	for (size_t i = 0; i < c->nlayers; i++) {
		ps->line = 0;
		if (c->layers[i].en == NULL || c->layers[i].zh == NULL)
			perr(ps, _("layer '%s' needs both an en and a zh "
			    "text"), c->layers[i].id);
	}
	for (size_t i = 0; i < c->nobs; i++) {
		const struct obs_decl *o = &c->obs[i];

		ps->line = o->line;
		if ((o->ask_en == NULL) != (o->ask_zh == NULL))
			perr(ps, _("'%s': 'ask' needs both en and zh"), o->key);
		for (size_t j = 0; j < o->nvals; j++)
			if ((o->vals[j].en == NULL) != (o->vals[j].zh == NULL))
				perr(ps, _("'%s': value '%s' needs both an en "
				    "and a zh label"), o->key, o->vals[j].word);
	}
	for (size_t i = 0; i < c->nfaults; i++) {
		const struct fault *f = &c->faults[i];

		ps->line = f->line;
		if (f->layer < 0)
			perr(ps, _("fault '%s' has no layer"), f->id);
		if (f->side < 0)
			perr(ps, _("fault '%s' has no default side"), f->id);
		if (!f->name_en || !f->name_zh || !f->cause_en ||
		    !f->cause_zh)
			perr(ps, _("fault '%s' needs 'name' and 'cause' in en "
			    "and zh"), f->id);
		if (f->nsteps == 0)
			perr(ps, _("fault '%s' has no step"), f->id);
		for (size_t j = 0; j < f->nsteps; j++)
			if (!f->steps[j].en || !f->steps[j].zh)
				perr(ps, _("fault '%s': step '%s' needs "
				    "both en and zh"), f->id, f->steps[j].key);
		size_t nfor = 0;
		for (size_t j = 0; j < f->nrules; j++)
			nfor += f->rules[j].kind == R_FOR;
		if (nfor == 0)
			perr(ps, _("fault '%s' has no 'for' rule"), f->id);
	}
	for (size_t i = 0; i < c->nconflicts; i++) {
		ps->line = c->conflicts[i].line;
		if (!c->conflicts[i].en || !c->conflicts[i].zh)
			perr(ps, _("conflict '%s' needs 'text' in en and zh"),
			    c->conflicts[i].id);
	}
	ps->line = 0;
	if (c->nfaults == 0)
		perr(ps, _("the catalogue defines no fault"));
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
	ps.c->path = cstr(&ps, path);
	if (bbt_utf8_check(text, len) >= 0) {
		long off = bbt_utf8_check(text, len);

		ps.line = 1;
		for (long i = 0; i < off; i++)
			ps.line += text[i] == '\n';
		perr(&ps, _("invalid UTF-8"));
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
			perr(&ps, _("NUL byte in the catalogue"));
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
	link_patterns(&ps);
	validate(&ps);
out:
	if (ps.nerr > MAX_ERRORS)
		perr(&ps, "...");
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
