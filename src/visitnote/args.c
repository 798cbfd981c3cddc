/* SPDX-License-Identifier: MIT */
/* visitnote command line: the argp table, callable from unit tests. */
#include <argp.h>
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "lib/datetime.h"
#include "lib/i18n.h"
#include "lib/num.h"
#include "lib/order.h"
#include "lib/text.h"
#include "visitnote/visitnote.h"

enum {
	OPT_ACTION = 0x1000, OPT_ARRIVED, OPT_BLANK, OPT_BRANCH, OPT_COMPANY,
	OPT_CONTACT, OPT_CUSTOMER, OPT_FONT, OPT_ID, OPT_LANG, OPT_LEFT,
	OPT_LOG, OPT_OVERRIDE, OPT_PAPER, OPT_PHONE, OPT_SEED_PUNCT,
	OPT_SERVICE, OPT_TECH, OPT_WIDTH, OPT_ACCEPTANCE, OPT_CASE, OPT_PLAN,
	OPT_RX_POWER, OPT_SLOW_RATIO,
};

/* Sorted by long name (STYLE.md); the slot names are the template's. */
static const struct argp_option options[] = {
	{ "acceptance", OPT_ACCEPTANCE, NULL, 0,
	    N_("print the acceptance sheet (验收单) of an install or repair "
	    "from the check records of linecheck and pppoe-probe"), 0 },
	{ "action", OPT_ACTION, "install|maintain", 0,
	    N_("the visit was to install (安装) or to maintain (维护)"), 0 },
	{ "arrived", OPT_ARRIVED, "TIME", 0,
	    N_("arrival time: YYYY-MM-DD HH:MM, RFC 3339, HH:MM (today) or "
	    "now"), 0 },
	{ "blank", OPT_BLANK, "N", 0,
	    N_("print N blank notes for handwriting, with the slots given "
	    "as options filled in"), 0 },
	{ "branch", OPT_BRANCH, "NAME", 0,
	    N_("the branch in the title (the template's ×××)"), 0 },
	{ "case", OPT_CASE, "ID", 0,
	    N_("--acceptance: judge the records of this case (needed when "
	    "the input holds several)"), 0 },
	{ "company", OPT_COMPANY, "NAME", 0,
	    N_("the signing company (a partner contractor, say)"), 0 },
	{ "contact", OPT_CONTACT, "NAME", 0,
	    N_("the contact person the customer should call"), 0 },
	{ "customer", OPT_CUSTOMER, "NAME", 0,
	    N_("the customer or account name"), 0 },
	{ "font", OPT_FONT, "FAMILY", 0,
	    N_("font family of the PDF (default WenQuanYi Micro Hei)"), 0 },
	{ "id", OPT_ID, "ID", 0,
	    N_("work-order id for the log record"), 0 },
	{ "lang", OPT_LANG, "zh|en", 0,
	    N_("language of the note (default zh)"), 0 },
	{ "left", OPT_LEFT, "TIME", 0,
	    N_("leaving time, in the forms of --arrived"), 0 },
	{ "log", OPT_LOG, "FILE", 0,
	    N_("append one order record per note to FILE (- for standard "
	    "output, then the notes need -o)"), 0 },
	{ "output", 'o', "FILE", 0,
	    N_("write the notes to FILE (default standard output); a "
	    "regular file is replaced atomically, a device or FIFO written "
	    "in place"), 0 },
	{ "override", OPT_OVERRIDE, "RULES", 0,
	    N_("print notes that break these rules anyway and record it in "
	    "the log: a comma list of R5, R6, phone, time, or all"), 0 },
	{ "paper", OPT_PAPER, "a4|a6", 0,
	    N_("PDF paper: A4 with four notes and cut marks (default) or A6 "
	    "with one"), 0 },
	{ "phone", OPT_PHONE, "NUMBER", 0,
	    N_("the contact phone number"), 0 },
	{ "plan", OPT_PLAN, "DOWN[/UP]", 0,
	    N_("--acceptance: the subscribed rate in Mbit/s, e.g. 300/30 "
	    "(default: the plan= of the speed records)"), 0 },
	{ "rx-power", OPT_RX_POWER, "DBM", 0,
	    N_("--acceptance: the optical receive power read from a PON "
	    "meter, when no rx_power observation is in the input"), 0 },
	{ "seed-punctuation", OPT_SEED_PUNCT, NULL, 0,
	    N_("keep the template's ASCII punctuation in the PDF (default: "
	    "full-width, as on a printed form)"), 0 },
	{ "service", OPT_SERVICE, "LIST", 0,
	    N_("services, a comma list of broadband, phone and leased "
	    "(default all three, as the template)"), 0 },
	{ "slow-ratio", OPT_SLOW_RATIO, "RATIO", 0,
	    N_("--acceptance: the share of the plan a speed must reach "
	    "(default 0.8)"), 0 },
	{ "tech", OPT_TECH, "NAME", 0,
	    N_("technician for the log record"), 0 },
	{ "width", OPT_WIDTH, "COLUMNS", 0,
	    N_("text width: 32 or 48 for 58 mm or 80 mm receipt printers, "
	    "80 for a terminal, 0 for one line per paragraph (default)"), 0 },
	{ NULL, 0, NULL, 0, NULL, 0 },
};

