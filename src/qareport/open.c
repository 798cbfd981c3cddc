/* SPDX-License-Identifier: MIT */
/*
 * --open: the repairs and installs not yet restored or completed, with
 * their age and the time left to their limit (R7: 48 h in towns, 72 h in
 * rural areas for repairs; the install limits for installs), soonest
 * deadline first, for a cron job whose exit status says whether one is
 * within --warn-before of its limit (issue 23).
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
    uint32_t acc, int kind, int zone)
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

static const struct qa_opts *sort_o;

/* Soonest deadline first; no accepted time last; then by id. */
static int
cmp_open(const void *a, const void *b)
{
	const struct qa_openord *x = a, *y = b;
	int64_t dx = x->acc ? (int64_t)x->acc + limit_of(sort_o, x) : INT64_MAX;
	int64_t dy = y->acc ? (int64_t)y->acc + limit_of(sort_o, y) : INT64_MAX;

	if (dx != dy)
		return dx < dy ? -1 : 1;
	return strcmp(x->id ? x->id : "", y->id ? y->id : "");
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

int
qa_open_print(FILE *fp, const struct qa_opts *o, struct qa_part *p)
{
	int64_t now = o->now ? o->now : bbt_time_now() / 60 + QA_TBIAS;
	int rc = 0;

	if (p->max_acc && (int64_t)p->max_acc > now) {
		char a[BBT_TIME_BUFSZ], b[BBT_TIME_BUFSZ];

		warnx(_("--now (%s) is before the data: an order was accepted "
		    "at %s"), bbt_time_rfc3339((now - QA_TBIAS) * 60, a),
		    bbt_time_rfc3339(((int64_t)p->max_acc - QA_TBIAS) * 60, b));
		return EX_USAGE;
	}
	sort_o = o;
	if (p->nopens > 1)
		qsort(p->opens, p->nopens, sizeof(*p->opens), cmp_open);
	fputs("# open\tid\tkind\taccount\ttech\taccepted\tdeadline\tage_h\t"
	    "left_h\tstate\n", fp);
	for (size_t i = 0; i < p->nopens; i++) {
		const struct qa_openord *x = &p->opens[i];
		int64_t dl = x->acc ? (int64_t)x->acc + limit_of(o, x) : 0;
		const char *state = "unknown";

		fputs("open", fp);
		put_field(fp, x->id);
		put_field(fp, qa_kind_name(x->kind));
		put_field(fp, x->account);
		put_field(fp, x->tech);
		if (x->acc == 0) {
			fprintf(fp, "\t-\t-\t-\t-\t%s\n", state);
			continue;
		}
		put_time(fp, x->acc);
		put_time(fp, dl);
		state = dl < now ? "breached" : dl - now <= o->warn_before ?
		    "warning" : "ok";
		if (dl - now <= o->warn_before)
			rc = 1;
		fprintf(fp, "\t%.1f\t%.1f\t%s\n", (double)(now - x->acc) / 60,
		    (double)(dl - now) / 60, state);
	}
	return rc;
}
