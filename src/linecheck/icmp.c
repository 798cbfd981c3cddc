/* SPDX-License-Identifier: MIT */
/*
 * ICMP echo for the gateway and extra targets, and the path-MTU search,
 * all on the same sockets. Datagram ICMP sockets first (no privilege when
 * net.ipv4.ping_group_range allows); raw sockets, opened with CAP_NET_RAW
 * before the privilege drop, otherwise. Replies are matched by sequence
 * number in one table, so the gateway, the targets and the MTU probes can
 * all be in flight at once.
 */
#include <net/if.h>
#include <arpa/inet.h>
#include <errno.h>
#include <linux/errqueue.h>
#include <linux/icmp.h>
#include <linux/icmpv6.h>
#include <math.h>
#include <netinet/ip.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <unistd.h>

#include "lib/bytes.h"
#include "lib/priv.h"
#include "linecheck/linecheck.h"

#ifndef CAP_NET_RAW
#define CAP_NET_RAW 13
#endif

#define MAXPROBES	4096
#define PING_WAIT_MS	1000	/* after the first request, for any reply */
#define PING_LATE_MS	200	/* after the last, at least */
#define MTU_SMALL	56
#define MTU_FLOOR	1252	/* IPv4 minimum worth testing: 1280 - 28 */
#define MTU_ROUNDS	6

enum { P_FREE, P_PING, P_MTU };

static struct probe {
	uint8_t		 kind, answered;
	uint16_t	 sess, idx, size;
	uint8_t		 round;
	double		 sent_us;
	uint8_t		 dst[16];	/* where it went: answers come from it */
} P[MAXPROBES];

/* MTU bookkeeping per payload size: probes sent and answered. */
static uint16_t mtu_sent[9001], mtu_ok[9001];

static int
open_one(int family, int *raw, int *err)
{
	int proto = family == AF_INET ? IPPROTO_ICMP : IPPROTO_ICMPV6;
	int fd = socket(family, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC,
	    proto);

	*raw = 0;
	if (fd >= 0)
		return fd;
	/* STYLE.md: raw only when the datagram socket is not allowed. */
	if (errno != EACCES && errno != EPERM && errno != EPROTONOSUPPORT &&
	    errno != EAFNOSUPPORT) {
		*err = errno;
		return -1;
	}
	(void)bbt_priv_raise(CAP_NET_RAW);
	fd = socket(family, SOCK_RAW | SOCK_NONBLOCK | SOCK_CLOEXEC, proto);
	if (fd < 0) {
		*err = errno;
		return -1;
	}
	*raw = 1;
	return fd;
}

int
lc_icmp_open(struct lc *lc)
{
	struct lc_icmp *ic = &lc->icmp;
	int on = 1, raw6;

	ic->fd4 = open_one(AF_INET, &ic->raw4, &ic->err4);
	ic->fdmtu = ic->fd4 >= 0 ? open_one(AF_INET, &ic->rawmtu, &ic->err4) :
	    -1;
	ic->fd6 = open_one(AF_INET6, &raw6, &ic->err6);
	ic->raw6 = raw6;
	if (ic->fd4 >= 0) {
		(void)setsockopt(ic->fd4, SOL_IP, IP_RECVERR, &on, sizeof(on));
		if (ic->raw4) {
			struct icmp_filter f;

			f.data = ~(1u << ICMP_ECHOREPLY | 1u << ICMP_DEST_UNREACH |
			    1u << ICMP_TIME_EXCEEDED);
			(void)setsockopt(ic->fd4, SOL_RAW, ICMP_FILTER, &f,
			    sizeof(f));
		}
	}
	if (ic->fdmtu >= 0) {
		/* PROBE: send with DF whatever the cached path MTU is; a
		 * too-big packet then fails on the path, not at send(). */
		int pm = IP_PMTUDISC_PROBE;

		(void)setsockopt(ic->fdmtu, SOL_IP, IP_MTU_DISCOVER, &pm,
		    sizeof(pm));
		(void)setsockopt(ic->fdmtu, SOL_IP, IP_RECVERR, &on,
		    sizeof(on));
		if (ic->rawmtu) {
			/* Every raw socket sees every reply: the first
			 * one reads them all, this one only sends. */
			struct icmp_filter f = { ~0u };

			(void)setsockopt(ic->fdmtu, SOL_RAW, ICMP_FILTER, &f,
			    sizeof(f));
		}
	}
	if (ic->fd6 >= 0) {
		(void)setsockopt(ic->fd6, SOL_IPV6, IPV6_RECVERR, &on,
		    sizeof(on));
		if (ic->raw6) {
			struct icmp6_filter { uint32_t data[8]; } f;

			memset(&f, 0xff, sizeof(f));
			/* Pass: unreachable(1), too big(2), echo reply(129). */
			f.data[0] &= ~(1u << 1 | 1u << 2);
			f.data[129 >> 5] &= ~(1u << (129 & 31));
			(void)setsockopt(ic->fd6, SOL_ICMPV6, ICMPV6_FILTER,
			    &f, sizeof(f));
		}
	}
	if (getrandom(&ic->ident, sizeof(ic->ident), 0) != sizeof(ic->ident))
		ic->ident = (uint16_t)getpid();
	return ic->fd4 < 0 && ic->fd6 < 0 ? -1 : 0;
}

