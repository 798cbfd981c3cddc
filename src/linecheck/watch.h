/* SPDX-License-Identifier: MIT */
/* linecheck --watch (watch.c): a timeline of link, address and gateway
 * events until the duration ends or a signal arrives. */
#ifndef LC_WATCH_H
#define LC_WATCH_H

#include <netinet/in.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/socket.h>

struct lc_opts;

#define LC_GW_RING	1024	/* echo requests remembered */
#define LC_GW_LOST_MS	1000	/* no reply by then: lost */
/* After the carrier returns, address resolution (the ARP entry went
 * stale) and the modem take their time: losses then belong to the flap. */
#define LC_GW_SETTLE_MS	2000

/*
 * The gateway's loss bursts, pure (unit-tested): a burst starts at the
 * first lost request (no reply within LC_GW_LOST_MS, or a later request
 * answered first) and ends at the reply to a request sent after it.
 */
struct lc_echo {
	int64_t		 sent, wall;	/* monotonic ms, wall-clock s */
	uint16_t	 seq;
	uint8_t		 pending, settling;
};
struct lc_burst {
	int64_t		 start, wall, len_ms;
	int		 lost;
};
struct lc_gwtrack {
	struct lc_echo	 ring[LC_GW_RING];
	uint16_t	 seq;
	int64_t		 up_at;		/* carrier back; 0 = never lost */
	int		 open;
	struct lc_burst	 b;
	uint64_t	 nsent, nlost;	/* lost: outside the settling */
};
/* A request was sent now: its sequence number. */
uint16_t lc_gw_sent(struct lc_gwtrack *, int64_t now, int64_t wall);
/* The reply to seq; 1 when it ends a burst (*out filled). */
int	lc_gw_reply(struct lc_gwtrack *, uint16_t seq, int64_t now,
	    struct lc_burst *out);
/* Requests unanswered for LC_GW_LOST_MS are lost. */
void	lc_gw_expire(struct lc_gwtrack *, int64_t now);
/* The burst going on, ended now (carrier lost, end of the watch); 1 if
 * there was one. Requests out are forgotten. */
int	lc_gw_cut(struct lc_gwtrack *, int64_t now, struct lc_burst *out);

/*
 * Error-frame bursts from the link counters, read every LC_ERR_PERIOD_MS
 * (pure, unit-tested): a burst starts at the last sample before new CRC
 * or frame errors and ends at the first sample without any; a counter
 * that goes back (a driver reset) is a new baseline, not an event.
 */
#define LC_ERR_PERIOD_MS 10000
struct lc_errburst {
	int64_t		 start, wall, len_ms;
	uint64_t	 crc, frame;
};
struct lc_errtrack {
	int		 have, open;
	uint64_t	 crc, frame;	/* the last sample */
	int64_t		 at, wall;	/* its time */
	struct lc_errburst b;
};
/* One sample; 1 when it ends a burst (*out filled). */
int	lc_err_sample(struct lc_errtrack *, uint64_t crc, uint64_t frame,
	    int64_t now, int64_t wall, struct lc_errburst *out);
/* The burst going on, ended now; 1 if there was one. */
int	lc_err_cut(struct lc_errtrack *, int64_t now, struct lc_errburst *out);

/* DNS failure bursts (watchdns.c): one per resolver, reported through
 * the callback when they end (why NULL) or at the end ("watch"). */
struct lc;
struct lc_dnsburst {
	const char	*server, *rcode;
	int64_t		 start, wall, len_ms;
	int		 fails;		/* rounds without an answer */
};
typedef void lc_wdns_report(const struct lc_dnsburst *, const char *why);
int	lc_wdns_init(struct lc *);
/* link_ok: carrier up and settled. Returns the next wake. */
int64_t	lc_wdns_tick(struct lc *, int64_t now, int link_ok, lc_wdns_report *);
void	lc_wdns_end(struct lc *, int64_t now, lc_wdns_report *);

/*
 * The gateway of one family (watchgw.c): an echo request every
 * --interval to the default route's router, replies matched by sequence
 * number, loss bursts reported through the callback when they end.
 */
struct lc_wgw;
typedef void lc_wgw_report(struct lc_wgw *, const struct lc_burst *,
	    const char *why);
struct lc_wgw {
	int		 family, fd, raw;
	uint16_t	 ident;
	int		 ok;		/* a gateway and a socket */
	char		 addr[INET6_ADDRSTRLEN];	/* "" = none */
	struct sockaddr_storage dst;
	socklen_t	 dlen;
	int64_t		 next_send, interval_ms;
	double		 sent_us[LC_GW_RING];
	double		 rtt_ms;	/* the last reply's; < 0 = none yet */
	int		 bursts;
	struct lc_gwtrack gt;
};
void	lc_wgw_init(struct lc_wgw *, int family, int fd, int raw,
	    uint16_t ident, int64_t interval_ms, int64_t now);
/* The router to ping from now on ("" = none): when it changed, address
 * resolution again, so the next LC_GW_SETTLE_MS are settling. */
void	lc_wgw_follow(struct lc_wgw *, const char *addr, int ifindex,
	    int64_t now);
/* Expires and sends (only with carrier); returns the next wake. */
int64_t	lc_wgw_tick(struct lc_wgw *, int64_t now, int carrier);
/* Reads the socket's replies. */
void	lc_wgw_input(struct lc_wgw *, lc_wgw_report *);

/*
 * The watch's figures so far for --format=prometheus (watchprom.c):
 * counters only grow, an outage going on counts up to now.
 */
enum { LC_WK_LINK, LC_WK_ADDR, LC_WK_ROUTE, LC_WK_GATEWAY, LC_WK_ERRORS,
	LC_WK_DNS, LC_WK_N };
struct lc_wstats {
	const char	*iface;
	int		 running, link_up, present;
	int64_t		 flaps, dns_fails, outage_ms;
	int64_t		 events[LC_WK_N];
	int64_t		 start_wall, last_wall;	/* 0 = no event yet */
	const struct lc_wgw *gw[2];		/* inet, inet6 */
};
/* The kind of a watch.* record name; -1 for others. */
int	lc_wk_kind(const char *name);
struct lc_wprom;
/* path: a regular file is replaced atomically at each write, anything
 * else opened once and written in place. NULL with a warning. */
struct lc_wprom *lc_wprom_open(const char *path);
/* One exposition; -1 on failure (warned once until a write succeeds). */
int	lc_wprom_write(struct lc_wprom *, const struct lc_wstats *);
/* Closes; -1 when the last write or the close failed. */
int	lc_wprom_close(struct lc_wprom *);
/* The exposition itself, unit-tested. */
int	lc_wprom_print(FILE *, const struct lc_wstats *);
/* Failed DNS rounds so far, every resolver's (watchdns.c). */
int64_t	lc_wdns_fails(void);

/* Watches o->iface (an existing, non-loopback interface); the exit
 * status is the worst event's (0 none, 1 warning, 2 critical, 3 unknown). */
int	linecheck_watch(struct lc_opts *o);

#endif
