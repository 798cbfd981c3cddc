/* SPDX-License-Identifier: MIT */
/* qareport options (argp) and the KPI table with its default targets. */
#include <argp.h>
#include <errno.h>
#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lib/datetime.h"
#include "lib/i18n.h"
#include "lib/num.h"
#include "lib/opts.h"
#include "lib/state.h"
#include "qareport/qa.h"
#include "qareport/report.h"

const char *const qa_dim_names[QA_D_N] = { "tech", "team", "area", "zone",
	"kind", "month", "fault", "side" };

/*
 * The report columns. Default targets are those of domain.md section 5:
 * timeliness and punctuality >= 95 %, repeat faults <= 5 %, new-install
 * faults <= 3 %, satisfaction >= 95 %.
 */
const struct qa_kpi qa_kpis[] = {
	{ "orders", N_("orders"), QA_K_COUNT, QA_C_ORDERS, -1, -1, 0, 1, NAN },
	{ "repairs", N_("repairs"), QA_K_COUNT, QA_C_REPAIRS, -1, -1, 0, 1,
	    NAN },
	{ "installs", N_("installs"), QA_K_COUNT, QA_C_INSTALLS, -1, -1, 0, 1,
	    NAN },
	{ "repair_timely_pct", N_("repair timely %"), QA_K_PCT,
	    QA_C_REP_TIMELY, QA_C_RESTORED, -1, 0, 1, 95 },
	{ "repair_mean_h", N_("restore mean h"), QA_K_HOURS, QA_C_REP_SUM,
	    QA_C_RESTORED, -1, 0, 0, NAN },
	{ "repair_p50_h", N_("restore median h"), QA_K_HOURS, -1, -1,
	    QA_H_REPAIR, 0.5, 0, NAN },
	{ "repair_p90_h", N_("restore p90 h"), QA_K_HOURS, -1, -1,
	    QA_H_REPAIR, 0.9, 0, NAN },
	{ "install_timely_pct", N_("install timely %"), QA_K_PCT,
	    QA_C_INST_TIMELY, QA_C_INST_DONE, -1, 0, 1, 95 },
	{ "install_mean_h", N_("install mean h"), QA_K_HOURS, QA_C_INST_SUM,
	    QA_C_INST_DONE, -1, 0, 0, NAN },
	{ "install_p50_h", N_("install median h"), QA_K_HOURS, -1, -1,
	    QA_H_INSTALL, 0.5, 0, NAN },
	{ "install_p90_h", N_("install p90 h"), QA_K_HOURS, -1, -1,
	    QA_H_INSTALL, 0.9, 0, NAN },
	{ "ontime_pct", N_("on time %"), QA_K_PCT, QA_C_ONTIME, QA_C_VISITS,
	    -1, 0, 1, 95 },
	{ "early_pct", N_("10 min early %"), QA_K_PCT, QA_C_EARLY,
	    QA_C_VISITS, -1, 0, 1, NAN },
	{ "kept_pct", N_("kept appt %"), QA_K_PCT, QA_C_KEPT_NUM,
	    QA_C_KEPT_DEN, -1, 0, 1, NAN },
	{ "newfault_pct", N_("new-install fault %"), QA_K_PCT, QA_C_NEW_NUM,
	    QA_C_NEW_DEN, -1, 0, 0, 3 },
	{ "repeat_pct", N_("repeat fault %"), QA_K_PCT, QA_C_REPEAT_NUM,
	    QA_C_REPAIRS, -1, 0, 0, 5 },
	{ "ftf_pct", N_("first-time fix %"), QA_K_PCT, QA_C_FTF_NUM,
	    QA_C_RESTORED, -1, 0, 1, NAN },
	{ "notice_pct", N_("reschedule notice %"), QA_K_PCT, QA_C_RESCH_OK,
	    QA_C_RESCH, -1, 0, 1, NAN },
	{ "noanswer_ok_pct", N_("no-answer compliant %"), QA_K_PCT,
	    QA_C_NOANS_OK, QA_C_NOANS, -1, 0, 1, NAN },
	{ "callback_pct", N_("callback %"), QA_K_PCT, QA_C_CALLBACK,
	    QA_C_CLOSED, -1, 0, 1, NAN },
	{ "satisfied_pct", N_("satisfied %"), QA_K_PCT, QA_C_SATISFIED,
	    QA_C_RATED, -1, 0, 1, 95 },
	{ "open", N_("open orders"), QA_K_COUNT, QA_C_OPEN, -1, -1, 0, 0,
	    NAN },
	/* After the others: the TSV columns of before stay where they
	 * were. */
	{ "accept_pct", N_("acceptance pass %"), QA_K_PCT, QA_C_ACC_PASS,
	    QA_C_ACC_DEN, -1, 0, 1, NAN },
	{ "speed_plan_pct", N_("speed vs plan %"), QA_K_PCT, QA_C_SPEED_OK,
	    QA_C_SPEED_DEN, -1, 0, 1, NAN },
};
const size_t qa_nkpis = sizeof(qa_kpis) / sizeof(qa_kpis[0]);

