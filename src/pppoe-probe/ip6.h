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
/* fe80::/10 */
int	 ip6_linklocal(const uint8_t a[16]);

#endif
