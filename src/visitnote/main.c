/* SPDX-License-Identifier: MIT */
/*
 * visitnote: the handbook's visit note (到访留言便条) for a no-answer
 * visit, from the command line or one per work-order row; checked
 * against R5 and R6; printed as text for a terminal or receipt printer,
 * or as a PDF sheet; each visit logged as an order record.
 */
#include <err.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lib/datetime.h"
#include "lib/file.h"
#include "lib/i18n.h"
#include "lib/order.h"
#include "lib/out.h"
#include "lib/state.h"
#include "lib/text.h"
#include "visitnote/input.h"
#include "visitnote/log.h"
#include "visitnote/visitnote.h"

#define NOTE_BUFSZ	8192

struct run {
	struct vn_opts	*o;
	FILE		*fp;		/* the notes */
	struct vn_pdf	*pdf;
	unsigned long	 notes, bad;
	/* Log lines wait until the notes are safely written: a logged
	 * note must exist. */
	char		**log;
	size_t		*loglen, nlog;
	int		 oom;
};

/*
 * Prints one note. -1 when the PDF font lacks a glyph of it (reported
 * with where, the note is left out) or memory ran out.
 */
static int
emit_note(struct run *r, const struct vn_note *n, const char *where)
{
	static char buf[NOTE_BUFSZ];
	const char *lines[VN_NLINES];

	int flags = r->pdf == NULL ? 0 : r->o->seed_punct ? VN_RENDER_WIDE :
	    VN_RENDER_WIDE | VN_RENDER_FULLWIDTH;

	if (vn_note_render(n, r->o->lang, r->pdf ? VN_PDF_COLUMNS :
	    r->o->width, flags, buf, sizeof(buf), lines) < 0) {
		r->oom = 1;
		return -1;
	}
	if (r->pdf) {
		if (vn_pdf_add(r->pdf, lines) == VN_PDF_NOGLYPH) {
			/* Boxes in print: a note nobody can read. */
			if (where)
				warnx(_("%s: the font %s has no glyph for a "
				    "character of this note"), where,
				    vn_pdf_font(r->pdf));
			else
				warnx(_("the font %s has no glyph for a "
				    "character of this note"),
				    vn_pdf_font(r->pdf));
			return -1;
		}
	} else {
		if (r->notes > 0) {
			/* A tear-off line between receipts. */
			for (int i = 0; i < r->o->width; i++)
				putc('-', r->fp);
			putc('\n', r->fp);
		}
		vn_text_write(r->fp, lines, r->o->width);
	}
	r->notes++;
	return 0;
}

static void
queue_log(struct run *r, char *line, size_t len)
{
	char **nl;
	size_t *nlen;

	if ((nl = realloc(r->log, (r->nlog + 1) * sizeof(*nl))) == NULL) {
		free(line);
		r->oom = 1;
		return;
	}
	r->log = nl;
	if ((nlen = realloc(r->loglen, (r->nlog + 1) * sizeof(*nlen))) ==
	    NULL) {
		free(line);
		r->oom = 1;
		return;
	}
	r->loglen = nlen;
	r->log[r->nlog] = line;
	r->loglen[r->nlog++] = len;
}

/*
 * One visit: check the rules, print the note, queue its log record.
 * row is NULL for a note from the options; where is "file:line" for
 * rows. Returns 0, or -1 for a rejected visit (reported).
 */
