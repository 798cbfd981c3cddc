/* SPDX-License-Identifier: MIT */
/*
 * Link, address and route facts from rtnetlink (libnl-route), and
 * speed/duplex/autonegotiation from the ethtool generic-netlink family
 * (libnl-genl) with the SIOCETHTOOL ioctl as the fallback for kernels
 * before 5.6. Nothing here needs a privilege.
 */
#include <net/if.h>
#include <arpa/inet.h>
#include <errno.h>
#include <linux/ethtool.h>
#include <linux/ethtool_netlink.h>
#include <linux/if_arp.h>
#include <linux/sockios.h>
#include <netlink/genl/ctrl.h>
#include <netlink/genl/genl.h>
#include <netlink/route/addr.h>
#include <netlink/route/link.h>
#include <netlink/route/route.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "linecheck/linecheck.h"

static struct nl_sock *
route_sock(void)
{
	struct nl_sock *s = nl_socket_alloc();

	if (s == NULL)
		return NULL;
	if (nl_connect(s, NETLINK_ROUTE) < 0) {
		nl_socket_free(s);
		return NULL;
	}
	return s;
}

/* An nl_addr as text; "" for an absent or empty one (a route without a
 * gateway has an empty one). libnl takes the attribute's length as it
 * comes: an address shorter than its family's is no address (found by
 * fuzz_netlink: a 2-byte RTA_GATEWAY read past its end). */
static void
ntop(struct nl_addr *a, char *buf, size_t sz)
{
	int fam;

	buf[0] = '\0';
	if (a == NULL)
		return;
	fam = nl_addr_get_family(a);
	if ((fam != AF_INET || nl_addr_get_len(a) != 4) &&
	    (fam != AF_INET6 || nl_addr_get_len(a) != 16))
		return;
	inet_ntop(fam, nl_addr_get_binary_addr(a), buf, (socklen_t)sz);
}

int
lc_nl_default_iface(char *buf, size_t sz)
{
	struct nl_sock *s = route_sock();
	struct nl_cache *c = NULL;
	int best = -1, found = -1;
	uint32_t prio = UINT32_MAX;

	if (s == NULL || rtnl_route_alloc_cache(s, AF_UNSPEC, 0, &c) < 0) {
		if (s)
			nl_socket_free(s);
		return -1;
	}
	/* IPv4 first: it is what a technician means by "the line". */
	for (int fam = AF_INET; best < 0 && fam <= AF_INET6;
	    fam += AF_INET6 - AF_INET) {
		for (struct nl_object *o = nl_cache_get_first(c); o;
		    o = nl_cache_get_next(o)) {
			struct rtnl_route *r = (struct rtnl_route *)o;
			struct nl_addr *d = rtnl_route_get_dst(r);
			struct rtnl_nexthop *nh;

			if (rtnl_route_get_family(r) != fam ||
			    rtnl_route_get_table(r) != RT_TABLE_MAIN ||
			    (d && nl_addr_get_prefixlen(d) != 0) ||
			    rtnl_route_get_type(r) != RTN_UNICAST ||
			    rtnl_route_get_nnexthops(r) < 1)
				continue;
			nh = rtnl_route_nexthop_n(r, 0);
			if (rtnl_route_get_priority(r) < prio || best < 0) {
				prio = rtnl_route_get_priority(r);
				best = rtnl_route_nh_get_ifindex(nh);
			}
		}
	}
	nl_cache_free(c);
	nl_socket_free(s);
	if (best > 0) {
		char n[IF_NAMESIZE];

		if (if_indextoname((unsigned)best, n) != NULL &&
		    strlen(n) < sz) {
			strcpy(buf, n);
			found = 0;
		}
	}
	return found;
}

/* The counters of the error classes a cable or duplex fault raises. The
 * kernel has no alignment counter in rtnl_link_stats64; drivers fold it
 * into frame errors. */
