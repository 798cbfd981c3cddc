/* SPDX-License-Identifier: MIT */
/*
 * The event loop: one ppoll over absolute deadlines (discovery windows,
 * PADR and PPP retransmissions, budgets), so that frames of other hosts
 * can never stretch a timer; and what the user sees while it waits.
 */
#include <err.h>
#include <errno.h>
#include <math.h>
#include <poll.h>
#include <stdio.h>

#include "lib/i18n.h"
#include "lib/progress.h"
#include "pppoe-probe/run.h"

int64_t
window_ms(const struct run *r, int attempt)
{
	double w = (double)r->o->wait_ms * pow(r->o->backoff, attempt);

	return w > 3600000 ? 3600000 : (int64_t)w;
}

/* Discovery starts: the deadline, the first PADI and its window. */
void
disc_start(struct run *r)
{
	r->start = mono_ms();
	r->disc_deadline = r->start + r->o->timeout_ms;
	send_padi(r);
	r->window_end = r->start + window_ms(r, 0);
	if (r->window_end > r->disc_deadline)
		r->window_end = r->disc_deadline;
}

static void
disc_timers(struct run *r, int64_t now)
{
	if (r->disc_done)
		return;
	if (now >= r->disc_deadline) {
		r->disc_done = 1;
		return;
	}
	if (now < r->window_end)
		return;
	/* A window with an answer ends discovery unless --expect wants
	 * more; an empty one earns the next PADI. */
	if (accepted(r) > 0 && !r->o->expect) {
		r->disc_done = 1;
		return;
	}
	if (r->attempt + 1 >= r->o->attempts) {
		r->disc_done = 1;
		return;
	}
	r->attempt++;
	send_padi(r);
	r->window_end = now + window_ms(r, r->attempt);
	if (r->window_end > r->disc_deadline)
		r->window_end = r->disc_deadline;
}


static void
session_timers(struct run *r, int64_t now)
{
	if (r->chosen >= 0 && !r->have_pads && !r->pads_timeout &&
	    now >= r->padr_next) {
		if (r->padr_tries >= PADR_TRIES || interrupted ||
		    now >= r->start + r->o->session_timeout_ms +
		    r->o->timeout_ms)
			r->pads_timeout = 1;
		else
			send_padr(r, now);
	}
	if (!r->sess_active || r->sess_over)
		return;
	/* A signal: what was leased is given back first. */
	if (interrupted && r->ss.phase < SP_TERMINATING &&
	    !dp_release(r, now)) {
		sess_close(&r->ss, SR_INTERRUPTED, now);
		r->cleanup_deadline = now + CLEANUP_MS;
	}
	/* The session timeout bounds the login, not a --hold. */
	if (now >= r->sess_deadline && r->ss.phase < SP_DONE) {
		sess_close(&r->ss, SR_TIMEOUT, now);
		r->cleanup_deadline = now + CLEANUP_MS;
	}
	sess_tick(&r->ss, now);
	watch(r, now);
	dp_tick(r, now);
	/* The traffic tests keep the session until they end (bounded). */
	if (r->ss.phase == SP_DONE && (!r->up_at || r->watch_stop) &&
	    !dp_busy(r, now) && !dp_release(r, now)) {
		sess_close(&r->ss, SR_NONE, now);
		r->cleanup_deadline = now + CLEANUP_MS;
	}
	if (r->ss.phase == SP_TERMINATING && r->cleanup_deadline &&
	    now >= r->cleanup_deadline)
		r->ss.phase = SP_CLOSED;
	/* PADT always, unless the AC already tore the session down; after
	 * a Terminate-Ack of ours, not before the AC could read it. */
	if (r->ss.phase == SP_CLOSED && (r->ac_padt ||
	    sess_can_disconnect(&r->ss, now))) {
		if (!r->ac_padt) {
			send_padt(r, r->acs[r->chosen].mac, r->sid, r->o->vlan);
			r->we_padt = 1;
		}
		r->sess_over = 1;
	}
}

static int
finished(const struct run *r)
{
	if (!r->disc_done)
		return 0;
	if (!r->o->user || r->chosen < 0)
		return 1;
	if (!r->have_pads && !r->pads_timeout)
		return 0;
	return !r->sess_active || r->sess_over;
}