int
lc_ping_add(struct lc *lc, const char *check, const char *addr)
{
	struct lc_ping *p;

	if (lc->npings >= (int)(sizeof(lc->pings) / sizeof(lc->pings[0])))
		return -1;
	p = &lc->pings[lc->npings++];
	memset(p, 0, sizeof(*p));
	p->check = check;
	snprintf(p->target, sizeof(p->target), "%s", addr);
	p->count = lc->o->count;
	if (strchr(addr, ':') != NULL) {
		struct sockaddr_in6 *s6 = (struct sockaddr_in6 *)&p->dst;

		p->family = AF_INET6;
		s6->sin6_family = AF_INET6;
		inet_pton(AF_INET6, addr, &s6->sin6_addr);
		/* A link-local gateway is only meaningful on our link. */
		if (IN6_IS_ADDR_LINKLOCAL(&s6->sin6_addr))
			s6->sin6_scope_id = (uint32_t)lc->link.ifindex;
		p->dstlen = sizeof(*s6);
	} else {
		struct sockaddr_in *s4 = (struct sockaddr_in *)&p->dst;

		p->family = AF_INET;
		s4->sin_family = AF_INET;
		inet_pton(AF_INET, addr, &s4->sin_addr);
		p->dstlen = sizeof(*s4);
	}
	return 0;
}

uint16_t
lc_icmp_cksum(const uint8_t *b, size_t n)
{
	return bbt_inet_csum(b, n, 0);
}

/* The address of a sockaddr of family, into out (*len 4 or 16; 0 when it
 * is of another family). */
static void
sa_addr(const struct sockaddr_storage *ss, socklen_t sl, int family,
    uint8_t out[16], int *len)
{
	*len = 0;
	if (family == AF_INET && ss->ss_family == AF_INET &&
	    sl >= (socklen_t)sizeof(struct sockaddr_in)) {
		memcpy(out, &((const struct sockaddr_in *)ss)->sin_addr, 4);
		*len = 4;
	} else if (family == AF_INET6 && ss->ss_family == AF_INET6 &&
	    sl >= (socklen_t)sizeof(struct sockaddr_in6)) {
		memcpy(out, &((const struct sockaddr_in6 *)ss)->sin6_addr, 16);
		*len = 16;
	}
}

/* Sends one echo request; returns the probe slot or -1 (errno set). */
static int
send_echo(struct lc *lc, int fd, int family, const struct sockaddr *dst,
    socklen_t dl, size_t size, int kind, int sess, int idx)
{
	static uint8_t pkt[9100];
	struct lc_icmp *ic = &lc->icmp;
	uint16_t seq;
	struct probe *pr;
	size_t n = 8 + size;

	if (ic->seq >= MAXPROBES || n > sizeof(pkt)) {
		errno = ENOBUFS;
		return -1;
	}
	seq = ic->seq++;
	memset(pkt, 0, n);
	pkt[0] = family == AF_INET ? ICMP_ECHO : ICMPV6_ECHO_REQUEST;
	pkt[4] = (uint8_t)(ic->ident >> 8);
	pkt[5] = (uint8_t)ic->ident;
	pkt[6] = (uint8_t)(seq >> 8);
	pkt[7] = (uint8_t)seq;
	for (size_t i = 8; i < n; i++)
		pkt[i] = (uint8_t)i;
	if (family == AF_INET) {
		uint16_t c = lc_icmp_cksum(pkt, n);

		pkt[2] = (uint8_t)(c >> 8);
		pkt[3] = (uint8_t)c;
	}
	pr = &P[seq];
	pr->kind = (uint8_t)kind;
	pr->sess = (uint16_t)sess;
	pr->idx = (uint16_t)idx;
	pr->size = (uint16_t)size;
	pr->answered = 0;
	pr->round = (uint8_t)lc->mtu.round;
	pr->sent_us = lc_now_us();
	memset(pr->dst, 0, sizeof(pr->dst));
	if (family == AF_INET)
		memcpy(pr->dst, &((const struct sockaddr_in *)dst)->sin_addr, 4);
	else
		memcpy(pr->dst, &((const struct sockaddr_in6 *)dst)->sin6_addr,
		    16);
	if (sendto(fd, pkt, n, 0, dst, dl) < 0) {
		pr->kind = P_FREE;
		return -1;
	}
	return seq;
}

