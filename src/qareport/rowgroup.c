/* SPDX-License-Identifier: MIT */
/*
 * The group of a row: its key (the --by values) and a cache of the keys
 * seen, so that most rows find their counters without building a key.
 */
#include <string.h>

#include "lib/order.h"
#include "qareport/scan.h"

static struct gcache *
gcache_slot(struct reader *r, const char *key, size_t kl, uint64_t *w0,
    uint64_t *w1)
{
	memcpy(w0, key, 8);
	memcpy(w1, key + 8, 8);
	return gcache_at(r, *w0, *w1, kl);
}

/* The cached group of a key, or -1 (then *c is its slot, or NULL for
 * keys the cache cannot hold). */
static int64_t
gcache_find(struct reader *r, const char *key, size_t kl,
    struct gcache **c, uint64_t *w0, uint64_t *w1)
{
	*c = NULL;
	if (kl == 0 || kl > 16)
		return -1;
	*c = gcache_slot(r, key, kl, w0, w1);
	return gcache_hit(*c, kl, *w0, *w1);
}

struct qa_group *
qa_group_of(struct reader *r, const char *key, size_t kl, uint32_t *gi)
{
	struct qa_groups *gs = &r->p->groups;
	struct gcache *c;
	struct qa_group *g;
	uint64_t w0, w1;
	int64_t hit = gcache_find(r, key, kl, &c, &w0, &w1);

	if (hit >= 0) {
		*gi = (uint32_t)hit;
		return &gs->g[hit];
	}
	g = qa_groups_get(gs, key, kl, qa_hash(key, kl), gi);
	if (c) {
		c->w0 = w0;
		c->w1 = w1;
		c->klen = (uint32_t)kl;
		c->gi = *gi;
	}
	return g;
}

/*
 * The group key of a row: the dimensions' values, each NUL-terminated,
 * the first 16 bytes zero-padded for the group cache. Its length, or -1
 * when too long.
 */
long
qa_row_key(struct reader *r, const struct bbt_rawrow *rr, int kind, int zone,
    uint32_t period, char *key, size_t keysz)
{
	struct qa_opts *o = r->o;
	struct bbt_field f;
	size_t kl = 0;

	memset(key, 0, 16);
	for (int i = 0; i < o->nby + o->month_dim; i++) {
		const char *s;
		size_t n = 0;

		switch (i == o->nby ? QA_D_MONTH : o->by[i]) {
		case QA_D_TECH: f = bbt_raw_get(rr, BBT_O_TECH);
		    s = f.s; n = f.len; break;
		case QA_D_TEAM: f = bbt_raw_get(rr, BBT_O_TEAM);
		    s = f.s; n = f.len; break;
		case QA_D_AREA: f = bbt_raw_get(rr, BBT_O_AREA);
		    s = f.s; n = f.len; break;
		case QA_D_FAULT: f = bbt_raw_get(rr, BBT_O_FAULT);
		    s = f.s; n = f.len; break;
		case QA_D_SIDE: f = bbt_raw_get(rr, BBT_O_SIDE);
		    s = f.s; n = f.len; break;
		case QA_D_ZONE: s = bbt_raw_get(rr, BBT_O_ZONE).s ?
		    bbt_order_zone_name(zone) : NULL;
		    n = s ? strlen(s) : 0; break;
		case QA_D_KIND: s = qa_kind_name(kind);
		    n = strlen(s); break;
		default: s = qa_row_month(r, period); n = strlen(s); break;
		}
		if (s == NULL) {
			s = "-";
			n = 1;
		}
		if (kl + n + 1 >= keysz)
			return -1;
		memcpy(key + kl, s, n);
		key[kl + n] = '\0';
		kl += n + 1;
	}
	return (long)kl;
}

void
qa_dur_drain(struct reader *r)
{
	struct qa_group *g = r->p->groups.g;

	for (size_t i = 0; i < r->ndur; i++)
		qa_hist_push(&g[r->dur[i].gh >> 1].a.h[r->dur[i].gh & 1],
		    r->dur[i].minute);
	r->ndur = 0;
}
