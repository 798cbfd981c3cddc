/* SPDX-License-Identifier: MIT */
/*
 * One run: read the link with netlink, open the privileged handles and
 * drop the privilege, start every probe at once, drive them all from one
 * poll loop until each is done or the total deadline passes, then write
 * the records. Nothing waits for anything it does not depend on.
 */
#include <arpa/inet.h>
#include <err.h>
#include <errno.h>
#include <net/if.h>
#include <stdlib.h>
#include <string.h>

#include "lib/checks.h"
#include "lib/file.h"
#include "lib/i18n.h"
#include "lib/out.h"
#include "lib/priv.h"
#include "lib/progress.h"
#include "linecheck/linecheck.h"
#include "linecheck/watch.h"

#ifndef CAP_NET_RAW
#define CAP_NET_RAW 13
#endif

static void
add_name(struct lc *lc, const char *n)
{
	for (int i = 0; i < lc->nnames; i++)
		if (strcmp(lc->names[i], n) == 0)
			return;
	if (lc->nnames < LC_MAXT)
		lc->names[lc->nnames++] = n;
}

/* Names to resolve: plain --target names and the hosts of the URLs
 * (address literals need no DNS). */
static void
plan_targets(struct lc *lc)
{
	struct lc_opts *o = lc->o;

	for (int i = 0; i < o->ntargets; i++) {
		if (strstr(o->targets[i], "://") == NULL) {
			unsigned char b[16];

			/* An address needs no resolving. */
			if (inet_pton(AF_INET, o->targets[i], b) != 1 &&
			    inet_pton(AF_INET6, o->targets[i], b) != 1)
				add_name(lc, o->targets[i]);
			continue;
		}
		if (lc_url_parse(o->targets[i], &lc->urls[lc->nurls]) != 0)
			continue;
		if (!lc->urls[lc->nurls].literal)
			add_name(lc, lc->urls[lc->nurls].host);
		lc->nurls++;
	}
	/* --speed servers are resolved with everything else. */
	for (int i = 0; i < o->speed.nservers; i++)
		if (o->speed.hosts[i][0])
			add_name(lc, o->speed.hosts[i]);
}

static void
plan_resolvers(struct lc *lc)
{
	char list[LC_MAXT][INET6_ADDRSTRLEN];
	int n;

	if (lc->o->nresolvers > 0) {
		n = lc->o->nresolvers;
		for (int i = 0; i < n; i++)
			snprintf(list[i], sizeof(list[i]), "%s",
			    lc->o->resolvers[i]);
	} else {
		n = lc->nconf_dns;
		memcpy(list, lc->conf_dns, sizeof(list));
		lc->dns_from_conf = 1;
	}
	for (int i = 0; i < n; i++) {
		struct lc_dns *d = &lc->dns[lc->ndns++];

		memcpy(d->server, list[i], sizeof(d->server));
		d->family = strchr(list[i], ':') ? AF_INET6 : AF_INET;
	}
}

/*
 * What to run and what is already decided: a check whose precondition is
 * missing (no IPv4 address, no route) is not started at all and carries
 * the reason, so nothing waits for a timeout that cannot help.
 */
