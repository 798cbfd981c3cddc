/* SPDX-License-Identifier: MIT */
/*
 * The Pareto section of the text and html reports, with --by=fault or
 * --by=side: which faults (sides) cause most repairs, repeat faults and
 * breached repair limits, most repairs first with the cumulative share,
 * and the avoidable visits (customer-account faults closed with a
 * visit). The groups are rolled up onto that one dimension, so that
 * --by=tech,fault ranks the faults of all technicians.
 */
#include <stdlib.h>
#include <string.h>

#include "lib/i18n.h"
#include "lib/text.h"
#include "qareport/qa.h"
#include "qareport/report.h"

struct prow {
	const char	*key;
	int64_t		 repairs, repeats, breached, avoidable;
};

static int
prow_cmp(const void *a, const void *b)
{
	const struct prow *x = a, *y = b;

	if (x->repairs != y->repairs)
		return x->repairs > y->repairs ? -1 : 1;
	if (x->avoidable != y->avoidable)
		return x->avoidable > y->avoidable ? -1 : 1;
	return strcmp(x->key, y->key);
}

/*
 * The rows of dimension d (an index into the internal key), most
 * repairs first; only faults (sides) with a repair or an avoidable
 * visit. Their number; *tot gets the totals, *closed the closed orders.
 */
static size_t
pareto_rows(const struct qa_part *p, int d, struct qa_groups *gs,
    struct prow **out, struct prow *tot, int64_t *closed)
{
	struct prow *r;
	size_t n = 0;

	qa_rollup(&p->groups, &d, 1, gs);
	r = qa_xcalloc(gs->n + 1, sizeof(*r));
	memset(tot, 0, sizeof(*tot));
	*closed = 0;
	for (size_t i = 0; i < gs->n; i++) {
		const int64_t *c = gs->g[i].a.c;
		struct prow x = { gs->g[i].key, c[QA_C_REPAIRS],
			c[QA_C_REPEAT_NUM], c[QA_C_RESTORED] -
			c[QA_C_REP_TIMELY], c[QA_C_AVOIDABLE] };

		*closed += c[QA_C_CLOSED];
		tot->repairs += x.repairs;
		tot->repeats += x.repeats;
		tot->breached += x.breached;
		tot->avoidable += x.avoidable;
		if (x.repairs > 0 || x.avoidable > 0)
			r[n++] = x;
	}
	qsort(r, n, sizeof(*r), prow_cmp);
	*out = r;
	return n;
}

static void
pct(char *buf, size_t sz, int64_t num, int64_t den)
{
	if (den > 0)
		snprintf(buf, sz, "%.1f", 100.0 * (double)num / (double)den);
	else
		snprintf(buf, sz, "-");
}

/* The --by dimensions the section is made for, as internal key
 * indices and dims; their number. */
static int
pareto_dims(const struct qa_opts *o, int *idx, int *dims)
{
	int n = 0;

	for (int i = 0; i < o->nby; i++)
		if (o->by[i] == QA_D_FAULT || o->by[i] == QA_D_SIDE) {
			idx[n] = i;
			dims[n++] = o->by[i];
		}
	return n;
}

static const char *
heads(int i)
{
	static const char *const h[] = { N_("repairs"), N_("share %"),
		N_("cumulative %"), N_("repeats"), N_("breached limits"),
		N_("avoidable visits") };
	return _(h[i]);
}

