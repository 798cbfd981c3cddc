/* SPDX-License-Identifier: MIT */
/*
 * The html format: one self-contained page (inline CSS and SVG, no
 * script, no external resource) that works offline and prints: the
 * TOTAL against its targets, a monthly trend per KPI, a ranking of the
 * groups against the target, and the full table.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "lib/datetime.h"
#include "lib/i18n.h"
#include "qareport/qa.h"

#define RANK_MAX	40	/* bars per ranking chart */

static void
esc(FILE *fp, const char *s)
{
	for (; *s; s++)
		switch (*s) {
		case '&': fputs("&amp;", fp); break;
		case '<': fputs("&lt;", fp); break;
		case '>': fputs("&gt;", fp); break;
		case '"': fputs("&quot;", fp); break;
		case '\'': fputs("&#39;", fp); break;
		default: fputc(*s, fp); break;
		}
}

/* A group's label: its dims joined with " / ". */
static void
row_label(const struct qa_opts *o, const struct qa_row *r, char *buf,
    size_t sz)
{
	const char *p = r->g ? r->g->key : "";
	size_t w = 0;

	if (r->total) {
		snprintf(buf, sz, "TOTAL");
		return;
	}
	buf[0] = '\0';
	for (int i = 0; i < (o->nby ? o->nby : 1) && w < sz; i++) {
		w += (size_t)snprintf(buf + w, sz - w, "%s%s", i ? " / " : "",
		    p);
		p += strlen(p) + 1;
	}
}

/* An axis maximum of 1, 2 or 5 times a power of ten, so that the four
 * grid lines fall on round numbers. */
static double
nice_max(double v)
{
	double m = 1;

	if (!(v > 0))
		return 1;
	while (m < v)
		m *= 10;
	if (m / 5 >= v)
		return m / 5;
	if (m / 2 >= v)
		return m / 2;
	return m;
}

static void
trend_chart(FILE *fp, const struct qa_opts *o, size_t k,
    const struct qa_row *m, size_t nm)
{
	const struct qa_kpi *kp = &qa_kpis[k];
	const double W = 360, H = 160, L = 40, R = 22, T = 24, B = 28;
	double max = 0, x, y;
	int n = 0;

	for (size_t i = 0; i < nm; i++)
		if (!isnan(m[i].v[k]) && m[i].v[k] > max)
			max = m[i].v[k];
	if (!isnan(o->target[k]) && o->target[k] > max)
		max = o->target[k];
	max = kp->kind == QA_K_PCT ? 100 : nice_max(max);
	fprintf(fp, "<figure class=\"chart\"><svg xmlns=\"http://www.w3.org/"
	    "2000/svg\" viewBox=\"0 0 %.0f %.0f\" width=\"%.0f\" "
	    "height=\"%.0f\" role=\"img\" data-kpi=\"%s\">", W, H, W, H,
	    kp->id);
	fprintf(fp, "<text x=\"4\" y=\"15\" class=\"t\">");
	esc(fp, _(kp->label));
	fprintf(fp, "</text>");
	for (int g = 0; g <= 4; g++) {
		y = T + (H - T - B) * (1 - g / 4.0);
		fprintf(fp, "<line x1=\"%.0f\" x2=\"%.0f\" y1=\"%.1f\" "
		    "y2=\"%.1f\" class=\"grid\"/><text x=\"%.0f\" y=\"%.1f\" "
		    "class=\"ax\" text-anchor=\"end\">%g</text>", L, W - R, y, y,
		    L - 3, y + 3, max * g / 4);
	}
	if (!isnan(o->target[k])) {
		y = T + (H - T - B) * (1 - o->target[k] / max);
		fprintf(fp, "<line x1=\"%.0f\" x2=\"%.0f\" y1=\"%.1f\" "
		    "y2=\"%.1f\" class=\"target\"><title>%s %g</title>"
		    "</line>", L, W - R, y, y, _("target"), o->target[k]);
	}
	fprintf(fp, "<polyline class=\"line\" points=\"");
	for (size_t i = 0; i < nm; i++) {
		if (isnan(m[i].v[k]))
			continue;
		x = L + (nm > 1 ? (W - L - R) * (double)i / (double)(nm - 1) :
		    (W - L - R) / 2);
		y = T + (H - T - B) * (1 - m[i].v[k] / max);
		fprintf(fp, "%s%.1f,%.1f", n++ ? " " : "", x, y);
	}
	fprintf(fp, "\"/>");
	for (size_t i = 0; i < nm; i++) {
		char buf[64];

		x = L + (nm > 1 ? (W - L - R) * (double)i / (double)(nm - 1) :
		    (W - L - R) / 2);
		/* At most a dozen month labels fit under a chart. */
		if (nm <= 13 || i % ((nm + 11) / 12) == 0) {
			fprintf(fp, "<text x=\"%.1f\" y=\"%.0f\" class=\"ax\" "
			    "text-anchor=\"middle\">", x, H - 10);
			esc(fp, m[i].g->key + (strlen(m[i].g->key) > 5 ? 2 :
			    0));
			fprintf(fp, "</text>");
		}
		if (isnan(m[i].v[k]))
			continue;
		y = T + (H - T - B) * (1 - m[i].v[k] / max);
		qa_fmt_value(kp, m[i].v[k], 1, buf, sizeof(buf));
		fprintf(fp, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" "
		    "class=\"%s\"><title>", x, y, m[i].missed[k] ? "pt miss" :
		    "pt");
		esc(fp, m[i].g->key);
		fprintf(fp, ": %s</title></circle>", buf);
	}
	fprintf(fp, "</svg></figure>\n");
}

