/* SPDX-License-Identifier: MIT */
/*
 * Work-order tables: TSV or RFC 4180 CSV with a header, plus record lines
 * of the table's type. The TSV path is qareport's hot loop: the line
 * reader finds the tabs with the line end (bbt_lines_next_tsv), values
 * are NUL-terminated in place, no allocation per row.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "lib/i18n.h"
#include "lib/lines.h"
#include "lib/rec.h"
#include "lib/replay.h"
#include "lib/table.h"
#include "lib/text.h"

#define MAXCOLS	256

struct bbt_table {
	struct bbt_lines		*l;
	const struct bbt_table_col	*cols;
	size_t				 ncols;
	size_t				 reccols;	/* columns a record fills */
	const char			*rectype;
	size_t				 rectype_len;
	int				 have_header, bad_header, csv;
	int				 map[MAXCOLS];	/* header col -> schema */
	struct pick {
		uint16_t	 field, col;
	}				 pick[MAXCOLS];	/* mapped ones only */
	size_t				 npick;
	size_t				 hdr_n;
	unsigned char			*has;
	size_t				*absent;	/* schema cols not in header */
	size_t				 nabsent;
	char				*hdr_line;	/* to skip repeats */
	size_t				 hdr_len;
	uint64_t			 hdr_at;	/* its offset in the file */
	char				*csv_buf;
	size_t				 csv_cap;
	char				*fields[MAXCOLS];
	/* tabs[-1], the row's tabs (its field ends), then two more ends
	 * for absent columns: the empty range at the line's NUL. */
	uint32_t			 tabs[3 + MAXCOLS];
	struct bbt_tsv			 ts;		/* tabs of the row */
	uint16_t			 pos[MAXCOLS];	/* schema -> field */
	/* Rows that are not plain TSV (CSV, records): their values
	 * packed one after the other, each followed by a tab. */
	char				*pack;
	size_t				 packcap;
	uint32_t			 pends[1 + MAXCOLS];
	uint16_t			 ident[MAXCOLS];
	struct bbt_field		*fv;		/* for bbt_table_next */
	struct bbt_replay		 rp;		/* CSV lines to read again */
	char				 err[512];
	const char			*reason;	/* err past "file:line: " */
};

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

/* A table without its line reader yet. */
static struct bbt_table *
table_new(const struct bbt_table_col *cols, size_t ncols, const char *rectype)
{
	struct bbt_table *t;

	if (ncols > MAXCOLS) {
		errno = EINVAL;
		return NULL;
	}
	if ((t = calloc(1, sizeof(*t))) == NULL)
		return NULL;
	if ((t->has = calloc(ncols ? ncols : 1, 1)) == NULL ||
	    (t->fv = calloc(ncols ? ncols : 1, sizeof(*t->fv))) == NULL ||
	    (t->absent = calloc(ncols ? ncols : 1, sizeof(*t->absent))) == NULL) {
		free(t->has);
		free(t->fv);
		free(t);
		errno = ENOMEM;
		return NULL;
	}
	t->cols = cols;
	t->ncols = ncols;
	t->reccols = ncols;
	t->rectype = rectype;
	t->rectype_len = rectype ? strlen(rectype) : 0;
	/* tabs[-1] = -1: field k starts at tabs[k - 1] + 1, k = 0 too. */
	t->tabs[0] = UINT32_MAX;
	t->ts.tabs = t->tabs + 1;
	t->ts.max = MAXCOLS - 1;
	t->pends[0] = UINT32_MAX;
	for (size_t i = 0; i < MAXCOLS; i++)
		t->ident[i] = (uint16_t)i;
	return t;
}

struct bbt_table *
bbt_table_open(const char *path, const struct bbt_table_col *cols,
    size_t ncols, const char *rectype)
{
	struct bbt_table *t = table_new(cols, ncols, rectype);

	if (t != NULL && (t->l = bbt_lines_open(path)) == NULL) {
		int e = errno;
		bbt_table_close(t);
		errno = e;
		return NULL;
	}
	return t;
}

