/* SPDX-License-Identifier: MIT */
/*
 * linecheck --watch: a timeline of what happens to the line, for the
 * customer whose connection "keeps dropping". Carrier, address and
 * default-route changes come from rtnetlink as the kernel announces them
 * (watchnl.c), not sampled; gateway loss from an echo request to each
 * default route's router every --interval (watchgw.c), error
 * frames from the link counters every 10 s, DNS failures from a query
 * round every ten intervals (watchdns.c). Each event is one check record,
 * written and flushed when it happens, with its wall-clock time (to match
 * against the line, optical and BRAS logs) and its offset from the start
 * on the monotonic clock (durations survive clock changes). The summary
 * comes at the end or on SIGINT/SIGTERM; what was written before stays.
 */
#include <net/if.h>
#include <arpa/inet.h>
#include <err.h>
#include <errno.h>
#include <fcntl.h>
#include <netlink/socket.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "lib/datetime.h"
#include "lib/i18n.h"
#include "lib/priv.h"
#include "linecheck/watchint.h"

static volatile sig_atomic_t stop;

struct lc_wt lc_watch_state;

static int sigpipe[2];

static void
on_signal(int sig)
{
	int e = errno;

	(void)sig;
	stop = 1;
	(void)!write(sigpipe[1], "", 1);
	errno = e;
}

/* "2026-12-06T13:05:00+08:00" and "12.345": the two clocks of a record. */
void
lc_w_stamp(char *d, size_t sz, int64_t wall, int64_t mono)
{
	char tb[BBT_TIME_BUFSZ];

	snprintf(d, sz, "time=%s offset=%.3f", bbt_time_rfc3339(wall, tb),
	    (double)(mono - W.t0) / 1000.0);
}

static void
emit(const char *name, const char *target, enum bbt_state st,
    const char *value, const char *unit, const char *detail)
{
	const char *f[6] = { name, target, bbt_state_name(st), value, unit,
		detail };

	bbt_out_rec(W.out, "check", f, 6);
	/* A cron log or "| tee" sees the event now, not at exit. */
	fflush(stdout);
}

/* One event of the timeline: counted, binned by local hour, and folded
 * into the exit status. */
void
lc_w_event(const char *name, const char *target, enum bbt_state st,
    const char *value, const char *unit, const char *detail, int64_t wall)
{
	time_t t = (time_t)wall;
	struct tm tm;

	int k = lc_wk_kind(name);

	emit(name, target, st, value, unit, detail);
	W.events++;
	if (k >= 0)
		W.kinds[k]++;
	W.last_wall = bbt_time_now();
	/* The textfile shows it at the next turn of the loop, with any
	 * other event of the same moment. */
	W.next_prom = lc_now();
	if (localtime_r(&t, &tm) != NULL)
		W.hours[tm.tm_hour]++;
	if (st != BBT_INFO)
		W.worst = bbt_state_worst(W.worst, st);
}

void
lc_w_outage(int64_t ms)
{
	W.outage_ms += ms;
	if (ms > W.longest_ms)
		W.longest_ms = ms;
}

/* ---- the gateway: probing and records ------------------------------ */

/* Whether an IPv6 loss burst counts as an outage: on a dual-stack line
 * the IPv4 gateway's bursts do (the two usually fail together, and an
 * IPv6 path alone down leaves IPv4 working); on an IPv6-only line they
 * are the outage. */
static int
outage_family(const struct lc_wgw *g)
{
	return g->family == AF_INET || !W.gw[0].ok;
}

/* A loss burst ended (at the answered request, at a carrier loss or at
 * the end of the watch): one record with its start and length. */
void
lc_w_burst_record(struct lc_wgw *g, const struct lc_burst *b, const char *why)
{
	char d[256], v[32];
	size_t n;

	lc_w_stamp(d, sizeof(d), b->wall, b->start);
	n = strlen(d);
	snprintf(d + n, sizeof(d) - n, " lost=%d family=%s%s%s", b->lost,
	    g->family == AF_INET ? "inet" : "inet6", why ? " end=" : "",
	    why ? why : "");
	snprintf(v, sizeof(v), "%.3f", (double)b->len_ms / 1000.0);
	W.bursts++;
	g->bursts++;
	if (outage_family(g))
		lc_w_outage(b->len_ms);
	lc_w_event("watch.gateway", g->addr, b->lost >= 3 ? BBT_CRITICAL :
	    BBT_WARNING, v, "s", d, b->wall);
}

/* Every gateway's burst ends now (carrier or interface lost, end of the
 * watch). */
