/* SPDX-License-Identifier: MIT */
/*
 * Internal to the PPP state machine of session.h: session.c (setup,
 * dispatch, timers, close), sess_lcp.c, sess_auth.c (PAP, CHAP,
 * MS-CHAPv2), sess_ipcp.c and sess_ipv6cp.c share these.
 */
#ifndef PPPOE_SESS_INT_H
#define PPPOE_SESS_INT_H

#include <stddef.h>
#include <stdint.h>

#include "pppoe-probe/ppp.h"
#include "pppoe-probe/session.h"

#define PKT_MAX		1500

/* Keeps at most sizeof(m->v) bytes. */
void	 msg_set(struct sess_msg *, const uint8_t *, size_t);
/* Builds one control packet and hands it to the send callback. */
void	 send_cp(struct sess *, uint16_t proto, uint8_t code, uint8_t id,
	    const void *data, size_t len);
/* ms since sess_init. */
int64_t	 since(const struct sess *, int64_t now);
/* When try number tries (1 = first) is retransmitted. */
int64_t	 next_restart(struct sess *, int tries, int64_t now);
/* The peer ended the phase we are in: its verdict and reason. */
void	 peer_verdict(struct sess *, const uint8_t *msg, size_t);

/* sess_lcp.c */
void	 lcp_send_req(struct sess *, int64_t now);
void	 lcp_input(struct sess *, const struct ppp_pkt *, int64_t now);

/* sess_auth.c: auth_begin once LCP opened with an auth method. */
void	 auth_begin(struct sess *, int64_t now);
void	 pap_send(struct sess *, int64_t now);
void	 pap_input(struct sess *, const struct ppp_pkt *, int64_t now);
void	 chap_input(struct sess *, const struct ppp_pkt *, int64_t now);

/* sess_ipcp.c: ipcp_begin once authenticated. */
void	 ipcp_begin(struct sess *, int64_t now);
void	 ipcp_send_req(struct sess *, int64_t now);
void	 ipcp_input(struct sess *, const struct ppp_pkt *, int64_t now);
/* IPCP finished; the network phase ends when IPv6CP allows. */
void	 ipcp_finish(struct sess *, int64_t now);
void	 ncp_check_done(struct sess *, int64_t now);

/* sess_ipv6cp.c: begun with IPCP when cfg.ipv6. */
void	 ipv6cp_begin(struct sess *, int64_t now);
void	 ipv6cp_input(struct sess *, const struct ppp_pkt *, int64_t now);
void	 ipv6cp_proto_rejected(struct sess *, int64_t now);
void	 ipv6cp_tick(struct sess *, int64_t now);
/* Begun and without a verdict yet. */
int	 ipv6cp_pending(const struct sess *);
/* Our Terminate-Request of an opened IPv6CP, before LCP's: 1 if sent. */
int	 ipv6cp_close(struct sess *, enum sess_result why);
/* Our LCP Terminate-Request (again), term_id set by sess_close. */
void	 term_send(struct sess *, int64_t now);

#endif
