/* SPDX-License-Identifier: MIT */
/*
 * The report: groups rolled up from the internal (dims + month) groups,
 * KPIs computed from exact counters, and the tsv and json outputs (text
 * in text.c, html in html.c). Everything printed derives from integers,
 * so a merged report is byte for byte the single-pass one.
 */
#include <err.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "lib/i18n.h"
#include "lib/out.h"
#include "lib/rec.h"
#include "lib/text.h"
#include "qareport/qa.h"
#include "qareport/report.h"

void
qa_row_compute(const struct qa_opts *o, const struct qa_agg *a,
    struct qa_row *r)
{
	struct qa_hent *sorted[QA_H_N] = { NULL };

	for (size_t i = 0; i < qa_nkpis; i++) {
		const struct qa_kpi *k = &qa_kpis[i];
		double v = NAN;

		switch (k->kind) {
		case QA_K_COUNT:
			v = (double)a->c[k->num];
			break;
		case QA_K_PCT:
			if (a->c[k->den] > 0)
				v = 100.0 * (double)a->c[k->num] /
				    (double)a->c[k->den];
			break;
		case QA_K_HOURS:
			if (k->hist < 0) {
				if (a->c[k->den] > 0)
					v = (double)a->c[k->num] /
					    (double)a->c[k->den] / 60.0;
			} else {
				/* Sorted once for both quantiles. */
				if (sorted[k->hist] == NULL)
					sorted[k->hist] = qa_hist_sorted(
					    &a->h[k->hist]);
				v = qa_hist_quantile_sorted(&a->h[k->hist],
				    sorted[k->hist], k->quant) / 60.0;
			}
			break;
		}
		r->v[i] = v;
		r->missed[i] = 0;
		if (!isnan(v) && !isnan(o->target[i]))
			r->missed[i] = k->higher_better ? v < o->target[i] :
			    v > o->target[i];
	}
	for (int h = 0; h < QA_H_N; h++)
		free(sorted[h]);
}

/*
 * What snprintf(3) makes of "%.*f" with dec (0 to 4) decimals, without
 * its multi-precision arithmetic, which was most of the output time of
 * a report with thousands of groups. The product v * 10^dec is rounded
 * to an integer: below 2^52 every half is a double and rounding is
 * monotonic, so the product is on the same side of a half as the exact
 * value, or on it. Those on it (snprintf rounds them to even, by the
 * exact value), and negative, huge or infinite values, go to snprintf.
 */
static void
fmt_fixed(char *buf, size_t sz, double v, int dec)
{
	static const double scale[] = { 1, 10, 100, 1000, 10000 };
	char tmp[24], *p = tmp + sizeof(tmp);
	double s = v * scale[dec], f;
	uint64_t n;

	if (!(v >= 0) || signbit(v) || !(s < 1e15) || sz < sizeof(tmp) ||
	    (f = s - floor(s)) == 0.5) {
		snprintf(buf, sz, "%.*f", dec, v);
		return;
	}
	n = (uint64_t)floor(s) + (f > 0.5);
	*--p = '\0';
	for (int i = 0; i < dec; i++, n /= 10)
		*--p = (char)('0' + n % 10);
	if (dec > 0)
		*--p = '.';
	do
		*--p = (char)('0' + n % 10);
	while ((n /= 10) > 0);
	memcpy(buf, p, (size_t)(tmp + sizeof(tmp) - p));
}

/*
 * Machine formats get four decimals (what the cross-checks compare);
 * people get one. A rate without a denominator is "-", never 0.
 */
void
qa_fmt_value(const struct qa_kpi *k, double v, int human, char *buf,
    size_t sz)
{
	if (isnan(v))
		snprintf(buf, sz, "-");
	else
		fmt_fixed(buf, sz, v, k->kind == QA_K_COUNT ? 0 :
		    human ? 1 : 4);
}

