/* SPDX-License-Identifier: MIT */
/*
 * The html format: one self-contained page (inline CSS and SVG, no
 * script, nothing from the network) for a quality manager, which works
 * offline, as a mail attachment and on A4 paper (the wide table on
 * landscape pages). It says what it covers
 * (the period in dates, the grouping, which date counts, the limits in
 * hours and days), then the TOTAL against the targets with the orders
 * behind each rate, the monthly trends when there are enough months,
 * the rankings (n and a confidence interval, small groups set apart),
 * the full table and a glossary of every KPI.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "lib/datetime.h"
#include "lib/i18n.h"
#include "qareport/qa.h"
#include "qareport/report.h"

#define TREND_MIN	3	/* months a trend needs */

void
qa_html_esc(FILE *fp, const char *s)
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

/* Values qareport itself writes into the zone and kind dims: shown in
 * the page's language. Other dims are the data's own words. */
const char *
qa_dim_value(int d, const char *s)
{
	static const char *const words[] = { N_("town"), N_("rural"),
		N_("install"), N_("move"), N_("repair"), N_("complaint"),
		N_("inspection"), N_("other") };

	if (d != QA_D_ZONE && d != QA_D_KIND)
		return s;
	for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		if (strcmp(s, words[i]) == 0)
			return _(words[i]);
	return s;
}

void
qa_html_label(const struct qa_opts *o, const struct qa_row *r, char *buf,
    size_t sz)
{
	const char *f[QA_MAXDIMS + 1];
	size_t w = 0;

	if (r->total) {
		snprintf(buf, sz, "%s", _("TOTAL"));
		return;
	}
	qa_key_fields(o, r, f);
	buf[0] = '\0';
	for (int i = 0; i < (o->nby ? o->nby : 1) && w < sz; i++)
		w += (size_t)snprintf(buf + w, sz - w, "%s%s", i ? " / " : "",
		    o->nby ? qa_dim_value(o->by[i], f[i]) : f[i]);
}

int64_t
qa_kpi_n(size_t k, const struct qa_row *r)
{
	const struct qa_kpi *kp = &qa_kpis[k];
	const struct qa_agg *a = &r->g->a;

	if (kp->kind == QA_K_COUNT)
		return a->c[kp->num];
	if (kp->kind == QA_K_HOURS && kp->hist >= 0)
		return (int64_t)a->h[kp->hist].total;
	return a->c[kp->den];
}

int64_t
qa_kpi_x(size_t k, const struct qa_row *r)
{
	return qa_kpis[k].num >= 0 ? r->g->a.c[qa_kpis[k].num] : 0;
}

/* A limit or window for people: days from a week, else hours, else
 * minutes. */
void
qa_fmt_dur(int64_t m, char *buf, size_t sz)
{
	if (m >= 7 * 1440 && m % 1440 == 0)
		snprintf(buf, sz, _("%lld d"), (long long)(m / 1440));
	else if (m >= 60 && m % 60 == 0)
		snprintf(buf, sz, _("%lld h"), (long long)(m / 60));
	else if (m < 60)
		snprintf(buf, sz, _("%lld min"), (long long)m);
	else
		snprintf(buf, sz, _("%lld h %lld min"), (long long)(m / 60),
		    (long long)(m % 60));
}

/* A period bound (minutes + QA_TBIAS) as a local date, with the time
 * when it is not midnight; an end bound at midnight is the day before
 * (the period includes that day). */
static void
fmt_bound(int64_t t, int end, char *buf, size_t sz)
{
	int y, mo, d, h, mi;

	bbt_time_split((t - QA_TBIAS) * 60, &y, &mo, &d, &h, &mi);
	if (h == 0 && mi == 0 && end)
		bbt_time_split((t - QA_TBIAS - 1) * 60, &y, &mo, &d, &h, &mi);
	else if (h != 0 || mi != 0) {
		snprintf(buf, sz, "%04d-%02d-%02d %02d:%02d", y % 10000,
		    mo % 100, d % 100, h % 100, mi % 100);
		return;
	}
	snprintf(buf, sz, "%04d-%02d-%02d", y % 10000, mo % 100, d % 100);
}

