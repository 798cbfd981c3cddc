/* SPDX-License-Identifier: MIT */
/*
 * The charts of the html page: a monthly trend per KPI (inline SVG,
 * its y axis fitted around the data and the target) and a ranking of the
 * groups per target (a table: n and a confidence interval beside each
 * value, the groups too small to judge greyed and never ranked worst).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "lib/i18n.h"
#include "qareport/qa.h"
#include "qareport/report.h"

#define RANK_MAX	20	/* ranked groups per KPI */
#define SMALL_MAX	10	/* then the small ones, greyed */
#define XLABELS		6	/* month labels under a trend */

/* 1, 2, 2.5 or 5 times a power of ten, at least v. */
static double
nice_step(double v)
{
	double m = pow(10, floor(log10(v)));

	if (m >= v)
		return m;
	if (2 * m >= v)
		return 2 * m;
	if (2.5 * m >= v)
		return 2.5 * m;
	if (5 * m >= v)
		return 5 * m;
	return 10 * m;
}

/* The y range: the data and the target with a margin, on round grid
 * lines; a rate stays within 0..100, a duration above 0. */
static void
fit_range(const struct qa_opts *o, size_t k, const struct qa_row *m,
    size_t nm, double *lo, double *hi, double *step)
{
	double a = INFINITY, b = -INFINITY, t = o->target[k], pad;

	for (size_t i = 0; i < nm; i++)
		if (!isnan(m[i].v[k])) {
			a = fmin(a, m[i].v[k]);
			b = fmax(b, m[i].v[k]);
		}
	if (!isnan(t)) {
		a = fmin(a, t);
		b = fmax(b, t);
	}
	if (!isfinite(a))
		a = b = 0;
	pad = (b - a) * 0.15;
	if (pad < 0.5)
		pad = 0.5;
	a -= pad;
	b += pad;
	if (a < 0)
		a = 0;
	if (qa_kpis[k].kind == QA_K_PCT && b > 100)
		b = 100;
	*step = nice_step((b - a) / 4);
	*lo = floor(a / *step) * *step;
	*hi = ceil(b / *step) * *step;
	if (*hi <= *lo)
		*hi = *lo + *step;
}

void
qa_trend_chart(FILE *fp, const struct qa_opts *o, size_t k,
    const struct qa_row *m, size_t nm)
{
	const struct qa_kpi *kp = &qa_kpis[k];
	const double W = 360, H = 170, L = 40, R = 24, T = 24, B = 30;
	double lo, hi, step, x, y, t = o->target[k];
	size_t every = (nm + XLABELS - 1) / XLABELS;
	int n = 0;

	fit_range(o, k, m, nm, &lo, &hi, &step);
#define YPOS(v)	(T + (H - T - B) * (1 - ((v) - lo) / (hi - lo)))
#define XPOS(i)	(L + (W - L - R) * (double)(i) / (double)(nm - 1))
	fprintf(fp, "<figure class=\"chart\"><svg xmlns=\"http://www.w3.org/"
	    "2000/svg\" viewBox=\"0 0 %.0f %.0f\" width=\"%.0f\" "
	    "height=\"%.0f\" role=\"img\" data-kpi=\"%s\"><text x=\"4\" "
	    "y=\"15\" class=\"t\">", W, H, W, H, kp->id);
	qa_html_esc(fp, _(kp->label));
	fprintf(fp, "</text>");
	for (double g = lo; g <= hi + step / 2; g += step)
		fprintf(fp, "<line x1=\"%.0f\" x2=\"%.0f\" y1=\"%.1f\" "
		    "y2=\"%.1f\" class=\"grid\"/><text x=\"%.0f\" y=\"%.1f\" "
		    "class=\"ax\" text-anchor=\"end\">%g</text>", L, W - R,
		    YPOS(g), YPOS(g), L - 3, YPOS(g) + 3, g);
	if (!isnan(t))
		fprintf(fp, "<line x1=\"%.0f\" x2=\"%.0f\" y1=\"%.1f\" "
		    "y2=\"%.1f\" class=\"target\"/><text x=\"%.0f\" "
		    "y=\"%.1f\" class=\"ax tl\" text-anchor=\"end\">%s %g"
		    "</text>", L, W - R, YPOS(t), YPOS(t), W - R, YPOS(t) - 3,
		    _("target"), t);
	fprintf(fp, "<polyline class=\"line\" points=\"");
	for (size_t i = 0; i < nm; i++)
		if (!isnan(m[i].v[k]))
			fprintf(fp, "%s%.1f,%.1f", n++ ? " " : "", XPOS(i),
			    YPOS(m[i].v[k]));
	fprintf(fp, "\"/>");
	for (size_t i = 0; i < nm; i++) {
		char buf[64];

		x = XPOS(i);
		/* Labels thinned to a handful; the last month too when
		 * it is not crowded by the one before. */
		if (i % every == 0 || (i + 1 == nm &&
		    (i % every) * 2 >= every)) {
			fprintf(fp, "<line x1=\"%.1f\" x2=\"%.1f\" "
			    "y1=\"%.0f\" y2=\"%.0f\" class=\"grid\"/><text "
			    "x=\"%.1f\" y=\"%.0f\" class=\"ax xl\" "
			    "text-anchor=\"middle\">", x, x, H - B, H - B + 4,
			    x, H - 12);
			qa_html_esc(fp, m[i].g->key);
			fprintf(fp, "</text>");
		}
		if (isnan(m[i].v[k]))
			continue;
		y = YPOS(m[i].v[k]);
		qa_fmt_shown(o, k, m[i].v[k], buf, sizeof(buf));
		fprintf(fp, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" "
		    "class=\"%s\"><title>", x, y, m[i].missed[k] ?
		    "pt miss" : "pt");
		qa_html_esc(fp, m[i].g->key);
		fprintf(fp, ": %s (n=%lld)</title></circle>", buf,
		    (long long)qa_kpi_n(k, &m[i]));
	}
#undef YPOS
#undef XPOS
	fprintf(fp, "</svg></figure>\n");
}

