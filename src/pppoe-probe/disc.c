/* SPDX-License-Identifier: MIT */
/*
 * PPPoE discovery frames: Ethernet/VLAN parsing, PPPoE header and tag
 * parsing, frame building. Every length comes from the wire, so every
 * read is bounded by the captured length, not by a header field.
 */
#include <stdio.h>
#include <string.h>

#include "lib/bytes.h"
#include "pppoe-probe/disc.h"

int
pppoe_eth_parse(const uint8_t *f, size_t len, struct pppoe_eth *e)
{
	size_t off = 12;
	uint16_t t;

	memset(e, 0, sizeof(*e));
	if (len < 14)
		return -1;
	memcpy(e->dst, f, 6);
	memcpy(e->src, f + 6, 6);
	t = bbt_get16(f + off);
	/* Outer tag 0x88a8 (802.1ad), 0x8100, or the old 0x9100 QinQ. */
	while ((t == ETH_P_VLAN || t == ETH_P_QINQ || t == 0x9100) &&
	    e->nvlan < 2) {
		if (len < off + 6)
			return -1;
		e->vlan[e->nvlan].tpid = t;
		e->vlan[e->nvlan].tci = bbt_get16(f + off + 2);
		e->nvlan++;
		off += 4;
		t = bbt_get16(f + off);
	}
	e->proto = t;
	e->payload = f + off + 2;
	e->len = len - off - 2;
	return 0;
}

int
pppoe_hdr_parse(const uint8_t *p, size_t len, struct pppoe_hdr *h)
{
	size_t plen;

	memset(h, 0, sizeof(*h));
	if (len < 6 || p[0] != 0x11)
		return -1;
	h->code = p[1];
	h->session = bbt_get16(p + 2);
	plen = bbt_get16(p + 4);
	/* Shorter is normal: Ethernet pads small frames to 60 bytes. */
	if (plen > len - 6)
		return -1;
	h->payload = p + 6;
	h->len = plen;
	return 0;
}

int
pppoe_tag_next(const uint8_t **p, size_t *left, struct pppoe_tag *t)
{
	if (*left == 0)
		return 0;
	if (*left < 4)
		return -1;
	t->type = bbt_get16(*p);
	t->len = bbt_get16(*p + 2);
	if ((size_t)t->len > *left - 4)
		return -1;
	t->val = *p + 4;
	*p += 4 + t->len;
	*left -= 4 + (size_t)t->len;
	return 1;
}

static void
keep(struct pppoe_bytes *b, const struct pppoe_tag *t)
{
	size_t n = t->len < sizeof(b->v) ? t->len : sizeof(b->v);

	b->present = 1;
	b->len = (uint16_t)n;
	memcpy(b->v, t->val, n);
}

static void
other_tag(struct pppoe_disc *d, const struct pppoe_tag *t)
{
	size_t used = strlen(d->other);
	char hex[2 * 32 + 1];

	if (used + 8 + sizeof(hex) + 2 >= sizeof(d->other))
		return;
	/* Vendor tags: the first 4 bytes are the IANA enterprise number. */
	snprintf(d->other + used, sizeof(d->other) - used, "%s0x%04x:%s%s",
	    used ? "," : "", t->type,
	    pppoe_hex(t->val, t->len > 32 ? 32 : t->len, hex, sizeof(hex)),
	    t->len > 32 ? "..." : "");
}

void
pppoe_disc_parse(const uint8_t *p, size_t len, struct pppoe_disc *d)
{
	struct pppoe_tag t;
	int r;

	memset(d, 0, sizeof(*d));
	d->max_payload = -1;
	while ((r = pppoe_tag_next(&p, &len, &t)) > 0) {
		switch (t.type) {
		case TAG_END_OF_LIST:
			return;
		case TAG_SERVICE_NAME:
			if (d->nservices < PPPOE_MAX_SERVICES)
				keep(&d->service[d->nservices], &t);
			d->nservices++;
			break;
		case TAG_AC_NAME:
			if (!d->ac_name.present)
				keep(&d->ac_name, &t);
			break;
		case TAG_HOST_UNIQ:
			keep(&d->host_uniq, &t);
			break;
		case TAG_AC_COOKIE:
			keep(&d->cookie, &t);
			break;
		case TAG_RELAY_ID:
			keep(&d->relay, &t);
			break;
		case TAG_MAX_PAYLOAD:
			if (t.len == 2)
				d->max_payload = bbt_get16(t.val);
			break;
		case TAG_HURL:
			keep(&d->hurl, &t);
			break;
		case TAG_MOTM:
			keep(&d->motm, &t);
			break;
		case TAG_SERVICE_NAME_ERROR:
		case TAG_AC_SYSTEM_ERROR:
		case TAG_GENERIC_ERROR:
			/* The first error tag is the verdict. */
			if (d->error_type == 0) {
				d->error_type = t.type;
				keep(&d->error_msg, &t);
			}
			break;
		default:
			other_tag(d, &t);
			break;
		}
	}
	if (r < 0)
		d->malformed = 1;
}

