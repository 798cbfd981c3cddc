/* SPDX-License-Identifier: MIT */
/* linecheck --watch (watch.c): a timeline of link, address and gateway
 * events until the duration ends or a signal arrives. */
#ifndef LC_WATCH_H
#define LC_WATCH_H

struct lc_opts;

/* Watches o->iface (an existing, non-loopback interface); the exit
 * status is the worst event's (0 none, 1 warning, 2 critical, 3 unknown). */
int	linecheck_watch(struct lc_opts *o);

#endif
