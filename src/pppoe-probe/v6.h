/* SPDX-License-Identifier: MIT */
/*
 * The IPv6 data-plane task (issue 19): after IPv6CP, a Router
 * Solicitation and the RA (RFC 4861), and a DHCPv6 exchange for IA_NA
 * and IA_PD (RFC 8415) with its Release before the session closes.
 * v6.c runs it, v6rec.c writes its records (ipv6.ra, dhcp6.na,
 * dhcp6.pd).
 */
#ifndef PPPOE_V6_H
#define PPPOE_V6_H

#include <stdint.h>

#include "pppoe-probe/dataplane.h"
#include "pppoe-probe/dhcp6.h"
#include "pppoe-probe/ra.h"

/* RFC 4861 §10 host constants */
#define RS_MAX		3	/* MAX_RTR_SOLICITATIONS */
#define RS_INTERVAL_MS	4000	/* RTR_SOLICITATION_INTERVAL */

enum v6_dstate {
	D_SOLICIT = 0,
	D_REQUEST,
	D_BOUND,		/* a lease of NA or PD */
	D_REFUSED,		/* answered, nothing leased */
	D_GAVE_UP,		/* Request unanswered REQ_MAX_RC times */
};

struct v6 {
	uint8_t		 ll[16];		/* our link-local */
	int64_t		 t0;			/* task start, mono ms */

	int		 rs_sent;
	int64_t		 rs_next;		/* INT64_MAX: no more */
	int		 have_ra, ra_bad;
	enum ra_verdict	 ra_err;		/* of the last bad one */
	struct ra_info	 ra;
	int64_t		 t_ra;

	int		 dh_on;
	enum v6_dstate	 dstate;
	uint8_t		 duid[10];
	uint32_t	 xid;
	int		 tries;			/* of this message */
	int		 solicits;
	int64_t		 rt, dnext, xstart;
	int		 dh_bad, foreign;
	enum dh6_verdict dh_err;
	struct dh6_msg	 adv, rep;		/* rep: the Reply, if any */
	int		 have_adv, have_rep, rapid;
	int64_t		 t_bound;

	int		 rel_sent, rel_acked, rel_tries;
	uint32_t	 rel_xid;
	int64_t		 rel_next;
	uint16_t	 rel_status;
};

extern const struct dp_ops v6_ops;

/* v6rec.c */
void	 v6_records(const void *st, int started, const char *after,
	    struct bbt_checks *, const struct run *, const char *mac);
/* The IA of the answer that decided it (Reply, else Advertise). */
const struct dh6_ia *v6_ia(const struct v6 *, int pd);

#endif
