/* SPDX-License-Identifier: MIT */
/*
 * The client PPP state machine: a simplified RFC 1661 automaton per
 * control protocol (Req-Sent / Ack-Rcvd / Ack-Sent / Opened collapsed
 * into two "acked" flags), which is all a short-lived test session needs.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "pppoe-probe/auth.h"
#include "pppoe-probe/ppp.h"
#include "pppoe-probe/session.h"

#define PKT_MAX		1500

static void
msg_set(struct sess_msg *m, const uint8_t *v, size_t n)
{
	if (n > sizeof(m->v))
		n = sizeof(m->v);
	memcpy(m->v, v, n);
	m->len = n;
}

static void
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

static int64_t
since(const struct sess *s, int64_t now)
{
	return now - s->t0;
}

/* The retransmission interval doubles up to its cap (RFC 1661 §4.6
 * leaves the policy open; a fast first retry catches the AC's pppd,
 * which starts 50-90 ms after PADS and loses what came before). */
static int64_t
next_restart(struct sess *s, int tries, int64_t now)
{
	int64_t d = s->cfg.restart_ms;

	for (int i = 1; i < tries && d < s->cfg.restart_max_ms; i++)
		d *= 2;
	if (d > s->cfg.restart_max_ms)
		d = s->cfg.restart_max_ms;
	return now + d;
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
	s->ipcp_id = 0x40;
	s->pap_id = 0x70;
}

/* ---- LCP ---------------------------------------------------------------- */

static void
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

static void auth_begin(struct sess *, int64_t);
static void ipcp_begin(struct sess *, int64_t);

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

static void
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
		send_cp(s, PPP_LCP, CP_TERM_ACK, k->id, NULL, 0);
		s->ack_wait_until = now + s->cfg.restart_ms;
		s->peer_terminated = 1;
		/* One verdict whichever comes first: a Terminate-Request
		 * during authentication is a refusal, even when it
		 * overtakes the CHAP Failure or PAP Nak. */
		if (s->lcp_result == SR_NONE) {
			s->lcp_result = SR_TERMINATED;
			msg_set(&s->lcp_msg, k->data, k->len);
		} else if (s->phase == SP_AUTH && s->auth_result == SR_NONE) {
			s->auth_result = s->auth_sent ? SR_REJECTED :
			    SR_TERMINATED;
			msg_set(&s->auth_msg, k->data, k->len);
		} else if (s->phase == SP_IPCP && s->ipcp_result == SR_NONE) {
			s->ipcp_result = SR_TERMINATED;
			msg_set(&s->ipcp_msg, k->data, k->len);
		}
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
	case LCP_DISC_REQ:
	case CP_CODE_REJ:
	case LCP_PROTO_REJ:
		break;
	default:
		/* Code-Reject carries the offending packet (RFC 1661 §5.6). */
		if (s->phase < SP_TERMINATING)
			send_cp(s, PPP_LCP, CP_CODE_REJ, ++s->lcp_id, k->raw,
			    k->rawlen > 1400 ? 1400 : k->rawlen);
		break;
	}
}

/* ---- authentication --------------------------------------------------- */

static void	auth_done(struct sess *, enum sess_result, const uint8_t *,
		    size_t, int64_t);

static void
pap_send(struct sess *s, int64_t now)
{
	uint8_t d[512];
	size_t ul = strlen(s->cfg.user), pl = s->cfg.plen;

	/* One length byte each: a cut password would only fail as
	 * "wrong password" at the AC. */
	if (ul > 255 || pl > 255) {
		static const char m[] =
		    "the user name or password is longer than PAP's 255 bytes";

		auth_done(s, SR_REJECTED, (const uint8_t *)m, sizeof(m) - 1,
		    now);
		return;
	}
	d[0] = (uint8_t)ul;
	memcpy(d + 1, s->cfg.user, ul);
	d[1 + ul] = (uint8_t)pl;
	memcpy(d + 2 + ul, s->cfg.pass, pl);
	send_cp(s, PPP_PAP, 1, s->pap_id, d, 2 + ul + pl);
	explicit_bzero(d, sizeof(d));
	s->auth_sent = 1;
	s->auth_tries++;
	s->auth_next = next_restart(s, s->auth_tries + 2, now);
}

