/* SPDX-License-Identifier: MIT */
/*
 * The argp child every command includes: --format, --color, -v, -q.
 * A command sets formats (its accepted --format words) before argp_parse
 * and passes &common to the child in ARGP_KEY_INIT:
 *	state->child_inputs[0] = &opts->common;
 */
#ifndef BBT_OPTS_H
#define BBT_OPTS_H

#include <argp.h>
#include <stdio.h>

enum bbt_color { BBT_COLOR_AUTO, BBT_COLOR_ALWAYS, BBT_COLOR_NEVER };

struct bbt_common {
	int		 verbose;	/* -v, repeatable */
	int		 quiet;		/* -q */
	enum bbt_color	 color;
	const char	*format;	/* the word given, NULL = default */
	const char *const *formats;	/* accepted words, NULL-terminated */
};

extern const struct argp bbt_common_argp;
/* The children list every command's argp uses: the common child alone. */
extern const struct argp_child bbt_common_children[];

/* Whether to colour output on fp: --color, NO_COLOR, TERM=dumb, isatty. */
int	bbt_common_color(const struct bbt_common *, FILE *);
/* Whether fp is a terminal (for the text-vs-tsv default). */
int	bbt_isatty(FILE *);
/* Sets argp_program_version and the bug address from the Makefile. */
void	bbt_argp_setup(void);

#endif