static void
mtu_answer(struct lc *lc, struct probe *pr, double rtt)
{
	struct lc_mtu *m = &lc->mtu;

	if (pr->round != m->round || m->st != LC_RUN)
		return;
	mtu_ok[pr->size]++;
	if (pr->size == MTU_SMALL)
		m->control_ok = 1;
	if (rtt > m->rtt_max)
		m->rtt_max = rtt;
	m->pending--;
}

/* The probe seq, if it went to addr (4 or 16 bytes by family). */
static struct probe *
probe_to(uint16_t seq, int family, const uint8_t *addr)
{
	struct probe *pr;

	if (seq >= MAXPROBES || (pr = &P[seq])->kind == P_FREE)
		return NULL;
	if (memcmp(pr->dst, addr, family == AF_INET ? 4 : 16) != 0)
		return NULL;
	return pr;
}

/* An echo reply from addr. */
static void
got_reply(struct lc *lc, uint16_t seq, int family, const uint8_t *addr)
{
	struct probe *pr;
	double rtt;

	if ((pr = probe_to(seq, family, addr)) == NULL || pr->answered)
		return;
	pr->answered = 1;
	rtt = (lc_now_us() - pr->sent_us) / 1000.0;
	if (pr->kind == P_PING) {
		struct lc_ping *p = &lc->pings[pr->sess];

		if (p->family != family || p->got[pr->idx])
			return;
		p->got[pr->idx] = 1;
		p->rtt[pr->idx] = rtt;
		p->recv++;
	} else
		mtu_answer(lc, pr, rtt);
}

/* An ICMP error quoting one of our requests: unreachable or too big.
 * Only an error that names the request's destination counts. */
static void
got_error(struct lc *lc, const struct lc_icmp_msg *m)
{
	struct probe *pr;

	if (!m->has_dst || (pr = probe_to(m->seq, m->family, m->dst)) == NULL)
		return;
	if (pr->kind == P_PING)
		lc->pings[pr->sess].unreach++;
	else if (m->fragneeded) {
		lc->mtu.frag_needed = 1;
		if (m->mtu)
			lc->mtu.frag_mtu = (int)m->mtu;
	}
}

static void
read_errqueue(struct lc *lc, int fd, int family, int raw)
{
	uint8_t buf[256], cb[512];
	struct sockaddr_storage from;
	struct iovec iov = { buf, sizeof(buf) };
	struct msghdr mh;
	struct lc_icmp_msg m;
	ssize_t n;

	for (;;) {
		memset(&mh, 0, sizeof(mh));
		mh.msg_name = &from;
		mh.msg_namelen = sizeof(from);
		mh.msg_iov = &iov;
		mh.msg_iovlen = 1;
		mh.msg_control = cb;
		mh.msg_controllen = sizeof(cb);
		if ((n = recvmsg(fd, &mh, MSG_ERRQUEUE | MSG_DONTWAIT)) < 0)
			return;
		for (struct cmsghdr *c = CMSG_FIRSTHDR(&mh); c;
		    c = CMSG_NXTHDR(&mh, c)) {
			struct sock_extended_err ee;
			struct lc_errq e;

			if (!((c->cmsg_level == SOL_IP &&
			    c->cmsg_type == IP_RECVERR) ||
			    (c->cmsg_level == SOL_IPV6 &&
			    c->cmsg_type == IPV6_RECVERR)))
				continue;
			memcpy(&ee, CMSG_DATA(c), sizeof(ee));
			memset(&e, 0, sizeof(e));
			e.origin = ee.ee_origin;
			e.errnum = (int)ee.ee_errno;
			e.info = ee.ee_info;
			sa_addr(&from, mh.msg_namelen, family, e.dst,
			    &e.dstlen);
			if (lc_icmp_errq_parse(buf, (size_t)n, family, raw,
			    lc->icmp.ident, &e, &m))
				got_error(lc, &m);
		}
	}
}

