/* SPDX-License-Identifier: MIT */
/*
 * libFuzzer: IPv6 packets through the RA parser, as they come and with
 * their ICMPv6 checksum made right so that the options are reached.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "pppoe-probe/ip6.h"
#include "pppoe-probe/ra.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *d, size_t n)
{
	struct ra_info ra;
	struct ip6_pkt k;
	uint8_t *c;

	(void)ra_parse(d, n, &ra);
	if (n > 65575 || (c = malloc(n ? n : 1)) == NULL)
		return 0;
	memcpy(c, d, n);
	if (ip6_parse(c, n, &k) == 0 && k.plen >= 4) {
		uint8_t *m = c + IP6_HDR;
		uint16_t s;

		c[6] = IP6_ICMP, c[7] = 255, c[8] = 0xfe, c[9] = 0x80;
		m[2] = m[3] = 0;
		s = ip6_cksum(c + 8, c + 24, IP6_ICMP, m, k.plen);
		m[2] = (uint8_t)(s >> 8), m[3] = (uint8_t)s;
		if (ra_parse(c, n, &ra) == RA_OK && ra.npfx > RA_MAX_PREFIX)
			abort();
	}
	free(c);
	return 0;
}
