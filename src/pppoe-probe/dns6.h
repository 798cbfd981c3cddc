/* SPDX-License-Identifier: MIT */
/*
 * The first traffic over IPv6 (issue 19): A and AAAA queries in UDP over
 * IPv6 to each resolver that DHCPv6 (option 23) and the RA (RDNSS) give,
 * from the session's global address: the DHCPv6 IA_NA address, else a
 * SLAAC one of the RA's prefix and our IPv6CP interface identifier. A
 * data-plane task after the IPv6 task, whose state it reads; its
 * records are ppp.dns, one per resolver (dnsq.h), written with the
 * first traffic's.
 */
#ifndef PPPOE_DNS6_H
#define PPPOE_DNS6_H

#include "pppoe-probe/dnsq.h"
#include "pppoe-probe/http.h"
#include "pppoe-probe/v6.h"

/*
 * How long an address and resolvers, once known, wait for the IPv6 task
 * to settle (the RA in, DHCPv6 bound or refused): the lease's address
 * and its resolvers are preferred to SLAAC's and the RA's, but a
 * DHCPv6 server that never answers must not hold the queries back.
 */
#define DNS6_WAIT_MS	1000

enum dns6_phase { D6_WAIT = 0, D6_SENDING, D6_NONE };

struct dns6 {
	int		 on;
	enum dns6_phase	 phase;
	int64_t		 have_since;	/* mono ms: address and resolver */
	struct http_url	 url;
	const char	*name;		/* asked of each resolver */
	uint16_t	 base;		/* of the queries' ports */
	uint8_t		 ll[16], me[16];
	uint8_t		 res[TR_MAX_RES][16];
	int		 nres, res_malformed[TR_MAX_RES];
	struct tr_query	 q[TR_MAX_RES * 2];
	int		 nq;
};

extern const struct dp_ops dns6_task;

/*
 * Its ppp.dns records, which the first traffic's records include after
 * the IPv4 ones (the resolvers together, before ppp.http); d NULL or
 * never started when IPv6CP did not come up. Nothing before the network
 * phase: the IPv4 side's skipped ppp.dns stands for both.
 */
void	 dns6_records(struct bbt_checks *, const struct dns6 *d,
	    const struct run *);

/*
 * From the IPv6 task's state: the source address into me (*slaac 1 when
 * not the lease's) and the resolvers into res, DHCPv6's first, at most
 * TR_MAX_RES, each once. Their number, or -1 without a global address.
 */
int	 dns6_pick(const struct v6 *, const uint8_t ifid[8], uint8_t me[16],
	    int *slaac, uint8_t res[TR_MAX_RES][16]);

#endif
