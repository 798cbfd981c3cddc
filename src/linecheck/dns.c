/* SPDX-License-Identifier: MIT */
/*
 * DNS per resolver with c-ares: one channel per resolver, so a dead one
 * never delays the others and each failure keeps its own kind (timeout,
 * SERVFAIL, NXDOMAIN, REFUSED, ICMP port unreachable). The channels'
 * sockets join the run's poll loop through the socket-state callback.
 */
#include <arpa/inet.h>
#include <ares.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "linecheck/linecheck.h"

#define DNS_TIMEOUT_MS	500	/* first try; c-ares doubles it for the next */
#define DNS_TRIES	2

/* A resolver socket is ready: let its channel read or write. */
static void
on_sock(void *arg, int fd, short rev)
{
	struct lc_dns *d = arg;

	ares_process_fd((ares_channel)d->channel,
	    rev & (POLLIN | POLLERR | POLLHUP) ? fd : ARES_SOCKET_BAD,
	    rev & POLLOUT ? fd : ARES_SOCKET_BAD);
}

static struct lc *cur;	/* c-ares' state callback has no room for both */

static void
sock_state(void *data, ares_socket_t fd, int readable, int writable)
{
	struct lc_dns *d = data;

	if (!readable && !writable)
		lc_unwatch(&cur->loop, fd);
	else
		lc_watch(&cur->loop, fd, (short)((readable ? POLLIN : 0) |
		    (writable ? POLLOUT : 0)), on_sock, d);
}

static void
on_answer(void *arg, int status, int timeouts, unsigned char *abuf, int alen)
{
	struct lc_dnsq *q = arg;
	int r = ARES_SUCCESS;

	(void)timeouts;
	/* Cancelled at the deadline: leave it pending, reported as timeout. */
	if (status == ARES_ECANCELLED || status == ARES_EDESTRUCTION)
		return;
	q->ms = (lc_now_us() - q->t0) / 1000.0;
	q->status = status;
	if (status != ARES_SUCCESS)
		return;
	if (q->type == 1) {
		struct ares_addrttl t[8];
		int n = 8;

		if ((r = ares_parse_a_reply(abuf, alen, NULL, t, &n)) ==
		    ARES_SUCCESS && n > 0) {
			inet_ntop(AF_INET, &t[0].ipaddr, q->answer,
			    sizeof(q->answer));
			q->nans = n;
		}
	} else {
		struct ares_addr6ttl t[8];
		int n = 8;

		if ((r = ares_parse_aaaa_reply(abuf, alen, NULL, t, &n)) ==
		    ARES_SUCCESS && n > 0) {
			inet_ntop(AF_INET6, &t[0].ip6addr, q->answer,
			    sizeof(q->answer));
			q->nans = n;
		}
	}
	/* A reply c-ares cannot decode (compression loop, rdlength past
	 * the end, lying counts) is a broken resolver, not "no address"
	 * (reliability audit F17). */
	if (q->nans == 0)
		q->status = r == ARES_SUCCESS || r == ARES_ENODATA ?
		    ARES_ENODATA : ARES_EBADRESP;
}

int
lc_dns_start(struct lc *lc)
{
	static int inited;
	struct ares_options ao;

	cur = lc;
	if (!inited) {
		if (ares_library_init(ARES_LIB_INIT_ALL) != ARES_SUCCESS)
			return -1;
		inited = 1;
	}
	for (int i = 0; i < lc->ndns; i++) {
		struct lc_dns *d = &lc->dns[i];
		ares_channel ch;
		char csv[INET6_ADDRSTRLEN + 4];
		int mask;

		if (d->skipped)
			continue;
		memset(&ao, 0, sizeof(ao));
		/* No search list, no retry on SERVFAIL/REFUSED: we want
		 * exactly what this resolver says about exactly this name. */
		ao.flags = ARES_FLAG_NOSEARCH | ARES_FLAG_NOCHECKRESP;
		ao.timeout = DNS_TIMEOUT_MS;
		ao.tries = DNS_TRIES;
		ao.ndomains = 0;
		ao.domains = NULL;
		ao.sock_state_cb = sock_state;
		ao.sock_state_cb_data = d;
		/* Nor the host's resolv.conf and nsswitch.conf: the server
		 * is set below, and the channel is made after the privilege
		 * drop, when a root-only file would not open. */
		ao.resolvconf_path = (char *)"/dev/null";
		ao.lookups = (char *)"b";
		mask = ARES_OPT_FLAGS | ARES_OPT_TIMEOUTMS | ARES_OPT_TRIES |
		    ARES_OPT_DOMAINS | ARES_OPT_SOCK_STATE_CB |
		    ARES_OPT_RESOLVCONF | ARES_OPT_LOOKUPS;
		if (ares_init_options(&ch, &ao, mask) != ARES_SUCCESS)
			return -1;
		snprintf(csv, sizeof(csv), d->family == AF_INET6 ? "[%s]" :
		    "%s", d->server);
		if (ares_set_servers_ports_csv(ch, csv) != ARES_SUCCESS) {
			ares_destroy(ch);
			return -1;
		}
		d->channel = ch;
		d->ran = 1;
		d->t0 = lc_now_us();
		for (int j = 0; j < lc->nnames; j++)
			for (int t = 0; t < 2; t++) {
				struct lc_dnsq *q = &d->q[j][t];

				q->lc = lc;
				q->type = t == 0 ? 1 : 28;
				q->status = -1;
				q->t0 = lc_now_us();
				ares_query(ch, lc->names[j], 1, q->type,
				    on_answer, q);
			}
	}
	return 0;
}