static void
auth_begin(struct sess *s, int64_t now)
{
	s->phase = SP_AUTH;
	if (s->auth == SA_PAP) {
		s->pap_id++;
		pap_send(s, now);
	}
	/* CHAP: the authenticator speaks first. */
}

static void
auth_done(struct sess *s, enum sess_result r, const uint8_t *m, size_t n,
    int64_t now)
{
	if (s->auth_result != SR_NONE)
		return;
	s->auth_result = r;
	msg_set(&s->auth_msg, m, n);
	s->auth_next = INT64_MAX;
	s->t_auth = since(s, now);
	if (r == SR_OK)
		ipcp_begin(s, now);
	else
		sess_close(s, SR_NONE, now);
}

static void
pap_input(struct sess *s, const struct ppp_pkt *k, int64_t now)
{
	size_t ml;

	if (s->phase != SP_AUTH || s->auth != SA_PAP || k->id != s->pap_id)
		return;
	if (k->code != 2 && k->code != 3)
		return;
	ml = k->len > 0 ? k->data[0] : 0;
	if (ml > k->len - (k->len > 0))
		ml = k->len - (k->len > 0);
	auth_done(s, k->code == 2 ? SR_OK : SR_REJECTED, k->data + 1, ml, now);
}

static void
chap_challenge(struct sess *s, const struct ppp_pkt *k, int64_t now)
{
	const uint8_t *chal;
	size_t clen, ul = strlen(s->cfg.user);
	uint8_t *r = s->chap_resp;

	(void)now;
	if (k->len < 1 || k->data[0] > k->len - 1)
		return;
	clen = k->data[0];
	chal = k->data + 1;
	/* A repeated challenge means our response was lost: resend it. */
	if (s->chap_resp_len && k->id == s->chap_id) {
		send_cp(s, PPP_CHAP, 2, s->chap_id, s->chap_resp,
		    s->chap_resp_len);
		return;
	}
	if (ul > sizeof(s->chap_resp) - 50)
		ul = sizeof(s->chap_resp) - 50;
	if (s->auth == SA_CHAP) {
		r[0] = 16;
		chap_md5_response(k->id, s->cfg.pass, s->cfg.plen, chal, clen,
		    r + 1);
		memcpy(r + 17, s->cfg.user, ul);
		s->chap_resp_len = 17 + ul;
	} else {
		if (clen != 16)
			return;
		memcpy(s->auth_chal, chal, 16);
		r[0] = 49;
		memcpy(r + 1, s->cfg.peer_chal, 16);
		memset(r + 17, 0, 8);
		if (mschapv2_nt_response(s->auth_chal, s->cfg.peer_chal,
		    s->cfg.user, s->cfg.pass, s->cfg.plen, s->nt_resp) < 0) {
			static const char m[] =
			    "the password is not valid UTF-8";
			auth_done(s, SR_REJECTED, (const uint8_t *)m,
			    sizeof(m) - 1, now);
			return;
		}
		memcpy(r + 25, s->nt_resp, 24);
		r[49] = 0;
		memcpy(r + 50, s->cfg.user, ul);
		s->chap_resp_len = 50 + ul;
	}
	s->chap_id = k->id;
	send_cp(s, PPP_CHAP, 2, k->id, r, s->chap_resp_len);
	s->auth_sent = 1;
}

