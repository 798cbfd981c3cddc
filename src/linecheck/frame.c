/* SPDX-License-Identifier: MIT */
/*
 * Ethernet frames linecheck sends and reads through pcap: DHCPDISCOVER
 * (RFC 2131/2132) and its OFFERs, ARP probes and requests (RFC 826,
 * RFC 5227), LLDP (IEEE 802.1AB). Pure functions over byte buffers: the
 * parsers take anything off the wire and are fuzzed.
 */
#include <arpa/inet.h>
#include <stdio.h>
#include <string.h>

#include "lib/bytes.h"
#include "lib/ether.h"
#include "linecheck/linecheck.h"

#define ETH_HLEN	14
#define BOOTP_MIN	236
#define DHCP_MAGIC	0x63825363u

size_t
lc_dhcp_discover(uint8_t *buf, size_t sz, const uint8_t mac[6], uint32_t xid)
{
	/* 300 bytes of BOOTP: the minimum some old servers insist on. */
	const size_t bootp = 300, udp = 8 + bootp, ip = 20 + udp;
	uint8_t *b, *o;

	if (sz < ETH_HLEN + ip)
		return 0;
	memset(buf, 0, ETH_HLEN + ip);
	memset(buf, 0xff, 6);
	memcpy(buf + 6, mac, 6);
	bbt_put16(buf + 12, 0x0800);
	b = buf + ETH_HLEN;
	b[0] = 0x45;
	bbt_put16(b + 2, (unsigned)ip);
	b[8] = 64;
	b[9] = 17;
	bbt_put32(b + 16, 0xffffffffu);
	bbt_put16(b + 10, bbt_inet_csum(b, 20, 0));
	bbt_put16(b + 20, 68);
	bbt_put16(b + 22, 67);
	bbt_put16(b + 24, (unsigned)udp);
	b += 28;
	b[0] = 1;		/* BOOTREQUEST */
	b[1] = 1;		/* Ethernet */
	b[2] = 6;
	bbt_put32(b + 4, xid);
	/* Broadcast flag: we have no address the offer could be sent to. */
	bbt_put16(b + 10, 0x8000);
	memcpy(b + 28, mac, 6);
	bbt_put32(b + 236, DHCP_MAGIC);
	o = b + 240;
	*o++ = 53; *o++ = 1; *o++ = 1;			/* DHCPDISCOVER */
	*o++ = 55; *o++ = 5;				/* parameters */
	*o++ = 1; *o++ = 3; *o++ = 6; *o++ = 51; *o++ = 54;
	*o++ = 255;
	return ETH_HLEN + ip;
}

/* An address a server, a client or a router can have: not 0/8,
 * loopback, multicast, class E or the limited broadcast. */
static int
unicast(uint32_t a)
{
	return (a >> 24) != 0 && (a >> 24) != 127 && (a >> 28) < 14;
}

/* RFC 2132 lengths of the options we read: exactly n, or a positive
 * multiple of n when list is set. */
static int
optlen_ok(unsigned code, unsigned l)
{
	switch (code) {
	case 53:
		return l == 1;
	case 1: case 51: case 54:
		return l == 4;
	case 3: case 6:
		return l >= 4 && l % 4 == 0;
	default:
		return 1;
	}
}

int
lc_dhcp_parse_offer(const uint8_t *p, size_t len, uint32_t xid,
    struct lc_offer *of)
{
	const uint8_t *ip, *b, *o, *end;
	size_t ihl;
	int type = 0, bad = 0;

