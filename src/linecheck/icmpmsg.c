/* SPDX-License-Identifier: MIT */
/*
 * What an ICMP message says about one of our echo requests: a reply, or
 * an error (unreachable, time exceeded, fragmentation needed, packet too
 * big) quoting the request. Pure functions over what the sockets hand
 * us, fuzzed. A raw socket sees every ICMP message of the host and its
 * error queue gets every error about any ICMP packet, whatever process
 * sent it; only the identifier and the destination quoted in the error
 * tell ours from a concurrent ping's or a forger's (reliability audit F6).
 */
#include <errno.h>
#include <time.h>
#include <linux/errqueue.h>
#include <netinet/in.h>
#include <string.h>

#include "lib/bytes.h"
#include "linecheck/linecheck.h"

#define ICMP4_ECHOREPLY		0
#define ICMP4_UNREACH		3
#define ICMP4_TIMXCEED		11
#define ICMP4_FRAGNEEDED	4	/* code of type 3 */
#define ICMP6_UNREACH		1
#define ICMP6_TOOBIG		2
#define ICMP6_ECHOREPLY		129

/* The quoted echo request at q (its ICMP header, n bytes): ours when the
 * identifier matches; a datagram socket's identifier is the kernel's,
 * and the kernel has matched it already. */
static int
quoted_echo(const uint8_t *q, size_t n, int family, int raw, uint16_t ident,
    struct lc_icmp_msg *m)
{
	if (n < 8)
		return 0;
	if (q[0] != (family == AF_INET ? 8 : 128))
		return 0;
	if (raw && bbt_get16(q + 4) != ident)
		return 0;
	m->seq = (uint16_t)bbt_get16(q + 6);
	return 1;
}

int
lc_icmp_parse(const uint8_t *p, size_t len, int family, int raw,
    uint16_t ident, struct lc_icmp_msg *m)
{
	memset(m, 0, sizeof(*m));
	m->family = family;
	if (family == AF_INET && raw) {
		/* Raw IPv4 sockets keep the IP header, IPv6 ones do not. */
		size_t ihl;

		if (len < 20 || (p[0] >> 4) != 4 || (ihl = (size_t)(p[0] & 15)
		    * 4) < 20 || len < ihl + 8)
			return 0;
		p += ihl;
		len -= ihl;
	}
	if (len < 8)
		return 0;
	if (p[0] == (family == AF_INET ? ICMP4_ECHOREPLY : ICMP6_ECHOREPLY)) {
		if (raw && bbt_get16(p + 4) != ident)
			return 0;
		m->kind = LC_ICMP_REPLY;
		m->seq = (uint16_t)bbt_get16(p + 6);
		return 1;
	}
	/* Errors arrive as packets on raw sockets only. */
	if (!raw)
		return 0;
	if (family == AF_INET) {
		const uint8_t *in = p + 8;
		size_t il;

		if (p[0] != ICMP4_UNREACH && p[0] != ICMP4_TIMXCEED)
			return 0;
		if (len < 8 + 20 || (in[0] >> 4) != 4 ||
		    (il = (size_t)(in[0] & 15) * 4) < 20 || len < 8 + il + 8 ||
		    in[9] != IPPROTO_ICMP)
			return 0;
		if (!quoted_echo(in + il, len - 8 - il, family, raw, ident, m))
			return 0;
		memcpy(m->dst, in + 16, 4);
		m->fragneeded = p[0] == ICMP4_UNREACH &&
		    p[1] == ICMP4_FRAGNEEDED;
		if (m->fragneeded)
			m->mtu = bbt_get16(p + 6);
	} else {
		if (p[0] != ICMP6_UNREACH && p[0] != ICMP6_TOOBIG)
			return 0;
		/* No extension headers in our requests: the next header
		 * of the quoted packet is ICMPv6 itself. */
		if (len < 8 + 40 + 8 || (p[8] >> 4) != 6 ||
		    p[8 + 6] != IPPROTO_ICMPV6)
			return 0;
		if (!quoted_echo(p + 48, len - 48, family, raw, ident, m))
			return 0;
		memcpy(m->dst, p + 8 + 24, 16);
		m->fragneeded = p[0] == ICMP6_TOOBIG;
		if (m->fragneeded)
			m->mtu = (unsigned)bbt_get16(p + 4) << 16 | bbt_get16(p + 6);
	}
	m->kind = LC_ICMP_ERROR;
	m->has_dst = 1;
	return 1;
}

int
lc_icmp_errq_parse(const uint8_t *payload, size_t n, int family, int raw,
    uint16_t ident, const struct lc_errq *e, struct lc_icmp_msg *m)
{
	memset(m, 0, sizeof(*m));
	m->family = family;
	if (e->origin != SO_EE_ORIGIN_ICMP && e->origin != SO_EE_ORIGIN_ICMP6)
		return 0;
	/* The payload is the quoted request, from its ICMP header on. */
	if (!quoted_echo(payload, n, family, raw, ident, m))
		return 0;
	m->kind = LC_ICMP_ERROR;
	m->fragneeded = e->errnum == EMSGSIZE;
	if (m->fragneeded)
		m->mtu = e->info;
	/* msg_name of an error-queue read: the request's destination. */
	if (e->dstlen > 0) {
		memcpy(m->dst, e->dst, family == AF_INET ? 4 : 16);
		m->has_dst = 1;
	}
	return 1;
}
