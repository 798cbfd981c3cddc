/* SPDX-License-Identifier: MIT */
/*
 * Router Solicitation and Router Advertisement (RFC 4861 §4.1, §4.2,
 * §6.1.2) with the options a BRAS sends on a PPP link: Prefix
 * Information, MTU and RDNSS (RFC 8106). Pure code: whole IPv6 packets
 * in, a struct out.
 */
#ifndef PPPOE_RA_H
#define PPPOE_RA_H

#include <stddef.h>
#include <stdint.h>

#define RA_MAX_PREFIX	4
#define RA_MAX_RDNSS	4
#define RS_LEN		48	/* IPv6 header + RS without options */

#define RA_FLAG_M	0x80
#define RA_FLAG_O	0x40
#define PIO_FLAG_L	0x80
#define PIO_FLAG_A	0x40

struct ra_prefix {
	uint8_t		 prefix[16];
	uint8_t		 len, flags;		/* PIO_FLAG_* */
	uint32_t	 valid, preferred;	/* s, 0xffffffff infinity */
};

struct ra_info {
	uint8_t		 router[16];		/* its link-local source */
	uint8_t		 hop_limit, flags;	/* RA_FLAG_* */
	uint16_t	 lifetime;		/* router lifetime, s */
	uint32_t	 reachable, retrans;	/* ms */
	uint32_t	 mtu;			/* 0: no MTU option */
	struct ra_prefix pfx[RA_MAX_PREFIX];
	int		 npfx;			/* kept, at most RA_MAX_PREFIX */
	uint8_t		 rdnss[RA_MAX_RDNSS][16];
	int		 nrdnss;
	uint32_t	 rdnss_lifetime;
};

enum ra_verdict {
	RA_NOT = 0,		/* not a Router Advertisement */
	RA_OK,
	RA_BAD_HOPLIMIT,	/* not 255: not from the link (§6.1.2) */
	RA_BAD_SOURCE,		/* not link-local */
	RA_BAD_CHECKSUM,
	RA_BAD_LENGTH,		/* shorter than the RA header */
	RA_BAD_OPTION,		/* an option of length 0, past the end, or
				 * the wrong size for its type */
};

/* An RS from src (our link-local) to ff02::2 into buf (RS_LEN bytes). */
size_t	 ra_build_rs(uint8_t *buf, size_t sz, const uint8_t src[16]);
/* One IPv6 packet (after the PPP protocol field). */
enum ra_verdict ra_parse(const uint8_t *, size_t, struct ra_info *);
/* "hop_limit", "checksum", ... for a record's error= */
const char *ra_verdict_name(enum ra_verdict);

#endif