static int
visit(struct run *r, const struct vn_note *n, const char *const *row,
    int called, const char *where)
{
	struct vn_opts *o = r->o;
	struct vn_check c;
	unsigned failed = vn_check(n, called, o->now, &c);
	const char *vals[BBT_O_NCOLS] = { NULL };
	char arrived[BBT_TIME_BUFSZ], left[BBT_TIME_BUFSZ], svc[64];
	char checks[128], *line;
	size_t len;

	if (failed & ~o->override) {
		for (int i = 0; i < VN_NRULES; i++)
			if (failed & ~o->override & (1u << i)) {
				if (where)
					warnx("%s: %s", where, c.msg[i]);
				else
					warnx("%s", c.msg[i]);
			}
		return -1;
	}
	for (int i = 0; i < VN_NRULES && !o->common.quiet; i++)
		if (failed & (1u << i)) {
			if (where)
				warnx(_("%s: %s (overridden)"), where,
				    c.msg[i]);
			else
				warnx(_("%s (overridden)"), c.msg[i]);
		}
	if (o->log == NULL)
		return emit_note(r, n, where);

	if (row)
		for (int i = 0; i < BBT_O_NCOLS; i++)
			vals[i] = row[i];
	if (vals[BBT_O_ID] == NULL)
		vals[BBT_O_ID] = o->id;
	if (vals[BBT_O_TECH] == NULL)
		vals[BBT_O_TECH] = o->tech;
	if (vals[BBT_O_ACCOUNT] == NULL)
		vals[BBT_O_ACCOUNT] = n->customer;
	/* Record words, not a spreadsheet's: qareport compares them. */
	if (bbt_order_kind(vals[BBT_O_KIND]) >= 0)
		vals[BBT_O_KIND] = bbt_order_kind_name(
		    bbt_order_kind(vals[BBT_O_KIND]));
	else if (n->action != VN_ACT_ANY)
		vals[BBT_O_KIND] = n->action == VN_ACT_INSTALL ? "install" :
		    "repair";
	if (n->services) {
		vn_services_word(n->services, svc, sizeof(svc));
		vals[BBT_O_SERVICE] = svc;
	}
	vals[BBT_O_ARRIVED] = n->arrived == VN_NOTIME ? NULL :
	    bbt_time_rfc3339(n->arrived, arrived);
	vals[BBT_O_LEFT] = n->left == VN_NOTIME ? NULL :
	    bbt_time_rfc3339(n->left, left);
	vals[BBT_O_COMPLETED] = NULL;
	vals[BBT_O_OUTCOME] = "no-answer";
	vals[BBT_O_CALLED] = called == 0 ? "no" : "yes";
	vals[BBT_O_NOTE] = "yes";
	vn_checks_word(failed, checks, sizeof(checks));
	vals[BBT_O_CHECKS] = checks;
	/* The record before the note: a visit we cannot log whole is not
	 * printed either. */
	if ((line = vn_log_format(vals, &len)) == NULL) {
		if (errno != EMSGSIZE) {
			r->oom = 1;
			return 0;
		}
		if (where)
			warnx(_("%s: the log record would be %zu bytes, over "
			    "the %d that stay whole in a pipe"), where, len,
			    VN_LOG_MAX);
		else
			warnx(_("the log record would be %zu bytes, over the "
			    "%d that stay whole in a pipe"), len, VN_LOG_MAX);
		return -1;
	}
	if (emit_note(r, n, where) < 0) {
		free(line);
		return -1;
	}
	queue_log(r, line, len);
	return 0;
}

/* A row's value, or the option's when the row leaves it empty. */
static const char *
pick(const char *row, const char *opt)
{
	return row ? row : opt;
}

static void
do_row(struct run *r, const char **v, const char *where)
{
	struct vn_opts *o = r->o;
	struct vn_note n = o->note;
	int called = -1, x;

	n.branch = pick(v[VN_C_BRANCH], o->note.branch);
	n.customer = pick(v[VN_C_CUSTOMER], pick(v[BBT_O_ACCOUNT],
	    o->note.customer));
	n.contact = pick(v[VN_C_CONTACT], o->note.contact);
	n.phone = pick(v[VN_C_PHONE], o->note.phone);
	n.company = pick(v[VN_C_COMPANY], o->note.company);
	if (v[VN_C_ACTION] || v[BBT_O_KIND]) {
		const char *w = pick(v[VN_C_ACTION], v[BBT_O_KIND]);

		if ((x = vn_parse_action(w)) < 0) {
			warnx(_("%s: unknown action '%s': use "
			    "install or maintain"), where, w);
			r->bad++;
			return;
		}
		n.action = (enum vn_action)x;
	}
	if (v[BBT_O_SERVICE]) {
		if ((x = vn_parse_services(v[BBT_O_SERVICE])) < 0) {
			warnx(_("%s: unknown service '%s': use "
			    "broadband, phone or leased"), where,
			    v[BBT_O_SERVICE]);
			r->bad++;
			return;
		}
		n.services = (unsigned)x;
	}
	if (v[BBT_O_ARRIVED] &&
	    vn_time_parse(v[BBT_O_ARRIVED], o->now, &n.arrived) < 0) {
		warnx(_("%s: invalid arrival time '%s'"), where,
		    v[BBT_O_ARRIVED]);
		r->bad++;
		return;
	}
	if (v[BBT_O_LEFT] &&
	    vn_time_parse(v[BBT_O_LEFT], o->now, &n.left) < 0) {
		warnx(_("%s: invalid leaving time '%s'"), where,
		    v[BBT_O_LEFT]);
		r->bad++;
		return;
	}
	if (v[BBT_O_CALLED] && (called = bbt_order_bool(v[BBT_O_CALLED])) < 0) {
		warnx(_("%s: invalid value '%s' for called: use yes "
		    "or no"), where, v[BBT_O_CALLED]);
		r->bad++;
		return;
	}
	if (visit(r, &n, v, called, where) < 0)
		r->bad++;
}

