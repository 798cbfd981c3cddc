/* SPDX-License-Identifier: MIT */
/*
 * --open: the repairs and installs not yet restored or completed, with
 * their age and the time left to their limit (R7: 48 h in towns, 72 h in
 * rural areas for repairs; the install limits for installs), soonest
 * deadline first, for a cron job whose exit status says whether one is
 * within --warn-before of its limit (issue 23). With --by, grouped and
 * counted by group. tsv and json here, text in text.c, html in
 * openhtml.c.
 */
#include <err.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "lib/datetime.h"
#include "lib/i18n.h"
#include "lib/order.h"
#include "lib/rec.h"
#include "qareport/qa.h"
#include "qareport/report.h"

const char *const qa_open_states[QA_OPEN_NST] = { "breached", "warning",
	"ok", "unknown" };

static char *
dup_or_null(const char *s, size_t n)
{
	char *d;

	if (s == NULL)
		return NULL;
	if ((d = strndup(s, n)) == NULL)
		err(71, "strndup");
	return d;
}

void
qa_open_add(struct qa_part *p, const char *id, size_t idlen,
    const char *account, size_t alen, const char *tech, size_t tlen,
    const char *key, size_t klen, uint32_t acc, int kind, int zone)
{
	struct qa_openord *x;

	if (p->nopens == p->capopens) {
		p->capopens = p->capopens ? 2 * p->capopens : 64;
		p->opens = qa_xrealloc(p->opens, p->capopens,
		    sizeof(*p->opens));
	}
	x = &p->opens[p->nopens++];
	x->id = dup_or_null(id, idlen);
	x->account = dup_or_null(account, alen);
	x->tech = dup_or_null(tech, tlen);
	x->key = NULL;
	x->klen = (uint32_t)klen;
	if (key != NULL) {
		x->key = qa_xrealloc(NULL, klen, 1);
		memcpy(x->key, key, klen);
	}
	x->acc = acc;
	x->kind = (uint8_t)kind;
	x->zone = (uint8_t)zone;
}

void
qa_open_merge(struct qa_part *dst, struct qa_part *src)
{
	if (src->max_acc > dst->max_acc)
		dst->max_acc = src->max_acc;
	if (src->nopens == 0)
		return;
	dst->opens = qa_xrealloc(dst->opens, dst->nopens + src->nopens,
	    sizeof(*dst->opens));
	memcpy(dst->opens + dst->nopens, src->opens,
	    src->nopens * sizeof(*src->opens));
	dst->nopens += src->nopens;
	dst->capopens = dst->nopens;
	free(src->opens);
	src->opens = NULL;
	src->nopens = src->capopens = 0;
}

void
qa_open_free(struct qa_part *p)
{
	for (size_t i = 0; i < p->nopens; i++) {
		free(p->opens[i].id);
		free(p->opens[i].account);
		free(p->opens[i].tech);
		free(p->opens[i].key);
	}
	free(p->opens);
	p->opens = NULL;
	p->nopens = p->capopens = 0;
}

/* The limit of an order, minutes. */
static int64_t
limit_of(const struct qa_opts *o, const struct qa_openord *x)
{
	if (x->kind == QA_KIND_REPAIR)
		return x->zone == BBT_ZONE_RURAL ? o->rep_rural : o->rep_town;
	return x->zone == BBT_ZONE_RURAL ? o->inst_rural : o->inst_town;
}

/* By group (byte order of the key), then soonest deadline first, no
 * accepted time last, then by id. */
static int
cmp_open(const void *a, const void *b)
{
	const struct qa_openv *vx = a, *vy = b;
	const struct qa_openord *x = vx->x, *y = vy->x;
	int64_t dx = vx->dl ? vx->dl : INT64_MAX;
	int64_t dy = vy->dl ? vy->dl : INT64_MAX;

	if (x->key != NULL && y->key != NULL) {
		int c = memcmp(x->key, y->key, x->klen < y->klen ? x->klen :
		    y->klen);

		if (c != 0 || x->klen != y->klen)
			return c != 0 ? c : x->klen < y->klen ? -1 : 1;
	}
	if (dx != dy)
		return dx < dy ? -1 : 1;
	return strcmp(x->id ? x->id : "", y->id ? y->id : "");
}

static int
same_key(const struct qa_openord *x, const struct qa_openord *y)
{
	return x->klen == y->klen && memcmp(x->key, y->key, x->klen) == 0;
}

/* The orders with their deadlines and states, sorted; the groups. */
static void
open_list(const struct qa_opts *o, struct qa_part *p, int64_t now,
    struct qa_openlist *l)
{
	struct qa_opengrp *tot;

