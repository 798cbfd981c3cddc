/* SPDX-License-Identifier: MIT */
/*
 * linecheck --speed: from the measurements to the speed.down, speed.up
 * and speed.latency records (bbt-record(5)); no I/O but /sys.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <curl/curl.h>

#include "lib/rec.h"
#include "linecheck/linecheck.h"
#include "linecheck/speedint.h"

#define BLOAT_WARN_MS	100	/* loaded minus idle latency */
#define DSZ		LC_DSZ

double
lc_speed_median(const double *v, int n)
{
	double c[MAXLAT], x;

	if (n <= 0)
		return -1;
	memcpy(c, v, (size_t)n * sizeof(c[0]));
	for (int i = 1; i < n; i++)	/* a few dozen values at most */
		for (int j = i; j > 0 && c[j - 1] > c[j]; j--) {
			x = c[j];
			c[j] = c[j - 1];
			c[j - 1] = x;
		}
	return n % 2 ? c[n / 2] : (c[n / 2 - 1] + c[n / 2]) / 2;
}

#define RISE_TOL	0.10	/* a queue still filling: 10 % slower */
#define RISE_MIN_MS	5	/* and by more than the noise of a connect */

/* The median of the probes started in [a, b) s; -1 for fewer than 3. */
static double
median_in(const double *ms, const double *t, int n, double a, double b)
{
	double v[MAXLAT];
	int m = 0;

	for (int i = 0; i < n; i++)
		if (t[i] >= a && t[i] < b)
			v[m++] = ms[i];
	return m >= 3 ? lc_speed_median(v, m) : -1;
}

int
lc_speed_lat_rising(const double *ms, const double *t, int n, double now)
{
	double before = median_in(ms, t, n, now - 2, now - 1);
	double last = median_in(ms, t, n, now - 1, now);

	/* Too few answers (a queue that drops them): no evidence. */
	if (before < 0 || last < 0)
		return 0;
	return last > before * (1 + RISE_TOL) + RISE_MIN_MS;
}

/*
 * A direction's loaded latency: the highest median of the probes started
 * within one second. The queue a load builds is not steady: a BBR sender
 * overfills it, then drains it to a third within seconds, at moments
 * that differ from run to run; a median over the whole direction reads
 * anywhere between. What the queue held for a second is what it does to
 * a call or a game, and reads the same under iperf3 (bench/).
 */
double
lc_speed_loaded(const double *ms, const double *t, int n)
{
	double best = -1, m;

	for (int i = 0; i < n; i++)
		if ((m = median_in(ms, t, n, t[i], t[i] + 1)) > best)
			best = m;
	return best >= 0 ? best : lc_speed_median(ms, n);
}

static double
loaded(const struct sp_dir *d)
{
	return lc_speed_loaded(d->lat, d->lat_t, d->nlat);
}

static const char *
connect_error(int e)
{
	switch (e) {
	case ECONNREFUSED:
		return "refused";
	case ETIMEDOUT:
		return "timeout";
	case ENETUNREACH:
	case EHOSTUNREACH:
		return "unreachable";
	default:
		return "connect";
	}
}


static const char *
trim(const char *d)
{
	return d[0] == ' ' ? d + 1 : d;
}

static int
wireless(const char *ifname)
{
	char p[128];

	snprintf(p, sizeof(p), "/sys/class/net/%s/wireless", ifname);
	if (access(p, F_OK) == 0)
		return 1;
	snprintf(p, sizeof(p), "/sys/class/net/%s/phy80211", ifname);
	return access(p, F_OK) == 0;
}

