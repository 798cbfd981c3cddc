/* SPDX-License-Identifier: MIT */
/*
 * A buffer of whole TSV lines walked as one (simdjson's structural
 * index, without storing it): the LF, tab and odd-byte bits of each
 * 64-byte block (classify.h) are found once and carried from one line
 * to the next, where the line reader (lines.c) starts each line's scan
 * afresh behind a call or two. The table reader's fast path,
 * bbt_table_fast(), walks its line reader's buffer so.
 */
#ifndef BBT_TSVRUN_H
#define BBT_TSVRUN_H

#include <stddef.h>
#include <stdint.h>

struct bbt_tsvrun;
/* The bytes >= 0x80 or NUL of a line: from the first to past the last,
 * [from, to); from is the line's length when there is none. */
struct bbt_odd {
	size_t		 from, to;
};
typedef size_t	bbt_tsvrun_fn(struct bbt_tsvrun *, uint32_t *tabs, size_t max,
		    size_t *ntab, struct bbt_odd *odd);

struct bbt_tsvrun {
	const char	*p;
	size_t		 n;		/* p[n - 1] is an LF */
	size_t		 at;		/* the next line's first byte */
	size_t		 bo;		/* the block the bits are of */
	uint64_t	 tab, nl, odd;	/* its bits from at on */
	bbt_tsvrun_fn	*line;
};

/* Starts a walk of p[0, n); the loads reach up to 63 bytes past it. */
void	 bbt_tsvrun_start(struct bbt_tsvrun *, const char *p, size_t n);

/*
 * The line at p + at (at < n), at moved past its LF: its length, the LF
 * excluded. Its tabs' offsets go to tabs[0, max) and their number to
 * *ntab (which may be more than max: the rest were not stored); *odd
 * where it has bytes >= 0x80 or NUL.
 */
static inline size_t
bbt_tsvrun_line(struct bbt_tsvrun *r, uint32_t *tabs, size_t max,
    size_t *ntab, struct bbt_odd *odd)
{
	return r->line(r, tabs, max, ntab, odd);
}

/* The scanner (lib/lines.h BBT_SCAN_*): -1 when this CPU has none. */
int	 bbt_tsvrun_scanner(int which);

#endif