	memset(of, 0, sizeof(*of));
	if (len < ETH_HLEN + 20 + 8 + BOOTP_MIN + 4 || bbt_get16(p + 12) != 0x0800)
		return 0;
	ip = p + ETH_HLEN;
	ihl = (size_t)(ip[0] & 15) * 4;
	if ((ip[0] >> 4) != 4 || ihl < 20 || ip[9] != 17 ||
	    len < ETH_HLEN + ihl + 8 + BOOTP_MIN + 4)
		return 0;
	if (bbt_get16(ip + ihl + 2) != 68)
		return 0;
	b = ip + ihl + 8;
	end = p + len;
	if (b[0] != 2 || bbt_get32(b + 4) != xid || bbt_get32(b + 236) != DHCP_MAGIC)
		return 0;
	/* From here on it answers our DISCOVER: what is wrong with it is
	 * counted (malformed), not silently taken or ignored. */
	of->yiaddr = bbt_get32(b + 16);
	of->server = bbt_get32(b + 20);	/* siaddr until option 54 says */
	memcpy(of->mac, p + 6, 6);
	for (o = b + 240; o < end && *o != 255;) {
		unsigned code = *o, l;

		if (code == 0) {
			o++;
			continue;
		}
		if (o + 2 > end || o + 2 + o[1] > end)
			return type == 0 || type == 2 ? -1 : 0;
		l = o[1];
		if (!optlen_ok(code, l))
			bad = 1;
		else switch (code) {
		case 53:
			type = o[2];
			break;
		case 54:
			of->server = bbt_get32(o + 2);
			break;
		case 3:
			of->router = bbt_get32(o + 2);
			break;
		case 6:
			for (unsigned i = 0; i + 4 <= l && of->ndns < 2; i += 4)
				of->dns[of->ndns++] = bbt_get32(o + 2 + i);
			break;
		case 51:
			of->lease = bbt_get32(o + 2);
			break;
		}
		o += 2 + l;
	}
	if (type != 2 && !(bad && type == 0))
		return 0;
	if (bad || !unicast(of->yiaddr) || !unicast(of->server) ||
	    (of->router && !unicast(of->router)))
		return -1;
	return 1;
}

size_t
lc_arp_request(uint8_t *buf, size_t sz, const uint8_t mac[6], uint32_t sip,
    uint32_t tip)
{
	uint8_t *a = buf + ETH_HLEN;

	if (sz < 60)
		return 0;
	memset(buf, 0, 60);	/* padded to the Ethernet minimum */
	memset(buf, 0xff, 6);
	memcpy(buf + 6, mac, 6);
	bbt_put16(buf + 12, 0x0806);
	bbt_put16(a, 1);
	bbt_put16(a + 2, 0x0800);
	a[4] = 6;
	a[5] = 4;
	bbt_put16(a + 6, 1);
	memcpy(a + 8, mac, 6);
	bbt_put32(a + 14, sip);	/* 0.0.0.0 for an RFC 5227 probe */
	bbt_put32(a + 24, tip);
	return 60;
}

int
lc_arp_parse(const uint8_t *p, size_t len, int *op, uint8_t sha[6],
    uint32_t *sip, uint32_t *tip)
{
	const uint8_t *a = p + ETH_HLEN;

	if (len < ETH_HLEN + 28 || bbt_get16(p + 12) != 0x0806)
		return 0;
	if (bbt_get16(a) != 1 || bbt_get16(a + 2) != 0x0800 || a[4] != 6 || a[5] != 4)
		return 0;
	*op = (int)bbt_get16(a + 6);
	memcpy(sha, a + 8, 6);
	*sip = bbt_get32(a + 14);
	*tip = bbt_get32(a + 24);
	return 1;
}

/* Copies an LLDP string TLV printable, skipping a subtype byte. */
static void
lldp_str(char *dst, size_t dsz, const uint8_t *v, size_t l, int subtype)
{
	size_t k = 0;

	if (subtype) {
		if (l == 0)
			return;
		/* MAC address subtypes read better as a MAC. */
		if ((v[0] == 4 || v[0] == 3) && l == 7) {
			bbt_mac_str(v + 1, dst);
			return;
		}
		v++;
		l--;
	}
	for (size_t i = 0; i < l && k + 1 < dsz; i++)
		dst[k++] = v[i] >= 0x20 && v[i] < 0x7f ? (char)v[i] : '?';
	dst[k] = '\0';
}