void
lc_speed_rec_dir(struct bbt_checks *cs, const struct lc_speed_opts *o,
    const struct sp_dir *d, int dir, const struct sp_server *best,
    const char *ifname)
{
	static const char *const name[] = { "speed.down", "speed.up" };
	const char *target = best->bind ? best->bind : best->u.url;
	double plan = dir == DOWN ? o->plan_down : o->plan_up, ratio = 0;
	char det[DSZ] = "", v[32] = "", lim[128];
	enum bbt_state st;

	if (d->have)
		snprintf(v, sizeof(v), "%.1f", d->st.mbps);
	lc_kv(det, "streams", "%d", o->streams);
	lc_kv(det, "bytes", "%llu", (unsigned long long)d->bytes);
	lc_kv(det, "duration_ms", "%.0f", d->dur_ms);
	if (d->have) {
		lc_kv(det, "ramp_ms", "%.0f", d->ramp_ms);
		lc_kv(det, "samples", "%d", d->st.samples);
		lc_kv(det, "median", "%.1f", d->st.median);
	}
	lc_kv(det, "server", "%s", best->addr);
	lc_kv(det, "backend", "%s", best->iperf ? "iperf3" : "http");
	if (dir == UP)
		lc_kv(det, "retrans", "%ld", d->retrans);
	lc_kv(det, "cpu_ms", "%.0f", d->cpu_ms);
	if (plan > 0) {
		lc_kv(det, "plan", "%g", plan);
		if (d->have) {
			ratio = d->st.mbps / plan;
			lc_kv(det, "ratio", "%.2f", ratio);
		}
	}
	if (d->interrupted) {
		lc_kv(det, "result", "interrupted");
		st = BBT_UNKNOWN;
	} else if (!d->ran) {
		bbt_checks_add(cs, name[dir], target, BBT_UNKNOWN, NULL,
		    "Mbit/s", "result=interrupted");
		return;
	} else if (d->error || !d->have) {
		lc_kv(det, "error", "%s", d->error ? d->error : "no_data");
		if (d->error && strcmp(d->error, "http") == 0 && d->status > 0)
			lc_kv(det, "status", "%ld", d->status);
		if (d->msg[0])
			lc_kv(det, "msg", "%s", d->msg);
		st = BBT_CRITICAL;
	} else if (plan <= 0)
		st = BBT_INFO;
	else if (ratio >= o->slow_ratio)
		st = BBT_OK;
	else
		st = ratio >= o->slow_ratio / 2 ? BBT_WARNING : BBT_CRITICAL;
	if (st == BBT_WARNING || (st == BBT_CRITICAL && d->error == NULL &&
	    d->have)) {
		/* --wired: the comparison says whether the Wi-Fi is to
		 * blame, and the link's records are not the wired side's. */
		lim[0] = '\0';
		if (best->bind == NULL || strcmp(best->bind, ifname) == 0)
			lc_speed_limits(cs, plan, best->bind == NULL &&
			    wireless(ifname), lim, sizeof(lim));
		if (d->limit) {
			char l2[sizeof(lim)];

			snprintf(l2, sizeof(l2), "%s%s%s", d->limit,
			    lim[0] ? "," : "", lim);
			lc_kv(det, "limit", "%s", l2);
		} else if (lim[0])
			lc_kv(det, "limit", "%s", lim);
	}
	bbt_checks_add(cs, name[dir], target, st, v[0] ? v : NULL, "Mbit/s",
	    trim(det));
}