static void
plan(struct lc *lc)
{
	struct lc_opts *o = lc->o;
	struct lc_link *k = &lc->link;
	const struct lc_addr *v4 = lc_link_addr(k, AF_INET, 1);
	const struct lc_addr *v6 = (o->skip & LC_SKIP_IPV6) ? NULL :
	    lc_link_addr(k, AF_INET6, 1);

	if (o->skip & LC_SKIP_DHCP || lc->pcap == NULL)
		lc->l2.dhcp = LC_NOTRUN;
	if (o->skip & LC_SKIP_ARP || lc->pcap == NULL || v4 == NULL)
		lc->l2.arp = LC_NOTRUN;
	if (o->skip & LC_SKIP_IPV6 || lc->pcap == NULL)
		lc->l2.ra = LC_NOTRUN;
	if (!(o->skip & LC_SKIP_PING)) {
		if (v4 && k->has_route4 && !k->gw4[0] && v4->peer[0] &&
		    strlen(v4->peer) < sizeof(k->gw4))
			memcpy(k->gw4, v4->peer, strlen(v4->peer) + 1);
		if (v4 && k->has_route4 && k->gw4[0])
			lc_ping_add(lc, "gw.ping", k->gw4);
		if (v6 && k->has_route6 && k->gw6[0])
			lc_ping_add(lc, "gw.ping", k->gw6);
		for (int i = 0; i < o->npings; i++) {
			int six = strchr(o->pings[i], ':') != NULL;

			lc_ping_add(lc, "ping.target", o->pings[i]);
			if ((six && (!v6 || (o->skip & LC_SKIP_IPV6))) ||
			    (!six && !v4)) {
				lc->pings[lc->npings - 1].st = LC_NOTRUN;
				lc->pings[lc->npings - 1].skipped = "ip.address";
			}
		}
	}
	if (!(o->skip & LC_SKIP_DNS)) {
		plan_resolvers(lc);
		for (int i = 0; i < lc->ndns; i++)
			if ((lc->dns[i].family == AF_INET && !v4) ||
			    (lc->dns[i].family == AF_INET6 && !v6))
				lc->dns[i].skipped = "ip.address";
	}
	if (!(o->skip & LC_SKIP_HTTP))
		for (int i = 0; i < lc->nurls; i++)
			for (int f = 0; f < 2; f++) {
				int fam = f ? AF_INET6 : AF_INET;
				struct lc_http *h;

				if (lc->urls[i].literal && lc->urls[i].literal
				    != fam)
					continue;
				if (fam == AF_INET6 && (!v6 || !k->has_route6))
					continue;
				h = &lc->http[lc->nhttp++];
				h->u = lc->urls[i];
				h->family = fam;
				if (fam == AF_INET && !v4) {
					h->st = LC_NOTRUN;
					h->skipped = "ip.address";
				} else if (fam == AF_INET && !k->has_route4) {
					h->st = LC_NOTRUN;
					h->skipped = "ip.route";
				}
			}
	if (o->skip & LC_SKIP_MTU)
		lc->mtu.st = LC_NOTRUN;
	else if (!v4) {
		lc->mtu.st = LC_NOTRUN;
		lc->mtu.skipped = "ip.address";
	} else if (!k->has_route4 && !o->mtu_target) {
		lc->mtu.st = LC_NOTRUN;
		lc->mtu.skipped = "ip.route";
	} else if (lc->icmp.fd4 < 0)
		lc->mtu.st = LC_NOTRUN;
}

/* The path MTU target: given, else the first web target once its
 * address is known, else the gateway. */
static void
mtu_pick(struct lc *lc)
{
	const char *a;

	if (lc->mtu.st != LC_IDLE)
		return;
	if (lc->o->mtu_target) {
		lc_mtu_begin(lc, lc->o->mtu_target, "target");
		return;
	}
	for (int i = 0; i < lc->nurls; i++) {
		const struct lc_url *u = &lc->urls[i];

		if (u->literal == AF_INET) {
			lc_mtu_begin(lc, u->host, "web");
			return;
		}
		if (u->literal)
			continue;
		if ((a = lc_dns_answer(lc, u->host, AF_INET)) != NULL) {
			lc_mtu_begin(lc, a, "web");
			return;
		}
		if (!lc_dns_name_done(lc, u->host))
			return;
	}
	if (lc->link.gw4[0])
		lc_mtu_begin(lc, lc->link.gw4, "gateway");
	else
		lc->mtu.st = LC_NOTRUN;
}

static int64_t
min64(int64_t a, int64_t b)
{
	return a < b ? a : b;
}

/* ---- waiting: the progress line and -v (issue 17) ---------------------- */

static struct bbt_progress waitpg;

/* The groups of checks not done yet, e.g. "DNS, HTTP". */
static void
pending(struct lc *lc, char *b, size_t sz)
{
	static const char *const what[] = { "DHCP/ARP", "ping", "DNS",
		"HTTP" };
	int done[4];
	size_t n = 0;

	done[0] = lc_l2_done(lc);
	done[1] = lc_icmp_done(lc);
	done[2] = lc_dns_done(lc);
	done[3] = lc_http_done(lc);
	b[0] = '\0';
	for (int i = 0; i < 4 && n < sz; i++)
		if (!done[i])
			n += snprintf(b + n, sz - n, "%s%s", n ? ", " : "",
			    what[i]);
}

/* -v says once what the run waits for, and for how long at most. */
static void
wait_begin(struct lc *lc)
{
	char b[64];

	bbt_progress_init(&waitpg, stderr, lc->o->common.quiet ? 0 : -1, 250);
	pending(lc, b, sizeof(b));
	if (lc->verbose && b[0])
		warnx(_("waiting up to %lld ms for: %s"),
		    (long long)(lc->deadline - lc->start), b);
}

/* On a terminal: what is still pending, against the deadline. Returns
 * when the loop must wake to redraw it. */
