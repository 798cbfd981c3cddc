/* SPDX-License-Identifier: MIT */
/*
 * One work order: its row is read into a struct order_row and checked
 * (a bad row is told and skipped, nothing of it counted), then counted
 * into its group, then becomes an event for the window KPIs
 * (events.c) when it is a repair or an install of a known account.
 */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "lib/i18n.h"
#include "lib/order.h"
#include "qareport/scan.h"

uint64_t
qa_account_hash(const char *s, size_t n)
{
	/* FNV-1a 64: documented in qareport(1) so that other tools can
	 * cut the same shards. */
	uint64_t h = 14695981039346656037ULL;

	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 1099511628211ULL;
	return h;
}

/* Whether a field is the word w (of n bytes): the common values are
 * compared by length first, other spellings go to lib/order. */
#define IS(f, w)	((f)->len == sizeof(w) - 1 && \
			    memcmp((f)->s, (w), sizeof(w) - 1) == 0)

static int
kind_of(const struct reader *r, const struct bbt_field *f)
{
	if (r->o->nkmap == 0) {
		if (IS(f, "repair"))
			return QA_KIND_REPAIR;
		if (IS(f, "install"))
			return QA_KIND_INSTALL;
		if (IS(f, "move"))
			return QA_KIND_MOVE;
	}
	return qa_kind_word(r->o, f->s, f->len);
}

static int
outcome_of(const struct bbt_field *f)
{
	if (IS(f, "done"))
		return BBT_OUT_DONE;
	if (IS(f, "no-answer"))
		return BBT_OUT_NOANSWER;
	if (IS(f, "rescheduled"))
		return BBT_OUT_RESCHEDULED;
	if (IS(f, "cancelled"))
		return BBT_OUT_CANCELLED;
	return qa_outcome_word(f->s, f->len);
}

static int
zone_of(const struct bbt_field *f)
{
	if (IS(f, "town"))
		return BBT_ZONE_TOWN;
	if (IS(f, "rural"))
		return BBT_ZONE_RURAL;
	return bbt_order_zone(zs(*f));
}

static int
rating_of(const struct bbt_field *f)
{
	/* Scores 1-5 are the common case; >= 4 is satisfied. */
	if (f->len == 1 && f->s[0] >= '1' && f->s[0] <= '5')
		return f->s[0] >= '4';
	return bbt_order_rating(zs(*f));
}

static inline __attribute__((always_inline)) int
bool_of(const struct bbt_field *f)
{
	if (f->s == NULL)
		return -1;
	if (IS(f, "yes"))
		return 1;
	if (IS(f, "no"))
		return 0;
	return bbt_order_bool(zs(*f));
}

static int
visits_of(const struct bbt_field *f)
{
	long v = 0;

	for (size_t i = 0; i < f->len; i++) {
		char c = f->s[i];

		if (c < '0' || c > '9' || v > 100000)
			return -1;
		v = v * 10 + (c - '0');
	}
	return (int)v;
}

static const int time_cols[T_N] = { BBT_O_ACCEPTED, BBT_O_APPOINTMENT,
	BBT_O_NOTIFIED, BBT_O_RESCHEDULED, BBT_O_ARRIVED, BBT_O_LEFT,
	BBT_O_COMPLETED };

/* The kind, outcome and zone words. An unknown kind or outcome is still
 * an order: counted, and told once per word by read_one(). */
static int
row_words(struct reader *r, const struct bbt_rawrow *rr,
    struct order_row *w, char *why, size_t whysz)
{
	struct bbt_field fkind = bbt_raw_get(rr, BBT_O_KIND),
	    fout = bbt_raw_get(rr, BBT_O_OUTCOME),
	    fzone = bbt_raw_get(rr, BBT_O_ZONE);

	w->outcome = -1;
	w->zone = BBT_ZONE_TOWN;
	if (fkind.s == NULL) {
		snprintf(why, whysz, "%s", _("no kind (install, move or "
		    "repair)"));
		return -1;
	}
	if ((w->kind = kind_of(r, &fkind)) < 0) {
		w->kind = QA_KIND_OTHER;
		r->unk_word[0] = zs(fkind);
	}
	if (fout.s && (w->outcome = outcome_of(&fout)) < 0)
		r->unk_word[1] = zs(fout);
	if (fzone.s && (w->zone = zone_of(&fzone)) < 0) {
		snprintf(why, whysz, _("unknown zone '%s'"), zs(fzone));
		return -1;
	}
	return 0;
}

