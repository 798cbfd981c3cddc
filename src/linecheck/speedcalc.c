/* SPDX-License-Identifier: MIT */
/*
 * The pure half of --speed: its options, the steady-state rate from the
 * 100 ms samples, and what the other checks' records say about why a
 * line is slow or why a test would be pointless. No I/O: unit-tested.
 */
#include <errno.h>
#include <math.h>
#include <net/if.h>
#include <stdlib.h>
#include <strings.h>
#include <string.h>

#include "lib/i18n.h"
#include "lib/num.h"
#include "lib/rec.h"
#include "linecheck/linecheck.h"

#define RAMP_TOL	0.10	/* the steady part: within 10 % of the end */
#define WIN		(1000 / LC_SPEED_SAMPLE_MS)	/* samples a second */

void
lc_speed_defaults(struct lc_speed_opts *s)
{
	memset(s, 0, sizeof(*s));
	s->slow_ratio = 0.8;	/* the catalogue's slow_ratio */
	s->streams = 4;
	s->time_ms = 8000;
}

const char *
lc_speed_plan_parse(const char *s, double *down, double *up)
{
	static const char why[] = N_("use DOWN or DOWN/UP in Mbit/s, for "
	    "example 100 or 1000/50");
	const char *slash = strchr(s, '/');
	char buf[32];
	size_t l = slash ? (size_t)(slash - s) : strlen(s);

	if (l == 0 || l >= sizeof(buf))
		return why;
	memcpy(buf, s, l);
	buf[l] = '\0';
	if (bbt_num_double(buf, 0.01, 100000, down) != NULL)
		return why;
	*up = 0;
	if (slash && bbt_num_double(slash + 1, 0.01, 100000, up) != NULL)
		return why;
	return NULL;
}

int
lc_speed_url_parse(const char *s, struct lc_url *u, int *iperf)
{
	char buf[sizeof(u->url)];
	size_t l;

	*iperf = 0;
	if (strncasecmp(s, "iperf3://", 9) != 0)
		return lc_url_parse(s, u);
	/* The host and port rules of http URLs; no path. */
	l = strlen(s + 9);
	if (l == 0 || l + 8 >= sizeof(buf) || strpbrk(s + 9, "?#") ||
	    (strchr(s + 9, '/') && strcmp(strchr(s + 9, '/'), "/") != 0))
		return -1;
	snprintf(buf, sizeof(buf), "http://%s", s + 9);
	if (lc_url_parse(buf, u) != 0)
		return -1;
	if (u->port == 80 && strchr(u->literal == AF_INET6 ?
	    strchr(s + 9, ']') : s + 9, ':') == NULL)
		u->port = 5201;
	snprintf(u->url, sizeof(u->url), "%s", s);
	*iperf = 1;
	return 0;
}

static int
add_server(struct argp_state *st, struct lc_speed_opts *s, const char *url)
{
	struct lc_url u;
	int iperf;

	if (lc_speed_url_parse(url, &u, &iperf) != 0) {
		argp_error(st, _("'%s' is not an http, https or iperf3 URL"),
		    url);
		return EINVAL;
	}
	if (s->nservers >= LC_SPEED_MAXS) {
		argp_error(st, _("too many %s options (at most %d)"), "--speed",
		    LC_SPEED_MAXS);
		return EINVAL;
	}
	/* The host is resolved by the run's own DNS check. */
	memcpy(s->hosts[s->nservers], u.literal ? "" : u.host,
	    u.literal ? 1 : strlen(u.host) + 1);
	s->servers[s->nservers++] = url;
	return 0;
}

int
lc_speed_opt(struct argp_state *st, int key, char *arg,
    struct lc_speed_opts *s)
{
	const char *why;
	long long v;
	int r;

	switch (key) {
	case OPT_PLAN:
		if ((why = lc_speed_plan_parse(arg, &s->plan_down,
		    &s->plan_up)) != NULL) {
			argp_error(st, _("invalid value '%s' for %s: %s"), arg,
			    "--plan", _(why));
			return EINVAL;
		}
		return 0;
	case OPT_SLOW_RATIO:
		return bbt_arg_double(st, "--slow-ratio", arg, 0.01, 1,
		    &s->slow_ratio);
	case OPT_SPEED:
		s->on = 1;
		return arg ? add_server(st, s, arg) : 0;
	case OPT_SPEED_STREAMS:
		if ((r = bbt_arg_ll(st, "--speed-streams", arg, 1,
		    LC_SPEED_MAXSTREAMS, &v)))
			return r;
		s->streams = (int)v;
		return 0;
	case OPT_SPEED_TIME:
		return bbt_arg_duration_ms(st, "--speed-time", arg, 1000, 60000,
		    &s->time_ms);
	case OPT_WIRED:
		if (arg[0] == '\0' || strlen(arg) >= IFNAMSIZ ||
		    strchr(arg, '/') != NULL) {
			argp_error(st, _("invalid interface name '%s' for %s"),
			    arg, "--wired");
			return EINVAL;
		}
		s->wired = arg;
		return 0;
	default:
		return ARGP_ERR_UNKNOWN;
	}
}