int
qa_month_index(const struct qa_opts *o)
{
	for (int i = 0; i < o->nby; i++)
		if (o->by[i] == QA_D_MONTH)
			return i;
	return o->month_dim ? o->nby : -1;
}

int
qa_kpi_find(const char *id)
{
	for (size_t i = 0; i < qa_nkpis; i++)
		if (strcmp(qa_kpis[i].id, id) == 0)
			return (int)i;
	return -1;
}

enum {
	OPT_EARLY = 0x100, OPT_ERRORS, OPT_FROM, OPT_FTF, OPT_INST,
	OPT_INST_RURAL, OPT_KEPT, OPT_MEMORY, OPT_NEWFAULT, OPT_NOTICE,
	OPT_PERIOD, OPT_PROGRESS, OPT_REP, OPT_REP_RURAL, OPT_REPEAT,
	OPT_SHARD, OPT_STRICT, OPT_TARGET, OPT_TO, OPT_WAIT, OPT_KIND_MAP,
	OPT_OPEN, OPT_NOW, OPT_WARN, OPT_MIN_N,
};

static const struct argp_option options[] = {
	{ "by", 'b', "DIMS", 0, N_("group by a comma list of tech, team, "
	    "area, zone, kind, month, fault, side, or none (default: tech)"), 0 },
	{ "early", OPT_EARLY, "DURATION", 0, N_("arrive this long before the "
	    "appointment (default: 10m)"), 0 },
	{ "errors", OPT_ERRORS, "N", 0, N_("list the first N bad rows on "
	    "stderr (default: 10)"), 0 },
	{ "from", OPT_FROM, "TIME", 0, N_("count orders dated at or after "
	    "TIME (a date or a local time)"), 0 },
	{ "ftf-window", OPT_FTF, "DURATION", 0, N_("a restored repair "
	    "followed by none within this is a first-time fix (default: 7d)"),
	    0 },
	{ "install-limit", OPT_INST, "DURATION", 0, N_("install and move "
	    "limit in towns (default: 72h)"), 0 },
	{ "install-limit-rural", OPT_INST_RURAL, "DURATION", 0,
	    N_("install and move limit in rural areas (default: 120h)"), 0 },
	{ "kept-window", OPT_KEPT, "DURATION", 0, N_("kept-appointment "
	    "rate: no fault within this after the install (default: 15d)"),
	    0 },
	{ "kind-map", OPT_KIND_MAP, "WORD=KIND", 0, N_("count orders of kind "
	    "WORD as KIND: install, move, repair, complaint, inspection or "
	    "other (repeatable, comma list; default: leased=install)"), 0 },
	{ "memory", OPT_MEMORY, "SIZE", 0, N_("event bytes the reader threads "
	    "keep in memory, together, before they write them to temporary "
	    "files; suffixes K, M, G (default: 32M)"), 0 },
	{ "merge", 'm', NULL, 0, N_("the inputs are --partial state files: "
	    "merge them into one report"), 0 },
	{ "min-n", OPT_MIN_N, "N", 0, N_("html rankings: groups with fewer "
	    "than N orders behind a KPI are greyed and never ranked worst "
	    "(default: 20)"), 0 },
	{ "newfault-window", OPT_NEWFAULT, "DURATION", 0, N_("a repair "
	    "reported within this after an install is a new-install fault "
	    "(default: 15d)"), 0 },
	{ "notice", OPT_NOTICE, "DURATION", 0, N_("a reschedule needs this "
	    "much notice (default: 2h)"), 0 },
	{ "now", OPT_NOW, "TIME", 0, N_("with --open: the time to measure "
	    "ages and time left at (default: now)"), 0 },
	{ "open", OPT_OPEN, NULL, 0, N_("list the repairs and installs not "
	    "yet restored or completed, soonest deadline first, instead of "
	    "the report"), 0 },
	{ "partial", 'p', NULL, 0, N_("write the aggregate state for a later "
	    "--merge instead of the report"), 0 },
	{ "period-by", OPT_PERIOD, "WHICH", 0, N_("date orders by completed "
	    "(default; accepted when not completed) or accepted"), 0 },
	{ "progress", OPT_PROGRESS, "WHEN", OPTION_ARG_OPTIONAL,
	    N_("show progress on stderr: auto (default, on a terminal), "
	    "always or never"), 0 },
	{ "repair-limit", OPT_REP, "DURATION", 0, N_("repair limit in towns "
	    "(default: 48h)"), 0 },
	{ "repair-limit-rural", OPT_REP_RURAL, "DURATION", 0,
	    N_("repair limit in rural areas (default: 72h)"), 0 },
	{ "repeat-window", OPT_REPEAT, "DURATION", 0, N_("a repair after a "
	    "restored one within this is a repeat fault (default: 30d)"), 0 },
	{ "shard", OPT_SHARD, "K/N", 0, N_("keep only the accounts of shard "
	    "K of N (by account hash)"), 0 },
	{ "strict", OPT_STRICT, NULL, 0, N_("stop at the first bad row"), 0 },
	{ "target", OPT_TARGET, "KPI=VALUE", 0, N_("the target of a KPI "
	    "(repeatable; VALUE none removes it)"), 0 },
	{ "threads", 'j', "N", 0, N_("reader threads (default: the number "
	    "of CPUs, at most 8)"), 0 },
	{ "to", OPT_TO, "TIME", 0, N_("count orders dated before TIME; a "
	    "date alone includes that day"), 0 },
	{ "wait", OPT_WAIT, "DURATION", 0, N_("wait this long when nobody "
	    "answers (default: 10m)"), 0 },
	{ "warn-before", OPT_WARN, "DURATION", 0, N_("with --open: exit 1 "
	    "when an order is this close to its limit or past it (default: "
	    "4h)"), 0 },
	{ NULL, 0, NULL, 0, NULL, 0 },
};

