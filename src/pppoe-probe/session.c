/* SPDX-License-Identifier: MIT */
/*
 * The client PPP state machine: a simplified RFC 1661 automaton per
 * control protocol (Req-Sent / Ack-Rcvd / Ack-Sent / Opened collapsed
 * into two "acked" flags), which is all a short-lived test session needs.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "pppoe-probe/sess_int.h"

static int
msg_blank(uint8_t c)
{
	return c == '\r' || c == '\n' || c == '\0' || c == ' ' || c == '\t';
}

/*
 * Keep a peer's message as a line of text: pppd's radius plugin ends
 * every RADIUS Reply-Message with "\n" (and joins several with it), and
 * FreeRADIUS's own texts begin and end with "\r\n"; C-string servers
 * leave a NUL. The blanks around it go, and each run of line breaks
 * inside becomes one space, as a dialer shows it.
 */
void
msg_set(struct sess_msg *m, const uint8_t *v, size_t n)
{
	size_t w = 0;

	while (n > 0 && msg_blank(v[n - 1]))
		n--;
	while (n > 0 && msg_blank(v[0])) {
		v++;
		n--;
	}
	for (size_t i = 0; i < n && w < sizeof(m->v); i++) {
		if (v[i] == '\r' || v[i] == '\n' || v[i] == '\0') {
			while (i + 1 < n && (v[i + 1] == '\r' ||
			    v[i + 1] == '\n' || v[i + 1] == '\0'))
				i++;
			m->v[w++] = ' ';
		} else
			m->v[w++] = v[i];
	}
	m->len = w;
}

void
send_cp(struct sess *s, uint16_t proto, uint8_t code, uint8_t id,
    const void *data, size_t len)
{
	uint8_t b[PKT_MAX];
	size_t n = ppp_build(b, sizeof(b), proto, code, id, data, len);

	if (n)
		s->send(s->ctx, b, n);
	/* PAP requests carry the password in clear. */
	explicit_bzero(b, n);
}

int64_t
since(const struct sess *s, int64_t now)
{
	return now - s->t0;
}

/* The retransmission interval doubles up to its cap (RFC 1661 §4.6
 * leaves the policy open; a fast first retry catches the AC's pppd,
 * which starts 50-90 ms after PADS and loses what came before). */
int64_t
next_restart(struct sess *s, int tries, int64_t now)
{
	int64_t d = s->cfg.restart_ms;

	for (int i = 1; i < tries && d < s->cfg.restart_max_ms; i++)
		d *= 2;
	if (d > s->cfg.restart_max_ms)
		d = s->cfg.restart_max_ms;
	return now + d;
}

/*
 * The verdict of the phase that the peer's Terminate-Request or PADT
 * ended, with its reason: one whichever comes first; during
 * authentication it is a refusal, even when it overtakes the CHAP
 * Failure or PAP Nak.
 */
void
peer_verdict(struct sess *s, const uint8_t *m, size_t n)
{
	struct sess_msg *dst = NULL;

	if (s->lcp_result == SR_NONE) {
		s->lcp_result = SR_TERMINATED;
		dst = &s->lcp_msg;
	} else if (s->phase == SP_AUTH && s->auth_result == SR_NONE) {
		s->auth_result = s->auth_sent ? SR_REJECTED : SR_TERMINATED;
		dst = &s->auth_msg;
	} else if (s->phase == SP_IPCP && s->ipcp_result == SR_NONE) {
		s->ipcp_result = SR_TERMINATED;
		dst = &s->ipcp_msg;
	}
	if (dst != NULL && n > 0)
		msg_set(dst, m, n);
}

