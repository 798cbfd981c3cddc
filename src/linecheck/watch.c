/* SPDX-License-Identifier: MIT */
/*
 * linecheck --watch: a timeline of what happens to the line, for the
 * customer whose connection "keeps dropping". Carrier, address and
 * default-route changes come from rtnetlink as the kernel announces them
 * (RTNLGRP_LINK, _IPV4_IFADDR, _IPV6_IFADDR, _IPV4_ROUTE, _IPV6_ROUTE),
 * not sampled; gateway loss from an echo request every --interval, error
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
#include <linux/rtnetlink.h>
#include <netlink/msg.h>
#include <netlink/route/addr.h>
#include <netlink/route/link.h>
#include <netlink/route/route.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "lib/datetime.h"
#include "lib/i18n.h"
#include "lib/out.h"
#include "lib/priv.h"
#include "lib/state.h"
#include "linecheck/linecheck.h"
#include "linecheck/watch.h"

#define MAXADDR		32

static volatile sig_atomic_t stop;

static struct wt {
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
	int		 prom_failed;
} W;

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
static void
stamp(char *d, size_t sz, int64_t wall, int64_t mono)
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
static void
event(const char *name, const char *target, enum bbt_state st,
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

static void
outage(int64_t ms)
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
static void
burst_record(struct lc_wgw *g, const struct lc_burst *b, const char *why)
{
	char d[256], v[32];
	size_t n;

	stamp(d, sizeof(d), b->wall, b->start);
	n = strlen(d);
	snprintf(d + n, sizeof(d) - n, " lost=%d family=%s%s%s", b->lost,
	    g->family == AF_INET ? "inet" : "inet6", why ? " end=" : "",
	    why ? why : "");
	snprintf(v, sizeof(v), "%.3f", (double)b->len_ms / 1000.0);
	W.bursts++;
	g->bursts++;
	if (outage_family(g))
		outage(b->len_ms);
	event("watch.gateway", g->addr, b->lost >= 3 ? BBT_CRITICAL :
	    BBT_WARNING, v, "s", d, b->wall);
}

/* Every gateway's burst ends now (carrier or interface lost, end of the
 * watch). */
static void
gw_cut_all(int64_t now, const char *why)
{
	struct lc_burst b;

	for (int i = 0; i < 2; i++)
		if (lc_gw_cut(&W.gw[i].gt, now, &b))
			burst_record(&W.gw[i], &b, why);
}

/* The gateways to ping from now on: those of the default routes. */
static void
gw_follow(int64_t now)
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
	lc_wgw_input(arg, burst_record);
}

/* ---- DNS (watchdns.c) ---------------------------------------------- */

static void
dns_record(const struct lc_dnsburst *b, const char *why)
{
	char d[256], v[32];
	size_t n;

	stamp(d, sizeof(d), b->wall, b->start);
	n = strlen(d);
	snprintf(d + n, sizeof(d) - n, " fails=%d rcode=%s%s%s", b->fails,
	    b->rcode, why ? " end=" : "", why ? why : "");
	snprintf(v, sizeof(v), "%.3f", (double)b->len_ms / 1000.0);
	W.dns_bursts++;
	event("watch.dns", b->server, BBT_WARNING, v, "s", d, b->wall);
}

/* ---- error frames: the counters every LC_ERR_PERIOD_MS ------------- */