/* Time i of the row into t[i]. */
static inline __attribute__((always_inline)) int
row_time(struct reader *r, const struct bbt_rawrow *rr, int i, uint32_t *t,
    char *why, size_t whysz)
{
	const struct bbt_field f = bbt_raw_get(rr, time_cols[i]);

	t[i] = 0;
	if (f.s && qa_row_time(r, &f, &t[i]) < 0) {
		snprintf(why, whysz, _("bad time '%s' in column '%s'"), zs(f),
		    bbt_order_cols[time_cols[i]].name);
		return -1;
	}
	return 0;
}

/* The seven times, one call each rather than a loop: the column of each
 * is then a constant (50 instructions a row less). */
static int
row_times(struct reader *r, const struct bbt_rawrow *rr,
    struct order_row *w, char *why, size_t whysz)
{
	uint32_t *t = w->t;

	if (row_time(r, rr, T_ACC, t, why, whysz) < 0 ||
	    row_time(r, rr, T_APPT, t, why, whysz) < 0 ||
	    row_time(r, rr, T_NOTIF, t, why, whysz) < 0 ||
	    row_time(r, rr, T_RESCH, t, why, whysz) < 0 ||
	    row_time(r, rr, T_ARR, t, why, whysz) < 0 ||
	    row_time(r, rr, T_LEFT, t, why, whysz) < 0 ||
	    row_time(r, rr, T_COMP, t, why, whysz) < 0)
		return -1;
	if (t[T_COMP] && t[T_ACC] && t[T_COMP] < t[T_ACC]) {
		snprintf(why, whysz, "%s", _("completed before accepted"));
		return -1;
	}
	return 0;
}

/* The yes/no columns, the rating and the number of visits. */
static int
row_flags(const struct bbt_rawrow *rr, struct order_row *w, char *why,
    size_t whysz)
{
	struct bbt_field fcalled = bbt_raw_get(rr, BBT_O_CALLED),
	    fnote = bbt_raw_get(rr, BBT_O_NOTE),
	    fcallback = bbt_raw_get(rr, BBT_O_CALLBACK),
	    frating = bbt_raw_get(rr, BBT_O_RATING),
	    fvisits = bbt_raw_get(rr, BBT_O_VISITS);

	w->rating = -1;
	w->visits = -1;
	if ((w->called = bool_of(&fcalled)) < 0 && fcalled.s) {
		snprintf(why, whysz, _("not yes or no: '%s' in column '%s'"),
		    zs(fcalled), "called");
		return -1;
	}
	if ((w->note = bool_of(&fnote)) < 0 && fnote.s) {
		snprintf(why, whysz, _("not yes or no: '%s' in column '%s'"),
		    zs(fnote), "note");
		return -1;
	}
	if ((w->callback = bool_of(&fcallback)) < 0 && fcallback.s) {
		snprintf(why, whysz, _("not yes or no: '%s' in column '%s'"),
		    zs(fcallback), "callback");
		return -1;
	}
	if (frating.s && (w->rating = rating_of(&frating)) < 0) {
		snprintf(why, whysz, _("unknown rating '%s'"), zs(frating));
		return -1;
	}
	if (fvisits.s && (w->visits = visits_of(&fvisits)) < 0) {
		snprintf(why, whysz, _("bad number of visits '%s'"),
		    zs(fvisits));
		return -1;
	}
	return 0;
}

/* An acceptance verdict: 1 pass, 0 fail, -1 another word. */
static int
accept_of(const struct bbt_field *f)
{
	static const char *const pass[] = { "pass", "通过", "合格", NULL };
	static const char *const fail[] = { "fail", "不通过", "不合格", NULL };
	const char *s = zs(*f);

	for (int i = 0; pass[i]; i++)
		if (strcasecmp(s, pass[i]) == 0)
			return 1;
	for (int i = 0; fail[i]; i++)
		if (strcasecmp(s, fail[i]) == 0)
			return 0;
	return -1;
}

/*
 * A rate in Mbit/s ("287.4") as millionths, exact, so that the speed
 * against plan compares decimals as the references do; -1 when it is
 * not a plain decimal of up to 9 integer digits and 6 decimals.
 */
static int64_t
rate_of(const struct bbt_field *f)
{
	int64_t v = 0;
	size_t i = 0, ni = 0, nd = 0;

	for (; i < f->len && f->s[i] >= '0' && f->s[i] <= '9'; i++, ni++)
		v = v * 10 + (f->s[i] - '0');
	if (i < f->len && f->s[i] == '.')
		for (i++; i < f->len && f->s[i] >= '0' && f->s[i] <= '9';
		    i++, nd++)
			v = v * 10 + (f->s[i] - '0');
	if (i != f->len || ni == 0 || ni > 9 || nd > 6 ||
	    (nd == 0 && f->s[f->len - 1] == '.'))
		return -1;
	for (; nd < 6; nd++)
		v *= 10;
	return v;
}

