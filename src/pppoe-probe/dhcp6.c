/* SPDX-License-Identifier: MIT */
/* DHCPv6 client messages; see dhcp6.h. */
#include <stdio.h>
#include <string.h>

#include "lib/bytes.h"
#include "pppoe-probe/dhcp6.h"
#include "pppoe-probe/ip6.h"

#define PORT_CLIENT	546
#define PORT_SERVER	547

#define OPT_CLIENTID	1
#define OPT_SERVERID	2
#define OPT_IA_NA	3
#define OPT_IAADDR	5
#define OPT_ORO		6
#define OPT_PREFERENCE	7
#define OPT_ELAPSED	8
#define OPT_STATUS	13
#define OPT_RAPID	14
#define OPT_DNS		23
#define OPT_IA_PD	25
#define OPT_IAPREFIX	26

/* All_DHCP_Relay_Agents_and_Servers (RFC 8415 §7.1) */
static const uint8_t all_servers[16] = { 0xff, 0x02, [13] = 1, [15] = 2 };

size_t
dh6_duid_ll(uint8_t out[10], const uint8_t mac[6])
{
	bbt_put16(out, 3);		/* DUID-LL */
	bbt_put16(out + 2, 1);	/* Ethernet */
	memcpy(out + 4, mac, 6);
	return 10;
}

/* Appends an option header; returns where its data goes, NULL if full. */
static uint8_t *
opt(uint8_t *b, size_t sz, size_t *n, uint16_t code, size_t len)
{
	uint8_t *p;

	if (*n + 4 + len > sz)
		return NULL;
	p = b + *n;
	bbt_put16(p, code);
	bbt_put16(p + 2, (uint32_t)len);
	*n += 4 + len;
	return p + 4;
}

/* IA_NA or IA_PD, with its one lease or empty; T1 and T2 0 (RFC 8415
 * §21.4: the server chooses). */
static int
put_ia(uint8_t *b, size_t sz, size_t *n, const struct dh6_req *q, int pd)
{
	const uint8_t *a = pd ? q->pd_prefix : q->na_addr;
	int sub = pd ? (a != NULL || q->pd_len) : a != NULL;
	size_t sublen = pd ? 25 : 24;
	uint8_t *p = opt(b, sz, n, pd ? OPT_IA_PD : OPT_IA_NA,
	    12 + (sub ? 4 + sublen : 0));
	static const uint8_t any[16];

	if (p == NULL)
		return -1;
	bbt_put32(p, pd ? q->pd_iaid : q->na_iaid);
	bbt_put32(p + 4, 0);
	bbt_put32(p + 8, 0);
	if (!sub)
		return 0;
	p += 12;
	bbt_put16(p, pd ? OPT_IAPREFIX : OPT_IAADDR);
	bbt_put16(p + 2, (uint32_t)sublen);
	p += 4;
	if (pd) {
		bbt_put32(p, q->pd_pref);
		bbt_put32(p + 4, q->pd_valid);
		p[8] = q->pd_len;
		memcpy(p + 9, a != NULL ? a : any, 16);
	} else {
		memcpy(p, a, 16);
		bbt_put32(p + 16, q->na_pref);
		bbt_put32(p + 20, q->na_valid);
	}
	return 0;
}

size_t
dh6_build(uint8_t *b, size_t sz, const struct dh6_req *q)
{
	size_t n = IP6_HDR + 8;
	uint8_t *p;

	if (sz < n + 4)
		return 0;
	memset(b, 0, n + 4);
	b[n] = q->type;
	b[n + 1] = (uint8_t)(q->xid >> 16);
	b[n + 2] = (uint8_t)(q->xid >> 8);
	b[n + 3] = (uint8_t)q->xid;
	n += 4;
	if ((p = opt(b, sz, &n, OPT_CLIENTID, q->duidlen)) == NULL)
		return 0;
	memcpy(p, q->duid, q->duidlen);
	if (q->server != NULL) {
		if ((p = opt(b, sz, &n, OPT_SERVERID, q->serverlen)) == NULL)
			return 0;
		memcpy(p, q->server, q->serverlen);
	}
	if ((p = opt(b, sz, &n, OPT_ELAPSED, 2)) == NULL)
		return 0;
	bbt_put16(p, q->elapsed);
	if (q->oro_dns) {
		if ((p = opt(b, sz, &n, OPT_ORO, 2)) == NULL)
			return 0;
		bbt_put16(p, OPT_DNS);
	}
	if (q->rapid_commit && opt(b, sz, &n, OPT_RAPID, 0) == NULL)
		return 0;
	if ((q->na && put_ia(b, sz, &n, q, 0) < 0) ||
	    (q->pd && put_ia(b, sz, &n, q, 1) < 0))
		return 0;
	/* Link-scope multicast: hop limit 1 (RFC 8415 §7.1 scope). */
	return udp6_wrap(b, sz, q->src, all_servers, 1, PORT_CLIENT,
	    PORT_SERVER, n - IP6_HDR - 8);
}

static void
status(const uint8_t *o, size_t len, uint16_t *code, uint8_t *msg,
    size_t *msglen)
{
	*code = bbt_get16(o);
	*msglen = len - 2 < DH6_MSG_MAX ? len - 2 : DH6_MSG_MAX;
	memcpy(msg, o + 2, *msglen);
}