static void
get_stats(struct rtnl_link *l, struct lc_stats *st)
{
	uint32_t cc = 0;

	st->rx_crc = rtnl_link_get_stat(l, RTNL_LINK_RX_CRC_ERR);
	st->rx_frame = rtnl_link_get_stat(l, RTNL_LINK_RX_FRAME_ERR);
	st->rx_dropped = rtnl_link_get_stat(l, RTNL_LINK_RX_DROPPED);
	st->collisions = rtnl_link_get_stat(l, RTNL_LINK_COLLISIONS);
	st->rx_packets = rtnl_link_get_stat(l, RTNL_LINK_RX_PACKETS);
	if (rtnl_link_get_carrier_changes(l, &cc) == 0)
		st->carrier_changes = cc;
	st->ok = 1;
}

/* One address object of the dump: kept when it is on our interface. */
void
lc_nl_addr_take(struct lc_link *k, struct rtnl_addr *a)
{
	struct lc_addr *x;
	struct nl_addr *loc;
	unsigned fl;
	const uint8_t *b;

	if (k->naddrs >= (int)(sizeof(k->addrs) / sizeof(k->addrs[0])) ||
	    rtnl_addr_get_ifindex(a) != k->ifindex ||
	    (loc = rtnl_addr_get_local(a)) == NULL)
		return;
	x = &k->addrs[k->naddrs];
	memset(x, 0, sizeof(*x));
	x->family = rtnl_addr_get_family(a);
	/* The family of the object is the message's; the address's own
	 * length must agree before its bytes are read. */
	if ((x->family != AF_INET && x->family != AF_INET6) ||
	    nl_addr_get_family(loc) != x->family ||
	    nl_addr_get_len(loc) != (x->family == AF_INET ? 4u : 16u))
		return;
	ntop(loc, x->addr, sizeof(x->addr));
	/* PPP: the peer is the gateway even without a route via. */
	if (rtnl_addr_get_peer(a) != NULL)
		ntop(rtnl_addr_get_peer(a), x->peer, sizeof(x->peer));
	if (strcmp(x->peer, x->addr) == 0)
		x->peer[0] = '\0';
	x->prefix = rtnl_addr_get_prefixlen(a);
	fl = rtnl_addr_get_flags(a);
	x->dadfailed = (fl & IFA_F_DADFAILED) != 0;
	x->tentative = (fl & IFA_F_TENTATIVE) != 0;
	/* A finite lifetime is what DHCP clients leave behind; static
	 * addresses live "forever" (0xffffffff). */
	x->valid_lft = rtnl_addr_get_valid_lifetime(a) == 0xffffffffu ? -1 :
	    (long)rtnl_addr_get_valid_lifetime(a);
	x->dynamic = x->valid_lft >= 0;
	b = nl_addr_get_binary_addr(loc);
	if (x->family == AF_INET)
		x->linklocal = b[0] == 169 && b[1] == 254;
	else
		x->linklocal = b[0] == 0xfe && (b[1] & 0xc0) == 0x80;
	k->naddrs++;
}

static void
get_addrs(struct nl_sock *s, struct lc_link *k)
{
	struct nl_cache *c;

	if (rtnl_addr_alloc_cache(s, &c) < 0)
		return;
	k->naddrs = 0;
	for (struct nl_object *o = nl_cache_get_first(c); o;
	    o = nl_cache_get_next(o))
		lc_nl_addr_take(k, (struct rtnl_addr *)o);
	nl_cache_free(c);
}

/* One route object of the dump: the first default route of each family
 * in the main table whose next hop leaves through this interface
 * (multipath included). */