/* qsort(3) has no context argument; the ranking is single-threaded. */
static const struct qa_row *sort_rows;
static size_t sort_k;

static int
cmp_rank(const void *a, const void *b)
{
	const struct qa_row *x = &sort_rows[*(const size_t *)a];
	const struct qa_row *y = &sort_rows[*(const size_t *)b];
	double vx = x->v[sort_k], vy = y->v[sort_k];
	int hb = qa_kpis[sort_k].higher_better;

	/* Worst first: the ones a team lead has to look at. */
	if (vx != vy)
		return hb ? (vx < vy ? -1 : 1) : (vx > vy ? -1 : 1);
	return (a > b) - (a < b);
}

static void
rank_chart(FILE *fp, const struct qa_opts *o, size_t k,
    const struct qa_row *rows, size_t n)
{
	const struct qa_kpi *kp = &qa_kpis[k];
	size_t *idx = calloc(n ? n : 1, sizeof(*idx)), m = 0, shown;
	const double W = 560, L = 170, R = 60, BH = 14, T = 24;
	double max = 0, H;

	if (idx == NULL)
		return;
	for (size_t i = 0; i < n; i++)
		if (!rows[i].total && !isnan(rows[i].v[k])) {
			idx[m++] = i;
			if (rows[i].v[k] > max)
				max = rows[i].v[k];
		}
	sort_rows = rows;
	sort_k = k;
	qsort(idx, m, sizeof(*idx), cmp_rank);
	shown = m > RANK_MAX ? RANK_MAX : m;
	if (!isnan(o->target[k]) && o->target[k] > max)
		max = o->target[k];
	max = kp->kind == QA_K_PCT ? 100 : nice_max(max);
	H = T + BH * (double)shown + 8;
	fprintf(fp, "<figure class=\"chart\"><svg xmlns=\"http://www.w3.org/"
	    "2000/svg\" viewBox=\"0 0 %.0f %.0f\" width=\"%.0f\" "
	    "height=\"%.0f\" role=\"img\" data-rank=\"%s\">", W, H, W, H,
	    kp->id);
	fprintf(fp, "<text x=\"4\" y=\"15\" class=\"t\">");
	esc(fp, _(kp->label));
	if (m > shown)
		fprintf(fp, _(" (the worst %zu of %zu)"), shown, m);
	fprintf(fp, "</text>");
	for (size_t j = 0; j < shown; j++) {
		const struct qa_row *r = &rows[idx[j]];
		double y = T + BH * (double)j, w = (W - L - R) * r->v[k] / max;
		char label[256], buf[64];

		row_label(o, r, label, sizeof(label));
		qa_fmt_value(kp, r->v[k], 1, buf, sizeof(buf));
		fprintf(fp, "<text x=\"%.0f\" y=\"%.1f\" class=\"ax\" "
		    "text-anchor=\"end\">", L - 4, y + BH - 4);
		esc(fp, label);
		fprintf(fp, "</text><rect x=\"%.0f\" y=\"%.1f\" width=\"%.1f\" "
		    "height=\"%.0f\" class=\"%s\"><title>", L, y + 1,
		    w < 0 ? 0 : w, BH - 3, r->missed[k] ? "bar miss" : "bar");
		esc(fp, label);
		fprintf(fp, ": %s</title></rect><text x=\"%.1f\" y=\"%.1f\" "
		    "class=\"ax\">%s</text>", buf, L + (w < 0 ? 0 : w) + 3,
		    y + BH - 4, buf);
	}
	if (!isnan(o->target[k])) {
		double x = L + (W - L - R) * o->target[k] / max;
		fprintf(fp, "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%.0f\" "
		    "y2=\"%.1f\" class=\"target\"><title>%s %g</title>"
		    "</line>", x, x, T - 4, H - 4, _("target"), o->target[k]);
	}
	fprintf(fp, "</svg></figure>\n");
	free(idx);
}

