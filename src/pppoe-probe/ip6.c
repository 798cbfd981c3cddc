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

int
ip6_linklocal(const uint8_t a[16])
{
	return a[0] == 0xfe && (a[1] & 0xc0) == 0x80;
}
