/* SPDX-License-Identifier: MIT */
/* bbdiag command line: argp table and checks, callable from unit tests. */
#include <argp.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "bbdiag/bbdiag.h"
#include "lib/i18n.h"
#include "lib/num.h"
#include "lib/opts.h"

enum {
	OPT_ASK = 0x1000, OPT_CASE, OPT_CATALOGUE, OPT_LIST, OPT_REPLY,
	OPT_TOP,
};

/* Sorted by long name (STYLE.md). */
static const struct argp_option options[] = {
	{ "ask", OPT_ASK, NULL, 0,
	    N_("guided mode: ask the question that best separates the "
	    "remaining faults, answers read from standard input"), 0 },
	{ "batch", 'b', NULL, 0,
	    N_("one fault record per case (the best one), for a day's "
	    "logs"), 0 },
	{ "case", OPT_CASE, "ID", 0,
	    N_("case id for records that come before any case record "
	    "(default -)"), 0 },
	{ "catalogue", OPT_CATALOGUE, "FILE", 0,
	    N_("read the fault catalogue from FILE (default: "
	    "$BBTOOLS_CATALOGUE, else the one compiled in)"), 0 },
	{ "list", OPT_LIST, "WHAT", 0,
	    N_("print the catalogue's faults, keys, values or params and "
	    "exit"), 0 },
	{ "reply", OPT_REPLY, NULL, 0,
	    N_("print the answer to give the customer (--format=reply): "
	    "the unified wording and an apology when the cause is ours, a "
	    "tactful explanation when it is the customer's"), 0 },
	{ "top", OPT_TOP, "N", 0,
	    N_("print at most N ranked candidates per case (default 3, "
	    "1 with --batch)"), 0 },
	{ NULL, 0, NULL, 0, NULL, 0 },
};

static const char *const formats[] = { "tsv", "text", "json", "reply",
	NULL };

static const char *const lists[] = {
	"faults", "keys", "values", "params", NULL,
};

/* An operand "key=value" is an observation when key looks like one;
 * anything else is a file (write ./a=b for such a file). */
static int
is_obs(const char *s)
{
	const char *eq = strchr(s, '=');

	if (eq == NULL || eq == s || !(*s >= 'a' && *s <= 'z'))
		return 0;
	for (const char *p = s; p < eq; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ||
		    *p == '_' || *p == '.'))
			return 0;
	return 1;
}

/* Observation values are checked later, against the catalogue, which
 * is not loaded yet while arguments are parsed. */
static error_t
parse(int key, char *arg, struct argp_state *st)
{
	struct bbdiag_opts *o = st->input;
	size_t i;
	int r;

	switch (key) {
	case ARGP_KEY_INIT:
		st->child_inputs[0] = &o->common;
		break;
	case OPT_ASK:
		o->ask = 1;
		break;
	case 'b':
		o->batch = 1;
		break;
	case OPT_REPLY:
		o->reply = 1;
		break;
	case OPT_CASE:
		if (*arg == '\0' || strpbrk(arg, "\t\n\r") != NULL) {
			argp_error(st, _("invalid case id '%s'"), arg);
			return EINVAL;
		}
		o->case_id = arg;
		break;
	case OPT_CATALOGUE:
		o->catalogue = arg;
		break;
	case OPT_LIST:
		for (i = 0; lists[i]; i++)
			if (strcmp(lists[i], arg) == 0)
				break;
		if (lists[i] == NULL) {
			argp_error(st, _("invalid value '%s' for --list: use "
			    "faults, keys, values or params"), arg);
			return EINVAL;
		}
		o->list = arg;
		break;
	case OPT_TOP:
		if ((r = bbt_arg_ll(st, "--top", arg, 1, 16, &o->top)))
			return r;
		break;
	case ARGP_KEY_ARG:
		if (is_obs(arg)) {
			char *eq = strchr(arg, '=');

			o->obs = realloc(o->obs, (o->nobs + 1) *
			    sizeof(*o->obs));
			if (o->obs == NULL)
				return ENOMEM;
			o->obs[o->nobs].key = strndup(arg, (size_t)(eq - arg));
			o->obs[o->nobs].val = strdup(eq + 1);
			if (!o->obs[o->nobs].key || !o->obs[o->nobs].val)
				return ENOMEM;
			o->nobs++;
		} else {
			o->files = realloc(o->files, (o->nfiles + 1) *
			    sizeof(*o->files));
			if (o->files == NULL)
				return ENOMEM;
			o->files[o->nfiles++] = arg;
		}
		break;
	case ARGP_KEY_END:
		/* Guided mode owns standard input for the answers. */
		if (o->ask) {
			for (i = 0; i < o->nfiles; i++)
				if (strcmp(o->files[i], "-") == 0) {
					argp_error(st, _("--ask reads "
					    "the answers from standard "
					    "input; give the records as "
					    "files"));
					return EINVAL;
				}
			if (o->batch) {
				argp_error(st, _("--ask and --batch cannot be "
				    "combined"));
				return EINVAL;
			}
		}
		break;
	default:
		return ARGP_ERR_UNKNOWN;
	}
	return 0;
}

static const char doc[] = N_("Name the fault of a broadband line from "
    "check records (linecheck, pppoe-probe) and the technician's "
    "observations, with its side, the evidence and the handling steps.");
static const char doc_post[] = N_(
    "Observations are KEY=VALUE operands (bbdiag --list=values), e.g. "
    "access=ftth light.los=red code=691. Other operands are record "
    "files, - for standard input; without operands, records are read "
    "from standard input. With observations, standard input is read "
    "only when - is given: linecheck | bbdiag - access=ftth.");

static char *
help_filter(int key, const char *text, void *input)
{
	(void)input;
	return bbt_help_doc(key, text, doc_post);
}

static const struct argp argp = {
	options, parse, N_("[KEY=VALUE...] [FILE...]"), doc,
	bbt_common_children, help_filter,
	BBT_TEXTDOMAIN,
};

int
bbdiag_parse_args(int argc, char **argv, struct bbdiag_opts *o,
    unsigned flags)
{
	memset(o, 0, sizeof(*o));
	o->common.formats = formats;
	return bbt_argp_parse(&argp, argc, argv, flags, o);
}

void
bbdiag_free_opts(struct bbdiag_opts *o)
{
	for (size_t i = 0; i < o->nobs; i++) {
		free(o->obs[i].key);
		free(o->obs[i].val);
	}
	free(o->obs);
	free(o->files);
	o->obs = NULL;
	o->files = NULL;
	o->nobs = o->nfiles = 0;
}
