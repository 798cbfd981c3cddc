/* SPDX-License-Identifier: MIT */
/*
 * PPP packets inside PPPoE session frames (RFC 1661, 1332, 1334, 1994,
 * 1877, 2759): the protocol field, control packets (code, id, length,
 * data) and their options. Parsing only ever trusts the captured length.
 */
#ifndef PPPOE_PPP_H
#define PPPOE_PPP_H

#include <stddef.h>
#include <stdint.h>

enum ppp_proto {
	PPP_IP = 0x0021,
	PPP_IPV6 = 0x0057,
	PPP_IPCP = 0x8021,
	PPP_IPV6CP = 0x8057,
	PPP_CCP = 0x80fd,
	PPP_LCP = 0xc021,
	PPP_PAP = 0xc023,
	PPP_CHAP = 0xc223,
	PPP_EAP = 0xc227,
};

/* Control codes shared by LCP and IPCP; LCP adds 8..11. */
enum ppp_code {
	CP_CONF_REQ = 1,
	CP_CONF_ACK = 2,
	CP_CONF_NAK = 3,
	CP_CONF_REJ = 4,
	CP_TERM_REQ = 5,
	CP_TERM_ACK = 6,
	CP_CODE_REJ = 7,
	LCP_PROTO_REJ = 8,
	LCP_ECHO_REQ = 9,
	LCP_ECHO_REP = 10,
	LCP_DISC_REQ = 11,
};

enum lcp_opt {
	LCP_OPT_MRU = 1,
	LCP_OPT_ACCM = 2,
	LCP_OPT_AUTH = 3,
	LCP_OPT_QUALITY = 4,
	LCP_OPT_MAGIC = 5,
	LCP_OPT_PFC = 7,
	LCP_OPT_ACFC = 8,
};

enum ipcp_opt {
	IPCP_OPT_ADDRS = 1,
	IPCP_OPT_COMP = 2,
	IPCP_OPT_ADDR = 3,
	IPCP_OPT_DNS1 = 129,
	IPCP_OPT_NBNS1 = 130,
	IPCP_OPT_DNS2 = 131,
	IPCP_OPT_NBNS2 = 132,
};

/* CHAP algorithms (RFC 1994, RFC 2759). */
#define CHAP_MD5	5
#define CHAP_MSV2	0x81

struct ppp_pkt {
	uint16_t	 proto;
	uint8_t		 code, id;
	const uint8_t	*data;		/* after the 4-byte header */
	size_t		 len;		/* from the length field, minus 4 */
	const uint8_t	*raw;		/* the whole packet from code on */
	size_t		 rawlen;
};

struct ppp_opt {
	uint8_t		 type, len;	/* len of the value only */
	const uint8_t	*val;
};

/*
 * Splits a session payload (protocol + packet). Control protocols need
 * a header whose length fits the data; other protocols parse with
 * code/id 0. Returns 0, or -1 for a malformed packet.
 */
int	 ppp_parse(const uint8_t *, size_t, struct ppp_pkt *);
/* 1 = option in *o, 0 = end, -1 = malformed (length < 2 or too long). */
int	 ppp_opt_next(const uint8_t **p, size_t *left, struct ppp_opt *);
/* Whether the whole option list parses. */
int	 ppp_opts_valid(const uint8_t *, size_t);

/* Writes protocol, code, id, length and data to out; returns the size or
 * 0 when it does not fit. */
size_t	 ppp_build(uint8_t *out, size_t sz, uint16_t proto, uint8_t code,
	    uint8_t id, const void *data, size_t len);

/* Appends an option (type, 2 + len, value); 0 when it does not fit. */
int	 ppp_opt_put(uint8_t *buf, size_t sz, size_t *used, uint8_t type,
	    const void *val, size_t len);

const char *ppp_proto_name(uint16_t);

#endif
