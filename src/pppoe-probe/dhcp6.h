/* SPDX-License-Identifier: MIT */
/*
 * DHCPv6 client messages (RFC 8415) as pppoe-probe needs them over a PPP
 * link: Solicit, Request and Release with IA_NA and IA_PD built into
 * whole IPv6/UDP packets; Advertise and Reply parsed from them. Pure
 * code, no I/O.
 */
#ifndef PPPOE_DHCP6_H
#define PPPOE_DHCP6_H

#include <stddef.h>
#include <stdint.h>

enum {
	DH6_SOLICIT = 1, DH6_ADVERTISE = 2, DH6_REQUEST = 3, DH6_REPLY = 7,
	DH6_RELEASE = 8,
};

/* Status codes (RFC 8415 §21.13); DH6_ST_NONE: no Status Code option. */
enum {
	DH6_ST_SUCCESS = 0, DH6_ST_UNSPECFAIL, DH6_ST_NOADDRSAVAIL,
	DH6_ST_NOBINDING, DH6_ST_NOTONLINK, DH6_ST_USEMULTICAST,
	DH6_ST_NOPREFIXAVAIL, DH6_ST_NONE = 0xffff,
};

#define DH6_DUID_MAX	130
#define DH6_MSG_MAX	128
#define DH6_MAX_DNS	4
#define DH6_PKT_MAX	512

/* One IA_NA or IA_PD of an answer: its first lease, its status. */
struct dh6_ia {
	int		 present;
	uint32_t	 iaid, t1, t2;
	uint16_t	 status;		/* DH6_ST_* */
	uint8_t		 msg[DH6_MSG_MAX];	/* of the status, UTF-8 */
	size_t		 msglen;
	int		 have;			/* a lease with valid > 0 */
	uint8_t		 addr[16];		/* address or prefix */
	uint8_t		 plen;			/* IA_PD: prefix length */
	uint32_t	 preferred, valid;
};

struct dh6_msg {
	uint8_t		 type;
	uint32_t	 xid;
	uint8_t		 src[16];
	uint8_t		 client[DH6_DUID_MAX], server[DH6_DUID_MAX];
	size_t		 clientlen, serverlen;
	uint16_t	 status;		/* top level, DH6_ST_* */
	uint8_t		 msg[DH6_MSG_MAX];
	size_t		 msglen;
	int		 rapid_commit;
	int		 preference;		/* -1 none */
	uint8_t		 dns[DH6_MAX_DNS][16];
	int		 ndns;
	struct dh6_ia	 na, pd;
};

enum dh6_verdict {
	DH6_NOT = 0,		/* not DHCPv6 to a client */
	DH6_OK,
	DH6_BAD_CHECKSUM,
	DH6_BAD_LENGTH,		/* UDP or message shorter than its header */
	DH6_BAD_OPTION,		/* an option past its end or of the wrong
				 * size for its type */
};

/* What to send: IAs with a lease (addr or prefix given) or empty
 * (Solicit; a PD hint of pd_len with prefix ::). */
struct dh6_req {
	uint8_t		 type;
	uint32_t	 xid;			/* 24 bits */
	uint8_t		 src[16];		/* our link-local */
	const uint8_t	*duid, *server;		/* server NULL: none */
	size_t		 duidlen, serverlen;
	uint16_t	 elapsed;		/* 1/100 s */
	int		 rapid_commit, oro_dns;
	int		 na, pd;		/* include that IA */
	uint32_t	 na_iaid, pd_iaid;
	const uint8_t	*na_addr, *pd_prefix;	/* NULL: none */
	uint8_t		 pd_len;		/* hint or the lease's */
	uint32_t	 na_pref, na_valid, pd_pref, pd_valid;
};

/* DUID-LL (type 3, hardware type 1) of an Ethernet MAC; 10 bytes. */
size_t	 dh6_duid_ll(uint8_t out[10], const uint8_t mac[6]);
/* The whole IPv6/UDP packet to ff02::1:2 port 547; 0 if sz is short. */
size_t	 dh6_build(uint8_t *buf, size_t sz, const struct dh6_req *);
/* One IPv6 packet (after the PPP protocol field). */
enum dh6_verdict dh6_parse(const uint8_t *, size_t, struct dh6_msg *);
const char *dh6_verdict_name(enum dh6_verdict);
/* "NoPrefixAvail", ...; unknown codes as "status_N" in buf. */
const char *dh6_status_name(uint16_t, char buf[16]);

#endif