/* Wilson score interval of x out of n at 95 %, in percent. */
static void
wilson(int64_t x, int64_t n, double *lo, double *hi)
{
	const double z = 1.959964;
	double p = (double)x / (double)n, d = 1 + z * z / (double)n;
	double c = (p + z * z / (2.0 * (double)n)) / d;
	double h = z / d * sqrt(p * (1 - p) / (double)n +
	    z * z / (4.0 * (double)n * (double)n));

	*lo = 100 * fmax(0, c - h);
	*hi = 100 * fmin(1, c + h);
}

/* qsort(3) has no context argument; the ranking is single-threaded. */
static const struct qa_row *sort_rows;
static size_t sort_k;

/* Worst first, then by key: the ones a team lead has to look at. */
static int
cmp_rank(const void *a, const void *b)
{
	size_t i = *(const size_t *)a, j = *(const size_t *)b;
	double vx = sort_rows[i].v[sort_k], vy = sort_rows[j].v[sort_k];

	if (vx != vy)
		return qa_kpis[sort_k].higher_better ? (vx < vy ? -1 : 1) :
		    (vx > vy ? -1 : 1);
	return (i > j) - (i < j);
}

static void
rank_row(FILE *fp, const struct qa_opts *o, size_t k, const struct qa_row *r,
    size_t rank, double max)
{
	const struct qa_kpi *kp = &qa_kpis[k];
	int64_t n = qa_kpi_n(k, r);
	char label[512], buf[64];
	double w = max > 0 ? 100 * r->v[k] / max : 0, t = o->target[k];

	qa_html_label(o, r, label, sizeof(label));
	qa_fmt_shown(o, k, r->v[k], buf, sizeof(buf));
	fprintf(fp, "<tr class=\"%s\">", rank ? (r->missed[k] ? "miss" :
	    "ok") : "small");
	if (rank)
		fprintf(fp, "<td class=\"n\">%zu</td><td>", rank);
	else
		fprintf(fp, "<td class=\"n\">&ndash;</td><td>");
	qa_html_esc(fp, label);
	fprintf(fp, "</td><td class=\"n v\">%s</td><td class=\"bar\"><span "
	    "class=\"b\" style=\"width:%.1f%%\"></span>", buf,
	    w < 0 ? 0 : w > 100 ? 100 : w);
	if (!isnan(t) && max > 0)
		fprintf(fp, "<span class=\"tg\" style=\"left:%.1f%%\"></span>",
		    fmin(100, 100 * t / max));
	fprintf(fp, "</td><td class=\"n nn\">%lld</td><td class=\"n ci\">",
	    (long long)n);
	if (kp->kind == QA_K_PCT && n > 0) {
		double lo, hi;

		wilson(qa_kpi_x(k, r), n, &lo, &hi);
		fprintf(fp, "%.1f&ndash;%.1f", lo, hi);
	}
	fprintf(fp, "</td></tr>\n");
}

void
qa_rank_table(FILE *fp, const struct qa_opts *o, size_t k,
    const struct qa_row *rows, size_t n)
{
	const struct qa_kpi *kp = &qa_kpis[k];
	size_t *idx = qa_xcalloc(n ? n : 1, sizeof(*idx)), m = 0, ms = 0;
	double max = isnan(o->target[k]) ? 0 : o->target[k];

	/* Ranked groups first, then the small ones (from the end). */
	for (size_t i = 0; i < n; i++) {
		if (rows[i].total || isnan(rows[i].v[k]))
			continue;
		if (rows[i].v[k] > max)
			max = rows[i].v[k];
		if (qa_kpi_n(k, &rows[i]) >= o->min_n)
			idx[m++] = i;
		else
			idx[n - 1 - ms++] = i;
	}
	if (m + ms == 0) {
		free(idx);
		return;		/* no group has a value */
	}
	if (kp->kind == QA_K_PCT)
		max = 100;
	sort_rows = rows;
	sort_k = k;
	qsort(idx, m, sizeof(*idx), cmp_rank);
	fprintf(fp, "<section class=\"rank\" data-rank=\"%s\"><h3>", kp->id);
	qa_html_esc(fp, _(kp->label));
	fprintf(fp, " <span class=\"note\">%s %s %g", _("target"),
	    kp->higher_better ? "&ge;" : "&le;", o->target[k]);
	if (m > RANK_MAX)
		fprintf(fp, "; ");
	if (m > RANK_MAX)
		fprintf(fp, _("the worst %d of %zu groups"), RANK_MAX, m);
	fprintf(fp, "</span></h3>\n<table><thead><tr><th>#</th><th>%s</th>"
	    "<th>%s</th><th></th><th>n</th><th>%s</th></tr></thead><tbody>\n",
	    _("group"), _("value"), _("95% interval"));
	for (size_t j = 0; j < m && j < RANK_MAX; j++)
		rank_row(fp, o, k, &rows[idx[j]], j + 1, max);
	for (size_t j = 0; j < ms && j < SMALL_MAX; j++)
		rank_row(fp, o, k, &rows[idx[n - 1 - j]], 0, max);
	fprintf(fp, "</tbody></table>");
	if (ms > 0) {
		fprintf(fp, "<p class=\"note\">");
		fprintf(fp, _("%zu groups with fewer than %lld orders behind "
		    "this KPI (greyed) are not ranked."), ms,
		    (long long)o->min_n);
		fprintf(fp, "</p>");
	}
	fprintf(fp, "</section>\n");
	free(idx);
}
