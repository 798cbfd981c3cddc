/* SPDX-License-Identifier: MIT */
/*
 * Which orders count how: kind and outcome words beyond lib/order's
 * (leased-line installations, complaint visits, inspections, open
 * orders), --kind-map, and the rows whose word is not known, reported
 * once per word with their count and first file:line instead of as
 * thousands of bad rows: every real order counts (issue 23).
 */
#include <err.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "lib/i18n.h"
#include "lib/order.h"
#include "qareport/qa.h"

static const char *const kind_names[QA_KIND_N] = { "install", "move",
	"repair", "complaint", "inspection", "other" };

/* Words lib/order does not know; domain.md section 4.3 for 专线安装. */
static const struct {
	const char	*w;
	int		 kind;
} extra_kinds[] = {
	{ "leased", QA_KIND_INSTALL }, { "leased-line", QA_KIND_INSTALL },
	{ "专线", QA_KIND_INSTALL }, { "专线安装", QA_KIND_INSTALL },
	{ "complaint", QA_KIND_COMPLAINT }, { "投诉", QA_KIND_COMPLAINT },
	{ "投诉处理", QA_KIND_COMPLAINT }, { "inspection", QA_KIND_INSPECTION },
	{ "巡检", QA_KIND_INSPECTION }, { "巡查", QA_KIND_INSPECTION },
};

static const char *const open_words[] = { "open", "pending", "在途",
	"未完成", "处理中" };

static int
word_is(const char *w, const char *s, size_t n)
{
	return strlen(w) == n && strncasecmp(w, s, n) == 0;
}

const char *
qa_kind_name(int k)
{
	return k >= 0 && k < QA_KIND_N ? kind_names[k] : "-";
}

int
qa_kind_word(const struct qa_opts *o, const char *s, size_t n)
{
	char buf[64];

	for (int i = 0; i < o->nkmap; i++)
		if (word_is(o->kmap[i].word, s, n))
			return o->kmap[i].kind;
	for (size_t i = 0; i < sizeof(extra_kinds) / sizeof(extra_kinds[0]);
	    i++)
		if (word_is(extra_kinds[i].w, s, n))
			return extra_kinds[i].kind;
	if (n >= sizeof(buf))
		return -1;
	memcpy(buf, s, n);
	buf[n] = '\0';
	return bbt_order_kind(buf);
}

int
qa_outcome_word(const char *s, size_t n)
{
	char buf[64];

	for (size_t i = 0; i < sizeof(open_words) / sizeof(open_words[0]); i++)
		if (word_is(open_words[i], s, n))
			return QA_OUT_OPEN;
	if (n >= sizeof(buf))
		return -1;
	memcpy(buf, s, n);
	buf[n] = '\0';
	return bbt_order_outcome(buf);
}

/* "WORD=KIND[,WORD=KIND...]"; 0, or -1 when a KIND is not one. */
int
qa_kind_parse_map(struct qa_opts *o, const char *arg)
{
	char *copy = strdup(arg), *save = NULL;

	if (copy == NULL)
		err(71, "strdup");
	for (char *t = strtok_r(copy, ",", &save); t;
	    t = strtok_r(NULL, ",", &save)) {
		char *eq = strchr(t, '=');
		int k = -1;

		if (eq == NULL || eq == t)
			goto bad;
		*eq = '\0';
		for (int i = 0; i < QA_KIND_N; i++)
			if (strcmp(eq + 1, kind_names[i]) == 0)
				k = i;
		if (k < 0)
			goto bad;
		o->kmap = realloc(o->kmap, (size_t)(o->nkmap + 1) *
		    sizeof(*o->kmap));
		if (o->kmap == NULL)
			err(71, "realloc");
		if ((o->kmap[o->nkmap].word = strdup(t)) == NULL)
			err(71, "strdup");
		o->kmap[o->nkmap++].kind = k;
	}
	free(copy);
	return 0;
bad:
	free(copy);
	return -1;
}

void
qa_unknown_add(struct qa_unknown **u, size_t *n, int64_t *more, int what,
    const char *value, const char *file, unsigned long line, int range)
{
	struct qa_unknown *x;

	for (size_t i = 0; i < *n; i++)
		if ((*u)[i].what == what && strcmp((*u)[i].value, value) == 0) {
			(*u)[i].n++;
			return;
		}
	if (*n >= QA_UNKNOWN_MAX) {
		(*more)++;
		return;
	}
	if ((x = realloc(*u, (*n + 1) * sizeof(*x))) == NULL)
		err(71, "realloc");
	*u = x;
	x += (*n)++;
	x->what = what;
	x->value = strdup(value);
	x->file = strdup(file);
	x->line = line;
	x->range = range;
	x->n = 1;
	if (x->value == NULL || x->file == NULL)
		err(71, "strdup");
}

/*
 * src's entries (one file's, in line order) into dst: files are merged
 * in the order they are read, so an entry already in dst came first.
 */
void
qa_unknown_merge(struct qa_part *dst, struct qa_unknown *src, size_t n,
    int64_t more)
{
	dst->unk_more += more;
	for (size_t i = 0; i < n; i++) {
		struct qa_unknown *s = &src[i], *d = NULL;

		for (size_t j = 0; j < dst->nunk && d == NULL; j++)
			if (dst->unk[j].what == s->what &&
			    strcmp(dst->unk[j].value, s->value) == 0)
				d = &dst->unk[j];
		if (d == NULL && dst->nunk >= QA_UNKNOWN_MAX) {
			dst->unk_more += s->n;
		} else if (d == NULL) {
			dst->unk = realloc(dst->unk, (dst->nunk + 1) *
			    sizeof(*dst->unk));
			if (dst->unk == NULL)
				err(71, "realloc");
			dst->unk[dst->nunk++] = *s;
			continue;
		} else
			d->n += s->n;
		free(s->value);
		free(s->file);
	}
	free(src);
}

int64_t
qa_unknown_report(const struct qa_part *p)
{
	int64_t rows = p->unk_more;

	for (size_t i = 0; i < p->nunk; i++) {
		const struct qa_unknown *u = &p->unk[i];

		rows += u->n;
		if (u->what == 0)
			warnx(_("%s:%lu: unknown kind '%s' (rows with it: "
			    "%lld; counted as orders of no kind of their own, "
			    "see --kind-map)"), u->file, u->line, u->value,
			    (long long)u->n);
		else
			warnx(_("%s:%lu: unknown outcome '%s' (rows with it: "
			    "%lld; counted as orders without an outcome)"),
			    u->file, u->line, u->value, (long long)u->n);
	}
	if (p->unk_more)
		warnx(_("more unknown kinds or outcomes (rows with them: "
		    "%lld)"), (long long)p->unk_more);
	return rows;
}

void
qa_unknown_free(struct qa_unknown *u, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(u[i].value);
		free(u[i].file);
	}
	free(u);
}
