/* SPDX-License-Identifier: MIT */
/*
 * bbdiag: from measured facts (linecheck, pppoe-probe check records) and
 * what the technician sees to the catalogue's fault, its side and its fix.
 */
#include <argp.h>
#include <sysexits.h>

#include "bbdiag/bbdiag.h"
#include "lib/i18n.h"
#include "lib/opts.h"

int
main(int argc, char **argv)
{
	struct bbdiag_opts o;
	int rc;

	bbt_i18n_init();
	bbt_argp_setup();
	/* A filter: usage errors are EX_USAGE (argp's default). */
	argp_err_exit_status = EX_USAGE;
	if (bbdiag_parse_args(argc, argv, &o, 0) != 0)
		return EX_USAGE;
	rc = bbdiag_run(&o);
	bbdiag_free_opts(&o);
	return rc;
}
