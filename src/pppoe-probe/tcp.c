/* SPDX-License-Identifier: MIT */
/* The in-tree TCP client of the first-traffic test; see tcp.h. */
#include <string.h>

#include "lib/bytes.h"
#include "pppoe-probe/tcp.h"

enum { F_FIN = 1, F_SYN = 2, F_RST = 4, F_PSH = 8, F_ACK = 16 };

#define SEQ_LT(a, b)	((int32_t)((a) - (b)) < 0)
#define SEQ_LE(a, b)	((int32_t)((a) - (b)) <= 0)

static void
emit(struct tcp *t, uint32_t seq, uint8_t flags, const uint8_t *d, size_t n)
{
	uint8_t pkt[IP4_HDR + 24 + TCP_REQ_MAX], *h = pkt + IP4_HDR;
	size_t hl = flags & F_SYN ? 24 : 20, len;

	if (n > TCP_REQ_MAX)
		return;
	bbt_put16(h, t->sport);
	bbt_put16(h + 2, t->dport);
	bbt_put32(h + 4, seq);
	bbt_put32(h + 8, flags & F_ACK ? t->rcv_nxt : 0);
	h[12] = (uint8_t)(hl / 4 << 4);
	h[13] = flags;
	bbt_put16(h + 14, TCP_WINDOW);
	bbt_put16(h + 16, 0);
	bbt_put16(h + 18, 0);
	if (flags & F_SYN) {
		h[20] = 2;
		h[21] = 4;
		bbt_put16(h + 22, t->mss);
	}
	if (n)
		memcpy(h + hl, d, n);
	bbt_put16(h + 16, ip4_csum(h, hl + n, ip4_pseudo(t->src, t->dst,
	    IPPROTO4_TCP, hl + n)));
	len = ip4_wrap(pkt, sizeof(pkt), t->src, t->dst, IPPROTO4_TCP,
	    t->ipid++, hl + n);
	if (len)
		t->send(t->ctx, pkt, len);
}

/* Everything not yet acknowledged, from snd_una: SYN, request, FIN. */
static void
send_pending(struct tcp *t)
{
	uint32_t data0 = t->iss + 1, off;

	if (t->state == TCP_SYN_SENT) {
		emit(t, t->iss, F_SYN, NULL, 0);
		return;
	}
	off = t->snd_una - data0;
	if (off > t->reqlen)
		off = (uint32_t)t->reqlen;
	emit(t, data0 + off, (uint8_t)(F_ACK | (t->reqlen > off ? F_PSH : 0) |
	    (t->fin_sent ? F_FIN : 0)), t->req + off, t->reqlen - off);
}

static void
arm(struct tcp *t, int64_t now)
{
	t->tries = 1;
	t->rto_ms = TCP_RTO_MS;
	t->rto_at = now + t->rto_ms;
}

int
tcp_connect(struct tcp *t, const uint8_t src[4], const uint8_t dst[4],
    uint16_t sport, uint16_t dport, uint32_t iss, int mtu, const void *req,
    size_t reqlen, int64_t now)
{
	if (reqlen > TCP_REQ_MAX)
		return -1;
	memcpy(t->src, src, 4);
	memcpy(t->dst, dst, 4);
	t->sport = sport;
	t->dport = dport;
	/* What we can take in one segment: the session's MTU less the
	 * IPv4 and TCP headers. */
	t->mss = (uint16_t)(mtu > 576 && mtu <= 1500 ? mtu - 40 : 536);
	t->peer_mss = 536;
	t->iss = iss;
	t->snd_una = iss;
	t->snd_nxt = iss + 1;
	memcpy(t->req, req, reqlen);
	t->reqlen = reqlen;
	t->state = TCP_SYN_SENT;
	t->rto_at = INT64_MAX;
	send_pending(t);
	arm(t, now);
	return 0;
}

/* The SYN-ACK: established, then the request goes at once. */
static void
on_synack(struct tcp *t, const uint8_t *h, size_t hl, int64_t now)
{
	for (size_t i = 20; i < hl;) {
		if (h[i] == 0)
			break;
		if (h[i] == 1) {
			i++;
			continue;
		}
		if (i + 1 >= hl || h[i + 1] < 2 || i + h[i + 1] > hl)
			break;
		if (h[i] == 2 && h[i + 1] == 4)
			t->peer_mss = bbt_get16(h + i + 2);
		i += h[i + 1];
	}
	t->rcv_nxt = bbt_get32(h + 4) + 1;
	t->snd_una = t->iss + 1;
	t->snd_nxt = t->iss + 1 + (uint32_t)t->reqlen;
	t->state = TCP_ESTABLISHED;
	send_pending(t);
	arm(t, now);
}

