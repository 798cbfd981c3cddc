/* SPDX-License-Identifier: MIT */
/*
 * The times of a row, to the minute, and the month a row is dated in.
 * An order has five to seven times, so this is most of a row's work:
 * the common "YYYY-MM-DD HH:MM" has a fast path, anything else goes
 * through lib/datetime, and both give the same result.
 */
#include <stdio.h>
#include <string.h>

#include "lib/datetime.h"
#include "qareport/scan.h"

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

/* Digit bytes of "YYYY-MM-" and "DD HH:MM", and their separators (the
 * other masks are scan.h's, for the inline path). */
#define DIG_A	0x00ffff00ffffffffULL
#define DIG_B	0xffff00ffff00ffffULL
#define SEP_A	0xff0000ff00000000ULL
#define SEP_B	0x0000ff0000ff0000ULL
#define WANT_A	0x2d00002d00000000ULL
#define WANT_B	0x00003a0000200000ULL

/*
 * "YYYY-MM-DD HH:MM" as the words a and b, digits and separators checked
 * at once, the offset from the cache of days; the day goes into tc.
 * The minute (UTC, no bias) in *m, or -1 when bbt_time_parse() must
 * decide (another layout, a bad date, a day with a DST change).
 */
static int
time_words(struct reader *r, struct tcache *tc, uint64_t a, uint64_t b,
    int64_t *m)
{
	static const unsigned char mdays[] = { 31, 28, 31, 30, 31, 30, 31,
	    31, 30, 31, 30, 31 };
	uint64_t da, db;
	int y, mo, d, h, mi;
	int64_t day, base;
	int32_t off;

	/* 0x30-0x3f, then no byte past '9' */
	if ((a & DIG_A & TM_HI) != (TM_ZEROS & DIG_A) ||
	    (b & DIG_B & TM_HI) != (TM_ZEROS & DIG_B) ||
	    ((a + TM_SIX) & DIG_A & TM_HI) != (TM_ZEROS & DIG_A) ||
	    ((b + TM_SIX) & DIG_B & TM_HI) != (TM_ZEROS & DIG_B) ||
	    (a & SEP_A) != WANT_A || (b & SEP_B) != WANT_B)
		return -1;
	/* Separators masked out: no borrow. */
	da = (a & DIG_A) - (TM_ZEROS & DIG_A);
	db = (b & DIG_B) - (TM_ZEROS & DIG_B);
	y = (int)(da & 0xff) * 1000 + (int)(da >> 8 & 0xff) * 100 +
	    (int)(da >> 16 & 0xff) * 10 + (int)(da >> 24 & 0xff);
	mo = (int)(da >> 40 & 0xff) * 10 + (int)(da >> 48 & 0xff);
	d = (int)(db & 0xff) * 10 + (int)(db >> 8 & 0xff);
	h = (int)(db >> 24 & 0xff) * 10 + (int)(db >> 32 & 0xff);
	mi = (int)(db >> 48 & 0xff) * 10 + (int)(db >> 56 & 0xff);
	if (y < 1900 || mo < 1 || mo > 12 || d < 1 || h > 23 || mi > 59 ||
	    (d > mdays[mo - 1] && !(mo == 2 && d == 29 && leap(y))))
		return -1;
	if (y != r->y_num) {
		r->y_num = y;
		r->y_day = bbt_days_from_civil(y, 1, 1);
		/* cached: y % 100 was a division per time */
		r->y_leap = leap(y);
	}
	day = r->y_day + ydays[r->y_leap][mo - 1] + d - 1;
	if ((off = day_offset(r, day)) == DC_MIXED)
		return -1;
	base = day * 1440 - off + QA_TBIAS;
	/* Cached when every minute of the day is a time: the hit needs no
	 * check. */
	if (base >= 1 && base + 1439 <= (int64_t)UINT32_MAX) {
		tc->a = a;
		tc->b = b & TM_FIX_B;
		tc->base = (uint32_t)base;
	}
	*m = day * 1440 - off + h * 60 + mi;
	return 0;
}

/*
 * A time to the minute (+ QA_TBIAS), when qa_row_time() (scan.h) did not
 * find its day in the cache. The common "YYYY-MM-DD HH:MM" is read as
 * two 8-byte words (time_words()); anything else (seconds, offsets, 'T',
 * days with a DST change) goes through bbt_time_parse(), and both paths
 * give the same result.
 */
int
qa_row_time_parse(struct reader *r, const struct bbt_field *f, uint32_t *out)
{
	int64_t secs, m;

	if (f->len == 16) {
		uint64_t a, b;

		memcpy(&a, f->s, 8);
		memcpy(&b, f->s + 8, 8);
		/* indexed by the day's digits, 0-3 and 0-9 */
		if (time_words(r, &r->tc[(b & 3) << 4 | (b >> 8 & 15)], a, b,
		    &m) == 0)
			goto done;
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
const char *
qa_row_month(struct reader *r, uint32_t t)
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