static const char *const formats[] = { "tsv", "text", "json", "html",
	NULL };

/*
 * Limits and windows are whole minutes: work-order times are to the
 * minute (domain.md section 1), so a finer limit could not be checked.
 */
static int
duration_min(struct argp_state *st, const char *opt, const char *arg,
    int64_t *out)
{
	long long ms;

	/* Up to ten years; the window arithmetic is in 32-bit minutes. */
	if (bbt_arg_duration_ms(st, opt, arg, 0, 10LL * 366 * 86400000,
	    &ms) != 0)
		return EINVAL;
	*out = ms / 60000;
	return 0;
}

/* A date ("2024-03-01") or a time; a date alone for --to means the end
 * of that day. Minutes + QA_TBIAS. */
static int
period_time(struct argp_state *st, const char *opt, const char *arg,
    int end, int64_t *out)
{
	char buf[64];
	int64_t secs;
	size_t len = strlen(arg);
	int date_only = len == 10;

	if (date_only) {
		snprintf(buf, sizeof(buf), "%s 00:00", arg);
		arg = buf;
		len = strlen(buf);
	}
	if (bbt_time_parse(arg, len, &secs) < 0) {
		argp_error(st, _("invalid time '%s' for %s: use YYYY-MM-DD or "
		    "YYYY-MM-DD HH:MM"), arg, opt);
		return EINVAL;
	}
	if (date_only && end) {
		/* The next local midnight (DST-safe: parse the next date). */
		int y, mo, d, h, mi;
		bbt_time_split(secs + 26 * 3600, &y, &mo, &d, &h, &mi);
		snprintf(buf, sizeof(buf), "%04u-%02u-%02u 00:00",
		    (unsigned)y % 10000, (unsigned)mo % 100, (unsigned)d % 100);
		if (bbt_time_parse(buf, strlen(buf), &secs) < 0)
			return EINVAL;
	}
	*out = (secs >= 0 ? secs / 60 : -((-secs + 59) / 60)) + QA_TBIAS;
	return 0;
}

