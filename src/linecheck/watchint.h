/* SPDX-License-Identifier: MIT */
/* linecheck --watch, between its files: the state of the watch (one per
 * process) and the helpers that write events (watch.c) for the
 * rtnetlink side (watchnl.c). */
#ifndef LC_WATCHINT_H
#define LC_WATCHINT_H

#include <netinet/in.h>
#include <netlink/netlink.h>

#include "lib/out.h"
#include "lib/state.h"
#include "linecheck/linecheck.h"
#include "linecheck/watch.h"

#define MAXADDR		32

struct lc_wt {
	struct lc	 lc;
	struct lc_opts	*o;
	struct bbt_out	*out;
	struct nl_sock	*nl;
	int64_t		 t0, end;
	enum bbt_state	 worst;
	/* the link */
	int		 carrier;
	long		 speed;
	int64_t		 down_at;
	uint64_t	 cc;		/* carrier_changes */
	/* addresses as "addr/prefix" */
	char		 addrs[MAXADDR][INET6_ADDRSTRLEN + 4];
	int		 naddrs;
	int		 gone;		/* the interface was deleted */
	/* the default routes: present, and their gateways ("" = none) */
	int		 has4, has6;
	char		 gw6[INET6_ADDRSTRLEN];
	/* the gateways pinged: inet, inet6 (watchgw.c) */
	struct lc_wgw	 gw[2];
	/* error frames */
	struct lc_errtrack et;
	int64_t		 next_err;
	/* the summary */
	int		 events, flaps, naddr_ev, bursts, err_bursts, route_ev,
			 dns_bursts;
	int64_t		 outage_ms, longest_ms;
	unsigned	 hours[24];
	int64_t		 kinds[LC_WK_N], start_wall, last_wall;
	/* --format=prometheus: the textfile (watchprom.c) */
	struct lc_wprom	*prom;
	int64_t		 next_prom;
};
/* One watch per process; W in the watch's files, as it was when they
 * were one. */
extern struct lc_wt lc_watch_state;
#define W lc_watch_state


/* "time=... offset=...": the two clocks of a record. */
void	lc_w_stamp(char *d, size_t sz, int64_t wall, int64_t mono);
/* One event record: counted, binned by hour, in the exit status. */
void	lc_w_event(const char *name, const char *target, enum bbt_state,
	    const char *value, const char *unit, const char *detail,
	    int64_t wall);
void	lc_w_outage(int64_t ms);
/* A gateway loss burst ended: its record. */
void	lc_w_burst_record(struct lc_wgw *, const struct lc_burst *,
	    const char *why);
/* Every gateway's loss burst ends now (why: "link", "watch"). */
void	lc_w_gw_cut_all(int64_t now, const char *why);
/* The gateways of the default routes known now are pinged. */
void	lc_w_gw_follow(int64_t now);

/* watchnl.c: the subscription, and its messages read. */
int	lc_w_nl_open(void);
void	lc_w_nl_input(void *arg, int fd, short rev);

#endif