void
lc_nl_route_take(struct lc_link *k, struct rtnl_route *r)
{
	struct nl_addr *d = rtnl_route_get_dst(r);
	int fam = rtnl_route_get_family(r);

	if (rtnl_route_get_table(r) != RT_TABLE_MAIN ||
	    (d && nl_addr_get_prefixlen(d) != 0) ||
	    rtnl_route_get_type(r) != RTN_UNICAST)
		return;
	for (int i = 0; i < rtnl_route_get_nnexthops(r); i++) {
		struct rtnl_nexthop *nh = rtnl_route_nexthop_n(r, i);
		struct nl_addr *gw;

		if (nh == NULL || rtnl_route_nh_get_ifindex(nh) != k->ifindex)
			continue;
		/* A gateway of another family (RTA_VIA) is not ours to print. */
		gw = rtnl_route_nh_get_gateway(nh);
		if (gw && nl_addr_get_family(gw) != fam)
			gw = NULL;
		if (fam == AF_INET && !k->has_route4) {
			k->has_route4 = 1;
			ntop(gw, k->gw4, sizeof(k->gw4));
		} else if (fam == AF_INET6 && !k->has_route6) {
			k->has_route6 = 1;
			ntop(gw, k->gw6, sizeof(k->gw6));
		}
	}
}

static void
get_routes(struct nl_sock *s, struct lc_link *k)
{
	struct nl_cache *c;

	if (rtnl_route_alloc_cache(s, AF_UNSPEC, 0, &c) < 0)
		return;
	for (struct nl_object *o = nl_cache_get_first(c); o;
	    o = nl_cache_get_next(o))
		lc_nl_route_take(k, (struct rtnl_route *)o);
	nl_cache_free(c);
}

int
lc_nl_link(const char *iface, struct lc_link *k, int stats_only)
{
	struct nl_sock *s = route_sock();
	struct rtnl_link *l = NULL;
	int r;

	if (s == NULL)
		return -1;
	if ((r = rtnl_link_get_kernel(s, 0, iface, &l)) < 0) {
		nl_socket_free(s);
		if (!stats_only)
			k->exists = 0;
		return r == -NLE_OBJ_NOTFOUND || r == -NLE_NODEV ? 0 : -1;
	}
	/* The second sample at the end of the run: counters only, for the
	 * deltas of link.errors. */
	if (stats_only) {
		get_stats(l, &k->st1);
		k->t1 = lc_now();
		rtnl_link_put(l);
		nl_socket_free(s);
		return 0;
	}
	lc_nl_link_take(k, l, iface);
	k->t0 = lc_now();
	rtnl_link_put(l);
	get_addrs(s, k);
	get_routes(s, k);
	nl_socket_free(s);
	return 0;
}

/* The facts of one link object. */
void
lc_nl_link_take(struct lc_link *k, struct rtnl_link *l, const char *iface)
{
	struct nl_addr *mac;
	char *kind;

	k->exists = 1;
	snprintf(k->name, sizeof(k->name), "%s", iface);
	k->ifindex = rtnl_link_get_ifindex(l);
	k->loopback = (rtnl_link_get_flags(l) & IFF_LOOPBACK) != 0 ||
	    rtnl_link_get_arptype(l) == ARPHRD_LOOPBACK;
	k->up = (rtnl_link_get_flags(l) & IFF_UP) != 0;
	k->carrier = (rtnl_link_get_flags(l) & IFF_LOWER_UP) != 0;
	rtnl_link_operstate2str(rtnl_link_get_operstate(l), k->operstate,
	    sizeof(k->operstate));
	/* Record words are lower case (STYLE.md); libnl says "UP". */
	for (char *p = k->operstate; *p; p++)
		*p = (char)(*p >= 'A' && *p <= 'Z' ? *p + 32 : *p);
	k->mtu = rtnl_link_get_mtu(l);
	k->ether = rtnl_link_get_arptype(l) == ARPHRD_ETHER;
	if ((kind = rtnl_link_get_type(l)) != NULL)
		snprintf(k->kind, sizeof(k->kind), "%s", kind);
	else if (rtnl_link_get_arptype(l) != ARPHRD_ETHER)
		snprintf(k->kind, sizeof(k->kind), "%s", k->loopback ?
		    "loopback" : "non-ethernet");
	if ((mac = rtnl_link_get_addr(l)) != NULL &&
	    nl_addr_get_len(mac) == 6)
		memcpy(k->mac, nl_addr_get_binary_addr(mac), 6);
	get_stats(l, &k->st0);
}

