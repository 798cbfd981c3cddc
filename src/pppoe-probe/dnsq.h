/* SPDX-License-Identifier: MIT */
/*
 * The DNS queries of the first traffic, over IPv4 (traffic.c, to the
 * IPCP resolvers) and IPv6 (dns6.c, to the DHCPv6 and RA resolvers):
 * one query per resolver and type, its tries and timeouts, its answer
 * matched and parsed, and the resolver's ppp.dns record. The family's
 * code builds, sends and reads the packets.
 */
#ifndef PPPOE_DNSQ_H
#define PPPOE_DNSQ_H

#include <stddef.h>
#include <stdint.h>

#include "lib/checks.h"
#include "pppoe-probe/dns4.h"

#define TR_DNS_TRIES	2
#define TR_DNS_WAIT_MS	1000	/* per try */
#define TR_MAX_RES	2	/* resolvers asked, per family */

enum tr_res {
	TR_PENDING = 0, TR_OK, TR_TIMEOUT, TR_UNREACHABLE, TR_MALFORMED,
	TR_RESET, TR_INTERRUPTED,
};

struct tr_query {
	int		 res;		/* index in resolvers */
	int		 type;		/* DNS_T_A, DNS_T_AAAA */
	int		 http;		/* for the URL's host, not reported */
	uint16_t	 id, sport;
	int		 tries;
	int64_t		 tx_ns[TR_DNS_TRIES], next;
	int64_t		 rtt_ns;
	enum tr_res	 res_kind;
	struct dns_answer ans;
};

/* Wraps a query's message into a packet to its resolver and sends it:
 * 0, or -1 when it cannot be built. */
typedef int	 dnsq_send_fn(void *ctx, const struct tr_query *,
		    const uint8_t *msg, size_t);

/* Identifiers and ports: unlikely to repeat, not secret. */
void	 tr_rnd(void *, size_t);
/* CLOCK_REALTIME in ns, the clock of the session's rx_ns. */
int64_t	 tr_rt_ns(void);
/* ns as ms with 3 decimals, for a record. */
const char *tr_ms3(int64_t ns, char b[24]);
/* "ok", "timeout", ... */
const char *tr_res_name(enum tr_res);

/* A query of type (from port base + its index) for resolver res. */
void	 dnsq_add(struct tr_query *, int *nq, int res, int type, int http,
	    uint16_t base);
/* Sends the next try of q for name when due, or ends it: its next
 * deadline, INT64_MAX when it is over. */
int64_t	 dnsq_tick(struct tr_query *, const char *name, int64_t now,
	    dnsq_send_fn *, void *ctx);
/*
 * A UDP datagram from resolver ri (sport, to our dport): the answer of
 * its query, timed by rx_ns. One that does not parse ends the query as
 * malformed and counts in *malformed.
 */
void	 dnsq_answer(struct tr_query *, int nq, int ri, uint16_t sport,
	    uint16_t dport, const uint8_t *, size_t, int64_t rx_ns,
	    int *malformed);
/* An ICMP unreachable quoting our datagram from sport to resolver ri. */
void	 dnsq_unreach(struct tr_query *, int nq, int ri, uint16_t sport,
	    uint16_t dport);
int	 dnsq_pending(const struct tr_query *, int nq);
/* ppp.dns of resolver ri (server, its address as text). */
void	 dnsq_record(struct bbt_checks *, const char *server, const char *name,
	    const struct tr_query *, int nq, int ri, int malformed);

#endif
