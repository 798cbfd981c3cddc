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

static void
emit_note(struct run *r, const struct vn_note *n)
{
	static char buf[NOTE_BUFSZ];
	const char *lines[VN_NLINES];

	if (vn_note_render(n, r->o->lang, r->pdf ? VN_PDF_COLUMNS :
	    r->o->width, r->pdf != NULL, buf, sizeof(buf), lines) < 0) {
		r->oom = 1;
		return;
	}
	if (r->pdf) {
		(void)vn_pdf_add(r->pdf, lines);
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
}

static void
queue_log(struct run *r, const char *const vals[BBT_O_NCOLS])
{
	size_t len;
	char *line = bbt_order_format(vals, &len);
	char **nl;
	size_t *nlen;

	if (line == NULL ||
	    (nl = realloc(r->log, (r->nlog + 1) * sizeof(*nl))) == NULL) {
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
 * rows. Returns 0, or -1 for a rule violation (reported).
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
	char checks[128];

	if (failed & ~o->override) {
		for (int i = 0; i < VN_NRULES; i++)
			if (failed & ~o->override & (1u << i)) {
				if (where)
					fprintf(stderr, "%s: %s\n", where,
					    c.msg[i]);
				else
					warnx("%s", c.msg[i]);
			}
		return -1;
	}
	for (int i = 0; i < VN_NRULES && !o->common.quiet; i++)
		if (failed & (1u << i)) {
			if (where)
				fprintf(stderr, _("%s: %s (overridden)\n"),
				    where, c.msg[i]);
			else
				warnx(_("%s (overridden)"), c.msg[i]);
		}
	emit_note(r, n);
	if (o->log == NULL)
		return 0;

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
	queue_log(r, vals);
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
			fprintf(stderr, _("%s: unknown action '%s': use "
			    "install or maintain\n"), where, w);
			r->bad++;
			return;
		}
		n.action = (enum vn_action)x;
	}
	if (v[BBT_O_SERVICE]) {
		if ((x = vn_parse_services(v[BBT_O_SERVICE])) < 0) {
			fprintf(stderr, _("%s: unknown service '%s': use "
			    "broadband, phone or leased\n"), where,
			    v[BBT_O_SERVICE]);
			r->bad++;
			return;
		}
		n.services = (unsigned)x;
	}
	if (v[BBT_O_ARRIVED] &&
	    vn_time_parse(v[BBT_O_ARRIVED], o->now, &n.arrived) < 0) {
		fprintf(stderr, _("%s: invalid arrival time '%s'\n"), where,
		    v[BBT_O_ARRIVED]);
		r->bad++;
		return;
	}
	if (v[BBT_O_LEFT] &&
	    vn_time_parse(v[BBT_O_LEFT], o->now, &n.left) < 0) {
		fprintf(stderr, _("%s: invalid leaving time '%s'\n"), where,
		    v[BBT_O_LEFT]);
		r->bad++;
		return;
	}
	if (v[BBT_O_CALLED] && (called = bbt_order_bool(v[BBT_O_CALLED])) < 0) {
		fprintf(stderr, _("%s: invalid value '%s' for called: use yes "
		    "or no\n"), where, v[BBT_O_CALLED]);
		r->bad++;
		return;
	}
	if (visit(r, &n, v, called, where) < 0)
		r->bad++;
}

/* Returns 0, or an exit code for a file that cannot be read. */
static int
do_file(struct run *r, const char *path)
{
	struct vn_input *in = vn_input_open(path);
	const char *v[VN_NCOLS];
	char where[600];
	int k;

	if (in == NULL) {
		warn("%s", strcmp(path, "-") == 0 ? _("standard input") : path);
		return errno == ENOENT ? EX_NOINPUT : errno == EACCES ?
		    EX_NOPERM : EX_IOERR;
	}
	while ((k = vn_input_next(in, v)) != 0) {
		if (k < 0) {
			warnx("%s", vn_input_error(in));
			r->bad++;
			continue;
		}
		/* "visitnote: file:line", as every command's data errors. */
		snprintf(where, sizeof(where), "%s: %s:%lu",
		    program_invocation_short_name, vn_input_name(in),
		    vn_input_lineno(in));
		do_row(r, v, where);
	}
	vn_input_close(in);
	return 0;
}

static int
write_log(struct run *r, int fd)
{
	int rc = 0;

	for (size_t i = 0; i < r->nlog; i++) {
		ssize_t w;

		/* One write(2) per record on an O_APPEND descriptor:
		 * concurrent visitnotes never interleave their lines. */
		do
			w = write(fd, r->log[i], r->loglen[i]);
		while (w < 0 && errno == EINTR);
		if (w != (ssize_t)r->loglen[i] && rc == 0) {
			warn("%s", r->o->log);
			rc = EX_IOERR;
		}
	}
	return rc;
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

static int
run_notes(struct vn_opts *op)
{
	struct vn_opts o = *op;
	struct run r = { op, NULL, NULL, 0, 0, NULL, NULL, 0, 0 };
	struct bbt_afile af;
	int logfd = -1, rc = 0;

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
	if (o.pdf) {
		const char *why = NULL;

		if ((r.pdf = vn_pdf_open(r.fp, o.paper, o.lang, o.font,
		    &why)) == NULL) {
			warnx(_("cannot start the PDF: %s"), why);
			bbt_afile_abort(&af);
			if (logfd > STDOUT_FILENO)
				close(logfd);
			return EX_SOFTWARE;
		}
		if (o.common.verbose || (o.font && strcasecmp(o.font,
		    vn_pdf_font(r.pdf)) != 0))
			warnx(_("PDF font: %s"), vn_pdf_font(r.pdf));
	}

	if (o.blank) {
		for (long i = 0; i < o.blank; i++)
			emit_note(&r, &o.note);
	} else if (o.single) {
		if (visit(&r, &o.note, NULL, -1, NULL) < 0)
			r.bad++;
	} else if (o.nfiles == 0) {
		rc = do_file(&r, "-");
	} else {
		for (int i = 0; i < o.nfiles && rc == 0; i++)
			rc = do_file(&r, o.files[i]);
	}

	if (r.pdf && vn_pdf_close(r.pdf) < 0 && rc == 0)
		rc = EX_IOERR;
	if (rc == 0 && r.notes == 0 && o.output && !r.oom) {
		/* No note: leave an existing file alone. */
		bbt_afile_abort(&af);
	} else if (rc != 0 || r.oom) {
		if (r.oom)
			warnx("%s", _("out of memory"));
		bbt_afile_abort(&af);
		if (rc == 0)
			rc = EX_SOFTWARE;
	} else if (bbt_afile_commit(&af) < 0) {
		warn("%s", o.output ? o.output : _("standard output"));
		rc = EX_IOERR;
	} else if (logfd >= 0) {
		rc = write_log(&r, logfd);
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
	if (visitnote_parse_args(argc, argv, &o, 0) != 0) {
		visitnote_free_args(&o);
		return EX_USAGE;
	}
	rc = run_notes(&o);
	visitnote_free_args(&o);
	return rc;
}