/*
 * A value for people (one decimal) on the same side of its target as
 * the exact value: 94.9749 against >= 95 is "94.97", not a "95.0" that
 * misses. The colour and the mark use the exact value, and now agree
 * with what is shown.
 */
void
qa_fmt_shown(const struct qa_opts *o, size_t k, double v, char *buf,
    size_t sz)
{
	const struct qa_kpi *kp = &qa_kpis[k];
	double t = o->target[k], s;

	qa_fmt_value(kp, v, 1, buf, sz);
	if (isnan(v) || isnan(t) || kp->kind == QA_K_COUNT)
		return;
	s = strtod(buf, NULL);
	if (kp->higher_better ? (s < t) == (v < t) : (s > t) == (v > t))
		return;
	/* Two decimals, rounded away from the target. */
	if (v < t || (v == t && !kp->higher_better))
		snprintf(buf, sz, "%.2f", floor(v * 100) / 100);
	else
		snprintf(buf, sz, "%.2f", ceil(v * 100) / 100);
}

/* Dimension values of a projected key, "TOTAL" for the total row. */
void
qa_key_fields(const struct qa_opts *o, const struct qa_row *r,
    const char **f)
{
	const char *p = r->g ? r->g->key : "";
	int n = o->nby ? o->nby : 1;

	for (int i = 0; i < n; i++) {
		if (r->total) {
			f[i] = i == 0 ? "TOTAL" : "-";
			continue;
		}
		f[i] = p;
		p += strlen(p) + 1;
	}
}

const char *
qa_dim_label(int d)
{
	static const char *const l[QA_D_N] = { N_("technician"), N_("team"),
		N_("area"), N_("zone"), N_("kind"), N_("month"), N_("fault"),
		N_("side") };
	return _(l[d]);
}

/* The KPIs that miss their target, at p: one field, so that `cut` and
 * awk users can filter on it. Returns its end. */
static char *
put_missed(char *p, const struct qa_row *r)
{
	char *start = p;

	for (size_t i = 0; i < qa_nkpis; i++) {
		if (!r->missed[i])
			continue;
		if (p != start)
			*p++ = ',';
		p = stpcpy(p, qa_kpis[i].id);
	}
	if (p == start)
		*p++ = '-';
	return p;
}

static void
out_tsv(FILE *fp, const struct qa_opts *o, struct qa_row *rows, size_t n,
    int64_t bad)
{
	int nk = o->nby ? o->nby : 1;

	fputs("# qa", fp);
	if (o->nby == 0)
		fputs("\tgroup", fp);
	for (int i = 0; i < o->nby; i++)
		fprintf(fp, "\t%s", qa_dim_names[o->by[i]]);
	for (size_t i = 0; i < qa_nkpis; i++)
		fprintf(fp, "\t%s", qa_kpis[i].id);
	fputs("\tbad\tmissed\n", fp);
	for (size_t r = 0; r < n; r++) {
		/* A row is put together and written at once: stdio per
		 * value was most of the output time of thousands of
		 * groups. Room for the keys (cut at 1000 bytes, 2000
		 * escaped), the values (under 64 bytes each, 64 at most:
		 * struct qa_row), as many ids (under 32) and the bad
		 * count. */
		char line[QA_MAXDIMS * 2048 + 64 * 64 + 64 * 32 + 64];
		char *p = line;
		const char *f[QA_MAXDIMS + 1];

		qa_key_fields(o, &rows[r], f);
		p = stpcpy(p, "qa");
		for (int i = 0; i < nk; i++) {
			size_t len = strlen(f[i]);

			*p++ = '\t';
			p += bbt_rec_escape(f[i], len > 1000 ? 1000 : len, p);
		}
		for (size_t i = 0; i < qa_nkpis; i++) {
			*p++ = '\t';
			qa_fmt_value(&qa_kpis[i], rows[r].v[i], 0, p, 64);
			p += strlen(p);
		}
		*p++ = '\t';
		if (rows[r].total)
			p += sprintf(p, "%lld", (long long)bad);
		else
			*p++ = '-';
		*p++ = '\t';
		p = put_missed(p, &rows[r]);
		*p++ = '\n';
		fwrite(line, 1, (size_t)(p - line), fp);
	}
}

