/* SPDX-License-Identifier: MIT */
/*
 * Lines to read again, in front of a line reader: the table reader's
 * CSV resynchronisation. The lines a row took are kept while it is read;
 * if it turns out bad (a stray quote), they go back to be read one by
 * one, with their own line numbers, so that one quote costs one row.
 */
#ifndef BBT_REPLAY_H
#define BBT_REPLAY_H

#include <stddef.h>

#include "lib/lines.h"

struct bbt_replay {
	struct bbt_rline {
		char		*s;	/* NULL: an overlong line */
		size_t		 len;
		unsigned long	 lineno;
	}		*q, *keep;	/* to read again; kept for a row */
	size_t		 qhead, qn, qcap, nkeep, keepcap;
	size_t		 kept;		/* bytes kept */
	char		*cur;		/* the line handed out, if replayed */
	unsigned long	 cur_line;	/* its number; 0: the reader's */
};

/*
 * bbt_lines_next(), or bbt_lines_next_tsv() when ts is not NULL, from
 * the lines to read again first. A replayed overlong line is -1 with
 * errno EMSGSIZE, as the reader gives it.
 */
int		 bbt_replay_next(struct bbt_replay *, struct bbt_lines *,
		    char **line, size_t *len, struct bbt_tsv *ts);
/* The number of the line bbt_replay_next() gave last. */
unsigned long	 bbt_replay_lineno(const struct bbt_replay *,
		    const struct bbt_lines *);
/* Keeps a copy of a line of the row being read (line NULL: overlong);
 * -1 when out of memory. */
int		 bbt_replay_keep(struct bbt_replay *, const char *line,
		    size_t len, unsigned long lineno);
/* The row was good: its kept lines are dropped. */
void		 bbt_replay_drop(struct bbt_replay *);
/* The row was bad: its kept lines are read again next; -1 on ENOMEM. */
int		 bbt_replay_rewind(struct bbt_replay *);
void		 bbt_replay_free(struct bbt_replay *);
/*
 * The fields of line as one CSV row, or -1 when a quote does not close
 * on it or stands inside an unquoted field.
 */
long		 bbt_csv_fields(const char *line, size_t len);

#endif
