/* SPDX-License-Identifier: MIT */
/*
 * Traffic through the test session once its network layers are up
 * (issue 19): each task (IPv6 autoconfiguration and DHCPv6, first IPv4
 * traffic, ...) sees the session's IP packets and sends its own, on the
 * loop's one clock. The session is kept open while any task is busy,
 * bounded by --session-timeout from IPCP up; before LCP terminates, each
 * task gives back what it leased.
 *
 * A task adds itself to the table in dataplane.c. Its state is zeroed
 * memory of ops->size bytes, allocated per dial.
 */
#ifndef PPPOE_DATAPLANE_H
#define PPPOE_DATAPLANE_H

#include <stddef.h>
#include <stdint.h>

#include "lib/checks.h"

struct run;

/* What a task needs up before it starts. */
enum { DP_NEED_IPV4 = 1, DP_NEED_IPV6 = 2 };

struct dp_ops {
	const char	*name;
	size_t		 size;
	unsigned	 needs;		/* DP_NEED_*, all of them */
	/* Its layers are up: begin (it may send). 0: nothing to do
	 * (options turned it off); it is then never busy. */
	int	(*start)(void *st, struct run *, int64_t now);
	/* A packet from the AC (proto PPP_IP or PPP_IPV6, after the
	 * protocol field); every started task sees every packet. */
	void	(*input)(void *st, struct run *, uint16_t proto,
		    const uint8_t *, size_t, int64_t now);
	/* Timers due at now; returns its next deadline, INT64_MAX none. */
	int64_t	(*tick)(void *st, struct run *, int64_t now);
	/* 1 while its tests run: the session stays open for them. */
	int	(*busy)(const void *st);
	/* The session is about to close: give back what was leased. Called
	 * on every turn of the loop until it returns 0 (nothing in
	 * flight) or the release time is over; sends on the first call,
	 * retransmits from tick. NULL: nothing to give back. */
	int	(*release)(void *st, struct run *, int64_t now);
	/*
	 * Its records, after ppp.ipcp and ppp.ipv6cp. after: the check
	 * that failed before the network phase (then st may be NULL and
	 * its records are skipped after it); NULL when IPCP came up. A
	 * task that never started (started 0; st is zeroed memory) says
	 * which layer it waited for. NULL: another task writes them
	 * among its own (dns6's ppp.dns go with the first traffic's).
	 */
	void	(*records)(const void *st, int started, const char *after,
		    struct bbt_checks *, const struct run *, const char *mac);
};

#define DP_MAX		8
#define DP_RELEASE_MS	1500	/* bound of the release before LCP ends */

struct dp {
	void		*st[DP_MAX];
	int		 started[DP_MAX], active[DP_MAX];
	int64_t		 next[DP_MAX];
	int64_t		 release_end;	/* 0: not releasing yet */
	int64_t		 bound;		/* busy no longer holds it after */
};

/* Allocates the tasks' state for one dial (0, or -1 out of memory). */
int	 dp_init(struct run *);
void	 dp_free(struct run *);
/* Starts what can start, runs timers; call on every turn of the loop. */
void	 dp_tick(struct run *, int64_t now);
/* The session's on_data (ctx is the run). */
void	 dp_input(void *ctx, uint16_t proto, const uint8_t *, size_t,
	    int64_t now);
int64_t	 dp_deadline(const struct run *);
/* Some task still testing, within the bound. */
int	 dp_busy(const struct run *, int64_t now);
/* Give back leases before the session closes: 1 while in flight. */
int	 dp_release(struct run *, int64_t now);
/* The state of a task that started with work to do, or NULL: what one
 * task learnt (the IPv6 addresses) for another to use. */
const void *dp_state(const struct run *, const struct dp_ops *);
/* A task's state whether it started or not (zeroed memory if not), or
 * NULL before dp_init: for the task that writes its records. */
const void *dp_state_any(const struct run *, const struct dp_ops *);
/* Every task's records; after as for dp_ops.records. */
void	 dp_records(struct bbt_checks *, const struct run *, const char *mac,
	    const char *after);

#endif