/* The server's bytes: in order only; anything else is asked again. */
static void
on_data(struct tcp *t, uint32_t seq, const uint8_t *d, size_t n, int fin)
{
	int want_ack = n > 0 || fin;

	if (SEQ_LT(seq, t->rcv_nxt) && SEQ_LT(t->rcv_nxt, seq + (uint32_t)n)) {
		size_t skip = t->rcv_nxt - seq;

		d += skip;
		n -= skip;
		seq = t->rcv_nxt;
	}
	if (seq == t->rcv_nxt && !t->fin_rcvd) {
		if (n) {
			t->rcv_nxt += (uint32_t)n;
			t->data(t->ctx, d, n, 0);
		}
		if (fin) {
			t->rcv_nxt++;
			t->fin_rcvd = 1;
			t->data(t->ctx, NULL, 0, 1);
		}
	} else if (n || fin)
		t->ooo++;
	if (want_ack)
		emit(t, t->snd_nxt + (t->fin_sent ? 1 : 0), F_ACK, NULL, 0);
}

int
tcp_input(struct tcp *t, const struct ip4_pkt *k, int64_t now)
{
	const uint8_t *h = k->pl;
	size_t hl;
	uint32_t seq, ack, end;
	uint8_t fl;

	if (t->state == TCP_CLOSED || k->proto != IPPROTO4_TCP ||
	    k->plen < 4 || memcmp(k->src, t->dst, 4) != 0 ||
	    memcmp(k->dst, t->src, 4) != 0 || bbt_get16(h) != t->dport ||
	    bbt_get16(h + 2) != t->sport)
		return 0;
	hl = k->plen >= 20 ? (size_t)(h[12] >> 4) * 4 : 0;
	if (hl < 20 || hl > k->plen || ip4_csum(h, k->plen,
	    ip4_pseudo(k->src, k->dst, IPPROTO4_TCP, k->plen)) != 0) {
		t->malformed++;
		return 1;
	}
	if (t->state == TCP_DONE)
		return 1;
	seq = bbt_get32(h + 4);
	ack = bbt_get32(h + 8);
	fl = h[13];
	t->peer_wnd = bbt_get16(h + 14);
	end = t->snd_nxt + (t->fin_sent ? 1 : 0);
	if (fl & F_RST) {
		/* Only a reset that names this connection (RFC 5961 in
		 * spirit: its ACK or its sequence must fit). */
		if (t->state == TCP_SYN_SENT ? (fl & F_ACK) && ack == t->iss + 1
		    : seq == t->rcv_nxt) {
			t->reset = 1;
			t->state = TCP_DONE;
			t->rto_at = INT64_MAX;
		}
		return 1;
	}
	if (t->state == TCP_SYN_SENT) {
		if ((fl & (F_SYN | F_ACK)) == (F_SYN | F_ACK) &&
		    ack == t->iss + 1)
			on_synack(t, h, hl, now);
		return 1;
	}
	if (fl & F_SYN) {
		/* Our ACK of its SYN-ACK was lost: acknowledge again. */
		emit(t, end, F_ACK, NULL, 0);
		return 1;
	}
	if ((fl & F_ACK) && SEQ_LT(t->snd_una, ack) && SEQ_LE(ack, end)) {
		t->snd_una = ack;
		if (ack == end)
			t->rto_at = INT64_MAX;
		else
			arm(t, now);
	}
	on_data(t, seq, h + hl, k->plen - hl, fl & F_FIN);
	if (t->fin_sent && t->fin_rcvd && t->snd_una == end) {
		t->state = TCP_DONE;
		t->rto_at = INT64_MAX;
	}
	return 1;
}

int64_t
tcp_tick(struct tcp *t, int64_t now)
{
	if (t->state == TCP_CLOSED || t->state == TCP_DONE)
		return INT64_MAX;
	if (now < t->rto_at)
		return t->rto_at;
	if (t->tries >= TCP_TRIES) {
		t->gave_up = 1;
		tcp_abort(t);
		return INT64_MAX;
	}
	send_pending(t);
	t->tries++;
	t->rto_ms *= 2;
	t->rto_at = now + t->rto_ms;
	return t->rto_at;
}

void
tcp_close(struct tcp *t, int64_t now)
{
	if (t->state != TCP_ESTABLISHED || t->fin_sent)
		return;
	t->fin_sent = 1;
	t->state = TCP_FIN_WAIT;
	send_pending(t);
	if (t->fin_rcvd && t->snd_una == t->snd_nxt + 1)
		t->state = TCP_DONE;
	else
		arm(t, now);
}

void
tcp_abort(struct tcp *t)
{
	if (t->state == TCP_CLOSED || t->state == TCP_DONE)
		return;
	if (t->state != TCP_SYN_SENT)
		emit(t, t->snd_nxt + (t->fin_sent ? 1 : 0), F_RST | F_ACK,
		    NULL, 0);
	else
		emit(t, t->iss + 1, F_RST, NULL, 0);
	t->rst_sent = 1;
	t->state = TCP_DONE;
	t->rto_at = INT64_MAX;
}

int
tcp_over(const struct tcp *t)
{
	return t->state == TCP_CLOSED || t->state == TCP_DONE;
}
