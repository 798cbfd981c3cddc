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

#include "lib/i18n.h"
#include "lib/rec.h"
#include "lib/table_int.h"
#include "lib/text.h"

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
	    (t->absent = calloc(ncols ? ncols : 1,
	    sizeof(*t->absent))) == NULL) {
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

int
bbt_table_fail(struct bbt_table *t, const char *fmt, ...)
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
		return bbt_table_fail(t, _("line too long"));
	if (need > t->packcap) {
		char *np = realloc(t->pack, need);

		if (np == NULL)
			return bbt_table_fail(t, "%s", strerror(errno));
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

/* The next line that is not empty or a comment: 1, 0 at the end, -1
 * (error set). */
static int
raw_line(struct bbt_table *t, char **line, size_t *len)
{
	int r;

	for (;;) {
		r = table_next_line(t, line, len, &t->ts);
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
			return bbt_table_fail(t, _("line too long"));
		}
		if (*len > 0 && (*line)[0] != '#')
			return 1;
	}
}

/* A record line of the table's type, packed. */
static int
raw_record(struct bbt_table *t, char *line, size_t len,
    struct bbt_rawrow *rr)
{
	struct bbt_rec rec;
	const char *why;

	/* bbt_rec_split_raw() checks UTF-8 and NUL bytes itself. */
	if (bbt_rec_split_raw(line, len, &rec, &why) < 0)
		return bbt_table_fail(t, "%s", _(why));
	size_t min = t->recmin ? t->recmin : t->reccols;

	if (rec.nf < min + 1)
		return bbt_table_fail(t,
		    _("%zu columns, the %s record has %zu"), rec.nf - 1,
		    t->rectype, min);
	/* Optional trailing fields a record lacks are absent; fields past
	 * the schema are a later version's, ignored. */
	for (size_t i = 0; i < t->ncols; i++) {
		t->fv[i].s = NULL;
		t->fv[i].len = 0;
		if (i < t->reccols && i + 1 < rec.nf)
			value(&t->fv[i], rec.f[i + 1], strlen(rec.f[i + 1]));
	}
	return pack(t, rr);
}

/* A CSV row, packed. */
static int
raw_csv(struct bbt_table *t, char *line, size_t len, struct bbt_rawrow *rr)
{
	long n;

	if ((n = bbt_table_csv_split(t, line, len, t->hdr_n)) < 0)
		return -1;
	if ((size_t)n != t->hdr_n)
		return bbt_table_fail(t, _("%ld columns, the header has %zu"),
		    n, t->hdr_n);
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

/*
 * A TSV row where it is: the line reader found the tabs and the first
 * and last bytes that are not plain ASCII; only the bytes from one to
 * the other need a check.
 */
static int
raw_tsv(struct bbt_table *t, char *line, size_t len, struct bbt_rawrow *rr)
{
	struct bbt_tsv *ts = &t->ts;
	uint32_t *ends = ts->tabs;
	size_t nf = ts->n + 1;

	if (ts->over)
		return bbt_table_fail(t, _("too many columns"));
	if (ts->odd < len) {
		long bad = bbt_line_check(line + ts->odd,
		    ts->odd_end - ts->odd);

		if (bad >= 0)
			return bbt_table_fail(t,
			    line[ts->odd + (size_t)bad] == '\0' ?
			    _("NUL byte in the line") : _("invalid UTF-8"));
	}
	if (nf != t->hdr_n)
		return bbt_table_fail(t, _("%ld columns, the header has %zu"),
		    (long)nf, t->hdr_n);
	ends[ts->n] = (uint32_t)len;	/* the last field's end */
	ends[nf] = (uint32_t)len - 1;	/* absent: [len, len) */
	ends[nf + 1] = (uint32_t)len;
	rr->line = line;
	rr->ends = ends;
	rr->pos = t->pos;
	return 1;
}

int
bbt_table_raw(struct bbt_table *t, struct bbt_rawrow *rr)
{
	char *line;
	size_t len;
	int r;

again:
	if ((r = raw_line(t, &line, &len)) <= 0)
		return r;
	if (t->rectype && len > t->rectype_len &&
	    line[t->rectype_len] == '\t' &&
	    memcmp(line, t->rectype, t->rectype_len) == 0)
		return raw_record(t, line, len, rr);
	if (!t->have_header || t->csv) {
		long bad = bbt_line_check(line, len);

		if (bad >= 0)
			return bbt_table_fail(t, line[bad] == '\0' ?
			    _("NUL byte in the line") : _("invalid UTF-8"));
	}
	if (!t->have_header) {
		if (bbt_table_head_read(t, line, len) < 0)
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
	if (t->csv)
		return raw_csv(t, line, len, rr);
	return raw_tsv(t, line, len, rr);
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
			(void)bbt_table_head_read(t, line, len);
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
	t->recmin = head->recmin;
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
		(void)bbt_table_head_read(t, hl, head->hdr_len);
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

void
bbt_table_record_min(struct bbt_table *t, size_t n)
{
	if (n <= t->reccols)
		t->recmin = n;
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
