/* SPDX-License-Identifier: MIT */
/*
 * The argp child shared by every command: --format, --color, -v, -q, and
 * our own -h/--help, --usage and --version. argp's built-in ones are
 * turned off (bbt_argp_parse adds ARGP_NO_HELP) because argp wraps by
 * bytes, which breaks Chinese help, and never checks its write.
 */
#include <err.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <unistd.h>

#include "lib/i18n.h"
#include "lib/opts.h"
#include "lib/out.h"
#include "lib/state.h"
#include "lib/text.h"

enum { OPT_COLOR = 0x1000, OPT_FORMAT, OPT_USAGE };

/*
 * Strings glibc's argp looks up in the program's text domain (argp-help.c,
 * argp-parse.c, glibc 2.36), spelled exactly as there, so that xgettext
 * puts them in our catalogue and they are translated with ours.
 */
static const char *const argp_msgids[] __attribute__((unused)) = {
	N_("Usage:"),
	N_("  or: "),
	N_(" [OPTION...]"),
	N_("Try `%s --help' or `%s --usage' for more information.\n"),
	N_("Report bugs to %s.\n"),
	N_("Mandatory or optional arguments to long options are also "
	    "mandatory or optional for any corresponding short options."),
	N_("%s: Too many arguments\n"),
	N_("(PROGRAM ERROR) No version known!?"),
	N_("(PROGRAM ERROR) Option should have been recognized!?"),
	N_("Garbage in ARGP_HELP_FMT: %s"),
	N_("%.*s: ARGP_HELP_FMT parameter requires a value"),
	N_("%.*s: Unknown ARGP_HELP_FMT parameter"),
};

static const struct argp_option options[] = {
	{ "color", OPT_COLOR, "WHEN", OPTION_ARG_OPTIONAL,
	    N_("colour status words: auto (default), always or never"), -1 },
	{ "format", OPT_FORMAT, "FORMAT", 0,
	    N_("output format (see the man page; default: text on a "
	    "terminal, else tsv)"), -1 },
	{ "quiet", 'q', NULL, 0, N_("print no messages but errors"), -1 },
	{ "verbose", 'v', NULL, 0,
	    N_("print progress and details on stderr (repeat for more)"), -1 },
	/* argp's own option texts, kept word for word. */
	{ "help", 'h', NULL, 0, N_("Give this help list"), -1 },
	{ NULL, '?', NULL, OPTION_ALIAS, NULL, 0 },
	{ "usage", OPT_USAGE, NULL, 0, N_("Give a short usage message"), -1 },
	{ "version", 'V', NULL, 0, N_("Print program version"), -1 },
	{ NULL, 0, NULL, 0, NULL, 0 },
};

/* argp's default option-description column (ARGP_HELP_FMT opt-doc-col). */
#define DOC_COL		29
/* argp's usage-indent: where continued "Usage:" lines start. */
#define USAGE_COL	12
/* argp's default right margin: help lines are at most this wide. */
#define HELP_WIDTH	79

/* Lines may break before these only when a space is there. */
static int
no_break_before(uint32_t c)
{
	static const uint32_t t[] = {
		0xff0c, 0x3002, 0x3001, 0xff1b, 0xff1a, 0xff01, 0xff1f,
		0xff09, 0x300d, 0x300f, 0x201d, 0x2019, 0x300b, 0x3009,
		0x3011, 0x2026, 0xb7, ',', '.', ';', ':', '!', '?', ')', ']',
		'}', '%',
	};

	for (size_t i = 0; i < sizeof(t) / sizeof(t[0]); i++)
		if (t[i] == c)
			return 1;
	return 0;
}

static int
no_break_after(uint32_t c)
{
	static const uint32_t t[] = {
		0xff08, 0x300c, 0x300e, 0x201c, 0x2018, 0x300a, 0x3008,
		0x3010, '(', '[', '{',
	};

	for (size_t i = 0; i < sizeof(t) / sizeof(t[0]); i++)
		if (t[i] == c)
			return 1;
	return 0;
}

static size_t
next_cp(const char *s, size_t len, uint32_t *cp)
{
	size_t n = bbt_utf8_decode(s, len, cp);

	if (n == 0) {
		*cp = 0xfffd;
		n = 1;
	}
	return n;
}

/*
 * The end of the word starting at s: a run of non-spaces that may be
 * broken only between two characters one of which is wide (CJK), unless
 * punctuation forbids it. In usage lines (brackets != 0) "[-b DIMS]" is
 * one word, spaces and all.
 */
