/* SPDX-License-Identifier: MIT */
/*
 * IPv6CP of the client session (RFC 5072): one option, the
 * Interface-Identifier of each end, negotiated alongside IPCP. An AC
 * without IPv6 answers with an LCP Protocol-Reject (pppd's noipv6) or
 * not at all; that is its configuration, not a failure of the line.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "pppoe-probe/sess_int.h"

#define IPV6CP_OPT_IFID	1

static int
ifid_zero(const uint8_t id[8])
{
	static const uint8_t z[8];

	return memcmp(id, z, 8) == 0;
}

static void
ipv6cp_send_req(struct sess *s, int64_t now)
{
	uint8_t o[16];
	size_t n = 0;

	ppp_opt_put(o, sizeof(o), &n, IPV6CP_OPT_IFID, s->our_ifid, 8);
	s->ipv6cp_req_id = ++s->ipv6cp_id;
	send_cp(s, PPP_IPV6CP, CP_CONF_REQ, s->ipv6cp_req_id, o, n);
	s->ipv6cp_tries++;
	s->ipv6cp_next = next_restart(s, s->ipv6cp_tries, now);
}

void
ipv6cp_begin(struct sess *s, int64_t now)
{
	if (!s->cfg.ipv6 || s->ipv6cp_tries)
		return;
	ipv6cp_send_req(s, now);
}

/* IPv6CP has its verdict: the network phase may end with IPCP's. */
static void
ipv6cp_settle(struct sess *s, enum sess_result r, const char *m,
    int64_t now)
{
	if (s->ipv6cp_result == SR_NONE) {
		s->ipv6cp_result = r;
		if (m != NULL)
			msg_set(&s->ipv6cp_msg, (const uint8_t *)m, strlen(m));
	}
	s->ipv6cp_next = INT64_MAX;
	ncp_check_done(s, now);
}

int
ipv6cp_pending(const struct sess *s)
{
	return s->cfg.ipv6 && s->ipv6cp_tries && s->ipv6cp_result == SR_NONE;
}

static void
ipv6cp_check_open(struct sess *s, int64_t now)
{
	if (!s->ipv6cp_our_acked || !s->ipv6cp_peer_acked ||
	    s->ipv6cp_opened)
		return;
	s->ipv6cp_opened = 1;
	s->t_ipv6cp = since(s, now);
	ipv6cp_settle(s, SR_OK, NULL, now);
}

/* The peer's request: its identifier taken unless it is zero or ours
 * (then a Nak with another, RFC 5072 §4.1); other options rejected. */
static void
ipv6cp_rcr(struct sess *s, const struct ppp_pkt *k, int64_t now)
{
	uint8_t rej[PKT_MAX], nak[16];
	size_t nrej = 0, nnak = 0;
	const uint8_t *p = k->data;
	size_t left = k->len;
	struct ppp_opt o;

	while (ppp_opt_next(&p, &left, &o) > 0) {
		if (o.type != IPV6CP_OPT_IFID || o.len != 8) {
			ppp_opt_put(rej, sizeof(rej), &nrej, o.type, o.val,
			    o.len);
			continue;
		}
		if (ifid_zero(o.val) || memcmp(o.val, s->our_ifid, 8) == 0) {
			uint8_t v[8];

			for (int i = 0; i < 8; i++)
				v[i] = (uint8_t)~s->our_ifid[i];
			v[0] &= 0xfd;	/* the "u" bit: a local identifier */
			ppp_opt_put(nak, sizeof(nak), &nnak, IPV6CP_OPT_IFID,
			    v, 8);
			continue;
		}
		memcpy(s->peer_ifid, o.val, 8);
		s->have_peer_ifid = 1;
	}
	if (nrej)
		send_cp(s, PPP_IPV6CP, CP_CONF_REJ, k->id, rej, nrej);
	else if (nnak)
		send_cp(s, PPP_IPV6CP, CP_CONF_NAK, k->id, nak, nnak);
	else {
		send_cp(s, PPP_IPV6CP, CP_CONF_ACK, k->id, k->data, k->len);
		s->ipv6cp_peer_acked = 1;
		ipv6cp_check_open(s, now);
	}
}