static const char *const formats[] = { "text", "pdf", NULL };

/* Option values become note text: invalid UTF-8 is shown as U+FFFD. */
static const char *
text_arg(struct vn_opts *o, const char *arg)
{
	char *s, **no;

	if (bbt_utf8_check(arg, strlen(arg)) < 0)
		return arg;
	if ((s = bbt_text_sanitize(arg, strlen(arg))) == NULL)
		return arg;
	if ((no = realloc(o->owned, (size_t)(o->nowned + 1) *
	    sizeof(*no))) == NULL) {
		free(s);
		return arg;
	}
	o->owned = no;
	o->owned[o->nowned++] = s;
	return s;
}

static int
time_arg(struct argp_state *st, const char *opt, const char *s,
    int64_t now, int64_t *t)
{
	if (s == NULL)
		return 0;
	if (vn_time_parse(s, now, t) < 0) {
		argp_error(st, _("invalid time '%s' for %s: use YYYY-MM-DD "
		    "HH:MM, HH:MM or now"), s, opt);
		return EINVAL;
	}
	return 0;
}

/* --plan DOWN[/UP], Mbit/s. */
static int
plan_arg(struct argp_state *st, struct vn_opts *o, const char *arg)
{
	char down[64];
	const char *slash = strchr(arg, '/');
	size_t n = slash ? (size_t)(slash - arg) : strlen(arg);

	if (n >= sizeof(down)) {
		argp_error(st, _("invalid value '%s' for --plan: use DOWN or "
		    "DOWN/UP in Mbit/s"), arg);
		return EINVAL;
	}
	memcpy(down, arg, n);
	down[n] = '\0';
	if (bbt_arg_double(st, "--plan", down, 0.001, 1000000,
	    &o->accept.plan_down) ||
	    (slash && bbt_arg_double(st, "--plan", slash + 1, 0.001, 1000000,
	    &o->accept.plan_up)))
		return EINVAL;
	return 0;
}

