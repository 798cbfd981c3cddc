/* SPDX-License-Identifier: MIT */
/*
 * IPCP of the client session (RFC 1332, RFC 1877): an address and two
 * DNS servers asked for, the peer's address taken, anything else
 * rejected; and the AC taking IPCP back after it was up.
 */
#include <stdio.h>
#include <stdint.h>
#include <string.h>

#include "pppoe-probe/sess_int.h"

void
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

void
ipcp_begin(struct sess *s, int64_t now)
{
	s->phase = SP_IPCP;
	ipcp_send_req(s, now);
	ipv6cp_begin(s, now);
}

/*
 * The network phase ends when IPCP has, and IPv6CP too if the peer
 * speaks it; IPv6CP of a silent peer goes on in the watch after IPCP,
 * which an AC without IPv6 must not delay.
 */
void
ncp_check_done(struct sess *s, int64_t now)
{
	(void)now;
	if (s->phase != SP_IPCP || !s->ipcp_done)
		return;
	if (ipv6cp_pending(s) && s->ipv6cp_seen)
		return;
	s->phase = SP_DONE;
}

/* IPCP finished one way or the other. */
void
ipcp_finish(struct sess *s, int64_t now)
{
	s->ipcp_done = 1;
	s->ipcp_next = INT64_MAX;
	ncp_check_done(s, now);
}

static void
ipcp_check_open(struct sess *s, int64_t now)
{
	if (s->phase != SP_IPCP || !s->ipcp_our_acked || !s->ipcp_peer_acked)
		return;
	if (s->ipcp_result == SR_NONE)
		s->ipcp_result = s->want_addr ? SR_OK : SR_REJECTED;
	s->t_ipcp = since(s, now);
	ipcp_finish(s, now);
}

/* The AC's Nak or Reject of our request: take its values, drop what
 * it refuses, ask again until max_configure. */
static void
ipcp_rconf_nak_rej(struct sess *s, const struct ppp_pkt *k, int64_t now)
{
	const uint8_t *p = k->data;
	size_t left = k->len;
	struct ppp_opt o;

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
				msg_set(&s->ipcp_msg, (const uint8_t *)m,
				    sizeof(m) - 1);
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
			msg_set(&s->ipcp_msg, (const uint8_t *)m, (size_t)n);
		}
		ipcp_finish(s, now);
		return;
	}
	ipcp_send_req(s, now);
}

static void
ipcp_negotiate(struct sess *s, const struct ppp_pkt *k, int64_t now)
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
		ipcp_rconf_nak_rej(s, k, now);
		break;
	case CP_TERM_REQ:
		send_cp(s, PPP_IPCP, CP_TERM_ACK, k->id, NULL, 0);
		if (s->ipcp_result == SR_NONE || s->ipcp_result == SR_REJECTED) {
			if (s->ipcp_result == SR_NONE)
				msg_set(&s->ipcp_msg, k->data, k->len);
			s->ipcp_result = s->ipcp_result == SR_NONE ?
			    SR_TERMINATED : s->ipcp_result;
		}
		ipcp_finish(s, now);
		break;
	}
}

void
ipcp_input(struct sess *s, const struct ppp_pkt *k, int64_t now)
{
	if (s->phase == SP_IPCP && !s->ipcp_done)
		ipcp_negotiate(s, k, now);
	else if ((s->phase == SP_DONE || s->phase == SP_IPCP) &&
	    s->ipcp_result == SR_OK && k->code == CP_TERM_REQ) {
		/* The AC takes the network layer back after it was up:
		 * acknowledge, then end LCP ourselves. Still waiting for
		 * IPv6CP, the watch has not begun: IPCP's own verdict. */
		send_cp(s, PPP_IPCP, CP_TERM_ACK, k->id, NULL, 0);
		if (s->phase == SP_IPCP) {
			s->ipcp_result = SR_TERMINATED;
			msg_set(&s->ipcp_msg, k->data, k->len);
		}
		s->down_proto = PPP_IPCP;
		msg_set(&s->down_msg, k->data, k->len);
		s->peer_terminated = 1;
		sess_close(s, SR_NONE, now);
	}
	/* An IPCP request before authentication finished is silently
	 * dropped (RFC 1661 §3.5), as pppd does. */
}