static void
out_json(FILE *fp, const struct qa_opts *o, struct qa_row *rows, size_t n,
    int64_t bad)
{
	int nk = o->nby ? o->nby : 1;

	for (size_t r = 0; r < n; r++) {
		const char *f[QA_MAXDIMS + 1];
		/* After the keys, the rest of the row is put together and
		 * written at once, as in out_tsv(): each of up to 64 values
		 * (under 64 bytes) with its id (under 32) and quotes, the
		 * ids again for the missed list, the bad count. */
		char line[64 * (4 + 32 + 64) + 64 * (32 + 4) + 64], *p = line;
		int first = 1;

		qa_key_fields(o, &rows[r], f);
		fputc('{', fp);
		for (int i = 0; i < nk; i++) {
			fprintf(fp, "%s\"%s\":", i ? "," : "",
			    o->nby ? qa_dim_names[o->by[i]] : "group");
			if (strcmp(f[i], "-") == 0)
				fputs("null", fp);
			else
				bbt_json_string(fp, f[i]);
		}
		for (size_t i = 0; i < qa_nkpis; i++) {
			p = stpcpy(stpcpy(stpcpy(p, ",\""), qa_kpis[i].id),
			    "\":");
			qa_fmt_value(&qa_kpis[i], rows[r].v[i], 0, p, 64);
			if (strcmp(p, "-") == 0)
				strcpy(p, "null");
			p += strlen(p);
		}
		if (rows[r].total)
			p += sprintf(p, ",\"bad\":%lld", (long long)bad);
		else
			p = stpcpy(p, ",\"bad\":null");
		p = stpcpy(p, ",\"missed\":[");
		for (size_t i = 0; i < qa_nkpis; i++)
			if (rows[r].missed[i]) {
				p = stpcpy(stpcpy(stpcpy(p, first ? "\"" :
				    ",\""), qa_kpis[i].id), "\"");
				first = 0;
			}
		p = stpcpy(p, "]}\n");
		fwrite(line, 1, (size_t)(p - line), fp);
	}
}

/* Rolls the internal groups up onto the dims sel[]: each output
 * group's sources together (a counting sort), merged at once. */
void
qa_rollup(const struct qa_groups *in, const int *sel, int nsel,
    struct qa_groups *out)
{
	char key[4096];
	uint32_t *oi = qa_xcalloc(in->n, sizeof(*oi));
	const struct qa_agg **src = qa_xcalloc(in->n, sizeof(*src));
	size_t *start, *fill;

	for (size_t i = 0; i < in->n; i++) {
		size_t kl = qa_key_project(in->g[i].key, sel, nsel, key,
		    sizeof(key));

		(void)qa_groups_get(out, key, kl, qa_hash(key, kl), &oi[i]);
	}
	start = qa_xcalloc(out->n + 1, sizeof(*start));
	fill = qa_xcalloc(out->n + 1, sizeof(*fill));
	for (size_t i = 0; i < in->n; i++)
		start[oi[i] + 1]++;
	for (size_t j = 0; j < out->n; j++) {
		start[j + 1] += start[j];
		fill[j] = start[j];
	}
	for (size_t i = 0; i < in->n; i++)
		src[fill[oi[i]]++] = &in->g[i].a;
	for (size_t j = 0; j < out->n; j++)
		qa_agg_merge_many(&out->g[j].a, src + start[j],
		    start[j + 1] - start[j]);
	free(fill);
	free(start);
	free(src);
	free(oi);
}

struct rows_job {
	const struct qa_opts	*o;
	const struct qa_groups	*in;
	struct qa_groups	*total;
	struct qa_row		*rows;
	size_t			 ngroups;
};