static void
on_icmp(void *arg, int fd, short rev)
{
	struct lc *lc = arg;
	struct lc_icmp *ic = &lc->icmp;
	int family = fd == ic->fd6 ? AF_INET6 : AF_INET;
	int raw = fd == ic->fd6 ? ic->raw6 : fd == ic->fdmtu ? ic->rawmtu :
	    ic->raw4;
	uint8_t buf[9200], addr[16];
	struct sockaddr_storage from;
	socklen_t fl = sizeof(from);
	struct lc_icmp_msg m;
	ssize_t n;
	int al;

	if (rev & POLLERR)
		read_errqueue(lc, fd, family, raw);
	while ((n = recvfrom(fd, buf, sizeof(buf), MSG_DONTWAIT,
	    (struct sockaddr *)&from, &fl)) > 0) {
		sa_addr(&from, fl, family, addr, &al);
		fl = sizeof(from);
		if (!lc_icmp_parse(buf, (size_t)n, family, raw, ic->ident, &m))
			continue;
		if (m.kind == LC_ICMP_REPLY) {
			if (al > 0)
				got_reply(lc, m.seq, family, addr);
		} else
			got_error(lc, &m);
	}
}

void
lc_icmp_start(struct lc *lc)
{
	struct lc_icmp *ic = &lc->icmp;
	int64_t now = lc_now();

	memset(P, 0, sizeof(P));
	for (int i = 0; i < lc->npings; i++) {
		struct lc_ping *p = &lc->pings[i];

		if (p->st != LC_IDLE)
			continue;
		if ((p->family == AF_INET ? ic->fd4 : ic->fd6) < 0) {
			p->st = LC_NOTRUN;
			continue;
		}
		p->st = LC_RUN;
		p->next_send = now;
	}
	if (ic->fd4 >= 0)
		lc_watch(&lc->loop, ic->fd4, POLLIN, on_icmp, lc);
	if (ic->fdmtu >= 0 && !ic->rawmtu)
		lc_watch(&lc->loop, ic->fdmtu, POLLIN, on_icmp, lc);
	if (ic->fd6 >= 0)
		lc_watch(&lc->loop, ic->fd6, POLLIN, on_icmp, lc);
}

/* ---- path MTU ---- */

static void
mtu_send(struct lc *lc, int size, int n)
{
	struct lc_mtu *m = &lc->mtu;

	for (int i = 0; i < n; i++) {
		if (send_echo(lc, lc->icmp.fdmtu, AF_INET,
		    (struct sockaddr *)&m->dst, sizeof(m->dst), (size_t)size,
		    P_MTU, 0, 0) < 0) {
			if (errno == EMSGSIZE) {
				/* Larger than a hop we know of: the kernel
				 * says so at once (not a black hole). */
				m->frag_needed = 1;
			}
			continue;
		}
		mtu_sent[size]++;
		m->pending++;
	}
}

static void
mtu_round(struct lc *lc, int64_t now)
{
	struct lc_mtu *m = &lc->mtu;
	int64_t wait;

	m->round++;
	m->pending = 0;
	if (m->round == 1) {
		int sizes[8], ns = 0;

		mtu_send(lc, MTU_SMALL, 2);
		mtu_send(lc, m->max, 3);
		if (m->max > 1464)
			sizes[ns++] = 1464;
		if (m->max > MTU_FLOOR)
			sizes[ns++] = MTU_FLOOR;
		for (int k = 1; k <= 4 && m->max - MTU_FLOOR > 8; k++)
			sizes[ns++] = MTU_FLOOR + (m->max - MTU_FLOOR) * k / 5;
		for (int i = 0; i < ns; i++)
			mtu_send(lc, sizes[i], 2);
	} else if (m->hi - m->lo > 1) {
		int gap = m->hi - m->lo, k = gap - 1 < 6 ? gap - 1 : 6;

		for (int i = 1; i <= k; i++)
			mtu_send(lc, m->lo + gap * i / (k + 1), 2);
		mtu_send(lc, m->hi, 2);
		if (!m->control_ok)
			mtu_send(lc, MTU_SMALL, 2);
	} else {
		/* Adjacent sizes: only enough lost probes make a verdict. */
		mtu_send(lc, m->hi, 3);
		if (!m->control_ok)
			mtu_send(lc, MTU_SMALL, 2);
	}
	wait = 4 * (int64_t)m->rtt_max + 250;
	m->round_end = now + (wait > 1500 ? 1500 : wait);
}

/* After a round: the largest size ever answered and the smallest size
 * above it that never was. */
static void
mtu_eval(struct lc *lc)
{
	struct lc_mtu *m = &lc->mtu;

	m->lo = 0;
	for (int s = m->max; s >= MTU_SMALL; s--)
		if (mtu_ok[s]) {
			m->lo = s;
			break;
		}
	m->hi = 0;
	m->fails_at_hi = 0;
	for (int s = m->lo + 1; s <= m->max; s++)
		if (mtu_sent[s] && !mtu_ok[s]) {
			m->hi = s;
			m->fails_at_hi = mtu_sent[s];
			break;
		}
}

