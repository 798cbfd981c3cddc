/* SPDX-License-Identifier: MIT */
/*
 * --open --format=html: the work in progress as a page of its own, in
 * the report's style and as self-contained (no script, no network), for
 * a dispatcher's screen or a wall display: what time it is measured at,
 * the limits, the counts by state, with --by the counts of each group,
 * then the orders soonest deadline first, red past their limit, amber
 * within --warn-before of it, grey without an accepted time.
 */
#include <string.h>

#include "lib/datetime.h"
#include "lib/i18n.h"
#include "lib/order.h"
#include "qareport/qa.h"
#include "qareport/report.h"

static void
td(FILE *fp, const char *s, int num)
{
	fputs(num ? "<td class=\"n\">" : "<td>", fp);
	qa_html_esc(fp, s != NULL && *s != '\0' ? s : "-");
	fputs("</td>", fp);
}

static void
head_line(FILE *fp, const struct qa_opts *o, const struct qa_openlist *l)
{
	char now[BBT_TIME_BUFSZ], d[5][32], by[256] = "";

	bbt_time_local_min((l->now - QA_TBIAS) * 60, now);
	qa_fmt_dur(o->warn_before, d[0], sizeof(d[0]));
	qa_fmt_dur(o->rep_town, d[1], sizeof(d[1]));
	qa_fmt_dur(o->rep_rural, d[2], sizeof(d[2]));
	qa_fmt_dur(o->inst_town, d[3], sizeof(d[3]));
	qa_fmt_dur(o->inst_rural, d[4], sizeof(d[4]));
	for (int i = 0; o->by_set && i < o->nby; i++) {
		strcat(by, i ? ", " : "");
		strcat(by, qa_dim_label(o->by[i]));
	}
	fprintf(fp, "<p class=\"sub\" id=\"now\"><b>");
	qa_html_esc(fp, now);
	fprintf(fp, "</b>, ");
	fprintf(fp, _("warning %s before the limit"), d[0]);
	if (o->by_set) {
		fprintf(fp, ", ");
		fprintf(fp, _("by %s"), by);
	}
	fprintf(fp, "</p>\n<p class=\"note\" id=\"limits\">");
	fprintf(fp, _("Limits: repair %s in towns, %s in rural areas; "
	    "install and move %s and %s."), d[1], d[2], d[3], d[4]);
	fprintf(fp, "</p>\n");
}

static void
counts(FILE *fp, const struct qa_opengrp *tot)
{
	static const char *const cls[QA_OPEN_NST] = { " miss", " warn", "",
		"" };

	fprintf(fp, "<div class=\"cards\" id=\"total\">");
	for (int s = 0; s < QA_OPEN_NST; s++) {
		fprintf(fp, "<div class=\"card%s\" data-state=\"%s\">",
		    tot->cnt[s] > 0 ? cls[s] : "", qa_open_states[s]);
		qa_html_esc(fp, qa_open_state_label(s));
		fprintf(fp, "<b class=\"v\">%lld</b></div>",
		    (long long)tot->cnt[s]);
	}
	fprintf(fp, "</div>\n");
}

static void
groups(FILE *fp, const struct qa_opts *o, const struct qa_openlist *l)
{
	fprintf(fp, "<h2>%s</h2>\n<table id=\"groups\"><thead><tr>",
	    _("Open orders by group"));
	for (int i = 0; i < o->nby; i++) {
		fprintf(fp, "<th>");
		qa_html_esc(fp, qa_dim_label(o->by[i]));
		fprintf(fp, "</th>");
	}
	fprintf(fp, "<th>");
	qa_html_esc(fp, _("open"));
	fprintf(fp, "</th>");
	for (int s = 0; s < QA_OPEN_NST; s++) {
		fprintf(fp, "<th>");
		qa_html_esc(fp, qa_open_state_label(s));
		fprintf(fp, "</th>");
	}
	fprintf(fp, "</tr></thead><tbody>\n");
	for (size_t g = 0; g < l->ng; g++) {
		const char *f[QA_MAXDIMS];
		char buf[32];

		qa_open_fields(o, &l->g[g], f);
		fprintf(fp, "<tr%s>", l->g[g].key ? "" : " class=\"total\"");
		for (int i = 0; i < o->nby; i++)
			td(fp, l->g[g].key == NULL && i == 0 ? _("TOTAL") :
			    l->g[g].key == NULL ? "" : qa_dim_value(o->by[i],
			    f[i]), 0);
		snprintf(buf, sizeof(buf), "%zu", l->g[g].n);
		td(fp, buf, 1);
		for (int s = 0; s < QA_OPEN_NST; s++) {
			snprintf(buf, sizeof(buf), "%lld",
			    (long long)l->g[g].cnt[s]);
			td(fp, buf, 1);
		}
		fprintf(fp, "</tr>\n");
	}
	fprintf(fp, "</tbody></table>\n");
}