/* Inline: the page must work offline and as a mail attachment. */
static const char css[] =
    "body{font:14px/1.4 system-ui,'Noto Sans CJK SC','Microsoft YaHei',"
    "sans-serif;margin:1.5em;color:#222}"
    "h1{font-size:1.5em}h2{font-size:1.15em;margin-top:1.5em}"
    ".cards{display:flex;flex-wrap:wrap;gap:.6em}"
    ".card{border:1px solid #ccc;border-radius:6px;padding:.5em .8em;"
    "min-width:9em}.card b{display:block;font-size:1.4em}"
    ".card.miss{border-color:#c62828;background:#fdecea}"
    ".charts{display:flex;flex-wrap:wrap;gap:1em}figure{margin:0}"
    "svg .t{font-size:12px;font-weight:bold}svg .ax{font-size:10px;"
    "fill:#555}svg .grid{stroke:#eee}svg .target{stroke:#c62828;"
    "stroke-dasharray:4 3;stroke-width:1.5}svg .line{fill:none;"
    "stroke:#1565c0;stroke-width:2}svg .pt{fill:#1565c0}svg .bar{"
    "fill:#90caf9}svg .miss{fill:#e57373}"
    "table{border-collapse:collapse;font-size:12px}td,th{border:1px "
    "solid #ddd;padding:2px 6px}td.n{text-align:right}td.miss{"
    "background:#fdecea;color:#b71c1c;font-weight:bold}"
    "tr.total td{font-weight:bold;border-top:2px solid #888}"
    ".note{color:#666;font-size:12px}";

