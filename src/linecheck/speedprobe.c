/* SPDX-License-Identifier: MIT */
/*
 * linecheck --speed: TCP connect probes. Several servers at once for
 * the choice (TR-143 ServerSelection) and the idle latency, then one
 * every 100 ms during the load. A connect measures one round trip through
 * the same queues as the load, without privilege.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <linux/tcp.h>
#include <netdb.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "linecheck/linecheck.h"
#include "linecheck/speedint.h"

/*
 * A selection connect answered within PROBE_MS, its SYN sent once, is a
 * round trip of the path. One whose SYN (or its answer) was lost waits
 * for Linux's first retransmission, 1 s on: cut off at exactly 1 s, as
 * it was, such a connect never came back (the kernel's timer fires 3-33
 * ms after ours), and a line losing every first SYN lost its only
 * server (49-speed-lost-syn). It now runs to SEL_CONNECT_MS, past the
 * first retransmission and short of the second (3 s), and counts as
 * slow: the server answers, its time is the timer's. Two unanswered or
 * one refused put a server out (an iperf3 server refuses for a moment
 * after each bare connect: it listens again), but one that answered is
 * still taken when no other did. The whole choice ends by SEL_WINDOW_MS,
 * which leaves every server two whole connects.
 */
#define PROBE_MS	1000
#define SEL_CONNECT_MS	2500
#define SEL_LOST_MAX	2
#define SEL_WINDOW_MS	(SEL_LOST_MAX * SEL_CONNECT_MS + PROBE_MS)
#define LOAD_PROBE_MS	3000	/* a loaded queue may hold one that long */

/* The SYN or its answer was lost and sent again: the connect time is
 * the retransmission timer's (1 s), not the path's. Under load a lost
 * ping; in the choice a slow answer. */
static int
resent(int fd)
{
	struct tcp_info ti;
	socklen_t l = sizeof(ti);

	memset(&ti, 0, sizeof(ti));
	return getsockopt(fd, IPPROTO_TCP, TCP_INFO, &ti, &l) == 0 &&
	    ti.tcpi_total_retrans > 0;
}

/* A probe's socket, if open, closed and no longer watched. */
static void
probe_close(struct sp_server *s, struct sp_probe *p)
{
	if (p->fd < 0)
		return;
	lc_unwatch(s->loop, p->fd);
	close(p->fd);
	p->fd = -1;
}

static void
probe_end(struct sp_probe *p, int e)
{
	struct sp_server *s = p->s;
	double rtt = (lc_now_us() - p->t0) / 1000.0;
	struct sp_dir *d = p == &s->sel ? NULL : s->sink;
	int again = e == 0 && resent(p->fd);

	probe_close(s, p);
	if (d == NULL)
		lc_speed_sel_count(s, e, rtt, again);
	else if (e != 0 || again)
		d->lost++;
	else if (d->nlat < MAXLAT) {
		d->lat_t[d->nlat] = (p->t0 - d->t0us) / 1e6;
		d->lat[d->nlat++] = rtt;
	}
}

void
lc_speed_sel_count(struct sp_server *s, int e, double ms, int again)
{
	if (e == 0 && !again && ms <= PROBE_MS) {
		if (s->nrtt < SEL_PROBES)
			s->rtt[s->nrtt++] = ms;
	} else if (e == 0) {
		if (s->nslow++ == 0 || ms < s->slow_ms)
			s->slow_ms = ms;
	} else if (e == ETIMEDOUT && ++s->sel_lost < SEL_LOST_MAX)
		;	/* two SYNs lost in a row once is not a dead server */
	else if (s->err == 0)
		s->err = e;
}

void
lc_speed_sel_reset(struct sp_server *s)
{
	s->nrtt = s->nslow = s->sel_lost = 0;
	s->slow_ms = 0;
	s->err = 0;
}

/* Lower is better: 0 quick answers, 1 only slow ones, 2 given up
 * after answering; -1 never answered. *ms: its time within the rank. */
