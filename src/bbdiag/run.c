/* SPDX-License-Identifier: MIT */
/*
 * The run: load the catalogue, stream the records case by case (a case
 * record starts one; consecutive case records with the same id continue
 * it), reason about each case as soon as it ends and print its verdict.
 * Only one case is held at a time, so memory does not grow with the
 * number of cases.
 */
#include <err.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "bbdiag/bbdiag.h"
#include "lib/i18n.h"
#include "lib/out.h"
#include "lib/rec.h"
#include "lib/state.h"

#define MAX_WARNED	32

struct run {
	struct bbdiag_opts *o;
	struct catalogue *cat;
	struct evidence	 ev;
	struct verdict	 v;
	struct outctx	 out;
	int		 open;		/* a case is being collected */
	int		 content;	/* it has records */
	int		 any_fault;
	int		 bad_data;
	size_t		 ncases;
	char		*warned[MAX_WARNED];
	size_t		 nwarned;
};

int
bbdiag_lang_zh(void)
{
	/* TRANSLATORS: the language of the catalogue's texts to show:
	 * translate "en" as your catalogue language code ("zh"). */
	return strcmp(_("catalogue language: en"), "catalogue language: zh")
	    == 0;
}

/* Warns once per distinct word (unknown types, keys). */
static int
first_time(struct run *r, const char *kind, const char *w)
{
	char buf[160];

	/* -q: only errors. */
	if (r->o->common.quiet)
		return 0;
	snprintf(buf, sizeof(buf), "%s\t%s", kind, w);
	for (size_t i = 0; i < r->nwarned; i++)
		if (strcmp(r->warned[i], buf) == 0)
			return 0;
	if (r->nwarned < MAX_WARNED && (r->warned[r->nwarned] =
	    strdup(buf)) != NULL)
		r->nwarned++;
	return 1;
}

/* Command-line observations hold for every case: "access=ftth" for a
 * day's logs of one FTTH area. They were checked at start. */
static void
apply_operands(struct run *r)
{
	for (size_t i = 0; i < r->o->nobs; i++) {
		ev_set_obs_text(&r->ev, cat_obs_find(r->cat, r->o->obs[i].key),
		    r->o->obs[i].val);
	}
}

static void
start_case(struct run *r, const char *id)
{
	ev_reset(&r->ev);
	r->ev.case_id = ev_strdup(&r->ev, id);
	apply_operands(r);
	r->open = 1;
	r->content = 0;
}

static void
verbose_scores(struct run *r)
{
	const struct catalogue *c = r->cat;

	for (size_t i = 0; i < r->v.n; i++)
		fprintf(stderr, r->v.c[i].established ?
		    _("%s: case %s: %s score %.2f (established)\n") :
		    _("%s: case %s: %s score %.2f\n"),
		    program_invocation_short_name, r->ev.case_id,
		    c->faults[r->v.c[i].fault].id, r->v.c[i].score);
}

static int
finish_case(struct run *r)
{
	diag_run(r->cat, &r->ev, &r->v, r->out.top);
	if (r->o->common.verbose)
		verbose_scores(r);
	if (r->v.n > 0 || !r->v.healthy)
		r->any_fault = 1;
	r->ncases++;
	r->open = 0;
	if (out_verdict(&r->out, &r->v) < 0)
		return -1;
	return 0;
}

static void
obs_record(struct run *r, struct bbt_reader *rd, const struct bbt_rec *rec)
{
	const char *key = rec->f[BBT_OBS_KEY], *val = rec->f[BBT_OBS_VALUE];
	int k, vi;
	double num;

	if ((k = cat_obs_find(r->cat, key)) < 0) {
		if (first_time(r, "key", key))
			warnx(_("%s:%lu: unknown observation key '%s' ignored "
			    "(see bbdiag --list=keys)"), bbt_reader_name(rd),
			    bbt_reader_lineno(rd), key);
		return;
	}
	if ((vi = cat_obs_value(&r->cat->obs[k], val, &num)) < 0) {
		char *valid = cat_obs_valid(&r->cat->obs[k]);

		warnx(_("%s:%lu: invalid value '%s' for '%s': valid "
		    "are %s"), bbt_reader_name(rd), bbt_reader_lineno(rd),
		    val, key, valid ? valid : "");
		free(valid);
		r->bad_data = 1;
		return;
	}
	ev_set_obs_text(&r->ev, k, val);
	r->content = 1;
}

/*
 * Streams one input. Cases may span files (cat a b | bbdiag equals
 * bbdiag a b); a bad line is reported and skipped, never fatal, and the
 * run exits 65 at the end.
 */