void
qa_pareto_text(FILE *fp, const struct qa_opts *o, const struct qa_part *p)
{
	int idx[2], dims[2], nd = pareto_dims(o, idx, dims);

	for (int j = 0; j < nd; j++) {
		struct qa_groups gs = { 0 };
		struct prow *r, tot;
		int64_t closed, cum = 0;
		size_t n = pareto_rows(p, idx[j], &gs, &r, &tot, &closed);
		int w0 = bbt_text_width(qa_dim_label(dims[j])), w[6];
		char buf[6][32];

		for (size_t i = 0; i < n; i++) {
			int kw = bbt_text_width(r[i].key);
			if (kw > w0)
				w0 = kw > 40 ? 40 : kw;
		}
		fputc('\n', fp);
		fprintf(fp, _("Pareto by %s: most repairs first\n"),
		    qa_dim_label(dims[j]));
		bbt_text_pad(fp, qa_dim_label(dims[j]), w0, 0);
		for (int c = 0; c < 6; c++) {
			w[c] = bbt_text_width(heads(c));
			if (w[c] < 6)
				w[c] = 6;
			fputs("  ", fp);
			bbt_text_pad(fp, heads(c), w[c], 1);
		}
		fputc('\n', fp);
		for (size_t i = 0; i < n; i++) {
			char *k = bbt_text_trunc(r[i].key, 40);

			cum += r[i].repairs;
			snprintf(buf[0], 32, "%lld", (long long)r[i].repairs);
			pct(buf[1], 32, r[i].repairs, tot.repairs);
			pct(buf[2], 32, cum, tot.repairs);
			snprintf(buf[3], 32, "%lld", (long long)r[i].repeats);
			snprintf(buf[4], 32, "%lld", (long long)r[i].breached);
			snprintf(buf[5], 32, "%lld",
			    (long long)r[i].avoidable);
			bbt_text_pad(fp, k ? k : r[i].key, w0, 0);
			free(k);
			for (int c = 0; c < 6; c++) {
				fputs("  ", fp);
				bbt_text_pad(fp, buf[c], w[c], 1);
			}
			fputc('\n', fp);
		}
		pct(buf[0], 32, tot.avoidable, closed);
		fprintf(fp, _("Avoidable visits (customer-account faults closed "
		    "with a visit): %lld of %lld closed orders (%s %%)\n"),
		    (long long)tot.avoidable, (long long)closed, buf[0]);
		free(r);
		qa_groups_free(&gs);
	}
}

void
qa_pareto_html(FILE *fp, const struct qa_opts *o, const struct qa_part *p)
{
	int idx[2], dims[2], nd = pareto_dims(o, idx, dims);

	for (int j = 0; j < nd; j++) {
		struct qa_groups gs = { 0 };
		struct prow *r, tot;
		int64_t closed, cum = 0;
		size_t n = pareto_rows(p, idx[j], &gs, &r, &tot, &closed);
		char a[32], b[32], title[256];

		snprintf(title, sizeof(title), _("Pareto by %s: most repairs "
		    "first\n"), qa_dim_label(dims[j]));
		title[strcspn(title, "\n")] = '\0';
		fprintf(fp, "<section class=\"pareto\" id=\"pareto-%s\"><h2>",
		    qa_dim_names[dims[j]]);
		qa_html_esc(fp, title);
		fputs("</h2>\n<table><thead><tr><th>", fp);
		qa_html_esc(fp, qa_dim_label(dims[j]));
		for (int c = 0; c < 6; c++) {
			fputs("</th><th>", fp);
			qa_html_esc(fp, heads(c));
		}
		fputs("</th></tr></thead><tbody>\n", fp);
		for (size_t i = 0; i < n; i++) {
			cum += r[i].repairs;
			pct(a, sizeof(a), r[i].repairs, tot.repairs);
			pct(b, sizeof(b), cum, tot.repairs);
			fputs("<tr><td>", fp);
			qa_html_esc(fp, r[i].key);
			fprintf(fp, "</td><td class=\"n\">%lld</td><td "
			    "class=\"n\">%s</td><td class=\"n\">%s</td><td "
			    "class=\"n\">%lld</td><td class=\"n\">%lld</td><td "
			    "class=\"n\">%lld</td></tr>\n",
			    (long long)r[i].repairs, a, b,
			    (long long)r[i].repeats, (long long)r[i].breached,
			    (long long)r[i].avoidable);
		}
		pct(a, sizeof(a), tot.avoidable, closed);
		fputs("</tbody></table><p class=\"note\">", fp);
		snprintf(title, sizeof(title), _("Avoidable visits "
		    "(customer-account faults closed with a visit): %lld of "
		    "%lld closed orders (%s %%)\n"), (long long)tot.avoidable,
		    (long long)closed, a);
		title[strcspn(title, "\n")] = '\0';
		qa_html_esc(fp, title);
		fputs("</p></section>\n", fp);
		free(r);
		qa_groups_free(&gs);
	}
}