static void
mtu_tick(struct lc *lc, int64_t now)
{
	struct lc_mtu *m = &lc->mtu;

	if (m->st != LC_RUN)
		return;
	if (m->round == 0) {
		mtu_round(lc, now);
		return;
	}
	if (m->pending > 0 && now < m->round_end)
		return;
	mtu_eval(lc);
	if (m->round >= MTU_ROUNDS || m->hi == 0 ||
	    (m->lo == 0 && m->round >= 2) ||
	    (m->hi == m->lo + 1 && m->fails_at_hi >= 5 && m->control_ok)) {
		m->st = LC_DONE;
		return;
	}
	mtu_round(lc, now);
}

void
lc_mtu_begin(struct lc *lc, const char *addr, const char *via)
{
	struct lc_mtu *m = &lc->mtu;

	snprintf(m->target, sizeof(m->target), "%s", addr);
	m->dst.sin_family = AF_INET;
	if (inet_pton(AF_INET, addr, &m->dst.sin_addr) != 1 ||
	    lc->icmp.fd4 < 0) {
		m->st = LC_NOTRUN;
		return;
	}
	m->via = via;
	m->max = (int)(lc->link.mtu > 9000 ? 9000 : lc->link.mtu) - 28;
	if (m->max < MTU_SMALL + 1) {
		m->st = LC_NOTRUN;
		return;
	}
	memset(mtu_sent, 0, sizeof(mtu_sent));
	memset(mtu_ok, 0, sizeof(mtu_ok));
	m->st = LC_RUN;
}

/* When the last replies are no longer worth waiting for: a second after
 * the first request (a silent target is silent by then), and after the
 * last request four times the slowest round trip seen, at least 200 ms. */
static int64_t
ping_end(const struct lc_ping *p)
{
	double mx = 0;
	int64_t a, b;

	for (int i = 0; i < p->sent; i++)
		if (p->got[i] && p->rtt[i] > mx)
			mx = p->rtt[i];
	a = (int64_t)p->t_sent[0] + PING_WAIT_MS;
	b = p->last_sent + (4 * mx > PING_LATE_MS ? (int64_t)(4 * mx) :
	    PING_LATE_MS);
	return a > b ? a : b;
}

int64_t
lc_icmp_tick(struct lc *lc, int64_t now)
{
	struct lc_icmp *ic = &lc->icmp;
	int64_t wake = LC_NEVER, end;

	for (int i = 0; i < lc->npings; i++) {
		struct lc_ping *p = &lc->pings[i];
		int fd = p->family == AF_INET ? ic->fd4 : ic->fd6;

		if (p->st != LC_RUN)
			continue;
		while (p->sent < p->count && now >= p->next_send) {
			if (send_echo(lc, fd, p->family,
			    (struct sockaddr *)&p->dst, p->dstlen, 56, P_PING,
			    i, p->sent) < 0 && p->send_err == 0)
				p->send_err = errno;
			p->t_sent[p->sent++] = (double)now;
			p->last_sent = now;
			p->next_send += lc->o->interval_ms;
		}
		end = ping_end(p);
		if (p->recv == p->sent && p->sent == p->count)
			p->st = LC_DONE;
		else if (p->sent == p->count && now >= end)
			p->st = LC_DONE;
		/* Every request failed at once (no route): no need to wait. */
		else if (p->sent == p->count && p->send_err &&
		    p->recv == 0 && p->unreach == 0)
			p->st = LC_DONE;
		if (p->st == LC_RUN)
			wake = p->sent < p->count ? (p->next_send < wake ?
			    p->next_send : wake) : (end < wake ? end : wake);
	}
	mtu_tick(lc, now);
	if (lc->mtu.st == LC_RUN && lc->mtu.round_end < wake)
		wake = lc->mtu.round_end;
	return wake;
}

int
lc_icmp_done(const struct lc *lc)
{
	for (int i = 0; i < lc->npings; i++)
		if (lc->pings[i].st == LC_RUN)
			return 0;
	return lc->mtu.st != LC_RUN && lc->mtu.st != LC_IDLE;
}

void
lc_icmp_close(struct lc *lc)
{
	struct lc_icmp *ic = &lc->icmp;
	int *fds[3] = { &ic->fd4, &ic->fd6, &ic->fdmtu };

	for (int i = 0; i < 3; i++)
		if (*fds[i] >= 0) {
			lc_unwatch(&lc->loop, *fds[i]);
			close(*fds[i]);
			*fds[i] = -1;
		}
}
