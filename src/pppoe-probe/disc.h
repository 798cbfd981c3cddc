/* SPDX-License-Identifier: MIT */
/*
 * PPPoE frames (RFC 2516) on Ethernet with up to two VLAN tags: building
 * discovery packets and parsing every frame the capture delivers. Pure
 * functions over byte buffers, so they can be unit-tested and fuzzed.
 */
#ifndef PPPOE_DISC_H
#define PPPOE_DISC_H

#include <stddef.h>
#include <stdint.h>

#define ETH_P_PPPOE_DISC	0x8863
#define ETH_P_PPPOE_SESS	0x8864
#define ETH_P_VLAN		0x8100
#define ETH_P_QINQ		0x88a8

enum pppoe_code {
	PPPOE_SESSION = 0x00,
	PPPOE_PADO = 0x07,
	PPPOE_PADI = 0x09,
	PPPOE_PADR = 0x19,
	PPPOE_PADS = 0x65,
	PPPOE_PADT = 0xa7,
	PPPOE_PADM = 0xd3,	/* RFC 4677-era rp-pppoe extension: HURL/MOTM */
};

enum pppoe_tag_type {
	TAG_END_OF_LIST = 0x0000,
	TAG_SERVICE_NAME = 0x0101,
	TAG_AC_NAME = 0x0102,
	TAG_HOST_UNIQ = 0x0103,
	TAG_AC_COOKIE = 0x0104,
	TAG_VENDOR = 0x0105,
	TAG_RELAY_ID = 0x0110,
	TAG_HURL = 0x0111,
	TAG_MOTM = 0x0112,
	TAG_MAX_PAYLOAD = 0x0120,
	TAG_SERVICE_NAME_ERROR = 0x0201,
	TAG_AC_SYSTEM_ERROR = 0x0202,
	TAG_GENERIC_ERROR = 0x0203,
};

/* One VLAN tag as put on the wire: TPID and TCI (PCP, DEI, VID). */
struct pppoe_vtag {
	uint16_t	tpid;
	uint16_t	tci;
};

/* The Ethernet part of a captured frame. */
struct pppoe_eth {
	uint8_t		 dst[6], src[6];
	int		 nvlan;			/* 0..2, outer first */
	struct pppoe_vtag vlan[2];
	uint16_t	 proto;			/* after the tags */
	const uint8_t	*payload;
	size_t		 len;
};

/* The PPPoE header; payload/len cut to the header's length field. */
struct pppoe_hdr {
	uint8_t		 code;
	uint16_t	 session;
	const uint8_t	*payload;
	size_t		 len;
};

struct pppoe_tag {
	uint16_t	 type;
	uint16_t	 len;
	const uint8_t	*val;
};

#define PPPOE_MAX_SERVICES	16
#define PPPOE_MAX_TAGVAL	256

struct pppoe_bytes {
	uint16_t	len;
	int		present;
	uint8_t		v[PPPOE_MAX_TAGVAL];	/* first 256 bytes */
};

/* Everything a PADO, PADS, PADT or PADM says. */
struct pppoe_disc {
	struct pppoe_bytes ac_name;
	int		 nservices;		/* all seen, may exceed the array */
	struct pppoe_bytes service[PPPOE_MAX_SERVICES];
	struct pppoe_bytes host_uniq, cookie, relay;
	int		 max_payload;		/* -1 when absent */
	uint16_t	 error_type;		/* 0 when no error tag */
	struct pppoe_bytes error_msg;
	struct pppoe_bytes hurl, motm;
	/* Vendor-Specific and unknown tags, "0xTTTT:hex" comma-separated. */
	char		 other[512];
	int		 malformed;		/* a tag ran past the end */
};

/* 0 on success, -1 for a frame too short for its headers. */
int	 pppoe_eth_parse(const uint8_t *, size_t, struct pppoe_eth *);
/* 0, or -1 when ver/type is not 0x11 or the length exceeds the data. */
int	 pppoe_hdr_parse(const uint8_t *, size_t, struct pppoe_hdr *);
/* Iterates tags: 1 = next tag in *t, 0 = end, -1 = truncated tag. */
int	 pppoe_tag_next(const uint8_t **p, size_t *left, struct pppoe_tag *);
/* Fills d from the tags of a discovery payload; never fails. */
void	 pppoe_disc_parse(const uint8_t *, size_t, struct pppoe_disc *);
/* "Service-Name-Error", "AC-System-Error", "Generic-Error". */
const char *pppoe_error_name(uint16_t);
/* "PADI"... or "0xNN". */
const char *pppoe_code_name(uint8_t, char buf[8]);

/* A frame under construction. */
struct pppoe_buf {
	uint8_t		*b;
	size_t		 sz, len;
	size_t		 len_off;	/* offset of the PPPoE length field */
	int		 overflow;
};

/* Ethernet + tags + PPPoE header; tags may be NULL with ntags 0. */
void	 pppoe_begin(struct pppoe_buf *, uint8_t *buf, size_t sz,
	    const uint8_t dst[6], const uint8_t src[6],
	    const struct pppoe_vtag *tags, int ntags, uint16_t proto,
	    uint8_t code, uint16_t session);
void	 pppoe_put_tag(struct pppoe_buf *, uint16_t type, const void *,
	    size_t);
void	 pppoe_put(struct pppoe_buf *, const void *, size_t);
/* Sets the length field, pads to the Ethernet minimum; returns the frame
 * length, 0 on overflow. */
size_t	 pppoe_end(struct pppoe_buf *);

/*
 * Printable form of tag text for records: valid UTF-8 is kept, control
 * characters and invalid bytes become \xHH. Returns dst.
 */
char	*pppoe_text(const uint8_t *, size_t, char *dst, size_t dsz);
/* Lower-case hex of at most n bytes; returns dst. */
char	*pppoe_hex(const uint8_t *, size_t, char *dst, size_t dsz);
/* "aa:bb:cc:dd:ee:ff" */

#endif