	memset(l, 0, sizeof(*l));
	l->now = now;
	l->n = p->nopens;
	l->v = qa_xcalloc(l->n ? l->n : 1, sizeof(*l->v));
	for (size_t i = 0; i < l->n; i++) {
		struct qa_openv *v = &l->v[i];

		v->x = &p->opens[i];
		v->dl = v->x->acc ? (int64_t)v->x->acc + limit_of(o, v->x) : 0;
		v->state = v->dl == 0 ? QA_OPEN_UNKNOWN : v->dl < now ?
		    QA_OPEN_BREACHED : v->dl - now <= o->warn_before ?
		    QA_OPEN_WARNING : QA_OPEN_OK;
	}
	if (l->n > 1)
		qsort(l->v, l->n, sizeof(*l->v), cmp_open);
	l->g = qa_xcalloc(l->n + 1, sizeof(*l->g));
	for (size_t i = 0; o->by_set && i < l->n; i++) {
		if (l->ng == 0 || !same_key(l->v[i].x, l->v[i - 1].x)) {
			l->g[l->ng].key = l->v[i].x->key;
			l->g[l->ng++].first = i;
		}
		l->g[l->ng - 1].n++;
		l->g[l->ng - 1].cnt[l->v[i].state]++;
	}
	tot = &l->g[l->ng++];
	tot->n = l->n;
	for (size_t i = 0; i < l->n; i++)
		tot->cnt[l->v[i].state]++;
}

void
qa_open_fields(const struct qa_opts *o, const struct qa_opengrp *g,
    const char **f)
{
	const char *k = g->key;

	for (int i = 0; i < o->nby; i++) {
		if (k == NULL) {
			f[i] = i == 0 ? "TOTAL" : "-";
			continue;
		}
		f[i] = k;
		k += strlen(k) + 1;
	}
}

double
qa_open_age_h(const struct qa_openlist *l, const struct qa_openv *v)
{
	return (double)(l->now - (int64_t)v->x->acc) / 60;
}

double
qa_open_left_h(const struct qa_openlist *l, const struct qa_openv *v)
{
	return (double)(v->dl - l->now) / 60;
}

const char *
qa_open_state_label(int st)
{
	static const char *const l[QA_OPEN_NST] = { N_("breached"),
		N_("warning"), N_("ok"), N_("unknown") };

	return _(l[st]);
}

static void
put_field(FILE *fp, const char *s)
{
	size_t n;
	char *esc;

	if (s == NULL || *s == '\0') {
		fputs("\t-", fp);
		return;
	}
	n = strlen(s);
	if ((esc = malloc(2 * n + 1)) == NULL)
		err(71, "malloc");
	esc[bbt_rec_escape(s, n, esc)] = '\0';
	fprintf(fp, "\t%s", esc);
	free(esc);
}

static void
put_time(FILE *fp, int64_t t)
{
	char buf[BBT_TIME_BUFSZ];

	fprintf(fp, "\t%s", bbt_time_rfc3339((t - QA_TBIAS) * 60, buf));
}

static void
tsv_dims(FILE *fp, const struct qa_opts *o, const struct qa_opengrp *g,
    const char *prefix)
{
	const char *f[QA_MAXDIMS];

	if (!o->by_set)
		return;
	if (g == NULL) {
		for (int i = 0; i < o->nby; i++)
			fprintf(fp, "\t%s%s", prefix, qa_dim_names[o->by[i]]);
		return;
	}
	qa_open_fields(o, g, f);
	for (int i = 0; i < o->nby; i++)
		put_field(fp, f[i]);
}

/* With --by, the counts of each group (open_group records) before the
 * list; the list's records then start with the group. */
static void
open_tsv(FILE *fp, const struct qa_opts *o, const struct qa_openlist *l)
{
	if (o->by_set) {
		fputs("# open_group", fp);
		tsv_dims(fp, o, NULL, "");
		fputs("\topen\tbreached\twarning\tok\tunknown\n", fp);
		for (size_t i = 0; i < l->ng; i++) {
			fputs("open_group", fp);
			tsv_dims(fp, o, &l->g[i], "");
			fprintf(fp, "\t%zu", l->g[i].n);
			for (int s = 0; s < QA_OPEN_NST; s++)
				fprintf(fp, "\t%lld",
				    (long long)l->g[i].cnt[s]);
			fputc('\n', fp);
		}
	}
	/* by_: the list has a tech column of its own. */
	fputs("# open", fp);
	tsv_dims(fp, o, NULL, "by_");
	fputs("\tid\tkind\taccount\ttech\taccepted\tdeadline\tage_h\t"
	    "left_h\tstate\n", fp);
	for (size_t gi = 0; gi < l->ng; gi++) {
		const struct qa_opengrp *g = &l->g[gi];

		/* Without --by the one group is the total. */
		if (g->key == NULL && o->by_set)
			continue;
		for (size_t i = g->first; i < g->first + g->n; i++) {
			const struct qa_openv *v = &l->v[i];

			fputs("open", fp);
			tsv_dims(fp, o, g, "");
			put_field(fp, v->x->id);
			put_field(fp, qa_kind_name(v->x->kind));
			put_field(fp, v->x->account);
			put_field(fp, v->x->tech);
			if (v->dl == 0) {
				fputs("\t-\t-\t-\t-\tunknown\n", fp);
				continue;
			}
			put_time(fp, v->x->acc);
			put_time(fp, v->dl);
			fprintf(fp, "\t%.1f\t%.1f\t%s\n", qa_open_age_h(l, v),
			    qa_open_left_h(l, v), qa_open_states[v->state]);
		}
	}
}