/* The options inside an IA_NA or IA_PD, after its 12 bytes. */
static int
parse_ia(const uint8_t *o, size_t len, struct dh6_ia *ia, int pd)
{
	ia->present = 1;
	ia->iaid = bbt_get32(o), ia->t1 = bbt_get32(o + 4), ia->t2 = bbt_get32(o + 8);
	for (size_t off = 12; off < len;) {
		uint16_t code, sl;
		const uint8_t *s;

		if (len - off < 4 || (sl = bbt_get16(o + off + 2)) > len - off - 4)
			return -1;
		code = bbt_get16(o + off), s = o + off + 4;
		off += 4 + (size_t)sl;
		if (code == OPT_STATUS) {
			if (sl < 2)
				return -1;
			status(s, sl, &ia->status, ia->msg, &ia->msglen);
		} else if (code == (pd ? OPT_IAPREFIX : OPT_IAADDR)) {
			uint32_t pref, valid;
			size_t inner = pd ? 25 : 24;

			if (sl < inner)
				return -1;
			pref = bbt_get32(s + (pd ? 0 : 16));
			valid = bbt_get32(s + (pd ? 4 : 20));
			/* A nested status refuses this lease (§21.6). */
			for (size_t i = inner; i < sl;) {
				uint16_t nl;

				if (sl - i < 4 ||
				    (nl = bbt_get16(s + i + 2)) > sl - i - 4)
					return -1;
				if (bbt_get16(s + i) == OPT_STATUS && nl >= 2 &&
				    bbt_get16(s + i + 4) != DH6_ST_SUCCESS) {
					status(s + i + 4, nl, &ia->status,
					    ia->msg, &ia->msglen);
					valid = 0;
				}
				i += 4 + (size_t)nl;
			}
			if (ia->have || valid == 0 || (pd && s[8] > 128))
				continue;
			ia->have = 1;
			ia->preferred = pref, ia->valid = valid;
			if (pd) {
				ia->plen = s[8];
				memcpy(ia->addr, s + 9, 16);
			} else
				memcpy(ia->addr, s, 16);
		}
	}
	return 0;
}

static int
parse_opt(uint16_t code, const uint8_t *s, size_t sl, struct dh6_msg *m)
{
	switch (code) {
	case OPT_CLIENTID:
	case OPT_SERVERID:
		if (sl < 1 || sl > DH6_DUID_MAX)
			return -1;
		memcpy(code == OPT_CLIENTID ? m->client : m->server, s, sl);
		*(code == OPT_CLIENTID ? &m->clientlen : &m->serverlen) = sl;
		break;
	case OPT_IA_NA:
	case OPT_IA_PD: {
		struct dh6_ia *ia = code == OPT_IA_NA ? &m->na : &m->pd;

		if (sl < 12)
			return -1;
		/* One IA of each kind is asked for; a second is not ours. */
		if (!ia->present && parse_ia(s, sl, ia, code == OPT_IA_PD) < 0)
			return -1;
		break;
	}
	case OPT_PREFERENCE:
		if (sl != 1)
			return -1;
		m->preference = s[0];
		break;
	case OPT_STATUS:
		if (sl < 2)
			return -1;
		status(s, sl, &m->status, m->msg, &m->msglen);
		break;
	case OPT_RAPID:
		m->rapid_commit = 1;
		break;
	case OPT_DNS:
		if (sl % 16)
			return -1;
		for (size_t i = 0; i < sl && m->ndns < DH6_MAX_DNS; i += 16)
			memcpy(m->dns[m->ndns++], s + i, 16);
		break;
	}
	return 0;
}

enum dh6_verdict
dh6_parse(const uint8_t *p, size_t n, struct dh6_msg *m)
{
	struct ip6_pkt k;
	const uint8_t *u;
	size_t ulen;

	if (ip6_parse(p, n, &k) < 0 || k.nh != IP6_UDP || k.plen < 8 ||
	    bbt_get16(k.pl + 2) != PORT_CLIENT)
		return DH6_NOT;
	memset(m, 0, sizeof(*m));
	m->status = m->na.status = m->pd.status = DH6_ST_NONE;
	m->preference = -1;
	memcpy(m->src, k.src, 16);
	u = k.pl;
	ulen = bbt_get16(u + 4);
	if (ulen < 12 || ulen > k.plen)
		return DH6_BAD_LENGTH;
	if (bbt_get16(u + 6) == 0 || ip6_cksum(k.src, k.dst, IP6_UDP, u, ulen))
		return DH6_BAD_CHECKSUM;
	m->type = u[8];
	if (m->type != DH6_ADVERTISE && m->type != DH6_REPLY)
		return DH6_NOT;
	m->xid = (uint32_t)u[9] << 16 | (uint32_t)u[10] << 8 | u[11];
	for (size_t off = 12; off < ulen;) {
		uint16_t code, sl;

		if (ulen - off < 4 || (sl = bbt_get16(u + off + 2)) > ulen - off - 4)
			return DH6_BAD_OPTION;
		code = bbt_get16(u + off);
		if (parse_opt(code, u + off + 4, sl, m) < 0)
			return DH6_BAD_OPTION;
		off += 4 + (size_t)sl;
	}
	return DH6_OK;
}

const char *
dh6_verdict_name(enum dh6_verdict v)
{
	static const char *const name[] = { "not_dhcp6", "ok", "checksum",
		"length", "option" };

	return (unsigned)v < sizeof(name) / sizeof(name[0]) ? name[v] : "?";
}

const char *
dh6_status_name(uint16_t c, char buf[16])
{
	static const char *const name[] = { "Success", "UnspecFail",
		"NoAddrsAvail", "NoBinding", "NotOnLink", "UseMulticast",
		"NoPrefixAvail" };

	if (c < sizeof(name) / sizeof(name[0]))
		return name[c];
	snprintf(buf, 16, "status_%u", (unsigned)c);
	return buf;
}
