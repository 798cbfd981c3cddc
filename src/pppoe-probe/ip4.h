/* SPDX-License-Identifier: MIT */
/*
 * IPv4, ICMP echo and UDP as they cross the test session (issue 19):
 * builders for our packets and parsers for the AC side's, which may be
 * anything. Pure functions over buffers, so they can be fuzzed.
 */
#ifndef PPPOE_IP4_H
#define PPPOE_IP4_H

#include <stddef.h>
#include <stdint.h>

#define IP4_HDR		20
#define IP4_MAX		1500
#define IPPROTO4_ICMP	1
#define IPPROTO4_TCP	6
#define IPPROTO4_UDP	17

struct ip4_pkt {
	uint8_t		 src[4], dst[4];
	uint8_t		 proto, ttl;
	const uint8_t	*pl;		/* the payload after the header */
	size_t		 plen;
};

/* The Internet checksum of b, folded, starting from sum. */
uint16_t ip4_csum(const uint8_t *b, size_t n, uint32_t sum);
/* The sum of the pseudo-header of a TCP or UDP segment of len bytes. */
uint32_t ip4_pseudo(const uint8_t src[4], const uint8_t dst[4],
	    uint8_t proto, size_t len);
/*
 * Writes an IPv4 header before the plen bytes already at out + IP4_HDR
 * (DF set, TTL 64); returns the packet length, 0 if it does not fit.
 */
size_t	 ip4_wrap(uint8_t *out, size_t cap, const uint8_t src[4],
	    const uint8_t dst[4], uint8_t proto, uint16_t id, size_t plen);
/*
 * A packet from the AC: 0 parsed (header checksum right, payload cut to
 * the total length), -1 malformed, 1 a fragment (not reassembled).
 */
int	 ip4_parse(const uint8_t *, size_t, struct ip4_pkt *);

/* An ICMP Echo-Request with plen pattern bytes; the packet's length. */
size_t	 icmp4_echo(uint8_t *out, size_t cap, const uint8_t src[4],
	    const uint8_t dst[4], uint16_t ipid, uint16_t id, uint16_t seq,
	    size_t plen);

struct icmp4_msg {
	uint8_t		 type, code;
	uint16_t	 id, seq;	/* of an echo reply */
	/* Of an error (type 3, 11): the packet it quotes. */
	uint8_t		 in_proto, in_dst[4];
	uint16_t	 in_sport, in_dport;
};

/* 0 parsed, -1 malformed (short, bad checksum, a quote cut short). */
int	 icmp4_parse(const struct ip4_pkt *, struct icmp4_msg *);

/* A UDP datagram; the packet's length, 0 if it does not fit. */
size_t	 udp4_build(uint8_t *out, size_t cap, const uint8_t src[4],
	    const uint8_t dst[4], uint16_t ipid, uint16_t sport,
	    uint16_t dport, const uint8_t *, size_t);
/* 0 parsed (checksum right or absent), -1 malformed. */
int	 udp4_parse(const struct ip4_pkt *, uint16_t *sport, uint16_t *dport,
	    const uint8_t **data, size_t *len);

/* "a.b.c.d" to 4 bytes: 0, or -1. */
int	 ip4_aton(const char *, uint8_t out[4]);
const char *ip4_str(const uint8_t a[4], char b[16]);

#endif
