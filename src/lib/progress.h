/* SPDX-License-Identifier: MIT */
/*
 * A progress line on standard error for a person who waits: shown only
 * on a terminal (unless forced), at most every interval, never before the
 * first interval has passed (quick runs stay silent), cut to the
 * terminal's width so that "\r" can overwrite it, and cleared at the end.
 * Records never go there: stdout is untouched.
 *
 *	struct bbt_progress pg;
 *	bbt_progress_init(&pg, stderr, o->common.quiet ? 0 : -1, 500);
 *	while (...)
 *		bbt_progress_update(&pg, _("%d of %d VLANs"), i, n);
 *	bbt_progress_clear(&pg);
 */
#ifndef BBT_PROGRESS_H
#define BBT_PROGRESS_H

#include <stdint.h>
#include <stdio.h>

struct bbt_progress {
	FILE		*fp;
	int		 on;		/* shown at all */
	int		 cols;		/* terminal width */
	int		 interval_ms;
	int64_t		 next_ms;	/* no update before this */
	int		 shown;		/* columns on the line now */
};

/*
 * when: 1 always, 0 never, -1 only when fp is a terminal (and TERM is not
 * "dumb"). The first update is shown interval_ms after this call.
 */
void	bbt_progress_init(struct bbt_progress *, FILE *, int when,
	    int interval_ms);
/* Replaces the line with the formatted text when the interval has passed;
 * returns 1 when it was written. Cheap when it is not. */
int	bbt_progress_update(struct bbt_progress *, const char *, ...)
	    __attribute__((format(printf, 2, 3)));
/* Erases the line: at the end, and before any other message on fp. */
void	bbt_progress_clear(struct bbt_progress *);

#endif
