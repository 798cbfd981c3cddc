/* SPDX-License-Identifier: MIT */
/*
 * Reading work orders into aggregates: one pass, rows in any order.
 * A large plain file is cut into byte ranges (lib/table.h
 * bbt_table_open_range) that the threads take in turn, so that one
 * finishing early takes more; each thread keeps its own groups and
 * events (events.c), merged exactly afterwards. gzip and stdin are read
 * by one thread.
 */
#include <err.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lib/datetime.h"
#include "lib/i18n.h"
#include "lib/order.h"
#include "lib/table.h"
#include "qareport/qa.h"

#define SPLIT_MIN	(1 << 20)	/* smaller files: one thread */
/*
 * Ranges of a split file: two halves left one thread idle for a tenth
 * of the read on the 10 M-row bench. Up to 32 MB, at least four a
 * thread (so that a few-MB file, as in the tests, is read as a large
 * one is), and at least 256 KB: each costs an open and a header.
 */
#define RANGE_MAX	((uint64_t)32 << 20)
#define RANGE_MIN	((uint64_t)256 << 10)
/* The fuzzers split inputs of a few hundred bytes (lib/lines.h has
 * their short BBT_LINE_MAX), so that ranges are fuzzed too. */
#ifdef BBT_FUZZ
#undef SPLIT_MIN
#undef RANGE_MIN
#define SPLIT_MIN	64
#define RANGE_MIN	((uint64_t)24)
#endif

/*
 * Local days whose offset from UTC is the same all day (no DST change):
 * offset in minutes, or DC_MIXED; looked up by day number.
 */
#define DCACHE		1024
#define DC_EMPTY	INT32_MIN
#define DC_MIXED	(INT32_MIN + 1)
struct dcache {
	int32_t	 day;
	int32_t	 off;
};

/*
 * Dates seen lately (the words "YYYY-MM-" and "DD HH:MM", hour and
 * minute masked out) with their first minute in UTC + QA_TBIAS: the
 * five times of an order fall on a day or two, so most times need only
 * their "HH:MM" read.
 */
#define TCACHE		64
struct tcache {
	uint64_t	 a;		/* "YYYY-MM-"; 0: empty */
	uint64_t	 b;		/* "DD ", ':', the rest zero */
	uint32_t	 base;		/* the day's first minute + QA_TBIAS */
};

/* Months seen lately, [lo, hi) in minutes + QA_TBIAS: rows near a month
 * end take turns between two, and a month computed again was three
 * snprintf(3) and two parses. */
#define MCACHE		4
struct mcache {
	int64_t		 lo, hi;
	char		 name[8];
};

struct progress {
	int		 on;
	uint64_t	 total;
	_Atomic uint64_t done;
	int64_t		 next_ms;
	int		 printed;
};

/* Direct-mapped. Rows that missed (then a hash probe) with 1024 slots:
 * 8 % for 500 technicians, 66 % for 3000 (a province); with 4096: 0.7
 * and 12 %. A slot costs cache only once a key lands in it. */
#define GCACHE_BITS	12
struct gcache {
	uint64_t	 w0, w1;	/* the key, zero-padded */
	uint32_t	 klen;		/* 0: empty */
	uint32_t	 gi;
};

/* The file being read: its ranges, taken by the threads in order. */
struct ranges {
	const char	*path;
	uint64_t	 size;		/* 0: not split, one range */
	struct bbt_table *head;		/* read up to the header, when split */
	int		 n;
	_Atomic int	 next;
	_Atomic int	 stop;		/* --strict and a bad row seen */
	unsigned long	*lines;		/* lines of each range */
};

struct reader {
	struct gcache	 gc[1 << GCACHE_BITS];
	struct qa_opts	*o;
	struct qa_part	*p;
	struct ranges	*rg;
	int		 range;		/* the one being read */
	struct progress	*prog;
	int		 printer;
	struct dcache	 dc[DCACHE];
	struct tcache	 tc[TCACHE];
	int		 y_num;		/* the year of y_day, its Jan 1 */
	int		 y_leap;
	int		 key_late;	/* the group key needs the period */
	int		 key_col;	/* the key is this column's value, or -1 */
	int64_t		 y_day;
	struct mcache	 mc[MCACHE];
	unsigned	 mc_next;	/* the entry to fill next */
	char		 m_name[8];	/* the month being made, or one not cached */
	/* bad rows of this file, line numbers within the range */
	struct qa_bad	*bads;
	size_t		 nbads;
	int64_t		 nbad;
	/* unknown kind and outcome words of this file, and the row's */
	struct qa_unknown *unk;
	size_t		 nunk;
	int64_t		 unk_more;
	const char	*unk_word[2];
};

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

static int64_t
floor_div(int64_t a, int64_t b)
{
	return a >= 0 ? a / b : -((-a + b - 1) / b);
}

/* The day's offset in minutes, or DC_MIXED when it changes that day or
 * is not whole minutes (then bbt_time_parse() decides each time). */