const struct lc_addr *
lc_link_addr(const struct lc_link *k, int family, int global)
{
	for (int i = 0; i < k->naddrs; i++) {
		const struct lc_addr *a = &k->addrs[i];

		if (a->family != family || a->dadfailed)
			continue;
		if (global && (a->linklocal || a->tentative))
			continue;
		return a;
	}
	return NULL;
}

/* ---- ethtool ---- */

/* The leading number of a mode name ("1000baseT/Full"). The attribute
 * comes off the wire: it need not end in a NUL, nor hold digits only. */
static long
bit_speed(const struct nlattr *a)
{
	const char *p = nla_data(a);
	int n = nla_len(a);
	long v = 0;

	for (int i = 0; i < n && p[i] >= '0' && p[i] <= '9'; i++) {
		if (v > 100000000)
			return 0;
		v = v * 10 + (p[i] - '0');
	}
	return v;
}

/* An ETHTOOL_MSG_LINKMODES_GET reply; 0, or -1 when it is none. The
 * policy makes libnl check each attribute's length before we read it. */
int
lc_nl_ethtool_parse(struct lc_link *k, struct nlmsghdr *nlh)
{
	static struct nla_policy pol[ETHTOOL_A_LINKMODES_MAX + 1] = {
		[ETHTOOL_A_LINKMODES_SPEED] = { .type = NLA_U32 },
		[ETHTOOL_A_LINKMODES_DUPLEX] = { .type = NLA_U8 },
		[ETHTOOL_A_LINKMODES_AUTONEG] = { .type = NLA_U8 },
		[ETHTOOL_A_LINKMODES_OURS] = { .type = NLA_NESTED },
	};
	static struct nla_policy bpol[ETHTOOL_A_BITSET_MAX + 1] = {
		[ETHTOOL_A_BITSET_BITS] = { .type = NLA_NESTED },
	};
	struct nlattr *tb[ETHTOOL_A_LINKMODES_MAX + 1];
	struct nlattr *bs[ETHTOOL_A_BITSET_MAX + 1];

	if (genlmsg_parse(nlh, 0, tb, ETHTOOL_A_LINKMODES_MAX, pol) < 0)
		return -1;
	if (tb[ETHTOOL_A_LINKMODES_SPEED]) {
		uint32_t sp = nla_get_u32(tb[ETHTOOL_A_LINKMODES_SPEED]);

		k->speed = sp == 0 || sp == (uint32_t)SPEED_UNKNOWN ? -1 :
		    (long)sp;
	}
	if (tb[ETHTOOL_A_LINKMODES_DUPLEX]) {
		uint8_t d = nla_get_u8(tb[ETHTOOL_A_LINKMODES_DUPLEX]);

		k->duplex = d == DUPLEX_FULL ? 1 : d == DUPLEX_HALF ? 0 : -1;
	}
	if (tb[ETHTOOL_A_LINKMODES_AUTONEG])
		k->autoneg = nla_get_u8(tb[ETHTOOL_A_LINKMODES_AUTONEG]) ==
		    AUTONEG_ENABLE;
	/* Verbose bitsets carry mode names ("1000baseT/Full"): the speed is
	 * their leading number, no table of mode bits needed. */
	if (tb[ETHTOOL_A_LINKMODES_OURS] &&
	    nla_parse_nested(bs, ETHTOOL_A_BITSET_MAX,
	    tb[ETHTOOL_A_LINKMODES_OURS], bpol) == 0 &&
	    bs[ETHTOOL_A_BITSET_BITS]) {
		struct nlattr *b;
		int rem;

		nla_for_each_nested(b, bs[ETHTOOL_A_BITSET_BITS], rem) {
			struct nlattr *bt[ETHTOOL_A_BITSET_BIT_MAX + 1];
			long v;

			if (nla_parse_nested(bt, ETHTOOL_A_BITSET_BIT_MAX, b,
			    NULL) < 0 || !bt[ETHTOOL_A_BITSET_BIT_NAME])
				continue;
			v = bit_speed(bt[ETHTOOL_A_BITSET_BIT_NAME]);
			if (v > k->supported)
				k->supported = v;
		}
	}
	k->eth_ok = 1;
	k->eth_src = "netlink";
	return 0;
}

