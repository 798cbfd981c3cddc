/* SPDX-License-Identifier: MIT */
/*
 * LCP of the client session: our Configure-Request (MRU, magic), the
 * peer's (which authentication it asks for), echoes both ways, and the
 * peer's Terminate-Request.
 */
#include <stdint.h>
#include <string.h>

#include "pppoe-probe/sess_int.h"

void
lcp_send_req(struct sess *s, int64_t now)
{
	uint8_t o[16];
	size_t n = 0;
	uint8_t v[4];

	if (s->want_mru) {
		v[0] = (uint8_t)(s->our_mru >> 8);
		v[1] = (uint8_t)s->our_mru;
		ppp_opt_put(o, sizeof(o), &n, LCP_OPT_MRU, v, 2);
	}
	if (s->want_magic) {
		v[0] = (uint8_t)(s->cfg.magic >> 24);
		v[1] = (uint8_t)(s->cfg.magic >> 16);
		v[2] = (uint8_t)(s->cfg.magic >> 8);
		v[3] = (uint8_t)s->cfg.magic;
		ppp_opt_put(o, sizeof(o), &n, LCP_OPT_MAGIC, v, 4);
	}
	s->lcp_req_id = ++s->lcp_id;
	send_cp(s, PPP_LCP, CP_CONF_REQ, s->lcp_req_id, o, n);
	s->lcp_tries++;
	s->lcp_next = next_restart(s, s->lcp_tries, now);
}

void
sess_start(struct sess *s, int64_t now)
{
	s->phase = SP_LCP;
	lcp_send_req(s, now);
}

/* Which method to propose in a Nak, in order of preference. */
static int
auth_nak_value(const struct sess *s, uint8_t v[3])
{
	if (s->cfg.auth_mask & SA_CHAP) {
		v[0] = 0xc2, v[1] = 0x23, v[2] = CHAP_MD5;
		return 3;
	}
	if (s->cfg.auth_mask & SA_MSCHAPV2) {
		v[0] = 0xc2, v[1] = 0x23, v[2] = CHAP_MSV2;
		return 3;
	}
	v[0] = 0xc0, v[1] = 0x23;
	return 2;
}

static unsigned
auth_of(const struct ppp_opt *o)
{
	if (o->len == 2 && o->val[0] == 0xc0 && o->val[1] == 0x23)
		return SA_PAP;
	if (o->len == 3 && o->val[0] == 0xc2 && o->val[1] == 0x23) {
		if (o->val[2] == CHAP_MD5)
			return SA_CHAP;
		if (o->val[2] == CHAP_MSV2)
			return SA_MSCHAPV2;
	}
	return 0;
}

static void
lcp_check_open(struct sess *s, int64_t now)
{
	if (s->phase != SP_LCP || !s->lcp_our_acked || !s->lcp_peer_acked)
		return;
	s->lcp_opened = 1;
	s->lcp_result = SR_OK;
	s->lcp_next = INT64_MAX;
	if (s->t_lcp < 0)
		s->t_lcp = since(s, now);
	if (s->auth != SA_NONE)
		auth_begin(s, now);
	else {
		s->auth_result = SR_OK;
		ipcp_begin(s, now);
	}
}