const char *
pppoe_error_name(uint16_t t)
{
	switch (t) {
	case TAG_SERVICE_NAME_ERROR:
		return "Service-Name-Error";
	case TAG_AC_SYSTEM_ERROR:
		return "AC-System-Error";
	case TAG_GENERIC_ERROR:
		return "Generic-Error";
	}
	return "-";
}

const char *
pppoe_code_name(uint8_t c, char buf[8])
{
	switch (c) {
	case PPPOE_PADI: return "PADI";
	case PPPOE_PADO: return "PADO";
	case PPPOE_PADR: return "PADR";
	case PPPOE_PADS: return "PADS";
	case PPPOE_PADT: return "PADT";
	case PPPOE_PADM: return "PADM";
	}
	snprintf(buf, 8, "0x%02x", c);
	return buf;
}

static void
put_raw(struct pppoe_buf *pb, const void *v, size_t n)
{
	if (pb->overflow || n > pb->sz - pb->len) {
		pb->overflow = 1;
		return;
	}
	if (n)
		memcpy(pb->b + pb->len, v, n);
	pb->len += n;
}

static void
put16(struct pppoe_buf *pb, uint16_t v)
{
	uint8_t x[2] = { (uint8_t)(v >> 8), (uint8_t)v };

	put_raw(pb, x, 2);
}

void
pppoe_begin(struct pppoe_buf *pb, uint8_t *buf, size_t sz,
    const uint8_t dst[6], const uint8_t src[6],
    const struct pppoe_vtag *tags, int ntags, uint16_t proto, uint8_t code,
    uint16_t session)
{
	uint8_t vt[2] = { 0x11, code };

	memset(pb, 0, sizeof(*pb));
	pb->b = buf;
	pb->sz = sz;
	put_raw(pb, dst, 6);
	put_raw(pb, src, 6);
	for (int i = 0; i < ntags; i++) {
		put16(pb, tags[i].tpid);
		put16(pb, tags[i].tci);
	}
	put16(pb, proto);
	put_raw(pb, vt, 2);
	put16(pb, session);
	pb->len_off = pb->len;
	put16(pb, 0);
}

void
pppoe_put_tag(struct pppoe_buf *pb, uint16_t type, const void *v, size_t n)
{
	if (n > 0xffff) {
		pb->overflow = 1;
		return;
	}
	put16(pb, type);
	put16(pb, (uint16_t)n);
	put_raw(pb, v, n);
}

void
pppoe_put(struct pppoe_buf *pb, const void *v, size_t n)
{
	put_raw(pb, v, n);
}

size_t
pppoe_end(struct pppoe_buf *pb)
{
	size_t plen;

	if (pb->overflow)
		return 0;
	plen = pb->len - pb->len_off - 2;
	if (plen > 0xffff)
		return 0;
	pb->b[pb->len_off] = (uint8_t)(plen >> 8);
	pb->b[pb->len_off + 1] = (uint8_t)plen;
	/* The NIC would pad anyway; padding here keeps captures identical. */
	while (pb->len < 60 && pb->len < pb->sz)
		pb->b[pb->len++] = 0;
	return pb->len;
}

/* Length of a valid UTF-8 sequence at p (at most n bytes), 0 if none. */
static size_t
utf8_len(const uint8_t *p, size_t n)
{
	size_t l;
	uint32_t c;

	if (p[0] < 0x80)
		return 1;
	if (p[0] >= 0xc2 && p[0] <= 0xdf)
		l = 2, c = p[0] & 0x1f;
	else if (p[0] >= 0xe0 && p[0] <= 0xef)
		l = 3, c = p[0] & 0x0f;
	else if (p[0] >= 0xf0 && p[0] <= 0xf4)
		l = 4, c = p[0] & 0x07;
	else
		return 0;
	if (l > n)
		return 0;
	for (size_t i = 1; i < l; i++) {
		if ((p[i] & 0xc0) != 0x80)
			return 0;
		c = c << 6 | (p[i] & 0x3f);
	}
	if ((l == 3 && (c < 0x800 || (c >= 0xd800 && c <= 0xdfff))) ||
	    (l == 4 && (c < 0x10000 || c > 0x10ffff)))
		return 0;
	return l;
}

char *
pppoe_text(const uint8_t *p, size_t n, char *dst, size_t dsz)
{
	size_t w = 0, l;

	if (dsz == 0)
		return dst;
	for (size_t i = 0; i < n; i += l) {
		l = utf8_len(p + i, n - i);
		if (l == 0 || (l == 1 && (p[i] < 0x20 || p[i] == 0x7f))) {
			if (w + 5 > dsz)
				break;
			snprintf(dst + w, dsz - w, "\\x%02x", p[i]);
			w += 4;
			l = 1;
			continue;
		}
		if (w + l + 1 > dsz)
			break;
		memcpy(dst + w, p + i, l);
		w += l;
	}
	dst[w] = '\0';
	return dst;
}

char *
pppoe_hex(const uint8_t *p, size_t n, char *dst, size_t dsz)
{
	static const char x[] = "0123456789abcdef";
	size_t w = 0;

	for (size_t i = 0; i < n && w + 3 <= dsz; i++) {
		dst[w++] = x[p[i] >> 4];
		dst[w++] = x[p[i] & 15];
	}
	if (dsz)
		dst[w] = '\0';
	return dst;
}