static int32_t
day_offset(struct reader *r, int64_t day)
{
	struct dcache *c = &r->dc[(uint64_t)day % DCACHE];
	long o0, o1, o2;

	if (c->day == day && c->off != DC_EMPTY)
		return c->off;
	o0 = bbt_time_local_offset(day * 86400);
	o1 = bbt_time_local_offset(day * 86400 + 23 * 3600);
	o2 = bbt_time_local_offset(day * 86400 + 86400);
	c->day = (int32_t)day;
	c->off = o0 == o1 && o1 == o2 && o0 % 60 == 0 ? (int32_t)(o0 / 60) :
	    DC_MIXED;
	return c->off;
}

static int
leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

/* Days before the first of each month, in common and leap years. */
static const uint16_t ydays[2][12] = {
	{ 0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334 },
	{ 0, 31, 60, 91, 121, 152, 182, 213, 244, 274, 305, 335 },
};

/*
 * A time to the minute (+ QA_TBIAS). The common "YYYY-MM-DD HH:MM" is
 * read as two 8-byte words, digits and separators checked at once, the
 * offset from a cache of days; anything else (seconds, offsets, 'T',
 * days with a DST change) goes through bbt_time_parse(), and both paths
 * give the same result.
 */
static int
parse_time(struct reader *r, const struct bbt_field *f, uint32_t *out)
{
	/* Digit bytes of "YYYY-MM-" and "DD HH:MM", and their separators. */
	static const uint64_t dig_a = 0x00ffff00ffffffffULL,
	    dig_b = 0xffff00ffff00ffffULL, sep_a = 0xff0000ff00000000ULL,
	    sep_b = 0x0000ff0000ff0000ULL, want_a = 0x2d00002d00000000ULL,
	    want_b = 0x00003a0000200000ULL, hi = 0xf0f0f0f0f0f0f0f0ULL,
	    zeros = 0x3030303030303030ULL, six = 0x0606060606060606ULL,
	    fix_b = 0x0000ff0000ffffffULL, hm_b = 0xffff00ffff000000ULL;
	int64_t secs, m;

	if (f->len == 16) {
		uint64_t a, b;
		struct tcache *tc;

		memcpy(&a, f->s, 8);
		memcpy(&b, f->s + 8, 8);
		/* indexed by the day's digits, 0-3 and 0-9 */
		tc = &r->tc[(b & 3) << 4 | (b >> 8 & 15)];
		if (tc->a == a && tc->b == (b & fix_b)) {
			uint64_t x = b & hm_b, d, v;

			/* HH and MM digits: then, per byte, d is the digit
			 * and v's bytes 3 and 6 the hour and the minute
			 * (no byte carries into the next). */
			if ((x & hi) == (zeros & hm_b) &&
			    ((x + six) & hi & hm_b) == (zeros & hm_b)) {
				d = x - (zeros & hm_b);
				v = d * 10 + (d >> 8);
				if ((v >> 24 & 0xff) <= 23 &&
				    (v >> 48 & 0xff) <= 59) {
					*out = tc->base + (uint32_t)(v >> 24 &
					    0xff) * 60 + (uint32_t)(v >> 48 &
					    0xff);
					return 0;
				}
			}
		}
		/* 0x30-0x3f, then no byte past '9' */
		if ((a & dig_a & hi) == (zeros & dig_a) &&
		    (b & dig_b & hi) == (zeros & dig_b) &&
		    ((a + six) & dig_a & hi) == (zeros & dig_a) &&
		    ((b + six) & dig_b & hi) == (zeros & dig_b) &&
		    (a & sep_a) == want_a && (b & sep_b) == want_b) {
			static const unsigned char mdays[] = { 31, 28, 31,
			    30, 31, 30, 31, 31, 30, 31, 30, 31 };
			/* Separators masked out: no borrow. */
			uint64_t da = (a & dig_a) - (zeros & dig_a),
			    db = (b & dig_b) - (zeros & dig_b);
			int y = (int)(da & 0xff) * 1000 +
			    (int)(da >> 8 & 0xff) * 100 +
			    (int)(da >> 16 & 0xff) * 10 + (int)(da >> 24 & 0xff);
			int mo = (int)(da >> 40 & 0xff) * 10 +
			    (int)(da >> 48 & 0xff);
			int d = (int)(db & 0xff) * 10 + (int)(db >> 8 & 0xff);
			int h = (int)(db >> 24 & 0xff) * 10 +
			    (int)(db >> 32 & 0xff);
			int mi = (int)(db >> 48 & 0xff) * 10 +
			    (int)(db >> 56 & 0xff);

			if (y >= 1900 && mo >= 1 && mo <= 12 && d >= 1 &&
			    h <= 23 && mi <= 59 && (d <= mdays[mo - 1] ||
			    (mo == 2 && d == 29 && leap(y)))) {
				int64_t day;
				int32_t off;

				if (y != r->y_num) {
					r->y_num = y;
					r->y_day = bbt_days_from_civil(y, 1, 1);
					/* cached: y % 100 was a division per
					 * time */
					r->y_leap = leap(y);
				}
				day = r->y_day + ydays[r->y_leap][mo - 1] + d - 1;
				off = day_offset(r, day);

				if (off != DC_MIXED) {
					int64_t base = day * 1440 - off +
					    QA_TBIAS;

					/* Cached when every minute of the day
					 * is a time: the hit needs no check. */
					if (base >= 1 && base + 1439 <=
					    (int64_t)UINT32_MAX) {
						tc->a = a;
						tc->b = b & fix_b;
						tc->base = (uint32_t)base;
					}
					m = day * 1440 - off + h * 60 + mi;
					goto done;
				}
			}
		}
	}
	if (bbt_time_parse(f->s, f->len, &secs) < 0)
		return -1;
	m = floor_div(secs, 60);
done:
	m += QA_TBIAS;
	if (m < 1 || m > (int64_t)UINT32_MAX)
		return -1;
	*out = (uint32_t)m;
	return 0;
}