void
lc_speed_rec_latency(struct bbt_checks *cs, const struct sp_server *best,
    const struct sp_dir d[2], int interrupted)
{
	const char *target = best->bind ? best->bind : best->u.url;
	char det[DSZ] = "", v[32] = "";
	double idle = lc_speed_median(best->rtt, best->nrtt);
	double dn = loaded(&d[DOWN]), up = loaded(&d[UP]);
	double loaded = dn > up ? dn : up;
	enum bbt_state st = BBT_OK;

	/* Only slow connects in the choice (a SYN sent again): their
	 * time was the retransmission timer's, so the idle latency and
	 * the bloat over it are unknown. */
	if (idle >= 0)
		lc_kv(det, "idle_ms", "%.1f", idle);
	else
		lc_kv(det, "idle_ms", "-");
	if (dn >= 0)
		lc_kv(det, "down_ms", "%.1f", dn);
	else
		lc_kv(det, "down_ms", "-");
	if (up >= 0)
		lc_kv(det, "up_ms", "%.1f", up);
	else
		lc_kv(det, "up_ms", "-");
	lc_kv(det, "samples", "%d", best->nrtt + d[DOWN].nlat + d[UP].nlat);
	lc_kv(det, "lost", "%d", d[DOWN].lost + d[UP].lost);
	lc_kv(det, "method", "tcp_connect");
	if (idle >= 0 && loaded >= 0 && loaded - idle > BLOAT_WARN_MS) {
		lc_kv(det, "bloat_ms", "%.1f", loaded - idle);
		st = BBT_WARNING;
	}
	if (interrupted) {
		lc_kv(det, "result", "interrupted");
		st = BBT_UNKNOWN;
	} else if (idle < 0 && loaded < 0) {
		lc_kv(det, "error", "no_data");
		st = BBT_UNKNOWN;
	}
	if (loaded >= 0 || idle >= 0)
		snprintf(v, sizeof(v), "%.1f", loaded >= 0 ? loaded : idle);
	bbt_checks_add(cs, "speed.latency", target, st, v[0] ? v : NULL, "ms",
	    trim(det));
}

/* The records a test that did not run leaves: all three after the check
 * that made it pointless, or the last two after a failed speed.down. */
void
lc_speed_rec_skipped(struct bbt_checks *cs, const char *target, const char *after)
{
	static const char *const name[] = {
		"speed.down", "speed.up", "speed.latency",
	};
	char det[DSZ] = "";

	lc_kv(det, "after", "%s", after);
	for (int i = 0; i < 3; i++)
		if (strcmp(name[i], after) != 0)
			bbt_checks_add(cs, name[i], target, BBT_SKIPPED, NULL,
			    i == 2 ? "ms" : "Mbit/s", trim(det));
}

/* None of the servers took a connection: the first one's reason. */
void
lc_speed_rec_unreachable(struct bbt_checks *cs, const struct sp_server *srv,
    int nsrv, int interrupted)
{
	char det[DSZ] = "";
	const struct sp_server *s = &srv[0];

	for (int i = 0; i < nsrv; i++)
		if (srv[i].addr[0]) {
			s = &srv[i];
			break;
		}
	lc_kv(det, "server", "%s", s->addr);
	if (interrupted)
		lc_kv(det, "result", "interrupted");
	else
		lc_kv(det, "error", "%s", connect_error(s->err ? s->err :
		    ETIMEDOUT));
	bbt_checks_add(cs, "speed.down", s->bind ? s->bind : s->u.url,
	    interrupted ? BBT_UNKNOWN : BBT_CRITICAL, NULL, "Mbit/s",
	    trim(det));
	lc_speed_rec_skipped(cs, s->bind ? s->bind : s->u.url, "speed.down");
}


static void
side_records(struct bbt_checks *cs, const struct lc_speed_opts *o,
    const char *ifname, struct sp_side *sd, const char *bind,
    struct sp_server *srv, int nsrv, int interrupted)
{
	if (!sd->reached) {
		/* Its own errors: with --wired, srv[] holds the wired
		 * side's choice by now (a refused connect over the air was
		 * reported as error=timeout). */
		for (int i = 0; i < nsrv; i++) {
			srv[i].bind = bind;
			srv[i].err = sd->err[i];
		}
		lc_speed_rec_unreachable(cs, srv, nsrv, interrupted);
		return;
	}
	for (int dir = DOWN; dir <= UP; dir++)
		lc_speed_rec_dir(cs, o, &sd->d[dir], dir, &sd->best, ifname);
	lc_speed_rec_latency(cs, &sd->best, sd->d, interrupted);
}

/* --wired: which side missed the plan, and "wifi" on the records of -i
 * when the wired side met it (the catalogue's "wired is fine"). */