static error_t
parse(int key, char *arg, struct argp_state *st)
{
	struct vn_opts *o = st->input;
	long long ll;
	int v;

	switch (key) {
	case ARGP_KEY_INIT:
		st->child_inputs[0] = &o->common;
		break;
	case OPT_ACCEPTANCE:
		o->acceptance = 1;
		break;
	case OPT_ACTION:
		if ((v = vn_parse_action(arg)) < 0) {
			argp_error(st, _("invalid value '%s' for --action: use "
			    "install or maintain"), arg);
			return EINVAL;
		}
		o->note.action = (enum vn_action)v;
		/* The sheet's kind: move stays move. */
		o->kind = bbt_order_kind(arg) >= 0 ? bbt_order_kind(arg) :
		    v == VN_ACT_INSTALL ? BBT_KIND_INSTALL : BBT_KIND_REPAIR;
		break;
	case OPT_CASE:
		o->kase = text_arg(o, arg);
		break;
	case OPT_PLAN:
		return plan_arg(st, o, arg);
	case OPT_RX_POWER:
		if (bbt_arg_double(st, "--rx-power", arg, -60, 10,
		    &o->accept.rx_power))
			return EINVAL;
		break;
	case OPT_SLOW_RATIO:
		if (bbt_arg_double(st, "--slow-ratio", arg, 0.01, 1,
		    &o->accept.slow_ratio))
			return EINVAL;
		break;
	case OPT_ARRIVED:
		o->arrived = arg;
		o->single = 1;
		break;
	case OPT_BLANK:
		if (bbt_arg_ll(st, "--blank", arg, 1, 1000000, &ll))
			return EINVAL;
		o->blank = (long)ll;
		break;
	case OPT_BRANCH:
		o->note.branch = text_arg(o, arg);
		break;
	case OPT_COMPANY:
		o->note.company = text_arg(o, arg);
		break;
	case OPT_CONTACT:
		o->note.contact = text_arg(o, arg);
		break;
	case OPT_CUSTOMER:
		o->note.customer = text_arg(o, arg);
		o->single = 1;
		break;
	case OPT_FONT:
		o->font = arg;
		break;
	case OPT_SEED_PUNCT:
		o->seed_punct = 1;
		break;
	case OPT_ID:
		o->id = text_arg(o, arg);
		break;
	case OPT_LANG:
		if (strcmp(arg, "zh") == 0 || strcmp(arg, "zh_CN") == 0)
			o->lang = VN_ZH;
		else if (strcmp(arg, "en") == 0)
			o->lang = VN_EN;
		else {
			argp_error(st, _("invalid value '%s' for --lang: use zh "
			    "or en"), arg);
			return EINVAL;
		}
		break;
	case OPT_LEFT:
		o->left = arg;
		o->single = 1;
		break;
	case OPT_LOG:
		o->log = arg;
		break;
	case 'o':
		o->output = arg;
		break;
	case OPT_OVERRIDE:
		if ((v = vn_parse_rules(arg)) < 0) {
			argp_error(st, _("invalid value '%s' for --override: "
			    "use a comma list of R5, R6, phone, time, or all"),
			    arg);
			return EINVAL;
		}
		o->override |= (unsigned)v;
		break;
	case OPT_PAPER:
		if (strcasecmp(arg, "a4") == 0)
			o->paper = VN_A4;
		else if (strcasecmp(arg, "a6") == 0)
			o->paper = VN_A6;
		else {
			argp_error(st, _("invalid value '%s' for --paper: use a4 "
			    "or a6"), arg);
			return EINVAL;
		}
		break;
	case OPT_PHONE:
		o->note.phone = text_arg(o, arg);
		break;
	case OPT_SERVICE:
		if ((v = vn_parse_services(arg)) < 0) {
			argp_error(st, _("invalid value '%s' for --service: use "
			    "a comma list of broadband, phone and leased"), arg);
			return EINVAL;
		}
		o->note.services = (unsigned)v;
		break;
	case OPT_TECH:
		o->tech = text_arg(o, arg);
		break;
	case OPT_WIDTH:
		if (bbt_arg_ll(st, "--width", arg, 0, 200, &ll))
			return EINVAL;
		o->width = (int)ll;
		if (o->width > 0 && o->width < 20) {
			argp_error(st, _("invalid value '%s' for --width: use 0 "
			    "or 20 to 200 columns"), arg);
			return EINVAL;
		}
		break;
	case ARGP_KEY_ARG:
		o->files = realloc(o->files, (size_t)(o->nfiles + 1) *
		    sizeof(*o->files));
		if (o->files == NULL)
			return ENOMEM;
		o->files[o->nfiles++] = arg;
		break;
	case ARGP_KEY_END:
		if (time_arg(st, "--arrived", o->arrived, o->now,
		    &o->note.arrived) ||
		    time_arg(st, "--left", o->left, o->now, &o->note.left))
			return EINVAL;
		o->pdf = o->common.format &&
		    strcmp(o->common.format, "pdf") == 0;
		if (o->blank && o->nfiles) {
			argp_error(st, _("--blank prints pads from the options; "
			    "it reads no files"));
			return EINVAL;
		}
		if (o->blank && o->log) {
			argp_error(st, _("--log records visits, and blank pads "
			    "are none"));
			return EINVAL;
		}
		if (o->log && strcmp(o->log, "-") == 0 &&
		    (o->output == NULL || strcmp(o->output, "-") == 0)) {
			argp_error(st, _("--log - writes the log to standard "
			    "output, so the notes need -o FILE"));
			return EINVAL;
		}
		if (o->single && o->nfiles)
			o->single = 0;	/* the options are the rows' defaults */
		if (o->acceptance)
			o->single = 0;	/* --customer names the sheet's */
		break;
	default:
		return ARGP_ERR_UNKNOWN;
	}
	return 0;
}

static char *
help_filter(int key, const char *text, void *input)
{
	(void)input;
	return bbt_help_doc(key, text, N_("Without FILE, a note is made from the options when --customer, "
	"--arrived or --left is given; else work-order rows (TSV or CSV with "
	"a header, or order records) are read from standard input, one note "
	"per row, the options filling what a row leaves empty."));
}

static const struct argp argp = {
	options, parse, N_("[FILE...]"),
	N_("Print the handbook's visit note (到访留言便条) for a no-answer "
	"visit, check it against rules R5 and R6, and log the visit."),
	bbt_common_children, help_filter, BBT_TEXTDOMAIN,
};

void
visitnote_free_args(struct vn_opts *o)
{
	for (int i = 0; i < o->nowned; i++)
		free(o->owned[i]);
	free(o->owned);
	free(o->files);
	o->owned = NULL;
	o->files = NULL;
	o->nowned = o->nfiles = 0;
}

int
visitnote_parse_args(int argc, char **argv, struct vn_opts *o,
    unsigned flags)
{
	memset(o, 0, sizeof(*o));
	o->common.formats = formats;
	o->note.arrived = o->note.left = VN_NOTIME;
	o->now = bbt_time_now();
	o->kind = -1;
	o->accept.plan_down = o->accept.plan_up = NAN;
	o->accept.rx_power = NAN;
	o->accept.slow_ratio = 0.8;
	return bbt_argp_parse(&argp, argc, argv, flags, o);
}