static int
fail(struct bbt_table *t, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static int
fail(struct bbt_table *t, const char *fmt, ...)
{
	va_list ap;
	int n;

	n = snprintf(t->err, sizeof(t->err), "%s:%lu: ", bbt_lines_name(t->l),
	    bbt_table_lineno(t));
	if (n < 0 || (size_t)n >= sizeof(t->err))
		n = 0;
	t->reason = t->err + n;
	va_start(ap, fmt);
	vsnprintf(t->err + n, sizeof(t->err) - (size_t)n, fmt, ap);
	va_end(ap);
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

static int
next_line(struct bbt_table *t, char **line, size_t *len, struct bbt_tsv *ts)
{
	return bbt_replay_next(&t->rp, t->l, line, len, ts);
}

/*
 * The quoted field opened on line first did not close in a valid row:
 * that line is the bad row, the lines read after it are read again.
 */
static int
csv_resync(struct bbt_table *t, unsigned long first)
{
	if (bbt_replay_rewind(&t->rp) < 0)
		return fail(t, _("out of memory"));
	t->rp.cur_line = first;
	return fail(t, _("unterminated quoted CSV field"));
}

/*
 * Parses one CSV row into t->csv_buf, reading more lines while a quoted
 * field is open. Returns the number of fields, or -1 (error set). A row
 * of several lines must have want fields, else it is a stray quote's
 * doing and csv_resync() takes the lines back. want 0 is a header, which
 * is one line: one that does not parse costs no other, and a reader of
 * a range of the file finds the same headers.
 */
static long
split_csv(struct bbt_table *t, char *line, size_t len, size_t want)
{
	size_t n = 0, w = 0;
	int inq = 0, field_start = 1, r;
	unsigned long first = bbt_table_lineno(t);

	for (;;) {
		if (t->csv_cap < w + len + 2) {
			size_t nc = (w + len + 2) * 2;
			char *nb = realloc(t->csv_buf, nc);
			if (nb == NULL)
				return fail(t, _("out of memory"));
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
				return fail(t, _("quote inside an unquoted CSV field"));
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
			return fail(t, _("unterminated quoted CSV field"));
		/* A quoted field goes on: the line break is part of it,
		 * up to a row's worth of lines. */
		t->csv_buf[w++] = '\n';
		if (t->rp.kept > BBT_LINE_MAX)
			goto bad;
		r = next_line(t, &line, &len, NULL);
		if (r == 0 || (r < 0 && bbt_lines_failed(t->l)))
			goto bad;
		if (bbt_replay_keep(&t->rp, r == 1 ? line : NULL,
		    r == 1 ? len : 0, bbt_table_lineno(t)) < 0)
			return fail(t, _("out of memory"));
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
		return fail(t, _("too many columns"));
	return csv_resync(t, first);
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

static int
read_header(struct bbt_table *t, char *line, size_t len)
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
	n = t->csv ? split_csv(t, line, len, 0) : bbt_tsv_split(line, len, t->fields,
	    MAXCOLS);
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
		return fail(t, _("missing header: no column is named like "
		    "'%s', '%s', ..."), t->cols[0].name,
		    t->ncols > 1 ? t->cols[1].name : "");
	}
	t->have_header = 1;
	t->bad_header = 0;
	return 0;
}

static void
value(struct bbt_field *v, char *s, size_t len)
{
	if (len == 0 || (len == 1 && s[0] == '-')) {
		v->s = NULL;
		v->len = 0;
	} else {
		v->s = s;
		v->len = len;
	}
}

/* A row that is not plain TSV, in t->fv: packed for bbt_table_raw(). */
static int
pack(struct bbt_table *t, struct bbt_rawrow *rr)
{
	size_t need = 1;
	char *q;

	for (size_t i = 0; i < t->ncols; i++)
		need += t->fv[i].len + 1;
	if (need > UINT32_MAX)
		return fail(t, _("line too long"));
	if (need > t->packcap) {
		char *np = realloc(t->pack, need);

		if (np == NULL)
			return fail(t, "%s", strerror(errno));
		t->pack = np;
		t->packcap = need;
	}
	q = t->pack;
	for (size_t i = 0; i < t->ncols; i++) {
		if (t->fv[i].s) {
			memcpy(q, t->fv[i].s, t->fv[i].len);
			q += t->fv[i].len;
		}
		t->pends[1 + i] = (uint32_t)(q - t->pack);
		*q++ = '\t';
	}
	*q = '\0';
	rr->line = t->pack;
	rr->ends = t->pends + 1;
	rr->pos = t->ident;
	return 1;
}

/*
 * The gzip data is damaged after the lines read so far: named at the
 * line that was being decoded, as a bad row would be.
 */
static int
damaged(struct bbt_table *t)
{
	int n, d = bbt_lines_damage(t->l);

	n = snprintf(t->err, sizeof(t->err), "%s:%lu: ", bbt_lines_name(t->l),
	    bbt_lines_lineno(t->l) + 1);
	if (n < 0 || (size_t)n >= sizeof(t->err))
		n = 0;
	t->reason = t->err + n;
	snprintf(t->err + n, sizeof(t->err) - (size_t)n, "%s",
	    d == BBT_LINES_TRAILING ?
	    _("trailing bytes after the gzip data, ignored") :
	    d == BBT_LINES_TRUNCATED ?
	    _("truncated gzip data; the rows before this line were read") :
	    _("corrupt gzip data; the rows before this line were read"));
	return -1;
}

int
bbt_table_raw(struct bbt_table *t, struct bbt_rawrow *rr)
{
	char *line;
	size_t len;
	long n;
	int r;

again:
	for (;;) {
		r = next_line(t, &line, &len, &t->ts);
		if (r == 0)
			return 0;
		if (r < 0) {
			if (bbt_lines_damage(t->l))
				return damaged(t);
			if (bbt_lines_failed(t->l)) {
				snprintf(t->err, sizeof(t->err), "%s: %s",
				    bbt_lines_name(t->l), errno == EILSEQ ?
				    _("truncated or corrupt gzip data") :
				    strerror(errno));
				return -1;
			}
			return fail(t, _("line too long"));
		}
		if (len == 0 || line[0] == '#')
			continue;
		break;
	}
	if (t->rectype && len > t->rectype_len &&
	    line[t->rectype_len] == '\t' &&
	    memcmp(line, t->rectype, t->rectype_len) == 0) {
		struct bbt_rec rec;
		const char *why;

		/* bbt_rec_split_raw() checks UTF-8 and NUL bytes itself. */
		if (bbt_rec_split_raw(line, len, &rec, &why) < 0)
			return fail(t, "%s", _(why));
		if (rec.nf < t->reccols + 1)
			return fail(t, _("%zu columns, the %s record has %zu"),
			    rec.nf - 1, t->rectype, t->reccols);
		for (size_t i = 0; i < t->ncols; i++) {
			t->fv[i].s = NULL;
			t->fv[i].len = 0;
			if (i < t->reccols)
				value(&t->fv[i], rec.f[i + 1],
				    strlen(rec.f[i + 1]));
		}
		return pack(t, rr);
	}
	if (!t->have_header || t->csv) {
		long bad = bbt_line_check(line, len);

		if (bad >= 0)
			return fail(t, line[bad] == '\0' ?
			    _("NUL byte in the line") : _("invalid UTF-8"));
	}
	if (!t->have_header) {
		if (read_header(t, line, len) < 0)
			return -1;
		goto again;
	}
	if (len >= 3 && memcmp(line, "\xef\xbb\xbf", 3) == 0) {
		line += 3;	/* a byte-order mark, as on the header */
		len -= 3;
		for (size_t i = 0; i < t->ts.n; i++)
			t->ts.tabs[i] -= 3;
		t->ts.odd = 0;
		t->ts.odd_end = len;
	}
	if (t->hdr_line && t->hdr_len == len &&
	    memcmp(t->hdr_line, line, len) == 0)
		goto again;	/* a repeated header (cat a.tsv b.tsv) */
	if (t->csv) {
		if ((n = split_csv(t, line, len, t->hdr_n)) < 0)
			return -1;
		if ((size_t)n != t->hdr_n)
			return fail(t, _("%ld columns, the header has %zu"), n,
			    t->hdr_n);
		for (size_t i = 0; i < t->nabsent; i++) {
			t->fv[t->absent[i]].s = NULL;
			t->fv[t->absent[i]].len = 0;
		}
		for (long i = 0; i < n; i++)
			if (t->map[i] >= 0)
				value(&t->fv[t->map[i]], t->fields[i],
				    strlen(t->fields[i]));
		return pack(t, rr);
	}
	{
		/* The line reader found the tabs and the first and last
		 * bytes that are not plain ASCII; only the bytes from one
		 * to the other need a check. */
		struct bbt_tsv *ts = &t->ts;
		uint32_t *ends = ts->tabs;
		size_t nf = ts->n + 1;

		if (ts->over)
			return fail(t, _("too many columns"));
		if (ts->odd < len) {
			long bad = bbt_line_check(line + ts->odd,
			    ts->odd_end - ts->odd);

			if (bad >= 0)
				return fail(t, line[ts->odd + (size_t)bad] ==
				    '\0' ? _("NUL byte in the line") :
				    _("invalid UTF-8"));
		}
		if (nf != t->hdr_n)
			return fail(t, _("%ld columns, the header has %zu"),
			    (long)nf, t->hdr_n);
		ends[ts->n] = (uint32_t)len;	/* the last field's end */
		ends[nf] = (uint32_t)len - 1;	/* absent: [len, len) */
		ends[nf + 1] = (uint32_t)len;
		rr->line = line;
		rr->ends = ends;
		rr->pos = t->pos;
	}
	return 1;
}

int
bbt_table_row(struct bbt_table *t, struct bbt_field *vals)
{
	struct bbt_rawrow rr;
	int r = bbt_table_raw(t, &rr);

	if (r != 1)
		return r;
	/* The NULs go where the values' tabs were: no later value starts
	 * there (an empty one's start is its own tab, and it gets none). */
	for (size_t i = 0; i < t->ncols; i++) {
		vals[i] = bbt_raw_get(&rr, i);
		if (vals[i].s)
			rr.line[vals[i].s - rr.line + vals[i].len] = '\0';
	}
	return 1;
}

int
bbt_table_next(struct bbt_table *t, const char **vals)
{
	int r = bbt_table_row(t, t->fv);

	if (r == 1)
		for (size_t i = 0; i < t->ncols; i++)
			vals[i] = t->fv[i].s;
	return r;
}

const char *
bbt_table_error(const struct bbt_table *t)
{
	return t->err;
}

const char *
bbt_table_reason(const struct bbt_table *t)
{
	return t->reason ? t->reason : t->err;
}

struct bbt_table *
bbt_table_open_head(const char *path, const struct bbt_table_col *cols,
    size_t ncols, const char *rectype)
{
	struct bbt_table *t = bbt_table_open(path, cols, ncols, rectype);
	char *line;
	size_t len;
	int r;

	if (t == NULL)
		return NULL;
	bbt_lines_stop_long(t->l);
	/* The header is the first line that is neither a comment nor a
	 * record and reads as one, as bbt_table_raw() finds it; the
	 * errors before it are the first range's to report. */
	while (!t->have_header && (t->hdr_at = bbt_lines_tell(t->l),
	    r = bbt_lines_next(t->l, &line, &len)) != 0) {
		if (r < 0) {
			if (bbt_lines_failed(t->l))
				break;
			continue;
		}
		if (len == 0 || line[0] == '#' || (rectype &&
		    len > t->rectype_len && line[t->rectype_len] == '\t' &&
		    memcmp(line, rectype, t->rectype_len) == 0))
			continue;
		if (bbt_line_check(line, len) < 0)
			(void)read_header(t, line, len);
	}
	return t;
}

int
bbt_table_splittable(const struct bbt_table *t)
{
	return !(t->have_header && t->csv) && !bbt_lines_stopped(t->l);
}

struct bbt_table *
bbt_table_open_part(const struct bbt_table *head, uint64_t start,
    uint64_t end)
{
	struct bbt_table *t = table_new(head->cols, head->ncols,
	    head->rectype);
	char *hl;

	if (t == NULL)
		return NULL;
	t->reccols = head->reccols;
	if ((t->l = bbt_lines_open_range(bbt_lines_name(head->l), start,
	    end)) == NULL) {
		int e = errno;
		bbt_table_close(t);
		errno = e;
		return NULL;
	}
	/* The header again from its text: it parsed once, it parses the
	 * same (split in place, hence the copy). A range that holds it
	 * reads it, and the lines before it, as one reader would: those
	 * are tried as headers. */
	if (head->have_header && start > head->hdr_at) {
		if ((hl = strndup(head->hdr_line, head->hdr_len)) == NULL) {
			bbt_table_close(t);
			errno = ENOMEM;
			return NULL;
		}
		(void)read_header(t, hl, head->hdr_len);
		free(hl);
	}
	return t;
}

struct bbt_table *
bbt_table_open_range(const char *path, const struct bbt_table_col *cols,
    size_t ncols, const char *rectype, uint64_t start, uint64_t end)
{
	struct bbt_table *head = bbt_table_open_head(path, cols, ncols,
	    rectype), *t;
	int e;

	if (head == NULL)
		return NULL;
	t = bbt_table_open_part(head, start, end);
	e = errno;
	bbt_table_close(head);
	errno = e;
	return t;
}

const char *
bbt_table_name(const struct bbt_table *t)
{
	return bbt_lines_name(t->l);
}

unsigned long
bbt_table_lineno(const struct bbt_table *t)
{
	return bbt_replay_lineno(&t->rp, t->l);
}

int
bbt_table_failed(const struct bbt_table *t)
{
	return bbt_lines_failed(t->l);
}

int
bbt_table_damaged(const struct bbt_table *t)
{
	return bbt_lines_damage(t->l) != 0;
}

void
bbt_table_record_cols(struct bbt_table *t, size_t n)
{
	if (n <= t->ncols)
		t->reccols = n;
}

int
bbt_table_has(const struct bbt_table *t, size_t i)
{
	return i < t->ncols && t->has[i];
}

uint64_t
bbt_table_offset(const struct bbt_table *t)
{
	return bbt_lines_offset(t->l);
}

void
bbt_table_close(struct bbt_table *t)
{
	if (t == NULL)
		return;
	bbt_lines_close(t->l);
	free(t->has);
	free(t->fv);
	free(t->absent);
	free(t->hdr_line);
	free(t->csv_buf);
	free(t->pack);
	bbt_replay_free(&t->rp);
	free(t);
}
