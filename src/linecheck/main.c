/* SPDX-License-Identifier: MIT */
/*
 * linecheck: the whole customer connection checked at once, link to web,
 * with one verdict per layer and the root cause named.
 */
#include <argp.h>

#include "lib/i18n.h"
#include "lib/opts.h"
#include "lib/state.h"
#include "linecheck/linecheck.h"

int
main(int argc, char **argv)
{
	struct lc_opts o;

	bbt_i18n_init();
	bbt_argp_setup();
	/* A check tool: usage errors are UNKNOWN, not EX_USAGE. */
	argp_err_exit_status = BBT_UNKNOWN;
	if (linecheck_parse_args(argc, argv, &o, 0) != 0)
		return BBT_UNKNOWN;
	return linecheck_run(&o);
}
