/* SPDX-License-Identifier: MIT */
/* libFuzzer: resolv.conf text and target URLs. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "linecheck/linecheck.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *d, size_t n)
{
	char out[LC_MAXT][INET6_ADDRSTRLEN];
	struct lc_url u;
	char *s;

	(void)lc_resolv_parse((const char *)d, n, out, LC_MAXT);
	if ((s = malloc(n + 1)) == NULL)
		return 0;
	memcpy(s, d, n);
	s[n] = '\0';
	(void)lc_url_parse(s, &u);
	free(s);
	return 0;
}
