/* SPDX-License-Identifier: MIT */
/*
 * linecheck --speed: TCP connect probes. Several servers at once for
 * the choice (TR-143 ServerSelection) and the idle latency, then one at a
 * time during the load. A connect measures one round trip through the
 * same queues as the load, without privilege.
 */
#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "linecheck/linecheck.h"
#include "linecheck/speedint.h"

#define PROBE_MS	1000	/* a selection connect that takes longer failed */
#define LOAD_PROBE_MS	3000	/* a loaded queue may hold one that long */

static void
probe_end(struct sp_server *s, int e)
{
	double rtt = (lc_now_us() - s->t0) / 1000.0;
	struct sp_dir *d = s->sink;

	lc_unwatch(s->loop, s->fd);
	close(s->fd);
	s->fd = -1;
	if (e != 0) {
		if (d == NULL && s->err == 0)
			s->err = e;
		return;
	}
	if (d == NULL && s->nrtt < SEL_PROBES)
		s->rtt[s->nrtt++] = rtt;
	else if (d && d->nlat < MAXLAT)
		d->lat[d->nlat++] = rtt;
}

static void
on_probe(void *arg, int fd, short rev)
{
	struct sp_server *s = arg;
	int e = 0;
	socklen_t l = sizeof(e);

	(void)rev;
	if (getsockopt(fd, SOL_SOCKET, SO_ERROR, &e, &l) < 0)
		e = errno;
	/* Reset after the handshake (an iperf3 server drops a client
	 * without a cookie at once): the round trip was measured. */
	if (e == ECONNRESET || e == EPIPE)
		e = 0;
	probe_end(s, e);
}

static void
probe_start(struct sp_server *s)
{
	s->fd = socket(s->family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC,
	    0);
	if (s->fd < 0) {
		s->err = errno;
		return;
	}
	/* --wired: each side's latency over its own interface. */
	if (s->bind != NULL && setsockopt(s->fd, SOL_SOCKET, SO_BINDTODEVICE,
	    s->bind, (socklen_t)strlen(s->bind) + 1) < 0) {
		if (s->sink == NULL && s->err == 0)
			s->err = errno;
		close(s->fd);
		s->fd = -1;
		return;
	}
	s->t0 = lc_now_us();
	if ((connect(s->fd, (struct sockaddr *)&s->sa, s->salen) == 0 ||
	    errno == EINPROGRESS) &&
	    lc_watch(s->loop, s->fd, POLLOUT, on_probe, s) == 0)
		return;
	if (s->sink == NULL && s->err == 0)
		s->err = errno;
	close(s->fd);
	s->fd = -1;
}

/* A probe past its time counts as lost; returns when to look again. */
static int64_t
probe_timeout(struct sp_server *s, int64_t limit_ms)
{
	double due = s->t0 + (double)limit_ms * 1000;

	if (s->fd < 0)
		return LC_NEVER;
	if (lc_now_us() >= due) {
		probe_end(s, ETIMEDOUT);
		return LC_NEVER;
	}
	return (int64_t)(due / 1000) + 1;
}

/* SEL_PROBES connects to every server at once, one after the other per
 * server; the lowest median wins. A server that fails once is out. */
struct sp_server *
lc_speed_choose(struct sp_server *srv, int n, struct lc_loop *loop,
    volatile sig_atomic_t *stop)
{
	int64_t end = lc_now() + SEL_PROBES * PROBE_MS;
	struct sp_server *best = NULL;

	for (;;) {
		int64_t now = lc_now(), wake = end, w;
		int busy = 0;

		if (*stop || now >= end)
			break;
		for (int i = 0; i < n; i++) {
			struct sp_server *s = &srv[i];

			if (!s->addr[0])
				continue;
			if ((w = probe_timeout(s, PROBE_MS)) < wake)
				wake = w;
			if (s->fd < 0 && s->err == 0 && s->nrtt < SEL_PROBES)
				probe_start(s);
			if (s->fd >= 0) {
				busy = 1;
				if (s->t0 / 1000 + PROBE_MS < (double)wake)
					wake = (int64_t)(s->t0 / 1000) +
					    PROBE_MS + 1;
			}
		}
		if (!busy)
			break;
		if (lc_poll(loop, wake) < 0)
			break;
	}
	for (int i = 0; i < n; i++) {
		struct sp_server *s = &srv[i];

		if (s->fd >= 0)
			probe_end(s, ETIMEDOUT);
		if (s->nrtt > 0 && s->err == 0 && (best == NULL ||
		    lc_speed_median(s->rtt, s->nrtt) <
		    lc_speed_median(best->rtt, best->nrtt)))
			best = s;
	}
	return best;
}

/* The loaded-latency probe: one connect at a time, LOAD_EVERY_MS apart.
 * Returns the earlier of wake and when it needs the loop again. */
int64_t
lc_speed_probe_load(struct sp_server *s, int64_t now, int64_t *next, int64_t wake)
{
	int64_t w;

	if ((w = probe_timeout(s, LOAD_PROBE_MS)) < wake)
		wake = w;
	if (s->fd < 0 && now >= *next) {
		probe_start(s);
		*next = now + LOAD_EVERY_MS;
	}
	if (s->fd < 0 && *next < wake)
		wake = *next;
	return wake;
}

void
lc_speed_probe_cancel(struct sp_server *s)
{
	if (s->fd >= 0) {
		lc_unwatch(s->loop, s->fd);
		close(s->fd);
		s->fd = -1;
	}
	s->sink = NULL;
}