static int
rank(const struct sp_server *s, double *ms)
{
	if (s->nrtt + s->nslow == 0)
		return -1;
	*ms = s->nrtt > 0 ? lc_speed_median(s->rtt, s->nrtt) : s->slow_ms;
	return s->err != 0 ? 2 : s->nrtt == 0;
}

struct sp_server *
lc_speed_pick(struct sp_server *srv, int n)
{
	struct sp_server *best = NULL;
	double ms, bms = 0;
	int r, br = 0;

	for (int i = 0; i < n; i++) {
		if (!srv[i].addr[0] || (r = rank(&srv[i], &ms)) < 0)
			continue;
		if (best == NULL || r < br || (r == br && ms < bms)) {
			best = &srv[i];
			br = r;
			bms = ms;
		}
	}
	return best;
}

static void
on_probe(void *arg, int fd, short rev)
{
	struct sp_probe *p = arg;
	int e = 0;
	socklen_t l = sizeof(e);

	(void)rev;
	if (getsockopt(fd, SOL_SOCKET, SO_ERROR, &e, &l) < 0)
		e = errno;
	/* Reset after the handshake (an iperf3 server drops a client
	 * without a cookie at once): the round trip was measured. */
	if (e == ECONNRESET || e == EPIPE)
		e = 0;
	probe_end(p, e);
}

static void
probe_start(struct sp_server *s, struct sp_probe *p)
{
	p->s = s;
	p->fd = socket(s->family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC,
	    0);
	if (p->fd < 0) {
		if (p == &s->sel)
			s->err = errno;
		return;
	}
	/* --wired: each side's latency over its own interface. */
	if (s->bind != NULL && setsockopt(p->fd, SOL_SOCKET, SO_BINDTODEVICE,
	    s->bind, (socklen_t)strlen(s->bind) + 1) < 0) {
		if (p == &s->sel && s->err == 0)
			s->err = errno;
		close(p->fd);
		p->fd = -1;
		return;
	}
	p->t0 = lc_now_us();
	if ((connect(p->fd, (struct sockaddr *)&s->sa, s->salen) == 0 ||
	    errno == EINPROGRESS) &&
	    lc_watch(s->loop, p->fd, POLLOUT, on_probe, p) == 0)
		return;
	if (p == &s->sel && s->err == 0)
		s->err = errno;
	close(p->fd);
	p->fd = -1;
}

/* A probe past its time counts as lost; returns when to look again. */
static int64_t
probe_timeout(struct sp_probe *p, int64_t limit_ms)
{
	double due = p->t0 + (double)limit_ms * 1000;

	if (p->fd < 0)
		return LC_NEVER;
	if (lc_now_us() >= due) {
		probe_end(p, ETIMEDOUT);
		return LC_NEVER;
	}
	return (int64_t)(due / 1000) + 1;
}

/* SEL_PROBES connects to every server at once, one after the other per
 * server, until each has had them, is out, or SEL_WINDOW_MS is over. */
struct sp_server *
lc_speed_choose(struct sp_server *srv, int n, struct lc_loop *loop,
    volatile sig_atomic_t *stop)
{
	int64_t end = lc_now() + SEL_WINDOW_MS;

	for (;;) {
		int64_t now = lc_now(), wake = end, w;
		int busy = 0;

		if (*stop || now >= end)
			break;
		for (int i = 0; i < n; i++) {
			struct sp_server *s = &srv[i];

			if (!s->addr[0])
				continue;
			if ((w = probe_timeout(&s->sel, SEL_CONNECT_MS)) < wake)
				wake = w;
			if (s->sel.fd < 0 && s->err == 0 && s->nrtt +
			    s->nslow + s->sel_lost < SEL_PROBES)
				probe_start(s, &s->sel);
			if (s->sel.fd >= 0) {
				busy = 1;
				w = (int64_t)(s->sel.t0 / 1000) +
				    SEL_CONNECT_MS + 1;
				if (w < wake)
					wake = w;
			}
		}
		if (!busy)
			break;
		if (lc_poll(loop, wake) < 0)
			break;
	}
	/* Cut short by the window or Ctrl-C: no answer, but no loss. */
	for (int i = 0; i < n; i++)
		probe_close(&srv[i], &srv[i].sel);
	return lc_speed_pick(srv, n);
}