/* "tech,month": the order given is the order of the key columns and
 * of the sort. */
static int
parse_by(struct argp_state *st, struct qa_opts *o, const char *arg)
{
	char *copy = strdup(arg), *tok, *save = NULL;

	if (copy == NULL)
		return ENOMEM;
	o->nby = 0;
	o->by_set = 1;
	if (strcmp(arg, "none") == 0) {
		free(copy);
		return 0;
	}
	for (tok = strtok_r(copy, ",", &save); tok;
	    tok = strtok_r(NULL, ",", &save)) {
		int d;

		for (d = 0; d < QA_D_N; d++)
			if (strcmp(tok, qa_dim_names[d]) == 0)
				break;
		if (d == QA_D_N) {
			argp_error(st, _("unknown dimension '%s' for --by: use "
			    "tech, team, area, zone, kind, month, fault, side "
			    "or none"),
			    tok);
			free(copy);
			return EINVAL;
		}
		for (int i = 0; i < o->nby; i++)
			if (o->by[i] == (enum qa_dim)d) {
				argp_error(st, _("dimension '%s' given twice "
				    "for --by"), tok);
				free(copy);
				return EINVAL;
			}
		if (o->nby == QA_MAXDIMS) {
			free(copy);
			return EINVAL;
		}
		o->by[o->nby++] = (enum qa_dim)d;
	}
	free(copy);
	return 0;
}

/* KPI=VALUE; whether VALUE is a floor or a ceiling comes from the KPI
 * (repeat and new-install faults are ceilings). */
static int
parse_target(struct argp_state *st, struct qa_opts *o, const char *arg)
{
	const char *eq = strchr(arg, '=');
	char id[64];
	int k;
	double v;

	if (eq == NULL || (size_t)(eq - arg) >= sizeof(id)) {
		argp_error(st, _("invalid target '%s': use KPI=VALUE"), arg);
		return EINVAL;
	}
	memcpy(id, arg, (size_t)(eq - arg));
	id[eq - arg] = '\0';
	if ((k = qa_kpi_find(id)) < 0) {
		argp_error(st, _("unknown KPI '%s' for --target (see the "
		    "man page)"), id);
		return EINVAL;
	}
	if (strcmp(eq + 1, "none") == 0) {
		o->target[k] = NAN;
		return 0;
	}
	if (bbt_arg_double(st, "--target", eq + 1, 0, 1e9, &v) != 0)
		return EINVAL;
	o->target[k] = v;
	return 0;
}

/* K/N in strict digits: sscanf(3) took "2/ 40" and wrapped
 * "4294967298/3" to shard 2 (found by fuzz_opts). */
static int
parse_shard(struct argp_state *st, struct qa_opts *o, const char *arg)
{
	const char *sl = strchr(arg, '/');
	char ks[16];
	long long k, n;

	if (sl == NULL || (size_t)(sl - arg) >= sizeof(ks))
		goto bad;
	memcpy(ks, arg, (size_t)(sl - arg));
	ks[sl - arg] = '\0';
	if (bbt_num_ll(ks, 1, 100000, &k) != NULL ||
	    bbt_num_ll(sl + 1, 1, 100000, &n) != NULL || k > n)
		goto bad;
	o->shard_k = (int)k;
	o->shard_n = (int)n;
	return 0;
bad:
	argp_error(st, _("invalid shard '%s': use K/N with 1 <= K <= N"), arg);
	return EINVAL;
}

/*
 * The options that only store a value: a duration or a time (minutes),
 * a number in a range or a flag, into the field at off.
 */