/* Job 0 rolls the TOTAL up and computes it, the others a group's row:
 * at the same time, as neither changes the groups the other reads. */
static void
rows_job(void *arg, int thread, size_t i)
{
	struct rows_job *j = arg;

	(void)thread;
	if (i == 0) {
		qa_rollup(j->in, NULL, 0, j->total);
		/* No rows at all: still a TOTAL row, of zeros and "-". */
		if (j->total->n == 0)
			qa_groups_get(j->total, "", 0, qa_hash("", 0), NULL);
		j->rows[j->ngroups].g = &j->total->g[0];
		qa_row_compute(j->o, &j->total->g[0].a, &j->rows[j->ngroups]);
	} else
		qa_row_compute(j->o, &j->rows[i - 1].g->a, &j->rows[i - 1]);
}

/*
 * Prints the report; returns whether the TOTAL row misses a target, the
 * exit status cron jobs test. Group rows are flagged too but do not
 * decide it: out of 500 technicians some always miss.
 */
int
qa_report(const struct qa_opts *o, struct qa_part *p)
{
	struct qa_groups groups = { 0 }, months = { 0 }, total = { 0 };
	struct qa_group **sorted = NULL, **msorted = NULL;
	struct qa_row *rows, *mrows = NULL;
	size_t nrows, nm = 0, ngroups = 0;
	int sel[QA_MAXDIMS], msel = qa_month_index(o), missed = 0;
	struct rows_job job;

	for (int i = 0; i < o->nby; i++)
		sel[i] = i;
	if (o->nby > 0 && !o->month_dim) {
		/* The internal groups are the report's groups. */
		sorted = qa_groups_sorted(&p->groups);
		ngroups = p->groups.n;
	} else if (o->nby > 0) {
		qa_rollup(&p->groups, sel, o->nby, &groups);
		sorted = qa_groups_sorted(&groups);
		ngroups = groups.n;
	}
	nrows = ngroups + 1;
	if ((rows = calloc(nrows, sizeof(*rows))) == NULL)
		err(71, "calloc");
	for (size_t i = 0; i < ngroups; i++)
		rows[i].g = sorted[i];
	rows[ngroups].total = 1;
	job = (struct rows_job){ o, &p->groups, &total, rows, ngroups };
	qa_par(o->threads, ngroups + 1, rows_job, &job);
	for (size_t i = 0; i < qa_nkpis; i++)
		missed |= rows[ngroups].missed[i];

	switch (o->fmt) {
	case QA_FMT_TSV:
		out_tsv(stdout, o, rows, nrows, p->bad);
		break;
	case QA_FMT_JSON:
		out_json(stdout, o, rows, nrows, p->bad);
		break;
	case QA_FMT_TEXT:
		qa_text(stdout, o, rows, nrows, p->bad);
		qa_pareto_text(stdout, o, p);
		break;
	case QA_FMT_HTML:
		if (msel >= 0)
			qa_rollup(&p->groups, &msel, 1, &months);
		msorted = qa_groups_sorted(&months);
		nm = months.n;
		if ((mrows = calloc(nm ? nm : 1, sizeof(*mrows))) == NULL)
			err(71, "calloc");
		/* Orders without any date have month "-": not a point on
		 * a time axis (they are in the table and TOTAL). */
		nm = 0;
		for (size_t i = 0; i < months.n; i++) {
			if (strcmp(msorted[i]->key, "-") == 0)
				continue;
			mrows[nm].g = msorted[i];
			qa_row_compute(o, &msorted[i]->a, &mrows[nm++]);
		}
		qa_html(stdout, o, rows, nrows, mrows, nm, p);
		break;
	}
	free(sorted);
	free(msorted);
	free(rows);
	free(mrows);
	qa_groups_free(&groups);
	qa_groups_free(&months);
	qa_groups_free(&total);
	return missed;
}