static void
err_record(const struct lc_errburst *b, const char *why)
{
	char d[256], v[32];
	size_t n;
	uint64_t sum = b->crc + b->frame;

	stamp(d, sizeof(d), b->wall, b->start);
	n = strlen(d);
	snprintf(d + n, sizeof(d) - n, " length_s=%.3f rx_crc=%llu "
	    "rx_frame=%llu%s%s", (double)b->len_ms / 1000.0,
	    (unsigned long long)b->crc, (unsigned long long)b->frame,
	    why ? " end=" : "", why ? why : "");
	snprintf(v, sizeof(v), "%llu", (unsigned long long)sum);
	W.err_bursts++;
	event("watch.errors", W.lc.link.name, sum > (uint64_t)W.o->errors_crit ?
	    BBT_CRITICAL : BBT_WARNING, v, "frames", d, b->wall);
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

/* ---- the link and its addresses (rtnetlink) ------------------------ */

/* The link's facts from a message or a fresh dump (k->speed unused). */
static void
link_facts(struct lc_link *kp)
{
	struct lc_link k = *kp;
	char d[256], v[32];
	int64_t now = lc_now(), wall = bbt_time_now();
	uint64_t cc;
	size_t n;

	stamp(d, sizeof(d), wall, now);
	n = strlen(d);
	cc = k.st0.carrier_changes - W.cc;
	W.cc = k.st0.carrier_changes;
	if (k.carrier == W.carrier) {
		/*
		 * The kernel sends carrier changes at most once a second
		 * (linkwatch); a shorter flap can come as one message with
		 * the carrier as it was and the counter two higher.
		 */
		if (cc < 2 || cc > 1000)
			return;
		W.flaps += (int)(cc / 2);
		snprintf(d + n, sizeof(d) - n, " flaps=%d", (int)(cc / 2));
		event("watch.link", W.lc.link.name, BBT_CRITICAL, "flap", NULL,
		    d, wall);
		return;
	}
	W.carrier = k.carrier;
	if (!k.carrier) {
		/* The requests out now die with the carrier, and so does
		 * a loss burst: the rest of the outage is the link's. */
		gw_cut_all(now, "link");
		W.down_at = now;
		W.flaps++;
		snprintf(d + n, sizeof(d) - n, " operstate=%s", k.operstate);
		event("watch.link", W.lc.link.name, BBT_CRITICAL, "down", NULL,
		    d, wall);
		return;
	}
	snprintf(d + n, sizeof(d) - n, " down_s=%.3f",
	    (double)(now - W.down_at) / 1000.0);
	outage(now - W.down_at);
	W.down_at = 0;
	W.gw[0].gt.up_at = W.gw[1].gt.up_at = now;
	event("watch.link", W.lc.link.name, BBT_OK, "up", NULL, d, wall);
	/* A renegotiation shows after the carrier returns. */
	k.speed = -1;
	lc_nl_ethtool(&k);
	if (k.eth_ok && k.speed > 0 && W.speed <= 0)
		W.speed = k.speed;	/* the first speed known: no change */
	if (k.eth_ok && k.speed > 0 && k.speed != W.speed) {
		stamp(d, sizeof(d), wall, now);
		n = strlen(d);
		snprintf(d + n, sizeof(d) - n, " from=%ld", W.speed);
		snprintf(v, sizeof(v), "%ld", k.speed);
		W.speed = k.speed;
		event("watch.link", W.lc.link.name, BBT_WARNING, v, "Mbit/s",
		    d, wall);
	}
}

/*
 * The interface was deleted (a USB modem or Wi-Fi card pulled, a driver
 * reloaded, a PPP or VLAN interface torn down): an outage until one of
 * the same name comes back. The kernel says nothing of the IPv4 routes
 * that went with it: they are forgotten here.
 */
static void
link_gone(void)
{
	char d[256];
	int64_t now = lc_now(), wall = bbt_time_now();
	size_t n;

	gw_cut_all(now, "link");
	if (W.carrier || W.down_at == 0)
		W.down_at = now;
	W.gone = 1;
	W.carrier = 0;
	W.has4 = W.has6 = 0;
	gw_follow(now);
	stamp(d, sizeof(d), wall, now);
	n = strlen(d);
	snprintf(d + n, sizeof(d) - n, " ifindex=%d", W.lc.link.ifindex);
	event("watch.link", W.lc.link.name, BBT_CRITICAL, "gone", NULL, d,
	    wall);
}

/* An interface of the watched name appeared: it is watched from now on,
 * its carrier, addresses and routes as they come. */
static void
link_back(struct lc_link *k)
{
	char d[256];
	int64_t now = lc_now(), wall = bbt_time_now();
	size_t n;

	W.gone = 0;
	W.lc.link.ifindex = k->ifindex;
	W.cc = k->st0.carrier_changes;
	W.et.have = 0;		/* new counters: a new baseline */
	stamp(d, sizeof(d), wall, now);
	n = strlen(d);
	snprintf(d + n, sizeof(d) - n, " ifindex=%d operstate=%s",
	    k->ifindex, k->operstate);
	event("watch.link", W.lc.link.name, BBT_WARNING, "back", NULL, d,
	    wall);
	if (k->carrier)
		link_facts(k);
}

static void
link_changed(struct rtnl_link *l, int deleted)
{
	static struct lc_link k;
	const char *name = rtnl_link_get_name(l);

	memset(&k, 0, sizeof(k));
	lc_nl_link_take(&k, l, W.lc.link.name);
	if (deleted && !W.gone && k.ifindex == W.lc.link.ifindex)
		link_gone();
	else if (!deleted && W.gone && name && strcmp(name, W.o->iface) == 0)
		link_back(&k);
	else if (!deleted && !W.gone && k.ifindex == W.lc.link.ifindex)
		link_facts(&k);
}

static int
addr_find(const char *a)
{
	for (int i = 0; i < W.naddrs; i++)
		if (strcmp(W.addrs[i], a) == 0)
			return i;
	return -1;
}

static void
addr_event(const char *s, int family, int added)
{
	char d[256];
	int i = addr_find(s);
	size_t n;
	int64_t now = lc_now(), wall = bbt_time_now();

	/* Lifetime refreshes (a DHCP renewal) and DAD flag changes come as
	 * new-address messages too: only a real change is an event. */
	if (added == (i >= 0))
		return;
	if (added && W.naddrs < MAXADDR)
		snprintf(W.addrs[W.naddrs++], sizeof(W.addrs[0]), "%s", s);
	else if (!added)
		memcpy(W.addrs[i], W.addrs[--W.naddrs], sizeof(W.addrs[0]));
	stamp(d, sizeof(d), wall, now);
	n = strlen(d);
	snprintf(d + n, sizeof(d) - n, " event=%s family=%s",
	    added ? "added" : "removed",
	    family == AF_INET ? "inet" : "inet6");
	W.naddr_ev++;
	event("watch.addr", W.lc.link.name, BBT_WARNING, s, NULL, d, wall);
}

static void
addr_changed(struct rtnl_addr *a, int added)
{
	static struct lc_link k;
	char s[INET6_ADDRSTRLEN + 4];

	memset(&k, 0, sizeof(k));
	k.ifindex = W.lc.link.ifindex;
	lc_nl_addr_take(&k, a);
	if (k.naddrs != 1)
		return;
	snprintf(s, sizeof(s), "%s/%d", k.addrs[0].addr, k.addrs[0].prefix);
	addr_event(s, k.addrs[0].family, added);
}

/*
 * A default route on our interface added or removed: a DHCP lease with
 * another gateway, a router advertisement's lifetime running out. A
 * route message that changes neither (an RA refreshing its lifetime, a
 * link-down flag) is no event.
 */
static void
route_event(int family, const char *gw, int added)
{
	int *has = family == AF_INET ? &W.has4 : &W.has6;
	char *cur = family == AF_INET ? W.lc.link.gw4 : W.gw6;
	size_t sz = family == AF_INET ? sizeof(W.lc.link.gw4) : sizeof(W.gw6);
	char d[256];
	size_t n;
	int64_t now = lc_now(), wall = bbt_time_now();
	struct lc_burst b;

	if (added ? *has && strcmp(cur, gw) == 0 : !*has || strcmp(cur, gw))
		return;
	/* A loss burst to the old gateway ends here. */
	if (lc_gw_cut(&W.gw[family == AF_INET ? 0 : 1].gt, now, &b))
		burst_record(&W.gw[family == AF_INET ? 0 : 1], &b, "route");
	*has = added;
	snprintf(cur, sz, "%s", gw);
	stamp(d, sizeof(d), wall, now);
	n = strlen(d);
	snprintf(d + n, sizeof(d) - n, " event=%s family=%s",
	    added ? "added" : "removed", family == AF_INET ? "inet" : "inet6");
	W.route_ev++;
	event("watch.route", W.lc.link.name, added ? BBT_WARNING :
	    BBT_CRITICAL, gw[0] ? gw : NULL, NULL, d, wall);
	gw_follow(now);
}

static void
route_changed(struct rtnl_route *r, int added)
{
	static struct lc_link k;

	memset(&k, 0, sizeof(k));
	k.ifindex = W.lc.link.ifindex;
	lc_nl_route_take(&k, r);
	if (k.has_route4)
		route_event(AF_INET, k.gw4, added);
	if (k.has_route6)
		route_event(AF_INET6, k.gw6, added);
}

static void
on_object(struct nl_object *obj, void *arg)
{
	int t = nl_object_get_msgtype(obj);

	(void)arg;
	if (t == RTM_NEWLINK || t == RTM_DELLINK)
		link_changed((struct rtnl_link *)obj, t == RTM_DELLINK);
	else if (t == RTM_NEWADDR || t == RTM_DELADDR)
		addr_changed((struct rtnl_addr *)obj, t == RTM_NEWADDR);
	else if (t == RTM_NEWROUTE || t == RTM_DELROUTE)
		route_changed((struct rtnl_route *)obj, t == RTM_NEWROUTE);
}

static int
on_msg(struct nl_msg *msg, void *arg)
{
	(void)nl_msg_parse(msg, on_object, arg);
	return NL_OK;
}

/*
 * The socket's buffer overflowed (ENOBUFS): messages are gone, so the
 * link and its addresses are read afresh and compared with what we knew.
 */
static void
resync(void)
{
	static struct lc_link k;
	char s[INET6_ADDRSTRLEN + 4];

	warnx(_("netlink: events were lost (receive buffer full)"));
	memset(&k, 0, sizeof(k));
	if (lc_nl_link(W.o->iface, &k, 0) < 0)
		return;
	if (!k.exists && !W.gone)
		link_gone();
	if (!k.exists)
		return;
	if (W.gone || k.ifindex != W.lc.link.ifindex) {
		if (!W.gone)
			link_gone();
		link_back(&k);
	} else
		link_facts(&k);
	for (int i = 0; i < k.naddrs; i++) {
		snprintf(s, sizeof(s), "%s/%d", k.addrs[i].addr,
		    k.addrs[i].prefix);
		addr_event(s, k.addrs[i].family, 1);
	}
	for (int i = W.naddrs - 1; i >= 0; i--) {
		int found = 0;

		for (int j = 0; j < k.naddrs && !found; j++) {
			snprintf(s, sizeof(s), "%s/%d", k.addrs[j].addr,
			    k.addrs[j].prefix);
			found = strcmp(s, W.addrs[i]) == 0;
		}
		if (!found) {
			snprintf(s, sizeof(s), "%s", W.addrs[i]);
			addr_event(s, strchr(s, ':') ? AF_INET6 : AF_INET, 0);
		}
	}
}

static void
on_nl(void *arg, int fd, short rev)
{
	(void)arg;
	(void)fd;
	(void)rev;
	if (nl_recvmsgs_default(W.nl) < 0)
		resync();
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

static int
nl_open(void)
{
	if ((W.nl = nl_socket_alloc()) == NULL)
		return -1;
	nl_socket_disable_seq_check(W.nl);
	nl_socket_modify_cb(W.nl, NL_CB_VALID, NL_CB_CUSTOM, on_msg, NULL);
	if (nl_connect(W.nl, NETLINK_ROUTE) < 0 ||
	    nl_socket_add_memberships(W.nl, RTNLGRP_LINK, RTNLGRP_IPV4_IFADDR,
	    RTNLGRP_IPV6_IFADDR, RTNLGRP_IPV4_ROUTE, RTNLGRP_IPV6_ROUTE,
	    0) < 0 ||
	    nl_socket_set_nonblocking(W.nl) < 0)
		return -1;
	return 0;
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

	stamp(d, sizeof(d), bbt_time_now(), W.t0);
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
	gw_cut_all(now, "watch");
	if (lc_err_cut(&W.et, now, &eb))
		err_record(&eb, "watch");
	lc_wdns_end(&W.lc, now, dns_record);
	if (W.down_at != 0)
		outage(now - W.down_at);
	W.down_at = 0;
	stamp(d, sizeof(d), bbt_time_now(), now);
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

	if (nl_open() < 0) {
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
	gw_follow(W.t0);
	/* The first requests are no settling: nothing was lost. */
	W.gw[0].gt.up_at = W.gw[1].gt.up_at = 0;
	if (!W.carrier)
		W.down_at = W.t0;	/* an outage from the start */
	start_record();
	lc_watch(&W.lc.loop, sigpipe[0], POLLIN, on_sigpipe, NULL);
	lc_watch(&W.lc.loop, nl_socket_get_fd(W.nl), POLLIN, on_nl, NULL);
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
		if (lc_wprom_write(W.prom, &st) < 0 ||
		    lc_wprom_close(W.prom) < 0)
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
