/* SPDX-License-Identifier: MIT */
/*
 * The header of a table: its columns found by name or alias, the
 * schema's columns mapped to the fields of a row.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "lib/i18n.h"
#include "lib/table_int.h"


int
bbt_table_col_find(const struct bbt_table_col *cols, size_t n, const char *s,
    size_t len)
{
	for (size_t i = 0; i < n; i++) {
		const char *a;

		if (strlen(cols[i].name) == len &&
		    strncasecmp(cols[i].name, s, len) == 0)
			return (int)i;
		for (a = cols[i].aliases; a && *a;) {
			const char *bar = strchr(a, '|');
			size_t alen = bar ? (size_t)(bar - a) : strlen(a);

			if (alen == len && strncasecmp(a, s, len) == 0)
				return (int)i;
			a = bar ? bar + 1 : a + alen;
		}
	}
	return -1;
}

/* Only headers now: rows get their tabs from bbt_lines_next_tsv(). */
long
bbt_tsv_split(char *line, size_t len, char **f, size_t maxf)
{
	size_t n = 0, start = 0;

	if (maxf == 0)
		return -1;
	for (size_t i = 0; i < len; i++)
		if (line[i] == '\t') {
			if (n + 1 >= maxf)
				return -1;
			f[n++] = line + start;
			line[i] = '\0';
			start = i + 1;
		}
	f[n++] = line + start;
	line[len] = '\0';
	return (long)n;
}

static void
trim(char **s)
{
	char *p = *s, *e;

	while (*p == ' ')
		p++;
	e = p + strlen(p);
	while (e > p && e[-1] == ' ')
		*--e = '\0';
	*s = p;
}

int
bbt_table_head_read(struct bbt_table *t, char *line, size_t len)
{
	long n;
	size_t known = 0;

	/* A byte-order mark from spreadsheet exports. */
	if (len >= 3 && memcmp(line, "\xef\xbb\xbf", 3) == 0) {
		line += 3;
		len -= 3;
	}
	free(t->hdr_line);
	t->hdr_line = strndup(line, len);
	t->hdr_len = t->hdr_line ? len : 0;
	t->csv = memchr(line, '\t', len) == NULL && memchr(line, ',', len);
	n = t->csv ? bbt_table_csv_split(t, line, len, 0) :
	    bbt_tsv_split(line, len, t->fields, MAXCOLS);
	if (n < 0)
		return -1;
	memset(t->has, 0, t->ncols);
	t->npick = 0;
	for (long i = 0; i < n; i++) {
		char *name = t->fields[i];
		int c;

		trim(&name);
		c = bbt_table_col_find(t->cols, t->ncols, name, strlen(name));
		if (c >= 0 && t->has[c])
			c = -1;		/* the first of two equal columns wins */
		t->map[i] = c;
		if (c >= 0) {
			t->pick[t->npick].field = (uint16_t)i;
			t->pick[t->npick++].col = (uint16_t)c;
			t->has[c] = 1;
			known++;
		}
	}
	t->hdr_n = (size_t)n;
	t->nabsent = 0;
	for (size_t i = 0; i < t->ncols; i++)
		if (!t->has[i]) {
			t->absent[t->nabsent++] = i;
			t->pos[i] = (uint16_t)(n + 1);
		}
	for (size_t i = 0; i < t->npick; i++)
		t->pos[t->pick[i].col] = t->pick[i].field;
	if (known == 0) {
		t->bad_header = 1;
		return bbt_table_fail(t, _("missing header: no column is "
		    "named like '%s', '%s', ..."), t->cols[0].name,
		    t->ncols > 1 ? t->cols[1].name : "");
	}
	t->have_header = 1;
	t->bad_header = 0;
	return 0;
}
