/* SPDX-License-Identifier: MIT */
/*
 * The rule compiler: a catalogue rule (for, against, exclude, side if,
 * conflict) is parsed into an expression tree whose constants are
 * checked and resolved against the declarations at load time.
 */
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bbdiag/arena.h"
#include "bbdiag/bbdiag.h"
#include "bbdiag/catparse.h"
#include "lib/i18n.h"
#include "lib/num.h"
#include "lib/state.h"

#define MAX_DEPTH	64
#define MAX_NODES	512

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

/* "[check:filter].field" after the '['. */
static int
check_ref(struct parser *ps, struct operand *o)
{
	const char *s = ps->p, *e = strchr(s, ']');
	char name[128], w[256], *colon;

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
	o->idx = cp_chk(ps, name);
	o->field = CF_STATUS;
	if (*ps->p != '.')
		return 0;
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
		o->dkey = cp_dkey(ps, o->idx, w);
	}
	return 0;
}

/* "quoted text" after the opening quote; \ escapes the next byte. */
static int
quoted(struct parser *ps, struct operand *o)
{
	char buf[256];
	size_t n = 0;

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
	o->str = cp_str(ps, buf);
	return 0;
}

static int
primary(struct parser *ps, struct operand *o)
{
	char w[256];

	memset(o, 0, sizeof(*o));
	o->mul_param = -1;
	skipws(ps);
	if (*ps->p == '[') {
		ps->p++;
		return check_ref(ps, o);
	}
	if (*ps->p == '"') {
		ps->p++;
		return quoted(ps, o);
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
	if (word(ps, w, sizeof(w)) == 0) {
		why(ps, _("expected a value or a reference at '%.20s'"), ps->p);
		return -1;
	}
	if ((o->idx = cat_obs_find(ps->c, w)) >= 0) {
		o->kind = OP_OBS;
		return 0;
	}
	o->kind = OP_STR;
	o->str = cp_str(ps, w);
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

static const struct {
	const char	*s;
	enum cmpop	 c;
} cmpops[] = {
	{ "==", C_EQ }, { "!=", C_NE }, { "<=", C_LE }, { ">=", C_GE },
	{ "<", C_LT }, { ">", C_GT }, { "~", C_CONTAINS },
};

/* The comparison operator at ps->p, consumed; -1 when there is none. */
static int
cmp_op(struct parser *ps, enum cmpop *op)
{
	skipws(ps);
	for (size_t i = 0; i < sizeof(cmpops) / sizeof(cmpops[0]); i++)
		if (strncmp(ps->p, cmpops[i].s, strlen(cmpops[i].s)) == 0) {
			ps->p += strlen(cmpops[i].s);
			*op = cmpops[i].c;
			return 0;
		}
	return -1;
}

/* "CONSTANT OP reference": read badly, allowed anyway, stored mirrored. */
static struct node *
cmp_const_left(struct parser *ps, struct node *n)
{
	struct operand k = n->l;
	enum cmpop op;

	if (cmp_op(ps, &op) < 0 || op == C_CONTAINS ||
	    operand(ps, &n->l) < 0 ||
	    (n->l.kind != OP_OBS && n->l.kind != OP_CHECK)) {
		why(ps, _("a comparison needs an observation or a check "
		    "reference"));
		return NULL;
	}
	n->r = k;
	n->cmp = mirror(op);
	return check_const(ps, &n->l, &n->r, n->cmp) < 0 ? NULL : n;
}

/* "reference in (CONSTANT, ...)" after the "in". */
static struct node *
cmp_in(struct parser *ps, struct node *n)
{
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
			return n;
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
			why(ps, _("an 'in' list holds at most 16 values"));
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
}

/*
 * A comparison. The reference is kept on the left (constants on the left
 * are mirrored), so evaluation has one shape: reference OP constant(s).
 */
static struct node *
cmp(struct parser *ps)
{
	struct node *n;

	n = newnode(ps, N_CMP);
	if (operand(ps, &n->l) < 0)
		return NULL;
	if (n->l.kind == OP_STR && cp_ident_ok(n->l.str)) {
		why(ps, _("unknown observation key '%s' (declare it with "
		    "'obs' first)"), n->l.str);
		return NULL;
	}
	if (n->l.kind == OP_NUM || n->l.kind == OP_PARAM ||
	    n->l.kind == OP_STR)
		return cmp_const_left(ps, n);
	if (peek_kw(ps, "in"))
		return cmp_in(ps, n);
	if (cmp_op(ps, &n->cmp) < 0) {
		why(ps, _("expected a comparison operator (== != < <= > >= ~ "
		    "in) at '%.20s'"), ps->p);
		return NULL;
	}
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

struct node *
cp_rule(struct parser *ps, const char *text)
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
		cp_err(ps, _("bad rule: %s"), ps->why ? ps->why : "?");
	return n;
}
