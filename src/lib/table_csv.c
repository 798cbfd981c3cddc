/* SPDX-License-Identifier: MIT */
/*
 * CSV rows (RFC 4180): quoted fields, "" for a quote, quoted line
 * breaks, and a stray quote that would swallow the rows after it.
 */
#include <stdlib.h>
#include <string.h>

#include "lib/i18n.h"
#include "lib/text.h"
#include "lib/table_int.h"

/*
 * The quoted field opened on line first did not close in a valid row:
 * that line is the bad row, the lines read after it are read again.
 */
static int
csv_resync(struct bbt_table *t, unsigned long first)
{
	if (bbt_replay_rewind(&t->rp) < 0)
		return bbt_table_fail(t, _("out of memory"));
	t->rp.cur_line = first;
	return bbt_table_fail(t, _("unterminated quoted CSV field"));
}

/*
 * Parses one CSV row into t->csv_buf, reading more lines while a quoted
 * field is open. Returns the number of fields, or -1 (error set). A row
 * of several lines must have want fields, else it is a stray quote's
 * doing and csv_resync() takes the lines back. want 0 is a header, which
 * is one line: one that does not parse costs no other, and a reader of
 * a range of the file finds the same headers.
 */
long
bbt_table_csv_split(struct bbt_table *t, char *line, size_t len, size_t want)
{
	size_t n = 0, w = 0;
	int inq = 0, field_start = 1, r;
	unsigned long first = bbt_table_lineno(t);

	for (;;) {
		if (t->csv_cap < w + len + 2) {
			size_t nc = (w + len + 2) * 2;
			char *nb = realloc(t->csv_buf, nc);
			if (nb == NULL)
				return bbt_table_fail(t, _("out of memory"));
			t->csv_buf = nb;
			t->csv_cap = nc;
		}
		for (size_t i = 0; i < len; i++) {
			char c = line[i];

			if (field_start) {
				if (n == MAXCOLS)
					goto bad;
				t->fields[n++] = (char *)(uintptr_t)w;
				field_start = 0;
				if (c == '"') {
					inq = 1;
					continue;
				}
			}
			if (inq) {
				if (c == '"') {
					if (i + 1 < len && line[i + 1] == '"') {
						t->csv_buf[w++] = '"';
						i++;
					} else
						inq = 0;
				} else
					t->csv_buf[w++] = c;
			} else if (c == ',') {
				t->csv_buf[w++] = '\0';
				field_start = 1;
			} else if (c == '"') {
				if (t->rp.nkeep)
					goto bad;
				return bbt_table_fail(t,
				    _("quote inside an unquoted CSV field"));
			} else
				t->csv_buf[w++] = c;
		}
		if (field_start) {	/* line ended after a comma */
			if (n == MAXCOLS)
				goto bad;
			t->fields[n++] = (char *)(uintptr_t)w;
			field_start = 0;
		}
		if (!inq)
			break;
		if (want == 0)
			return bbt_table_fail(t,
			    _("unterminated quoted CSV field"));
		/* A quoted field goes on: the line break is part of it,
		 * up to a row's worth of lines. */
		t->csv_buf[w++] = '\n';
		if (t->rp.kept > BBT_LINE_MAX)
			goto bad;
		r = table_next_line(t, &line, &len, NULL);
		if (r == 0 || (r < 0 && bbt_lines_failed(t->l)))
			goto bad;
		if (bbt_replay_keep(&t->rp, r == 1 ? line : NULL,
		    r == 1 ? len : 0, bbt_table_lineno(t)) < 0)
			return bbt_table_fail(t, _("out of memory"));
		if (r < 0 || bbt_utf8_check(line, len) >= 0)
			goto bad;
		/* A line that is a row on its own: the quote was stray
		 * (free text of a field rarely has a row's commas). */
		if (want && bbt_csv_fields(line, len) == (long)want)
			goto bad;
	}
	if (t->rp.nkeep && want && n != want)
		goto bad;
	bbt_replay_drop(&t->rp);
	t->csv_buf[w] = '\0';
	for (size_t i = 0; i < n; i++)
		t->fields[i] = t->csv_buf + (uintptr_t)t->fields[i];
	return (long)n;
bad:
	if (t->rp.nkeep == 0 && n == MAXCOLS)
		return bbt_table_fail(t, _("too many columns"));
	return csv_resync(t, first);
}
