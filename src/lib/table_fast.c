/* SPDX-License-Identifier: MIT */
/*
 * bbt_table_fast(): the rows of a TSV table from a walk of the line
 * reader's buffer (tsvrun.h). Only a line that bbt_table_raw() would
 * give out as it is becomes a row here; at any other the walk stops,
 * hands the lines before it back to the line reader, and leaves that
 * line to bbt_table_raw(): one set of rules, in table.c.
 */
#include <string.h>

#include "lib/table_int.h"
#include "lib/text.h"

/* Whether bbt_table_raw() would take the line as a TSV row unchanged. */
static int
plain_row(const struct bbt_table *t, const char *line, size_t len,
    size_t ntab, const struct bbt_odd *odd)
{
	if (len == 0 || len > BBT_LINE_MAX || ntab + 1 != t->hdr_n ||
	    line[0] == '#' || line[len - 1] == '\r')
		return 0;
	if (t->rectype && len > t->rectype_len &&
	    line[t->rectype_len] == '\t' &&
	    memcmp(line, t->rectype, t->rectype_len) == 0)
		return 0;
	if (t->hdr_line && len == t->hdr_len &&
	    memcmp(t->hdr_line, line, len) == 0)
		return 0;
	/* A byte-order mark is taken off by bbt_table_raw(), bad UTF-8
	 * and NUL bytes are its errors. */
	if (odd->from < len && ((unsigned char)line[0] == 0xef ||
	    bbt_line_check(line + odd->from, odd->to - odd->from) >= 0))
		return 0;
	return 1;
}

/* The walk ends: the lines given out go back to the line reader. */
static void
run_stop(struct bbt_table *t)
{
	bbt_lines_take(t->l, t->run.at, t->run_lines);
	t->run_on = 0;
	t->run_lines = 0;
}

static int
run_start(struct bbt_table *t)
{
	char *p;
	size_t n;

	if (!t->have_header || t->bad_header || t->csv ||
	    t->rp.qhead != t->rp.qn ||
	    bbt_lines_peek(t->l, &p, &n, &t->run_limit) <= 0)
		return 0;
	bbt_tsvrun_start(&t->run, p, n);
	t->run_on = 1;
	t->run_lines = 0;
	return 1;
}

int
bbt_table_fast(struct bbt_table *t, struct bbt_rawrow *rr)
{
	uint32_t *ends = t->ts.tabs;
	size_t s, len, ntab;
	char *line;
	struct bbt_odd odd;

	for (;;) {
		if (!t->run_on && !run_start(t))
			return bbt_table_raw(t, rr);
		s = t->run.at;
		if (s < t->run.n && s < t->run_limit)
			break;
		run_stop(t);
	}
	line = (char *)(uintptr_t)t->run.p + s;
	len = bbt_tsvrun_line(&t->run, ends, t->ts.max, &ntab, &odd);
	if (!plain_row(t, line, len, ntab, &odd)) {
		t->run.at = s;
		run_stop(t);
		return bbt_table_raw(t, rr);
	}
	t->run_lines++;
	/* As raw_tsv() leaves them. */
	line[len] = '\0';
	ends[ntab] = (uint32_t)len;
	ends[ntab + 1] = (uint32_t)len - 1;
	ends[ntab + 2] = (uint32_t)len;
	rr->line = line;
	rr->ends = ends;
	rr->pos = t->pos;
	return 1;
}