static void
order_row(FILE *fp, const struct qa_opts *o, const struct qa_openlist *l,
    const struct qa_opengrp *g, const struct qa_openv *v)
{
	char a[BBT_TIME_BUFSZ], d[BBT_TIME_BUFSZ], age[32], left[32];
	const char *f[QA_MAXDIMS];

	/* The minutes left, for a script that reads the page. */
	fprintf(fp, "<tr class=\"%s\"", qa_open_states[v->state]);
	if (v->dl)
		fprintf(fp, " data-left-min=\"%lld\"",
		    (long long)(v->dl - l->now));
	fprintf(fp, ">");
	qa_open_fields(o, g, f);
	for (int i = 0; o->by_set && i < o->nby; i++)
		td(fp, qa_dim_value(o->by[i], f[i]), 0);
	td(fp, v->x->id, 0);
	td(fp, _(qa_kind_name(v->x->kind)), 0);
	td(fp, v->x->account, 0);
	td(fp, v->x->tech, 0);
	if (v->dl) {
		snprintf(age, sizeof(age), "%.1f", qa_open_age_h(l, v));
		snprintf(left, sizeof(left), "%.1f", qa_open_left_h(l, v));
	}
	td(fp, v->dl ? bbt_time_local_min(((int64_t)v->x->acc - QA_TBIAS) *
	    60, a) : NULL, 0);
	td(fp, v->dl ? bbt_time_local_min((v->dl - QA_TBIAS) * 60, d) : NULL,
	    0);
	td(fp, v->dl ? age : NULL, 1);
	td(fp, v->dl ? left : NULL, 1);
	td(fp, qa_open_state_label(v->state), 0);
	fprintf(fp, "</tr>\n");
}

static void
orders(FILE *fp, const struct qa_opts *o, const struct qa_openlist *l)
{
	static const char *const head[] = { N_("id"), N_("kind"),
		N_("account"), NULL, N_("accepted"), N_("deadline"),
		N_("age h"), N_("left h"), N_("state") };

	fprintf(fp, "<h2>%s</h2>\n<table id=\"open\"><thead><tr>",
	    _("Open orders, soonest deadline first"));
	for (int i = 0; o->by_set && i < o->nby; i++) {
		fprintf(fp, "<th>");
		qa_html_esc(fp, qa_dim_label(o->by[i]));
		fprintf(fp, "</th>");
	}
	for (size_t c = 0; c < sizeof(head) / sizeof(head[0]); c++) {
		fprintf(fp, "<th>");
		qa_html_esc(fp, head[c] ? _(head[c]) :
		    qa_dim_label(QA_D_TECH));
		fprintf(fp, "</th>");
	}
	fprintf(fp, "</tr></thead><tbody>\n");
	for (size_t g = 0; g < l->ng; g++) {
		if (l->g[g].key == NULL && o->by_set)
			continue;
		for (size_t i = l->g[g].first; i < l->g[g].first + l->g[g].n;
		    i++)
			order_row(fp, o, l, &l->g[g], &l->v[i]);
	}
	fprintf(fp, "</tbody></table>\n");
}

void
qa_open_html(FILE *fp, const struct qa_opts *o, const struct qa_openlist *l)
{
	qa_html_begin(fp, _("Work in progress"));
	head_line(fp, o, l);
	if (l->n == 0)
		fprintf(fp, "<p class=\"empty\" id=\"empty\">%s</p>\n",
		    _("No open repairs or installs."));
	else {
		counts(fp, &l->g[l->ng - 1]);
		if (o->by_set)
			groups(fp, o, l);
		orders(fp, o, l);
	}
	fprintf(fp, "</body></html>\n");
}
