/* SPDX-License-Identifier: MIT */
/*
 * Record output in the shared formats:
 *   tsv   raw records, one per line (the default when not a terminal);
 *   text  the same records aligned in columns by display width, status
 *         words coloured (the default on a terminal);
 *   json  JSON Lines, one object per record.
 * Content and order never depend on the terminal; only "text" buffers
 * (to align), and it is flushed by bbt_out_close().
 */
#ifndef BBT_OUT_H
#define BBT_OUT_H

#include <stdio.h>

#include "lib/state.h"

enum bbt_format {
	BBT_FMT_TSV,
	BBT_FMT_TEXT,
	BBT_FMT_JSON,
	BBT_FMT_OTHER,	/* a command's own format; out.c does not handle it */
};

struct bbt_out;

struct bbt_out	*bbt_out_new(FILE *, enum bbt_format, int color);
/* One record: type and fields[0..n-1]; NULL or "" are written as "-". */
void		 bbt_out_rec(struct bbt_out *, const char *type,
		    const char *const *fields, size_t n);
/* A "#" comment line (tsv and text only). */
void		 bbt_out_comment(struct bbt_out *, const char *);
/* Flushes, frees; -1 when a write to the stream failed. */
int		 bbt_out_close(struct bbt_out *);

/* ANSI colour for a status word, "" when none; and the reset sequence. */
const char	*bbt_color_state(enum bbt_state);
#define BBT_COLOR_RESET "\033[0m"

/*
 * Finishes stdout: fflush + fclose error check, as coreutils'
 * close_stdout(); warns "write error" and returns -1 on failure.
 */
int		 bbt_close_stdout(void);

#endif
