/* SPDX-License-Identifier: MIT */
/*
 * Buffered line input shared by the record and table readers: a file,
 * "-" for stdin, or a gzip file (detected by its magic, read with zlib).
 * Lines are returned in place, without the LF and a CR before it, and
 * may be modified by the caller until the next call.
 */
#ifndef BBT_LINES_H
#define BBT_LINES_H

#include <stddef.h>
#include <stdint.h>

/* Longer lines are an error. The fuzzers reach overlong lines, and
 * such lines across reader ranges, in a few hundred bytes. */
#ifdef BBT_FUZZ
#define BBT_LINE_MAX	300
#else
#define BBT_LINE_MAX	(1024 * 1024)
#endif

struct bbt_lines;

/* NULL with errno set when the file cannot be opened. */
struct bbt_lines *bbt_lines_open(const char *path);
/*
 * Lines of a plain (not gzip) file that start in [start, end): the first
 * one that starts before start is skipped, the last one may end after
 * end. Ranges that tile a file read every line exactly once, so threads
 * can split a file. Line numbers count from the range's first line.
 */
struct bbt_lines *bbt_lines_open_range(const char *path, uint64_t start,
		    uint64_t end);
/* Reads from an open descriptor (not closed by bbt_lines_close). */
struct bbt_lines *bbt_lines_fdopen(int fd, const char *name);
/*
 * 1 and the line in *line and *len (NUL-terminated in place); 0 at end of
 * input; -1 for a line longer than BBT_LINE_MAX (skipped, the reader
 * goes on) or a read error (errno set, bbt_lines_failed() true).
 */
int		 bbt_lines_next(struct bbt_lines *, char **line, size_t *len);
/*
 * The tabs of the line bbt_lines_next_tsv() returns, found in the pass
 * that finds its end (the table reader's hot path: each byte is looked
 * at once, 64 at a time).
 */
struct bbt_tsv {
	uint32_t	*tabs;		/* room for max */
	size_t		 max;		/* more tabs than this: over is set */
	size_t		 n;		/* offsets of the tabs in tabs[0..n-1] */
	int		 over;
	size_t		 odd;		/* first byte >= 0x80 or NUL, or len */
	size_t		 odd_end;	/* past the last such byte (0: none) */
};
/* bbt_lines_next, and the line's tabs in *ts (valid when it returns 1). */
int		 bbt_lines_next_tsv(struct bbt_lines *, char **line,
		    size_t *len, struct bbt_tsv *ts);
/*
 * Which code finds the tabs: BBT_SCAN_AUTO (the best this CPU has), or
 * one of the others so that tests and the fuzzer reach each of them on
 * any machine. -1 when this CPU or build lacks it. Not for threads that
 * are reading.
 */
enum { BBT_SCAN_AUTO, BBT_SCAN_SCALAR, BBT_SCAN_SSE2, BBT_SCAN_AVX2 };
int		 bbt_lines_scanner(int which);
const char	*bbt_lines_name(const struct bbt_lines *);
unsigned long	 bbt_lines_lineno(const struct bbt_lines *);
int		 bbt_lines_failed(const struct bbt_lines *);
/*
 * Why a gzip input failed when its data, not the reading, is at fault
 * (bbt_lines_failed() is true too, errno EILSEQ): the lines before the
 * damage have been returned, a partial last one has not. 0: none.
 */
enum { BBT_LINES_TRUNCATED = 1, BBT_LINES_CORRUPT, BBT_LINES_TRAILING };
int		 bbt_lines_damage(const struct bbt_lines *);
/* Bytes consumed from the file so far (compressed size for gzip). */
uint64_t	 bbt_lines_offset(const struct bbt_lines *);
/*
 * For a reader that only looks ahead (the table header of a file split
 * into ranges): a line over BBT_LINE_MAX ends the input at once (-1,
 * then 0) instead of being read to its end, which may be gigabytes away;
 * bbt_lines_stopped() then tells.
 */
void		 bbt_lines_stop_long(struct bbt_lines *);
int		 bbt_lines_stopped(const struct bbt_lines *);
/* Plain files: the offset where the line after the last returned one
 * starts (decoded bytes for gzip). */
uint64_t	 bbt_lines_tell(const struct bbt_lines *);
void		 bbt_lines_close(struct bbt_lines *);

#endif
