/* SPDX-License-Identifier: MIT */
/*
 * The text format, for a person at a terminal: aligned by display width
 * and fitted to its width. A table wider than the terminal is split
 * into blocks of KPI columns (the group columns repeated in each), or
 * turned on its side (one KPI per line) when the groups are few; a
 * legend says what the target mark means.
 */
#include <err.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "lib/datetime.h"
#include "lib/i18n.h"
#include "lib/opts.h"
#include "lib/out.h"
#include "lib/text.h"
#include "qareport/qa.h"
#include "qareport/report.h"

#define MARK	"*"	/* after a value that misses its target */

/*
 * $COLUMNS first (what the user or a test asks for), then the terminal's
 * width, 80 on a terminal that does not say; a pipe or a file without
 * $COLUMNS gets the whole table on each line (0).
 */
static int
term_width(FILE *fp)
{
	const char *c = getenv("COLUMNS");
	struct winsize ws;
	char *end;
	long v;

	if (c != NULL && *c != '\0') {
		v = strtol(c, &end, 10);
		if (*end == '\0' && v > 0 && v <= 100000)
			return (int)v;
	}
	if (!isatty(fileno(fp)))
		return 0;
	if (ioctl(fileno(fp), TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
		return ws.ws_col;
	return 80;
}

struct grid {
	char		**cell;		/* nrow * ncol, row 0 the headers */
	unsigned char	 *miss;		/* the same, 1 where marked */
	int		 *w;		/* column widths */
	size_t		  nrow, ncol;
	int		  nright;	/* columns from here are numbers */
	int		  lastleft;	/* but the last is words */
};

static void
grid_init(struct grid *g, size_t nrow, size_t ncol)
{
	memset(g, 0, sizeof(*g));
	g->nrow = nrow;
	g->ncol = ncol;
	g->cell = qa_xcalloc(nrow * ncol, sizeof(*g->cell));
	g->miss = qa_xcalloc(nrow * ncol, 1);
	g->w = qa_xcalloc(ncol, sizeof(*g->w));
}

static void
grid_set(struct grid *g, size_t r, size_t c, char *s)
{
	if (s == NULL)
		err(71, "strdup");
	g->cell[r * g->ncol + c] = s;
}

static void
grid_widths(struct grid *g)
{
	for (size_t r = 0; r < g->nrow; r++)
		for (size_t c = 0; c < g->ncol; c++) {
			int cw = bbt_text_width(g->cell[r * g->ncol + c]);
			if (cw > g->w[c])
				g->w[c] = cw;
		}
}

static void
grid_free(struct grid *g)
{
	for (size_t i = 0; i < g->nrow * g->ncol; i++)
		free(g->cell[i]);
	free(g->cell);
	free(g->miss);
	free(g->w);
}

/* Prints the columns cols[0..n) of every row. */
static void
grid_print(FILE *fp, const struct grid *g, const size_t *cols, size_t n,
    int color)
{
	for (size_t r = 0; r < g->nrow; r++) {
		for (size_t j = 0; j < n; j++) {
			size_t c = cols[j];
			int miss = g->miss[r * g->ncol + c];
			int words = (int)c < g->nright ||
			    (g->lastleft && c + 1 == g->ncol);

			if (j + 1 == n && words &&
			    g->cell[r * g->ncol + c][0] == '\0')
				break;
			if (j)
				fputs("  ", fp);
			if (color && r == 0)
				fputs("\033[1m", fp);
			if (color && miss)
				fputs(bbt_color_state(BBT_CRITICAL), fp);
			/* The last column of words is not padded: no
			 * trailing blanks. */
			if (j + 1 == n && words)
				fputs(g->cell[r * g->ncol + c], fp);
			else
				bbt_text_pad(fp, g->cell[r * g->ncol + c],
				    g->w[c], !words);
			if (color && (miss || r == 0))
				fputs(BBT_COLOR_RESET, fp);
		}
		fputc('\n', fp);
	}
}

static char *
value_cell(const struct qa_opts *o, const struct qa_row *r, size_t k)
{
	char buf[64];

	qa_fmt_shown(o, k, r->v[k], buf, sizeof(buf) - 2);
	if (r->missed[k])
		strcat(buf, MARK);
	return strdup(buf);
}

/* A row's group, its dims joined by " / "; TOTAL translated. */
static char *
group_label(const struct qa_opts *o, const struct qa_row *r)
{
	const char *f[QA_MAXDIMS + 1];
	int nk = o->nby ? o->nby : 1;
	size_t len = 0;
	char *s, *p;

	if (r->total)
		return strdup(_("TOTAL"));
	qa_key_fields(o, r, f);
	for (int i = 0; i < nk; i++)
		len += strlen(f[i]) * 3 + 3;
	if ((p = s = malloc(len + 1)) == NULL)
		return NULL;
	for (int i = 0; i < nk; i++) {
		char *v = bbt_text_sanitize(f[i], strlen(f[i]));

		if (v == NULL)
			err(71, "malloc");
		p = stpcpy(stpcpy(p, i ? " / " : ""), v);
		free(v);
	}
	return s;
}

/* Groups down, KPIs across. */
static void
grid_rows(struct grid *g, const struct qa_opts *o, struct qa_row *rows,
    size_t n)
{
	size_t nk = o->nby ? (size_t)o->nby : 1;

	grid_init(g, n + 1, nk + qa_nkpis);
	g->nright = (int)nk;
	for (size_t i = 0; i < nk; i++)
		grid_set(g, 0, i, strdup(o->nby ? qa_dim_label(o->by[i]) :
		    _("group")));
	for (size_t k = 0; k < qa_nkpis; k++)
		grid_set(g, 0, nk + k, strdup(_(qa_kpis[k].label)));
	for (size_t r = 0; r < n; r++) {
		const char *f[QA_MAXDIMS + 1];

		qa_key_fields(o, &rows[r], f);
		for (size_t i = 0; i < nk; i++)
			grid_set(g, r + 1, i, rows[r].total && i == 0 ?
			    strdup(_("TOTAL")) :
			    bbt_text_sanitize(f[i], strlen(f[i])));
		for (size_t k = 0; k < qa_nkpis; k++) {
			grid_set(g, r + 1, nk + k, value_cell(o, &rows[r], k));
			g->miss[(r + 1) * g->ncol + nk + k] =
			    rows[r].missed[k];
		}
	}
	grid_widths(g);
}

static char *
target_cell(const struct qa_opts *o, size_t k)
{
	char buf[64] = "";

	if (!isnan(o->target[k]))
		snprintf(buf, sizeof(buf), "%s %g",
		    qa_kpis[k].higher_better ? ">=" : "<=", o->target[k]);
	return strdup(buf);
}

/* KPIs down, groups across, and the targets. */
static void
grid_kpis(struct grid *g, const struct qa_opts *o, struct qa_row *rows,
    size_t n)
{
	grid_init(g, qa_nkpis + 1, n + 2);
	g->nright = 1;
	g->lastleft = 1;
	grid_set(g, 0, 0, strdup(_("KPI")));
	for (size_t r = 0; r < n; r++)
		grid_set(g, 0, r + 1, group_label(o, &rows[r]));
	grid_set(g, 0, n + 1, strdup(_("target")));
	for (size_t k = 0; k < qa_nkpis; k++) {
		grid_set(g, k + 1, 0, strdup(_(qa_kpis[k].label)));
		for (size_t r = 0; r < n; r++) {
			grid_set(g, k + 1, r + 1, value_cell(o, &rows[r], k));
			g->miss[(k + 1) * g->ncol + r + 1] =
			    rows[r].missed[k];
		}
		grid_set(g, k + 1, n + 1, target_cell(o, k));
	}
	grid_widths(g);
}

static int
span(const struct grid *g, size_t from, size_t to)
{
	int w = 0;

	for (size_t c = from; c < to; c++)
		w += g->w[c] + (c > from ? 2 : 0);
	return w;
}

/* The KPI columns in blocks no wider than width, each after the group
 * columns; a column too wide alone still gets a block of its own. */
static void
print_blocks(FILE *fp, const struct grid *g, int width, int color)
{
	size_t nk = (size_t)g->nright, *cols;
	int keyw = span(g, 0, nk);

	cols = qa_xcalloc(g->ncol, sizeof(*cols));
	for (size_t c = nk, blk = 0; c < g->ncol; blk++) {
		size_t n = 0;
		int w = keyw;

		for (; n < nk; n++)
			cols[n] = n;
		do {
			w += 2 + g->w[c];
			cols[n++] = c++;
		} while (c < g->ncol && (width == 0 ||
		    w + 2 + g->w[c] <= width));
		if (blk > 0)
			fputc('\n', fp);
		grid_print(fp, g, cols, n, color);
	}
	free(cols);
}

/* "* misses its target: a >= 95, b <= 5" broken into lines of width. */
static void
legend(FILE *fp, const struct qa_opts *o, int width, int targets)
{
	char head[256];
	int col;

	snprintf(head, sizeof(head), "%s %s", MARK, targets ?
	    _("misses its target:") : _("misses its target"));
	fputs(head, fp);
	col = bbt_text_width(head);
	for (size_t k = 0, first = 1; targets && k < qa_nkpis; k++) {
		char item[256], *t;
		int iw;

		if (isnan(o->target[k]))
			continue;
		t = target_cell(o, k);
		snprintf(item, sizeof(item), "%s %s", _(qa_kpis[k].label),
		    t ? t : "");
		free(t);
		iw = bbt_text_width(item);
		if (!first)
			fputc(',', fp), col++;
		if (width > 0 && col + 1 + iw > width) {
			fputs("\n ", fp);
			col = 1;
		}
		fprintf(fp, " %s", item);
		col += 1 + iw;
		first = 0;
	}
	fputc('\n', fp);
}

void
qa_text(FILE *fp, const struct qa_opts *o, struct qa_row *rows, size_t n,
    int64_t bad)
{
	struct grid g, t;
	int width = term_width(fp), color = bbt_common_color(&o->common, fp);
	int across = o->nby == 0, any = 0;

	for (size_t k = 0; k < qa_nkpis; k++)
		any |= !isnan(o->target[k]);
	grid_rows(&g, o, rows, n);
	if (!across && width > 0 && span(&g, 0, g.ncol) > width) {
		/* On its side if that fits: few groups. */
		grid_kpis(&t, o, rows, n);
		across = span(&t, 0, t.ncol) <= width;
		grid_free(&t);
	}
	if (across) {
		size_t *cols = qa_xcalloc(n + 2, sizeof(*cols));

		grid_kpis(&t, o, rows, n);
		for (size_t c = 0; c < n + 2; c++)
			cols[c] = c;
		/* Without targets the target column is left out. */
		grid_print(fp, &t, cols, any ? n + 2 : n + 1, color);
		grid_free(&t);
		free(cols);
	} else
		print_blocks(fp, &g, width, color);
	grid_free(&g);
	if (any)
		legend(fp, o, width, !across);
	if (bad > 0)
		fprintf(fp, _("%lld bad rows were not counted (see the "
		    "messages on stderr).\n"), (long long)bad);
}

/*
 * --open for a person: with --by the counts of each group first, then
 * the list (the group's values first). Times are local, to the minute.
 * On a narrow terminal the columns the others imply go first: the
 * accepted time (the deadline and the age say it), the account, the
 * age, the kind.
 */
enum { OC_ID, OC_KIND, OC_ACCOUNT, OC_TECH, OC_ACC, OC_DL, OC_AGE, OC_LEFT,
	OC_STATE, OC_N };

static void
open_counts(FILE *fp, const struct qa_opts *o, const struct qa_openlist *l,
    int color)
{
	struct grid g;
	size_t nk = (size_t)o->nby, *cols;
	static const char *const head[] = { N_("open"), N_("breached"),
		N_("warning"), N_("ok"), N_("unknown") };

	grid_init(&g, l->ng + 1, nk + 5);
	g.nright = (int)nk;
	cols = qa_xcalloc(g.ncol, sizeof(*cols));
	for (size_t i = 0; i < nk; i++)
		grid_set(&g, 0, i, strdup(qa_dim_label(o->by[i])));
	for (size_t c = 0; c < 5; c++)
		grid_set(&g, 0, nk + c, strdup(_(head[c])));
	for (size_t r = 0; r < l->ng; r++) {
		const char *f[QA_MAXDIMS];
		char buf[32];

		qa_open_fields(o, &l->g[r], f);
		for (size_t i = 0; i < nk; i++)
			grid_set(&g, r + 1, i, l->g[r].key == NULL && i == 0 ?
			    strdup(_("TOTAL")) :
			    bbt_text_sanitize(f[i], strlen(f[i])));
		snprintf(buf, sizeof(buf), "%zu", l->g[r].n);
		grid_set(&g, r + 1, nk, strdup(buf));
		for (int s = 0; s < QA_OPEN_NST; s++) {
			snprintf(buf, sizeof(buf), "%lld",
			    (long long)l->g[r].cnt[s]);
			grid_set(&g, r + 1, nk + 1 + (size_t)s, strdup(buf));
			g.miss[(r + 1) * g.ncol + nk + 1 + (size_t)s] =
			    s <= QA_OPEN_WARNING && l->g[r].cnt[s] > 0;
		}
	}
	grid_widths(&g);
	for (size_t c = 0; c < g.ncol; c++)
		cols[c] = c;
	grid_print(fp, &g, cols, g.ncol, color);
	fputc('\n', fp);
	free(cols);
	grid_free(&g);
}

static char *
open_cell(const struct qa_openlist *l, const struct qa_openv *v, int c)
{
	char buf[BBT_TIME_BUFSZ];
	const char *s = NULL;

	switch (c) {
	case OC_ID: s = v->x->id; break;
	case OC_KIND: s = _(qa_kind_name(v->x->kind)); break;
	case OC_ACCOUNT: s = v->x->account; break;
	case OC_TECH: s = v->x->tech; break;
	case OC_ACC: case OC_DL:
		if (v->dl)
			s = bbt_time_local_min(((c == OC_ACC ?
			    (int64_t)v->x->acc : v->dl) - QA_TBIAS) * 60, buf);
		break;
	case OC_AGE: case OC_LEFT:
		if (v->dl)
			snprintf(buf, sizeof(buf), "%.1f", c == OC_AGE ?
			    qa_open_age_h(l, v) : qa_open_left_h(l, v));
		s = v->dl ? buf : NULL;
		break;
	default: s = qa_open_state_label(v->state); break;
	}
	if (s == NULL || *s == '\0')
		s = "-";
	return bbt_text_sanitize(s, strlen(s));
}

static void
open_list_text(FILE *fp, const struct qa_opts *o,
    const struct qa_openlist *l, int width, int color)
{
	static const char *const head[OC_N] = { N_("id"), N_("kind"),
		N_("account"), NULL, N_("accepted"), N_("deadline"),
		N_("age h"), N_("left h"), N_("state") };
	static const int drop[] = { OC_ACC, OC_ACCOUNT, OC_AGE, OC_KIND };
	size_t nk = o->by_set ? (size_t)o->nby : 0, nc = 0, *cols;
	struct grid g;
	int skip[OC_N] = { 0 };

	grid_init(&g, l->n + 1, nk + OC_N);
	g.nright = (int)nk + OC_AGE;
	g.lastleft = 1;
	cols = qa_xcalloc(g.ncol, sizeof(*cols));
	for (size_t i = 0; i < nk; i++) {
		grid_set(&g, 0, i, strdup(qa_dim_label(o->by[i])));
		/* Grouped by technician: the column would repeat it. */
		skip[OC_TECH] |= o->by[i] == QA_D_TECH;
	}
	for (int c = 0; c < OC_N; c++)
		grid_set(&g, 0, nk + (size_t)c, strdup(c == OC_TECH ?
		    qa_dim_label(QA_D_TECH) : _(head[c])));
	for (size_t gi = 0, r = 1; gi < l->ng; gi++) {
		const struct qa_opengrp *gr = &l->g[gi];
		const char *f[QA_MAXDIMS];

		if (gr->key == NULL && nk > 0)
			continue;
		qa_open_fields(o, gr, f);
		for (size_t i = gr->first; i < gr->first + gr->n; i++, r++) {
			for (size_t k = 0; k < nk; k++)
				grid_set(&g, r, k, bbt_text_sanitize(f[k],
				    strlen(f[k])));
			for (int c = 0; c < OC_N; c++)
				grid_set(&g, r, nk + (size_t)c,
				    open_cell(l, &l->v[i], c));
			g.miss[r * g.ncol + nk + OC_STATE] =
			    l->v[i].state <= QA_OPEN_WARNING;
		}
	}
	grid_widths(&g);
	for (size_t d = 0;; d++) {
		nc = 0;
		for (size_t c = 0; c < g.ncol; c++)
			if (c < nk || !skip[c - nk])
				cols[nc++] = c;
		int w = -2;
		for (size_t j = 0; j < nc; j++)
			w += 2 + g.w[cols[j]];
		if (width == 0 || w <= width ||
		    d == sizeof(drop) / sizeof(drop[0]))
			break;
		skip[drop[d]] = 1;
	}
	grid_print(fp, &g, cols, nc, color);
	free(cols);
	grid_free(&g);
}

void
qa_open_text(FILE *fp, const struct qa_opts *o, const struct qa_openlist *l)
{
	const struct qa_opengrp *tot = &l->g[l->ng - 1];
	int width = term_width(fp), color = bbt_common_color(&o->common, fp);
	char now[BBT_TIME_BUFSZ], wb[32];

	bbt_time_local_min((l->now - QA_TBIAS) * 60, now);
	if (l->n == 0) {
		fprintf(fp, _("At %s: no open repairs or installs.\n"), now);
		return;
	}
	if (o->by_set)
		open_counts(fp, o, l, color);
	open_list_text(fp, o, l, width, color);
	qa_fmt_dur(o->warn_before, wb, sizeof(wb));
	/* Two lines: each fits 80 columns. */
	fprintf(fp, _("At %s: %zu open orders.\n"), now, l->n);
	fprintf(fp, _("%lld breached, %lld within %s of the limit, %lld ok, "
	    "%lld without an accepted time.\n"),
	    (long long)tot->cnt[QA_OPEN_BREACHED],
	    (long long)tot->cnt[QA_OPEN_WARNING], wb,
	    (long long)tot->cnt[QA_OPEN_OK],
	    (long long)tot->cnt[QA_OPEN_UNKNOWN]);
}