int
lc_speed_opts_end(struct argp_state *st, struct lc_speed_opts *s)
{
	static char env[2048];
	const char *e = getenv("LINECHECK_SPEED_SERVERS");
	char *p, *save = NULL;
	int r;

	if (!s->on) {
		if (s->plan_down > 0) {
			argp_error(st, _("--plan needs --speed"));
			return EINVAL;
		}
		if (s->wired != NULL) {
			argp_error(st, _("--wired needs --speed"));
			return EINVAL;
		}
		return 0;
	}
	if (s->nservers == 0 && e != NULL && strlen(e) < sizeof(env)) {
		/* A team's servers, set once in the shell profile. */
		strcpy(env, e);
		for (p = strtok_r(env, " \t\n,", &save); p != NULL;
		    p = strtok_r(NULL, " \t\n,", &save))
			if ((r = add_server(st, s, p)) != 0)
				return r;
	}
	if (s->nservers == 0) {
		argp_error(st, _("--speed needs a server: --speed=URL, or URLs "
		    "in LINECHECK_SPEED_SERVERS"));
		return EINVAL;
	}
	return 0;
}

double
lc_rate_window(const struct lc_rate *r, int k)
{
	double dt;

	if (k < WIN || k >= r->n)
		return -1;
	dt = r->t[k] - r->t[k - WIN];
	if (dt <= 0)
		return -1;
	return (double)(r->b[k] - r->b[k - WIN]) * 8 / dt / 1e6;
}

/* The first sample with data: the ramp starts with the first byte. */
static int
first_data(const struct lc_rate *r)
{
	for (int i = 0; i < r->n; i++)
		if (r->b[i] > 0)
			return i;
	return -1;
}

/* Mbit/s of the 100 ms sample ending at i. */
static double
rate_at(const struct lc_rate *r, int i)
{
	double dt = r->t[i] - r->t[i - 1];

	return dt > 0 ? (double)(r->b[i] - r->b[i - 1]) * 8 / dt / 1e6 : 0;
}

static int
dcmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

/* The steady part of the samples up to k. */
static int
steady_at(const struct lc_rate *r, int k, struct lc_steady *s)
{
	static double v[LC_SPEED_MAXSAMPLES];
	int f = first_data(r), j, m = 0;
	double ref = 0, dt;

	memset(s, 0, sizeof(*s));
	if (f < 0 || f > k || k < 1)
		return -1;
	if (f == k)
		f--;	/* one sample of data: its own interval */
	j = k;
	if (k - WIN >= f && (ref = lc_rate_window(r, k)) > 0)
		while (j - 1 - WIN >= f && fabs(lc_rate_window(r, j - 1) -
		    ref) <= RAMP_TOL * ref)
			j--;
	s->ramp = k - WIN >= f ? j - WIN : f;
	/* The window admits the tail of the ramp: drop its slow samples
	 * (one at most a second's worth, never the last second). */
	if (k - WIN >= f && ref > 0)
		while (s->ramp < k - WIN && s->ramp < j - 1 && rate_at(r,
		    s->ramp + 1) < (1 - RAMP_TOL) * ref)
			s->ramp++;
	if ((dt = r->t[k] - r->t[s->ramp]) <= 0)
		return -1;
	s->mbps = (double)(r->b[k] - r->b[s->ramp]) * 8 / dt / 1e6;
	for (int i = s->ramp + 1; i <= k; i++)
		if (r->t[i] > r->t[i - 1])
			v[m++] = (double)(r->b[i] - r->b[i - 1]) * 8 /
			    (r->t[i] - r->t[i - 1]) / 1e6;
	qsort(v, (size_t)m, sizeof(v[0]), dcmp);
	s->median = m == 0 ? s->mbps : m % 2 ? v[m / 2] :
	    (v[m / 2 - 1] + v[m / 2]) / 2;
	s->samples = m;
	return 0;
}

int
lc_rate_steady(const struct lc_rate *r, struct lc_steady *s)
{
	return steady_at(r, r->n - 1, s);
}

/*
 * The estimate (the steady-state mean so far) has moved less than tol
 * over the last second. Not the one-second rate itself: with loss,
 * TCP's acknowledged bytes come in bursts and one-second rates swing
 * +-3 % around a steady mean (measured over tbf at 20 Mbit/s).
 */
int
lc_rate_stable(const struct lc_rate *r, double tol)
{
	struct lc_steady s;
	int k = r->n - 1, f = first_data(r);
	double ref;

	/* Two seconds of data: a one-second estimate, a second of watch. */
	if (f < 0 || k - 2 * WIN < f || steady_at(r, k, &s) < 0 ||
	    (ref = s.mbps) <= 0)
		return 0;
	for (int i = 1; i <= WIN; i++)
		if (steady_at(r, k - i, &s) < 0 || fabs(s.mbps - ref) >
		    tol * ref)
			return 0;
	return 1;
}

