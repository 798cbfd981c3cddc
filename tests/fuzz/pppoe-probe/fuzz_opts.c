/* SPDX-License-Identifier: MIT */
/*
 * libFuzzer: the structured option values of pppoe-probe, --vlan-scan
 * LIST, --host-uniq VALUE and --padt SESSION:MAC, each checked against
 * its contract: what is accepted is in range, and prints back to a value
 * that parses to the same result.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/ether.h"
#include "pppoe-probe/probe.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static void
vids(const char *s)
{
	uint16_t *v = NULL, *w = NULL;
	int n = 0, m = 0;
	char *back;
	size_t used = 0;

	if (pppoe_probe_parse_vids(s, &v, &n) != NULL)
		return;
	if (n < 1 || n > PROBE_MAX_SCAN)
		abort();
	for (int i = 0; i < n; i++)
		if (v[i] > 4094 || (i > 0 && v[i] <= v[i - 1]))
			abort();
	/* "a,b,c" of the result parses to the same list. */
	if ((back = malloc((size_t)n * 6 + 1)) == NULL)
		abort();
	back[0] = '\0';
	for (int i = 0; i < n; i++)
		used += (size_t)sprintf(back + used, "%s%u", i ? "," : "",
		    v[i]);
	if (pppoe_probe_parse_vids(back, &w, &m) != NULL || m != n ||
	    memcmp(v, w, (size_t)n * sizeof(*v)) != 0)
		abort();
	free(back);
	free(v);
	free(w);
}

static void
host_uniq(const char *s)
{
	uint8_t b[64], c[64];
	char hex[2 + 2 * sizeof(b) + 1];
	size_t n = 0, m = 0;

	if (pppoe_probe_parse_bytes(s, b, sizeof(b), &n) != NULL)
		return;
	if (n == 0 || n > sizeof(b))
		abort();
	/* The 0x form of the bytes gives the bytes back. */
	hex[0] = '0';
	hex[1] = 'x';
	for (size_t i = 0; i < n; i++)
		sprintf(hex + 2 + 2 * i, "%02x", b[i]);
	if (pppoe_probe_parse_bytes(hex, c, sizeof(c), &m) != NULL ||
	    m != n || memcmp(b, c, n) != 0)
		abort();
}

static void
padt(const char *s)
{
	uint8_t mac[6], mac2[6];
	unsigned sid = 70000, sid2 = 70000;
	char back[32], m[18];

	if (pppoe_probe_parse_padt(s, &sid, mac) < 0)
		return;
	if (sid > 65535)
		abort();
	snprintf(back, sizeof(back), "%u:%s", sid, bbt_mac_str(mac, m));
	if (pppoe_probe_parse_padt(back, &sid2, mac2) < 0 || sid2 != sid ||
	    memcmp(mac, mac2, 6) != 0)
		abort();
}

/*
 * The first byte picks the option (a fuzzer mutates one value at a
 * time, and the seeds of each stay apart); the rest is the value, up to
 * a NUL as on a command line.
 */
int
LLVMFuzzerTestOneInput(const uint8_t *d, size_t n)
{
	char *s;

	if (n < 1 || n > 4096)
		return 0;
	if ((s = malloc(n)) == NULL)
		return 0;
	memcpy(s, d + 1, n - 1);
	s[n - 1] = '\0';
	switch (d[0] % 3) {
	case 0:
		vids(s);
		break;
	case 1:
		host_uniq(s);
		break;
	default:
		padt(s);
		break;
	}
	free(s);
	return 0;
}
