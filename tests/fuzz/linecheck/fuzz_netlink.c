/* SPDX-License-Identifier: MIT */
/*
 * libFuzzer: netlink replies as the kernel sends them, one message after
 * another: link, address and route dumps through libnl's parsers into
 * linecheck's link facts, and anything else as an ethtool LINKMODES
 * reply. Seeds are real dumps of a lab namespace.
 */
#include <linux/rtnetlink.h>
#include <netlink/msg.h>
#include <netlink/netlink.h>
#include <netlink/object.h>
#include <netlink/route/addr.h>
#include <netlink/route/link.h>
#include <netlink/route/route.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "linecheck/linecheck.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static void
take(struct nl_object *o, void *arg)
{
	struct lc_link *k = arg;
	const char *t = nl_object_get_type(o);

	if (t == NULL)
		return;
	if (strcmp(t, "route/link") == 0)
		lc_nl_link_take(k, (struct rtnl_link *)o, "eth0");
	else if (strcmp(t, "route/addr") == 0)
		lc_nl_addr_take(k, (struct rtnl_addr *)o);
	else if (strcmp(t, "route/route") == 0)
		lc_nl_route_take(k, (struct rtnl_route *)o);
}

/* An RTA_VIA shorter than its family field, in attributes a..rem:
 * libnl 3.7 builds an address of negative length from it (memcpy of
 * -2 bytes). */
static int
short_via(const struct rtattr *a, int rem)
{
	for (; RTA_OK(a, rem); a = RTA_NEXT(a, rem))
		if ((a->rta_type & NLA_TYPE_MASK) == RTA_VIA &&
		    RTA_PAYLOAD(a) < sizeof(struct rtvia))
			return 1;
	return 0;
}

/*
 * Routes libnl 3.7 cannot take, which the kernel never sends:
 * parse_multipath() never ends on a next hop of length 0, and a last
 * next hop whose aligned length passes the attribute's end wraps its
 * size_t count (it allocates next hops until memory runs out); a short
 * RTA_VIA, at the top or in a next hop, is copied with a negative
 * length. Such routes are not libnl's input here.
 */
static int
libnl_unsafe(const struct nlmsghdr *h)
{
	const struct rtattr *a;
	int rem;

	if (h->nlmsg_len < NLMSG_LENGTH(sizeof(struct rtmsg)))
		return 0;
	a = RTM_RTA(NLMSG_DATA(h));
	rem = (int)h->nlmsg_len - (int)NLMSG_LENGTH(sizeof(struct rtmsg));
	if (short_via(a, rem))
		return 1;
	for (; RTA_OK(a, rem); a = RTA_NEXT(a, rem)) {
		const struct rtnexthop *nh = RTA_DATA(a);
		int l = (int)RTA_PAYLOAD(a);

		if ((a->rta_type & NLA_TYPE_MASK) != RTA_MULTIPATH)
			continue;
		for (; l >= (int)sizeof(*nh); nh = RTNH_NEXT(nh)) {
			if (nh->rtnh_len < sizeof(*nh) || (nh->rtnh_len <= l &&
			    (int)RTNH_ALIGN(nh->rtnh_len) > l))
				return 1;
			if (nh->rtnh_len > l)
				break;
			if (short_via(RTNH_DATA(nh), nh->rtnh_len -
			    (int)sizeof(*nh)))
				return 1;
			l -= RTNH_ALIGN(nh->rtnh_len);
		}
	}
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *d, size_t n)
{
	static struct lc_link k;
	struct nlmsghdr *h;
	void *buf;
	int rem = (int)n;

	if (n > 1 << 20 || (buf = malloc(n ? n : 1)) == NULL)
		return 0;
	memcpy(buf, d, n);		/* aligned, as recvmsg gives it */
	memset(&k, 0, sizeof(k));
	for (h = buf; nlmsg_ok(h, rem); h = nlmsg_next(h, &rem)) {
		struct nl_msg *m;

		if (h->nlmsg_type == RTM_NEWLINK ||
		    h->nlmsg_type == RTM_NEWADDR ||
		    h->nlmsg_type == RTM_NEWROUTE) {
			if (h->nlmsg_type == RTM_NEWROUTE && libnl_unsafe(h))
				continue;
			if ((m = nlmsg_convert(h)) == NULL)
				break;
			nlmsg_set_proto(m, NETLINK_ROUTE);
			(void)nl_msg_parse(m, take, &k);
			nlmsg_free(m);
		} else if (h->nlmsg_type >= NLMSG_MIN_TYPE)
			(void)lc_nl_ethtool_parse(&k, h);
	}
	if (k.naddrs > 16 || (k.gw4[0] && !k.has_route4))
		__builtin_trap();
	(void)lc_link_addr(&k, AF_INET, 1);
	(void)lc_link_addr(&k, AF_INET6, 0);
	free(buf);
	return 0;
}
