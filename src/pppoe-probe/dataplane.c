/* SPDX-License-Identifier: MIT */
/* The tasks that run through the session; see dataplane.h. */
#include <stdlib.h>

#include "pppoe-probe/dataplane.h"
#include "pppoe-probe/dns6.h"
#include "pppoe-probe/run.h"
#include "pppoe-probe/traffic.h"
#include "pppoe-probe/v6.h"

/* Each task adds its ops here, in the order of its records; NULL ends. */
static const struct dp_ops *const tasks[] = {
	&v6_ops,
	&traffic_task,
	&dns6_task,
	NULL
};

#define NTASKS	(sizeof(tasks) / sizeof(tasks[0]) - 1)

_Static_assert(NTASKS <= DP_MAX, "DP_MAX too small");

int
dp_init(struct run *r)
{
	struct dp *d = &r->dp;

	for (size_t i = 0; tasks[i] != NULL; i++) {
		d->st[i] = calloc(1, tasks[i]->size ? tasks[i]->size : 1);
		if (d->st[i] == NULL)
			return -1;
		d->next[i] = INT64_MAX;
	}
	return 0;
}

void
dp_free(struct run *r)
{
	struct dp *d = &r->dp;

	for (size_t i = 0; tasks[i] != NULL; i++) {
		free(d->st[i]);
		d->st[i] = NULL;
		d->started[i] = d->active[i] = 0;
	}
	d->release_end = d->bound = 0;
}

static unsigned
layers_up(const struct run *r)
{
	const struct sess *s = &r->ss;
	unsigned up = 0;

	if (s->phase != SP_DONE)
		return 0;
	if (s->ipcp_result == SR_OK)
		up |= DP_NEED_IPV4;
	if (s->ipv6cp_opened)
		up |= DP_NEED_IPV6;
	return up;
}

void
dp_tick(struct run *r, int64_t now)
{
	struct dp *d = &r->dp;
	unsigned up = layers_up(r);

	if (up && !d->bound)
		d->bound = now + r->o->session_timeout_ms;
	for (size_t i = 0; tasks[i] != NULL; i++) {
		const struct dp_ops *t = tasks[i];

		if (d->st[i] == NULL)
			continue;
		if (!d->started[i] && !d->release_end && !interrupted &&
		    (t->needs & up) == t->needs) {
			d->started[i] = 1;
			d->active[i] = t->start(d->st[i], r, now);
		}
		if (d->active[i] && r->ss.phase == SP_DONE)
			d->next[i] = t->tick(d->st[i], r, now);
		else
			d->next[i] = INT64_MAX;
	}
}

void
dp_input(void *ctx, uint16_t proto, const uint8_t *p, size_t n, int64_t now)
{
	struct run *r = ctx;
	struct dp *d = &r->dp;

	for (size_t i = 0; tasks[i] != NULL; i++)
		if (d->active[i])
			tasks[i]->input(d->st[i], r, proto, p, n, now);
}

int64_t
dp_deadline(const struct run *r)
{
	const struct dp *d = &r->dp;
	int64_t t = INT64_MAX;

	for (size_t i = 0; tasks[i] != NULL; i++)
		if (d->active[i] && d->next[i] < t)
			t = d->next[i];
	if (d->release_end && d->release_end < t)
		t = d->release_end;
	else if (d->bound && d->bound < t && dp_busy(r, 0))
		t = d->bound;
	return t;
}

int
dp_busy(const struct run *r, int64_t now)
{
	const struct dp *d = &r->dp;

	if (r->ss.phase != SP_DONE || (now && d->bound && now >= d->bound))
		return 0;
	for (size_t i = 0; tasks[i] != NULL; i++)
		if (d->active[i] && tasks[i]->busy(d->st[i]))
			return 1;
	return 0;
}

int
dp_release(struct run *r, int64_t now)
{
	struct dp *d = &r->dp;
	int pending = 0;

	if (r->ss.phase != SP_DONE)
		return 0;
	if (!d->release_end)
		d->release_end = now + DP_RELEASE_MS;
	if (now >= d->release_end)
		return 0;
	for (size_t i = 0; tasks[i] != NULL; i++)
		if (d->active[i] && tasks[i]->release != NULL &&
		    tasks[i]->release(d->st[i], r, now))
			pending = 1;
	return pending;
}

const void *
dp_state(const struct run *r, const struct dp_ops *ops)
{
	for (size_t i = 0; tasks[i] != NULL; i++)
		if (tasks[i] == ops)
			return r->dp.active[i] ? r->dp.st[i] : NULL;
	return NULL;
}

const void *
dp_state_any(const struct run *r, const struct dp_ops *ops)
{
	for (size_t i = 0; tasks[i] != NULL; i++)
		if (tasks[i] == ops)
			return r->dp.st[i];
	return NULL;
}

void
dp_records(struct bbt_checks *c, const struct run *r, const char *mac,
    const char *after)
{
	const struct dp *d = &r->dp;

	for (size_t i = 0; tasks[i] != NULL; i++)
		if (tasks[i]->records != NULL)
			tasks[i]->records(d->st[i], d->started[i], after, c, r,
			    mac);
}