/* "2024-03-01 to 2024-03-31, by team, dated by completion" */
static void
title_line(FILE *fp, const struct qa_opts *o, const struct qa_row *m,
    size_t nm)
{
	char a[32], b[32], per[128], by[256] = "";

	if (o->from != INT64_MIN)
		fmt_bound(o->from, 0, a, sizeof(a));
	if (o->to != INT64_MAX)
		fmt_bound(o->to, 1, b, sizeof(b));
	if (o->from != INT64_MIN && o->to != INT64_MAX)
		snprintf(per, sizeof(per), _("%s to %s"), a, b);
	else if (o->from != INT64_MIN)
		snprintf(per, sizeof(per), _("from %s"), a);
	else if (o->to != INT64_MAX)
		snprintf(per, sizeof(per), _("until %s"), b);
	else if (nm == 1)
		snprintf(per, sizeof(per), _("%s (all the data)"),
		    m[0].g->key);
	else if (nm > 0)
		snprintf(per, sizeof(per), _("%s to %s (all the data)"),
		    m[0].g->key, m[nm - 1].g->key);
	else
		snprintf(per, sizeof(per), "%s", _("all dates"));
	for (int i = 0; i < o->nby; i++) {
		strcat(by, i ? ", " : "");
		strcat(by, qa_dim_label(o->by[i]));
	}
	fprintf(fp, "<p class=\"sub\" id=\"period\"><b>");
	qa_html_esc(fp, per);
	fprintf(fp, "</b>, ");
	if (o->nby > 0)
		fprintf(fp, _("by %s"), by);
	else
		fputs(_("the total only"), fp);
	fprintf(fp, ", %s</p>\n", o->period_completed ?
	    _("orders dated by completion (by acceptance when not "
	    "completed)") : _("orders dated by acceptance"));
}

static void
limits_line(FILE *fp, const struct qa_opts *o, const struct qa_row *tot,
    int64_t bad)
{
	int64_t v[] = { o->rep_town, o->rep_rural, o->inst_town,
		o->inst_rural, o->repeat_win, o->newfault_win, o->kept_win,
		o->ftf_win, o->early, o->notice, o->wait };
	char d[11][32];

	for (size_t i = 0; i < 11; i++)
		qa_fmt_dur(v[i], d[i], sizeof(d[i]));
	fprintf(fp, "<p class=\"note\" id=\"limits\">");
	fprintf(fp, _("%lld orders; %lld bad rows not counted."),
	    (long long)qa_kpi_n(0, tot), (long long)bad);
	fputc(' ', fp);
	fprintf(fp, _("Limits: repair %s in towns, %s in rural areas; install "
	    "and move %s and %s. Windows: repeat fault %s, new-install fault "
	    "%s, kept appointment %s, first-time fix %s. Early arrival %s, "
	    "reschedule notice %s, no-answer wait %s."), d[0], d[1], d[2],
	    d[3], d[4], d[5], d[6], d[7], d[8], d[9], d[10]);
	fprintf(fp, "</p>\n");
}

static void
cards(FILE *fp, const struct qa_opts *o, const struct qa_row *tot)
{
	fprintf(fp, "<h2>%s</h2>\n<div class=\"cards\" id=\"total\">",
	    _("Total against the targets"));
	for (size_t k = 0; k < qa_nkpis; k++) {
		const struct qa_kpi *kp = &qa_kpis[k];
		char buf[64];

		if (kp->kind == QA_K_COUNT)
			continue;
		qa_fmt_shown(o, k, tot->v[k], buf, sizeof(buf));
		fprintf(fp, "<div class=\"card%s\" data-kpi=\"%s\">",
		    tot->missed[k] ? " miss" : isnan(o->target[k]) ||
		    isnan(tot->v[k]) ? "" : " ok", kp->id);
		qa_html_esc(fp, _(kp->label));
		fprintf(fp, "<b class=\"v\">%s</b><span class=\"note\">", buf);
		if (!isnan(o->target[k]))
			fprintf(fp, "%s %s %g &middot; ", _("target"),
			    kp->higher_better ? "&ge;" : "&le;", o->target[k]);
		if (kp->kind == QA_K_PCT)
			fprintf(fp, "<span class=\"cnt\">%lld / %lld</span>",
			    (long long)qa_kpi_x(k, tot),
			    (long long)qa_kpi_n(k, tot));
		else
			fprintf(fp, "<span class=\"cnt\">n = %lld</span>",
			    (long long)qa_kpi_n(k, tot));
		fprintf(fp, "</span></div>");
	}
	fprintf(fp, "</div>\n");
}