static int64_t
next_deadline(const struct run *r)
{
	int64_t t = INT64_MAX;

	if (!r->disc_done) {
		t = r->window_end < r->disc_deadline ? r->window_end :
		    r->disc_deadline;
	}
	if (r->chosen >= 0 && !r->have_pads && !r->pads_timeout &&
	    r->padr_next < t)
		t = r->padr_next;
	if (r->sess_active && !r->sess_over) {
		int64_t s = sess_deadline(&r->ss);

		if (s < t)
			t = s;
		if ((s = dp_deadline(r)) < t)
			t = s;
		if (r->ss.phase < SP_DONE && r->sess_deadline < t)
			t = r->sess_deadline;
		if (r->up_at && !r->watch_stop && r->watch_end < t)
			t = r->watch_end;
		if (r->up_at && !r->watch_stop && r->echo_next < t)
			t = r->echo_next;
		if (r->ss.phase == SP_TERMINATING && r->cleanup_deadline &&
		    r->cleanup_deadline < t)
			t = r->cleanup_deadline;
		if (r->ss.phase == SP_CLOSED && r->ss.ack_wait_until < t)
			t = r->ss.ack_wait_until;
	}
	return t;
}

/* ---- waiting: the progress line and -v (issue 17) ---------------------- */

static struct bbt_progress waitpg;
static int wait_told;		/* attempt number last told by -v, + 1 */

/* The progress line: on a terminal, unless -q. */
void
wait_init(const struct probe_opts *o)
{
	bbt_progress_init(&waitpg, stderr, o->common.quiet ? 0 : -1, 200);
}

/* -v: a line when a discovery window starts: what, and for how long. */
static void
wait_note(struct run *r, int64_t now)
{
	long long w = window_ms(r, r->attempt);

	if (!r->o->common.verbose || r->disc_done ||
	    wait_told == r->attempt + 1)
		return;
	/* The window as planned; only the deadline cuts it. */
	if (now + w > r->disc_deadline)
		w = r->disc_deadline - now;
	wait_told = r->attempt + 1;
	bbt_progress_clear(&waitpg);
	if (r->o->scan)
		warnx(_("PADI %d of %d sent on %d VLANs: waiting %lld ms for "
		    "PADO"), r->attempt + 1, r->o->attempts, r->o->nscan, w);
	else
		warnx(_("PADI %d of %d sent: waiting %lld ms for PADO"),
		    r->attempt + 1, r->o->attempts, w);
}

/* On a terminal: the attempt and the time left, redrawn every 200 ms;
 * returns when the loop must wake for it. */
static int64_t
wait_show(struct run *r, int64_t now)
{
	double left;

	if (!waitpg.on)
		return INT64_MAX;
	if (!r->disc_done) {
		left = (r->window_end - now) / 1000.0;
		if (r->o->scan)
			bbt_progress_update(&waitpg, _("VLAN scan of %d VLANs, "
			    "PADI %d of %d: %d answered, %.1f s left"),
			    r->o->nscan, r->attempt + 1, r->o->attempts,
			    r->nacs, left < 0 ? 0 : left);
		else
			bbt_progress_update(&waitpg, _("PADI %d of %d: "
			    "waiting for PADO, %.1f s left"), r->attempt + 1,
			    r->o->attempts, left < 0 ? 0 : left);
	} else if (r->chosen >= 0 && r->o->user) {
		static const char *const phase[] = { "LCP", "PAP/CHAP",
			"IPCP" };
		const char *what = !r->have_pads ? "PADS" :
		    r->ss.phase <= SP_IPCP ? phase[r->ss.phase] : "PADT";

		if (r->hold_start && !r->hold_stop)
			bbt_progress_update(&waitpg, _("holding the session: "
			    "%.1f s of %.1f s"), (now - r->hold_start) / 1000.0,
			    r->o->hold_ms / 1000.0);
		else
			bbt_progress_update(&waitpg, _("PPP session: waiting "
			    "for %s, %.1f s"), what, (now - r->start) / 1000.0);
	}
	return now + waitpg.interval_ms;
}

void
loop(struct run *r, const sigset_t *waitmask)
{
	for (;;) {
		int64_t now = mono_ms(), t, w;
		struct pollfd p = { r->fd, POLLIN, 0 };
		struct timespec ts;

		if (interrupted && !r->disc_done)
			r->disc_done = 1;
		disc_timers(r, now);
		if (r->disc_done && r->disc_end == 0)
			r->disc_end = now;
		session_timers(r, now);
		if (finished(r))
			break;
		t = next_deadline(r);
		wait_note(r, now);
		w = wait_show(r, now);
		if (w < t)
			t = w;
		if (t == INT64_MAX)
			t = now + 1000;
		if (t < now)
			t = now;
		ts.tv_sec = (t - now) / 1000;
		ts.tv_nsec = (long)((t - now) % 1000) * 1000000;
		if (ppoll(&p, 1, &ts, waitmask) < 0 && errno != EINTR) {
			warn("poll");
			break;
		}
		if (p.revents & (POLLIN | POLLERR)) {
			/* -v lines of the frames start on a clean line. */
			if (r->o->common.verbose)
				bbt_progress_clear(&waitpg);
			(void)pcap_dispatch(r->pc, -1, on_frame, (u_char *)r);
		}
	}
	bbt_progress_clear(&waitpg);
}