static void
lcp_rcr(struct sess *s, const struct ppp_pkt *k, int64_t now)
{
	uint8_t rej[PKT_MAX], nak[64];
	size_t nrej = 0, nnak = 0;
	const uint8_t *p = k->data;
	size_t left = k->len;
	struct ppp_opt o;
	unsigned auth = SA_NONE;
	int mru = -1;
	uint32_t magic = 0;

	if (!ppp_opts_valid(k->data, k->len))
		return;
	/* A new request after Opened means the peer restarted LCP. */
	if (s->phase != SP_LCP && s->phase < SP_TERMINATING) {
		s->phase = SP_LCP;
		s->lcp_our_acked = 0;
		s->lcp_tries = 0;
		lcp_send_req(s, now);
	}
	while (ppp_opt_next(&p, &left, &o) > 0) {
		switch (o.type) {
		case LCP_OPT_MRU:
			if (o.len == 2) {
				mru = o.val[0] << 8 | o.val[1];
				continue;
			}
			break;
		case LCP_OPT_ACCM:
			if (o.len == 4)
				continue;
			break;
		case LCP_OPT_MAGIC:
			if (o.len == 4) {
				magic = (uint32_t)o.val[0] << 24 |
				    (uint32_t)o.val[1] << 16 |
				    (uint32_t)o.val[2] << 8 | o.val[3];
				continue;
			}
			break;
		case LCP_OPT_AUTH:
			auth = auth_of(&o);
			if (auth & s->cfg.auth_mask)
				continue;
			{
				uint8_t v[3];
				int vl = auth_nak_value(s, v);

				ppp_opt_put(nak, sizeof(nak), &nnak,
				    LCP_OPT_AUTH, v, (size_t)vl);
				s->auth_naks++;
			}
			continue;
		}
		ppp_opt_put(rej, sizeof(rej), &nrej, o.type, o.val, o.len);
	}
	if (nrej) {
		send_cp(s, PPP_LCP, CP_CONF_REJ, k->id, rej, nrej);
		s->lcp_peer_acked = 0;
		return;
	}
	if (nnak) {
		send_cp(s, PPP_LCP, CP_CONF_NAK, k->id, nak, nnak);
		s->lcp_peer_acked = 0;
		/* A peer that insists on a method we may not use. */
		if (s->auth_naks >= 5 && s->lcp_result == SR_NONE) {
			static const char m[] =
			    "the peer insists on an authentication method "
			    "that is not allowed";
			s->lcp_result = SR_REJECTED;
			msg_set(&s->lcp_msg, (const uint8_t *)m, sizeof(m) - 1);
			sess_close(s, SR_NONE, now);
		}
		return;
	}
	send_cp(s, PPP_LCP, CP_CONF_ACK, k->id, k->data, k->len);
	s->lcp_peer_acked = 1;
	s->auth = auth;
	s->peer_mru = mru;
	s->peer_magic = magic;
	lcp_check_open(s, now);
}

static void
lcp_rconf_nak_rej(struct sess *s, const struct ppp_pkt *k, int64_t now)
{
	const uint8_t *p = k->data;
	size_t left = k->len;
	struct ppp_opt o;

	if (k->id != s->lcp_req_id || s->lcp_our_acked)
		return;
	while (ppp_opt_next(&p, &left, &o) > 0) {
		if (o.type == LCP_OPT_MRU) {
			if (k->code == CP_CONF_REJ || o.len != 2)
				s->want_mru = 0;
			else
				s->our_mru = (uint16_t)(o.val[0] << 8 | o.val[1]);
		} else if (o.type == LCP_OPT_MAGIC) {
			if (k->code == CP_CONF_REJ)
				s->want_magic = 0;
			else
				s->cfg.magic = s->cfg.magic * 1103515245u + 12345u;
		}
	}
	lcp_send_req(s, now);
}

/* The round trip of one of our Echo-Requests; an unknown id is not. */
static void
echo_reply(struct sess *s, uint8_t id)
{
	int64_t rtt;

	if (s->echo_tx[id] == 0)
		return;
	rtt = s->rx_ns - s->echo_tx[id];
	s->echo_tx[id] = 0;
	/* A clock step between send and capture: counted, not timed. */
	if (rtt < 0)
		rtt = 0;
	if (s->echo_rcvd == 0 || rtt < s->rtt_min_ns)
		s->rtt_min_ns = rtt;
	if (rtt > s->rtt_max_ns)
		s->rtt_max_ns = rtt;
	s->rtt_sum_ns += rtt;
	s->echo_rcvd++;
	if (s->on_echo != NULL)
		s->on_echo(s->ctx, rtt);
}

void
sess_echo(struct sess *s, int64_t stamp_ns)
{
	uint8_t m[4] = { (uint8_t)(s->cfg.magic >> 24),
		(uint8_t)(s->cfg.magic >> 16), (uint8_t)(s->cfg.magic >> 8),
		(uint8_t)s->cfg.magic };

	if (!s->lcp_opened || s->phase >= SP_TERMINATING)
		return;
	s->echo_id++;
	s->echo_tx[s->echo_id] = stamp_ns > 0 ? stamp_ns : 1;
	send_cp(s, PPP_LCP, LCP_ECHO_REQ, s->echo_id, m, 4);
	s->echo_sent++;
}