/* The acceptance fields (visitnote --acceptance). */
static int
row_accept(const struct bbt_rawrow *rr, struct order_row *w, char *why,
    size_t whysz)
{
	struct bbt_field facc = bbt_raw_get(rr, QA_X(BBT_OX_ACCEPT)),
	    fdown = bbt_raw_get(rr, QA_X(BBT_OX_SPEED_DOWN)),
	    fplan = bbt_raw_get(rr, QA_X(BBT_OX_PLAN_DOWN));

	w->accept = w->down = w->plan_down = -1;
	if (facc.s && (w->accept = accept_of(&facc)) < 0) {
		snprintf(why, whysz, _("not pass or fail: '%s' in column "
		    "'%s'"), zs(facc), "accept");
		return -1;
	}
	if (fdown.s && (w->down = rate_of(&fdown)) < 0) {
		snprintf(why, whysz, _("bad rate '%s' in column '%s'"),
		    zs(fdown), "speed_down");
		return -1;
	}
	if (fplan.s && (w->plan_down = rate_of(&fplan)) < 0) {
		snprintf(why, whysz, _("bad rate '%s' in column '%s'"),
		    zs(fplan), "plan_down");
		return -1;
	}
	return 0;
}

/* What follows from the values: open, the period, counted, on time. */
static void
row_status(const struct qa_opts *o, struct order_row *w)
{
	const uint32_t *t = w->t;

	/* Open: said so, or no completion time and not closed (no
	 * outcome, rescheduled, no answer yet). A done order whose
	 * completion time is missing is closed: a gap in the export. */
	w->open = w->outcome == QA_OUT_OPEN || (!t[T_COMP] &&
	    w->outcome != BBT_OUT_DONE && w->outcome != BBT_OUT_CANCELLED);
	w->period = o->period_completed && t[T_COMP] ? t[T_COMP] : t[T_ACC];
	w->counted = 1;
	if (o->from != INT64_MIN || o->to != INT64_MAX)
		w->counted = w->period && (int64_t)w->period >= o->from &&
		    (int64_t)w->period < o->to;
	w->appt = t[T_RESCH] ? t[T_RESCH] : t[T_APPT];
	w->ontime = t[T_ARR] && w->appt && t[T_ARR] <= w->appt;
}

/*
 * The row's group, its index in *gi; NULL when the key is too long.
 * The cache is asked first: with a key of one column, without building
 * the key.
 */
static struct qa_group *
row_group(struct reader *r, const struct bbt_rawrow *rr,
    const struct order_row *w, uint32_t *gi)
{
	int64_t hit = -1;
	long kl;

	if (r->key_col >= 0) {
		struct bbt_field f = bbt_raw_get(rr, r->key_col);

		if (f.s && f.len > 0 && f.len <= 15)
			hit = gcache_value(r, f.s, f.len);
	}
	if (hit >= 0) {
		*gi = (uint32_t)hit;
		return &r->p->groups.g[hit];
	}
	if ((kl = qa_row_key(r, rr, w->kind, w->zone, w->period, r->key,
	    sizeof(r->key))) < 0)
		return NULL;
	return qa_group_of(r, r->key, (size_t)kl, gi);
}

/*
 * A visit the customer's account made needless (wrong password, arrears,
 * binding: domain.md, side cust_account): closed done with a visit, that
 * is a number of visits above 0, or none given and an arrival time.
 */
static int
row_avoidable(const struct bbt_rawrow *rr, const struct order_row *w)
{
	struct bbt_field fside = bbt_raw_get(rr, BBT_O_SIDE);

	return fside.s && IS(&fside, "cust_account") &&
	    w->outcome == BBT_OUT_DONE && !w->open &&
	    (w->visits > 0 || (w->visits < 0 && w->t[T_ARR] != 0));
}

/*
 * The row's values into *w: 0, 1 when the row is another shard's, -1
 * for a bad row (why).
 */
