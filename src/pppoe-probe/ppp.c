/* SPDX-License-Identifier: MIT */
/* PPP packet and option parsing/building; see ppp.h. */
#include <string.h>

#include "pppoe-probe/ppp.h"

static int
is_control(uint16_t proto)
{
	/* 0x8xxx network control, 0xCxxx link control and authentication
	 * protocols all use the code/id/length header (RFC 1661 §2). */
	return (proto & 0xc000) == 0xc000 || (proto & 0xf000) == 0x8000;
}

int
ppp_parse(const uint8_t *p, size_t len, struct ppp_pkt *k)
{
	size_t plen;

	memset(k, 0, sizeof(*k));
	if (len < 2)
		return -1;
	/* Protocol-field compression is never negotiated by us, but a peer
	 * sending a 1-byte protocol (odd first byte) is still decoded. */
	if (p[0] & 1) {
		k->proto = p[0];
		p += 1;
		len -= 1;
	} else {
		k->proto = (uint16_t)(p[0] << 8 | p[1]);
		p += 2;
		len -= 2;
	}
	k->raw = p;
	k->rawlen = len;
	if (!is_control(k->proto)) {
		k->data = p;
		k->len = len;
		return 0;
	}
	if (len < 4)
		return -1;
	k->code = p[0];
	k->id = p[1];
	plen = (size_t)(p[2] << 8 | p[3]);
	if (plen < 4 || plen > len)
		return -1;
	k->data = p + 4;
	k->len = plen - 4;
	k->rawlen = plen;
	return 0;
}

int
ppp_opt_next(const uint8_t **p, size_t *left, struct ppp_opt *o)
{
	if (*left == 0)
		return 0;
	if (*left < 2 || (*p)[1] < 2 || (*p)[1] > *left)
		return -1;
	o->type = (*p)[0];
	o->len = (uint8_t)((*p)[1] - 2);
	o->val = *p + 2;
	*left -= (*p)[1];
	*p += (*p)[1];
	return 1;
}

int
ppp_opts_valid(const uint8_t *p, size_t len)
{
	struct ppp_opt o;
	int r;

	while ((r = ppp_opt_next(&p, &len, &o)) > 0)
		;
	return r == 0;
}

size_t
ppp_build(uint8_t *out, size_t sz, uint16_t proto, uint8_t code, uint8_t id,
    const void *data, size_t len)
{
	size_t n = 2 + 4 + len;

	if (n > sz || len + 4 > 0xffff)
		return 0;
	out[0] = (uint8_t)(proto >> 8);
	out[1] = (uint8_t)proto;
	out[2] = code;
	out[3] = id;
	out[4] = (uint8_t)((len + 4) >> 8);
	out[5] = (uint8_t)(len + 4);
	if (len)
		memcpy(out + 6, data, len);
	return n;
}

int
ppp_opt_put(uint8_t *buf, size_t sz, size_t *used, uint8_t type,
    const void *val, size_t len)
{
	if (len > 253 || *used + 2 + len > sz)
		return 0;
	buf[*used] = type;
	buf[*used + 1] = (uint8_t)(len + 2);
	if (len)
		memcpy(buf + *used + 2, val, len);
	*used += 2 + len;
	return 1;
}

const char *
ppp_proto_name(uint16_t p)
{
	switch (p) {
	case PPP_LCP: return "lcp";
	case PPP_PAP: return "pap";
	case PPP_CHAP: return "chap";
	case PPP_EAP: return "eap";
	case PPP_IPCP: return "ipcp";
	case PPP_IPV6CP: return "ipv6cp";
	case PPP_CCP: return "ccp";
	case PPP_IP: return "ip";
	case PPP_IPV6: return "ipv6";
	}
	return "other";
}