void
lc_w_gw_cut_all(int64_t now, const char *why)
{
	struct lc_burst b;

	for (int i = 0; i < 2; i++)
		if (lc_gw_cut(&W.gw[i].gt, now, &b))
			lc_w_burst_record(&W.gw[i], &b, why);
}

/* The gateways to ping from now on: those of the default routes. */
void
lc_w_gw_follow(int64_t now)
{
	lc_wgw_follow(&W.gw[0], W.has4 ? W.lc.link.gw4 : "",
	    W.lc.link.ifindex, now);
	lc_wgw_follow(&W.gw[1], W.has6 ? W.gw6 : "", W.lc.link.ifindex, now);
}

static void
on_icmp(void *arg, int fd, short rev)
{
	(void)fd;
	(void)rev;
	lc_wgw_input(arg, lc_w_burst_record);
}

/* ---- DNS (watchdns.c) ---------------------------------------------- */

static void
dns_record(const struct lc_dnsburst *b, const char *why)
{
	char d[256], v[32];
	size_t n;

	lc_w_stamp(d, sizeof(d), b->wall, b->start);
	n = strlen(d);
	snprintf(d + n, sizeof(d) - n, " fails=%d rcode=%s%s%s", b->fails,
	    b->rcode, why ? " end=" : "", why ? why : "");
	snprintf(v, sizeof(v), "%.3f", (double)b->len_ms / 1000.0);
	W.dns_bursts++;
	lc_w_event("watch.dns", b->server, BBT_WARNING, v, "s", d, b->wall);
}

/* ---- error frames: the counters every LC_ERR_PERIOD_MS ------------- */

static void
err_record(const struct lc_errburst *b, const char *why)
{
	char d[256], v[32];
	size_t n;
	uint64_t sum = b->crc + b->frame;

	lc_w_stamp(d, sizeof(d), b->wall, b->start);
	n = strlen(d);
	snprintf(d + n, sizeof(d) - n, " length_s=%.3f rx_crc=%llu "
	    "rx_frame=%llu%s%s", (double)b->len_ms / 1000.0,
	    (unsigned long long)b->crc, (unsigned long long)b->frame,
	    why ? " end=" : "", why ? why : "");
	snprintf(v, sizeof(v), "%llu", (unsigned long long)sum);
	W.err_bursts++;
	lc_w_event("watch.errors", W.lc.link.name,
	    sum > (uint64_t)W.o->errors_crit ? BBT_CRITICAL : BBT_WARNING, v,
	    "frames", d, b->wall);
}

static int64_t
err_tick(int64_t now)
{
	static struct lc_link k;
	struct lc_errburst b;

	if (now < W.next_err)
		return W.next_err;
	W.next_err = now + LC_ERR_PERIOD_MS;
	if (!W.gone && lc_nl_link(W.o->iface, &k, 1) == 0 && k.st1.ok &&
	    lc_err_sample(&W.et, k.st1.rx_crc, k.st1.rx_frame, now,
	    bbt_time_now(), &b))
		err_record(&b, NULL);
	return W.next_err;
}

/* The signal's byte (sigpipe): poll() wakes even when the signal came
 * just before it was entered. */
static void
on_sigpipe(void *arg, int fd, short rev)
{
	char b[16];

	(void)arg;
	(void)rev;
	while (read(fd, b, sizeof(b)) > 0)
		;
}

/* ---- --format=prometheus (watchprom.c) ----------------------------- */

static void
stats(struct lc_wstats *st, int64_t now, int running)
{
	memset(st, 0, sizeof(*st));
	st->iface = W.lc.link.name;
	st->running = running;
	st->link_up = W.carrier && !W.gone;
	st->present = !W.gone;
	st->flaps = W.flaps;
	st->dns_fails = lc_wdns_fails();
	/* Outages going on count up to now: the counter never waits for
	 * their end, and the end only adds the rest. */
	st->outage_ms = W.outage_ms + (W.down_at ? now - W.down_at : 0);
	for (int i = 0; i < 2; i++) {
		const struct lc_gwtrack *t = &W.gw[i].gt;

		if (t->open && outage_family(&W.gw[i]))
			st->outage_ms += now - t->b.start;
		st->gw[i] = &W.gw[i];
	}
	memcpy(st->events, W.kinds, sizeof(st->events));
	st->start_wall = W.start_wall;
	st->last_wall = W.last_wall;
}

/* Rewrites the textfile every --interval, at least a second apart (a
 * scraper reads it every 15 s or so; each write is an fsync), and after
 * each event. */
