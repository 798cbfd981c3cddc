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

struct lc_wt lc_w;

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
	    (double)(mono - lc_w.t0) / 1000.0);
}

static void
emit(const char *name, const char *target, enum bbt_state st,
    const char *value, const char *unit, const char *detail)
{
	const char *f[6] = { name, target, bbt_state_name(st), value, unit,
		detail };

	bbt_out_rec(lc_w.out, "check", f, 6);
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
	lc_w.events++;
	if (k >= 0)
		lc_w.kinds[k]++;
	lc_w.last_wall = bbt_time_now();
	/* The textfile shows it at the next turn of the loop, with any
	 * other event of the same moment. */
	lc_w.next_prom = lc_now();
	if (localtime_r(&t, &tm) != NULL)
		lc_w.hours[tm.tm_hour]++;
	if (st != BBT_INFO)
		lc_w.worst = bbt_state_worst(lc_w.worst, st);
}

void
lc_w_outage(int64_t ms)
{
	lc_w.outage_ms += ms;
	if (ms > lc_w.longest_ms)
		lc_w.longest_ms = ms;
}

/* ---- the gateway: probing and records ------------------------------ */

/* Whether an IPv6 loss burst counts as an outage: on a dual-stack line
 * the IPv4 gateway's bursts do (the two usually fail together, and an
 * IPv6 path alone down leaves IPv4 working); on an IPv6-only line they
 * are the outage. */
static int
outage_family(const struct lc_wgw *g)
{
	return g->family == AF_INET || !lc_w.gw[0].ok;
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
	lc_w.bursts++;
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
		if (lc_gw_cut(&lc_w.gw[i].gt, now, &b))
			lc_w_burst_record(&lc_w.gw[i], &b, why);
}

/* The gateways to ping from now on: those of the default routes. */
void
lc_w_gw_follow(int64_t now)
{
	lc_wgw_follow(&lc_w.gw[0], lc_w.has4 ? lc_w.lc.link.gw4 : "",
	    lc_w.lc.link.ifindex, now);
	lc_wgw_follow(&lc_w.gw[1], lc_w.has6 ? lc_w.gw6 : "", lc_w.lc.link.ifindex, now);
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
	lc_w.dns_bursts++;
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
	lc_w.err_bursts++;
	lc_w_event("watch.errors", lc_w.lc.link.name, sum > (uint64_t)lc_w.o->errors_crit ?
	    BBT_CRITICAL : BBT_WARNING, v, "frames", d, b->wall);
}

static int64_t
err_tick(int64_t now)
{
	static struct lc_link k;
	struct lc_errburst b;

	if (now < lc_w.next_err)
		return lc_w.next_err;
	lc_w.next_err = now + LC_ERR_PERIOD_MS;
	if (!lc_w.gone && lc_nl_link(lc_w.o->iface, &k, 1) == 0 && k.st1.ok &&
	    lc_err_sample(&lc_w.et, k.st1.rx_crc, k.st1.rx_frame, now,
	    bbt_time_now(), &b))
		err_record(&b, NULL);
	return lc_w.next_err;
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
	st->iface = lc_w.lc.link.name;
	st->running = running;
	st->link_up = lc_w.carrier && !lc_w.gone;
	st->present = !lc_w.gone;
	st->flaps = lc_w.flaps;
	st->dns_fails = lc_wdns_fails();
	/* Outages going on count up to now: the counter never waits for
	 * their end, and the end only adds the rest. */
	st->outage_ms = lc_w.outage_ms + (lc_w.down_at ? now - lc_w.down_at : 0);
	for (int i = 0; i < 2; i++) {
		const struct lc_gwtrack *t = &lc_w.gw[i].gt;

		if (t->open && outage_family(&lc_w.gw[i]))
			st->outage_ms += now - t->b.start;
		st->gw[i] = &lc_w.gw[i];
	}
	memcpy(st->events, lc_w.kinds, sizeof(st->events));
	st->start_wall = lc_w.start_wall;
	st->last_wall = lc_w.last_wall;
}

/* Rewrites the textfile every --interval, at least a second apart (a
 * scraper reads it every 15 s or so; each write is an fsync), and after
 * each event. */
static int64_t
prom_tick(int64_t now)
{
	struct lc_wstats st;
	int64_t period = lc_w.o->interval_ms < 1000 ? 1000 : lc_w.o->interval_ms;

	if (lc_w.prom == NULL)
		return LC_NEVER;
	if (now >= lc_w.next_prom) {
		stats(&st, now, 1);
		(void)lc_wprom_write(lc_w.prom, &st);
		lc_w.next_prom += period;
		if (lc_w.next_prom <= now)
			lc_w.next_prom = now + period;
	}
	return lc_w.next_prom;
}

