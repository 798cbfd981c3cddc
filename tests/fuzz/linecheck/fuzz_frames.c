/* SPDX-License-Identifier: MIT */
/* libFuzzer: whatever the capture hands us through the frame parsers
 * (DHCP OFFER, ARP, LLDP, IPv6 RA). */
#include <stddef.h>
#include <stdint.h>

#include "linecheck/linecheck.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *d, size_t n)
{
	struct lc_offer of;
	struct lc_lldp l;
	struct lc_ra ra;
	uint8_t sha[6];
	uint32_t sip, tip, xid = 0;
	int op;

	if (n >= 4)
		xid = (uint32_t)d[0] << 24 | (uint32_t)d[1] << 16 |
		    (uint32_t)d[2] << 8 | d[3];
	(void)lc_dhcp_parse_offer(d, n, xid, &of);
	/* The xid of the corpus offers sits at its place in the frame. */
	if (n >= 14 + 20 + 8 + 8)
		(void)lc_dhcp_parse_offer(d, n, (uint32_t)d[46] << 24 |
		    (uint32_t)d[47] << 16 | (uint32_t)d[48] << 8 | d[49], &of);
	(void)lc_arp_parse(d, n, &op, sha, &sip, &tip);
	(void)lc_lldp_parse(d, n, &l);
	(void)lc_ra_parse(d, n, &ra);
	return 0;
}
