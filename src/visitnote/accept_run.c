/* SPDX-License-Identifier: MIT */
/*
 * visitnote --acceptance: reads the records of linecheck and
 * pppoe-probe, prints the acceptance sheet as text or PDF, and appends
 * its order record with the measured speed and the verdict.
 */
#include <err.h>
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lib/datetime.h"
#include "lib/file.h"
#include "lib/i18n.h"
#include "lib/order.h"
#include "lib/state.h"
#include "visitnote/accept.h"
#include "visitnote/log.h"
#include "visitnote/visitnote.h"

/* Usage errors of --acceptance: 0 or EX_USAGE (reported). */
static int
check_usage(const struct vn_opts *o)
{
	if (o->blank) {
		warnx("%s", _("--acceptance reads measurements; --blank "
		    "prints note pads"));
		return EX_USAGE;
	}
	if (o->log && o->kind < 0) {
		warnx("%s", _("--log needs --action install, move or repair: "
		    "the log record's kind"));
		return EX_USAGE;
	}
	if (o->nfiles == 0 && isatty(STDIN_FILENO)) {
		warnx("%s", _("no input: pipe the records of linecheck and "
		    "pppoe-probe in, or name their files"));
		return EX_USAGE;
	}
	if (o->pdf && o->output == NULL && isatty(STDOUT_FILENO)) {
		warnx("%s", _("will not write a PDF to a terminal; use -o FILE"));
		return EX_USAGE;
	}
	return 0;
}

/* The case to judge, or -1 (reported). */
static int
pick(const struct va_recs *r, const struct vn_opts *o)
{
	const char *a = NULL, *b = NULL;
	int k = va_pick_case(r, o->kase, &a, &b);

	if (k == -1)
		warnx(_("records of two cases, %s and %s: pick one with "
		    "--case"), a, b);
	else if (k == -2)
		warnx(_("no records of case '%s'"), o->kase);
	return k < 0 ? -1 : k;
}

/* The order record of the sheet, malloc'd; NULL when memory ran out. */
static char *
log_record(const struct vn_opts *o, const struct va_sheet *s, size_t *len)
{
	const char *vals[BBT_O_NCOLS] = { NULL }, *x[BBT_OX_NCOLS] = { NULL };
	char checks[256] = "", tested[BBT_TIME_BUFSZ];

	vals[BBT_O_ID] = s->id;
	vals[BBT_O_KIND] = bbt_order_kind_name(o->kind);
	vals[BBT_O_SERVICE] = "broadband";
	vals[BBT_O_ACCOUNT] = s->customer;
	vals[BBT_O_TECH] = s->tech;
	for (int i = 0; i < VA_NITEMS; i++) {
		size_t l = strlen(checks);

		snprintf(checks + l, sizeof(checks) - l, "%s%s=%s",
		    i ? "," : "", va_item_word((enum va_item)i),
		    va_state_word(s->line[i].st));
	}
	vals[BBT_O_CHECKS] = checks;
	x[BBT_OX_ACCEPT] = s->pass ? "pass" : "fail";
	x[BBT_OX_SPEED_DOWN] = s->down;
	x[BBT_OX_SPEED_UP] = s->up;
	x[BBT_OX_PLAN_DOWN] = s->plan_down;
	x[BBT_OX_PLAN_UP] = s->plan_up;
	x[BBT_OX_TESTED] = bbt_time_rfc3339(s->tested, tested);
	return vn_log_format_ext(vals, x, len);
}

/* Writes the sheet to -o or stdout; 0 or an exit code (reported). */
static int
write_sheet(const struct vn_opts *o, const struct va_sheet *s)
{
	const char *name = o->output ? o->output : _("standard output");
	const char *why, *family;
	struct bbt_afile af;

	if (bbt_afile_open(&af, o->output ? o->output : "-") < 0) {
		warn("%s", o->output);
		return EX_CANTCREAT;
	}
	if (!o->pdf) {
		va_text_write(af.fp, s, o->width);
	} else if (va_pdf_write(af.fp, s, o->font, &why, &family) < 0) {
		bbt_afile_abort(&af);
		if (why && strcmp(why, "no glyph") == 0) {
			warnx(_("the font %s has no glyph for a character of "
			    "this sheet"), family);
			return EX_SOFTWARE;
		}
		if (why == NULL)
			warn("%s", name);
		else
			warnx(_("%s: cannot write the PDF: %s"), name, why);
		return why == NULL ? EX_IOERR : EX_SOFTWARE;
	}
	if (bbt_afile_commit(&af) < 0) {
		warn("%s", name);
		return EX_IOERR;
	}
	return 0;
}

/* Appends the record; 0 or an exit code (reported). */
static int
append_log(const struct vn_opts *o, char *line, size_t len)
{
	size_t done;
	int fd = strcmp(o->log, "-") == 0 ? STDOUT_FILENO :
	    open(o->log, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0666);

	if (fd < 0) {
		warn("%s", o->log);
		return EX_CANTCREAT;
	}
	if (vn_log_write(fd, &line, &len, 1, &done) < 0) {
		warn("%s", strcmp(o->log, "-") == 0 ? _("standard output") :
		    o->log);
		if (fd != STDOUT_FILENO)
			close(fd);
		return EX_IOERR;
	}
	if (fd != STDOUT_FILENO && close(fd) < 0) {
		warn("%s", o->log);
		return EX_IOERR;
	}
	return 0;
}

/* Reads, judges, prints and logs; the exit code. */
static int
accept_records(struct vn_opts *o, struct va_recs *r, unsigned long *bad)
{
	struct va_sheet s;
	char *line = NULL;
	size_t len = 0;
	int k, rc;

	memset(&s, 0, sizeof(s));
	if ((k = pick(r, o)) < 0)
		return EX_DATAERR;
	s.lang = o->lang;
	s.kind = o->kind;
	s.customer = o->note.customer;
	s.tech = o->tech;
	s.id = o->id ? o->id : k > 0 ? r->cases[k] : NULL;
	s.tested = o->now;
	if (va_judge(r, k, o->kase == NULL, &o->accept, &s) < 0) {
		warnx("%s", _("no measurement in the input: no link, "
		    "dial-up, browsing or speed check records (linecheck, "
		    "pppoe-probe) and no rx_power observation"));
		return EX_DATAERR;
	}
	/* The record first: a sheet we cannot log is not printed. */
	if (o->log && (line = log_record(o, &s, &len)) == NULL) {
		warnx("%s", errno == EMSGSIZE ? _("the log record is too "
		    "long") : _("out of memory"));
		return EX_SOFTWARE;
	}
	if ((rc = write_sheet(o, &s)) == 0 && line)
		rc = append_log(o, line, len);
	free(line);
	if (rc == 0 && *bad)
		rc = EX_DATAERR;
	/* 1: the predicate the man page defines, a failed acceptance. */
	if (rc == 0 && !s.pass)
		rc = 1;
	return rc;
}

int
vn_accept_run(struct vn_opts *o)
{
	struct va_recs r;
	unsigned long bad = 0;
	int rc, x;

	if ((rc = check_usage(o)) != 0)
		return rc;
	memset(&r, 0, sizeof(r));
	if (o->nfiles == 0)
		rc = va_read(&r, "-", &bad);
	for (int i = 0; i < o->nfiles; i++)
		if ((x = va_read(&r, o->files[i], &bad)) != 0 && rc == 0)
			rc = x;
	if (r.oom) {
		warnx("%s", _("out of memory"));
		rc = EX_SOFTWARE;
	}
	if (rc == 0)
		rc = accept_records(o, &r, &bad);
	va_recs_free(&r);
	return rc;
}