static int
read_file(struct run *r, const char *path)
{
	struct bbt_reader *rd;
	struct bbt_rec rec;
	int ret;

	if ((rd = bbt_reader_open(path)) == NULL) {
		warn("%s", path);
		return EX_NOINPUT;
	}
	while ((ret = bbt_reader_next(rd, &rec)) != 0) {
		if (ret < 0) {
			if (bbt_reader_failed(rd)) {
				warnx("%s", bbt_reader_error(rd));
				bbt_reader_close(rd);
				return EX_IOERR;
			}
			warnx("%s", bbt_reader_error(rd));
			r->bad_data = 1;
			continue;
		}
		switch (rec.type) {
		case BBT_REC_CASE:
			/* Ask mode keeps one case (the first id) whatever the
			 * input says. */
			if (r->o->ask) {
				if (!r->open)
					start_case(r, rec.f[BBT_CASE_ID]);
				break;
			}
			if (r->open && strcmp(r->ev.case_id,
			    rec.f[BBT_CASE_ID]) == 0)
				break;
			if (r->open && r->content && finish_case(r) < 0) {
				bbt_reader_close(rd);
				return EX_IOERR;
			}
			start_case(r, rec.f[BBT_CASE_ID]);
			break;
		case BBT_REC_CHECK:
			if (!r->open)
				start_case(r, r->o->case_id ? r->o->case_id :
				    "-");
			if (ev_add_check(&r->ev, rec.f[BBT_CHECK_NAME],
			    rec.f[BBT_CHECK_TARGET], rec.f[BBT_CHECK_STATUS],
			    rec.f[BBT_CHECK_VALUE], rec.f[BBT_CHECK_UNIT],
			    rec.f[BBT_CHECK_DETAIL]) < 0) {
				warnx(_("%s:%lu: invalid status '%s' "
				    "(use ok, warning, critical, unknown, "
				    "skipped or info)"), bbt_reader_name(rd),
				    bbt_reader_lineno(rd),
				    rec.f[BBT_CHECK_STATUS]);
				r->bad_data = 1;
			}
			r->content = 1;
			break;
		case BBT_REC_OBS:
			if (!r->open)
				start_case(r, r->o->case_id ? r->o->case_id :
				    "-");
			obs_record(r, rd, &rec);
			break;
		case BBT_REC_FAULT:
		case BBT_REC_ORDER:
			/* bbdiag's own output and work orders: not evidence. */
			break;
		default:
			if (first_time(r, "type", rec.f[0]))
				warnx(_("%s:%lu: unknown record type '%s' "
				    "ignored"), bbt_reader_name(rd),
				    bbt_reader_lineno(rd), rec.f[0]);
			break;
		}
	}
	ret = bbt_reader_failed(rd) ? EX_IOERR : 0;
	if (ret)
		warnx("%s: %s", path, strerror(errno));
	bbt_reader_close(rd);
	return ret;
}

static void
list(const struct catalogue *c, const char *what, int zh)
{
	if (strcmp(what, "faults") == 0) {
		for (size_t i = 0; i < c->nfaults; i++) {
			const struct fault *f = &c->faults[i];

			printf("%s\t%s\t%s\t%s\n", f->id,
			    c->layers[f->layer].id, side_names[f->side],
			    zh ? f->name_zh : f->name_en);
		}
	} else if (strcmp(what, "keys") == 0) {
		for (size_t i = 0; i < c->nobs; i++) {
			const struct obs_decl *o = &c->obs[i];

			printf("%s\t%s\t%s\n", o->key,
			    o->kind == OBS_ENUM ? "enum" : "number",
			    o->ask_en ? (zh ? o->ask_zh : o->ask_en) : "-");
		}
	} else if (strcmp(what, "values") == 0) {
		for (size_t i = 0; i < c->nobs; i++) {
			const struct obs_decl *o = &c->obs[i];

			if (o->kind == OBS_NUM)
				printf("%s=\t%g..%g %s\n", o->key, o->min,
				    o->max, o->unit ? o->unit : "");
			for (size_t j = 0; j < o->nvals; j++)
				printf("%s=%s\t%s\n", o->key, o->vals[j].word,
				    o->vals[j].en ? (zh ? o->vals[j].zh :
				    o->vals[j].en) : "-");
		}
	} else {
		for (size_t i = 0; i < c->nparams; i++)
			printf("%s\t%g\t%s\n", c->params[i].name,
			    c->params[i].val, c->params[i].unit ?
			    c->params[i].unit : "-");
	}
}

/* --catalogue, then the environment (a site's edited copy); NULL for
 * the compiled-in one, so that a build works where it is built. */
static const char *
catalogue_path(const struct bbdiag_opts *o)
{
	const char *e;

	if (o->catalogue)
		return o->catalogue;
	if ((e = getenv("BBTOOLS_CATALOGUE")) != NULL && *e)
		return e;
	return NULL;
}