static int64_t
prom_tick(int64_t now)
{
	struct lc_wstats st;
	int64_t period = W.o->interval_ms < 1000 ? 1000 : W.o->interval_ms;

	if (W.prom == NULL)
		return LC_NEVER;
	if (now >= W.next_prom) {
		stats(&st, now, 1);
		(void)lc_wprom_write(W.prom, &st);
		W.next_prom += period;
		if (W.next_prom <= now)
			W.next_prom = now + period;
	}
	return W.next_prom;
}

/* ---- start, summary, the loop -------------------------------------- */

static void
start_record(void)
{
	char d[256];
	size_t n;

	lc_w_stamp(d, sizeof(d), bbt_time_now(), W.t0);
	n = strlen(d);
	snprintf(d + n, sizeof(d) - n, " duration_s=%lld interval_ms=%lld "
	    "gateway=%s gateway6=%s carrier=%s", W.o->watch_ms / 1000,
	    W.o->interval_ms, W.gw[0].ok ? W.gw[0].addr : "none",
	    W.gw[1].ok ? W.gw[1].addr : "none", W.carrier ? "up" : "down");
	emit("watch.start", W.lc.link.name, BBT_INFO, NULL, NULL, d);
}

static void
summary(int64_t now, int interrupted)
{
	char d[512], v[16];
	struct lc_errburst eb;
	double h = (double)(now - W.t0) / 3600000.0;
	size_t n;

	/* What is still going on counts up to now. */
	lc_w_gw_cut_all(now, "watch");
	if (lc_err_cut(&W.et, now, &eb))
		err_record(&eb, "watch");
	lc_wdns_end(&W.lc, now, dns_record);
	if (W.down_at != 0)
		lc_w_outage(now - W.down_at);
	W.down_at = 0;
	lc_w_stamp(d, sizeof(d), bbt_time_now(), now);
	n = strlen(d);
	n += (size_t)snprintf(d + n, sizeof(d) - n, " events_per_hour=%.1f "
	    "flaps=%d addr_changes=%d route_changes=%d gw_bursts=%d "
	    "error_bursts=%d dns_bursts=%d outage_min=%.2f "
	    "longest_outage_s=%.3f interrupted=%s link=%s hours=",
	    h > 0 ? W.events / h : 0, W.flaps, W.naddr_ev, W.route_ev,
	    W.bursts, W.err_bursts, W.dns_bursts,
	    (double)W.outage_ms / 60000.0, (double)W.longest_ms / 1000.0,
	    interrupted ? "yes" : "no", W.gone ? "gone" : W.carrier ? "up" :
	    "down");
	for (int i = 0; i < 24 && n < sizeof(d); i++)
		n += (size_t)snprintf(d + n, sizeof(d) - n, "%s%u",
		    i ? "," : "", W.hours[i]);
	snprintf(v, sizeof(v), "%d", W.events);
	emit("watch.summary", W.lc.link.name, W.worst, v, "events", d);
}

/* Privileged handles first (the ICMP socket) and the files, then the
 * drop. */
static int
setup(void)
{
	struct lc *lc = &W.lc;

	if (lc_w_nl_open() < 0) {
		warnx(_("cannot subscribe to the kernel's link and address "
		    "events (netlink)"));
		return -1;
	}
	/* A second look once subscribed: nothing falls in between. */
	if (lc_nl_link(W.o->iface, &lc->link, 0) < 0 || !lc->link.exists) {
		warnx(_("%s: the interface has gone"), W.o->iface);
		return -1;
	}
	W.carrier = lc->link.carrier;
	W.cc = lc->link.st0.carrier_changes;
	for (int i = 0; i < lc->link.naddrs && i < MAXADDR; i++)
		snprintf(W.addrs[W.naddrs++], sizeof(W.addrs[0]), "%s/%d",
		    lc->link.addrs[i].addr, lc->link.addrs[i].prefix);
	W.has4 = lc->link.has_route4;
	W.has6 = lc->link.has_route6;
	snprintf(W.gw6, sizeof(W.gw6), "%s", lc->link.gw6);
	/* Opened even without a gateway: a default route may come. */
	lc->icmp.fd4 = lc->icmp.fd6 = lc->icmp.fdmtu = -1;
	if (lc_icmp_open(lc) < 0 && ((W.has4 && lc->link.gw4[0]) ||
	    (W.has6 && W.gw6[0])))
		warnx(_("%s: cannot open an ICMP socket: ping sockets are "
		    "off (net.ipv4.ping_group_range) and raw sockets need "
		    "CAP_NET_RAW"), lc->link.name);
	/* resolv.conf may be root's alone: read before the drop. */
	if (lc_wdns_init(lc) < 0)
		return -1;
	if (bbt_priv_drop() < 0) {
		warn(_("cannot drop privileges"));
		return -1;
	}
	return 0;
}

