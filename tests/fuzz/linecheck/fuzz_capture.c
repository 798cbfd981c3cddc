/* SPDX-License-Identifier: MIT */
/*
 * libFuzzer: the capture loop's bookkeeping over a run of frames (each a
 * 2-byte big-endian length, then the frame), as l2.c hands them over:
 * the offer table with its gateway rule and counters, the ARP conflict
 * and gateway MAC, RA and LLDP; then the DHCP and ARP records built from
 * the result. Context of the seeds: xid 0x12345678, us 192.168.77.100,
 * gateway 192.168.77.1, MAC 02:00:00:00:00:10.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "lib/checks.h"
#include "linecheck/linecheck.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *d, size_t n)
{
	static struct lc lc;
	static struct lc_opts o;
	struct lc_l2ctx c;
	struct lc_l2res *r = &lc.l2;
	struct bbt_checks cs;
	size_t i = 0;
	int gw = 0;

	memset(&lc, 0, sizeof(lc));
	memset(&o, 0, sizeof(o));
	memset(&c, 0, sizeof(c));
	c.xid = 0x12345678;
	c.myip = 0xc0a84d64;
	c.gwip = 0xc0a84d01;
	memcpy(c.mac, "\x02\x00\x00\x00\x00\x10", 6);
	c.lldp = 1;
	r->dhcp = r->arp = r->ra = LC_RUN;
	while (i + 2 <= n) {
		size_t l = (size_t)d[i] << 8 | d[i + 1];

		i += 2;
		if (l > n - i)
			l = n - i;
		c.now_ms += 1;
		lc_l2_frame(r, &c, d + i, l);
		i += l;
	}
	/* Invariants the records rely on. */
	if (r->noffers < 0 || r->noffers > LC_MAXOFFERS || r->more < 0)
		__builtin_trap();
	for (int k = 0; k < r->noffers; k++)
		gw |= r->offers[k].server == c.gwip ||
		    r->offers[k].router == c.gwip;
	(void)gw;
	o.skip = LC_SKIP_LINK | LC_SKIP_PING | LC_SKIP_DNS | LC_SKIP_HTTP |
	    LC_SKIP_MTU | LC_SKIP_IPV6;
	lc.o = &o;
	strcpy(lc.link.name, "eth0");
	lc.link.exists = lc.link.carrier = lc.link.up = lc.link.ether = 1;
	lc.link.naddrs = 1;
	lc.link.addrs[0].family = AF_INET;
	strcpy(lc.link.addrs[0].addr, "192.168.77.100");
	lc.link.has_route4 = 1;
	strcpy(lc.link.gw4, "192.168.77.1");
	lc.pcap_ok = 1;
	r->dhcp = r->arp = LC_DONE;
	r->arp_probes = 3;
	r->dropped = n > 0 ? d[0] & 1 : 0;
	lc.mtu.st = LC_NOTRUN;
	bbt_checks_init(&cs, "linecheck");
	lc_verdict(&lc, &cs);
	bbt_checks_free(&cs);
	return 0;
}
