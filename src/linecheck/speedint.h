/* SPDX-License-Identifier: MIT */
/* linecheck --speed inside: what speed.c measures and speedrec.c turns
 * into records. */
#ifndef LINECHECK_SPEEDINT_H
#define LINECHECK_SPEEDINT_H

#include <curl/curl.h>
#include <signal.h>

#include "linecheck/linecheck.h"

#define SEL_PROBES	5	/* connects per server: choice and idle RTT */
#define MAXLAT		LC_SPEED_MAXSAMPLES
#define LOAD_EVERY_MS	100	/* a loaded-latency probe starts this often */
#define LOAD_INFLIGHT	24	/* at most, with the streams under poll's 64 */

enum { SELECT = -1, DOWN, UP };

struct sp_server;
struct sp_probe {
	struct sp_server *s;
	int		 fd;		/* the connect in flight, or -1 */
	double		 t0;		/* its start, lc_now_us() */
};

struct sp_server {
	struct lc_url	 u;
	char		 addr[INET6_ADDRSTRLEN];
	int		 family;
	struct sockaddr_storage sa;
	socklen_t	 salen;
	struct sp_probe	 sel;		/* the selection probe */
	struct sp_probe	 load[LOAD_INFLIGHT];
	double		 rtt[SEL_PROBES];	/* the quick connects, ms */
	int		 nrtt;
	int		 nslow;		/* answered, SYN resent or past 1 s */
	double		 slow_ms;	/* the quickest of those */
	int		 sel_lost;	/* unanswered within SEL_CONNECT_MS */
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
	double		 t0us;		/* its start, lc_now_us() */
	double		 lat[MAXLAT];	/* loaded connect times, ms */
	double		 lat_t[MAXLAT];	/* their starts, s into the direction */
	int		 nlat;
	int		 lost;		/* probes timed out or SYN resent */
	long		 retrans;
	double		 cpu_ms;	/* ours, user + system */
	const char	*limit;		/* --wired: "wifi" when only it missed */
};

/* One side of the test: over -i, or --wired. */
struct sp_side {
	int		 reached;	/* a server took a connection */
	int		 err[LC_SPEED_MAXS];	/* else each server's errno */
	struct sp_server best;
	struct sp_dir	 d[2];
};

/* speedprobe.c: the server's address into s (through linecheck's own
 * DNS answers, or the system resolver with --skip dns); left empty when
 * none was found. */
void	lc_speed_resolve(struct lc *, struct sp_server *s, const char *host);
/* speedprobe.c: the fastest server to connect (or NULL), each connect
 * time into its rtt[]; stop ends it early. */
struct sp_server *lc_speed_choose(struct sp_server *, int n, struct lc_loop *,
	    volatile sig_atomic_t *stop);
/* One selection connect's outcome into s: e its errno (0: answered), ms
 * its time, resent whether its SYN had to be sent again. */
void	lc_speed_sel_count(struct sp_server *s, int e, double ms, int resent);
/* The counts of a new choice. */
void	lc_speed_sel_reset(struct sp_server *s);
/* The server the choice takes of n (or NULL): the lowest median of
 * quick connects; one that answered only slowly when none did quickly;
 * one given up (refused, lost twice) only when nothing else answered. */
struct sp_server *lc_speed_pick(struct sp_server *, int n);
/* During a direction: a connect every LOAD_EVERY_MS into s->sink, however
 * many are still in flight. Returns the earlier of wake and when it needs
 * the loop again. */
int64_t	lc_speed_probe_load(struct sp_server *s, int64_t now, int64_t *next,
	    int64_t wake);
void	lc_speed_probe_cancel(struct sp_server *);

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
/* The loaded latency of a direction (ms of probes started t s into it):
 * the highest median of those started within one second; -1 for none. */
double	lc_speed_loaded(const double *ms, const double *t, int n);
/* The queue is still filling at now (s): the probes started in the last
 * second came back slower than those of the second before. */
int	lc_speed_lat_rising(const double *ms, const double *t, int n,
	    double now);
/* speedrec.c: the error= word of a failed transfer (oserr: its errno). */
const char *lc_speed_curl_error(CURLcode, long oserr);
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