static void
trends(FILE *fp, const struct qa_opts *o, const struct qa_row *m,
    size_t nm)
{
	fprintf(fp, "<h2>%s</h2>\n", _("Monthly trend"));
	if (nm < TREND_MIN) {
		fprintf(fp, "<p class=\"note\" id=\"notrend\">");
		fprintf(fp, _("No trend charts: the report covers %zu "
		    "month(s), a trend needs at least %d."), nm, TREND_MIN);
		fprintf(fp, "</p>\n");
		return;
	}
	fprintf(fp, "<div class=\"charts\" id=\"trend\">\n");
	for (size_t k = 0; k < qa_nkpis; k++) {
		size_t have = 0;

		/* A KPI no month has a value of gets no empty chart. */
		for (size_t i = 0; i < nm; i++)
			have += !isnan(m[i].v[k]);
		if (qa_kpis[k].kind != QA_K_COUNT && have > 0)
			qa_trend_chart(fp, o, k, m, nm);
	}
	fprintf(fp, "</div>\n");
}

static void
table(FILE *fp, const struct qa_opts *o, struct qa_row *rows, size_t n)
{
	int nk = o->nby ? o->nby : 1;

	/* On screen it scrolls; on paper it gets landscape pages. */
	fprintf(fp, "<section class=\"wide\"><h2>%s</h2>\n<table "
	    "id=\"report\"><thead><tr>", _("All groups"));
	for (int i = 0; i < nk; i++) {
		fprintf(fp, "<th>");
		qa_html_esc(fp, o->nby ? qa_dim_label(o->by[i]) : _("group"));
		fprintf(fp, "</th>");
	}
	for (size_t k = 0; k < qa_nkpis; k++) {
		fprintf(fp, "<th title=\"%s\">", qa_kpis[k].id);
		qa_html_esc(fp, _(qa_kpis[k].label));
		fprintf(fp, "</th>");
	}
	fprintf(fp, "</tr></thead><tbody>\n");
	for (size_t r = 0; r < n; r++) {
		const char *f[QA_MAXDIMS + 1];

		qa_key_fields(o, &rows[r], f);
		fprintf(fp, "<tr%s>", rows[r].total ? " class=\"total\"" : "");
		for (int i = 0; i < nk; i++) {
			fprintf(fp, "<td>");
			if (rows[r].total)
				qa_html_esc(fp, i == 0 ? _("TOTAL") : "");
			else
				qa_html_esc(fp, o->nby ?
				    qa_dim_value(o->by[i], f[i]) : f[i]);
			fprintf(fp, "</td>");
		}
		for (size_t k = 0; k < qa_nkpis; k++) {
			char buf[64];

			qa_fmt_shown(o, k, rows[r].v[k], buf, sizeof(buf));
			fprintf(fp, "<td class=\"n%s\">%s</td>",
			    rows[r].missed[k] ? " miss" : "", buf);
		}
		fprintf(fp, "</tr>\n");
	}
	fprintf(fp, "</tbody></table></section>\n");
}

/* What each KPI counts, with the limits in force: the page must explain
 * itself to a reader without the manual. */
enum { D_NONE, D_REP, D_INST, D_EARLY, D_KEPT, D_NEW, D_REPEAT, D_FTF,
	D_NOTICE, D_WAIT };
