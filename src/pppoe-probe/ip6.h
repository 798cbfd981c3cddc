/* SPDX-License-Identifier: MIT */
/*
 * The IPv6 header and the upper-layer checksum (RFC 8200 §8.1) for the
 * packets pppoe-probe sends and reads through its session: pure code,
 * shared by the RA and DHCPv6 parsers and builders.
 */
#ifndef PPPOE_IP6_H
#define PPPOE_IP6_H

#include <stddef.h>
#include <stdint.h>

#define IP6_HDR		40
#define IP6_ICMP	58
#define IP6_UDP		17

struct ip6_pkt {
	uint8_t		 src[16], dst[16];
	uint8_t		 nh, hlim;
	const uint8_t	*pl;		/* payload, plen bytes */
	size_t		 plen;
};

/* The header at buf (IP6_HDR bytes) for a payload of plen bytes. */
void	 ip6_hdr(uint8_t *buf, const uint8_t src[16], const uint8_t dst[16],
	    uint8_t nh, uint8_t hlim, size_t plen);
/* The checksum of an upper-layer packet over the pseudo-header. */
uint16_t ip6_cksum(const uint8_t src[16], const uint8_t dst[16], uint8_t nh,
	    const uint8_t *, size_t);
/* 0, or -1 when it is not a whole IPv6 packet (bytes past the payload
 * length are link padding and ignored). */
int	 ip6_parse(const uint8_t *, size_t, struct ip6_pkt *);
/*
 * Writes the IPv6 and UDP headers before the dlen bytes already at
 * buf + IP6_HDR + 8, checksum included; the packet's length, 0 when it
 * does not fit in sz.
 */
size_t	 udp6_wrap(uint8_t *buf, size_t sz, const uint8_t src[16],
	    const uint8_t dst[16], uint8_t hlim, uint16_t sport, uint16_t dport,
	    size_t dlen);
/* A UDP datagram (k->nh IP6_UDP): 0 parsed, its checksum right (RFC
 * 8200 §8.1: required), -1 malformed. */
int	 udp6_parse(const struct ip6_pkt *, uint16_t *sport, uint16_t *dport,
	    const uint8_t **data, size_t *len);

/* What an ICMPv6 Destination Unreachable (RFC 4443 §3.1) quotes. */
struct icmp6_unreach {
	uint8_t		 code;
	uint8_t		 in_nh, in_dst[16];
	uint16_t	 in_sport, in_dport;
};

/* An ICMPv6 message (k->nh IP6_ICMP): 1 a Destination Unreachable
 * read into u, 0 another type, -1 malformed (checksum, a quote cut
 * short). */
int	 icmp6_unreach_parse(const struct ip6_pkt *, struct icmp6_unreach *);
/* fe80::/10 */
int	 ip6_linklocal(const uint8_t a[16]);

#endif