/* The peer's Terminate-Request: acknowledged, and the verdict of the
 * phase it ended. */
static void
lcp_rtr(struct sess *s, const struct ppp_pkt *k, int64_t now)
{
	send_cp(s, PPP_LCP, CP_TERM_ACK, k->id, NULL, 0);
	s->ack_wait_until = now + s->cfg.restart_ms;
	s->peer_terminated = 1;
	peer_verdict(s, k->data, k->len);
	if (s->lcp_result == SR_OK && s->phase != SP_TERMINATING)
		msg_set(&s->lcp_msg, k->data, k->len);
	if (s->phase == SP_DONE && s->ipcp_result == SR_OK &&
	    !s->down_proto) {
		s->down_proto = PPP_LCP;
		msg_set(&s->down_msg, k->data, k->len);
	}
	s->phase = SP_CLOSED;
	s->lcp_next = s->auth_next = s->ipcp_next = INT64_MAX;
	s->term_next = INT64_MAX;
}

void
lcp_input(struct sess *s, const struct ppp_pkt *k, int64_t now)
{
	uint8_t b[PKT_MAX];

	switch (k->code) {
	case CP_CONF_REQ:
		if (s->phase >= SP_TERMINATING)
			return;
		/* The peer's first request shows its PPP process is up now;
		 * ours was likely lost before it started: retry soon, but
		 * leave time for an Ack already on its way. */
		if (!s->peer_seen && !s->lcp_our_acked &&
		    s->lcp_next > now + 30)
			s->lcp_next = now + 30;
		s->peer_seen = 1;
		lcp_rcr(s, k, now);
		break;
	case CP_CONF_ACK:
		s->peer_seen = 1;
		if (s->phase != SP_LCP || k->id != s->lcp_req_id)
			return;
		s->lcp_our_acked = 1;
		s->lcp_next = INT64_MAX;
		lcp_check_open(s, now);
		break;
	case CP_CONF_NAK:
	case CP_CONF_REJ:
		s->peer_seen = 1;
		if (s->phase == SP_LCP)
			lcp_rconf_nak_rej(s, k, now);
		break;
	case CP_TERM_REQ:
		lcp_rtr(s, k, now);
		break;
	case CP_TERM_ACK:
		if (s->phase == SP_TERMINATING) {
			s->term_acked = 1;
			s->phase = SP_CLOSED;
			s->term_next = INT64_MAX;
		}
		break;
	case LCP_ECHO_REQ:
		if (!s->lcp_opened || s->phase == SP_CLOSED || k->len < 4)
			return;
		{
			size_t n = k->len < sizeof(b) - 8 ? k->len : sizeof(b) - 8;

			memcpy(b, k->data, n);
			b[0] = (uint8_t)(s->cfg.magic >> 24);
			b[1] = (uint8_t)(s->cfg.magic >> 16);
			b[2] = (uint8_t)(s->cfg.magic >> 8);
			b[3] = (uint8_t)s->cfg.magic;
			send_cp(s, PPP_LCP, LCP_ECHO_REP, k->id, b, n);
			s->echo_replies++;
		}
		break;
	case LCP_ECHO_REP:
		echo_reply(s, k->id);
		break;
	case LCP_PROTO_REJ:
		if (k->len >= 2 && (k->data[0] << 8 | k->data[1]) == PPP_IPV6CP)
			ipv6cp_proto_rejected(s, now);
		break;
	case LCP_DISC_REQ:
	case CP_CODE_REJ:
		break;
	default:
		/* Code-Reject carries the offending packet (RFC 1661 §5.6). */
		if (s->phase < SP_TERMINATING)
			send_cp(s, PPP_LCP, CP_CODE_REJ, ++s->lcp_id, k->raw,
			    k->rawlen > 1400 ? 1400 : k->rawlen);
		break;
	}
}