/*
 * Returns 0, or an exit code for a file that cannot be read: 66 when it
 * cannot be opened, 74 when reading it fails (a directory, a damaged
 * gzip file). The rows read before a read error are kept: the reader
 * fails again at once, so the file ends there.
 */
static int
do_file(struct run *r, const char *path)
{
	struct vn_input *in = vn_input_open(path);
	const char *v[VN_NCOLS];
	char where[600];
	int k;

	if (in == NULL) {
		int e = errno;

		warn("%s", strcmp(path, "-") == 0 ? _("standard input") : path);
		return e == ENOENT || e == EACCES || e == ENOTDIR ||
		    e == ELOOP || e == ENAMETOOLONG ? EX_NOINPUT : EX_IOERR;
	}
	while ((k = vn_input_next(in, v)) != 0) {
		if (k < 0) {
			warnx("%s", vn_input_error(in));
			if (vn_input_failed(in)) {
				vn_input_close(in);
				return EX_IOERR;
			}
			r->bad++;
			continue;
		}
		/* "visitnote: file:line", as every command's data errors. */
		snprintf(where, sizeof(where), "%s:%lu",
		    vn_input_name(in),
		    vn_input_lineno(in));
		do_row(r, v, where);
	}
	vn_input_close(in);
	return 0;
}

static int
write_log(struct run *r, int fd)
{
	size_t done;

	if (vn_log_write(fd, r->log, r->loglen, r->nlog, &done) == 0)
		return 0;
	warn("%s", strcmp(r->o->log, "-") == 0 ? _("standard output") :
	    r->o->log);
	warnx(_("%s: %zu of %zu log records were not written"),
	    r->o->log, r->nlog - done, r->nlog);
	return EX_IOERR;
}

#ifdef __SANITIZE_ADDRESS__
/* fontconfig and glib keep caches for the process's lifetime. */
const char *__lsan_default_suppressions(void);
const char *
__lsan_default_suppressions(void)
{
	return "leak:libfontconfig.so\nleak:libglib-2.0.so\n"
	    "leak:libpango-1.0.so\nleak:libpangoft2-1.0.so\n"
	    "leak:libharfbuzz.so\n";
}

const char *__lsan_default_options(void);
const char *
__lsan_default_options(void)
{
	return "print_suppressions=0";
}
#endif

/* Starts the PDF on r->fp; 0, or an exit code (reported). */
static int
start_pdf(struct run *r, const struct vn_opts *o)
{
	const char *why = NULL;

	if ((r->pdf = vn_pdf_open(r->fp, o->paper, o->lang, o->font,
	    &why)) == NULL) {
		warnx(_("cannot start the PDF: %s"), why);
		return EX_SOFTWARE;
	}
	if (o->font && !vn_pdf_font_found(r->pdf))
		warnx(_("font '%s' not found; using %s"), o->font,
		    vn_pdf_font(r->pdf));
	else if (o->common.verbose)
		warnx(_("PDF font: %s"), vn_pdf_font(r->pdf));
	/* Without a CJK font every Chinese character prints as a box. */
	if (o->lang == VN_ZH && !vn_pdf_has_cjk(r->pdf)) {
		warnx(_("the font %s has no Chinese characters, the PDF would "
		    "print boxes: install fonts-wqy-microhei, or name a CJK "
		    "font with --font"), vn_pdf_font(r->pdf));
		return EX_SOFTWARE;
	}
	return 0;
}

/* The notes from the options or the inputs; 0, or the first input's
 * exit code (66, 74); every input is read whatever the others did. */
static int
read_inputs(struct run *r, const struct vn_opts *o)
{
	int rc = 0, x;

	if (o->blank) {
		for (long i = 0; i < o->blank && !r->oom; i++)
			if (emit_note(r, &o->note, NULL) < 0)
				r->bad++;
	} else if (o->single) {
		if (visit(r, &o->note, NULL, -1, NULL) < 0)
			r->bad++;
	} else if (o->nfiles == 0) {
		rc = do_file(r, "-");
	} else {
		for (int i = 0; i < o->nfiles; i++)
			if ((x = do_file(r, o->files[i])) != 0 && rc == 0)
				rc = x;
	}
	return rc;
}