static int
row_parse(struct reader *r, const struct bbt_rawrow *rr, struct order_row *w,
    char *why, size_t whysz)
{
	const struct qa_opts *o = r->o;
	struct bbt_field facct = bbt_raw_get(rr, BBT_O_ACCOUNT);

	w->acct = facct.s;
	w->acct_len = facct.len;
	if (o->shard_n) {
		uint64_t h = w->acct ? qa_account_hash(w->acct, w->acct_len) :
		    0;
		if ((int)(h % (uint64_t)o->shard_n) != o->shard_k - 1)
			return 1;
	}
	if (row_words(r, rr, w, why, whysz) < 0)
		return -1;
	if (row_times(r, rr, w, why, whysz) < 0 ||
	    row_flags(rr, w, why, whysz) < 0 ||
	    row_accept(rr, w, why, whysz) < 0)
		return -1;
	row_status(o, w);
	w->avoidable = row_avoidable(rr, w);
	return 0;
}

/* A duration for histogram h of group gi (qa_dur_drain). */
static inline void
row_dur(struct reader *r, uint32_t gi, int h, uint32_t minute)
{
	if (r->ndur == DUR_N)
		qa_dur_drain(r);
	r->dur[r->ndur].gh = gi << 1 | (uint32_t)h;
	r->dur[r->ndur++].minute = minute;
}

/* The repair KPIs' counters of a row. */
static void
count_repair(struct reader *r, const struct order_row *w, uint32_t gi,
    struct qa_agg *ag)
{
	const struct qa_opts *o = r->o;
	int64_t *c = ag->c;
	const uint32_t *t = w->t;

	c[QA_C_REPAIRS]++;
	if (w->outcome == BBT_OUT_DONE && t[T_ACC] && t[T_COMP]) {
		uint32_t d = t[T_COMP] - t[T_ACC];
		c[QA_C_RESTORED]++;
		c[QA_C_REP_SUM] += d;
		row_dur(r, gi, QA_H_REPAIR, d);
		if (d <= (w->zone == BBT_ZONE_RURAL ? o->rep_rural :
		    o->rep_town))
			c[QA_C_REP_TIMELY]++;
		/* With an account, first-time fixes are the windows'. */
		if (w->acct == NULL && w->visits <= 1)
			c[QA_C_FTF_NUM]++;
	}
}

/* The install and move KPIs' counters of a row. */
static void
count_install(struct reader *r, const struct order_row *w, uint32_t gi,
    struct qa_agg *ag)
{
	const struct qa_opts *o = r->o;
	int64_t *c = ag->c;
	const uint32_t *t = w->t;

	c[QA_C_INSTALLS]++;
	if (w->outcome == BBT_OUT_DONE && t[T_ACC] && t[T_COMP]) {
		uint32_t d = t[T_COMP] - t[T_ACC];
		c[QA_C_INST_DONE]++;
		c[QA_C_INST_SUM] += d;
		row_dur(r, gi, QA_H_INSTALL, d);
		if (d <= (w->zone == BBT_ZONE_RURAL ? o->inst_rural :
		    o->inst_town))
			c[QA_C_INST_TIMELY]++;
	}
	if (w->outcome == BBT_OUT_DONE && t[T_COMP])
		c[QA_C_NEW_DEN]++;
	if (t[T_APPT]) {
		c[QA_C_KEPT_DEN]++;
		if (w->acct == NULL && w->ontime)
			c[QA_C_KEPT_NUM]++;
	}
}

/* A counted row into its group's (gi) counters. */
static void
row_count(struct reader *r, const struct order_row *w, struct qa_group *g,
    uint32_t gi)
{
	const struct qa_opts *o = r->o;
	int64_t *c = g->a.c;
	const uint32_t *t = w->t;

	c[QA_C_ORDERS]++;
	if (w->open)
		c[QA_C_OPEN]++;
	if (w->kind == QA_KIND_REPAIR)
		count_repair(r, w, gi, &g->a);
	else if (w->kind <= QA_KIND_MOVE)
		count_install(r, w, gi, &g->a);
	if (t[T_ARR] && w->appt) {
		c[QA_C_VISITS]++;
		if (w->ontime)
			c[QA_C_ONTIME]++;
		if ((int64_t)t[T_ARR] <= (int64_t)w->appt - o->early)
			c[QA_C_EARLY]++;
	}
	if (w->outcome == BBT_OUT_RESCHEDULED) {
		c[QA_C_RESCH]++;
		if (t[T_NOTIF] && t[T_APPT] && (int64_t)t[T_NOTIF] <=
		    (int64_t)t[T_APPT] - o->notice)
			c[QA_C_RESCH_OK]++;
	}
	if (w->outcome == BBT_OUT_NOANSWER) {
		c[QA_C_NOANS]++;
		if (t[T_ARR] && t[T_LEFT] && (int64_t)t[T_LEFT] - t[T_ARR] >=
		    o->wait && w->called == 1 && w->note == 1)
			c[QA_C_NOANS_OK]++;
	}
	/* Callbacks and ratings follow the close: an open order has
	 * neither yet. */
	if (w->outcome == BBT_OUT_DONE && !w->open) {
		c[QA_C_CLOSED]++;
		if (w->callback == 1)
			c[QA_C_CALLBACK]++;
	}
	if (w->rating >= 0 && !w->open) {
		c[QA_C_RATED]++;
		if (w->rating == 1)
			c[QA_C_SATISFIED]++;
	}
	c[QA_C_AVOIDABLE] += w->avoidable;
	if (w->accept >= 0) {
		c[QA_C_ACC_DEN]++;
		c[QA_C_ACC_PASS] += w->accept;
	}
	/* A plan of 0 is none: there is nothing to be slow against. */
	if (w->down >= 0 && w->plan_down > 0) {
		c[QA_C_SPEED_DEN]++;
		if (QA_SLOW_DEN * w->down >= QA_SLOW_NUM * w->plan_down)
			c[QA_C_SPEED_OK]++;
	}
}

