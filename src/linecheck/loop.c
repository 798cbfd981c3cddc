/* SPDX-License-Identifier: MIT */
/*
 * The one poll loop of a run. Watches come and go while callbacks run
 * (libcurl and c-ares open and close sockets from inside them), so the
 * dispatcher looks each ready fd up again before calling its watch.
 */
#include <errno.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "linecheck/linecheck.h"

int64_t
lc_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

double
lc_now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e6 + (double)ts.tv_nsec / 1e3;
}

static struct lc_watch *
find(struct lc_loop *l, int fd)
{
	for (size_t i = 0; i < l->n; i++)
		if (l->w[i].fd == fd)
			return &l->w[i];
	return NULL;
}

int
lc_watch(struct lc_loop *l, int fd, short events, lc_io_cb *cb, void *arg)
{
	struct lc_watch *w = find(l, fd);

	if (w == NULL) {
		if (l->n == l->cap) {
			size_t nc = l->cap ? l->cap * 2 : 16;
			struct lc_watch *nw = realloc(l->w, nc * sizeof(*nw));

			if (nw == NULL)
				return -1;
			l->w = nw;
			l->cap = nc;
		}
		w = &l->w[l->n++];
	}
	w->fd = fd;
	w->events = events;
	w->cb = cb;
	w->arg = arg;
	return 0;
}

void
lc_unwatch(struct lc_loop *l, int fd)
{
	struct lc_watch *w = find(l, fd);

	if (w != NULL)
		*w = l->w[--l->n];
}

int
lc_poll(struct lc_loop *l, int64_t wake)
{
	struct pollfd pf[64];
	nfds_t n = 0;
	int64_t now = lc_now();
	int ms, r;

	for (size_t i = 0; i < l->n && n < 64; i++) {
		pf[n].fd = l->w[i].fd;
		pf[n].events = l->w[i].events;
		pf[n].revents = 0;
		n++;
	}
	ms = wake <= now ? 0 : wake - now > 60000 ? 60000 : (int)(wake - now);
	r = poll(pf, n, ms);
	if (r < 0)
		return errno == EINTR ? 0 : -1;
	for (nfds_t i = 0; i < n && r > 0; i++) {
		struct lc_watch *w;

		if (pf[i].revents == 0)
			continue;
		r--;
		if ((w = find(l, pf[i].fd)) != NULL)
			w->cb(w->arg, pf[i].fd, pf[i].revents);
	}
	return 0;
}

void
lc_loop_free(struct lc_loop *l)
{
	free(l->w);
	memset(l, 0, sizeof(*l));
}