enum { A_DUR, A_FROM, A_TO, A_INT, A_LONG, A_I64, A_FLAG };
static const struct optdef {
	int		 key;
	int		 type;
	const char	*name;
	size_t		 off;
	long long	 max;		/* A_INT, A_LONG, A_I64: from min */
	long long	 min;
} optdefs[] = {
	{ 'j', A_INT, "--threads", offsetof(struct qa_opts, threads),
	    QA_MAXTHREADS, 1 },
	{ 'm', A_FLAG, "--merge", offsetof(struct qa_opts, merge), 0, 0 },
	{ 'p', A_FLAG, "--partial", offsetof(struct qa_opts, partial), 0, 0 },
	{ OPT_EARLY, A_DUR, "--early", offsetof(struct qa_opts, early), 0, 0 },
	{ OPT_ERRORS, A_LONG, "--errors", offsetof(struct qa_opts, errors),
	    1000000, 0 },
	{ OPT_FROM, A_FROM, "--from", offsetof(struct qa_opts, from), 0, 0 },
	{ OPT_FTF, A_DUR, "--ftf-window", offsetof(struct qa_opts, ftf_win),
	    0, 0 },
	{ OPT_INST, A_DUR, "--install-limit", offsetof(struct qa_opts,
	    inst_town), 0, 0 },
	{ OPT_INST_RURAL, A_DUR, "--install-limit-rural",
	    offsetof(struct qa_opts, inst_rural), 0, 0 },
	{ OPT_KEPT, A_DUR, "--kept-window", offsetof(struct qa_opts,
	    kept_win), 0, 0 },
	{ OPT_MIN_N, A_I64, "--min-n", offsetof(struct qa_opts, min_n),
	    1000000000, 0 },
	{ OPT_NEWFAULT, A_DUR, "--newfault-window", offsetof(struct qa_opts,
	    newfault_win), 0, 0 },
	{ OPT_NOTICE, A_DUR, "--notice", offsetof(struct qa_opts, notice),
	    0, 0 },
	{ OPT_NOW, A_FROM, "--now", offsetof(struct qa_opts, now), 0, 0 },
	{ OPT_OPEN, A_FLAG, "--open", offsetof(struct qa_opts, open_list),
	    0, 0 },
	{ OPT_REP, A_DUR, "--repair-limit", offsetof(struct qa_opts,
	    rep_town), 0, 0 },
	{ OPT_REP_RURAL, A_DUR, "--repair-limit-rural",
	    offsetof(struct qa_opts, rep_rural), 0, 0 },
	{ OPT_REPEAT, A_DUR, "--repeat-window", offsetof(struct qa_opts,
	    repeat_win), 0, 0 },
	{ OPT_STRICT, A_FLAG, "--strict", offsetof(struct qa_opts, strict),
	    0, 0 },
	{ OPT_TO, A_TO, "--to", offsetof(struct qa_opts, to), 0, 0 },
	{ OPT_WAIT, A_DUR, "--wait", offsetof(struct qa_opts, wait), 0, 0 },
	{ OPT_WARN, A_DUR, "--warn-before", offsetof(struct qa_opts,
	    warn_before), 0, 0 },
};

/* An option of optdefs[]; ARGP_ERR_UNKNOWN for the others. */
static error_t
parse_stored(struct argp_state *st, struct qa_opts *o, int key,
    const char *arg)
{
	const struct optdef *d = NULL;
	char *field;
	long long n;

	for (size_t i = 0; i < sizeof(optdefs) / sizeof(optdefs[0]); i++)
		if (optdefs[i].key == key)
			d = &optdefs[i];
	if (d == NULL)
		return ARGP_ERR_UNKNOWN;
	field = (char *)o + d->off;
	switch (d->type) {
	case A_DUR:
		return duration_min(st, d->name, arg, (int64_t *)field);
	case A_FROM: case A_TO:
		return period_time(st, d->name, arg, d->type == A_TO,
		    (int64_t *)field);
	case A_FLAG:
		*(int *)field = 1;
		return 0;
	}
	if (bbt_arg_ll(st, d->name, arg, d->min, d->max, &n) != 0)
		return EINVAL;
	if (d->type == A_INT)
		*(int *)field = (int)n;
	else if (d->type == A_LONG)
		*(long *)field = (long)n;
	else
		*(int64_t *)field = n;
	return 0;
}