int
lc_lldp_parse(const uint8_t *p, size_t len, struct lc_lldp *ll)
{
	const uint8_t *t = p + ETH_HLEN, *end = p + len;

	memset(ll, 0, sizeof(*ll));
	if (len < ETH_HLEN || bbt_get16(p + 12) != 0x88cc)
		return 0;
	while (t + 2 <= end) {
		unsigned type = t[0] >> 1, l = (unsigned)(t[0] & 1) << 8 | t[1];

		if (type == 0 || t + 2 + l > end)
			break;
		switch (type) {
		case 1:
			lldp_str(ll->chassis, sizeof(ll->chassis), t + 2, l, 1);
			break;
		case 2:
			lldp_str(ll->port, sizeof(ll->port), t + 2, l, 1);
			break;
		case 4:
			lldp_str(ll->portdesc, sizeof(ll->portdesc), t + 2, l, 0);
			break;
		case 5:
			lldp_str(ll->sysname, sizeof(ll->sysname), t + 2, l, 0);
			break;
		}
		t += 2 + l;
	}
	return ll->chassis[0] != '\0';
}

/* The ICMPv6 checksum over the pseudo-header (RFC 4443 section 2.3). */
static uint16_t
icmp6sum(const uint8_t *ip6, const uint8_t *icmp, size_t n)
{
	uint32_t s = 0;

	for (int i = 8; i < 40; i += 2)		/* source and destination */
		s += bbt_get16(ip6 + i);
	s += (uint32_t)n;
	s += 58;
	return bbt_inet_csum(icmp, n, s);
}

size_t
lc_rs_build(uint8_t *buf, size_t sz, const uint8_t mac[6],
    const uint8_t *src6)
{
	/* The source link-layer option only with a source address (4.1). */
	size_t il = src6 ? 16 : 8, n = ETH_HLEN + 40 + il;
	uint8_t *ip = buf + ETH_HLEN, *ic = ip + 40;

	if (sz < n)
		return 0;
	memset(buf, 0, n);
	memcpy(buf, "\x33\x33\x00\x00\x00\x02", 6);
	memcpy(buf + 6, mac, 6);
	bbt_put16(buf + 12, 0x86dd);
	ip[0] = 0x60;
	bbt_put16(ip + 4, (unsigned)il);
	ip[6] = 58;
	ip[7] = 255;
	if (src6)
		memcpy(ip + 8, src6, 16);
	memcpy(ip + 24, "\xff\x02\0\0\0\0\0\0\0\0\0\0\0\0\0\x02", 16);
	ic[0] = 133;
	if (src6) {
		ic[8] = 1;
		ic[9] = 1;
		memcpy(ic + 10, mac, 6);
	}
	bbt_put16(ic + 2, icmp6sum(ip, ic, il));
	return n;
}

int
lc_ra_parse(const uint8_t *p, size_t len, struct lc_ra *ra)
{
	const uint8_t *ip = p + ETH_HLEN, *ic, *o, *end;
	size_t pl;

	memset(ra, 0, sizeof(*ra));
	if (len < ETH_HLEN + 40 + 16 || bbt_get16(p + 12) != 0x86dd ||
	    (ip[0] >> 4) != 6 || ip[6] != 58 || ip[7] != 255)
		return 0;
	pl = bbt_get16(ip + 4);
	if (pl < 16 || ETH_HLEN + 40 + pl > len)
		return 0;
	ic = ip + 40;
	end = ic + pl;
	if (ic[0] != 134 || ic[1] != 0)
		return 0;
	inet_ntop(AF_INET6, ip + 8, ra->router, sizeof(ra->router));
	ra->managed = (ic[5] & 0x80) != 0;
	ra->other = (ic[5] & 0x40) != 0;
	ra->lifetime = bbt_get16(ic + 6);
	for (o = ic + 16; o + 2 <= end;) {
		size_t ol = (size_t)o[1] * 8;

		if (ol == 0 || o + ol > end)
			break;
		if (o[0] == 3 && ol == 32 && !ra->prefix[0]) {
			char a[INET6_ADDRSTRLEN];

			inet_ntop(AF_INET6, o + 16, a, sizeof(a));
			snprintf(ra->prefix, sizeof(ra->prefix), "%s/%u", a,
			    o[2] > 128 ? 128 : o[2]);
			ra->autonomous = (o[3] & 0x40) != 0;
		} else if (o[0] == 5 && ol == 8)
			ra->mtu = bbt_get32(o + 4);
		else if (o[0] == 25 && ol >= 24 && !ra->dns[0])
			inet_ntop(AF_INET6, o + 8, ra->dns, sizeof(ra->dns));
		o += ol;
	}
	return 1;
}
