/* SPDX-License-Identifier: MIT */
/* The human outputs (text.c, html.c) and what report.c shares with them. */
#ifndef QAREPORT_REPORT_H
#define QAREPORT_REPORT_H

#include <stdint.h>
#include <stdio.h>

#include "qareport/qa.h"

/* Dimension values of a row's key, "TOTAL" and "-" for the total row. */
void	 qa_key_fields(const struct qa_opts *, const struct qa_row *,
	    const char **);
/* A value for people, never rounded across its target (report.c). */
void	 qa_fmt_shown(const struct qa_opts *, size_t k, double v, char *,
	    size_t);
/* A dimension's column header, translated. */
const char *qa_dim_label(int);
/* The text format, fitted to the terminal (text.c). */
void	 qa_text(FILE *, const struct qa_opts *, struct qa_row *, size_t,
	    int64_t bad);
/* html.c and chart.c */
void	 qa_html_esc(FILE *, const char *);
/* A zone or kind value of dim d in the page's language; others as
 * they are. */
const char *qa_dim_value(int d, const char *);
/* A row's group for people: dims joined by " / ", TOTAL translated. */
void	 qa_html_label(const struct qa_opts *, const struct qa_row *,
	    char *, size_t);
/* How many orders are behind KPI k of a row (its denominator), and
 * the numerator of a rate. */
int64_t	 qa_kpi_n(size_t k, const struct qa_row *);
int64_t	 qa_kpi_x(size_t k, const struct qa_row *);
/* The monthly trend of KPI k (nm >= 3 months) and the ranking of the
 * groups on it (chart.c). */
void	 qa_trend_chart(FILE *, const struct qa_opts *, size_t k,
	    const struct qa_row *months, size_t nm);
void	 qa_rank_table(FILE *, const struct qa_opts *, size_t k,
	    const struct qa_row *rows, size_t n);

/* The internal groups rolled up onto the key dims sel[] (report.c). */
void	 qa_rollup(const struct qa_groups *in, const int *sel, int nsel,
	    struct qa_groups *out);
/* The Pareto section of --by=fault and --by=side (pareto.c). */
void	 qa_pareto_text(FILE *, const struct qa_opts *,
	    const struct qa_part *);
void	 qa_pareto_html(FILE *, const struct qa_opts *,
	    const struct qa_part *);

/* --open's list, worked out once for all the formats (open.c). */
enum { QA_OPEN_BREACHED, QA_OPEN_WARNING, QA_OPEN_OK, QA_OPEN_UNKNOWN,
	QA_OPEN_NST };
extern const char *const qa_open_states[QA_OPEN_NST];	/* ASCII */
struct qa_openv {
	const struct qa_openord *x;
	int64_t		 dl;		/* deadline, minutes + QA_TBIAS; 0 */
	int		 state;
};
struct qa_opengrp {
	const char	*key;		/* NUL-separated --by values; NULL
					 * for the total */
	size_t		 first, n;	/* its orders: v[first..first+n) */
	int64_t		 cnt[QA_OPEN_NST];
};
struct qa_openlist {
	int64_t		 now;		/* minutes + QA_TBIAS */
	struct qa_openv	*v;
	size_t		 n;
	/* The --by groups (with o->by_set), then the total: ng >= 1. */
	struct qa_opengrp *g;
	size_t		 ng;
};
/* A group's --by values (the total: TOTAL then "-"). */
void	 qa_open_fields(const struct qa_opts *, const struct qa_opengrp *,
	    const char **);
/* Hours since acceptance and to the deadline. */
double	 qa_open_age_h(const struct qa_openlist *, const struct qa_openv *);
double	 qa_open_left_h(const struct qa_openlist *, const struct qa_openv *);
/* A state or a kind for people, translated. */
const char *qa_open_state_label(int);
/* The text and html formats (text.c, openhtml.c). */
void	 qa_open_text(FILE *, const struct qa_opts *,
	    const struct qa_openlist *);
void	 qa_open_html(FILE *, const struct qa_opts *,
	    const struct qa_openlist *);
/* A limit or window for people: "48 h", "15 d", "10 min" (html.c). */
void	 qa_fmt_dur(int64_t minutes, char *, size_t);
/* The page's head (inline style) and its h1 (html.c). */
void	 qa_html_begin(FILE *, const char *title);

/* Default of --min-n: groups with fewer orders are not ranked. */
#define QA_MIN_N_DEFAULT	20

#endif