/* The index of arg in words[] (NULL-terminated), or -1. */
static int
word_index(const char *arg, const char *const *words)
{
	for (int i = 0; words[i] != NULL; i++)
		if (strcmp(arg, words[i]) == 0)
			return i;
	return -1;
}

/* The options with a value of their own kind. */
static error_t
parse_special(struct argp_state *st, struct qa_opts *o, int key,
    const char *arg)
{
	static const char *const periods[] = { "accepted", "completed",
		NULL };
	static const char *const progress[] = { "never", "always", "auto",
		NULL };
	unsigned long long sz;
	int w;

	switch (key) {
	case 'b':
		return parse_by(st, o, arg);
	case OPT_MEMORY:
		if (bbt_arg_size(st, "--memory", arg, 1, SIZE_MAX, &sz) != 0)
			return EINVAL;
		o->memory = (size_t)sz;
		return 0;
	case OPT_PERIOD:
		if ((w = word_index(arg, periods)) < 0) {
			argp_error(st, _("invalid value '%s' for --period-by: "
			    "use completed or accepted"), arg);
			return EINVAL;
		}
		o->period_completed = w;
		return 0;
	case OPT_PROGRESS:
		/* Given alone: always. */
		if ((w = arg == NULL ? 1 : word_index(arg, progress)) < 0) {
			argp_error(st, _("invalid value '%s' for --progress: "
			    "use auto, always or never"), arg);
			return EINVAL;
		}
		o->progress = w == 2 ? -1 : w;
		return 0;
	case OPT_SHARD:
		return parse_shard(st, o, arg);
	case OPT_TARGET:
		return parse_target(st, o, arg);
	case OPT_KIND_MAP:
		if (qa_kind_parse_map(o, arg) < 0) {
			argp_error(st, _("invalid kind map '%s': use "
			    "WORD=KIND, KIND one of install, move, repair, "
			    "complaint, inspection, other"), arg);
			return EINVAL;
		}
		return 0;
	}
	return ARGP_ERR_UNKNOWN;
}

static error_t
add_file(struct qa_opts *o, char *arg)
{
	char **nf = realloc(o->files, (size_t)(o->nfiles + 2) * sizeof(*nf));

	if (nf == NULL)
		return ENOMEM;
	o->files = nf;
	o->files[o->nfiles++] = arg;
	o->files[o->nfiles] = NULL;
	return 0;
}

/* The options that exclude each other. */
static error_t
check_combination(struct argp_state *st, const struct qa_opts *o)
{
	if (o->partial && o->merge) {
		argp_error(st, _("--partial and --merge exclude each other"));
		return EINVAL;
	}
	if (o->open_list && (o->partial || o->merge)) {
		argp_error(st, _("--open lists orders: not with --partial or "
		    "--merge"));
		return EINVAL;
	}
	if (o->merge && o->shard_n) {
		argp_error(st, _("--shard applies when reading orders, not "
		    "with --merge"));
		return EINVAL;
	}
	/* Default from/to are INT64_MIN/MAX: always in order. */
	if (o->from >= o->to) {
		argp_error(st, _("--from must be before --to"));
		return EINVAL;
	}
	return 0;
}

/* After the last option: the defaults that depend on the others. */
static error_t
parse_end(struct argp_state *st, struct qa_opts *o)
{
	static char dash[] = "-";
	error_t e;

	if ((e = check_combination(st, o)) != 0)
		return e;
	if (o->nfiles == 0 && (e = add_file(o, dash)) != 0)
		return e;
	if (o->common.format == NULL)
		o->fmt = bbt_isatty(stdout) ? QA_FMT_TEXT : QA_FMT_TSV;
	else if (strcmp(o->common.format, "text") == 0)
		o->fmt = QA_FMT_TEXT;
	else if (strcmp(o->common.format, "json") == 0)
		o->fmt = QA_FMT_JSON;
	else if (strcmp(o->common.format, "html") == 0)
		o->fmt = QA_FMT_HTML;
	else
		o->fmt = QA_FMT_TSV;
	/* Progress only where a person watches, never into logs. */
	if (o->progress < 0)
		o->progress = !o->common.quiet && isatty(2);
	/* The month trend of html needs months; a partial keeps them so
	 * that any format can be made from it later. */
	o->month_dim = (o->fmt == QA_FMT_HTML || o->partial) &&
	    qa_month_index(o) < 0 && !o->open_list;
	/* --open groups only when asked to: --by=none is a list. */
	o->by_set = o->by_set && o->nby > 0 && o->open_list;
	return 0;
}

