/* SPDX-License-Identifier: MIT */
/* Router Solicitation / Advertisement; see ra.h. */
#include <string.h>

#include "lib/bytes.h"
#include "pppoe-probe/ip6.h"
#include "pppoe-probe/ra.h"

#define ICMP6_RS	133
#define ICMP6_RA	134
#define RA_HDR		16	/* type, code, cksum, hop, flags, lifetime,
				 * reachable, retrans */
#define OPT_PIO		3
#define OPT_MTU		5
#define OPT_RDNSS	25

static const uint8_t all_routers[16] = { 0xff, 0x02, [15] = 0x02 };

size_t
ra_build_rs(uint8_t *b, size_t sz, const uint8_t src[16])
{
	uint16_t c;

	if (sz < RS_LEN)
		return 0;
	memset(b, 0, RS_LEN);
	/* No Source Link-Layer option: PPP has no link-layer address
	 * (RFC 4861 §4.1, "on link layers that have addresses"). */
	ip6_hdr(b, src, all_routers, IP6_ICMP, 255, RS_LEN - IP6_HDR);
	b[IP6_HDR] = ICMP6_RS;
	c = ip6_cksum(src, all_routers, IP6_ICMP, b + IP6_HDR,
	    RS_LEN - IP6_HDR);
	b[IP6_HDR + 2] = (uint8_t)(c >> 8), b[IP6_HDR + 3] = (uint8_t)c;
	return RS_LEN;
}

/* One option of known type; 0, or -1 when its size is wrong. */
static int
ra_option(const uint8_t *o, size_t n, struct ra_info *ra)
{
	switch (o[0]) {
	case OPT_PIO:
		if (n != 32 || o[2] > 128)
			return -1;
		if (ra->npfx < RA_MAX_PREFIX) {
			struct ra_prefix *p = &ra->pfx[ra->npfx++];

			p->len = o[2], p->flags = o[3];
			p->valid = bbt_get32(o + 4), p->preferred = bbt_get32(o + 8);
			memcpy(p->prefix, o + 16, 16);
		}
		break;
	case OPT_MTU:
		if (n != 8)
			return -1;
		ra->mtu = bbt_get32(o + 4);
		break;
	case OPT_RDNSS:
		/* RFC 8106 §5.1: length 3 or more, odd. */
		if (n < 24 || (n / 8) % 2 == 0)
			return -1;
		ra->rdnss_lifetime = bbt_get32(o + 4);
		for (size_t i = 8; i + 16 <= n; i += 16)
			if (ra->nrdnss < RA_MAX_RDNSS)
				memcpy(ra->rdnss[ra->nrdnss++], o + i, 16);
		break;
	}
	return 0;
}

enum ra_verdict
ra_parse(const uint8_t *p, size_t n, struct ra_info *ra)
{
	struct ip6_pkt k;
	const uint8_t *m;
	size_t off;

	if (ip6_parse(p, n, &k) < 0 || k.nh != IP6_ICMP || k.plen < 1 ||
	    k.pl[0] != ICMP6_RA)
		return RA_NOT;
	memset(ra, 0, sizeof(*ra));
	m = k.pl;
	/* The validity checks of RFC 4861 §6.1.2, in its order. */
	if (k.hlim != 255)
		return RA_BAD_HOPLIMIT;
	if (!ip6_linklocal(k.src))
		return RA_BAD_SOURCE;
	if (k.plen < RA_HDR || m[1] != 0)
		return RA_BAD_LENGTH;
	if (ip6_cksum(k.src, k.dst, IP6_ICMP, m, k.plen) != 0)
		return RA_BAD_CHECKSUM;
	memcpy(ra->router, k.src, 16);
	ra->hop_limit = m[4], ra->flags = m[5];
	ra->lifetime = (uint16_t)(m[6] << 8 | m[7]);
	ra->reachable = bbt_get32(m + 8), ra->retrans = bbt_get32(m + 12);
	for (off = RA_HDR; off < k.plen;) {
		size_t len;

		if (k.plen - off < 2 || m[off + 1] == 0)
			return RA_BAD_OPTION;
		len = (size_t)m[off + 1] * 8;
		if (len > k.plen - off || ra_option(m + off, len, ra) < 0)
			return RA_BAD_OPTION;
		off += len;
	}
	return RA_OK;
}

const char *
ra_verdict_name(enum ra_verdict v)
{
	static const char *const name[] = { "not_ra", "ok", "hop_limit",
		"source", "checksum", "length", "option" };

	return (unsigned)v < sizeof(name) / sizeof(name[0]) ? name[v] : "?";
}
