/* SPDX-License-Identifier: MIT */
/*
 * After IPCP: the grace and --hold, our LCP Echo-Requests, and the
 * records of what happened meanwhile (ppp.hold, ppp.echo, an AC taking
 * the session back).
 */
#include <err.h>
#include <stdio.h>

#include "lib/i18n.h"
#include "pppoe-probe/ppp.h"
#include "pppoe-probe/run.h"

/*
 * IPCP up is not the end: an AC may take the session back at once (a
 * Terminate-Request of IPCP or LCP, a PADT). Keep it for the grace, then
 * for --hold, sending LCP Echo-Requests to time the AC's PPP process.
 */
void
watch(struct run *r, int64_t now)
{
	if (r->o->hold_ms && r->up_at && !r->watch_stop && !r->hold_start &&
	    now >= r->grace_end)
		r->hold_start = r->grace_end;
	if (r->up_at && !r->watch_stop && (r->ss.phase != SP_DONE ||
	    interrupted || now >= r->watch_end)) {
		r->watch_stop = now;
		if (r->hold_start)
			r->hold_stop = now;
		r->watch_ok = r->ss.phase == SP_DONE && !interrupted;
		r->watch_peer = r->ss.down_proto != 0 || r->ac_padt;
		if (r->o->watch)
			wlog_stop(r, now);
	}
	if (r->ss.phase == SP_DONE && !r->up_at && r->ss.ipcp_result == SR_OK &&
	    !interrupted && (r->o->grace_ms || r->o->hold_ms)) {
		r->up_at = r->echo_next = now;
		r->grace_end = now + r->o->grace_ms;
		r->watch_end = r->grace_end + r->o->hold_ms;
		if (r->o->watch)
			wlog_up(r, now);
		if (r->o->common.verbose && r->o->hold_ms)
			warnx(_("session %u is up, holding it for %lld ms"),
			    r->sid, r->o->hold_ms);
	}
	if (r->up_at && !r->watch_stop && now >= r->echo_next) {
		struct timespec ts;

		/* The reply is timed by its capture timestamp, which is
		 * on this clock. */
		if (r->o->watch)
			wlog_echo(r, now);
		clock_gettime(CLOCK_REALTIME, &ts);
		sess_echo(&r->ss, (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec);
		r->echo_next = now + (now < r->grace_end ? ECHO_GRACE_MS :
		    ECHO_HOLD_MS);
	}
}

/* The AC's reason when it took the session back after IPCP: its
 * Terminate-Request text, else its PADT's Generic-Error. */
void
add_down(char *det, size_t sz, const struct run *r)
{
	char t[PPPOE_MAX_TAGVAL * 4 + 1];
	const struct sess *s = &r->ss;

	kv(det, sz, "by", s->down_proto == PPP_IPCP ? "ipcp" :
	    s->down_proto == PPP_LCP ? "lcp" : "padt");
	if (s->down_proto && s->down_msg.len)
		kv(det, sz, "msg", pppoe_text(s->down_msg.v, s->down_msg.len,
		    t, sizeof(t)));
	else if (!s->down_proto && r->padt.error_msg.present)
		kvb(det, sz, "msg", &r->padt.error_msg);
	else
		kv(det, sz, "msg", "-");
}

/* Ended by the AC within the grace: IPCP was up in name only. */
int
down_in_grace(const struct run *r)
{
	return r->up_at && r->watch_peer && r->watch_stop < r->grace_end;
}

/* --hold: did the session stay up, keepalives answered, for the time
 * asked after the grace? An AC that drops it meanwhile is the finding. */
void
add_hold(struct bbt_checks *c, const struct run *r, const char *mac)
{
	char det[1024] = "", v[24];
	const struct sess *s = &r->ss;
	const char *res = r->watch_ok ? "ok" : r->watch_peer ?
	    "terminated" : "interrupted";
	int64_t held = r->hold_start ? r->hold_stop - r->hold_start : 0;

	kvi(det, sizeof(det), "hold_ms", (long)r->o->hold_ms);
	kv(det, sizeof(det), "result", res);
	kvi(det, sizeof(det), "echo_replies", s->echo_replies);
	if (!r->watch_ok && r->watch_peer)
		add_down(det, sizeof(det), r);
	snprintf(v, sizeof(v), "%lld", (long long)held);
	/* Interrupted: whether it would have stayed up is unknown. */
	bbt_checks_add(c, "ppp.hold", mac, r->watch_ok ? BBT_OK :
	    r->watch_peer ? BBT_CRITICAL : BBT_UNKNOWN, v, "ms", det);
}

/* Our LCP Echo-Requests while the session was watched: the AC's PPP
 * process answering, and how fast. */
void
add_echo(struct bbt_checks *c, const struct run *r, const char *mac)
{
	char det[256] = "", v[24], t[24];
	const struct sess *s = &r->ss;

	if (s->echo_sent == 0)
		return;
	kvi(det, sizeof(det), "sent", s->echo_sent);
	kvi(det, sizeof(det), "received", s->echo_rcvd);
	if (s->echo_rcvd) {
		snprintf(t, sizeof(t), "%.3f", (double)s->rtt_min_ns / 1e6);
		kv(det, sizeof(det), "rtt_min", t);
		snprintf(t, sizeof(t), "%.3f", (double)s->rtt_max_ns / 1e6);
		kv(det, sizeof(det), "rtt_max", t);
		snprintf(v, sizeof(v), "%.3f", (double)s->rtt_sum_ns / 1e6 /
		    s->echo_rcvd);
	}
	/* Unanswered echoes are what makes a client's keepalive drop the
	 * line: a warning, the session itself worked. */
	bbt_checks_add(c, "ppp.echo", mac, s->echo_rcvd ? BBT_OK : BBT_WARNING,
	    s->echo_rcvd ? v : NULL, "ms", det);
}