static size_t
word_end(const char *s, size_t len, int brackets)
{
	size_t i = 0, n;
	uint32_t a, b;
	int depth = 0;

	while (i < len) {
		n = next_cp(s + i, len - i, &a);
		if (brackets && a == '[')
			depth++;
		else if (brackets && a == ']' && depth > 0)
			depth--;
		i += n;
		if (i >= len)
			break;
		next_cp(s + i, len - i, &b);
		if (b == ' ' && depth == 0)
			break;
		if (depth == 0 && (bbt_cp_width(a) == 2 || bbt_cp_width(b) == 2) &&
		    !no_break_before(b) && !no_break_after(a) && b != ' ')
			break;
	}
	return i;
}

/* Writes s[0..len) from column col, continued lines indented by hang. */
static void
wrap_words(FILE *out, const char *s, size_t len, int col, int hang,
    int width, int brackets)
{
	size_t i = 0, gap, w;
	int placed = 0, ww;

	while (i < len) {
		for (gap = 0; i + gap < len && s[i + gap] == ' '; gap++)
			;
		if (i + gap >= len)
			break;
		w = word_end(s + i + gap, len - i - gap, brackets);
		ww = bbt_text_nwidth(s + i + gap, w);
		if (placed && col + (int)gap + ww > width) {
			fprintf(out, "\n%*s", hang, "");
			col = hang;
		} else {
			fprintf(out, "%*s", (int)gap, "");
			col += (int)gap;
		}
		fwrite(s + i + gap, 1, w, out);
		col += ww;
		placed = 1;
		i += gap + w;
	}
	fputc('\n', out);
}

/* Where the description of an option line starts (argp puts it at
 * DOC_COL, or three spaces after a longer option), 0 when it has none. */
static size_t
doc_start(const char *s, size_t len)
{
	const char *p;

	if (len > DOC_COL && s[DOC_COL - 1] == ' ' && s[DOC_COL] != ' ')
		return DOC_COL;
	p = memmem(s, len, "   ", 3);
	while (p != NULL && p < s + len && *p == ' ')
		p++;
	return p != NULL && p < s + len ? (size_t)(p - s) : 0;
}

void
bbt_help_rewrap(FILE *out, const char *text, size_t len, int width)
{
	const char *usage = _("Usage:"), *or = _("  or: ");
	size_t i = 0, n, lead, pre;
	int blank = 0;

	while (i < len) {
		const char *l = text + i, *nl = memchr(l, '\n', len - i);

		n = nl ? (size_t)(nl - l) : len - i;
		i += n + (nl != NULL);
		while (n > 0 && (l[n - 1] == ' ' || l[n - 1] == '\t'))
			n--;
		/* argp leaves lines of spaces; one empty line at most. */
		if (n == 0) {
			if (!blank)
				fputc('\n', out);
			blank = 1;
			continue;
		}
		blank = 0;
		for (lead = 0; lead < n && l[lead] == ' '; lead++)
			;
		if ((n >= strlen(usage) && !strncmp(l, usage, strlen(usage))) ||
		    (n >= strlen(or) && !strncmp(l, or, strlen(or)))) {
			wrap_words(out, l, n, 0, USAGE_COL, width, 1);
			continue;
		}
		if (lead > 0 && l[lead] == '-' &&
		    (pre = doc_start(l, n)) > 0) {
			/* The option names stay whole; the text wraps. */
			fwrite(l, 1, pre, out);
			wrap_words(out, l + pre, n - pre,
			    bbt_text_nwidth(l, pre), DOC_COL, width, 0);
			continue;
		}
		if (lead > 0 && l[lead] == '-') {
			fwrite(l, 1, n, out);
			fputc('\n', out);
			continue;
		}
		fwrite(l, 1, lead, out);
		wrap_words(out, l + lead, n - lead, (int)lead, (int)lead,
		    width, 0);
	}
}

/* --help and --version end here: a failed write is an error (74, or 3
 * for check tools), not a silent 0. */
static void
finish(struct argp_state *st, int rc)
{
	if (st->flags & ARGP_NO_EXIT) {
		fflush(stdout);
		return;
	}
	if (bbt_close_stdout() < 0)
		rc = bbt_io_exit_status();
	exit(rc);
}

/*
 * Prints argp's help (or usage) for st rewrapped by display width, and
 * exits: 0, or when stdout cannot be written (--help >/dev/full), 74 for
 * a filter and 3 (UNKNOWN) for a check tool, as their other I/O errors.
 */
static void
help(struct argp_state *st, unsigned flags)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *mem;
	int rc = 0;

	if ((mem = open_memstream(&buf, &len)) == NULL)
		err(argp_err_exit_status == BBT_UNKNOWN ? BBT_UNKNOWN :
		    EX_OSERR, "open_memstream");
	argp_state_help(st, mem, flags & ~(ARGP_HELP_EXIT_ERR |
	    ARGP_HELP_EXIT_OK));
	if (fclose(mem) != 0)
		err(argp_err_exit_status == BBT_UNKNOWN ? BBT_UNKNOWN :
		    EX_OSERR, "open_memstream");
	bbt_help_rewrap(stdout, buf, len, HELP_WIDTH);
	free(buf);
	finish(st, rc);
}