int
qa_html(FILE *fp, const struct qa_opts *o, struct qa_row *rows,
    size_t nrows, struct qa_row *months, size_t nm,
    const struct qa_part *p)
{
	const struct qa_row *tot = &rows[nrows - 1];
	/* The page's language follows the messages (a CJK font choice in
	 * the browser depends on it). */
	const char *lang = _("en");
	char *cfg = qa_config_string(o);

	fprintf(fp, "<!DOCTYPE html>\n<html lang=\"%s\"><head><meta "
	    "charset=\"utf-8\"><title>", lang);
	esc(fp, _("Installation and repair quality report"));
	fprintf(fp, "</title><style>%s</style></head><body>\n<h1>", css);
	esc(fp, _("Installation and repair quality report"));
	fprintf(fp, "</h1>\n<p class=\"note\">");
	fprintf(fp, _("%.0f orders, %lld bad rows not counted."),
	    tot->v[0], (long long)p->bad);
	fprintf(fp, " ");
	esc(fp, cfg);
	fprintf(fp, "</p>\n<h2>");
	esc(fp, _("Total against the targets"));
	fprintf(fp, "</h2>\n<div class=\"cards\" id=\"total\">");
	for (size_t k = 0; k < qa_nkpis; k++) {
		char buf[64];

		if (qa_kpis[k].kind == QA_K_COUNT)
			continue;
		qa_fmt_value(&qa_kpis[k], tot->v[k], 1, buf, sizeof(buf));
		fprintf(fp, "<div class=\"card%s\" data-kpi=\"%s\">",
		    tot->missed[k] ? " miss" : "", qa_kpis[k].id);
		esc(fp, _(qa_kpis[k].label));
		fprintf(fp, "<b>%s</b>", buf);
		if (!isnan(o->target[k]))
			fprintf(fp, "<span class=\"note\">%s %s %g</span>",
			    _("target"), qa_kpis[k].higher_better ? "&ge;" :
			    "&le;", o->target[k]);
		fprintf(fp, "</div>");
	}
	fprintf(fp, "</div>\n<h2>");
	esc(fp, _("Monthly trend"));
	fprintf(fp, "</h2>\n<div class=\"charts\" id=\"trend\">\n");
	for (size_t k = 0; k < qa_nkpis; k++)
		if (qa_kpis[k].kind != QA_K_COUNT)
			trend_chart(fp, o, k, months, nm);
	fprintf(fp, "</div>\n");
	if (o->nby > 0) {
		fprintf(fp, "<h2>");
		esc(fp, _("Ranking against the target"));
		fprintf(fp, "</h2>\n<div class=\"charts\" id=\"ranking\">\n");
		for (size_t k = 0; k < qa_nkpis; k++)
			if (!isnan(o->target[k]))
				rank_chart(fp, o, k, rows, nrows);
		fprintf(fp, "</div>\n");
	}
	fprintf(fp, "<h2>");
	esc(fp, _("All groups"));
	fprintf(fp, "</h2>\n<table id=\"report\"><thead><tr>");
	for (int i = 0; i < (o->nby ? o->nby : 1); i++) {
		static const char *const l[QA_D_N] = { N_("technician"),
			N_("team"), N_("area"), N_("zone"), N_("kind"),
			N_("month") };
		fprintf(fp, "<th>");
		esc(fp, o->nby ? _(l[o->by[i]]) : _("group"));
		fprintf(fp, "</th>");
	}
	for (size_t k = 0; k < qa_nkpis; k++) {
		fprintf(fp, "<th title=\"%s\">", qa_kpis[k].id);
		esc(fp, _(qa_kpis[k].label));
		fprintf(fp, "</th>");
	}
	fprintf(fp, "</tr></thead><tbody>\n");
	for (size_t r = 0; r < nrows; r++) {
		const char *kp = rows[r].g ? rows[r].g->key : "";

		fprintf(fp, "<tr%s>", rows[r].total ? " class=\"total\"" : "");
		for (int i = 0; i < (o->nby ? o->nby : 1); i++) {
			fprintf(fp, "<td>");
			if (rows[r].total)
				esc(fp, i == 0 ? "TOTAL" : "");
			else {
				esc(fp, kp);
				kp += strlen(kp) + 1;
			}
			fprintf(fp, "</td>");
		}
		for (size_t k = 0; k < qa_nkpis; k++) {
			char buf[64];
			qa_fmt_value(&qa_kpis[k], rows[r].v[k], 1, buf,
			    sizeof(buf));
			fprintf(fp, "<td class=\"n%s\">%s</td>",
			    rows[r].missed[k] ? " miss" : "", buf);
		}
		fprintf(fp, "</tr>\n");
	}
	fprintf(fp, "</tbody></table>\n<p class=\"note\">");
	esc(fp, _("Definitions of every KPI: man qareport."));
	fprintf(fp, "</p>\n</body></html>\n");
	free(cfg);
	return ferror(fp) ? -1 : 0;
}
