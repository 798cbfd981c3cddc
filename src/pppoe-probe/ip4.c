/* SPDX-License-Identifier: MIT */
/* IPv4, ICMP and UDP through the test session; see ip4.h. */
#include <arpa/inet.h>
#include <stdio.h>
#include <string.h>

#include "lib/bytes.h"
#include "pppoe-probe/ip4.h"

uint16_t
ip4_csum(const uint8_t *b, size_t n, uint32_t sum)
{
	return bbt_inet_csum(b, n, sum);
}

uint32_t
ip4_pseudo(const uint8_t src[4], const uint8_t dst[4], uint8_t proto,
    size_t len)
{
	return (uint32_t)bbt_get16(src) + bbt_get16(src + 2) + bbt_get16(dst) +
	    bbt_get16(dst + 2) + proto + (uint32_t)len;
}

size_t
ip4_wrap(uint8_t *out, size_t cap, const uint8_t src[4],
    const uint8_t dst[4], uint8_t proto, uint16_t id, size_t plen)
{
	size_t n = IP4_HDR + plen;

	if (n > cap || n > 0xffff)
		return 0;
	out[0] = 0x45;
	out[1] = 0;
	bbt_put16(out + 2, (uint16_t)n);
	bbt_put16(out + 4, id);
	bbt_put16(out + 6, 0x4000);		/* DF: PMTU problems show as loss */
	out[8] = 64;
	out[9] = proto;
	bbt_put16(out + 10, 0);
	memcpy(out + 12, src, 4);
	memcpy(out + 16, dst, 4);
	bbt_put16(out + 10, ip4_csum(out, IP4_HDR, 0));
	return n;
}

int
ip4_parse(const uint8_t *p, size_t n, struct ip4_pkt *k)
{
	size_t hl, tl;

	if (n < IP4_HDR || p[0] >> 4 != 4)
		return -1;
	hl = (size_t)(p[0] & 15) * 4;
	tl = bbt_get16(p + 2);
	if (hl < IP4_HDR || tl < hl || tl > n || ip4_csum(p, hl, 0) != 0)
		return -1;
	memcpy(k->src, p + 12, 4);
	memcpy(k->dst, p + 16, 4);
	k->proto = p[9];
	k->ttl = p[8];
	k->pl = p + hl;
	k->plen = tl - hl;
	/* More fragments, or an offset: not one of our answers whole. */
	if (bbt_get16(p + 6) & 0x3fff)
		return 1;
	return 0;
}

size_t
icmp4_echo(uint8_t *out, size_t cap, const uint8_t src[4],
    const uint8_t dst[4], uint16_t ipid, uint16_t id, uint16_t seq,
    size_t plen)
{
	uint8_t *m = out + IP4_HDR;
	size_t n = 8 + plen;

	if (IP4_HDR + n > cap)
		return 0;
	m[0] = 8;
	m[1] = 0;
	bbt_put16(m + 2, 0);
	bbt_put16(m + 4, id);
	bbt_put16(m + 6, seq);
	for (size_t i = 0; i < plen; i++)
		m[8 + i] = (uint8_t)(0x20 + i % 64);
	bbt_put16(m + 2, ip4_csum(m, n, 0));
	return ip4_wrap(out, cap, src, dst, IPPROTO4_ICMP, ipid, n);
}

int
icmp4_parse(const struct ip4_pkt *k, struct icmp4_msg *m)
{
	const uint8_t *p = k->pl;
	size_t hl;

	memset(m, 0, sizeof(*m));
	if (k->plen < 8 || ip4_csum(p, k->plen, 0) != 0)
		return -1;
	m->type = p[0];
	m->code = p[1];
	if (m->type == 0) {
		m->id = bbt_get16(p + 4);
		m->seq = bbt_get16(p + 6);
		return 0;
	}
	if (m->type != 3 && m->type != 11)
		return 0;
	/* An error quotes the IP header and 8 bytes of what it refuses. */
	p += 8;
	if (k->plen - 8 < IP4_HDR || p[0] >> 4 != 4)
		return -1;
	hl = (size_t)(p[0] & 15) * 4;
	if (hl < IP4_HDR || k->plen - 8 < hl + 4)
		return -1;
	m->in_proto = p[9];
	memcpy(m->in_dst, p + 16, 4);
	m->in_sport = bbt_get16(p + hl);
	m->in_dport = bbt_get16(p + hl + 2);
	return 0;
}

size_t
udp4_build(uint8_t *out, size_t cap, const uint8_t src[4],
    const uint8_t dst[4], uint16_t ipid, uint16_t sport, uint16_t dport,
    const uint8_t *d, size_t n)
{
	uint8_t *u = out + IP4_HDR;
	size_t ul = 8 + n;
	uint16_t s;

	if (IP4_HDR + ul > cap || ul > 0xffff)
		return 0;
	bbt_put16(u, sport);
	bbt_put16(u + 2, dport);
	bbt_put16(u + 4, (uint16_t)ul);
	bbt_put16(u + 6, 0);
	memcpy(u + 8, d, n);
	s = ip4_csum(u, ul, ip4_pseudo(src, dst, IPPROTO4_UDP, ul));
	bbt_put16(u + 6, s ? s : 0xffff);
	return ip4_wrap(out, cap, src, dst, IPPROTO4_UDP, ipid, ul);
}

int
udp4_parse(const struct ip4_pkt *k, uint16_t *sport, uint16_t *dport,
    const uint8_t **d, size_t *n)
{
	const uint8_t *u = k->pl;
	size_t ul;

	if (k->plen < 8)
		return -1;
	ul = bbt_get16(u + 4);
	if (ul < 8 || ul > k->plen)
		return -1;
	if (bbt_get16(u + 6) != 0 && ip4_csum(u, ul, ip4_pseudo(k->src, k->dst,
	    IPPROTO4_UDP, ul)) != 0)
		return -1;
	*sport = bbt_get16(u);
	*dport = bbt_get16(u + 2);
	*d = u + 8;
	*n = ul - 8;
	return 0;
}

int
ip4_aton(const char *s, uint8_t out[4])
{
	struct in_addr a;

	if (inet_pton(AF_INET, s, &a) != 1)
		return -1;
	memcpy(out, &a, 4);
	return 0;
}

const char *
ip4_str(const uint8_t a[4], char b[16])
{
	snprintf(b, 16, "%u.%u.%u.%u", a[0], a[1], a[2], a[3]);
	return b;
}