/* The peer's Nak (another identifier for us) or Reject of our request. */
static void
ipv6cp_rconf_nak_rej(struct sess *s, const struct ppp_pkt *k, int64_t now)
{
	const uint8_t *p = k->data;
	size_t left = k->len;
	struct ppp_opt o;

	if (k->id != s->ipv6cp_req_id || s->ipv6cp_our_acked ||
	    s->ipv6cp_result != SR_NONE)
		return;
	while (ppp_opt_next(&p, &left, &o) > 0) {
		if (o.type != IPV6CP_OPT_IFID)
			continue;
		if (k->code == CP_CONF_REJ) {
			ipv6cp_settle(s, SR_REJECTED,
			    "Interface-Identifier option rejected", now);
			return;
		}
		if (o.len == 8 && !ifid_zero(o.val))
			memcpy(s->our_ifid, o.val, 8);
	}
	if (s->ipv6cp_tries >= s->cfg.max_configure) {
		char m[80];

		snprintf(m, sizeof(m), "no Interface-Identifier agreed after "
		    "%d Configure-Requests", s->ipv6cp_tries);
		ipv6cp_settle(s, SR_REJECTED, m, now);
		return;
	}
	ipv6cp_send_req(s, now);
}

void
ipv6cp_input(struct sess *s, const struct ppp_pkt *k, int64_t now)
{
	/* The answer to our Terminate-Request lets LCP's go at once. */
	if (s->phase == SP_TERMINATING && k->code == CP_TERM_ACK &&
	    s->ipv6cp_term_sent && s->term_tries == 0) {
		term_send(s, now);
		return;
	}
	/* Dropped before the network phase (RFC 1661 §3.5), and while
	 * we are closing. */
	if (s->phase != SP_IPCP && s->phase != SP_DONE)
		return;
	if (k->code <= CP_CONF_REJ && !ppp_opts_valid(k->data, k->len))
		return;
	s->ipv6cp_seen = 1;
	switch (k->code) {
	case CP_CONF_REQ:
		/* The AC may ask first: our request goes out with the
		 * answer. */
		ipv6cp_begin(s, now);
		ipv6cp_rcr(s, k, now);
		break;
	case CP_CONF_ACK:
		if (k->id != s->ipv6cp_req_id || s->ipv6cp_result != SR_NONE)
			return;
		s->ipv6cp_our_acked = 1;
		s->ipv6cp_next = INT64_MAX;
		ipv6cp_check_open(s, now);
		break;
	case CP_CONF_NAK:
	case CP_CONF_REJ:
		ipv6cp_rconf_nak_rej(s, k, now);
		break;
	case CP_TERM_REQ:
		/* Before or after it opened: IPv6 is taken back, IPv4
		 * stays. */
		send_cp(s, PPP_IPV6CP, CP_TERM_ACK, k->id, NULL, 0);
		s->ipv6cp_result = SR_TERMINATED;
		msg_set(&s->ipv6cp_msg, k->data, k->len);
		s->ipv6cp_opened = 0;
		ipv6cp_settle(s, SR_TERMINATED, NULL, now);
		break;
	}
}

/* An LCP Protocol-Reject of IPv6CP: the AC does not offer IPv6. */
void
ipv6cp_proto_rejected(struct sess *s, int64_t now)
{
	if (!s->cfg.ipv6 || s->ipv6cp_opened)
		return;
	s->ipv6cp_protrej = 1;
	ipv6cp_settle(s, SR_REJECTED, "Protocol-Reject", now);
}

void
ipv6cp_tick(struct sess *s, int64_t now)
{
	if (!ipv6cp_pending(s) || now < s->ipv6cp_next ||
	    (s->phase != SP_IPCP && s->phase != SP_DONE))
		return;
	if (s->ipv6cp_tries >= s->cfg.max_configure) {
		ipv6cp_settle(s, SR_TIMEOUT, NULL, now);
		return;
	}
	ipv6cp_send_req(s, now);
}

/* Before our LCP Terminate-Request: an opened IPv6CP is closed first. */
int
ipv6cp_close(struct sess *s, enum sess_result why)
{
	if (ipv6cp_pending(s))
		s->ipv6cp_result = why == SR_INTERRUPTED ? SR_INTERRUPTED :
		    SR_TIMEOUT;
	s->ipv6cp_next = INT64_MAX;
	if (s->ipv6cp_opened) {
		send_cp(s, PPP_IPV6CP, CP_TERM_REQ, ++s->ipv6cp_id, "done", 4);
		s->ipv6cp_term_sent = 1;
		s->ipv6cp_opened = 0;
		return 1;
	}
	return 0;
}
