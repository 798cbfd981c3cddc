/* SPDX-License-Identifier: MIT */
/* linecheck --speed inside: what speed.c measures and speedrec.c turns
 * into records. */
#ifndef LINECHECK_SPEEDINT_H
#define LINECHECK_SPEEDINT_H

#include <curl/curl.h>
#include <signal.h>

#include "linecheck/linecheck.h"

#define SEL_PROBES	5	/* connects per server: choice and idle RTT */
#define MAXLAT		256

enum { SELECT = -1, DOWN, UP };

struct sp_server {
	struct lc_url	 u;
	char		 addr[INET6_ADDRSTRLEN];
	int		 family;
	struct sockaddr_storage sa;
	socklen_t	 salen;
	int		 fd;		/* the connect probe in flight */
	double		 t0;
	double		 rtt[SEL_PROBES];
	int		 nrtt;
	int		 err;		/* errno of a failed connect */
	int		 iperf;		/* iperf3://, else HTTP */
	struct lc_loop	*loop;		/* where its probe is watched */
	struct sp_dir	*sink;		/* loaded latencies; NULL: the choice */
	const char	*bind;		/* --wired: the interface, else NULL */
};

struct sp_dir {
	int		 ran, interrupted, have;
	double		 ramp_ms;
	struct lc_rate	 rate;
	struct lc_steady st;
	uint64_t	 bytes;
	double		 dur_ms;
	const char	*error;
	long		 status;
	char		 msg[CURL_ERROR_SIZE];
	double		 lat[MAXLAT];
	int		 nlat;
	long		 retrans;
	const char	*limit;		/* --wired: "wifi" when only it missed */
};

/* One side of the test: over -i, or --wired. */
struct sp_side {
	int		 reached;	/* a server took a connection */
	struct sp_server best;
	struct sp_dir	 d[2];
};

/* speedprobe.c: the fastest server to connect (or NULL), each connect
 * time into its rtt[]; stop ends it early. */
struct sp_server *lc_speed_choose(struct sp_server *, int n, struct lc_loop *,
	    volatile sig_atomic_t *stop);
/* During a direction: a connect every LOAD_EVERY_MS into s->sink. Returns
 * the earlier of wake and when it needs the loop again. */
int64_t	lc_speed_probe_load(struct sp_server *s, int64_t now, int64_t *next,
	    int64_t wake);
void	lc_speed_probe_cancel(struct sp_server *);
#define LOAD_EVERY_MS	200

/* speediperf.c: one direction against an iperf3 server in a thread,
 * while the caller's loop measures the latency. */
struct lc_iperf;
struct lc_iperf *lc_speed_iperf_start(const struct sp_server *, int dir,
	    int streams, long long time_ms);
int	lc_speed_iperf_done(struct lc_iperf *);
/* Waits for it, fills d, frees it. */
void	lc_speed_iperf_end(struct lc_iperf *, struct sp_dir *d);
/* Median of n values (n small), -1 for none. */
double	lc_speed_median(const double *, int n);
void	lc_speed_rec_dir(struct bbt_checks *, const struct lc_speed_opts *,
	    const struct sp_dir *, int dir, const struct sp_server *best,
	    const char *ifname);
void	lc_speed_rec_latency(struct bbt_checks *, const struct sp_server *best,
	    const struct sp_dir d[2], int interrupted);
/* The records of one side, or (--wired) of both and speed.compare;
 * srv for a side that reached no server. */
void	lc_speed_rec_sides(struct bbt_checks *, const struct lc_speed_opts *,
	    const char *ifname, struct sp_side side[2], struct sp_server *srv,
	    int nsrv, int interrupted);
/* Records of a test that did not run: all three skipped after the check
 * named, or the other two after a failed speed.down. */
void	lc_speed_rec_skipped(struct bbt_checks *, const char *target,
	    const char *after);
/* No server took a connection. */
void	lc_speed_rec_unreachable(struct bbt_checks *,
	    const struct sp_server *srv, int nsrv, int interrupted);

#endif
