/* SPDX-License-Identifier: MIT */
/*
 * libFuzzer: IPv6 packets through the DHCPv6 parser, as they come and
 * with UDP ports and checksum made right so that the options are
 * reached; what parses must keep within its arrays.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "pppoe-probe/dhcp6.h"
#include "pppoe-probe/ip6.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *d, size_t n)
{
	struct dh6_msg m;
	struct ip6_pkt k;
	uint8_t *c;

	(void)dh6_parse(d, n, &m);
	if (n > 65575 || (c = malloc(n ? n : 1)) == NULL)
		return 0;
	memcpy(c, d, n);
	if (ip6_parse(c, n, &k) == 0 && k.plen >= 8) {
		uint8_t *u = c + IP6_HDR;
		uint16_t s;

		c[6] = IP6_UDP;
		u[2] = 546 >> 8, u[3] = 546 & 0xff;
		u[4] = (uint8_t)(k.plen >> 8), u[5] = (uint8_t)k.plen;
		u[6] = u[7] = 0;
		s = ip6_cksum(c + 8, c + 24, IP6_UDP, u, k.plen);
		u[6] = (uint8_t)((s ? s : 0xffff) >> 8);
		u[7] = (uint8_t)(s ? s : 0xffff);
		if (dh6_parse(c, n, &m) == DH6_OK &&
		    (m.ndns > DH6_MAX_DNS || m.na.msglen > DH6_MSG_MAX ||
		    m.pd.msglen > DH6_MSG_MAX || m.msglen > DH6_MSG_MAX ||
		    m.serverlen > DH6_DUID_MAX || m.pd.plen > 128))
			abort();
	}
	free(c);
	return 0;
}