static error_t
parse(int key, char *arg, struct argp_state *st)
{
	struct qa_opts *o = st->input;
	error_t e;

	switch (key) {
	case ARGP_KEY_INIT:
		st->child_inputs[0] = &o->common;
		return 0;
	case ARGP_KEY_ARG:
		return add_file(o, arg);
	case ARGP_KEY_END:
		return parse_end(st, o);
	}
	if ((e = parse_stored(st, o, key, arg)) != ARGP_ERR_UNKNOWN)
		return e;
	return parse_special(st, o, key, arg);
}

static const char doc[] = N_(
    "Quality KPIs of installation and repair work from work-order tables "
    "(TSV or CSV with a header, gzip, order records): timeliness, "
    "punctuality, repeat and new-install faults, first-time fix, "
    "reschedule and no-answer compliance, callbacks and satisfaction, "
    "per group and in total. Reads standard input when no FILE is "
    "given.");
static const char doc_post[] = N_(
    "Formats: tsv, text, json, html. Exit status: 0 all targets met by "
    "TOTAL, 1 a target missed, 64 usage, 65 bad rows, 66 no input, 74 "
    "I/O error.");

static char *
help_filter(int key, const char *text, void *input)
{
	(void)input;
	return bbt_help_doc(key, text, doc_post);
}

static const struct argp argp = {
	options, parse, "[FILE...]", doc, bbt_common_children, help_filter,
	BBT_TEXTDOMAIN,
};

int
qareport_parse_args(int argc, char **argv, struct qa_opts *o,
    unsigned flags)
{
	long cpus = sysconf(_SC_NPROCESSORS_ONLN);

	memset(o, 0, sizeof(*o));
	o->common.formats = formats;
	o->period_completed = 1;
	o->from = INT64_MIN;
	o->to = INT64_MAX;
	o->min_n = QA_MIN_N_DEFAULT;
	o->rep_town = 48 * 60;
	o->rep_rural = 72 * 60;
	o->inst_town = 72 * 60;
	o->inst_rural = 120 * 60;
	o->early = 10;
	o->notice = 120;
	o->wait = 10;
	o->repeat_win = 30 * 1440;
	o->newfault_win = 15 * 1440;
	o->kept_win = 15 * 1440;
	o->ftf_win = 7 * 1440;
	o->errors = 10;
	/* Reading is memory-bound: past a few threads they only add
	 * state to merge. */
	o->threads = cpus < 1 ? 1 : cpus > 8 ? 8 : (int)cpus;
	o->progress = -1;
	/* Shared by the readers: the events of about 1.5 M rows. Past
	 * it they spill, which on 10 M rows measured no slower than
	 * keeping them all (page faults cost what the file costs). 32M
	 * rather than 64M: 127 MB peak RSS at 20 M rows, not 163 MB, the
	 * same CPU time (2.0 s user on 10 M rows, two threads). */
	o->memory = (size_t)32 << 20;
	o->warn_before = 4 * 60;
	o->nby = 1;
	o->by[0] = QA_D_TECH;
	for (size_t i = 0; i < qa_nkpis; i++)
		o->target[i] = qa_kpis[i].def_target;
	return bbt_argp_parse(&argp, argc, argv, flags, o);
}

void
qareport_free_opts(struct qa_opts *o)
{
	free(o->files);
	o->files = NULL;
	for (int i = 0; i < o->nkmap; i++)
		free((char *)(uintptr_t)o->kmap[i].word);
	free(o->kmap);
	o->kmap = NULL;
	o->nkmap = 0;
}
