/* SPDX-License-Identifier: MIT */
/*
 * What one captured frame changes in the link-layer results: the offer
 * table, an ARP conflict on our address, the gateway's MAC, a router
 * advertisement, LLDP. Pure (no pcap, no clock): l2.c hands each frame
 * over with the run's context, the fuzzer does the same.
 */
#include <string.h>

#include "linecheck/linecheck.h"

/* Index of server in the listed offers, or -1. */
static int
listed(const struct lc_l2res *r, uint32_t server)
{
	for (int i = 0; i < r->noffers; i++)
		if (r->offers[i].server == server)
			return i;
	return -1;
}

/* Counts a server that is not listed, each once while the list of them
 * has room; past it every such offer counts (an upper bound). */
static void
count_other(struct lc_l2res *r, uint32_t server)
{
	int n = r->more < LC_MAXOTHERS ? r->more : LC_MAXOTHERS;

	for (int i = 0; i < n; i++)
		if (r->others[i] == server)
			return;
	if (r->more < LC_MAXOTHERS)
		r->others[r->more] = server;
	r->more++;
}

static int
gateways(const struct lc_offer *of, uint32_t gw)
{
	return gw && (of->server == gw || of->router == gw);
}

int
lc_offer_add(struct lc_l2res *r, const struct lc_offer *of, uint32_t gw)
{
	int i = listed(r, of->server);

	/* Several DISCOVERs may have been answered: one record a server. */
	if (i >= 0) {
		r->offers[i].dup++;
		return 0;
	}
	if (r->noffers < LC_MAXOFFERS) {
		r->offers[r->noffers++] = *of;
		return 1;
	}
	/* A full table: the expected server is what the check is about, so
	 * it takes the place of the last stranger; a flood of rogues must
	 * not hide it (reliability audit F8). */
	if (gateways(of, gw))
		for (i = LC_MAXOFFERS - 1; i >= 0; i--)
			if (!gateways(&r->offers[i], gw)) {
				count_other(r, r->offers[i].server);
				r->offers[i] = *of;
				return 1;
			}
	count_other(r, of->server);
	return 0;
}

static void
on_arp(struct lc_l2res *r, const struct lc_l2ctx *c, int op,
    const uint8_t sha[6], uint32_t sip, uint32_t tip)
{
	if (memcmp(sha, c->mac, 6) == 0)
		return;
	/* Someone else claims our address (RFC 5227 section 2.1.1): a
	 * reply to the probe, or its own probe or announcement. */
	if (r->arp == LC_RUN && c->myip && (sip == c->myip ||
	    (op == 1 && sip == 0 && tip == c->myip))) {
		r->conflict = 1;
		memcpy(r->conflict_mac, sha, 6);
		r->arp = LC_DONE;
	}
	if (c->gwip && op == 2 && sip == c->gwip && !r->gw_arp) {
		r->gw_arp = 1;
		memcpy(r->gw_mac, sha, 6);
	}
}

void
lc_l2_frame(struct lc_l2res *r, const struct lc_l2ctx *c, const uint8_t *pkt,
    size_t len)
{
	struct lc_offer of;
	struct lc_ra ra;
	uint8_t sha[6];
	uint32_t sip, tip;
	int op, k;

	if (r->dhcp == LC_RUN &&
	    (k = lc_dhcp_parse_offer(pkt, len, c->xid, &of)) != 0) {
		if (k < 0)
			r->malformed++;
		else {
			of.t_ms = c->now_ms - c->dhcp_sent_ms;
			(void)lc_offer_add(r, &of, c->gwip);
		}
		return;
	}
	if (lc_arp_parse(pkt, len, &op, sha, &sip, &tip)) {
		on_arp(r, c, op, sha, sip, tip);
		return;
	}
	if (r->ra == LC_RUN && lc_ra_parse(pkt, len, &ra)) {
		r->rad = ra;
		r->ra_seen = 1;
		r->ra_ms = c->now_ms - c->rs_sent_ms;
		r->ra = LC_DONE;
		return;
	}
	if (c->lldp && !r->lldp_seen && lc_lldp_parse(pkt, len, &r->lldp))
		r->lldp_seen = 1;
}
