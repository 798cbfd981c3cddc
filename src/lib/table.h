/* SPDX-License-Identifier: MIT */
/*
 * Tables with a header: TSV, or RFC 4180 CSV (quoted fields, "" for a
 * quote, quoted line breaks). Columns are found by name, canonical or
 * alias (English and Chinese), unknown columns are ignored. Lines whose
 * first field is the table's record type word ("order") are rows in the
 * record's fixed column order (bbt-record(5)), with or without a header,
 * so `visitnote --log >> orders.tsv` and header tables mix in one file.
 *
 * Errors name file:line; after a bad row the reader goes on.
 */
#ifndef BBT_TABLE_H
#define BBT_TABLE_H

#include <stddef.h>
#include <stdint.h>

struct bbt_table_col {
	const char	*name;		/* canonical, ASCII */
	const char	*aliases;	/* '|'-separated, may be NULL */
};

struct bbt_table;

/*
 * Opens path ("-" = stdin; gzip detected). cols[0..ncols-1] is the
 * schema in record column order; rectype is the record type word or
 * NULL. NULL with errno on an open error.
 */
struct bbt_table *bbt_table_open(const char *path,
		    const struct bbt_table_col *cols, size_t ncols,
		    const char *rectype);
/*
 * 1 = a row: vals[i] is the value of cols[i] (NUL-terminated, valid
 * until the next call), or NULL when the column is absent, empty or
 * "-". 0 = end of input. -1 = a bad row or header: bbt_table_error()
 * gives "file:line: reason"; call again for the next row.
 */
int		 bbt_table_next(struct bbt_table *, const char **vals);
/*
 * The same with lengths: vals[i].s is NULL when absent, empty or "-",
 * else the NUL-terminated value of vals[i].len bytes. The hot path of
 * qareport: no strlen(3) per value.
 */
struct bbt_field {
	const char	*s;
	size_t		 len;
};
int		 bbt_table_row(struct bbt_table *, struct bbt_field *vals);
/*
 * The same row where the reader has it, nothing copied out: the value of
 * schema column c is line[ends[k - 1] + 1, ends[k]) for k = pos[c]
 * (ends[-1] is UINT32_MAX; an absent column has an empty range). Values
 * are not NUL-terminated, but the byte after each one may be
 * overwritten with a NUL. For qareport's rows, which use almost every
 * column once: filling vals[] was a tenth of its run.
 */
struct bbt_rawrow {
	char		*line;
	const uint32_t	*ends;
	const uint16_t	*pos;
};
int		 bbt_table_raw(struct bbt_table *, struct bbt_rawrow *);

/* Column c of a raw row as bbt_table_row() gives it (not terminated). */
static inline struct bbt_field
bbt_raw_get(const struct bbt_rawrow *r, size_t c)
{
	uint32_t k = r->pos[c], from = r->ends[(ptrdiff_t)k - 1] + 1;
	uint32_t vl = r->ends[k] - from;
	struct bbt_field f;
	/* "" and "-" are absent. An empty value's first byte is its tab or
	 * the line's NUL, so one comparison covers both. */
	int none = vl == (uint32_t)(r->line[from] == '-');

	f.s = none ? NULL : r->line + from;
	f.len = none ? 0 : vl;
	return f;
}
const char	*bbt_table_error(const struct bbt_table *);
/* The same without the "file:line: " prefix. */
const char	*bbt_table_reason(const struct bbt_table *);
const char	*bbt_table_name(const struct bbt_table *);
unsigned long	 bbt_table_lineno(const struct bbt_table *);
int		 bbt_table_failed(const struct bbt_table *);	/* I/O error */
/*
 * The failure is damaged gzip data (truncated, corrupt, or trailing
 * bytes): the rows before it were read, and bbt_table_error() names the
 * file and line. A caller may count it as a bad row and report the rest.
 */
int		 bbt_table_damaged(const struct bbt_table *);
/*
 * Records fill only the first n schema columns (the record's own); the
 * columns past them come from header tables only. Default: all.
 */
void		 bbt_table_record_cols(struct bbt_table *, size_t n);
/*
 * Records may end after their first n fields (optional trailing fields,
 * absent when missing); fewer is a bad row. Default: all of
 * bbt_table_record_cols(). Call after it.
 */
void		 bbt_table_record_min(struct bbt_table *, size_t n);
/* Whether a header named column i (records always have all). */
int		 bbt_table_has(const struct bbt_table *, size_t i);
uint64_t	 bbt_table_offset(const struct bbt_table *);
void		 bbt_table_close(struct bbt_table *);

/*
 * Rows of a plain file that start in [start, end) (see
 * bbt_lines_open_range): the header is read from the top of the file, so
 * threads can each read one range. Line numbers count from the range's
 * first line: add the line counts of the ranges before it.
 */
struct bbt_table *bbt_table_open_range(const char *path,
		    const struct bbt_table_col *cols, size_t ncols,
		    const char *rectype, uint64_t start, uint64_t end);
/*
 * The same in two steps, so that the lines before the header (an
 * overlong one may be gigabytes) are read once for all the ranges:
 * bbt_table_open_head() reads up to the header, bbt_table_open_part()
 * opens a range with that header. Only when bbt_table_splittable():
 * a quoted CSV field may hold line breaks, so a CSV range cannot know
 * where its first row starts; and a line over BBT_LINE_MAX before the
 * header stops the search there (rather than read on through it), so
 * the ranges after it could not know the header.
 */
struct bbt_table *bbt_table_open_head(const char *path,
		    const struct bbt_table_col *cols, size_t ncols,
		    const char *rectype);
struct bbt_table *bbt_table_open_part(const struct bbt_table *head,
		    uint64_t start, uint64_t end);
int		 bbt_table_splittable(const struct bbt_table *);

/*
 * Splits a TSV line at tabs, in place: fields NUL-terminated, pointers in
 * f; returns the number of fields, or -1 when there are more than maxf.
 * Tabs are found 16 bytes at a time (SSE2): rows of 20-odd short fields
 * made one memchr(3) call per field the reader's main cost.
 */
long		 bbt_tsv_split(char *line, size_t len, char **f, size_t maxf);

/* Index of the column whose name or alias equals s, or -1. */
int		 bbt_table_col_find(const struct bbt_table_col *, size_t,
		    const char *s, size_t len);

#endif