int
linecheck_watch(struct lc_opts *o)
{
	struct sigaction sa;
	int64_t now;
	int rc;

	memset(&W, 0, sizeof(W));
	W.o = o;
	W.lc.o = o;
	W.worst = BBT_OK;
	if (setup() < 0)
		return BBT_UNKNOWN;
	/* After the drop: each rewrite is made with the same rights. */
	if (o->fmt == BBT_CFMT_PROMETHEUS &&
	    (W.prom = lc_wprom_open(o->output)) == NULL)
		return BBT_UNKNOWN;
	W.lc.link.speed = -1;
	lc_nl_ethtool(&W.lc.link);
	W.speed = W.lc.link.eth_ok ? W.lc.link.speed : -1;
	if (pipe2(sigpipe, O_NONBLOCK | O_CLOEXEC) < 0)
		err(BBT_UNKNOWN, "pipe");
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	/* No SA_RESTART: the signal must cut poll() short. */
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	setvbuf(stdout, NULL, _IOLBF, 0);
	W.out = bbt_out_new(stdout, o->fmt == BBT_CFMT_JSON ? BBT_FMT_JSON :
	    BBT_FMT_TSV, 0);
	if (W.out == NULL)
		err(BBT_UNKNOWN, NULL);
	if (o->case_id) {
		/* As the checks do: a watch appended to a day's log is a case
		 * of its own for bbdiag, not part of the one before it. */
		char tb[BBT_TIME_BUFSZ];
		const char *f[3] = { o->case_id, "linecheck",
			bbt_time_rfc3339(bbt_time_now(), tb) };

		bbt_out_rec(W.out, "case", f, 3);
	}
	W.t0 = W.next_prom = lc_now();
	W.start_wall = bbt_time_now();
	W.end = W.t0 + o->watch_ms;
	lc_wgw_init(&W.gw[0], AF_INET, W.lc.icmp.fd4, W.lc.icmp.raw4,
	    W.lc.icmp.ident, o->interval_ms, W.t0);
	lc_wgw_init(&W.gw[1], AF_INET6, W.lc.icmp.fd6, W.lc.icmp.raw6,
	    W.lc.icmp.ident, o->interval_ms, W.t0);
	lc_w_gw_follow(W.t0);
	/* The first requests are no settling: nothing was lost. */
	W.gw[0].gt.up_at = W.gw[1].gt.up_at = 0;
	if (!W.carrier)
		W.down_at = W.t0;	/* an outage from the start */
	start_record();
	lc_watch(&W.lc.loop, sigpipe[0], POLLIN, on_sigpipe, NULL);
	lc_watch(&W.lc.loop, nl_socket_get_fd(W.nl), POLLIN, lc_w_nl_input,
	    NULL);
	for (int i = 0; i < 2; i++)
		if (W.gw[i].fd >= 0)
			lc_watch(&W.lc.loop, W.gw[i].fd, POLLIN, on_icmp,
			    &W.gw[i]);
	while (!stop && (now = lc_now()) < W.end) {
		int64_t wake = lc_wgw_tick(&W.gw[0], now, W.carrier),
		    w6 = lc_wgw_tick(&W.gw[1], now, W.carrier),
		    ew = err_tick(now), dw, pw = prom_tick(now);
		int settled = W.carrier && (W.gw[0].gt.up_at == 0 ||
		    now - W.gw[0].gt.up_at >= LC_GW_SETTLE_MS);

		dw = lc_wdns_tick(&W.lc, now, settled, dns_record);
		if (w6 < wake)
			wake = w6;
		if (ew < wake)
			wake = ew;
		if (dw < wake)
			wake = dw;
		if (pw < wake)
			wake = pw;

		if (lc_poll(&W.lc.loop, wake < W.end ? wake : W.end) < 0) {
			warn("poll");
			break;
		}
	}
	now = lc_now();
	summary(now, stop != 0);
	rc = bbt_state_exit(W.worst);
	if (W.prom != NULL) {
		struct lc_wstats st;

		/* The last file agrees with the summary record. */
		stats(&st, now, 0);
		if (lc_wprom_write(W.prom, &st) < 0)
			rc = BBT_UNKNOWN;
		if (lc_wprom_close(W.prom) < 0)
			rc = BBT_UNKNOWN;
	}
	if (bbt_out_close(W.out) < 0 || bbt_close_stdout() < 0)
		rc = BBT_UNKNOWN;
	lc_icmp_close(&W.lc);
	lc_loop_free(&W.lc.loop);
	nl_socket_free(W.nl);
	close(sigpipe[0]);
	close(sigpipe[1]);
	return rc;
}
