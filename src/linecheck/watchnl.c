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
	cc = k.st0.carrier_changes - lc_w.cc;
	lc_w.cc = k.st0.carrier_changes;
	if (k.carrier == lc_w.carrier) {
		/*
		 * The kernel sends carrier changes at most once a second
		 * (linkwatch); a shorter flap can come as one message with
		 * the carrier as it was and the counter two higher.
		 */
		if (cc < 2 || cc > 1000)
			return;
		lc_w.flaps += (int)(cc / 2);
		snprintf(d + n, sizeof(d) - n, " flaps=%d", (int)(cc / 2));
		lc_w_event("watch.link", lc_w.lc.link.name, BBT_CRITICAL, "flap", NULL,
		    d, wall);
		return;
	}
	lc_w.carrier = k.carrier;
	if (!k.carrier) {
		/* The requests out now die with the carrier, and so does
		 * a loss burst: the rest of the outage is the link's. */
		lc_w_gw_cut_all(now, "link");
		lc_w.down_at = now;
		lc_w.flaps++;
		snprintf(d + n, sizeof(d) - n, " operstate=%s", k.operstate);
		lc_w_event("watch.link", lc_w.lc.link.name, BBT_CRITICAL, "down", NULL,
		    d, wall);
		return;
	}
	snprintf(d + n, sizeof(d) - n, " down_s=%.3f",
	    (double)(now - lc_w.down_at) / 1000.0);
	lc_w_outage(now - lc_w.down_at);
	lc_w.down_at = 0;
	lc_w.gw[0].gt.up_at = lc_w.gw[1].gt.up_at = now;
	lc_w_event("watch.link", lc_w.lc.link.name, BBT_OK, "up", NULL, d, wall);
	/* A renegotiation shows after the carrier returns. */
	k.speed = -1;
	lc_nl_ethtool(&k);
	if (k.eth_ok && k.speed > 0 && lc_w.speed <= 0)
		lc_w.speed = k.speed;	/* the first speed known: no change */
	if (k.eth_ok && k.speed > 0 && k.speed != lc_w.speed) {
		lc_w_stamp(d, sizeof(d), wall, now);
		n = strlen(d);
		snprintf(d + n, sizeof(d) - n, " from=%ld", lc_w.speed);
		snprintf(v, sizeof(v), "%ld", k.speed);
		lc_w.speed = k.speed;
		lc_w_event("watch.link", lc_w.lc.link.name, BBT_WARNING, v, "Mbit/s",
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

	lc_w_gw_cut_all(now, "link");
	if (lc_w.carrier || lc_w.down_at == 0)
		lc_w.down_at = now;
	lc_w.gone = 1;
	lc_w.carrier = 0;
	lc_w.has4 = lc_w.has6 = 0;
	lc_w_gw_follow(now);
	lc_w_stamp(d, sizeof(d), wall, now);
	n = strlen(d);
	snprintf(d + n, sizeof(d) - n, " ifindex=%d", lc_w.lc.link.ifindex);
	lc_w_event("watch.link", lc_w.lc.link.name, BBT_CRITICAL, "gone", NULL, d,
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

	lc_w.gone = 0;
	lc_w.lc.link.ifindex = k->ifindex;
	lc_w.cc = k->st0.carrier_changes;
	lc_w.et.have = 0;		/* new counters: a new baseline */
	lc_w_stamp(d, sizeof(d), wall, now);
	n = strlen(d);
	snprintf(d + n, sizeof(d) - n, " ifindex=%d operstate=%s",
	    k->ifindex, k->operstate);
	lc_w_event("watch.link", lc_w.lc.link.name, BBT_WARNING, "back", NULL, d,
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
	lc_nl_link_take(&k, l, lc_w.lc.link.name);
	if (deleted && !lc_w.gone && k.ifindex == lc_w.lc.link.ifindex)
		link_gone();
	else if (!deleted && lc_w.gone && name && strcmp(name, lc_w.o->iface) == 0)
		link_back(&k);
	else if (!deleted && !lc_w.gone && k.ifindex == lc_w.lc.link.ifindex)
		link_facts(&k);
}

static int
addr_find(const char *a)
{
	for (int i = 0; i < lc_w.naddrs; i++)
		if (strcmp(lc_w.addrs[i], a) == 0)
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
	if (added && lc_w.naddrs < MAXADDR)
		snprintf(lc_w.addrs[lc_w.naddrs++], sizeof(lc_w.addrs[0]), "%s", s);
	else if (!added)
		memcpy(lc_w.addrs[i], lc_w.addrs[--lc_w.naddrs], sizeof(lc_w.addrs[0]));
	lc_w_stamp(d, sizeof(d), wall, now);
	n = strlen(d);
	snprintf(d + n, sizeof(d) - n, " event=%s family=%s",
	    added ? "added" : "removed",
	    family == AF_INET ? "inet" : "inet6");
	lc_w.naddr_ev++;
	lc_w_event("watch.addr", lc_w.lc.link.name, BBT_WARNING, s, NULL, d, wall);
}

static void
addr_changed(struct rtnl_addr *a, int added)
{
	static struct lc_link k;
	char s[INET6_ADDRSTRLEN + 4];

	memset(&k, 0, sizeof(k));
	k.ifindex = lc_w.lc.link.ifindex;
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
	int *has = family == AF_INET ? &lc_w.has4 : &lc_w.has6;
	char *cur = family == AF_INET ? lc_w.lc.link.gw4 : lc_w.gw6;
	size_t sz = family == AF_INET ? sizeof(lc_w.lc.link.gw4) : sizeof(lc_w.gw6);
	char d[256];
	size_t n;
	int64_t now = lc_now(), wall = bbt_time_now();
	struct lc_burst b;

	if (added ? *has && strcmp(cur, gw) == 0 : !*has || strcmp(cur, gw))
		return;
	/* A loss burst to the old gateway ends here. */
	if (lc_gw_cut(&lc_w.gw[family == AF_INET ? 0 : 1].gt, now, &b))
		lc_w_burst_record(&lc_w.gw[family == AF_INET ? 0 : 1], &b, "route");
	*has = added;
	snprintf(cur, sz, "%s", gw);
	lc_w_stamp(d, sizeof(d), wall, now);
	n = strlen(d);
	snprintf(d + n, sizeof(d) - n, " event=%s family=%s",
	    added ? "added" : "removed", family == AF_INET ? "inet" : "inet6");
	lc_w.route_ev++;
	lc_w_event("watch.route", lc_w.lc.link.name, added ? BBT_WARNING :
	    BBT_CRITICAL, gw[0] ? gw : NULL, NULL, d, wall);
	lc_w_gw_follow(now);
}

static void
route_changed(struct rtnl_route *r, int added)
{
	static struct lc_link k;

	memset(&k, 0, sizeof(k));
	k.ifindex = lc_w.lc.link.ifindex;
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
	if (lc_nl_link(lc_w.o->iface, &k, 0) < 0)
		return;
	if (!k.exists && !lc_w.gone)
		link_gone();
	if (!k.exists)
		return;
	if (lc_w.gone || k.ifindex != lc_w.lc.link.ifindex) {
		if (!lc_w.gone)
			link_gone();
		link_back(&k);
	} else
		link_facts(&k);
	for (int i = 0; i < k.naddrs; i++) {
		snprintf(s, sizeof(s), "%s/%d", k.addrs[i].addr,
		    k.addrs[i].prefix);
		addr_event(s, k.addrs[i].family, 1);
	}
	for (int i = lc_w.naddrs - 1; i >= 0; i--) {
		int found = 0;

		for (int j = 0; j < k.naddrs && !found; j++) {
			snprintf(s, sizeof(s), "%s/%d", k.addrs[j].addr,
			    k.addrs[j].prefix);
			found = strcmp(s, lc_w.addrs[i]) == 0;
		}
		if (!found) {
			snprintf(s, sizeof(s), "%s", lc_w.addrs[i]);
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
	if (nl_recvmsgs_default(lc_w.nl) < 0)
		resync();
}

int
lc_w_nl_open(void)
{
	if ((lc_w.nl = nl_socket_alloc()) == NULL)
		return -1;
	nl_socket_disable_seq_check(lc_w.nl);
	nl_socket_modify_cb(lc_w.nl, NL_CB_VALID, NL_CB_CUSTOM, on_msg, NULL);
	if (nl_connect(lc_w.nl, NETLINK_ROUTE) < 0 ||
	    nl_socket_add_memberships(lc_w.nl, RTNLGRP_LINK, RTNLGRP_IPV4_IFADDR,
	    RTNLGRP_IPV6_IFADDR, RTNLGRP_IPV4_ROUTE, RTNLGRP_IPV6_ROUTE,
	    0) < 0 ||
	    nl_socket_set_nonblocking(lc_w.nl) < 0)
		return -1;
	return 0;
}
