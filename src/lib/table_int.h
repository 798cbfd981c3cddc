/* SPDX-License-Identifier: MIT */
/*
 * Inside a table reader, shared by its files: table.c (opening, rows),
 * table_head.c (the header) and table_csv.c (CSV rows).
 */
#ifndef BBT_TABLE_INT_H
#define BBT_TABLE_INT_H

#include <stddef.h>
#include <stdint.h>

#include "lib/lines.h"
#include "lib/replay.h"
#include "lib/table.h"

#define MAXCOLS	256

struct bbt_table {
	struct bbt_lines		*l;
	const struct bbt_table_col	*cols;
	size_t				 ncols;
	size_t				 reccols;	/* columns a record fills */
	size_t				 recmin;	/* ... at least; 0: all */
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

/* Sets the error "file:line: ..." (bbt_table_error); returns -1. */
int	 bbt_table_fail(struct bbt_table *, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));

static inline int
table_next_line(struct bbt_table *t, char **line, size_t *len,
    struct bbt_tsv *ts)
{
	return bbt_replay_next(&t->rp, t->l, line, len, ts);
}

/* table_head.c: the header line; 0, or -1 (error set). */
int	 bbt_table_head_read(struct bbt_table *, char *line, size_t len);
/* table_csv.c: one CSV row into t->fields: their number, or -1. */
long	 bbt_table_csv_split(struct bbt_table *, char *line, size_t len,
	    size_t want);

#endif