static const struct bbt_check *
rec(const struct bbt_checks *cs, const char *name, const char *fam,
    size_t from, size_t *at)
{
	char f[16];

	for (size_t i = from; i < cs->n; i++) {
		if (strcmp(cs->v[i].name, name) != 0)
			continue;
		if (fam && bbt_kv_get(cs->v[i].detail, "family", f, sizeof(f))
		    && strcmp(f, fam) != 0)
			continue;
		if (at)
			*at = i;
		return &cs->v[i];
	}
	return NULL;
}

static void
add_limit(char *buf, size_t sz, const char *w)
{
	size_t l = strlen(buf);

	snprintf(buf + l, sz - l, "%s%s", l ? "," : "", w);
}

void
lc_speed_limits(const struct bbt_checks *cs, double plan, int wireless,
    char *buf, size_t sz)
{
	const struct bbt_check *k;

	buf[0] = '\0';
	k = rec(cs, "link.speed", NULL, 0, NULL);
	if (k && k->value && k->status != BBT_SKIPPED &&
	    strtod(k->value, NULL) > 0 && strtod(k->value, NULL) < plan)
		add_limit(buf, sz, "link_speed");
	k = rec(cs, "link.duplex", NULL, 0, NULL);
	if (k && k->value && strcmp(k->value, "half") == 0)
		add_limit(buf, sz, "half_duplex");
	if (wireless)
		add_limit(buf, sz, "wifi");
	k = rec(cs, "link.errors", NULL, 0, NULL);
	if (k && (k->status == BBT_WARNING || k->status == BBT_CRITICAL))
		add_limit(buf, sz, "link_errors");
	k = rec(cs, "mtu.path", NULL, 0, NULL);
	if (k && (k->status == BBT_WARNING || k->status == BBT_CRITICAL))
		add_limit(buf, sz, "mtu");
}

/* The check itself when it failed, what it was skipped after when it was
 * skipped, else NULL. */
static const char *
root(const struct bbt_check *k)
{
	static char after[64];

	if (k == NULL)
		return NULL;
	if (k->status == BBT_CRITICAL)
		return k->name;
	if (k->status == BBT_SKIPPED && bbt_kv_get(k->detail, "after", after,
	    sizeof(after)))
		return after;
	return NULL;
}

/* Every record of name (in family) failed: its root, else NULL. None at
 * all says nothing. */
static const char *
all_failed(const struct bbt_checks *cs, const char *name, const char *fam,
    const char *host)
{
	const char *first = NULL, *r;
	char n[256];
	size_t at = 0;
	const struct bbt_check *k;

	for (; (k = rec(cs, name, fam, at, &at)) != NULL; at++) {
		if (host && (!bbt_kv_get(k->detail, "name", n, sizeof(n)) ||
		    strcmp(n, host) != 0))
			continue;
		if ((r = root(k)) == NULL)
			return NULL;
		if (first == NULL)
			first = r;
	}
	return first;
}

const char *
lc_speed_blocker(const struct bbt_checks *cs, const char *fam,
    const char *host)
{
	static const char *const chain[] = {
		"link.carrier", "arp.duplicate", "ip.address", "ip.route",
		"gw.ping",
	};
	const char *r;

	for (size_t i = 0; i < sizeof(chain) / sizeof(chain[0]); i++) {
		if (strcmp(chain[i], "arp.duplicate") == 0 &&
		    strcmp(fam, "inet") != 0)
			continue;
		if ((r = root(rec(cs, chain[i], fam, 0, NULL))) != NULL)
			return r;
	}
	if (host && (r = all_failed(cs, "dns.resolve", NULL, host)) != NULL)
		return r;
	return all_failed(cs, "http.get", fam, NULL);
}

/* A side's worst share of the plan: the download's, or the upload's when
 * the plan names one and it is lower; -1 without the results. */
static double
worst_ratio(const struct lc_speed_opts *o, const struct lc_speed_side *s)
{
	double r;

	if (s->down < 0 || (o->plan_up > 0 && s->up < 0))
		return -1;
	r = s->down / o->plan_down;
	if (o->plan_up > 0 && s->up / o->plan_up < r)
		r = s->up / o->plan_up;
	return r;
}

const char *
lc_speed_misses(const struct lc_speed_opts *o,
    const struct lc_speed_side *wifi, const struct lc_speed_side *wired,
    double *wifi_ratio, double *wired_ratio)
{
	int a, b;

	*wifi_ratio = *wired_ratio = -1;
	if (o->plan_down <= 0)
		return NULL;
	*wifi_ratio = worst_ratio(o, wifi);
	*wired_ratio = worst_ratio(o, wired);
	if (*wifi_ratio < 0 || *wired_ratio < 0)
		return NULL;
	a = *wifi_ratio < o->slow_ratio;
	b = *wired_ratio < o->slow_ratio;
	return a && b ? "both" : a ? "wifi" : b ? "wired" : "none";
}