static void
chap_input(struct sess *s, const struct ppp_pkt *k, int64_t now)
{
	if (s->phase != SP_AUTH ||
	    (s->auth != SA_CHAP && s->auth != SA_MSCHAPV2))
		return;
	switch (k->code) {
	case 1:
		chap_challenge(s, k, now);
		break;
	case 3:
		if (!s->auth_sent || k->id != s->chap_id)
			return;
		if (s->auth == SA_MSCHAPV2) {
			char want[43];

			/* The AC proves it knows the password too. */
			if (mschapv2_auth_response(s->cfg.pass, s->cfg.plen,
			    s->nt_resp, s->cfg.peer_chal, s->auth_chal,
			    s->cfg.user, want) < 0 || k->len < 42 ||
			    strncasecmp((const char *)k->data, want, 42) != 0) {
				auth_done(s, SR_MISMATCH, k->data, k->len, now);
				return;
			}
		}
		auth_done(s, SR_OK, k->data, k->len, now);
		break;
	case 4:
		if (!s->auth_sent || k->id != s->chap_id)
			return;
		auth_done(s, SR_REJECTED, k->data, k->len, now);
		break;
	}
}

/* ---- IPCP ------------------------------------------------------------- */

static void
ipcp_send_req(struct sess *s, int64_t now)
{
	uint8_t o[32];
	size_t n = 0;

	if (s->want_addr)
		ppp_opt_put(o, sizeof(o), &n, IPCP_OPT_ADDR, s->addr, 4);
	if (s->want_dns1)
		ppp_opt_put(o, sizeof(o), &n, IPCP_OPT_DNS1, s->dns1, 4);
	if (s->want_dns2)
		ppp_opt_put(o, sizeof(o), &n, IPCP_OPT_DNS2, s->dns2, 4);
	s->ipcp_req_id = ++s->ipcp_id;
	send_cp(s, PPP_IPCP, CP_CONF_REQ, s->ipcp_req_id, o, n);
	s->ipcp_tries++;
	s->ipcp_next = next_restart(s, s->ipcp_tries, now);
}

static void
ipcp_begin(struct sess *s, int64_t now)
{
	s->phase = SP_IPCP;
	ipcp_send_req(s, now);
}

static void
ipcp_check_open(struct sess *s, int64_t now)
{
	if (s->phase != SP_IPCP || !s->ipcp_our_acked || !s->ipcp_peer_acked)
		return;
	if (s->ipcp_result == SR_NONE)
		s->ipcp_result = s->want_addr ? SR_OK : SR_REJECTED;
	s->t_ipcp = since(s, now);
	s->phase = SP_DONE;
	s->ipcp_next = INT64_MAX;
}