static const struct {
	const char	*ids;		/* the KPIs, space-separated */
	const char	*text;
	int		 dur;
} gloss[] = {
	{ "orders repairs installs", N_("Orders of every kind dated in the "
	    "period; of them, repairs; installs, moves and leased-line "
	    "installations."), D_NONE },
	{ "repair_timely_pct", N_("修障及时率, repair timeliness: "
	    "restored repairs with completed - accepted within the limit "
	    "(%s in towns, %s in rural areas) / restored repairs."), D_REP },
	{ "repair_mean_h repair_p50_h repair_p90_h",
	    N_("平均修复历时, time to restore: completed - accepted of "
	    "the restored repairs, in hours: mean, median and 90th "
	    "percentile."), D_NONE },
	{ "install_timely_pct", N_("装(移)机及时率, install timeliness: "
	    "installs and moves done with completed - accepted within the "
	    "limit (%s in towns, %s in rural areas) / installs and moves "
	    "done."), D_INST },
	{ "install_mean_h install_p50_h install_p90_h", N_("装(移)机历时, "
	    "install time: completed - accepted of the installs and moves "
	    "done, in hours: mean, median and 90th percentile."), D_NONE },
	{ "ontime_pct", N_("上门准时率, punctuality: visits arrived at or "
	    "before the appointment / visits with an appointment and an "
	    "arrival time."), D_NONE },
	{ "early_pct", N_("Strict punctuality: visits arrived %s or more "
	    "before the appointment / the same visits."), D_EARLY },
	{ "kept_pct", N_("履约准时率, kept-appointment rate: installs and "
	    "moves with an appointment, arrived on time and without a repair "
	    "within %s after completion / installs and moves with an "
	    "appointment."), D_KEPT },
	{ "newfault_pct", N_("新装障碍率, new-install fault rate: new "
	    "installs with a repair accepted within %s after completion / new "
	    "installs."), D_NEW },
	{ "repeat_pct", N_("重复障碍率, repeat fault rate: repairs whose "
	    "account had a repair restored in the %s before / all repairs."),
	    D_REPEAT },
	{ "ftf_pct", N_("一次修复率, first-time fix: restored repairs "
	    "with at most one visit and no new repair within %s / "
	    "restored repairs."),
	    D_FTF },
	{ "notice_pct", N_("改约规范率, reschedule compliance: "
	    "reschedules notified at least %s before the appointment / "
	    "reschedules."),
	    D_NOTICE },
	{ "noanswer_ok_pct", N_("到访留言合规率, no-answer compliance: "
	    "no-answer visits with a wait of at least %s, a call and a note "
	    "left / no-answer visits."), D_WAIT },
	{ "callback_pct", N_("回访率, callback rate: orders done with a "
	    "callback / orders done."), D_NONE },
	{ "satisfied_pct", N_("用户满意度, satisfaction: satisfied "
	    "ratings (satisfied, 4 or 5) / rated orders."), D_NONE },
	{ "open", N_("Open orders: not yet closed, the work in progress."),
	    D_NONE },
	{ "accept_pct", N_("验收通过率, acceptance pass rate: orders whose "
	    "acceptance test passed / orders with an acceptance test (pass "
	    "or fail)."), D_NONE },
	{ "speed_plan_pct", N_("速率达标率, speed against plan: orders whose "
	    "measured download is at least 0.8 times the subscribed one / "
	    "orders with both."), D_NONE },
};

/* text with its first "%s" replaced by a, the second by b, escaped:
 * not printf, as the text comes from a translation. */
static void
subst(FILE *fp, const char *text, const char *a, const char *b)
{
	const char *arg[2] = { a, b }, *q;
	int n = 0;
	char *chunk;

	while ((q = strstr(text, "%s")) != NULL) {
		if ((chunk = strndup(text, (size_t)(q - text))) == NULL)
			abort();
		qa_html_esc(fp, chunk);
		free(chunk);
		qa_html_esc(fp, n < 2 ? arg[n++] : "");
		text = q + 2;
	}
	qa_html_esc(fp, text);
}

