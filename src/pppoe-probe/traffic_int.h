/* SPDX-License-Identifier: MIT */
/* Internal to the first-traffic task: traffic.c runs it, traffic_rec.c
 * writes its records and reads its options. */
#ifndef PPPOE_TRAFFIC_INT_H
#define PPPOE_TRAFFIC_INT_H

#include "pppoe-probe/dnsq.h"
#include "pppoe-probe/http.h"
#include "pppoe-probe/tcp.h"
#include "pppoe-probe/traffic.h"

#define TR_READY_MS	1000	/* at most, for the BRAS to forward */
#define TR_READY_GAP_MS	100
#define TR_PINGS	3	/* echoes per target */
#define TR_PING_GAP_MS	200
#define TR_PING_WAIT_MS	1000	/* for replies after the last echo */
#define TR_BODY_MAX	(256 * 1024)	/* then the GET is cut (RST) */
#define TR_CLOSE_MS	1000	/* for the server's FIN after ours */

struct tr_ping {
	uint8_t		 dst[4];
	int		 peer;		/* the BRAS's own address */
	int		 sent, rcvd, unreach, dup;
	int64_t		 tx_ns[TR_PINGS];
	int		 got[TR_PINGS];
	int64_t		 rtt_min, rtt_max, rtt_sum;
	int64_t		 next, end;	/* mono ms */
	int		 done;
};

#define TR_MAX_Q	(TR_MAX_RES * 3)

struct traffic {
	const struct traffic_opts *o;
	struct http_url	 url;
	const char	*name;		/* asked of each resolver */
	uint8_t		 me[4];
	uint16_t	 ipid, icmp_id;
	int64_t		 t0;		/* start, mono ms */
	int64_t		 t0_ns, ready_ns;	/* realtime */
	int		 ready, started, warm;
	int64_t		 warm_next;
	int		 ip_malformed;

	struct tr_ping	 ping[1 + TRAFFIC_MAX_PING];
	int		 nping;

	uint8_t		 res[TR_MAX_RES][4];
	int		 nres, res_malformed[TR_MAX_RES];
	struct tr_query	 q[TR_MAX_Q];
	int		 nq;

	/* HTTP */
	enum { H_WAIT_DNS, H_NO_ADDR, H_CONNECTING, H_DONE } hphase;
	struct tcp	 tcp;
	uint8_t		 addr[4];	/* the server's */
	uint8_t		 head[HTTP_HEAD_MAX];
	size_t		 headlen;
	struct http_head hh;
	int		 head_state;	/* http_head_parse's answer */
	long long	 bytes;		/* all received, head included */
	int64_t		 t_syn_ns, t_est_ns, t_first_ns, t_end_ns;
	int64_t		 close_end;	/* mono ms: our FIN's wait ends */
	enum tr_res	 hres;
	int		 truncated;
};

/* The query answered for the URL's host, or NULL. */
const struct tr_query *tr_http_query(const struct traffic *);

#endif
