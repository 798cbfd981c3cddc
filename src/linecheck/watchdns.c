/* SPDX-License-Identifier: MIT */
/*
 * linecheck --watch: DNS failures. Every ten --interval (at least 1 s)
 * each resolver is asked for the first target's name (A and AAAA, with
 * dns.c's c-ares channels, 500 ms then 1 s); a round where a resolver
 * gives no answer at all (timeout, SERVFAIL, REFUSED) starts or extends
 * its failure burst, the next answered round ends it. Rounds that a
 * carrier loss or the settling after it overlaps are not counted: that
 * outage is the link's.
 */
#include <arpa/inet.h>
#include <ares.h>
#include <err.h>
#include <string.h>

#include "lib/datetime.h"
#include "lib/i18n.h"
#include "linecheck/linecheck.h"
#include "linecheck/watch.h"

static struct {
	int		 on, running;
	int64_t		 next, round_at, round_wall, period;
	int64_t		 spoiled;	/* a carrier loss since round_at */
	struct lc_dnsburst b[LC_MAXT];
	int		 open[LC_MAXT];
	int64_t		 fails;		/* unanswered rounds, all */
} D;

/* The name: the host of the first target that is not an address. */
static const char *
pick_name(struct lc_opts *o, struct lc_url *u)
{
	unsigned char buf[16];

	for (int i = 0; i < o->ntargets; i++) {
		const char *h = o->targets[i];

		if (strstr(h, "://") != NULL) {
			if (lc_url_parse(h, u) != 0 || u->literal)
				continue;
			h = u->host;
		} else if (inet_pton(AF_INET, h, buf) == 1 ||
		    inet_pton(AF_INET6, h, buf) == 1)
			continue;
		return h;
	}
	return NULL;
}

int
lc_wdns_init(struct lc *lc)
{
	static struct lc_url u;
	char list[LC_MAXT][INET6_ADDRSTRLEN];
	const char *name;
	int n;

	memset(&D, 0, sizeof(D));
	if (lc->o->skip & LC_SKIP_DNS || (name = pick_name(lc->o, &u)) == NULL)
		return 0;
	if (lc->o->nresolvers > 0) {
		n = lc->o->nresolvers;
		for (int i = 0; i < n; i++)
			snprintf(list[i], sizeof(list[i]), "%s",
			    lc->o->resolvers[i]);
	} else if ((n = lc_resolv_read(lc->o->resolv_conf, list,
	    LC_MAXT)) < 0) {
		warn("%s", lc->o->resolv_conf);
		return 0;
	}
	lc->names[0] = name;
	lc->nnames = 1;
	lc->ndns = n;
	for (int i = 0; i < n; i++) {
		memcpy(lc->dns[i].server, list[i], sizeof(lc->dns[i].server));
		lc->dns[i].family = strchr(list[i], ':') ? AF_INET6 : AF_INET;
	}
	D.period = 10 * lc->o->interval_ms < 1000 ? 1000 :
	    10 * lc->o->interval_ms;
	D.on = n > 0;
	return 0;
}

/* A resolver answered when some query got an answer from it, even
 * "no such name": it works. */
static int
answered(const struct lc_dns *d)
{
	for (int t = 0; t < 2; t++)
		if (d->q[0][t].status == ARES_SUCCESS ||
		    d->q[0][t].status == ARES_ENODATA ||
		    d->q[0][t].status == ARES_ENOTFOUND)
			return 1;
	return 0;
}

static void
round_end(struct lc *lc, int64_t now, lc_wdns_report *report)
{
	lc_dns_close(lc);
	D.running = 0;
	if (D.spoiled)
		return;
	for (int i = 0; i < lc->ndns; i++) {
		struct lc_dnsburst *b = &D.b[i];

		if (!answered(&lc->dns[i])) {
			if (!D.open[i]) {
				D.open[i] = 1;
				memset(b, 0, sizeof(*b));
				b->server = lc->dns[i].server;
				b->start = D.round_at;
				b->wall = D.round_wall;
				b->rcode = lc_dns_rcode(lc->dns[i].q[0][0].status);
			}
			b->fails++;
			D.fails++;
		} else if (D.open[i]) {
			D.open[i] = 0;
			b->len_ms = now - b->start;
			report(b, NULL);
		}
	}
}

int64_t
lc_wdns_tick(struct lc *lc, int64_t now, int link_ok, lc_wdns_report *report)
{
	int64_t wake;

	if (!D.on)
		return LC_NEVER;
	if (!link_ok)
		D.spoiled = 1;
	if (D.running && lc_dns_done(lc))
		round_end(lc, now, report);
	if (!D.running && now >= D.next && link_ok) {
		for (int i = 0; i < lc->ndns; i++) {
			memset(lc->dns[i].q, 0, sizeof(lc->dns[i].q));
			lc->dns[i].ran = 0;
		}
		D.round_at = now;
		D.round_wall = bbt_time_now();
		D.spoiled = 0;
		D.next = now + D.period;
		if (lc_dns_start(lc) == 0)
			D.running = 1;
		else
			lc_dns_close(lc);
	}
	wake = D.running ? lc_dns_tick(lc, now) : LC_NEVER;
	if (wake > D.next)
		wake = D.next;
	return wake;
}

void
lc_wdns_end(struct lc *lc, int64_t now, lc_wdns_report *report)
{
	if (D.running)
		lc_dns_close(lc);
	for (int i = 0; i < lc->ndns && D.on; i++)
		if (D.open[i]) {
			D.open[i] = 0;
			D.b[i].len_ms = now - D.b[i].start;
			report(&D.b[i], "watch");
		}
}

int64_t
lc_wdns_fails(void)
{
	return D.fails;
}
