/* SPDX-License-Identifier: MIT */
/* IPv6 header and checksum; see ip6.h. */
#include <string.h>

#include "lib/bytes.h"
#include "pppoe-probe/ip6.h"

void
ip6_hdr(uint8_t *b, const uint8_t src[16], const uint8_t dst[16], uint8_t nh,
    uint8_t hlim, size_t plen)
{
	b[0] = 0x60, b[1] = b[2] = b[3] = 0;
	b[4] = (uint8_t)(plen >> 8), b[5] = (uint8_t)plen;
	b[6] = nh, b[7] = hlim;
	memcpy(b + 8, src, 16);
	memcpy(b + 24, dst, 16);
}

static uint32_t
sum16(uint32_t s, const uint8_t *p, size_t n)
{
	for (; n > 1; p += 2, n -= 2)
		s += (uint32_t)p[0] << 8 | p[1];
	if (n)
		s += (uint32_t)p[0] << 8;
	return s;
}

uint16_t
ip6_cksum(const uint8_t src[16], const uint8_t dst[16], uint8_t nh,
    const uint8_t *p, size_t n)
{
	uint8_t ph[8] = { (uint8_t)(n >> 24), (uint8_t)(n >> 16),
		(uint8_t)(n >> 8), (uint8_t)n, 0, 0, 0, nh };
	uint32_t s = 0;

	s = sum16(s, src, 16);
	s = sum16(s, dst, 16);
	s = sum16(s, ph, 8);
	return bbt_inet_csum(p, n, s);
}

int
ip6_parse(const uint8_t *p, size_t n, struct ip6_pkt *k)
{
	size_t plen;

	if (n < IP6_HDR || p[0] >> 4 != 6)
		return -1;
	plen = (size_t)p[4] << 8 | p[5];
	if (plen > n - IP6_HDR)
		return -1;
	k->nh = p[6], k->hlim = p[7];
	memcpy(k->src, p + 8, 16);
	memcpy(k->dst, p + 24, 16);
	k->pl = p + IP6_HDR;
	k->plen = plen;
	return 0;
}

size_t
udp6_wrap(uint8_t *b, size_t sz, const uint8_t src[16], const uint8_t dst[16],
    uint8_t hlim, uint16_t sport, uint16_t dport, size_t dlen)
{
	size_t ulen = 8 + dlen;
	uint8_t *u = b + IP6_HDR;
	uint16_t c;

	if (IP6_HDR + ulen > sz || ulen > 0xffff)
		return 0;
	ip6_hdr(b, src, dst, IP6_UDP, hlim, ulen);
	bbt_put16(u, sport);
	bbt_put16(u + 2, dport);
	bbt_put16(u + 4, (uint32_t)ulen);
	bbt_put16(u + 6, 0);
	c = ip6_cksum(src, dst, IP6_UDP, u, ulen);
	/* 0 would mean none, which IPv6 does not allow: all ones. */
	bbt_put16(u + 6, c ? c : 0xffff);
	return IP6_HDR + ulen;
}

int
udp6_parse(const struct ip6_pkt *k, uint16_t *sport, uint16_t *dport,
    const uint8_t **d, size_t *n)
{
	const uint8_t *u = k->pl;
	size_t ul;

	if (k->plen < 8)
		return -1;
	ul = bbt_get16(u + 4);
	if (ul < 8 || ul > k->plen || bbt_get16(u + 6) == 0 ||
	    ip6_cksum(k->src, k->dst, IP6_UDP, u, ul) != 0)
		return -1;
	*sport = bbt_get16(u);
	*dport = bbt_get16(u + 2);
	*d = u + 8;
	*n = ul - 8;
	return 0;
}

int
icmp6_unreach_parse(const struct ip6_pkt *k, struct icmp6_unreach *u)
{
	const uint8_t *m = k->pl, *in;

	memset(u, 0, sizeof(*u));
	if (k->plen < 8 || ip6_cksum(k->src, k->dst, IP6_ICMP, m, k->plen))
		return -1;
	if (m[0] != 1)
		return 0;
	/* The quote: as much of our packet as fits, its header first. */
	in = m + 8;
	if (k->plen - 8 < IP6_HDR || in[0] >> 4 != 6)
		return -1;
	u->code = m[1];
	u->in_nh = in[6];
	memcpy(u->in_dst, in + 24, 16);
	if (k->plen - 8 >= IP6_HDR + 4) {
		u->in_sport = bbt_get16(in + IP6_HDR);
		u->in_dport = bbt_get16(in + IP6_HDR + 2);
	}
	return 1;
}

int
ip6_linklocal(const uint8_t a[16])
{
	return a[0] == 0xfe && (a[1] & 0xc0) == 0x80;
}
