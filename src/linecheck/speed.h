/* SPDX-License-Identifier: MIT */
/*
 * linecheck --speed: download then upload throughput against an HTTP
 * server, with the latency idle and under load, judged against the
 * subscribed rate (--plan). Runs after the other checks, only when asked:
 * it loads the customer's line.
 */
#ifndef LINECHECK_SPEED_H
#define LINECHECK_SPEED_H

#include <argp.h>
#include <stdint.h>

#include "lib/checks.h"

#define LC_SPEED_MAXS		8	/* --speed servers */
#define LC_SPEED_MAXSTREAMS	16
#define LC_SPEED_SAMPLE_MS	100
#define LC_SPEED_MAXSAMPLES	(60000 / LC_SPEED_SAMPLE_MS + 8)

/* Option keys, apart from those of args.c. */
enum {
	OPT_PLAN = 0x1100, OPT_SLOW_RATIO, OPT_SPEED, OPT_SPEED_STREAMS,
	OPT_SPEED_TIME, OPT_WIRED,
};

struct lc_speed_opts {
	int		 on;
	const char	*servers[LC_SPEED_MAXS];
	char		 hosts[LC_SPEED_MAXS][256];	/* "" for an address */
	int		 nservers;
	double		 plan_down, plan_up;	/* Mbit/s, 0 = no plan */
	double		 slow_ratio;
	int		 streams;
	long long	 time_ms;		/* cap per direction */
	const char	*wired;		/* --wired: measured over it too */
};

void	lc_speed_defaults(struct lc_speed_opts *);
/* The argp keys above; ARGP_ERR_UNKNOWN for any other. */
int	lc_speed_opt(struct argp_state *, int key, char *arg,
	    struct lc_speed_opts *);
/* At ARGP_KEY_END: servers from the environment, --plan without --speed. */
int	lc_speed_opts_end(struct argp_state *, struct lc_speed_opts *);
/* A --speed server: an http(s) URL, or iperf3://host[:port] (then
 * *iperf is 1 and the port defaults to 5201). 0, or -1 when invalid. */
struct lc_url;
int	lc_speed_url_parse(const char *, struct lc_url *, int *iperf);
/* "100" or "100/30" in Mbit/s; NULL or the reason (N_). */
const char *lc_speed_plan_parse(const char *, double *down, double *up);

/*
 * One direction's measurement: cumulative bytes at the sample times
 * (seconds from the start of the direction). Pure, unit-tested.
 */
struct lc_rate {
	double		 t[LC_SPEED_MAXSAMPLES];
	uint64_t	 b[LC_SPEED_MAXSAMPLES];
	int		 n;
};
/* The rate over the last second at sample k, Mbit/s (-1: too early). */
double	lc_rate_window(const struct lc_rate *, int k);
/* The steady-state estimate moved less than tol (0.02) over the last
 * second. */
int	lc_rate_stable(const struct lc_rate *, double tol);
struct lc_steady {
	int		 ramp;		/* first sample of the steady part */
	double		 mbps;		/* mean over the steady part */
	double		 median;	/* of its 100 ms samples */
	int		 samples;
};
/* The steady part: back from the end while the one-second rate stays
 * within 10 % of the last one; the ramp before it is left out. */
int	lc_rate_steady(const struct lc_rate *, struct lc_steady *);

/* What caps the rate, from the records other checks wrote: a
 * comma-separated list into buf ("link_speed,half_duplex"), or "". */
void	lc_speed_limits(const struct bbt_checks *, double plan, int wireless,
	    char *buf, size_t sz);
/* The check whose failure makes the test pointless (family "inet" or
 * "inet6"; host when it had to be resolved), or NULL. */
const char *lc_speed_blocker(const struct bbt_checks *, const char *fam,
	    const char *host);

struct lc;
/*
 * --wired: the speed test ran over the interface of -i (Wi-Fi) and over
 * the wired one. Each side's worst share of the plan (down, and up when
 * planned), -1 when it has none; which side missed the plan. Pure.
 */
struct lc_speed_side {
	double		 down, up;	/* Mbit/s, -1 without a result */
};
const char *lc_speed_misses(const struct lc_speed_opts *,
	    const struct lc_speed_side *wifi, const struct lc_speed_side *wired,
	    double *wifi_ratio, double *wired_ratio);

/* Runs the test and adds speed.down, speed.up and speed.latency to cs.
 * Returns 1 when Ctrl-C cut it short, else 0. */
int	lc_speed_run(struct lc *, struct bbt_checks *);

#endif