static void
ipcp_input(struct sess *s, const struct ppp_pkt *k, int64_t now)
{
	const uint8_t *p = k->data;
	size_t left = k->len;
	struct ppp_opt o;

	if (s->phase != SP_IPCP || !ppp_opts_valid(k->data, k->len))
		return;
	switch (k->code) {
	case CP_CONF_REQ: {
		uint8_t rej[PKT_MAX];
		size_t nrej = 0;

		while (ppp_opt_next(&p, &left, &o) > 0) {
			if (o.type == IPCP_OPT_ADDR && o.len == 4) {
				memcpy(s->peer_addr, o.val, 4);
				s->have_peer_addr = 1;
				continue;
			}
			ppp_opt_put(rej, sizeof(rej), &nrej, o.type, o.val,
			    o.len);
		}
		if (nrej) {
			send_cp(s, PPP_IPCP, CP_CONF_REJ, k->id, rej, nrej);
			return;
		}
		send_cp(s, PPP_IPCP, CP_CONF_ACK, k->id, k->data, k->len);
		s->ipcp_peer_acked = 1;
		ipcp_check_open(s, now);
		break;
	}
	case CP_CONF_ACK:
		if (k->id != s->ipcp_req_id)
			return;
		s->ipcp_our_acked = 1;
		s->ipcp_next = INT64_MAX;
		ipcp_check_open(s, now);
		break;
	case CP_CONF_NAK:
	case CP_CONF_REJ:
		if (k->id != s->ipcp_req_id || s->ipcp_our_acked)
			return;
		while (ppp_opt_next(&p, &left, &o) > 0) {
			uint8_t *dst = NULL;
			int *want = NULL;

			if (o.type == IPCP_OPT_ADDR)
				dst = s->addr, want = &s->want_addr;
			else if (o.type == IPCP_OPT_DNS1)
				dst = s->dns1, want = &s->want_dns1;
			else if (o.type == IPCP_OPT_DNS2)
				dst = s->dns2, want = &s->want_dns2;
			if (dst == NULL)
				continue;
			if (k->code == CP_CONF_REJ || o.len != 4) {
				*want = 0;
				memset(dst, 0, 4);
				/* No address from the AC: the pool. */
				if (o.type == IPCP_OPT_ADDR &&
				    s->ipcp_result == SR_NONE) {
					static const char m[] =
					    "IP-Address option rejected";
					s->ipcp_result = SR_REJECTED;
					msg_set(&s->ipcp_msg,
					    (const uint8_t *)m, sizeof(m) - 1);
				}
			} else
				memcpy(dst, o.val, 4);
		}
		if (s->ipcp_tries >= s->cfg.max_configure) {
			/* Naks to the end (0.0.0.0, or an address never
			 * acknowledged): the AC has none to give. */
			if (s->ipcp_result == SR_NONE) {
				char m[64];
				int n = snprintf(m, sizeof(m), "no address after "
				    "%d Configure-Requests", s->ipcp_tries);

				s->ipcp_result = SR_NO_ADDRESS;
				msg_set(&s->ipcp_msg, (const uint8_t *)m,
				    (size_t)n);
			}
			s->phase = SP_DONE;
			return;
		}
		ipcp_send_req(s, now);
		break;
	case CP_TERM_REQ:
		send_cp(s, PPP_IPCP, CP_TERM_ACK, k->id, NULL, 0);
		if (s->ipcp_result == SR_NONE || s->ipcp_result == SR_REJECTED) {
			if (s->ipcp_result == SR_NONE)
				msg_set(&s->ipcp_msg, k->data, k->len);
			s->ipcp_result = s->ipcp_result == SR_NONE ?
			    SR_TERMINATED : s->ipcp_result;
		}
		s->phase = SP_DONE;
		s->ipcp_next = INT64_MAX;
		break;
	}
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
		if (s->phase == SP_IPCP)
			ipcp_input(s, &k, now);
		else if (s->phase == SP_DONE && s->ipcp_result == SR_OK &&
		    k.code == CP_TERM_REQ) {
			/* The AC takes the network layer back after it was
			 * up: acknowledge, then end LCP ourselves. */
			send_cp(s, PPP_IPCP, CP_TERM_ACK, k.id, NULL, 0);
			s->down_proto = PPP_IPCP;
			msg_set(&s->down_msg, k.data, k.len);
			s->peer_terminated = 1;
			sess_close(s, SR_NONE, now);
		} else if (!s->lcp_opened)
			break;
		/* An IPCP request before authentication finished is
		 * silently dropped (RFC 1661 §3.5), as pppd does. */
		break;
	case PPP_IP:
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
			s->ipcp_next = INT64_MAX;
			s->ipcp_result = SR_TIMEOUT;
			s->phase = SP_DONE;
			return;
		}
		ipcp_send_req(s, now);
	}
	if (s->phase == SP_TERMINATING && now >= s->term_next) {
		if (s->term_tries >= 3) {
			s->phase = SP_CLOSED;
			s->term_next = INT64_MAX;
			return;
		}
		send_cp(s, PPP_LCP, CP_TERM_REQ, s->term_id, "done", 4);
		s->term_tries++;
		s->term_next = now + 150;
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
		return s->ipcp_next;
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
	s->term_tries = 1;
	send_cp(s, PPP_LCP, CP_TERM_REQ, s->term_id, "done", 4);
	s->term_next = now + 150;
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