void
lc_speed_rec_sides(struct bbt_checks *cs, const struct lc_speed_opts *o,
    const char *ifname, struct sp_side side[2], struct sp_server *srv,
    int nsrv, int interrupted)
{
	struct lc_speed_side v[2];
	char det[DSZ] = "";
	double wr, dr;
	const char *m;
	enum bbt_state st;

	if (o->wired == NULL) {
		side_records(cs, o, ifname, &side[0], NULL, srv, nsrv,
		    interrupted);
		return;
	}
	for (int i = 0; i < 2; i++)
		for (int dir = DOWN; dir <= UP; dir++) {
			const struct sp_dir *d = &side[i].d[dir];
			double x = side[i].reached && d->have && !d->error &&
			    !d->interrupted ? d->st.mbps : -1;

			*(dir == DOWN ? &v[i].down : &v[i].up) = x;
		}
	m = lc_speed_misses(o, &v[0], &v[1], &wr, &dr);
	for (int dir = DOWN; dir <= UP && m && strcmp(m, "wifi") == 0; dir++) {
		double plan = dir == DOWN ? o->plan_down : o->plan_up;
		double x = dir == DOWN ? v[0].down : v[0].up;

		if (plan > 0 && x < plan * o->slow_ratio)
			side[0].d[dir].limit = "wifi";
	}
	side_records(cs, o, ifname, &side[0], ifname, srv, nsrv, interrupted);
	side_records(cs, o, ifname, &side[1], o->wired, srv, nsrv,
	    interrupted);
	lc_kv(det, "wifi", "%s", ifname);
	lc_kv(det, "wired", "%s", o->wired);
	if (v[0].down >= 0)
		lc_kv(det, "wifi_down", "%.1f", v[0].down);
	if (v[1].down >= 0)
		lc_kv(det, "wired_down", "%.1f", v[1].down);
	if (v[0].up >= 0)
		lc_kv(det, "wifi_up", "%.1f", v[0].up);
	if (v[1].up >= 0)
		lc_kv(det, "wired_up", "%.1f", v[1].up);
	if (o->plan_down > 0)
		lc_kv(det, "plan", "%g", o->plan_down);
	if (wr >= 0)
		lc_kv(det, "wifi_ratio", "%.2f", wr);
	if (dr >= 0)
		lc_kv(det, "wired_ratio", "%.2f", dr);
	if (interrupted) {
		lc_kv(det, "result", "interrupted");
		st = BBT_UNKNOWN;
	} else if (o->plan_down <= 0)
		st = BBT_INFO;
	else if (m == NULL) {
		lc_kv(det, "result", "incomplete");
		st = BBT_UNKNOWN;
	} else {
		lc_kv(det, "misses", "%s", m);
		st = strcmp(m, "none") == 0 ? BBT_OK : BBT_WARNING;
	}
	bbt_checks_add(cs, "speed.compare", ifname, st, m && !interrupted ?
	    m : NULL, NULL, trim(det));
}

/* A failed transfer's error= word. */
const char *
lc_speed_curl_error(CURLcode rc, long oserr)
{
	switch (rc) {
	case CURLE_OK:
	case CURLE_PARTIAL_FILE:
		return "short_body";
	case CURLE_HTTP_RETURNED_ERROR:
		return "http";
	case CURLE_COULDNT_CONNECT:
		return oserr == ETIMEDOUT ? "timeout" : oserr == ENETUNREACH ||
		    oserr == EHOSTUNREACH ? "unreachable" : "refused";
	case CURLE_OPERATION_TIMEDOUT:
		return "timeout";
	case CURLE_SSL_CONNECT_ERROR:
	case CURLE_PEER_FAILED_VERIFICATION:
	case CURLE_SSL_CERTPROBLEM:
	case CURLE_SSL_CIPHER:
	case CURLE_SSL_CACERT_BADFILE:
		return "tls";
	case CURLE_RECV_ERROR:
	case CURLE_SEND_ERROR:
	case CURLE_GOT_NOTHING:
		return "reset";
	default:
		return "http";
	}
}
