/* SPDX-License-Identifier: MIT */
/*
 * --redial[=N] with --watch: after the AC dropped the session (or a
 * redial failed), a pause, then discovery and the account test again,
 * up to N times while the --hold lasts. Each dial is timed from its PADI
 * to IPCP up (ppp.watch.redial); the session before is closed by then,
 * as loop() only returns with it over.
 */
#include <err.h>
#include <poll.h>
#include <stddef.h>
#include <string.h>

#include "lib/i18n.h"
#include "pppoe-probe/run.h"

/* Whether to dial again: the last dial dropped or failed, tries and
 * time left, no signal. */
static int
due(const struct run *r)
{
	const struct wlog *w = &r->wl;

	if (interrupted || w->redials >= r->o->redial || !w->t0 ||
	    mono_ms() + REDIAL_PAUSE_MS >= w->end)
		return 0;
	return r->watch_peer || !r->up_at;
}

/* The pause; a signal ends it (and the redials). */
static void
pause_ms(int64_t ms, const sigset_t *wm)
{
	int64_t end = mono_ms() + ms, now;

	while (!interrupted && (now = mono_ms()) < end) {
		struct timespec ts = { (end - now) / 1000,
			(long)((end - now) % 1000) * 1000000 };

		(void)ppoll(NULL, 0, &ts, wm);
	}
}

/* One dial's state goes; the capture, the password, the watch stay. */
static void
reset(struct run *r)
{
	struct wlog *w = &r->wl;

	w->echo_sent += r->ss.echo_sent;
	w->echo_rcvd += r->ss.echo_rcvd;
	dp_free(r);
	explicit_bzero(&r->ss, sizeof(r->ss));
	memset(&r->attempt, 0, offsetof(struct run, wl) -
	    offsetof(struct run, attempt));
	r->chosen = -1;
}

void
redial(struct run *r, const sigset_t *wm)
{
	struct probe_opts *o = r->o;

	while (due(r)) {
		r->wl.redials++;
		if (o->common.verbose)
			warnx(_("the session is gone: dialling again in %d ms "
			    "(%d of %d)"), REDIAL_PAUSE_MS, r->wl.redials,
			    o->redial);
		pause_ms(REDIAL_PAUSE_MS, wm);
		if (interrupted) {
			r->wl.redials--;
			break;
		}
		reset(r);
		disc_start(r);
		loop(r, wm);
		r->disc_end = r->disc_end ? r->disc_end : mono_ms();
		/* Up, it was recorded then (wlog_up). */
		if (!r->up_at)
			wlog_redial(r);
	}
}