/* The local "YYYY-MM" of a time. */
static const char *
month_of(struct reader *r, uint32_t t)
{
	int64_t secs, lo, hi;
	int y, mo, d, h, mi;
	char buf[32];
	struct mcache *c;

	if (t == 0)
		return "-";
	for (int i = 0; i < MCACHE; i++)
		if ((int64_t)t >= r->mc[i].lo && (int64_t)t < r->mc[i].hi)
			return r->mc[i].name;
	bbt_time_split(((int64_t)t - QA_TBIAS) * 60, &y, &mo, &d, &h, &mi);
	snprintf(r->m_name, sizeof(r->m_name), "%04u-%02u",
	    (unsigned)y % 10000, (unsigned)mo % 100);
	snprintf(buf, sizeof(buf), "%04u-%02u-01 00:00", (unsigned)y % 10000,
	    (unsigned)mo % 100);
	if (bbt_time_parse(buf, strlen(buf), &secs) < 0)
		return r->m_name;
	lo = floor_div(secs, 60) + QA_TBIAS;
	if (mo == 12)
		snprintf(buf, sizeof(buf), "%04u-01-01 00:00",
		    (unsigned)(y + 1) % 10000);
	else
		snprintf(buf, sizeof(buf), "%04u-%02u-01 00:00",
		    (unsigned)y % 10000, (unsigned)(mo + 1) % 100);
	/* December 9999 has no end to parse: not cached. */
	if (bbt_time_parse(buf, strlen(buf), &secs) < 0)
		return r->m_name;
	hi = floor_div(secs, 60) + QA_TBIAS;
	if ((int64_t)t < lo || (int64_t)t >= hi)
		return r->m_name;
	c = &r->mc[r->mc_next++ % MCACHE];
	c->lo = lo;
	c->hi = hi;
	memcpy(c->name, r->m_name, sizeof(c->name));
	return c->name;
}

/* A value as a C string, for messages and lib/order's other spellings:
 * the byte after it, its tab, becomes a NUL (bbt_raw_get). */