static int64_t
wait_show(struct lc *lc, int64_t now)
{
	char b[64];

	if (!waitpg.on)
		return INT64_MAX;
	pending(lc, b, sizeof(b));
	bbt_progress_update(&waitpg, _("waiting for %s: %.1f s of %.1f s"),
	    b, (now - lc->start) / 1000.0, (lc->deadline - lc->start) / 1000.0);
	return now + waitpg.interval_ms;
}

/* -v: when each group of checks was done, to see what a run waits for. */
static void
progress(struct lc *lc, int64_t now)
{
	static const char *const what[] = { "dhcp/arp", "icmp", "dns", "http" };
	int done[4];

	if (!lc->verbose)
		return;
	done[0] = lc_l2_done(lc);
	done[1] = lc_icmp_done(lc);
	done[2] = lc_dns_done(lc);
	done[3] = lc_http_done(lc);
	for (int i = 0; i < 4; i++)
		if (done[i] && !(lc->reported & 1u << i)) {
			lc->reported |= 1u << i;
			bbt_progress_clear(&waitpg);
			warnx(_("%s checks done after %lld ms"), what[i],
			    (long long)(now - lc->start));
		}
}

/*
 * The event loop: every module advances its timers and says when it
 * next needs the CPU; poll sleeps until then or until a socket is ready.
 * The loop ends when everything is done or at the absolute deadline.
 */
static void
loop(struct lc *lc)
{
	for (;;) {
		int64_t now = lc_now(), wake = lc->deadline;

		if (now >= lc->deadline)
			break;
		mtu_pick(lc);
		wake = min64(wake, lc_l2_tick(lc, now));
		wake = min64(wake, lc_dns_tick(lc, now));
		wake = min64(wake, lc_http_tick(lc, now));
		mtu_pick(lc);
		wake = min64(wake, lc_icmp_tick(lc, now));
		progress(lc, now);
		if (lc_l2_done(lc) && lc_icmp_done(lc) && lc_dns_done(lc) &&
		    lc_http_done(lc))
			break;
		wake = min64(wake, wait_show(lc, now));
		if (lc_poll(&lc->loop, wake) < 0) {
			warn("poll");
			break;
		}
	}
}

/*
 * The files of the run are read while still root: afterwards the process
 * is nobody (or $BBTOOLS_USER), and a root-only resolv.conf or CA file
 * would no longer open.
 */
static int
read_files(struct lc *lc)
{
	struct lc_opts *o = lc->o;

	if (lc->link.carrier && !(o->skip & LC_SKIP_DNS) &&
	    o->nresolvers == 0) {
		lc->nconf_dns = lc_resolv_read(o->resolv_conf, lc->conf_dns,
		    LC_MAXT);
		if (lc->nconf_dns < 0) {
			warn("%s", o->resolv_conf);
			lc->nconf_dns = 0;
		}
	}
	if (o->cacert && lc_http_ca_load(lc) < 0) {
		warn("%s", o->cacert);
		return -1;
	}
	return 0;
}

static int
open_privileged(struct lc *lc)
{
	struct lc_opts *o = lc->o;
	int need_l2 = !(o->skip & LC_SKIP_DHCP) || !(o->skip & LC_SKIP_ARP) ||
	    o->lldp;
	int need_icmp = !(o->skip & LC_SKIP_PING) || !(o->skip & LC_SKIP_MTU);
	int rc;

	lc->icmp.fd4 = lc->icmp.fd6 = lc->icmp.fdmtu = -1;
	/* DHCP, ARP and LLDP are Ethernet things: not on PPP or tunnels. */
	if (lc->link.carrier && need_l2 && lc->link.ether) {
		(void)bbt_priv_raise(CAP_NET_RAW);
		if (lc_l2_open(lc) < 0)
			warnx(_("%s: cannot capture (DHCP and ARP checks need "
			    "CAP_NET_RAW): %s"), lc->link.name, lc->pcap_errbuf);
	}
	if (lc->link.carrier && need_icmp && lc_icmp_open(lc) < 0)
		warnx(_("%s: cannot open an ICMP socket: ping sockets are "
		    "off (net.ipv4.ping_group_range) and raw sockets need "
		    "CAP_NET_RAW"), lc->link.name);
	/* A scan trigger needs CAP_NET_ADMIN: sent now, heard at the end. */
	if (!(o->skip & LC_SKIP_WIFI) && lc_wifi_open(lc) < 0)
		warnx(_("%s: cannot open a generic netlink socket for "
		    "nl80211"), lc->link.name);
	rc = read_files(lc);
	/* From here on no privilege: parsing replies runs without it. */
	if (bbt_priv_drop() < 0) {
		warn(_("cannot drop privileges"));
		return -1;
	}
	return rc;
}

/* The checks to standard output, or to -o FILE replaced atomically (a
 * device or FIFO written in place, lib/file.c). */