/*
 * Writes out what was read: the notes, then (only once they are safe)
 * the log. An input error does not cost the notes read before it.
 */
static int
finish(struct run *r, const struct vn_opts *o, struct bbt_afile *af,
    int logfd)
{
	const char *name = o->output ? o->output : _("standard output");
	int rc = 0;

	const char *why;

	if (r->pdf && vn_pdf_close(r->pdf, &why) < 0) {
		/* A write error has its errno; cairo's own, a reason. */
		if (why == NULL)
			warn("%s", name);
		else
			warnx(_("%s: cannot write the PDF: %s"), name, why);
		rc = EX_IOERR;
	}
	if (rc == 0 && r->oom) {
		warnx("%s", _("out of memory"));
		rc = EX_SOFTWARE;
	}
	if (rc != 0 || (r->notes == 0 && o->output)) {
		/* No note: leave an existing file alone. */
		bbt_afile_abort(af);
	} else if (bbt_afile_commit(af) < 0) {
		warn("%s", name);
		rc = EX_IOERR;
	} else if (logfd >= 0) {
		rc = write_log(r, logfd);
	}
	return rc;
}

static int
run_notes(struct vn_opts *op)
{
	struct vn_opts o = *op;
	struct run r = { op, NULL, NULL, 0, 0, NULL, NULL, 0, 0 };
	struct bbt_afile af;
	int logfd = -1, rc = 0, in_rc = 0;

	if (!o.blank && !o.single && o.nfiles == 0 && isatty(STDIN_FILENO)) {
		warnx("%s", _("no input: give the note's slots as options "
		    "(--customer, --arrived, --left, ...), work-order files, "
		    "or --blank N"));
		return EX_USAGE;
	}
	/* The audit needs the order's kind; a row has its own. */
	if (o.single && o.log && o.note.action == VN_ACT_ANY) {
		warnx("%s", _("--log needs --action install or maintain: "
		    "the log record's kind"));
		return EX_USAGE;
	}
	if (o.pdf && o.output == NULL && isatty(STDOUT_FILENO)) {
		warnx("%s", _("will not write a PDF to a terminal; use -o FILE"));
		return EX_USAGE;
	}
	/* The log first: a visit we cannot log is not worth printing. */
	if (o.log) {
		logfd = strcmp(o.log, "-") == 0 ? STDOUT_FILENO :
		    open(o.log, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0666);
		if (logfd < 0) {
			warn("%s", o.log);
			return EX_CANTCREAT;
		}
	}
	if (bbt_afile_open(&af, o.output ? o.output : "-") < 0) {
		warn("%s", o.output);
		if (logfd > STDOUT_FILENO)
			close(logfd);
		return EX_CANTCREAT;
	}
	r.fp = af.fp;
	if (o.pdf && (rc = start_pdf(&r, &o)) != 0) {
		const char *why;

		if (r.pdf)
			(void)vn_pdf_close(r.pdf, &why);
		bbt_afile_abort(&af);
	} else {
		in_rc = read_inputs(&r, &o);
		rc = finish(&r, &o, &af, logfd);
	}
	if (logfd >= 0 && logfd != STDOUT_FILENO)
		close(logfd);
	for (size_t i = 0; i < r.nlog; i++)
		free(r.log[i]);
	free(r.log);
	free(r.loglen);
	if (o.common.verbose)
		fprintf(stderr, _("visitnote: %lu notes, %lu rejected\n"),
		    r.notes, r.bad);
	if (rc == 0)
		rc = in_rc;
	if (rc == 0 && r.bad)
		rc = EX_DATAERR;
	return rc;
}

int
main(int argc, char **argv)
{
	struct vn_opts o;
	int rc;

	bbt_i18n_init();
	bbt_argp_setup();
	argp_err_exit_status = EX_USAGE;
	bbt_afile_catch_signals();
	if (visitnote_parse_args(argc, argv, &o, 0) != 0) {
		visitnote_free_args(&o);
		return EX_USAGE;
	}
	rc = o.acceptance ? vn_accept_run(&o) : run_notes(&o);
	visitnote_free_args(&o);
	return rc;
}
