/* SPDX-License-Identifier: MIT */
/*
 * The PPP client side of one session: LCP, PAP / CHAP-MD5 / MS-CHAPv2,
 * IPCP, IPv6CP and LCP termination, as a state machine without I/O. The caller
 * feeds it session payloads (sess_input) and the time (sess_tick, in
 * milliseconds of any monotonic clock); it sends through a callback.
 * That keeps it testable against scripted peers and fuzzable.
 */
#ifndef PPPOE_SESSION_H
#define PPPOE_SESSION_H

#include <stddef.h>
#include <stdint.h>

enum sess_result {
	SR_NONE = 0,	/* not reached */
	SR_OK,
	SR_TIMEOUT,
	SR_TERMINATED,	/* the peer sent Terminate-Request */
	SR_REJECTED,	/* the peer refused (Nak, Failure, ConfRej) */
	SR_MISMATCH,	/* MS-CHAPv2 authenticator response was wrong */
	SR_INTERRUPTED,
	SR_NO_ADDRESS,	/* IPCP Naks or Rejects never gave an address */
};

enum sess_auth {
	SA_NONE = 0,
	SA_PAP = 1,
	SA_CHAP = 2,
	SA_MSCHAPV2 = 4,
};

enum sess_phase {
	SP_LCP,
	SP_AUTH,
	SP_IPCP,		/* and IPv6CP alongside */
	SP_DONE,		/* IPCP finished one way or the other */
	SP_TERMINATING,		/* our Terminate-Request is out */
	SP_CLOSED,
};

struct sess_msg {
	size_t	len;
	uint8_t	v[256];
};

struct sess_cfg {
	const char	*user;
	const char	*pass;
	size_t		 plen;
	unsigned	 auth_mask;	/* SA_* the peer may ask for */
	uint16_t	 mru;		/* 0: do not ask */
	uint32_t	 magic;		/* non-zero */
	uint8_t		 peer_chal[16];	/* MS-CHAPv2 peer challenge */
	int		 restart_ms;	/* first retransmission */
	int		 restart_max_ms;
	int		 max_configure;
	int		 ipv6;		/* negotiate IPv6CP, else reject it */
	uint8_t		 ifid[8];	/* our Interface-Identifier */
};

typedef void sess_send_fn(void *ctx, const uint8_t *ppp, size_t len);
/* Each answered Echo-Request of ours, with its round trip (may be NULL). */
typedef void sess_echo_fn(void *ctx, int64_t rtt_ns);
/* An IPv4 (PPP_IP) or IPv6 (PPP_IPV6) packet from the peer once its NCP
 * is open and the network phase is done; pkt is after the protocol. */
typedef void sess_data_fn(void *ctx, uint16_t proto, const uint8_t *pkt,
    size_t len, int64_t now);

struct sess {
	struct sess_cfg	 cfg;
	sess_send_fn	*send;
	void		*ctx;
	enum sess_phase	 phase;
	int64_t		 t0;

	/* LCP */
	uint8_t		 lcp_id, lcp_req_id;
	int		 lcp_our_acked, lcp_peer_acked, lcp_tries, peer_seen;
	int		 want_mru, want_magic, auth_naks, lcp_opened;
	uint16_t	 our_mru;
	int64_t		 lcp_next;
	int		 restart_cur;

	/* results */
	enum sess_result lcp_result, auth_result, ipcp_result;
	struct sess_msg	 lcp_msg, auth_msg, ipcp_msg;
	int		 peer_mru;		/* -1 unknown */
	uint32_t	 peer_magic;
	unsigned	 auth;			/* SA_* agreed */
	int64_t		 t_lcp, t_auth, t_ipcp;	/* ms from t0, -1 */

	/* authentication */
	uint8_t		 pap_id;
	int		 auth_tries, auth_sent;
	int64_t		 auth_next;
	uint8_t		 chap_id;
	uint8_t		 chap_resp[64];
	size_t		 chap_resp_len;
	uint8_t		 auth_chal[16], nt_resp[24];

	/* IPCP */
	uint8_t		 ipcp_id, ipcp_req_id;
	int		 ipcp_our_acked, ipcp_peer_acked, ipcp_tries;
	int		 want_addr, want_dns1, want_dns2;
	uint8_t		 addr[4], dns1[4], dns2[4], peer_addr[4];
	int		 have_peer_addr;
	int64_t		 ipcp_next;
	int		 ipcp_done;	/* finished, maybe waiting for IPv6CP */

