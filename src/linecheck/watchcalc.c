/* SPDX-License-Identifier: MIT */
/*
 * linecheck --watch, the pure part (unit-tested on a made-up clock): the
 * gateway's loss bursts from echo requests and replies, and error-frame
 * bursts from successive readings of the link counters.
 */
#include <string.h>

#include "linecheck/watch.h"

/* ---- the gateway: loss bursts (pure) ------------------------------ */

static void
lost(struct lc_gwtrack *g, struct lc_echo *e)
{
	e->pending = 0;
	if (e->settling)
		return;
	g->nlost++;
	if (!g->open) {
		g->open = 1;
		g->b.start = e->sent;
		g->b.wall = e->wall;
		g->b.lost = 0;
	}
	g->b.lost++;
}

static int
close_burst(struct lc_gwtrack *g, int64_t now, struct lc_burst *out)
{
	if (!g->open)
		return 0;
	g->open = 0;
	*out = g->b;
	out->len_ms = now - g->b.start;
	return 1;
}

uint16_t
lc_gw_sent(struct lc_gwtrack *g, int64_t now, int64_t wall)
{
	uint16_t seq = g->seq++;
	struct lc_echo *e = &g->ring[seq % LC_GW_RING];

	/* The slot's previous request is 1024 intervals old: lost. */
	if (e->pending)
		lost(g, e);
	e->seq = seq;
	e->sent = now;
	e->wall = wall;
	e->pending = 1;
	g->nsent++;
	e->settling = g->up_at != 0 && now - g->up_at < LC_GW_SETTLE_MS;
	return seq;
}

int
lc_gw_reply(struct lc_gwtrack *g, uint16_t seq, int64_t now,
    struct lc_burst *out)
{
	struct lc_echo *e = &g->ring[seq % LC_GW_RING];

	if (e->seq != seq || !e->pending)
		return 0;	/* late (already counted lost) or not ours */
	e->pending = 0;
	/* Replies come in order: an older request still unanswered is
	 * lost, without waiting for its timeout. */
	for (uint16_t s = (uint16_t)(seq - LC_GW_RING + 1); s != seq; s++) {
		struct lc_echo *o = &g->ring[s % LC_GW_RING];

		if (o->seq == s && o->pending && o->sent <= e->sent)
			lost(g, o);
	}
	if (g->open && e->sent > g->b.start)
		return close_burst(g, now, out);
	return 0;
}

void
lc_gw_expire(struct lc_gwtrack *g, int64_t now)
{
	for (int i = 0; i < LC_GW_RING; i++)
		if (g->ring[i].pending && now - g->ring[i].sent >=
		    LC_GW_LOST_MS)
			lost(g, &g->ring[i]);
}

int
lc_gw_cut(struct lc_gwtrack *g, int64_t now, struct lc_burst *out)
{
	for (int i = 0; i < LC_GW_RING; i++)
		g->ring[i].pending = 0;
	return close_burst(g, now, out);
}

/* ---- error-frame bursts (pure) ------------------------------------- */

int
lc_err_sample(struct lc_errtrack *t, uint64_t crc, uint64_t frame,
    int64_t now, int64_t wall, struct lc_errburst *out)
{
	int r = 0;

	if (t->have && crc >= t->crc && frame >= t->frame) {
		uint64_t dc = crc - t->crc, df = frame - t->frame;

		if (dc + df > 0) {
			if (!t->open) {
				t->open = 1;
				memset(&t->b, 0, sizeof(t->b));
				t->b.start = t->at;
				t->b.wall = t->wall;
			}
			t->b.crc += dc;
			t->b.frame += df;
			t->b.len_ms = now - t->b.start;
		} else if (t->open) {
			t->open = 0;
			*out = t->b;
			r = 1;
		}
	}
	t->have = 1;
	t->crc = crc;
	t->frame = frame;
	t->at = now;
	t->wall = wall;
	return r;
}

int
lc_err_cut(struct lc_errtrack *t, int64_t now, struct lc_errburst *out)
{
	if (!t->open)
		return 0;
	t->open = 0;
	*out = t->b;
	out->len_ms = now - t->b.start;
	return 1;
}
