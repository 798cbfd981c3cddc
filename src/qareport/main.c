/* SPDX-License-Identifier: MIT */
/*
 * qareport: the quality KPIs of installation and repair work
 * (domain.md section 5) from work-order tables, exact and fast, with
 * partial states that merge into the single-pass report.
 */
#include <argp.h>
#include <err.h>
#include <stdio.h>
#include <stdlib.h>
#include <sysexits.h>

#include "lib/datetime.h"
#include "lib/i18n.h"
#include "lib/opts.h"
#include "lib/out.h"
#include "qareport/qa.h"

int
main(int argc, char **argv)
{
	struct qa_opts o;
	struct qa_part p = { 0 };
	int rc = 0, missed;
	int64_t t0 = bbt_mono_ms(), t1 = 0, t2 = 0, unknown = 0;

	bbt_i18n_init();
	bbt_argp_setup();
	argp_err_exit_status = EX_USAGE;
	if (qareport_parse_args(argc, argv, &o, 0) != 0)
		return EX_USAGE;
	if (o.merge) {
		if ((rc = qa_state_read(&o, &p)) != 0) {
			qa_part_free(&p);
			qareport_free_opts(&o);
			return rc;
		}
	} else {
		int sr = qa_scan(&o, &p);

		for (size_t i = 0; i < p.nbads; i++)
			if (!o.common.quiet || o.strict)
				warnx("%s:%lu: %s", p.bads[i].file,
				    p.bads[i].line, p.bads[i].reason);
		if (!o.common.quiet && !o.strict &&
		    p.bad > (int64_t)p.nbads)
			warnx(_("%lld more bad rows not listed (see "
			    "--errors)"), (long long)(p.bad -
			    (int64_t)p.nbads));
		if (o.strict && p.bad) {
			qa_part_free(&p);
			qareport_free_opts(&o);
			return EX_DATAERR;
		}
		/* Orders of unknown kinds were counted; each word is told
		 * once, and the data needs a look (exit 65). */
		if (!o.common.quiet)
			unknown = qa_unknown_report(&p);
		else
			unknown = p.nunk > 0 || p.unk_more > 0;
		if (sr < 0) {
			qa_part_free(&p);
			qareport_free_opts(&o);
			return sr == -2 ? EX_NOINPUT : EX_IOERR;
		}
		t1 = bbt_mono_ms();
		if (!o.open_list)
			qa_windows(&p, &o);
		t2 = bbt_mono_ms();
	}
	if (o.open_list) {
		/* 64 when --now is before the data: nothing printed. */
		if ((rc = qa_open_print(stdout, &o, &p)) == EX_USAGE) {
			qa_part_free(&p);
			qareport_free_opts(&o);
			return rc;
		}
	} else if (o.partial) {
		if (qa_state_write(stdout, &o, &p) < 0)
			rc = EX_IOERR;
	} else {
		missed = qa_report(&o, &p);
		if (missed)
			rc = 1;
	}
	if (o.common.verbose && !o.merge)
		fprintf(stderr, _("qareport: read in %lld ms, windows in %lld "
		    "ms, output in %lld ms; %zu groups, %zu accounts\n"),
		    (long long)(t1 - t0), (long long)(t2 - t1),
		    (long long)(bbt_mono_ms() - t2), p.groups.n, p.naccounts);
	if (o.common.verbose && p.spilled)
		fprintf(stderr, _("qareport: %.1f MB of events went through "
		    "temporary files (see --memory)\n"),
		    (double)p.spilled / (1 << 20));
	/* With --open, an order near its limit is what cron waits for:
	 * 1 wins over the data's 65. */
	if (rc == 0 || (rc == 1 && !o.open_list)) {
		if (p.bad > 0 || unknown > 0)
			rc = EX_DATAERR;
	}
	if (bbt_close_stdout() < 0)
		rc = EX_IOERR;
	qa_part_free(&p);
	qareport_free_opts(&o);
	return rc;
}