static void
version(struct argp_state *st)
{
	int rc = 0;

	if (argp_program_version_hook != NULL)
		argp_program_version_hook(stdout, st);
	else
		printf("%s\n", argp_program_version ? argp_program_version :
		    _("(PROGRAM ERROR) No version known!?"));
	finish(st, rc);
}

static error_t
parse(int key, char *arg, struct argp_state *st)
{
	struct bbt_common *c = st->input;

	switch (key) {
	case 'v':
		c->verbose++;
		break;
	case 'q':
		c->quiet = 1;
		break;
	case OPT_COLOR:
		if (arg == NULL || strcmp(arg, "always") == 0)
			c->color = BBT_COLOR_ALWAYS;
		else if (strcmp(arg, "auto") == 0)
			c->color = BBT_COLOR_AUTO;
		else if (strcmp(arg, "never") == 0)
			c->color = BBT_COLOR_NEVER;
		else {
			argp_error(st, _("invalid value '%s' for --color: "
			    "use auto, always or never"), arg);
			return EINVAL;
		}
		break;
	case OPT_FORMAT:
		if (c->formats != NULL) {
			const char *const *f;
			char list[256] = "";

			for (f = c->formats; *f; f++)
				if (strcmp(*f, arg) == 0)
					break;
			if (*f == NULL) {
				for (f = c->formats; *f; f++) {
					if (*list)
						strncat(list, ", ", sizeof(list) - strlen(list) - 1);
					strncat(list, *f, sizeof(list) - strlen(list) - 1);
				}
				argp_error(st, _("invalid value '%s' for --format: "
				    "use one of %s"), arg, list);
				return EINVAL;
			}
		}
		c->format = arg;
		break;
	case 'h':
	case '?':
		help(st, ARGP_HELP_STD_HELP);
		break;
	case OPT_USAGE:
		help(st, ARGP_HELP_USAGE);
		break;
	case 'V':
		version(st);
		break;
	default:
		return ARGP_ERR_UNKNOWN;
	}
	return 0;
}

const struct argp bbt_common_argp = {
	options, parse, NULL, NULL, NULL, NULL, BBT_TEXTDOMAIN,
};

const struct argp_child bbt_common_children[] = {
	{ &bbt_common_argp, 0, NULL, 0 },
	{ NULL, 0, NULL, 0 },
};

int
bbt_isatty(FILE *fp)
{
	return isatty(fileno(fp));
}

int
bbt_common_color(const struct bbt_common *c, FILE *fp)
{
	const char *term;

	if (c->color == BBT_COLOR_ALWAYS)
		return 1;
	if (c->color == BBT_COLOR_NEVER)
		return 0;
	/* https://no-color.org: present and not empty. */
	if (getenv("NO_COLOR") && *getenv("NO_COLOR"))
		return 0;
	if ((term = getenv("TERM")) != NULL && strcmp(term, "dumb") == 0)
		return 0;
	return bbt_isatty(fp);
}

void
bbt_argp_setup(void)
{
	static char v[128];

	snprintf(v, sizeof(v), "%s (bbtools) %s",
	    program_invocation_short_name, VERSION);
	argp_program_version = v;
}

int
bbt_io_exit_status(void)
{
	/* main() set argp_err_exit_status: 3 (UNKNOWN) for check tools. */
	return argp_err_exit_status == BBT_UNKNOWN ? BBT_UNKNOWN : EX_IOERR;
}

error_t
bbt_argp_parse(const struct argp *argp, int argc, char **argv,
    unsigned flags, void *input)
{
	static int fmt_set;

	/*
	 * argp must not wrap: it counts bytes, three per Chinese character,
	 * and even cut the zh "Try ... --help" line after a usage error in
	 * two. The help is rewrapped by columns instead. argp reads
	 * ARGP_HELP_FMT once, at its first message; the user's settings
	 * stay, ours comes last.
	 */
	if (!fmt_set) {
		const char *u = getenv("ARGP_HELP_FMT");
		char fmt[512];

		snprintf(fmt, sizeof(fmt), "%s%srmargin=4000",
		    u ? u : "", u && *u ? "," : "");
		setenv("ARGP_HELP_FMT", fmt, 1);
		fmt_set = 1;
	}
	return argp_parse(argp, argc, argv, flags | ARGP_NO_HELP, NULL, input);
}

char *
bbt_help_doc(int key, const char *text, const char *post)
{
	/* argp's doc is one msgid with a \v between the parts, which
	 * xgettext warns of; the part after it is a msgid of its own. */
	if (key == ARGP_KEY_HELP_POST_DOC && post != NULL)
		return strdup(gettext(post));
	return (char *)text;
}
