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
/* A dimension's column header, translated. */
const char *qa_dim_label(int);
/* The text format, fitted to the terminal (text.c). */
void	 qa_text(FILE *, const struct qa_opts *, struct qa_row *, size_t,
	    int64_t bad);
/* Default of --min-n: groups with fewer orders are not ranked. */
#define QA_MIN_N_DEFAULT	20

#endif
