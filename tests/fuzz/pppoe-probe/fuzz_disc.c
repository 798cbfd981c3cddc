/* SPDX-License-Identifier: MIT */
/* libFuzzer: whole Ethernet frames through the discovery parsers. */
#include <stddef.h>
#include <stdint.h>

#include "pppoe-probe/disc.h"
#include "pppoe-probe/ppp.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *d, size_t n)
{
	struct pppoe_eth e;
	struct pppoe_hdr h;
	struct pppoe_disc disc;
	struct ppp_pkt k;
	char t[1100];

	if (pppoe_eth_parse(d, n, &e) < 0 ||
	    pppoe_hdr_parse(e.payload, e.len, &h) < 0)
		return 0;
	pppoe_disc_parse(h.payload, h.len, &disc);
	pppoe_text(disc.ac_name.v, disc.ac_name.len, t, sizeof(t));
	pppoe_hex(disc.cookie.v, disc.cookie.len, t, sizeof(t));
	if (ppp_parse(h.payload, h.len, &k) == 0)
		(void)ppp_opts_valid(k.data, k.len);
	return 0;
}