static const char *
zs(struct bbt_field f)
{
	((char *)(uintptr_t)f.s)[f.len] = '\0';
	return f.s;
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

/*
 * The group of a key. Keys of up to 16 bytes (a technician, a team, a
 * month) are two words: a direct-mapped cache of them answers without
 * hashing bytes or comparing through memcmp(3), which with the probe
 * was an eighth of the run time.
 */
static inline struct gcache *
gcache_at(struct reader *r, uint64_t w0, uint64_t w1, size_t kl)
{
	return &r->gc[((w0 * 0x9e3779b97f4a7c15ULL) ^
	    (w1 * 0xc2b2ae3d27d4eb4fULL) ^ kl) >> (64 - GCACHE_BITS)];
}

/* The group of slot c if it holds the key (kl, w0, w1), or -1. */
static inline int64_t
gcache_hit(const struct gcache *c, size_t kl, uint64_t w0, uint64_t w1)
{
	return c->klen == kl && c->w0 == w0 && c->w1 == w1 ? (int64_t)c->gi : -1;
}

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

static struct qa_group *
group_of(struct reader *r, const char *key, size_t kl, uint32_t *gi)
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
static long
row_key(struct reader *r, const struct bbt_rawrow *rr, int kind, int zone,
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
		case QA_D_ZONE: s = bbt_raw_get(rr, BBT_O_ZONE).s ?
		    bbt_order_zone_name(zone) : NULL;
		    n = s ? strlen(s) : 0; break;
		case QA_D_KIND: s = qa_kind_name(kind);
		    n = strlen(s); break;
		default: s = month_of(r, period); n = strlen(s); break;
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

/*
 * The cached group of a key that is one column's value of 1 to 15
 * bytes, or -1. The value is read as two zero-padded words by loads
 * that stay inside it (a short value is two overlapping loads), not
 * copied into a key as row_key() does.
 */
static int64_t
gcache_value(struct reader *r, const char *s, size_t n)
{
	uint64_t w0 = 0, w1 = 0, x;
	uint32_t u, v;

	if (n >= 8) {
		memcpy(&w0, s, 8);
		memcpy(&x, s + n - 8, 8);
		w1 = n == 8 ? 0 : x >> (8 * (16 - n));
	} else if (n >= 4) {
		memcpy(&u, s, 4);
		memcpy(&v, s + n - 4, 4);
		w0 = u | (uint64_t)v << (8 * (n - 4));
	} else {
		for (size_t i = 0; i < n; i++)
			w0 |= (uint64_t)(unsigned char)s[i] << (8 * i);
	}
	return gcache_hit(gcache_at(r, w0, w1, n + 1), n + 1, w0, w1);
}

/* The cached group of a built key, or -1. */
static int64_t
gcache_key(struct reader *r, const char *key, size_t kl)
{
	struct gcache *c;
	uint64_t w0, w1;

	return gcache_find(r, key, kl, &c, &w0, &w1);
}

static const int time_cols[] = { BBT_O_ACCEPTED, BBT_O_APPOINTMENT,
	BBT_O_NOTIFIED, BBT_O_RESCHEDULED, BBT_O_ARRIVED, BBT_O_LEFT,
	BBT_O_COMPLETED };
enum { T_ACC, T_APPT, T_NOTIF, T_RESCH, T_ARR, T_LEFT, T_COMP, T_N };

/*
 * One row. 0 = counted or filtered out, -1 = a bad row (*why, a static
 * or thread-local message).
 */
static int
do_row(struct reader *r, const struct bbt_rawrow *rr, char *why,
    size_t whysz)
{
	struct qa_opts *o = r->o;
	uint32_t t[T_N];
	int kind, outcome = -1, zone = BBT_ZONE_TOWN, called, note, open;
	int callback, rating = -1, visits = -1;
	struct bbt_field fkind = bbt_raw_get(rr, BBT_O_KIND),
	    fout = bbt_raw_get(rr, BBT_O_OUTCOME),
	    fzone = bbt_raw_get(rr, BBT_O_ZONE),
	    facct = bbt_raw_get(rr, BBT_O_ACCOUNT), fcalled, fnote, fcallback,
	    frating, fvisits;
	const char *acct = facct.s;
	size_t acct_len = facct.len;
	uint32_t period, appt;
	int counted;
	struct qa_group *g;
	uint32_t gi = QA_NOGROUP;
	int64_t *c;
	int ontime = 0;
	char key[1024];
	long kl = -1;
	int64_t hit = -1;
	uint32_t ahash = 0;

	r->unk_word[0] = r->unk_word[1] = NULL;
	if (o->shard_n) {
		uint64_t h = acct ? qa_account_hash(acct, acct_len) : 0;
		if ((int)(h % (uint64_t)o->shard_n) != o->shard_k - 1)
			return 0;
	}
	/* The event's partition, asked for now: the buffer header's load
	 * is then done by the time the event is added. */
	if (acct) {
		ahash = qa_name_hash(acct, acct_len);
		qa_events_prefetch(r->p, ahash);
	}
	if (fkind.s == NULL) {
		snprintf(why, whysz, "%s", _("no kind (install, move or "
		    "repair)"));
		return -1;
	}
	/* An unknown word is still an order: counted, and told once per
	 * word by read_one(). */
	if ((kind = kind_of(r, &fkind)) < 0) {
		kind = QA_KIND_OTHER;
		r->unk_word[0] = zs(fkind);
	}
	if (fout.s && (outcome = outcome_of(&fout)) < 0)
		r->unk_word[1] = zs(fout);
	if (fzone.s && (zone = zone_of(&fzone)) < 0) {
		snprintf(why, whysz, _("unknown zone '%s'"), zs(fzone));
		return -1;
	}
	/* The group, when the cache has it and the key does not need the
	 * period: its counters are fetched while the times are read
	 * (hundreds of groups' counters do not stay in cache as the file
	 * streams through). */
	if (r->key_col >= 0) {
		struct bbt_field f = bbt_raw_get(rr, r->key_col);

		if (f.s && f.len > 0 && f.len <= 15)
			hit = gcache_value(r, f.s, f.len);
	} else if (!r->key_late && (kl = row_key(r, rr, kind, zone, 0, key,
	    sizeof(key))) >= 0)
		hit = gcache_key(r, key, (size_t)kl);
	if (hit >= 0)
		__builtin_prefetch(r->p->groups.g[hit].a.c, 1);
#pragma GCC unroll 7
	for (int i = 0; i < T_N; i++) {
		const struct bbt_field tf = bbt_raw_get(rr, time_cols[i]),
		    *f = &tf;

		t[i] = 0;
		if (f->s && parse_time(r, f, &t[i]) < 0) {
			snprintf(why, whysz, _("bad time '%s' in column '%s'"),
			    zs(*f), bbt_order_cols[time_cols[i]].name);
			return -1;
		}
	}
	if (t[T_COMP] && t[T_ACC] && t[T_COMP] < t[T_ACC]) {
		snprintf(why, whysz, "%s", _("completed before accepted"));
		return -1;
	}
	fcalled = bbt_raw_get(rr, BBT_O_CALLED);
	fnote = bbt_raw_get(rr, BBT_O_NOTE);
	fcallback = bbt_raw_get(rr, BBT_O_CALLBACK);
	frating = bbt_raw_get(rr, BBT_O_RATING);
	fvisits = bbt_raw_get(rr, BBT_O_VISITS);
	if ((called = bool_of(&fcalled)) < 0 && fcalled.s) {
		snprintf(why, whysz, _("not yes or no: '%s' in column '%s'"),
		    zs(fcalled), "called");
		return -1;
	}
	if ((note = bool_of(&fnote)) < 0 && fnote.s) {
		snprintf(why, whysz, _("not yes or no: '%s' in column '%s'"),
		    zs(fnote), "note");
		return -1;
	}
	if ((callback = bool_of(&fcallback)) < 0 && fcallback.s) {
		snprintf(why, whysz, _("not yes or no: '%s' in column '%s'"),
		    zs(fcallback), "callback");
		return -1;
	}
	if (frating.s && (rating = rating_of(&frating)) < 0) {
		snprintf(why, whysz, _("unknown rating '%s'"), zs(frating));
		return -1;
	}
	if (fvisits.s && (visits = visits_of(&fvisits)) < 0) {
		snprintf(why, whysz, _("bad number of visits '%s'"),
		    zs(fvisits));
		return -1;
	}

	/* Open: said so, or no completion time and not closed (no
	 * outcome, rescheduled, no answer yet). A done order whose
	 * completion time is missing is closed: a gap in the export. */
	open = outcome == QA_OUT_OPEN || (!t[T_COMP] &&
	    outcome != BBT_OUT_DONE && outcome != BBT_OUT_CANCELLED);
	period = o->period_completed && t[T_COMP] ? t[T_COMP] : t[T_ACC];
	if (t[T_ACC] > r->p->max_acc)
		r->p->max_acc = t[T_ACC];
	/* --open: the unrestored repairs and installs, whatever the
	 * period (work in progress is now's). */
	if (o->open_list && open && kind <= QA_KIND_REPAIR) {
		struct bbt_field fid = bbt_raw_get(rr, BBT_O_ID),
		    ftech = bbt_raw_get(rr, BBT_O_TECH);

		qa_open_add(r->p, fid.s, fid.len, acct, acct_len, ftech.s,
		    ftech.len, t[T_ACC], kind, zone);
	}
	counted = 1;
	if (o->from != INT64_MIN || o->to != INT64_MAX)
		counted = period && (int64_t)period >= o->from &&
		    (int64_t)period < o->to;
	appt = t[T_RESCH] ? t[T_RESCH] : t[T_APPT];
	if (t[T_ARR] && appt && t[T_ARR] <= appt)
		ontime = 1;

	if (counted) {
		if (hit >= 0) {
			gi = (uint32_t)hit;
			g = &r->p->groups.g[hit];
		} else {
			if (kl < 0 && (kl = row_key(r, rr, kind, zone, period,
			    key, sizeof(key))) < 0) {
				snprintf(why, whysz, "%s",
				    _("grouping values too long"));
				return -1;
			}
			g = group_of(r, key, (size_t)kl, &gi);
		}
		c = g->a.c;
		c[QA_C_ORDERS]++;
		if (open)
			c[QA_C_OPEN]++;
		if (kind == QA_KIND_REPAIR) {
			c[QA_C_REPAIRS]++;
			if (outcome == BBT_OUT_DONE && t[T_ACC] && t[T_COMP]) {
				uint32_t d = t[T_COMP] - t[T_ACC];
				c[QA_C_RESTORED]++;
				c[QA_C_REP_SUM] += d;
				qa_hist_push(&g->a.h[QA_H_REPAIR], d);
				if (d <= (zone == BBT_ZONE_RURAL ?
				    o->rep_rural : o->rep_town))
					c[QA_C_REP_TIMELY]++;
				if (acct == NULL && visits <= 1)
					c[QA_C_FTF_NUM]++;
			}
		} else if (kind <= QA_KIND_MOVE) {
			c[QA_C_INSTALLS]++;
			if (outcome == BBT_OUT_DONE && t[T_ACC] && t[T_COMP]) {
				uint32_t d = t[T_COMP] - t[T_ACC];
				c[QA_C_INST_DONE]++;
				c[QA_C_INST_SUM] += d;
				qa_hist_push(&g->a.h[QA_H_INSTALL], d);
				if (d <= (zone == BBT_ZONE_RURAL ?
				    o->inst_rural : o->inst_town))
					c[QA_C_INST_TIMELY]++;
			}
			if (outcome == BBT_OUT_DONE && t[T_COMP])
				c[QA_C_NEW_DEN]++;
			if (t[T_APPT]) {
				c[QA_C_KEPT_DEN]++;
				if (acct == NULL && ontime)
					c[QA_C_KEPT_NUM]++;
			}
		}
		if (t[T_ARR] && appt) {
			c[QA_C_VISITS]++;
			if (ontime)
				c[QA_C_ONTIME]++;
			if ((int64_t)t[T_ARR] <= (int64_t)appt - o->early)
				c[QA_C_EARLY]++;
		}
		if (outcome == BBT_OUT_RESCHEDULED) {
			c[QA_C_RESCH]++;
			if (t[T_NOTIF] && t[T_APPT] && (int64_t)t[T_NOTIF] <=
			    (int64_t)t[T_APPT] - o->notice)
				c[QA_C_RESCH_OK]++;
		}
		if (outcome == BBT_OUT_NOANSWER) {
			c[QA_C_NOANS]++;
			if (t[T_ARR] && t[T_LEFT] && (int64_t)t[T_LEFT] -
			    t[T_ARR] >= o->wait && called == 1 && note == 1)
				c[QA_C_NOANS_OK]++;
		}
		/* Callbacks and ratings follow the close: an open order
		 * has neither yet. */
		if (outcome == BBT_OUT_DONE && !open) {
			c[QA_C_CLOSED]++;
			if (callback == 1)
				c[QA_C_CALLBACK]++;
		}
		if (rating >= 0 && !open) {
			c[QA_C_RATED]++;
			if (rating == 1)
				c[QA_C_SATISFIED]++;
		}
	}

	/* Events for the window KPIs: every repair is a source, counted
	 * rows also ask. */
	if (acct && kind <= QA_KIND_REPAIR && (kind == QA_KIND_REPAIR ||
	    counted)) {
		struct qa_ev e = { 0, 0, 0 };
		uint32_t fl = 0;

		if (kind == QA_KIND_REPAIR) {
			fl = QA_EV_REPAIR;
			e.a = t[T_ACC];
			if (outcome == BBT_OUT_DONE && t[T_ACC] && t[T_COMP]) {
				fl |= QA_EV_RESTORED;
				e.c = t[T_COMP];
			}
			if (visits <= 1)
				fl |= QA_EV_ONEVISIT;
		} else {
			if (outcome == BBT_OUT_DONE && t[T_COMP]) {
				fl |= QA_EV_INSTDONE;
				e.c = t[T_COMP];
			}
			if (t[T_APPT])
				fl |= QA_EV_KEPT | (ontime ? QA_EV_ONTIME : 0);
		}
		if (fl) {
			e.gf = (counted ? gi : QA_NOGROUP) << 8 | fl;
			qa_events_add(r->p, acct, acct_len, ahash, &e);
		}
	}
	return 0;
}

static void
add_bad(struct reader *r, const char *file, unsigned long line,
    const char *reason)
{
	struct qa_bad *b;

	r->nbad++;
	if ((long)r->nbads >= r->o->errors && !r->o->strict)
		return;
	if (r->nbads > 0 && r->o->strict)
		return;
	if ((b = realloc(r->bads, (r->nbads + 1) * sizeof(*b))) == NULL)
		err(71, "realloc");
	r->bads = b;
	b = &r->bads[r->nbads++];
	b->file = strdup(file);
	b->line = line;
	b->range = r->range;
	b->reason = strdup(reason);
	if (b->file == NULL || b->reason == NULL)
		err(71, "strdup");
}

static void
progress_show(struct progress *pg, int final)
{
	uint64_t d = atomic_load(&pg->done);
	int64_t now = bbt_mono_ms();

	if (!final && now < pg->next_ms)
		return;
	pg->next_ms = now + 500;
	if (final) {
		if (pg->printed)
			fprintf(stderr, "\r\033[K");
		return;
	}
	fprintf(stderr, "\r");
	if (pg->total)
		fprintf(stderr, _("qareport: %llu of %llu MB read (%u %%)"),
		    (unsigned long long)(d >> 20),
		    (unsigned long long)(pg->total >> 20),
		    (unsigned)(d * 100 / pg->total % 101));
	else
		fprintf(stderr, _("qareport: %llu MB read"),
		    (unsigned long long)(d >> 20));
	pg->printed = 1;
}

/* Range k of the file; -1 when the file stops (--strict, I/O error). */
static int
read_one(struct reader *r, int k)
{
	struct ranges *rg = r->rg;
	struct bbt_table *t;
	struct bbt_rawrow rr;
	char why[512];
	uint64_t start = rg->size / (uint64_t)rg->n * (uint64_t)k;
	uint64_t end = k == rg->n - 1 ? UINT64_MAX :
	    rg->size / (uint64_t)rg->n * (uint64_t)(k + 1);
	uint64_t last = start;
	unsigned long n = 0;
	int ret;

	r->range = k;
	t = rg->size ? bbt_table_open_part(rg->head, start, end) :
	    bbt_order_open(rg->path);
	if (t == NULL) {
		int e = errno;

		warn("%s", rg->path);
		r->p->ioerr |= e == ENOENT || e == EACCES || e == ENOTDIR ?
		    2 : 1;
		return -1;
	}
	while ((ret = bbt_table_raw(t, &rr)) != 0) {
		if (ret < 0) {
			/* Damaged gzip data ends the file like a bad row
			 * would: what was read before is reported. */
			if (bbt_table_damaged(t)) {
				if (r->o->shard_n == 0 || r->o->shard_k == 1)
					add_bad(r, bbt_table_name(t),
					    bbt_table_lineno(t) + 1,
					    bbt_table_reason(t));
				break;
			}
			if (bbt_table_failed(t)) {
				warnx("%s", bbt_table_error(t));
				r->p->ioerr = 1;
				break;
			}
			/* A row without a readable account belongs to
			 * shard 1, so that shards count it once. */
			if (r->o->shard_n == 0 || r->o->shard_k == 1)
				add_bad(r, bbt_table_name(t),
				    bbt_table_lineno(t), bbt_table_reason(t));
		} else if (do_row(r, &rr, why, sizeof(why)) < 0)
			add_bad(r, bbt_table_name(t), bbt_table_lineno(t),
			    why);
		else
			for (int w = 0; w < 2; w++)
				if (r->unk_word[w])
					qa_unknown_add(&r->unk, &r->nunk,
					    &r->unk_more, w, r->unk_word[w],
					    bbt_table_name(t),
					    bbt_table_lineno(t), k);
		if (r->o->strict && r->nbad)
			break;
		if ((++n & 0xffff) == 0 && r->prog->on) {
			uint64_t off = bbt_table_offset(t);
			atomic_fetch_add(&r->prog->done, off - last);
			last = off;
			if (r->printer)
				progress_show(r->prog, 0);
		}
	}
	if (r->prog->on)
		atomic_fetch_add(&r->prog->done, bbt_table_offset(t) - last);
	rg->lines[k] = bbt_table_lineno(t);
	bbt_table_close(t);
	return (r->o->strict && r->nbad) || r->p->ioerr ? -1 : 0;
}

/*
 * Range k, on the reader of the thread that took it. Ranges are taken
 * in order, so when --strict stops at a bad row every earlier range has
 * been taken, and the first bad row of the file is among those found.
 * An I/O error stops the file too: there will be no report.
 */
static void
range_job(void *arg, int thread, size_t k)
{
	struct reader *r = (struct reader *)arg + thread;

	if (!atomic_load(&r->rg->stop) && read_one(r, (int)k) < 0)
		atomic_store(&r->rg->stop, 1);
}

/* A reader's buffered histogram minutes, counted. */
static void
flush_job(void *arg, int thread, size_t i)
{
	struct reader *r = (struct reader *)arg + i;

	(void)thread;
	qa_groups_flush(&r->p->groups);
}

static int
cmp_bad(const void *a, const void *b)
{
	const struct qa_bad *x = a, *y = b;

	if (x->range != y->range)
		return x->range < y->range ? -1 : 1;
	return (x->line > y->line) - (x->line < y->line);
}

static int
cmp_unknown(const void *a, const void *b)
{
	const struct qa_unknown *x = a, *y = b;

	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	return x->what - y->what;
}

/* A file's unknown kind and outcome words into p, in line order. */
static void
collect_unknowns(struct qa_part *p, struct reader *rs, int nr,
    const unsigned long *base)
{
	struct qa_unknown *all = NULL;
	size_t n = 0;
	int64_t more = 0;

	for (int i = 0; i < nr; i++) {
		struct reader *r = &rs[i];

		more += r->unk_more;
		if (r->nunk) {
			all = realloc(all, (n + r->nunk) * sizeof(*all));
			if (all == NULL)
				err(71, "realloc");
			for (size_t j = 0; j < r->nunk; j++) {
				all[n + j] = r->unk[j];
				all[n + j].line += base[r->unk[j].range];
			}
			n += r->nunk;
		}
		free(r->unk);
		r->unk = NULL;
		r->nunk = 0;
		r->unk_more = 0;
	}
	if (n > 1)
		qsort(all, n, sizeof(*all), cmp_unknown);
	qa_unknown_merge(p, all, n, more);
}

/*
 * Moves a file's bad rows into p, in file order, line numbers made
 * absolute. Each thread kept its first --errors in the order it read
 * its ranges, which is file order, so the file's first ones are there.
 */
static void
collect_bads(struct qa_opts *o, struct qa_part *p, struct reader *rs,
    int nr, const struct ranges *rg)
{
	struct qa_bad *all = NULL;
	size_t n = 0;
	unsigned long *base;

	if ((base = calloc((size_t)rg->n, sizeof(*base))) == NULL)
		err(71, "calloc");
	for (int k = 1; k < rg->n; k++)
		base[k] = base[k - 1] + rg->lines[k - 1];
	for (int i = 0; i < nr; i++) {
		struct reader *r = &rs[i];

		p->bad += r->nbad;
		if (r->nbads > 0) {
			all = realloc(all, (n + r->nbads) * sizeof(*all));
			if (all == NULL)
				err(71, "realloc");
			memcpy(all + n, r->bads, r->nbads * sizeof(*all));
			n += r->nbads;
		}
		free(r->bads);
		r->bads = NULL;
		r->nbads = 0;
		r->nbad = 0;
	}
	collect_unknowns(p, rs, nr, base);
	if (n > 1)
		qsort(all, n, sizeof(*all), cmp_bad);
	for (size_t k = 0; k < n; k++) {
		struct qa_bad *b = &all[k];

		if ((long)p->nbads >= o->errors ||
		    (o->strict && p->nbads > 0)) {
			free(b->file);
			free(b->reason);
			continue;
		}
		p->bads = realloc(p->bads, (p->nbads + 1) * sizeof(*p->bads));
		if (p->bads == NULL)
			err(71, "realloc");
		b->line += base[b->range];
		p->bads[p->nbads++] = *b;
	}
	free(all);
	free(base);
}

/* A plain regular file large enough to split: its size, else 0. */
static uint64_t
splittable(const char *path, int threads)
{
	struct stat st;
	unsigned char m[2];
	int fd;
	ssize_t n;

	if (threads < 2 || strcmp(path, "-") == 0)
		return 0;
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0)
		return 0;
	n = read(fd, m, 2);
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode) ||
	    st.st_size < SPLIT_MIN || (n == 2 && m[0] == 0x1f && m[1] == 0x8b)) {
		close(fd);
		return 0;
	}
	close(fd);
	return (uint64_t)st.st_size;
}