/* ---- start, summary, the loop -------------------------------------- */

static void
start_record(void)
{
	char d[256];
	size_t n;

	lc_w_stamp(d, sizeof(d), bbt_time_now(), lc_w.t0);
	n = strlen(d);
	snprintf(d + n, sizeof(d) - n, " duration_s=%lld interval_ms=%lld "
	    "gateway=%s gateway6=%s carrier=%s", lc_w.o->watch_ms / 1000,
	    lc_w.o->interval_ms, lc_w.gw[0].ok ? lc_w.gw[0].addr : "none",
	    lc_w.gw[1].ok ? lc_w.gw[1].addr : "none", lc_w.carrier ? "up" : "down");
	emit("watch.start", lc_w.lc.link.name, BBT_INFO, NULL, NULL, d);
}

static void
summary(int64_t now, int interrupted)
{
	char d[512], v[16];
	struct lc_errburst eb;
	double h = (double)(now - lc_w.t0) / 3600000.0;
	size_t n;

	/* What is still going on counts up to now. */
	lc_w_gw_cut_all(now, "watch");
	if (lc_err_cut(&lc_w.et, now, &eb))
		err_record(&eb, "watch");
	lc_wdns_end(&lc_w.lc, now, dns_record);
	if (lc_w.down_at != 0)
		lc_w_outage(now - lc_w.down_at);
	lc_w.down_at = 0;
	lc_w_stamp(d, sizeof(d), bbt_time_now(), now);
	n = strlen(d);
	n += (size_t)snprintf(d + n, sizeof(d) - n, " events_per_hour=%.1f "
	    "flaps=%d addr_changes=%d route_changes=%d gw_bursts=%d "
	    "error_bursts=%d dns_bursts=%d outage_min=%.2f "
	    "longest_outage_s=%.3f interrupted=%s link=%s hours=",
	    h > 0 ? lc_w.events / h : 0, lc_w.flaps, lc_w.naddr_ev, lc_w.route_ev,
	    lc_w.bursts, lc_w.err_bursts, lc_w.dns_bursts,
	    (double)lc_w.outage_ms / 60000.0, (double)lc_w.longest_ms / 1000.0,
	    interrupted ? "yes" : "no", lc_w.gone ? "gone" : lc_w.carrier ? "up" :
	    "down");
	for (int i = 0; i < 24 && n < sizeof(d); i++)
		n += (size_t)snprintf(d + n, sizeof(d) - n, "%s%u",
		    i ? "," : "", lc_w.hours[i]);
	snprintf(v, sizeof(v), "%d", lc_w.events);
	emit("watch.summary", lc_w.lc.link.name, lc_w.worst, v, "events", d);
}

/* Privileged handles first (the ICMP socket) and the files, then the
 * drop. */