static struct catalogue *
catalogue_load(const char *path, char **errs)
{
	const char *text;
	size_t len;

	if (path != NULL)
		return cat_load(path, errs);
	text = cat_builtin(&len);
	return cat_parse(CAT_BUILTIN_NAME, text, len, errs);
}

/* Observation operands are checked before any input is read. */
static int
check_operands(const struct run *r)
{
	for (size_t i = 0; i < r->o->nobs; i++) {
		const char *key = r->o->obs[i].key, *val = r->o->obs[i].val;
		int k = cat_obs_find(r->cat, key);
		double num;

		if (k < 0) {
			warnx(_("unknown observation key '%s' (see bbdiag "
			    "--list=keys)"), key);
			return EX_USAGE;
		}
		if (cat_obs_value(&r->cat->obs[k], val, &num) < 0) {
			char *valid = cat_obs_valid(&r->cat->obs[k]);

			warnx(_("invalid value '%s' for '%s': valid are %s"),
			    val, key, valid ? valid : "");
			free(valid);
			return EX_USAGE;
		}
	}
	return 0;
}

int
bbdiag_run(struct bbdiag_opts *o)
{
	struct run r;
	char *errs = NULL;
	const char *path = catalogue_path(o);
	int rc = 0, zh = bbdiag_lang_zh();

	memset(&r, 0, sizeof(r));
	r.o = o;
	if ((r.cat = catalogue_load(path, &errs)) == NULL) {
		/* One "bbdiag: file:line: message" line per problem. */
		char *sp = NULL;

		for (char *l = errs ? strtok_r(errs, "\n", &sp) : NULL; l;
		    l = strtok_r(NULL, "\n", &sp))
			warnx("%s", l);
		free(errs);
		warnx(_("%s: the fault catalogue is not usable; nothing was "
		    "diagnosed"), path ? path : CAT_BUILTIN_NAME);
		return EX_CONFIG;
	}
	if (o->list) {
		list(r.cat, o->list, zh);
		cat_free(r.cat);
		return bbt_close_stdout() < 0 ? EX_IOERR : 0;
	}
	if ((rc = check_operands(&r)) != 0) {
		cat_free(r.cat);
		return rc;
	}
	r.out.fp = stdout;
	r.out.cat = r.cat;
	r.out.zh = zh;
	r.out.color = bbt_common_color(&o->common, stdout);
	r.out.top = (size_t)o->top;
	if (o->top == 0)
		r.out.top = o->batch ? 1 : 3;
	if (o->reply)
		r.out.fmt = DF_REPLY;
	else if (o->common.format == NULL)
		r.out.fmt = bbt_isatty(stdout) && !o->batch ? DF_TEXT : DF_TSV;
	else if (strcmp(o->common.format, "text") == 0)
		r.out.fmt = DF_TEXT;
	else if (strcmp(o->common.format, "json") == 0)
		r.out.fmt = DF_JSON;
	else if (strcmp(o->common.format, "reply") == 0)
		r.out.fmt = DF_REPLY;
	else
		r.out.fmt = DF_TSV;
	if (r.out.fmt != DF_TEXT)
		r.out.color = 0;
	ev_init(&r.ev, r.cat);
	diag_init(&r.v, r.cat->nfaults);

	/* A rule, not a guess about what stdin is: with observation
	 * operands, records come from standard input only when "-" says
	 * so (`linecheck | bbdiag - access=ftth`). Otherwise a shell loop
	 * reading its own stdin, cron or ssh would lose input or hang. */
	if (o->nfiles == 0 && !o->ask && o->nobs == 0)
		rc = read_file(&r, "-");
	for (size_t i = 0; i < o->nfiles && rc != EX_IOERR; i++) {
		int x = read_file(&r, o->files[i]);

		if (x != 0 && rc == 0)
			rc = x;
	}
	if (rc == 0 || rc == EX_NOINPUT) {
		if (!r.open)
			start_case(&r, o->case_id ? o->case_id : "-");
		if (o->ask)
			ask_run(r.cat, &r.ev, stdin, stderr, zh);
		if (r.content || r.ncases == 0 || o->ask)
			if (finish_case(&r) < 0)
				rc = EX_IOERR;
	}
	if (bbt_close_stdout() < 0 && rc == 0)
		rc = EX_IOERR;
	if (rc == 0 && r.bad_data)
		rc = EX_DATAERR;
	if (rc == 0 && r.any_fault)
		rc = 1;
	for (size_t i = 0; i < r.nwarned; i++)
		free(r.warned[i]);
	diag_free(&r.v);
	ev_free(&r.ev);
	cat_free(r.cat);
	return rc;
}