void
sess_init(struct sess *s, const struct sess_cfg *cfg, sess_send_fn *send,
    void *ctx, int64_t now)
{
	memset(s, 0, sizeof(*s));
	s->cfg = *cfg;
	if (s->cfg.restart_ms <= 0)
		s->cfg.restart_ms = 200;
	if (s->cfg.restart_max_ms < s->cfg.restart_ms)
		s->cfg.restart_max_ms = s->cfg.restart_ms;
	if (s->cfg.max_configure <= 0)
		s->cfg.max_configure = 10;
	if (s->cfg.magic == 0)
		s->cfg.magic = 0x5a5a1234;
	s->send = send;
	s->ctx = ctx;
	s->t0 = now;
	s->want_mru = cfg->mru != 0;
	s->our_mru = cfg->mru;
	s->want_magic = 1;
	s->peer_mru = -1;
	s->t_lcp = s->t_auth = s->t_ipcp = -1;
	s->want_addr = s->want_dns1 = s->want_dns2 = 1;
	s->lcp_next = s->auth_next = s->ipcp_next = s->term_next = INT64_MAX;
	s->lcp_id = 0x10;
	s->ipv6cp_id = 0x60;
	s->ipv6cp_next = INT64_MAX;
	s->t_ipv6cp = -1;
	memcpy(s->our_ifid, cfg->ifid, 8);
	if (s->cfg.ipv6 && memcmp(s->our_ifid, "\0\0\0\0\0\0\0\0", 8) == 0) {
		/* Never zero (RFC 5072 §4.1): a local one from the magic. */
		s->our_ifid[4] = (uint8_t)(s->cfg.magic >> 24);
		s->our_ifid[5] = (uint8_t)(s->cfg.magic >> 16);
		s->our_ifid[6] = (uint8_t)(s->cfg.magic >> 8);
		s->our_ifid[7] = (uint8_t)s->cfg.magic | 1;
	}
	s->ipcp_id = 0x40;
	s->pap_id = 0x70;
}
/* ---- dispatch, timers, close ------------------------------------------- */

static void
proto_reject(struct sess *s, const uint8_t *p, size_t len)
{
	size_t n = len > 1400 ? 1400 : len;

	/* Only an opened LCP may reject protocols (RFC 1661 §5.7). */
	if (!s->lcp_opened || s->phase >= SP_TERMINATING || len < 2)
		return;
	send_cp(s, PPP_LCP, LCP_PROTO_REJ, ++s->lcp_id, p, n);
	s->proto_rejects++;
}

void
sess_input(struct sess *s, const uint8_t *p, size_t len, int64_t now)
{
	struct ppp_pkt k;

	if (s->phase == SP_CLOSED || ppp_parse(p, len, &k) < 0)
		return;
	switch (k.proto) {
	case PPP_LCP:
		lcp_input(s, &k, now);
		break;
	case PPP_PAP:
		pap_input(s, &k, now);
		break;
	case PPP_CHAP:
		chap_input(s, &k, now);
		break;
	case PPP_IPCP:
		ipcp_input(s, &k, now);
		break;
	case PPP_IPV6CP:
		if (s->cfg.ipv6)
			ipv6cp_input(s, &k, now);
		else
			proto_reject(s, p, len);
		break;
	case PPP_IP:
		if (s->ipcp_result == SR_OK && s->phase == SP_DONE &&
		    s->on_data != NULL)
			s->on_data(s->ctx, k.proto, k.data, k.len, now);
		break;
	case PPP_IPV6:
		/* A protocol we agreed to: the data plane's once IPv6CP is
		 * open (the AC's router advertisements), else dropped. */
		if (!s->cfg.ipv6)
			proto_reject(s, p, len);
		else if (s->ipv6cp_opened && s->phase == SP_DONE &&
		    s->on_data != NULL)
			s->on_data(s->ctx, k.proto, k.data, k.len, now);
		break;
	default:
		proto_reject(s, p, len);
		break;
	}
}

void
sess_tick(struct sess *s, int64_t now)
{
	if (s->phase == SP_LCP && now >= s->lcp_next) {
		if (s->lcp_tries >= s->cfg.max_configure) {
			s->lcp_next = INT64_MAX;
			sess_close(s, SR_TIMEOUT, now);
			return;
		}
		lcp_send_req(s, now);
	}
	if (s->phase == SP_AUTH && now >= s->auth_next) {
		if (s->auth_tries >= s->cfg.max_configure) {
			s->auth_next = INT64_MAX;
			sess_close(s, SR_TIMEOUT, now);
			return;
		}
		pap_send(s, now);
	}
	if (s->phase == SP_IPCP && now >= s->ipcp_next) {
		if (s->ipcp_tries >= s->cfg.max_configure) {
			s->ipcp_result = SR_TIMEOUT;
			ipcp_finish(s, now);
			return;
		}
		ipcp_send_req(s, now);
	}
	ipv6cp_tick(s, now);
	if (s->phase == SP_TERMINATING && now >= s->term_next) {
		if (s->term_tries >= 3) {
			s->phase = SP_CLOSED;
			s->term_next = INT64_MAX;
			return;
		}
		term_send(s, now);
	}
}