int
qa_scan(struct qa_opts *o, struct qa_part *main_part)
{
	int nt = o->threads < 1 ? 1 : o->threads;
	struct qa_part *parts = calloc((size_t)nt, sizeof(*parts));
	struct reader *rs = calloc((size_t)nt, sizeof(*rs));
	struct progress pg;
	int rc = 0;

	if (parts == NULL || rs == NULL)
		err(71, "calloc");
	memset(&pg, 0, sizeof(pg));
	pg.on = o->progress;
	for (int f = 0; f < o->nfiles; f++) {
		struct stat st;
		if (stat(o->files[f], &st) == 0 && S_ISREG(st.st_mode))
			pg.total += (uint64_t)st.st_size;
	}
	pg.next_ms = bbt_mono_ms() + 500;
	for (int i = 0; i < nt; i++) {
		rs[i].o = o;
		rs[i].p = i == 0 ? main_part : &parts[i];
		/* The budget is the run's: each reader has its share. */
		rs[i].p->ev_budget = o->memory / (size_t)nt ?
		    o->memory / (size_t)nt : 1;
		rs[i].prog = &pg;
		rs[i].printer = i == 0;
		rs[i].key_late = o->month_dim;
		for (int d = 0; d < o->nby; d++)
			rs[i].key_late |= o->by[d] == QA_D_MONTH;
		rs[i].key_col = -1;
		if (o->nby == 1 && !o->month_dim)
			rs[i].key_col = o->by[0] == QA_D_TECH ? BBT_O_TECH :
			    o->by[0] == QA_D_TEAM ? BBT_O_TEAM :
			    o->by[0] == QA_D_AREA ? BBT_O_AREA : -1;
	}
	for (int f = 0; f < o->nfiles && !main_part->fatal; f++) {
		const char *path = o->files[f];
		struct ranges rg = { .path = path };
		int n;

		rg.size = splittable(path, nt);
		/* The header once for all ranges; CSV, or a line over 1 MiB
		 * before the header, is read by one thread (lib/table.h). */
		if (rg.size && ((rg.head = bbt_table_open_head(path,
		    bbt_order_cols, BBT_O_NCOLS, "order")) == NULL ||
		    !bbt_table_splittable(rg.head)))
			rg.size = 0;
		rg.n = 1;
		if (rg.size) {
			uint64_t k = (rg.size + RANGE_MAX - 1) / RANGE_MAX;

			if (k < 4 * (uint64_t)nt)
				k = 4 * (uint64_t)nt;
			if (k > rg.size / RANGE_MIN)
				k = rg.size / RANGE_MIN;
			rg.n = k < 1 ? 1 : k > INT_MAX ? INT_MAX : (int)k;
		}
		if ((rg.lines = calloc((size_t)rg.n, sizeof(*rg.lines))) ==
		    NULL)
			err(71, "calloc");
		for (int i = 0; i < nt; i++)
			rs[i].rg = &rg;
		n = qa_par(nt, (size_t)rg.n, range_job, rs);
		qa_par(n, (size_t)n, flush_job, rs);
		collect_bads(o, main_part, rs, n, &rg);
		free(rg.lines);
		bbt_table_close(rg.head);
		for (int i = 1; i < n; i++)
			main_part->ioerr |= parts[i].ioerr;
		if (o->strict && main_part->bad)
			main_part->fatal = 1;
	}
	if (pg.on)
		progress_show(&pg, 1);
	for (int i = 1; i < nt; i++) {
		qa_part_merge(main_part, &parts[i], nt);
		qa_part_free(&parts[i]);
	}
	free(parts);
	free(rs);
	if (main_part->ioerr)
		rc = main_part->ioerr & 1 ? -1 : -2;
	return rc;
}