static void
glossary(FILE *fp, const struct qa_opts *o)
{
	fprintf(fp, "<h2>%s</h2>\n<dl id=\"glossary\">\n", _("Glossary"));
	for (size_t i = 0; i < sizeof(gloss) / sizeof(gloss[0]); i++) {
		char a[32] = "", b[32] = "", ids[128], *tok, *save = NULL;
		int first = 1;

		switch (gloss[i].dur) {
		case D_REP: qa_fmt_dur(o->rep_town, a, sizeof(a));
			qa_fmt_dur(o->rep_rural, b, sizeof(b)); break;
		case D_INST: qa_fmt_dur(o->inst_town, a, sizeof(a));
			qa_fmt_dur(o->inst_rural, b, sizeof(b)); break;
		case D_EARLY: qa_fmt_dur(o->early, a, sizeof(a)); break;
		case D_KEPT: qa_fmt_dur(o->kept_win, a, sizeof(a)); break;
		case D_NEW: qa_fmt_dur(o->newfault_win, a, sizeof(a)); break;
		case D_REPEAT: qa_fmt_dur(o->repeat_win, a, sizeof(a)); break;
		case D_FTF: qa_fmt_dur(o->ftf_win, a, sizeof(a)); break;
		case D_NOTICE: qa_fmt_dur(o->notice, a, sizeof(a)); break;
		case D_WAIT: qa_fmt_dur(o->wait, a, sizeof(a)); break;
		}
		snprintf(ids, sizeof(ids), "%s", gloss[i].ids);
		fprintf(fp, "<dt>");
		for (tok = strtok_r(ids, " ", &save); tok;
		    tok = strtok_r(NULL, " ", &save)) {
			int k = qa_kpi_find(tok);

			fprintf(fp, "%s<span data-kpi=\"%s\">", first ? "" :
			    ", ", tok);
			qa_html_esc(fp, _(qa_kpis[k].label));
			fprintf(fp, "</span> <code>%s</code>", tok);
			first = 0;
		}
		fprintf(fp, "</dt><dd>");
		subst(fp, _(gloss[i].text), a, b);
		fprintf(fp, "</dd>\n");
	}
	fprintf(fp, "</dl>\n<p class=\"note\">");
	qa_html_esc(fp, _("A rate without any order behind it is shown as -. "
	    "n is the number of orders behind a rate (its denominator); the "
	    "95% interval (Wilson) is where the true rate lies given only n "
	    "orders: a small group's bad value may be chance. Red marks a "
	    "missed target."));
	fprintf(fp, "</p>\n");
}

/* Inline: the page must work offline and as a mail attachment. Printed
 * on A4: headings kept with what follows, table headers repeated. */