	/*
	 * IPv6CP (RFC 5072), with cfg.ipv6: it ends the network phase
	 * with IPCP when the peer speaks it, else it goes on in the
	 * watch after IPCP. ipv6cp_seen: the peer sent IPv6CP;
	 * ipv6cp_protrej: it sent a Protocol-Reject of it instead.
	 */
	uint8_t		 ipv6cp_id, ipv6cp_req_id;
	int		 ipv6cp_our_acked, ipv6cp_peer_acked, ipv6cp_tries;
	int		 ipv6cp_opened, ipv6cp_seen, ipv6cp_protrej;
	int		 ipv6cp_term_sent;
	enum sess_result ipv6cp_result;
	struct sess_msg	 ipv6cp_msg;
	uint8_t		 our_ifid[8], peer_ifid[8];
	int		 have_peer_ifid;
	int64_t		 ipv6cp_next, t_ipv6cp;

	/* termination */
	uint8_t		 term_id;
	int		 term_tries, term_acked, term_sent, peer_terminated;
	int64_t		 term_next;
	int64_t		 ack_wait_until;	/* see sess_can_disconnect */

	/* counters for -v and records */
	int		 echo_replies, proto_rejects;

	/* After IPCP came up: what ended it (PPP_LCP or PPP_IPCP
	 * Terminate-Request; 0 while up), and our own Echo-Requests. */
	uint16_t	 down_proto;
	struct sess_msg	 down_msg;
	int64_t		 rx_ns;		/* set by the caller before sess_input */
	uint8_t		 echo_id;
	int		 echo_sent, echo_rcvd;
	int64_t		 echo_tx[256];	/* send time by id, 0: none pending */
	int64_t		 rtt_min_ns, rtt_max_ns, rtt_sum_ns;
	sess_echo_fn	*on_echo;	/* set by the caller after sess_init */
	sess_data_fn	*on_data;	/* likewise */
};

void	 sess_init(struct sess *, const struct sess_cfg *, sess_send_fn *,
	    void *ctx, int64_t now);
/* Sends the first LCP Configure-Request. */
void	 sess_start(struct sess *, int64_t now);
/* One PPP payload (protocol field first) from the peer. */
void	 sess_input(struct sess *, const uint8_t *, size_t, int64_t now);
/* Retransmissions due at now. */
void	 sess_tick(struct sess *, int64_t now);
/*
 * Sends an LCP Echo-Request (only while LCP is open and not closing);
 * stamp_ns is its send time, on the clock of the rx_ns the caller sets
 * before feeding each packet to sess_input: the Echo-Reply's round trip
 * goes into echo_rcvd and rtt_*.
 */
void	 sess_echo(struct sess *, int64_t stamp_ns);
/*
 * Sends one IPv4 (PPP_IP) or IPv6 (PPP_IPV6) packet through the session:
 * only while the network phase is done and that NCP is open (-1 else).
 */
int	 sess_send_data(struct sess *, uint16_t proto, const uint8_t *pkt,
	    size_t len);
/* The next time sess_tick has work, or INT64_MAX. */
int64_t	 sess_deadline(const struct sess *);
/*
 * Ends the session: phases not yet finished get result (SR_TIMEOUT,
 * SR_INTERRUPTED; SR_NONE leaves them unset), then LCP
 * Terminate-Request unless the peer already terminated.
 */
void	 sess_close(struct sess *, enum sess_result, int64_t now);

/*
 * The link below went (the AC's PADT, msg its Generic-Error or n 0): the
 * phase it ended gets its verdict as for a Terminate-Request, and the
 * session is closed without one of ours.
 */
void	 sess_gone(struct sess *, const uint8_t *msg, size_t n);

/*
 * Whether the link below may go (PADT): RFC 1661 §3.7 forbids it until
 * one Restart time after our Terminate-Ack, which the AC's pppd would
 * otherwise never read.
 */
int	 sess_can_disconnect(const struct sess *, int64_t now);

const char *sess_result_name(enum sess_result);
const char *sess_auth_name(unsigned);

#endif
