/* SPDX-License-Identifier: MIT */
/*
 * linecheck --watch: the default gateway of each family pinged every
 * --interval (an ICMP or ICMPv6 echo request on the socket opened before
 * the privilege drop), replies matched by sequence number into the loss
 * bursts of watchcalc.c. An IPv6 router is usually link-local (a router
 * advertisement's source): it is reached through the watched interface,
 * its scope id.
 */
#include <arpa/inet.h>
#include <string.h>

#include "lib/datetime.h"
#include "linecheck/linecheck.h"
#include "linecheck/watch.h"

void
lc_wgw_init(struct lc_wgw *g, int family, int fd, int raw, uint16_t ident,
    int64_t interval_ms, int64_t now)
{
	memset(g, 0, sizeof(*g));
	g->family = family;
	g->fd = fd;
	g->raw = raw;
	g->ident = ident;
	g->rtt_ms = -1;
	g->interval_ms = interval_ms;
	g->next_send = now;
}

void
lc_wgw_follow(struct lc_wgw *g, const char *addr, int ifindex, int64_t now)
{
	struct sockaddr_in *s4 = (struct sockaddr_in *)&g->dst;
	struct sockaddr_in6 *s6 = (struct sockaddr_in6 *)&g->dst;
	struct sockaddr_storage old = g->dst;
	int was = g->ok;

	snprintf(g->addr, sizeof(g->addr), "%s", addr);
	memset(&g->dst, 0, sizeof(g->dst));
	g->ok = 0;
	if (g->fd >= 0 && g->family == AF_INET &&
	    inet_pton(AF_INET, addr, &s4->sin_addr) == 1) {
		s4->sin_family = AF_INET;
		g->dlen = sizeof(*s4);
		g->ok = 1;
	} else if (g->fd >= 0 && g->family == AF_INET6 &&
	    inet_pton(AF_INET6, addr, &s6->sin6_addr) == 1) {
		s6->sin6_family = AF_INET6;
		if (IN6_IS_ADDR_LINKLOCAL(&s6->sin6_addr))
			s6->sin6_scope_id = (uint32_t)ifindex;
		g->dlen = sizeof(*s6);
		g->ok = 1;
	}
	/* The other family's route changed: nothing to settle here. */
	if (g->ok == was && memcmp(&old, &g->dst, sizeof(old)) == 0)
		return;
	g->gt.up_at = now;	/* address resolution again: settling */
}

static void
send_echo(struct lc_wgw *g, int64_t now)
{
	uint8_t pkt[64];
	uint16_t seq = lc_gw_sent(&g->gt, now, bbt_time_now()), c;

	memset(pkt, 0, sizeof(pkt));
	pkt[0] = g->family == AF_INET ? 8 : 128;	/* echo request */
	pkt[4] = (uint8_t)(g->ident >> 8);
	pkt[5] = (uint8_t)g->ident;
	pkt[6] = (uint8_t)(seq >> 8);
	pkt[7] = (uint8_t)seq;
	/* The kernel sums ICMPv6 (it covers the pseudo-header). */
	if (g->family == AF_INET) {
		c = lc_icmp_cksum(pkt, sizeof(pkt));
		pkt[2] = (uint8_t)(c >> 8);
		pkt[3] = (uint8_t)c;
	}
	g->sent_us[seq % LC_GW_RING] = lc_now_us();
	/* A failed send (no route or neighbour for a moment) is a lost
	 * request too. */
	(void)sendto(g->fd, pkt, sizeof(pkt), 0,
	    (const struct sockaddr *)&g->dst, g->dlen);
}

int64_t
lc_wgw_tick(struct lc_wgw *g, int64_t now, int carrier)
{
	if (!g->ok)
		return LC_NEVER;
	lc_gw_expire(&g->gt, now);
	/* A carrier loss is its own event: the requests it would lose
	 * are not sent. */
	if (now >= g->next_send) {
		if (carrier)
			send_echo(g, now);
		g->next_send += g->interval_ms;
		if (g->next_send <= now)
			g->next_send = now + g->interval_ms;
	}
	return g->next_send;
}

/* Whether from is the router we ping. */
static int
from_gw(const struct lc_wgw *g, const struct sockaddr_storage *from,
    socklen_t fl)
{
	if (g->family == AF_INET)
		return fl >= sizeof(struct sockaddr_in) &&
		    from->ss_family == AF_INET &&
		    ((const struct sockaddr_in *)from)->sin_addr.s_addr ==
		    ((const struct sockaddr_in *)&g->dst)->sin_addr.s_addr;
	return fl >= sizeof(struct sockaddr_in6) &&
	    from->ss_family == AF_INET6 &&
	    memcmp(&((const struct sockaddr_in6 *)from)->sin6_addr,
	    &((const struct sockaddr_in6 *)&g->dst)->sin6_addr, 16) == 0;
}

void
lc_wgw_input(struct lc_wgw *g, lc_wgw_report *report)
{
	uint8_t buf[2048];
	struct sockaddr_storage from;
	socklen_t fl = sizeof(from);
	struct lc_icmp_msg m;
	struct lc_burst b;
	ssize_t n;

	while ((n = recvfrom(g->fd, buf, sizeof(buf), MSG_DONTWAIT,
	    (struct sockaddr *)&from, &fl)) > 0) {
		if (g->ok && from_gw(g, &from, fl) &&
		    lc_icmp_parse(buf, (size_t)n, g->family, g->raw,
		    g->ident, &m) && m.kind == LC_ICMP_REPLY) {
			const struct lc_echo *e = &g->gt.ring[m.seq %
			    LC_GW_RING];

			if (e->seq == m.seq && e->pending)
				g->rtt_ms = (lc_now_us() -
				    g->sent_us[m.seq % LC_GW_RING]) / 1000.0;
			if (lc_gw_reply(&g->gt, m.seq, lc_now(), &b))
				report(g, &b, NULL);
		}
		fl = sizeof(from);
	}
}