/*
 * The loaded-latency probes: one every LOAD_EVERY_MS, however many are
 * still in flight. One at a time (the next after the last came back)
 * sampled a short queue more often than a long one: behind a 400 ms
 * queue it read 170-300 ms where ping, which does not wait either,
 * read 360-420 ms.
 */
int64_t
lc_speed_probe_load(struct sp_server *s, int64_t now, int64_t *next,
    int64_t wake)
{
	int64_t w;
	struct sp_probe *slot = NULL;

	for (int k = 0; k < LOAD_INFLIGHT; k++) {
		struct sp_probe *p = &s->load[k];

		if ((w = probe_timeout(p, LOAD_PROBE_MS)) < wake)
			wake = w;
		if (p->fd < 0 && slot == NULL)
			slot = p;
	}
	if (now >= *next) {
		/* All in flight: this tick is skipped, not queued. */
		if (slot != NULL)
			probe_start(s, slot);
		*next += LOAD_EVERY_MS;
		if (*next <= now)
			*next = now + LOAD_EVERY_MS;
	}
	return *next < wake ? *next : wake;
}

void
lc_speed_probe_cancel(struct sp_server *s)
{
	for (int k = 0; k < LOAD_INFLIGHT; k++)
		probe_close(s, &s->load[k]);
	s->sink = NULL;
}

/* The server's address: a literal, else what the run's own DNS check
 * found (so a dead resolver is reported once, as dns.resolve). */
void
lc_speed_resolve(struct lc *lc, struct sp_server *s, const char *host)
{
	const char *a = NULL;
	char buf[INET6_ADDRSTRLEN];
	struct addrinfo hints, *res = NULL;

	if (s->u.literal)
		a = s->u.host;
	else if (!(lc->o->skip & LC_SKIP_DNS)) {
		if ((a = lc_dns_answer(lc, host, AF_INET)) == NULL)
			a = lc_dns_answer(lc, host, AF_INET6);
	} else {
		/* --skip dns: the system resolver, as any program would. */
		memset(&hints, 0, sizeof(hints));
		hints.ai_socktype = SOCK_STREAM;
		if (getaddrinfo(host, NULL, &hints, &res) == 0 && res &&
		    getnameinfo(res->ai_addr, res->ai_addrlen, buf,
		    sizeof(buf), NULL, 0, NI_NUMERICHOST) == 0)
			a = buf;
		if (res)
			freeaddrinfo(res);
	}
	/* A numeric address always fits; anything longer is no address. */
	if (a == NULL || strlen(a) >= sizeof(s->addr))
		return;
	memcpy(s->addr, a, strlen(a) + 1);
	memset(&s->sa, 0, sizeof(s->sa));
	if (strchr(a, ':') != NULL) {
		struct sockaddr_in6 *s6 = (struct sockaddr_in6 *)&s->sa;

		s->family = AF_INET6;
		s6->sin6_family = AF_INET6;
		s6->sin6_port = htons((uint16_t)s->u.port);
		inet_pton(AF_INET6, a, &s6->sin6_addr);
		s->salen = sizeof(*s6);
	} else {
		struct sockaddr_in *s4 = (struct sockaddr_in *)&s->sa;

		s->family = AF_INET;
		s4->sin_family = AF_INET;
		s4->sin_port = htons((uint16_t)s->u.port);
		inet_pton(AF_INET, a, &s4->sin_addr);
		s->salen = sizeof(*s4);
	}
}
