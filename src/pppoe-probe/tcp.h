/* SPDX-License-Identifier: MIT */
/*
 * A small TCP client for one request over the test session (issue 19):
 * the probe has no socket of the host to use (the session is its own,
 * in user space), so it speaks TCP itself. Enough for one HTTP GET:
 * SYN with an MSS from the negotiated MRU, one request segment
 * retransmitted up to a bound, in-order delivery (a segment ahead of
 * the next expected byte is dropped and acknowledged again, so the
 * server sends it again in order), a fixed receive window, FIN and RST.
 * No I/O: the caller feeds segments and time, it sends through a
 * callback; that keeps it testable and fuzzable.
 */
#ifndef PPPOE_TCP_H
#define PPPOE_TCP_H

#include <stddef.h>
#include <stdint.h>

#include "pppoe-probe/ip4.h"

#define TCP_WINDOW	16384
#define TCP_RTO_MS	1000	/* first retransmission, then doubled */
#define TCP_TRIES	5	/* sends of a SYN or the request, at most */
#define TCP_REQ_MAX	1024

enum tcp_state {
	TCP_CLOSED = 0,
	TCP_SYN_SENT,
	TCP_ESTABLISHED,
	TCP_FIN_WAIT,		/* our FIN is out */
	TCP_DONE,		/* both FINs acknowledged, or reset */
};

/* An IPv4 packet to send. */
typedef void tcp_send_fn(void *ctx, const uint8_t *pkt, size_t len);
/* In-order bytes from the server; fin: it closed its side. */
typedef void tcp_data_fn(void *ctx, const uint8_t *, size_t, int fin);

struct tcp {
	enum tcp_state	 state;
	uint8_t		 src[4], dst[4];
	uint16_t	 sport, dport, ipid;
	uint16_t	 mss;		/* ours, from the MRU */
	uint16_t	 peer_mss;
	uint32_t	 iss, snd_una, snd_nxt, rcv_nxt;
	uint32_t	 peer_wnd;
	uint8_t		 req[TCP_REQ_MAX];
	size_t		 reqlen;
	int		 tries;
	int		 rto_ms;
	int64_t		 rto_at;	/* INT64_MAX: nothing to retransmit */
	int		 fin_sent, fin_rcvd, reset, rst_sent, gave_up;
	int		 malformed, ooo;	/* segments dropped */
	tcp_send_fn	*send;
	tcp_data_fn	*data;
	void		*ctx;
};

/*
 * Opens a connection to dst:dport from src:sport, the request to send
 * once it is established (at most TCP_REQ_MAX bytes, one segment);
 * mtu is the session's, for the MSS. -1 if the request is too long.
 */
int	 tcp_connect(struct tcp *, const uint8_t src[4], const uint8_t dst[4],
	    uint16_t sport, uint16_t dport, uint32_t iss, int mtu,
	    const void *req, size_t reqlen, int64_t now);
/* A TCP packet from the AC (already parsed as IPv4); 1 if it was ours. */
int	 tcp_input(struct tcp *, const struct ip4_pkt *, int64_t now);
/* Retransmissions due at now; the next deadline, INT64_MAX none. */
int64_t	 tcp_tick(struct tcp *, int64_t now);
/* Closes our side (FIN); the server's FIN and ACK end it. */
void	 tcp_close(struct tcp *, int64_t now);
/* Resets the connection (RST): nothing stays open on the server. */
void	 tcp_abort(struct tcp *);
/* A connection with nothing left to do (done, reset, given up). */
int	 tcp_over(const struct tcp *);

#endif
