/* SPDX-License-Identifier: MIT */
/*
 * The argp child every command includes: --format, --color, -v, -q, and
 * -h/-?/--help, --usage, -V/--version in place of argp's own (help
 * rewrapped by display width; a failed write of it is an error).
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
/* Sets argp_program_version from the Makefile. */
void	bbt_argp_setup(void);
/* argp_parse with ARGP_NO_HELP: the common child gives --help instead.
 * Every command parses through it. */
error_t	bbt_argp_parse(const struct argp *, int, char **, unsigned, void *);
/*
 * For a command's argp help_filter: the text after the options is the
 * msgid post (translated here), the rest as argp has it.
 */
char	*bbt_help_doc(int key, const char *text, const char *post);
/* The exit status for an output error: 3 (UNKNOWN) in a check tool
 * (argp_err_exit_status 3), else EX_IOERR. */
int	bbt_io_exit_status(void);
/*
 * Writes argp's help text to out wrapped at width display columns: long
 * lines break at spaces or between CJK characters (not before closing or
 * after opening punctuation), option descriptions hang at argp's column,
 * lines of spaces become empty, and the text ends with a newline.
 */
void	bbt_help_rewrap(FILE *, const char *, size_t, int width);

#endif