/* The row's event for the window KPIs: every repair is a source,
 * counted rows (group gi) also ask. */
static void
row_event(struct qa_part *p, const struct order_row *w, uint32_t gi)
{
	const uint32_t *t = w->t;
	struct qa_ev e = { 0, 0, 0 };
	uint32_t fl = 0;

	if (w->acct == NULL || w->kind > QA_KIND_REPAIR ||
	    (w->kind != QA_KIND_REPAIR && !w->counted))
		return;
	if (w->kind == QA_KIND_REPAIR) {
		fl = QA_EV_REPAIR;
		e.a = t[T_ACC];
		if (w->outcome == BBT_OUT_DONE && t[T_ACC] && t[T_COMP]) {
			fl |= QA_EV_RESTORED;
			e.c = t[T_COMP];
		}
		if (w->visits <= 1)
			fl |= QA_EV_ONEVISIT;
	} else {
		if (w->outcome == BBT_OUT_DONE && t[T_COMP]) {
			fl |= QA_EV_INSTDONE;
			e.c = t[T_COMP];
		}
		if (t[T_APPT])
			fl |= QA_EV_KEPT | (w->ontime ? QA_EV_ONTIME : 0);
		/* An install not done asks the windows (window_account)
		 * nothing unless its appointment was kept on time: not
		 * stored, its name not hashed. */
		if (!(fl & QA_EV_INSTDONE) && (fl & (QA_EV_KEPT |
		    QA_EV_ONTIME)) != (QA_EV_KEPT | QA_EV_ONTIME))
			return;
	}
	if (fl) {
		e.gf = (w->counted ? gi : QA_NOGROUP) << 8 | fl;
		qa_events_add(p, w->acct, w->acct_len,
		    qa_name_hash(w->acct, w->acct_len), &e);
	}
}

int
qa_row_do(struct reader *r, const struct bbt_rawrow *rr, char *why,
    size_t whysz)
{
	struct qa_opts *o = r->o;
	struct order_row w;
	struct qa_group *g;
	uint32_t gi = QA_NOGROUP;
	int ret;

	r->unk_word[0] = r->unk_word[1] = NULL;
	if ((ret = row_parse(r, rr, &w, why, whysz)) != 0)
		return ret > 0 ? 0 : -1;
	if (w.t[T_ACC] > r->p->max_acc)
		r->p->max_acc = w.t[T_ACC];
	/* --open: the unrestored repairs and installs, whatever the
	 * period (work in progress is now's). */
	if (o->open_list && w.open && w.kind <= QA_KIND_REPAIR) {
		struct bbt_field fid = bbt_raw_get(rr, BBT_O_ID),
		    ftech = bbt_raw_get(rr, BBT_O_TECH);
		long kl = o->by_set ? qa_row_key(r, rr, w.kind, w.zone,
		    w.period, r->key, sizeof(r->key)) : 0;

		if (kl < 0) {
			snprintf(why, whysz, "%s",
			    _("grouping values too long"));
			return -1;
		}
		qa_open_add(r->p, fid.s, fid.len, w.acct, w.acct_len, ftech.s,
		    ftech.len, o->by_set ? r->key : NULL, (size_t)kl,
		    w.t[T_ACC], w.kind, w.zone);
	}
	if (w.counted) {
		if ((g = row_group(r, rr, &w, &gi)) == NULL) {
			snprintf(why, whysz, "%s",
			    _("grouping values too long"));
			return -1;
		}
		row_count(r, &w, g, gi);
	}
	row_event(r->p, &w, gi);
	return 0;
}