static int
eth_cb(struct nl_msg *msg, void *arg)
{
	return lc_nl_ethtool_parse(arg, nlmsg_hdr(msg)) < 0 ? NL_SKIP : NL_OK;
}

static int
eth_netlink(struct lc_link *k)
{
	struct nl_sock *s = nl_socket_alloc();
	struct nl_msg *m = NULL;
	struct nlattr *h;
	int fam, r = -1;

	if (s == NULL)
		return -1;
	if (genl_connect(s) < 0 || (fam = genl_ctrl_resolve(s,
	    ETHTOOL_GENL_NAME)) < 0)
		goto out;
	if ((m = nlmsg_alloc()) == NULL)
		goto out;
	if (!genlmsg_put(m, NL_AUTO_PORT, NL_AUTO_SEQ, fam, 0, NLM_F_REQUEST,
	    ETHTOOL_MSG_LINKMODES_GET, ETHTOOL_GENL_VERSION))
		goto out;
	if ((h = nla_nest_start(m, ETHTOOL_A_LINKMODES_HEADER)) == NULL ||
	    nla_put_string(m, ETHTOOL_A_HEADER_DEV_NAME, k->name) < 0)
		goto out;
	nla_nest_end(m, h);
	nl_socket_modify_cb(s, NL_CB_VALID, NL_CB_CUSTOM, eth_cb, k);
	if (nl_send_auto(s, m) < 0)
		goto out;
	r = nl_recvmsgs_default(s) < 0 ? -1 : 0;
out:
	nlmsg_free(m);
	nl_socket_free(s);
	return k->eth_ok ? 0 : r;
}

/* Kernels before 5.6 have no ethtool netlink family. ETHTOOL_GSET is
 * the oldest form, enough for speed, duplex and the classic modes. */
static void
eth_ioctl(struct lc_link *k)
{
	struct ethtool_cmd ec;
	struct ifreq ifr;
	int fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);

	if (fd < 0)
		return;
	memset(&ec, 0, sizeof(ec));
	memset(&ifr, 0, sizeof(ifr));
	ec.cmd = ETHTOOL_GSET;
	memcpy(ifr.ifr_name, k->name, strnlen(k->name, IFNAMSIZ - 1));
	ifr.ifr_data = (void *)&ec;
	if (ioctl(fd, SIOCETHTOOL, &ifr) == 0) {
		uint32_t sp = ethtool_cmd_speed(&ec);

		k->speed = sp == 0 || sp == (uint32_t)SPEED_UNKNOWN ? -1 :
		    (long)sp;
		k->duplex = ec.duplex == DUPLEX_FULL ? 1 :
		    ec.duplex == DUPLEX_HALF ? 0 : -1;
		k->autoneg = ec.autoneg == AUTONEG_ENABLE;
		if (ec.supported & (SUPPORTED_10000baseT_Full))
			k->supported = 10000;
		else if (ec.supported & (SUPPORTED_1000baseT_Full |
		    SUPPORTED_1000baseT_Half))
			k->supported = 1000;
		else if (ec.supported & (SUPPORTED_100baseT_Full |
		    SUPPORTED_100baseT_Half))
			k->supported = 100;
		else if (ec.supported & (SUPPORTED_10baseT_Full |
		    SUPPORTED_10baseT_Half))
			k->supported = 10;
		k->eth_ok = 1;
		k->eth_src = "ioctl";
	}
	close(fd);
}

void
lc_nl_ethtool(struct lc_link *k)
{
	k->speed = -1;
	k->duplex = -1;
	k->autoneg = -1;
	k->supported = 0;
	if (eth_netlink(k) != 0)
		eth_ioctl(k);
}
