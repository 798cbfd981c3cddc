/* SPDX-License-Identifier: MIT */
/*
 * From measurements to check records (bbt-record(5), names fixed by the
 * contract with bbdiag). Statuses use the thresholds of the options; then
 * the root cause is kept and what failed only because of it becomes
 * "skipped" with after=<check>, so a dead link or gateway reads as one
 * fault, not nine.
 */
#include <arpa/inet.h>
#include <ares.h>
#include <curl/curl.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "lib/ether.h"
#include "lib/rec.h"
#include "linecheck/linecheck.h"

#define DSZ	LC_DSZ

/* A number without trailing zeros: 12.5, 3, 0.25. */
static const char *
num(char *buf, double v, int dec)
{
	char *p;

	snprintf(buf, 32, "%.*f", dec, v);
	if (strchr(buf, '.') != NULL) {
		p = buf + strlen(buf) - 1;
		while (*p == '0')
			*p-- = '\0';
		if (*p == '.')
			*p = '\0';
	}
	if (strcmp(buf, "-0") == 0)
		strcpy(buf, "0");
	return buf;
}

/* One key=value into a detail of LC_DSZ bytes; an empty value is "-". */
void
lc_kv(char *d, const char *key, const char *fmt, ...)
{
	char v[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(v, sizeof(v), fmt, ap);
	va_end(ap);
	(void)bbt_kv_append(d, LC_DSZ, key, v[0] ? v : "-");
}

static void
kvnum(char *d, const char *key, double v, int dec)
{
	char b[32];

	lc_kv(d, key, "%s", num(b, v, dec));
}

static const char *
skip_detail(char *d, const char *after)
{
	d[0] = '\0';
	lc_kv(d, "after", "%s", after);
	return d + (d[0] == ' ');
}

static const char *
trim(const char *d)
{
	return d[0] == ' ' ? d + 1 : d;
}

/* ip is inside the subnet of a: reachable without the gateway. */
static int
on_link(const struct lc_addr *a, const char *ip)
{
	struct in_addr x, y;
	uint32_t m;

	if (a == NULL || inet_pton(AF_INET, a->addr, &x) != 1 ||
	    inet_pton(AF_INET, ip, &y) != 1)
		return 0;
	m = a->prefix == 0 ? 0 : htonl(~0u << (32 - a->prefix));
	return (x.s_addr & m) == (y.s_addr & m);
}

static void
ipstr(uint32_t ip, char *b)
{
	struct in_addr a = { htonl(ip) };

	inet_ntop(AF_INET, &a, b, INET_ADDRSTRLEN);
}

/* Makes a failed check "skipped" because of after, keeping its facts. */
static void
demote(struct bbt_check *k, const char *after)
{
	char d[DSZ] = "";
	char *nd;

	if (k->status == BBT_OK || k->status == BBT_INFO ||
	    k->status == BBT_SKIPPED)
		return;
	lc_kv(d, "after", "%s", after);
	if (k->detail)
		snprintf(d + strlen(d), sizeof(d) - strlen(d), " %s",
		    k->detail);
	if ((nd = strdup(trim(d))) == NULL)
		return;
	free(k->detail);
	k->detail = nd;
	k->status = BBT_SKIPPED;
}

/* Replaces the after= item of a skipped check. */
static void
reafter(struct bbt_check *k, const char *after)
{
	char d[DSZ] = "", key[64], val[512];
	const char *p = k->detail;
	char *nd;

	lc_kv(d, "after", "%s", after);
	while (p && bbt_kv_next(&p, key, sizeof(key), val, sizeof(val)) == 1)
		if (strcmp(key, "after") != 0)
			lc_kv(d, key, "%s", val);
	if ((nd = strdup(trim(d))) == NULL)
		return;
	free(k->detail);
	k->detail = nd;
}

static struct bbt_check *
find(struct bbt_checks *cs, const char *name, const char *fam)
{
	for (size_t i = 0; i < cs->n; i++) {
		char f[16];

		if (strcmp(cs->v[i].name, name) != 0)
			continue;
		if (fam && (!bbt_kv_get(cs->v[i].detail, "family", f,
		    sizeof(f)) || strcmp(f, fam) != 0))
			continue;
		return &cs->v[i];
	}
	return NULL;
}

static int
bad(const struct bbt_check *k)
{
	return k && (k->status == BBT_CRITICAL || k->status == BBT_WARNING ||
	    k->status == BBT_UNKNOWN);
}

/* link.*: carrier, speed/duplex (none for virtual links), the error
 * counters as deltas over the run, the MTU. */
static void
v_link(struct lc *lc, struct bbt_checks *cs)
{
	struct lc_link *k = &lc->link;
	struct bbt_check *ek;
	char d[DSZ] = "", b[32];
	const char *after = k->carrier ? NULL : "link.carrier";
	uint64_t crc = 0, frame = 0, drop = 0, coll = 0, flaps = 0;
	enum bbt_state st;

	if (k->st1.ok) {
		crc = k->st1.rx_crc - k->st0.rx_crc;
		frame = k->st1.rx_frame - k->st0.rx_frame;
		drop = k->st1.rx_dropped - k->st0.rx_dropped;
		coll = k->st1.collisions - k->st0.collisions;
		flaps = k->st1.carrier_changes - k->st0.carrier_changes;
	}
	lc_kv(d, "operstate", "%s", k->operstate);
	lc_kv(d, "carrier_changes", "%llu",
	    (unsigned long long)k->st0.carrier_changes);
	lc_kv(d, "flaps", "%llu", (unsigned long long)flaps);
	if (!k->up)
		lc_kv(d, "admin", "down");
	bbt_checks_add(cs, "link.carrier", k->name, k->carrier && !flaps ?
	    BBT_OK : k->carrier ? BBT_WARNING : BBT_CRITICAL,
	    k->carrier ? "up" : "down", NULL, trim(d));

	d[0] = '\0';
	if (k->kind[0]) {
		/* veth and friends report a made-up 10000/full: no PHY. */
		lc_kv(d, "virtual", "%s", k->kind);
		bbt_checks_add(cs, "link.speed", k->name, BBT_INFO, NULL,
		    "Mbit/s", trim(d));
		bbt_checks_add(cs, "link.duplex", k->name, BBT_INFO, NULL,
		    NULL, trim(d));
	} else if (after) {
		bbt_checks_add(cs, "link.speed", k->name, BBT_SKIPPED, NULL,
		    "Mbit/s", skip_detail(d, after));
		bbt_checks_add(cs, "link.duplex", k->name, BBT_SKIPPED, NULL,
		    NULL, skip_detail(d, after));
	} else if (!k->eth_ok || k->speed < 0) {
		lc_kv(d, "error", "unknown");
		bbt_checks_add(cs, "link.speed", k->name, BBT_INFO, NULL,
		    "Mbit/s", trim(d));
		bbt_checks_add(cs, "link.duplex", k->name, BBT_INFO, NULL,
		    NULL, trim(d));
	} else {
		st = k->speed <= 10 || (k->speed == 100 &&
		    k->supported >= 1000) ? BBT_WARNING : BBT_OK;
		lc_kv(d, "duplex", "%s", k->duplex == 1 ? "full" :
		    k->duplex == 0 ? "half" : "-");
		lc_kv(d, "autoneg", "%s", k->autoneg == 1 ? "on" :
		    k->autoneg == 0 ? "off" : "-");
		if (k->supported > 0)
			lc_kv(d, "supported", "%ld", k->supported);
		else
			lc_kv(d, "supported", "-");
		lc_kv(d, "source", "%s", k->eth_src);
		snprintf(b, sizeof(b), "%ld", k->speed);
		bbt_checks_add(cs, "link.speed", k->name, st, b, "Mbit/s",
		    trim(d));
		d[0] = '\0';
		lc_kv(d, "autoneg", "%s", k->autoneg == 1 ? "on" :
		    k->autoneg == 0 ? "off" : "-");
		bbt_checks_add(cs, "link.duplex", k->name, k->duplex == 0 ?
		    BBT_WARNING : k->duplex == 1 ? BBT_OK : BBT_INFO,
		    k->duplex == 1 ? "full" : k->duplex == 0 ? "half" : NULL,
		    NULL, trim(d));
	}

	d[0] = '\0';
	lc_kv(d, "rx_crc", "%llu", (unsigned long long)crc);
	lc_kv(d, "rx_frame", "%llu", (unsigned long long)frame);
	lc_kv(d, "rx_dropped", "%llu", (unsigned long long)drop);
	lc_kv(d, "collisions", "%llu", (unsigned long long)coll);
	lc_kv(d, "window_ms", "%lld", (long long)(k->t1 - k->t0));
	snprintf(b, sizeof(b), "%llu", (unsigned long long)(crc + frame));
	st = (long long)(crc + frame) > lc->o->errors_crit ? BBT_CRITICAL :
	    (long long)(crc + frame) > lc->o->errors_warn ? BBT_WARNING :
	    BBT_OK;
	ek = bbt_checks_add(cs, "link.errors", k->name, k->st1.ok ? st :
	    BBT_UNKNOWN, k->st1.ok ? b : NULL, "frames", trim(d));
	if (ek && k->st1.ok)
		(void)bbt_check_perf(ek, NULL, (double)(crc + frame), "",
		    (double)lc->o->errors_warn, (double)lc->o->errors_crit, 0,
		    NAN);
	snprintf(b, sizeof(b), "%u", k->mtu);
	bbt_checks_add(cs, "link.mtu", k->name, BBT_INFO, b, "bytes", NULL);
}

static void
v_ip(struct lc *lc, struct bbt_checks *cs)
{
	struct lc_link *k = &lc->link;
	const struct lc_addr *a4 = lc_link_addr(k, AF_INET, 1);
	const struct lc_addr *ll4 = lc_link_addr(k, AF_INET, 0);
	const struct lc_addr *a6 = lc_link_addr(k, AF_INET6, 1);
	char d[DSZ] = "", v[80];

	if (!k->carrier) {
		bbt_checks_add(cs, "ip.address", k->name, BBT_SKIPPED, NULL,
		    NULL, skip_detail(d, "link.carrier"));
		return;
	}
	lc_kv(d, "family", "inet");
	if (a4) {
		lc_kv(d, "linklocal", "no");
		lc_kv(d, "dynamic", "%s", a4->dynamic ? "yes" : "no");
		if (a4->dynamic)
			lc_kv(d, "valid_lft", "%ld", a4->valid_lft);
		snprintf(v, sizeof(v), "%s/%d", a4->addr, a4->prefix);
		bbt_checks_add(cs, "ip.address", k->name, BBT_OK, v, NULL,
		    trim(d));
	} else if (ll4) {
		/* RFC 3927: the host gave up on DHCP. */
		lc_kv(d, "linklocal", "yes");
		snprintf(v, sizeof(v), "%s/%d", ll4->addr, ll4->prefix);
		bbt_checks_add(cs, "ip.address", k->name, BBT_CRITICAL, v,
		    NULL, trim(d));
	} else {
		lc_kv(d, "linklocal", "no");
		lc_kv(d, "error", "none");
		bbt_checks_add(cs, "ip.address", k->name, BBT_CRITICAL, NULL,
		    NULL, trim(d));
	}
	if (!(lc->o->skip & LC_SKIP_IPV6)) {
		d[0] = '\0';
		lc_kv(d, "family", "inet6");
		for (int i = 0; i < k->naddrs; i++)
			if (k->addrs[i].family == AF_INET6 &&
			    k->addrs[i].dadfailed) {
				lc_kv(d, "dadfailed", "%s", k->addrs[i].addr);
				break;
			}
		if (a6) {
			lc_kv(d, "linklocal", "no");
			snprintf(v, sizeof(v), "%s/%d", a6->addr, a6->prefix);
			bbt_checks_add(cs, "ip.address", k->name,
			    strstr(d, "dadfailed") ? BBT_WARNING : BBT_OK, v,
			    NULL, trim(d));
		} else {
			/* Many lines have no IPv6 at all: a fact, no fault. */
			lc_kv(d, "global", "no");
			bbt_checks_add(cs, "ip.address", k->name,
			    strstr(d, "dadfailed") ? BBT_WARNING : BBT_INFO,
			    NULL, NULL, trim(d));
		}
	}
	d[0] = '\0';
	if (!a4) {
		lc_kv(d, "after", "ip.address");
		lc_kv(d, "family", "inet");
		bbt_checks_add(cs, "ip.route", k->name, BBT_SKIPPED, NULL,
		    NULL, trim(d));
	} else {
		lc_kv(d, "family", "inet");
		if (!k->has_route4)
			lc_kv(d, "error", "no_default_route");
		bbt_checks_add(cs, "ip.route", k->name, k->has_route4 ?
		    BBT_OK : BBT_CRITICAL, k->has_route4 && k->gw4[0] ? k->gw4 :
		    k->has_route4 ? "direct" : NULL, NULL, trim(d));
	}
	if (a6) {
		d[0] = '\0';
		lc_kv(d, "family", "inet6");
		if (!k->has_route6)
			lc_kv(d, "error", "no_default_route");
		bbt_checks_add(cs, "ip.route", k->name, k->has_route6 ?
		    BBT_OK : BBT_CRITICAL, k->has_route6 && k->gw6[0] ? k->gw6 :
		    k->has_route6 ? "direct" : NULL, NULL, trim(d));
	}
}

static int
offer_cmp(const void *a, const void *b)
{
	uint32_t x = ((const struct lc_offer *)a)->server;
	uint32_t y = ((const struct lc_offer *)b)->server;

	return x < y ? -1 : x > y;
}

/* One record per listed server, then the count; what could not be
 * listed or read is counted in the details (reliability audit F7, F8). */
static void
v_dhcp(struct lc *lc, struct bbt_checks *cs)
{
	struct lc_l2res *r = &lc->l2;
	char d[DSZ], v[64], b[INET_ADDRSTRLEN], mac[18], servers[256] = "";
	int n = r->noffers, total = r->noffers + r->more;
	enum bbt_state st;

	/* Arrival order varies; records do not. */
	qsort(r->offers, (size_t)n, sizeof(r->offers[0]), offer_cmp);
	for (int i = 0; i < n; i++) {
		const struct lc_offer *of = &r->offers[i];
		/* The server that also routes for us is the expected one;
		 * any other is a rogue. */
		int mine = total == 1 || (lc->link.gw4[0] &&
		    (inet_addr(lc->link.gw4) == htonl(of->router) ||
		    inet_addr(lc->link.gw4) == htonl(of->server)));

		d[0] = '\0';
		kvnum(d, "time_ms", of->t_ms, 1);
		ipstr(of->router, b);
		lc_kv(d, "router", "%s", of->router ? b : "-");
		if (of->ndns) {
			char b2[INET_ADDRSTRLEN];

			ipstr(of->dns[0], b);
			ipstr(of->dns[1], b2);
			lc_kv(d, "dns", "%s%s%s", b, of->ndns > 1 ? "," : "",
			    of->ndns > 1 ? b2 : "");
		} else
			lc_kv(d, "dns", "-");
		lc_kv(d, "lease", "%u", of->lease);
		bbt_mac_str(of->mac, mac);
		lc_kv(d, "mac", "%s", mac);
		if (!mine)
			lc_kv(d, "rogue", "yes");
		ipstr(of->yiaddr, v);
		ipstr(of->server, b);
		bbt_checks_add(cs, "dhcp.offer", b, mine ? BBT_OK : BBT_WARNING,
		    v, NULL, trim(d));
		snprintf(servers + strlen(servers), sizeof(servers) -
		    strlen(servers), "%s%s", i ? "," : "", b);
	}
	d[0] = '\0';
	lc_kv(d, "servers", "%s", n ? servers : "-");
	if (r->more)
		lc_kv(d, "more", "%d", r->more);
	if (r->malformed)
		lc_kv(d, "malformed", "%d", r->malformed);
	if (r->dropped)
		lc_kv(d, "dropped", "%u", r->dropped);
	/* No offer while the capture lost frames: perhaps the offers. */
	if (n == 0 && r->dropped) {
		lc_kv(d, "error", "frames_dropped");
		bbt_checks_add(cs, "dhcp.servers", lc->link.name, BBT_UNKNOWN,
		    NULL, NULL, trim(d));
		return;
	}
	st = n == 0 ? BBT_CRITICAL : total > 1 ? BBT_WARNING : BBT_OK;
	snprintf(v, sizeof(v), "%d", total);
	bbt_checks_add(cs, "dhcp.servers", lc->link.name, st, v, NULL, trim(d));
}

static void
v_l2(struct lc *lc, struct bbt_checks *cs)
{
	struct lc_l2res *r = &lc->l2;
	const struct lc_addr *a4 = lc_link_addr(&lc->link, AF_INET, 1);
	char d[DSZ] = "", mac[18];
	const char *name = lc->link.name;

	if (!lc->link.carrier) {
		if (!(lc->o->skip & LC_SKIP_DHCP))
			bbt_checks_add(cs, "dhcp.servers", name, BBT_SKIPPED,
			    NULL, NULL, skip_detail(d, "link.carrier"));
		return;
	}
	if (!lc->link.ether) {
		/* No broadcast domain to probe: say so once. */
		lc_kv(d, "error", "not_ethernet");
		bbt_checks_add(cs, "dhcp.servers", name, BBT_INFO, NULL, NULL,
		    trim(d));
		return;
	}
	if (!(lc->o->skip & LC_SKIP_DHCP)) {
		if (lc->pcap_err || r->dhcp_err) {
			lc_kv(d, "error", "%s", lc->pcap_err == EPERM ?
			    "no_privilege" : "capture");
			bbt_checks_add(cs, "dhcp.servers", name, BBT_UNKNOWN,
			    NULL, NULL, trim(d));
		} else
			v_dhcp(lc, cs);
	}
	if (lc->o->skip & LC_SKIP_ARP)
		return;
	d[0] = '\0';
	if (a4 == NULL) {
		bbt_checks_add(cs, "arp.duplicate", "-", BBT_SKIPPED, NULL,
		    NULL, skip_detail(d, "ip.address"));
		return;
	}
	if (!lc->pcap_ok || r->arp_probes == 0 || r->arp_err) {
		lc_kv(d, "error", "%s", lc->pcap_err == EPERM ? "no_privilege" :
		    "capture");
		bbt_checks_add(cs, "arp.duplicate", a4->addr, BBT_UNKNOWN, NULL,
		    NULL, trim(d));
		return;
	}
	bbt_mac_str(r->conflict_mac, mac);
	lc_kv(d, "mac", "%s", r->conflict ? mac : "-");
	lc_kv(d, "probes", "%d", r->arp_probes);
	if (r->dropped) {
		lc_kv(d, "dropped", "%u", r->dropped);
		/* The answer to a probe may be among the lost frames. */
		if (!r->conflict) {
			lc_kv(d, "error", "frames_dropped");
			bbt_checks_add(cs, "arp.duplicate", a4->addr,
			    BBT_UNKNOWN, NULL, NULL, trim(d));
			return;
		}
	}
	bbt_checks_add(cs, "arp.duplicate", a4->addr, r->conflict ?
	    BBT_CRITICAL : BBT_OK, r->conflict ? mac : NULL, NULL, trim(d));
}

static void
v_ra(struct lc *lc, struct bbt_checks *cs)
{
	struct lc_l2res *r = &lc->l2;
	char d[DSZ] = "";

	if (!lc->link.carrier || !lc->pcap_ok || r->ra == LC_NOTRUN ||
	    r->ra == LC_IDLE)
		return;
	if (!r->ra_seen) {
		/* Many lines have no IPv6: a fact, not a fault. */
		lc_kv(d, "error", "none_heard");
		bbt_checks_add(cs, "ipv6.ra", lc->link.name, BBT_INFO, NULL,
		    NULL, trim(d));
		return;
	}
	lc_kv(d, "prefix", "%s", r->rad.prefix);
	lc_kv(d, "lifetime", "%u", r->rad.lifetime);
	lc_kv(d, "managed", "%s", r->rad.managed ? "yes" : "no");
	lc_kv(d, "other", "%s", r->rad.other ? "yes" : "no");
	lc_kv(d, "slaac", "%s", r->rad.autonomous ? "yes" : "no");
	if (r->rad.mtu)
		lc_kv(d, "mtu", "%u", r->rad.mtu);
	lc_kv(d, "dns", "%s", r->rad.dns);
	kvnum(d, "time_ms", r->ra_ms, 0);
	/* Lifetime 0: "I am not a default router" (RFC 4861 4.2). */
	if (r->rad.lifetime == 0)
		lc_kv(d, "error", "not_default_router");
	bbt_checks_add(cs, "ipv6.ra", lc->link.name, r->rad.lifetime ?
	    BBT_OK : BBT_WARNING, r->rad.router, NULL, trim(d));
}

static void
v_ping(struct lc *lc, struct bbt_checks *cs, struct lc_ping *p,
    int upstream_ok)
{
	char d[DSZ] = "", v[32];
	double mn = 1e9, mx = 0, sum = 0, jit = 0, prev = -1, loss;
	int nj = 0;
	enum bbt_state st;
	struct bbt_check *k;
	const char *fam = p->family == AF_INET6 ? "inet6" : "inet";

	if (p->skipped) {
		skip_detail(d, p->skipped);
		lc_kv(d, "family", "%s", fam);
		bbt_checks_add(cs, p->check, p->target, BBT_SKIPPED, NULL, "%",
		    trim(d));
		return;
	}
	if (p->st == LC_NOTRUN) {
		lc_kv(d, "error", "no_privilege");
		lc_kv(d, "family", "%s", fam);
		bbt_checks_add(cs, p->check, p->target, BBT_UNKNOWN, NULL, "%",
		    trim(d));
		return;
	}
	for (int i = 0; i < p->sent; i++) {
		if (!p->got[i])
			continue;
		mn = p->rtt[i] < mn ? p->rtt[i] : mn;
		mx = p->rtt[i] > mx ? p->rtt[i] : mx;
		sum += p->rtt[i];
		/* RFC 3550-style: mean change between consecutive replies. */
		if (prev >= 0) {
			jit += fabs(p->rtt[i] - prev);
			nj++;
		}
		prev = p->rtt[i];
	}
	loss = p->sent ? 100.0 * (p->sent - p->recv) / p->sent : 100;
	lc_kv(d, "sent", "%d", p->sent);
	lc_kv(d, "received", "%d", p->recv);
	if (p->recv) {
		kvnum(d, "rtt_min", mn, 3);
		kvnum(d, "rtt_avg", sum / p->recv, 3);
		kvnum(d, "rtt_max", mx, 3);
		kvnum(d, "jitter", nj ? jit / nj : 0, 3);
	} else {
		lc_kv(d, "rtt_min", "-");
		lc_kv(d, "rtt_avg", "-");
		lc_kv(d, "rtt_max", "-");
		lc_kv(d, "jitter", "-");
	}
	lc_kv(d, "family", "%s", fam);
	if (strcmp(p->check, "gw.ping") == 0 && p->family == AF_INET &&
	    lc->pcap_ok) {
		char mac[18];

		bbt_mac_str(lc->l2.gw_mac, mac);
		lc_kv(d, "arp", "%s", lc->l2.gw_arp ? "yes" : "no");
		if (lc->l2.gw_arp)
			lc_kv(d, "mac", "%s", mac);
	}
	if (p->recv == 0) {
		int alive = strcmp(p->check, "gw.ping") == 0 && upstream_ok;

		if (p->send_err == ENETUNREACH || p->send_err == EHOSTUNREACH)
			lc_kv(d, "error", "no_route");
		else if (p->unreach)
			lc_kv(d, "error", "unreachable");
		else if (alive)
			/* Silent to echo, yet traffic flows through it. */
			lc_kv(d, "error", "icmp_filtered");
		else
			lc_kv(d, "error", "timeout");
		st = alive && !p->send_err ? BBT_WARNING : BBT_CRITICAL;
	} else if (loss > lc->o->loss_crit)
		st = BBT_CRITICAL;
	else if (loss > lc->o->loss_warn)
		st = BBT_WARNING;
	else if (sum / p->recv > (double)lc->o->rtt_crit_ms)
		st = BBT_CRITICAL;
	else if (sum / p->recv > (double)lc->o->rtt_warn_ms)
		st = BBT_WARNING;
	else
		st = BBT_OK;
	k = bbt_checks_add(cs, p->check, p->target, st, num(v, loss, 1), "%",
	    trim(d));
	/* check_ping's pair: loss and average round trip, with our
	 * thresholds ("warn above"), so a poller graphs and alerts alike. */
	if (k) {
		(void)bbt_check_perf(k, NULL, loss, "%", lc->o->loss_warn,
		    lc->o->loss_crit, 0, 100);
		(void)bbt_check_perf(k, "_rta", p->recv ? sum / p->recv : NAN,
		    "ms", (double)lc->o->rtt_warn_ms,
		    (double)lc->o->rtt_crit_ms, 0, NAN);
	}
}

/* One record per resolver and name; the value is the answer time. */
static void
v_dns(struct lc *lc, struct bbt_checks *cs)
{
	char d[DSZ], v[32], sfx[272];
	struct bbt_check *k;

	if (lc->o->skip & LC_SKIP_DNS)
		return;
	if (lc->ndns == 0) {
		d[0] = '\0';
		lc_kv(d, "error", "no_resolver");
		if (lc->dns_from_conf)
			lc_kv(d, "source", "%s", lc->o->resolv_conf);
		bbt_checks_add(cs, "dns.resolve", "-", BBT_CRITICAL, NULL,
		    "ms", trim(d));
		return;
	}
	for (int i = 0; i < lc->ndns; i++) {
		struct lc_dns *r = &lc->dns[i];

		for (int j = 0; j < lc->nnames; j++) {
			struct lc_dnsq *a = &r->q[j][0], *q6 = &r->q[j][1];
			const struct lc_dnsq *m = a;
			enum bbt_state st;

			d[0] = '\0';
			if (r->skipped) {
				skip_detail(d, r->skipped);
				lc_kv(d, "name", "%s", lc->names[j]);
				bbt_checks_add(cs, "dns.resolve", r->server,
				    BBT_SKIPPED, NULL, "ms", trim(d));
				continue;
			}
			/* The A answer speaks for the resolver unless only
			 * the AAAA query failed. */
			if ((a->status == ARES_SUCCESS || a->status ==
			    ARES_ENODATA) && q6->status != ARES_SUCCESS &&
			    q6->status != ARES_ENODATA)
				m = q6;
			lc_kv(d, "name", "%s", lc->names[j]);
			lc_kv(d, "rcode", "%s", lc_dns_rcode(m->status));
			lc_kv(d, "answer", "%s", a->answer[0] ? a->answer : "-");
			lc_kv(d, "answer6", "%s", q6->answer[0] ? q6->answer : "-");
			if (m->status == ARES_ECONNREFUSED)
				lc_kv(d, "error", "port_unreachable");
			if (m->status == ARES_EBADRESP)
				lc_kv(d, "error", "bad_reply");
			if (m->status < 0)
				st = BBT_CRITICAL;
			else if (m->status == ARES_EBADRESP)
				/* The other family's answer still works. */
				st = a->answer[0] || q6->answer[0] ?
				    BBT_WARNING : BBT_CRITICAL;
			else if (m->status == ARES_SUCCESS ||
			    m->status == ARES_ENODATA) {
				if (!a->answer[0] && !q6->answer[0]) {
					lc_kv(d, "error", "no_address");
					st = BBT_WARNING;
				} else
					st = m->ms > (double)lc->o->dns_warn_ms
					    ? BBT_WARNING : BBT_OK;
			} else
				st = BBT_CRITICAL;
			k = bbt_checks_add(cs, "dns.resolve", r->server, st,
			    m->status < 0 ? NULL : num(v, m->ms, 1), "ms",
			    trim(d));
			/* One label per resolver and name. */
			snprintf(sfx, sizeof(sfx), "_%s", lc->names[j]);
			if (k && m->status >= 0)
				(void)bbt_check_perf(k, sfx, m->ms, "ms",
				    (double)lc->o->dns_warn_ms, NAN, 0, NAN);
		}
	}
}

/* libcurl's result and the socket errno to the error words bbdiag reads. */
static const char *
http_error(const struct lc_http *h)
{
	switch (h->curlcode) {
	case CURLE_OK:
		return h->status >= 400 ? "http" : NULL;
	case CURLE_COULDNT_CONNECT:
		if (h->oserr == ETIMEDOUT)
			return "timeout";
		if (h->oserr == ENETUNREACH || h->oserr == EHOSTUNREACH)
			return "unreachable";
		return "refused";
	case CURLE_OPERATION_TIMEDOUT:
		return "timeout";
	case CURLE_COULDNT_RESOLVE_HOST:
		return "dns";
	case CURLE_SSL_CONNECT_ERROR:
	case CURLE_PEER_FAILED_VERIFICATION:
	case CURLE_SSL_CERTPROBLEM:
	case CURLE_SSL_CIPHER:
	case CURLE_SSL_CACERT_BADFILE:
	case CURLE_USE_SSL_FAILED:
		return "tls";
	case CURLE_RECV_ERROR:
	case CURLE_SEND_ERROR:
	case CURLE_GOT_NOTHING:
	case CURLE_PARTIAL_FILE:
		return "reset";
	default:
		return "http";
	}
}

static void
v_http(struct lc *lc, struct bbt_checks *cs)
{
	char d[DSZ], v[32];
	struct bbt_check *k;

	for (int i = 0; i < lc->nhttp; i++) {
		struct lc_http *h = &lc->http[i];
		const char *fam = h->family == AF_INET6 ? "inet6" : "inet";
		const char *e;
		enum bbt_state st;

		d[0] = '\0';
		if (h->st == LC_NOTRUN || h->st == LC_IDLE) {
			/* No AAAA while IPv4 has its record: nothing to say
			 * about IPv6 for this name. */
			if (h->family == AF_INET6 && !h->u.literal && i > 0 &&
			    lc->http[i - 1].family == AF_INET &&
			    strcmp(lc->http[i - 1].u.url, h->u.url) == 0 &&
			    lc->http[i - 1].st == LC_DONE)
				continue;
			if (h->family == AF_INET6 && i > 0 &&
			    strcmp(lc->http[i - 1].u.url, h->u.url) == 0 &&
			    lc->http[i - 1].st != LC_DONE)
				continue;
			skip_detail(d, h->skipped ? h->skipped :
			    "dns.resolve");
			lc_kv(d, "family", "%s", fam);
			bbt_checks_add(cs, "http.get", h->u.url, BBT_SKIPPED,
			    NULL, "ms", trim(d));
			continue;
		}
		e = http_error(h);
		if (h->status > 0)
			lc_kv(d, "status", "%ld", h->status);
		else
			lc_kv(d, "status", "-");
		if (h->connect_ms > 0)
			kvnum(d, "connect_ms", h->connect_ms, 1);
		else
			lc_kv(d, "connect_ms", "-");
		if (h->tls_ms >= 0 && h->u.https && h->connect_ms > 0 &&
		    h->tls_ms + h->connect_ms > 0)
			kvnum(d, "tls_ms", h->tls_ms, 1);
		else
			lc_kv(d, "tls_ms", "-");
		lc_kv(d, "family", "%s", fam);
		lc_kv(d, "addr", "%s", h->addr);
		lc_kv(d, "bytes", "%zu", h->bytes);
		if (e)
			lc_kv(d, "error", "%s", e);
		if (e && h->errtxt[0])
			lc_kv(d, "msg", "%s", h->errtxt);
		if (e)
			st = BBT_CRITICAL;
		else
			st = h->ttfb_ms > (double)lc->o->ttfb_warn_ms ?
			    BBT_WARNING : BBT_OK;
		k = bbt_checks_add(cs, "http.get", h->u.url, st,
		    !e || h->ttfb_ms > 0 ? num(v, h->ttfb_ms, 1) : NULL, "ms",
		    trim(d));
		/* A URL is fetched once per family: one label each. */
		if (k && (!e || h->ttfb_ms > 0))
			(void)bbt_check_perf(k, h->family == AF_INET6 ?
			    "_inet6" : "_inet", h->ttfb_ms, "ms",
			    (double)lc->o->ttfb_warn_ms, NAN, 0, NAN);
	}
}

/*
 * mtu.path: ok when the expected payload passes; a smaller path that
 * said so (frag-needed, EMSGSIZE) is a warning; a smaller path that
 * silently lost at least five probes of the next size while small
 * probes passed is a black hole. Fewer losses prove nothing.
 */
static void
v_mtu(struct lc *lc, struct bbt_checks *cs)
{
	struct lc_mtu *m = &lc->mtu;
	char d[DSZ] = "", v[32];
	int expect;
	enum bbt_state st;

	if (lc->o->skip & LC_SKIP_MTU)
		return;
	if (m->skipped || m->st == LC_IDLE) {
		bbt_checks_add(cs, "mtu.path", m->target[0] ? m->target : "-",
		    BBT_SKIPPED, NULL, "bytes", skip_detail(d, m->skipped ?
		    m->skipped : "dns.resolve"));
		return;
	}
	if (m->st == LC_NOTRUN) {
		lc_kv(d, "error", "no_privilege");
		bbt_checks_add(cs, "mtu.path", m->target[0] ? m->target : "-",
		    BBT_UNKNOWN, NULL, "bytes", trim(d));
		return;
	}
	expect = lc->o->mtu_expect ? lc->o->mtu_expect : m->max;
	if (expect > m->max)
		expect = m->max;
	lc_kv(d, "expected", "%d", expect);
	lc_kv(d, "via", "%s", m->via);
	if (!m->control_ok && m->lo == 0) {
		/* The target does not answer echo at all: no verdict. */
		lc_kv(d, "blackhole", "-");
		lc_kv(d, "error", "no_reply");
		bbt_checks_add(cs, "mtu.path", m->target, BBT_UNKNOWN, NULL,
		    "bytes", trim(d));
		return;
	}
	if (m->lo >= expect) {
		lc_kv(d, "blackhole", "no");
		st = BBT_OK;
	} else if (m->frag_needed) {
		lc_kv(d, "blackhole", "no");
		if (m->frag_mtu)
			lc_kv(d, "frag_mtu", "%d", m->frag_mtu);
		st = BBT_WARNING;
	} else if (m->hi == m->lo + 1 && m->fails_at_hi >= 5) {
		lc_kv(d, "blackhole", "yes");
		st = BBT_CRITICAL;
	} else {
		/* Not enough lost probes to call it: loss, not the MTU. */
		lc_kv(d, "blackhole", "-");
		lc_kv(d, "error", "inconclusive");
		st = BBT_UNKNOWN;
	}
	if (m->hi)
		lc_kv(d, "lost_at", "%d", m->hi);
	snprintf(v, sizeof(v), "%d", m->lo);
	bbt_checks_add(cs, "mtu.path", m->target, st, v, "bytes", trim(d));
}

/* Downstream failures that the root cause explains become "skipped". */
static void
cascade(struct lc *lc, struct bbt_checks *cs)
{
	struct bbt_check *arp = find(cs, "arp.duplicate", NULL);
	const struct lc_addr *a4 = lc_link_addr(&lc->link, AF_INET, 1);
	const char *b4 = NULL, *b6 = NULL;

	for (size_t i = 0; i < cs->n; i++) {
		struct bbt_check *k = &cs->v[i];
		char f[16] = "";

		/* Total or heavy loss, or a very slow gateway: whatever
		 * fails behind it is explained by it. */
		if (strcmp(k->name, "gw.ping") != 0 || k->status !=
		    BBT_CRITICAL)
			continue;
		(void)bbt_kv_get(k->detail, "family", f, sizeof(f));
		if (strcmp(f, "inet") == 0)
			b4 = "gw.ping";
		else
			b6 = "gw.ping";
	}
	if (arp && arp->status == BBT_CRITICAL)
		b4 = "arp.duplicate";
	for (size_t i = 0; i < cs->n; i++) {
		struct bbt_check *k = &cs->v[i];
		char f[16] = "";
		int six;

		if (!bad(k))
			continue;
		(void)bbt_kv_get(k->detail, "family", f, sizeof(f));
		six = strcmp(f, "inet6") == 0 ||
		    (k->target && strchr(k->target, ':') &&
		    strncmp(k->target, "http", 4) != 0);
		if (strcmp(k->name, "gw.ping") == 0) {
			if (!six && b4 && strcmp(b4, "arp.duplicate") == 0)
				demote(k, b4);
			continue;
		}
		if (strcmp(k->name, "dns.resolve") == 0) {
			/* A resolver on our own segment does not need the
			 * gateway, unless it is the gateway. */
			if (!six && b4 && k->target && (strcmp(b4,
			    "arp.duplicate") == 0 || !on_link(a4, k->target)
			    || strcmp(k->target, lc->link.gw4) == 0))
				demote(k, b4);
			else if (six && b6)
				demote(k, b6);
			continue;
		}
		if (strcmp(k->name, "http.get") == 0 ||
		    strcmp(k->name, "ping.target") == 0 ||
		    strcmp(k->name, "mtu.path") == 0) {
			if (!six && b4)
				demote(k, b4);
			else if (six && b6)
				demote(k, b6);
		}
	}
	/* Name the root, not the link before it: http.get skipped after a
	 * dns.resolve that was itself skipped after gw.ping says gw.ping. */
	for (size_t i = 0; i < cs->n; i++) {
		struct bbt_check *k = &cs->v[i], *up;
		char a[32], a2[32], f[16] = "";

		if (k->status != BBT_SKIPPED || !bbt_kv_get(k->detail, "after",
		    a, sizeof(a)))
			continue;
		(void)bbt_kv_get(k->detail, "family", f, sizeof(f));
		if ((up = find(cs, a, f[0] ? f : NULL)) == NULL)
			up = find(cs, a, NULL);
		if (up == NULL || up->status != BBT_SKIPPED ||
		    !bbt_kv_get(up->detail, "after", a2, sizeof(a2)) ||
		    strcmp(a, a2) == 0 || strcmp(a2, k->name) == 0)
			continue;
		reafter(k, a2);
	}
}

static void
v_lldp(struct lc *lc, struct bbt_checks *cs)
{
	char d[DSZ] = "";
	struct lc_lldp *l = &lc->l2.lldp;

	if (!lc->o->lldp)
		return;
	if (!lc->l2.lldp_seen) {
		lc_kv(d, "error", "none_heard");
		kvnum(d, "listen_ms", (double)(lc->link.t1 - lc->start), 0);
		bbt_checks_add(cs, "lldp.neighbor", lc->link.name, BBT_INFO,
		    NULL, NULL, trim(d));
		return;
	}
	lc_kv(d, "chassis", "%s", l->chassis);
	lc_kv(d, "port", "%s", l->port);
	lc_kv(d, "port_desc", "%s", l->portdesc);
	bbt_checks_add(cs, "lldp.neighbor", lc->link.name, BBT_INFO,
	    l->sysname[0] ? l->sysname : l->chassis, NULL, trim(d));
}

void
lc_verdict(struct lc *lc, struct bbt_checks *cs)
{
	int up4 = 0, up6 = 0;
	char d[DSZ] = "";

	if (!(lc->o->skip & LC_SKIP_LINK))
		v_link(lc, cs);
	else
		bbt_checks_add(cs, "link.carrier", lc->link.name,
		    lc->link.carrier ? BBT_OK : BBT_CRITICAL,
		    lc->link.carrier ? "up" : "down", NULL, NULL);
	v_ip(lc, cs);
	v_l2(lc, cs);
	v_ra(lc, cs);
	if (!lc->link.carrier) {
		/* Nothing beyond the link was tried: one line says so. */
		const char *rest[] = { "arp.duplicate", "gw.ping",
			"dns.resolve", "http.get", "mtu.path" };
		const unsigned skipbit[] = { LC_SKIP_ARP, LC_SKIP_PING,
			LC_SKIP_DNS, LC_SKIP_HTTP, LC_SKIP_MTU };

		for (size_t i = 0; i < sizeof(rest) / sizeof(rest[0]); i++)
			if (!(lc->o->skip & skipbit[i]))
				bbt_checks_add(cs, rest[i], "-", BBT_SKIPPED,
				    NULL, NULL, skip_detail(d, "link.carrier"));
		return;
	}
	/* Does traffic pass the gateway, whatever echo says? */
	for (int i = 0; i < lc->ndns; i++)
		for (int j = 0; j < lc->nnames; j++)
			if (lc->dns[i].q[j][0].status == ARES_SUCCESS ||
			    lc->dns[i].q[j][0].status == ARES_ENODATA ||
			    lc->dns[i].q[j][0].status == ARES_ENOTFOUND) {
				if (lc->dns[i].family == AF_INET)
					up4 = 1;
				else
					up6 = 1;
			}
	for (int i = 0; i < lc->nhttp; i++)
		if (lc->http[i].st == LC_DONE && lc->http[i].curlcode == 0) {
			if (lc->http[i].family == AF_INET)
				up4 = 1;
			else
				up6 = 1;
		}
	if (!(lc->o->skip & LC_SKIP_PING) && lc_link_addr(&lc->link,
	    AF_INET, 1) && !lc->link.has_route4) {
		bbt_checks_add(cs, "gw.ping", "-", BBT_SKIPPED, NULL, "%",
		    skip_detail(d, "ip.route"));
	} else if (!(lc->o->skip & LC_SKIP_PING) && !lc_link_addr(&lc->link,
	    AF_INET, 1))
		bbt_checks_add(cs, "gw.ping", "-", BBT_SKIPPED, NULL, "%",
		    skip_detail(d, "ip.address"));
	for (int i = 0; i < lc->npings; i++)
		if (strcmp(lc->pings[i].check, "gw.ping") == 0)
			v_ping(lc, cs, &lc->pings[i],
			    lc->pings[i].family == AF_INET ? up4 : up6);
	for (int i = 0; i < lc->npings; i++)
		if (strcmp(lc->pings[i].check, "gw.ping") != 0)
			v_ping(lc, cs, &lc->pings[i], 0);
	v_dns(lc, cs);
	v_http(lc, cs);
	v_mtu(lc, cs);
	v_lldp(lc, cs);
	cascade(lc, cs);
}