int64_t
sess_deadline(const struct sess *s)
{
	switch (s->phase) {
	case SP_LCP:
		return s->lcp_next;
	case SP_AUTH:
		return s->auth_next;
	case SP_IPCP:
		return s->ipcp_next < s->ipv6cp_next ? s->ipcp_next :
		    s->ipv6cp_next;
	case SP_DONE:
		return s->ipv6cp_next;
	case SP_TERMINATING:
		return s->term_next;
	default:
		return INT64_MAX;
	}
}

void
sess_close(struct sess *s, enum sess_result why, int64_t now)
{
	if (why != SR_NONE) {
		if (s->lcp_result == SR_NONE)
			s->lcp_result = why;
		else if (s->phase == SP_AUTH && s->auth_result == SR_NONE)
			s->auth_result = why;
		else if (s->phase == SP_IPCP && s->ipcp_result == SR_NONE)
			s->ipcp_result = why;
	}
	if (s->phase >= SP_TERMINATING)
		return;
	s->lcp_next = s->auth_next = s->ipcp_next = INT64_MAX;
	s->phase = SP_TERMINATING;
	s->term_id = ++s->lcp_id;
	s->term_sent = 1;
	s->term_tries = 0;
	if (ipv6cp_close(s, why)) {
		/* LCP's waits for IPv6CP's Terminate-Ack, one Restart time
		 * at most: pppd reads NCP packets from another queue than
		 * LCP's and took an LCP Terminate-Request sent right after
		 * first, then discarded IPv6CP's. */
		s->term_next = now + s->cfg.restart_ms;
		return;
	}
	term_send(s, now);
}

int
sess_send_data(struct sess *s, uint16_t proto, const uint8_t *pkt,
    size_t len)
{
	uint8_t b[PKT_MAX + 2];

	if (s->phase != SP_DONE || len > PKT_MAX ||
	    (proto == PPP_IP && s->ipcp_result != SR_OK) ||
	    (proto == PPP_IPV6 && !s->ipv6cp_opened) ||
	    (proto != PPP_IP && proto != PPP_IPV6))
		return -1;
	b[0] = (uint8_t)(proto >> 8);
	b[1] = (uint8_t)proto;
	memcpy(b + 2, pkt, len);
	s->send(s->ctx, b, len + 2);
	return 0;
}

void
term_send(struct sess *s, int64_t now)
{
	send_cp(s, PPP_LCP, CP_TERM_REQ, s->term_id, "done", 4);
	s->term_tries++;
	s->term_next = now + 150;
}

void
sess_gone(struct sess *s, const uint8_t *m, size_t n)
{
	peer_verdict(s, m, n);
	s->phase = SP_CLOSED;
	s->peer_terminated = 1;
}

int
sess_can_disconnect(const struct sess *s, int64_t now)
{
	return s->phase == SP_CLOSED && now >= s->ack_wait_until;
}

const char *
sess_result_name(enum sess_result r)
{
	switch (r) {
	case SR_NONE: return "-";
	case SR_OK: return "ok";
	case SR_TIMEOUT: return "timeout";
	case SR_TERMINATED: return "terminated";
	case SR_REJECTED: return "rejected";
	case SR_MISMATCH: return "mismatch";
	case SR_INTERRUPTED: return "interrupted";
	case SR_NO_ADDRESS: return "no_address";
	}
	return "-";
}

const char *
sess_auth_name(unsigned a)
{
	switch (a) {
	case SA_PAP: return "pap";
	case SA_CHAP: return "chap";
	case SA_MSCHAPV2: return "mschapv2";
	}
	return "none";
}