static void
json_str(FILE *fp, const char *name, const char *s)
{
	fprintf(fp, "\"%s\":", name);
	if (s == NULL || *s == '\0' || strcmp(s, "-") == 0)
		fputs("null", fp);
	else
		bbt_json_string(fp, s);
}

static void
json_time(FILE *fp, const char *name, int64_t t)
{
	char buf[BBT_TIME_BUFSZ];

	json_str(fp, name, t ? bbt_time_rfc3339((t - QA_TBIAS) * 60, buf) :
	    NULL);
}

static void
json_order(FILE *fp, const struct qa_openlist *l, const struct qa_openv *v)
{
	fputc('{', fp);
	json_str(fp, "id", v->x->id);
	fputc(',', fp);
	json_str(fp, "kind", qa_kind_name(v->x->kind));
	fputc(',', fp);
	json_str(fp, "account", v->x->account);
	fputc(',', fp);
	json_str(fp, "tech", v->x->tech);
	fputc(',', fp);
	json_str(fp, "zone", bbt_order_zone_name(v->x->zone));
	fputc(',', fp);
	json_time(fp, "accepted", v->x->acc);
	fputc(',', fp);
	json_time(fp, "deadline", v->dl);
	if (v->dl)
		fprintf(fp, ",\"age_h\":%.1f,\"left_h\":%.1f",
		    qa_open_age_h(l, v), qa_open_left_h(l, v));
	else
		fputs(",\"age_h\":null,\"left_h\":null", fp);
	fprintf(fp, ",\"state\":\"%s\"}", qa_open_states[v->state]);
}

/* One object a line: an order, or with --by a group with its counts
 * and its orders (the total: the counts only). */
static void
open_json(FILE *fp, const struct qa_opts *o, const struct qa_openlist *l)
{
	if (!o->by_set) {
		for (size_t i = 0; i < l->n; i++) {
			json_order(fp, l, &l->v[i]);
			fputc('\n', fp);
		}
		return;
	}
	for (size_t gi = 0; gi < l->ng; gi++) {
		const struct qa_opengrp *g = &l->g[gi];
		const char *f[QA_MAXDIMS];

		qa_open_fields(o, g, f);
		fputc('{', fp);
		for (int i = 0; i < o->nby; i++) {
			fputs(i ? "," : "", fp);
			json_str(fp, qa_dim_names[o->by[i]], f[i]);
		}
		fprintf(fp, ",\"open\":%zu", g->n);
		for (int s = 0; s < QA_OPEN_NST; s++)
			fprintf(fp, ",\"%s\":%lld", qa_open_states[s],
			    (long long)g->cnt[s]);
		if (g->key != NULL) {
			fputs(",\"orders\":[", fp);
			for (size_t i = g->first; i < g->first + g->n; i++) {
				fputs(i > g->first ? "," : "", fp);
				json_order(fp, l, &l->v[i]);
			}
			fputc(']', fp);
		}
		fputs("}\n", fp);
	}
}

int
qa_open_print(FILE *fp, const struct qa_opts *o, struct qa_part *p)
{
	int64_t now = o->now ? o->now : bbt_time_now() / 60 + QA_TBIAS;
	struct qa_openlist l;
	int rc;

	if (p->max_acc && (int64_t)p->max_acc > now) {
		char a[BBT_TIME_BUFSZ], b[BBT_TIME_BUFSZ];

		warnx(_("--now (%s) is before the data: an order was accepted "
		    "at %s"), bbt_time_rfc3339((now - QA_TBIAS) * 60, a),
		    bbt_time_rfc3339(((int64_t)p->max_acc - QA_TBIAS) * 60, b));
		return EX_USAGE;
	}
	open_list(o, p, now, &l);
	switch (o->fmt) {
	case QA_FMT_TEXT:
		qa_open_text(fp, o, &l);
		break;
	case QA_FMT_JSON:
		open_json(fp, o, &l);
		break;
	case QA_FMT_HTML:
		qa_open_html(fp, o, &l);
		break;
	default:
		open_tsv(fp, o, &l);
		break;
	}
	rc = l.g[l.ng - 1].cnt[QA_OPEN_BREACHED] +
	    l.g[l.ng - 1].cnt[QA_OPEN_WARNING] > 0;
	free(l.v);
	free(l.g);
	return rc;
}
