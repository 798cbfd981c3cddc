/* SPDX-License-Identifier: MIT */
/*
 * pppoe-probe: find every PPPoE access concentrator on a segment and
 * test an account end to end, in user space with libpcap.
 */
#include <argp.h>

#include "lib/i18n.h"
#include "lib/opts.h"
#include "lib/state.h"
#include "pppoe-probe/probe.h"

int
main(int argc, char **argv)
{
	struct probe_opts o;
	int rc;

	bbt_i18n_init();
	bbt_argp_setup();
	/* A check tool: usage errors are UNKNOWN, not EX_USAGE. */
	argp_err_exit_status = BBT_UNKNOWN;
	if (pppoe_probe_parse_args(argc, argv, &o, 0) != 0)
		return BBT_UNKNOWN;
	rc = pppoe_probe_run(&o);
	pppoe_probe_free_opts(&o);
	return rc;
}