static const char css[] =
    "body{font:14px/1.4 system-ui,'Noto Sans CJK SC','Microsoft YaHei',"
    "sans-serif;margin:1.5em;color:#222}"
    "h1{font-size:1.5em;margin-bottom:.2em}h2{font-size:1.15em;"
    "margin-top:1.5em}h3{font-size:1em;margin:.8em 0 .3em}"
    ".sub{font-size:1.1em;margin-top:0}"
    ".cards{display:flex;flex-wrap:wrap;gap:.6em}"
    ".card{border:1px solid #ccc;border-radius:6px;padding:.5em .8em;"
    "min-width:10em}.card b{display:block;font-size:1.4em}"
    ".card.miss{border-color:#c62828;background:#fdecea}"
    ".card.miss b{color:#b71c1c}.card.ok b{color:#1b5e20}"
    ".charts{display:flex;flex-wrap:wrap;gap:1em}figure{margin:0}"
    "svg .t{font-size:12px;font-weight:bold}svg .ax{font-size:10px;"
    "fill:#555}svg .tl{fill:#c62828}svg .grid{stroke:#e4e4e4}"
    "svg .target{stroke:#c62828;stroke-dasharray:4 3;stroke-width:1.5}"
    "svg .line{fill:none;stroke:#1565c0;stroke-width:2}svg .pt{"
    "fill:#1565c0}svg .pt.miss{fill:#c62828}"
    ".ranks{display:flex;flex-wrap:wrap;gap:0 2em}.rank table{"
    "font-size:12px}.rank td.bar{width:140px;position:relative}"
    ".rank .b{display:block;height:10px;background:#90caf9}"
    ".rank tr.miss .b{background:#e57373}.rank tr.miss td.v{"
    "color:#b71c1c;font-weight:bold}.rank .tg{position:absolute;"
    "top:2px;bottom:2px;border-left:2px dashed #c62828}"
    ".rank tr.small{color:#999}.rank tr.small .b{background:#ddd}"
    "table{border-collapse:collapse;font-size:12px}td,th{border:1px "
    "solid #ddd;padding:2px 6px}th{word-break:keep-all;background:#f5f5f5}"
    "td.n{text-align:right;white-space:nowrap}td.miss{"
    "background:#fdecea;color:#b71c1c;font-weight:bold}"
    "tr.total td{font-weight:bold;border-top:2px solid #888}"
    "dt{font-weight:bold;margin-top:.4em}dd{margin-left:1.5em}"
    ".note{color:#666;font-size:12px}.empty{font-size:1.2em}"
    "@media print{@page{size:A4;margin:12mm}body{margin:0;"
    "font-size:10pt}h1,h2,h3{break-after:avoid;page-break-after:avoid}"
    "thead{display:table-header-group}tr,figure,.card,dt,dd,.rank{"
    "break-inside:avoid;page-break-inside:avoid}td,th{padding:1px 3px}"
    ".charts figure{width:49%}.charts svg{width:100%;height:auto}"
    ".wide{page:wide;overflow:visible}#report{font-size:7pt}}"
    "@page wide{size:A4 landscape;margin:10mm}.wide{overflow-x:auto}"
    /* --open: past the limit red, within --warn-before amber, no
     * accepted time grey. */
    "tr.breached td{background:#fdecea;color:#b71c1c;font-weight:bold}"
    "tr.warning td{background:#fff3e0;color:#e65100}"
    "tr.unknown td{color:#999}.card.warn{border-color:#ef6c00;"
    "background:#fff3e0}.card.warn b{color:#e65100}";

void
qa_html_begin(FILE *fp, const char *title)
{
	/* The page's language follows the messages (a CJK font choice in
	 * the browser depends on it). */
	fprintf(fp, "<!DOCTYPE html>\n<html lang=\"%s\"><head><meta "
	    "charset=\"utf-8\"><title>", _("en"));
	qa_html_esc(fp, title);
	fprintf(fp, "</title><style>%s</style></head><body>\n<h1>", css);
	qa_html_esc(fp, title);
	fprintf(fp, "</h1>\n");
}

/* The groups against the targets of each KPI that has one. */
static void
rankings(FILE *fp, const struct qa_opts *o, struct qa_row *rows,
    size_t nrows)
{
	if (o->nby == 0 || nrows <= 1)
		return;
	fprintf(fp, "<h2>%s</h2>\n<div class=\"ranks\" id=\"ranking\">\n",
	    _("Ranking against the target"));
	for (size_t k = 0; k < qa_nkpis; k++)
		if (!isnan(o->target[k]) && qa_kpis[k].kind != QA_K_COUNT)
			qa_rank_table(fp, o, k, rows, nrows);
	fprintf(fp, "</div>\n");
}

int
qa_html(FILE *fp, const struct qa_opts *o, struct qa_row *rows,
    size_t nrows, struct qa_row *months, size_t nm,
    const struct qa_part *p)
{
	const struct qa_row *tot = &rows[nrows - 1];

	qa_html_begin(fp, _("Installation and repair quality report"));
	title_line(fp, o, months, nm);
	limits_line(fp, o, tot, p->bad);
	if (qa_kpi_n(0, tot) == 0)
		fprintf(fp, "<p class=\"empty\" id=\"empty\">%s</p>\n",
		    _("No orders in this period."));
	else {
		cards(fp, o, tot);
		trends(fp, o, months, nm);
		rankings(fp, o, rows, nrows);
		qa_pareto_html(fp, o, p);
		table(fp, o, rows, nrows);
	}
	glossary(fp, o);
	fprintf(fp, "</body></html>\n");
	return ferror(fp) ? -1 : 0;
}