static int
setup(void)
{
	struct lc *lc = &lc_w.lc;

	if (lc_w_nl_open() < 0) {
		warnx(_("cannot subscribe to the kernel's link and address "
		    "events (netlink)"));
		return -1;
	}
	/* A second look once subscribed: nothing falls in between. */
	if (lc_nl_link(lc_w.o->iface, &lc->link, 0) < 0 || !lc->link.exists) {
		warnx(_("%s: the interface has gone"), lc_w.o->iface);
		return -1;
	}
	lc_w.carrier = lc->link.carrier;
	lc_w.cc = lc->link.st0.carrier_changes;
	for (int i = 0; i < lc->link.naddrs && i < MAXADDR; i++)
		snprintf(lc_w.addrs[lc_w.naddrs++], sizeof(lc_w.addrs[0]), "%s/%d",
		    lc->link.addrs[i].addr, lc->link.addrs[i].prefix);
	lc_w.has4 = lc->link.has_route4;
	lc_w.has6 = lc->link.has_route6;
	snprintf(lc_w.gw6, sizeof(lc_w.gw6), "%s", lc->link.gw6);
	/* Opened even without a gateway: a default route may come. */
	lc->icmp.fd4 = lc->icmp.fd6 = lc->icmp.fdmtu = -1;
	if (lc_icmp_open(lc) < 0 && ((lc_w.has4 && lc->link.gw4[0]) ||
	    (lc_w.has6 && lc_w.gw6[0])))
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

	memset(&lc_w, 0, sizeof(lc_w));
	lc_w.o = o;
	lc_w.lc.o = o;
	lc_w.worst = BBT_OK;
	if (setup() < 0)
		return BBT_UNKNOWN;
	/* After the drop: each rewrite is made with the same rights. */
	if (o->fmt == BBT_CFMT_PROMETHEUS &&
	    (lc_w.prom = lc_wprom_open(o->output)) == NULL)
		return BBT_UNKNOWN;
	lc_w.lc.link.speed = -1;
	lc_nl_ethtool(&lc_w.lc.link);
	lc_w.speed = lc_w.lc.link.eth_ok ? lc_w.lc.link.speed : -1;
	if (pipe2(sigpipe, O_NONBLOCK | O_CLOEXEC) < 0)
		err(BBT_UNKNOWN, "pipe");
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	/* No SA_RESTART: the signal must cut poll() short. */
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	setvbuf(stdout, NULL, _IOLBF, 0);
	lc_w.out = bbt_out_new(stdout, o->fmt == BBT_CFMT_JSON ? BBT_FMT_JSON :
	    BBT_FMT_TSV, 0);
	if (lc_w.out == NULL)
		err(BBT_UNKNOWN, NULL);
	if (o->case_id) {
		/* As the checks do: a watch appended to a day's log is a case
		 * of its own for bbdiag, not part of the one before it. */
		char tb[BBT_TIME_BUFSZ];
		const char *f[3] = { o->case_id, "linecheck",
			bbt_time_rfc3339(bbt_time_now(), tb) };

		bbt_out_rec(lc_w.out, "case", f, 3);
	}
	lc_w.t0 = lc_w.next_prom = lc_now();
	lc_w.start_wall = bbt_time_now();
	lc_w.end = lc_w.t0 + o->watch_ms;
	lc_wgw_init(&lc_w.gw[0], AF_INET, lc_w.lc.icmp.fd4, lc_w.lc.icmp.raw4,
	    lc_w.lc.icmp.ident, o->interval_ms, lc_w.t0);
	lc_wgw_init(&lc_w.gw[1], AF_INET6, lc_w.lc.icmp.fd6, lc_w.lc.icmp.raw6,
	    lc_w.lc.icmp.ident, o->interval_ms, lc_w.t0);
	lc_w_gw_follow(lc_w.t0);
	/* The first requests are no settling: nothing was lost. */
	lc_w.gw[0].gt.up_at = lc_w.gw[1].gt.up_at = 0;
	if (!lc_w.carrier)
		lc_w.down_at = lc_w.t0;	/* an outage from the start */
	start_record();
	lc_watch(&lc_w.lc.loop, sigpipe[0], POLLIN, on_sigpipe, NULL);
	lc_watch(&lc_w.lc.loop, nl_socket_get_fd(lc_w.nl), POLLIN, lc_w_nl_input, NULL);
	for (int i = 0; i < 2; i++)
		if (lc_w.gw[i].fd >= 0)
			lc_watch(&lc_w.lc.loop, lc_w.gw[i].fd, POLLIN, on_icmp,
			    &lc_w.gw[i]);
	while (!stop && (now = lc_now()) < lc_w.end) {
		int64_t wake = lc_wgw_tick(&lc_w.gw[0], now, lc_w.carrier),
		    w6 = lc_wgw_tick(&lc_w.gw[1], now, lc_w.carrier),
		    ew = err_tick(now), dw, pw = prom_tick(now);
		int settled = lc_w.carrier && (lc_w.gw[0].gt.up_at == 0 ||
		    now - lc_w.gw[0].gt.up_at >= LC_GW_SETTLE_MS);

		dw = lc_wdns_tick(&lc_w.lc, now, settled, dns_record);
		if (w6 < wake)
			wake = w6;
		if (ew < wake)
			wake = ew;
		if (dw < wake)
			wake = dw;
		if (pw < wake)
			wake = pw;

		if (lc_poll(&lc_w.lc.loop, wake < lc_w.end ? wake : lc_w.end) < 0) {
			warn("poll");
			break;
		}
	}
	now = lc_now();
	summary(now, stop != 0);
	rc = bbt_state_exit(lc_w.worst);
	if (lc_w.prom != NULL) {
		struct lc_wstats st;

		/* The last file agrees with the summary record. */
		stats(&st, now, 0);
		if (lc_wprom_write(lc_w.prom, &st) < 0 ||
		    lc_wprom_close(lc_w.prom) < 0)
			rc = BBT_UNKNOWN;
	}
	if (bbt_out_close(lc_w.out) < 0 || bbt_close_stdout() < 0)
		rc = BBT_UNKNOWN;
	lc_icmp_close(&lc_w.lc);
	lc_loop_free(&lc_w.lc.loop);
	nl_socket_free(lc_w.nl);
	close(sigpipe[0]);
	close(sigpipe[1]);
	return rc;
}