/* c-ares keeps its own retransmission timers: ask each channel when it
 * next needs to run and run it when that time has come. */
int64_t
lc_dns_tick(struct lc *lc, int64_t now)
{
	int64_t wake = LC_NEVER;

	cur = lc;
	for (int i = 0; i < lc->ndns; i++) {
		struct lc_dns *d = &lc->dns[i];
		struct timeval tv, *tp;

		if (d->channel == NULL)
			continue;
		if ((tp = ares_timeout(d->channel, NULL, &tv)) == NULL)
			continue;
		if (tp->tv_sec == 0 && tp->tv_usec == 0) {
			ares_process_fd(d->channel, ARES_SOCKET_BAD,
			    ARES_SOCKET_BAD);
			if ((tp = ares_timeout(d->channel, NULL, &tv)) == NULL)
				continue;
		}
		/* Round up: waking a millisecond early would spin. */
		if (now + tp->tv_sec * 1000 + (tp->tv_usec + 999) / 1000 < wake)
			wake = now + tp->tv_sec * 1000 +
			    (tp->tv_usec + 999) / 1000;
	}
	return wake;
}

int
lc_dns_name_done(const struct lc *lc, const char *name)
{
	for (int j = 0; j < lc->nnames; j++) {
		if (strcmp(lc->names[j], name) != 0)
			continue;
		for (int i = 0; i < lc->ndns; i++)
			if (lc->dns[i].ran && (lc->dns[i].q[j][0].status < 0
			    || lc->dns[i].q[j][1].status < 0))
				return 0;
	}
	return 1;
}

int
lc_dns_done(const struct lc *lc)
{
	for (int j = 0; j < lc->nnames; j++)
		if (!lc_dns_name_done(lc, lc->names[j]))
			return 0;
	return 1;
}

const char *
lc_dns_answer(const struct lc *lc, const char *name, int family)
{
	for (int j = 0; j < lc->nnames; j++) {
		if (strcmp(lc->names[j], name) != 0)
			continue;
		for (int i = 0; i < lc->ndns; i++) {
			const struct lc_dnsq *q =
			    &lc->dns[i].q[j][family == AF_INET ? 0 : 1];

			if (lc->dns[i].ran && q->status == ARES_SUCCESS &&
			    q->answer[0])
				return q->answer;
		}
	}
	return NULL;
}

/* c-ares statuses to the rcode words of the check contract; an ICMP
 * port unreachable counts as REFUSED (with error=port_unreachable). */
const char *
lc_dns_rcode(int status)
{
	switch (status) {
	case ARES_SUCCESS:
	case ARES_ENODATA:
		return "NOERROR";
	case ARES_ENOTFOUND:
		return "NXDOMAIN";
	case ARES_ESERVFAIL:
		return "SERVFAIL";
	case ARES_EREFUSED:
	case ARES_ECONNREFUSED:
		return "REFUSED";
	case ARES_EFORMERR:
		return "FORMERR";
	case ARES_ENOTIMP:
		return "NOTIMP";
	case ARES_EBADRESP:
		return "-";	/* the reply could not be read */
	default:
		return "timeout";
	}
}

void
lc_dns_close(struct lc *lc)
{
	cur = lc;
	for (int i = 0; i < lc->ndns; i++)
		if (lc->dns[i].channel) {
			ares_destroy(lc->dns[i].channel);
			lc->dns[i].channel = NULL;
		}
}