static int
write_output(struct lc_opts *o, const struct bbt_checks *cs)
{
	struct bbt_afile af;

	if (bbt_afile_open(&af, o->output ? o->output : "-") < 0) {
		warn("%s", o->output);
		return -1;
	}
	if (bbt_checks_write(cs, af.fp, (enum bbt_check_format)o->fmt,
	    bbt_common_color(&o->common, af.fp)) < 0) {
		if (o->output)
			warn("%s", o->output);
		bbt_afile_abort(&af);
		return -1;
	}
	if (bbt_afile_commit(&af) < 0) {
		warn("%s", o->output ? o->output : _("standard output"));
		return -1;
	}
	return 0;
}

int
linecheck_run(struct lc_opts *o)
{
	static struct lc lc;
	struct bbt_checks cs;
	char ifn[32];
	int rc, cut = 0;

	memset(&lc, 0, sizeof(lc));
	lc.o = o;
	lc.verbose = o->common.verbose;
	if (o->iface == NULL) {
		if (lc_nl_default_iface(ifn, sizeof(ifn)) < 0) {
			warnx(_("no default route: name the interface to "
			    "check with -i"));
			(void)bbt_priv_drop();
			return BBT_UNKNOWN;
		}
		o->iface = ifn;
	}
	if (lc_nl_link(o->iface, &lc.link, 0) < 0) {
		warnx(_("cannot read the interfaces through netlink"));
		(void)bbt_priv_drop();
		return BBT_UNKNOWN;
	}
	if (!lc.link.exists) {
		warnx(_("%s: no such interface"), o->iface);
		(void)bbt_priv_drop();
		return BBT_UNKNOWN;
	}
	if (lc.link.loopback) {
		warnx(_("%s is the loopback interface: name the line's "
		    "interface with -i"), o->iface);
		(void)bbt_priv_drop();
		return BBT_UNKNOWN;
	}
	if (o->speed.wired != NULL && (if_nametoindex(o->speed.wired) == 0 ||
	    strcmp(o->speed.wired, o->iface) == 0)) {
		warnx(if_nametoindex(o->speed.wired) == 0 ?
		    _("%s: no such interface") :
		    _("--wired %s is the interface of -i: name the wired one"),
		    o->speed.wired);
		(void)bbt_priv_drop();
		return BBT_UNKNOWN;
	}
	if (o->watch_ms)
		return linecheck_watch(o);
	if (open_privileged(&lc) < 0)
		return BBT_UNKNOWN;
	lc.start = lc_now();
	lc.deadline = lc.start + o->timeout_ms;
	if (!(o->skip & LC_SKIP_LINK))
		lc_nl_ethtool(&lc.link);
	plan_targets(&lc);
	if (lc.link.carrier) {
		plan(&lc);
		if (lc_http_init(&lc) < 0 || lc_dns_start(&lc) < 0) {
			warnx(_("cannot initialise the DNS or HTTP library"));
			return BBT_UNKNOWN;
		}
		lc_l2_start(&lc);
		lc_icmp_start(&lc);
		wait_begin(&lc);
		loop(&lc);
		bbt_progress_clear(&waitpg);
		if (lc.verbose && lc_now() >= lc.deadline)
			warnx(_("the deadline of %lld ms has passed: what has "
			    "not answered is reported as a timeout"),
			    (long long)o->timeout_ms);
		lc_http_close(&lc);
		lc_dns_close(&lc);
		lc_l2_close(&lc);
		lc_icmp_close(&lc);
	}
	/* The second counter sample closes the window of link.errors. */
	(void)lc_nl_link(o->iface, &lc.link, 1);
	lc_wifi_end(&lc, lc.deadline);
	bbt_checks_init(&cs, "linecheck");
	if (o->case_id && (cs.case_id = strdup(o->case_id)) == NULL)
		err(BBT_UNKNOWN, NULL);
	lc_verdict(&lc, &cs);
	lc_wifi_verdict(&lc.wifi, lc.link.name, &lc_wifi_default_limits, &cs);
	lc_wifi_close(&lc);
	/* After every other check: it loads the line they measure. */
	if (o->speed.on)
		cut = lc_speed_run(&lc, &cs);
	rc = cut ? BBT_UNKNOWN : bbt_state_exit(bbt_checks_worst(&cs));
	if (write_output(o, &cs) < 0 || bbt_close_stdout() < 0)
		rc = BBT_UNKNOWN;
	bbt_checks_free(&cs);
	lc_loop_free(&lc.loop);
	free(lc.ca);
	lc.ca = NULL;
	return rc;
}
