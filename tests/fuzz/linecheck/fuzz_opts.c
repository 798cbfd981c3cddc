/* SPDX-License-Identifier: MIT */
/*
 * libFuzzer: option values through linecheck's argp parser (ARGP_SILENT):
 * the first byte picks the option, the rest (to the first NUL) is its
 * value, given as --option=value. --skip lists, durations, counts,
 * percentages, addresses, targets; files are left out (they are opened).
 */
#include <argp.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "linecheck/linecheck.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static const char *const opt[] = {
	"--skip", "--timeout", "--interval", "--dhcp-wait", "--dns-warn",
	"--rtt-warn", "--rtt-crit", "--ttfb-warn", "--count", "--loss-warn",
	"--loss-crit", "--mtu-expect", "--errors-warn", "--errors-crit",
	"--target", "--ping", "--resolver", "--mtu-target", "--case",
	"--format", "--interface",
};

int
LLVMFuzzerTestOneInput(const uint8_t *d, size_t n)
{
	struct lc_opts o;
	unsigned mask = 0;
	char *v, *a;
	char *argv[3];
	size_t l;

	if (n < 1)
		return 0;
	l = strnlen((const char *)d + 1, n - 1);
	if ((v = malloc(l + 1)) == NULL)
		return 0;
	memcpy(v, d + 1, l);
	v[l] = '\0';
	(void)lc_parse_skip(v, &mask);
	if (mask & ~(unsigned)LC_SKIP_ALL)
		__builtin_trap();
	a = malloc(l + 32);
	if (a != NULL) {
		snprintf(a, l + 32, "%s=%s", opt[d[0] % (sizeof(opt) /
		    sizeof(opt[0]))], v);
		argv[0] = (char *)"linecheck";
		argv[1] = a;
		argv[2] = NULL;
		if (linecheck_parse_args(2, argv, &o, ARGP_SILENT) == 0 &&
		    (o.timeout_ms < 100 || o.count < 1 ||
		    o.count > LC_MAXPING || o.loss_warn > o.loss_crit))
			__builtin_trap();
		free(a);
	}
	free(v);
	return 0;
}
