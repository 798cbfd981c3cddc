/* SPDX-License-Identifier: MIT */
/*
 * linecheck --watch: the link, its addresses and its default routes as
 * rtnetlink announces them (RTNLGRP_LINK, _IPV4_IFADDR, _IPV6_IFADDR,
 * _IPV4_ROUTE, _IPV6_ROUTE): carrier flaps, speed changes, a deleted
 * interface and its return, address and default-route changes, each one
 * event record (watch.c writes them).
 */
#include <net/if.h>
#include <arpa/inet.h>
#include <err.h>
#include <linux/rtnetlink.h>
#include <netlink/msg.h>
#include <netlink/route/addr.h>
#include <netlink/route/link.h>
#include <netlink/route/route.h>
#include <string.h>

#include "lib/datetime.h"
#include "lib/i18n.h"
#include "linecheck/watchint.h"

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

	lc_w_stamp(d, sizeof(d), wall, now);
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
		lc_w_event("watch.link", W.lc.link.name, BBT_CRITICAL, "flap",
		    NULL, d, wall);
		return;
	}
	W.carrier = k.carrier;
	if (!k.carrier) {
		/* The requests out now die with the carrier, and so does
		 * a loss burst: the rest of the outage is the link's. */
		lc_w_gw_cut_all(now, "link");
		W.down_at = now;
		W.flaps++;
		snprintf(d + n, sizeof(d) - n, " operstate=%s", k.operstate);
		lc_w_event("watch.link", W.lc.link.name, BBT_CRITICAL, "down",
		    NULL, d, wall);
		return;
	}
	snprintf(d + n, sizeof(d) - n, " down_s=%.3f",
	    (double)(now - W.down_at) / 1000.0);
	lc_w_outage(now - W.down_at);
	W.down_at = 0;
	W.gw[0].gt.up_at = W.gw[1].gt.up_at = now;
	lc_w_event("watch.link", W.lc.link.name, BBT_OK, "up", NULL, d, wall);
	/* A renegotiation shows after the carrier returns. */
	k.speed = -1;
	lc_nl_ethtool(&k);
	if (k.eth_ok && k.speed > 0 && W.speed <= 0)
		W.speed = k.speed;	/* the first speed known: no change */
	if (k.eth_ok && k.speed > 0 && k.speed != W.speed) {
		lc_w_stamp(d, sizeof(d), wall, now);
		n = strlen(d);
		snprintf(d + n, sizeof(d) - n, " from=%ld", W.speed);
		snprintf(v, sizeof(v), "%ld", k.speed);
		W.speed = k.speed;
		lc_w_event("watch.link", W.lc.link.name, BBT_WARNING, v,
		    "Mbit/s", d, wall);
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

	lc_w_gw_cut_all(now, "link");
	if (W.carrier || W.down_at == 0)
		W.down_at = now;
	W.gone = 1;
	W.carrier = 0;
	W.has4 = W.has6 = 0;
	lc_w_gw_follow(now);
	lc_w_stamp(d, sizeof(d), wall, now);
	n = strlen(d);
	snprintf(d + n, sizeof(d) - n, " ifindex=%d", W.lc.link.ifindex);
	lc_w_event("watch.link", W.lc.link.name, BBT_CRITICAL, "gone", NULL, d,
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
	lc_w_stamp(d, sizeof(d), wall, now);
	n = strlen(d);
	snprintf(d + n, sizeof(d) - n, " ifindex=%d operstate=%s",
	    k->ifindex, k->operstate);
	lc_w_event("watch.link", W.lc.link.name, BBT_WARNING, "back", NULL, d,
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
	lc_w_stamp(d, sizeof(d), wall, now);
	n = strlen(d);
	snprintf(d + n, sizeof(d) - n, " event=%s family=%s",
	    added ? "added" : "removed",
	    family == AF_INET ? "inet" : "inet6");
	W.naddr_ev++;
	lc_w_event("watch.addr", W.lc.link.name, BBT_WARNING, s, NULL, d, wall);
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
	struct lc_wgw *g = &W.gw[family == AF_INET ? 0 : 1];

	if (added ? *has && strcmp(cur, gw) == 0 : !*has || strcmp(cur, gw))
		return;
	/* A loss burst to the old gateway ends here. */
	if (lc_gw_cut(&g->gt, now, &b))
		lc_w_burst_record(g, &b, "route");
	*has = added;
	snprintf(cur, sz, "%s", gw);
	lc_w_stamp(d, sizeof(d), wall, now);
	n = strlen(d);
	snprintf(d + n, sizeof(d) - n, " event=%s family=%s",
	    added ? "added" : "removed", family == AF_INET ? "inet" : "inet6");
	W.route_ev++;
	lc_w_event("watch.route", W.lc.link.name, added ? BBT_WARNING :
	    BBT_CRITICAL, gw[0] ? gw : NULL, NULL, d, wall);
	lc_w_gw_follow(now);
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

void
lc_w_nl_input(void *arg, int fd, short rev)
{
	(void)arg;
	(void)fd;
	(void)rev;
	if (nl_recvmsgs_default(W.nl) < 0)
		resync();
}

int
lc_w_nl_open(void)
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
