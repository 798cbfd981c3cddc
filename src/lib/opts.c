/* SPDX-License-Identifier: MIT */
/* The argp child shared by every command: --format, --color, -v, -q. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lib/i18n.h"
#include "lib/opts.h"

enum { OPT_COLOR = 0x1000, OPT_FORMAT };

static const struct argp_option options[] = {
	{ "color", OPT_COLOR, "WHEN", OPTION_ARG_OPTIONAL,
	    N_("colour status words: auto (default), always or never"), -1 },
	{ "format", OPT_FORMAT, "FORMAT", 0,
	    N_("output format (see the man page; default: text on a "
	    "terminal, else tsv)"), -1 },
	{ "quiet", 'q', NULL, 0, N_("print no messages but errors"), -1 },
	{ "verbose", 'v', NULL, 0,
	    N_("print progress and details on stderr (repeat for more)"), -1 },
	{ NULL, 0, NULL, 0, NULL, 0 },
};

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
