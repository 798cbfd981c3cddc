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

uint16_t qa_tm_hour[1 << 16], qa_tm_min[1 << 16];

void
qa_row_time_init(void)
{
	for (unsigned x = 0; x < 1 << 16; x++) {
		unsigned d1 = (x & 0xff) - '0', d0 = (x >> 8) - '0';
		unsigned v = d1 * 10 + d0;

		qa_tm_hour[x] = d1 <= 9 && d0 <= 9 && v <= 23 ? v * 60 :
		    TM_BAD;
		qa_tm_min[x] = d1 <= 9 && d0 <= 9 && v <= 59 ? v : TM_BAD;
	}
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

/* The n digits at s as a number, or -1. */
static int
digits(const char *s, int n)
{
	int v = 0;

	for (int i = 0; i < n; i++) {
		unsigned c = (unsigned char)s[i] - (unsigned)'0';

		if (c > 9)
			return -1;
		v = v * 10 + (int)c;
	}
	return v;
}

/*
 * "YYYY-MM-DD HH:MM" at s, the offset from the cache of days; the day
 * goes into tc. The minute (UTC, no bias) in *m, or -1 when
 * bbt_time_parse() must decide (another layout, a bad date, a day with
 * a DST change). A day is missed once a day or two of rows: this is
 * not the hot path, qa_row_time() is.
 */
static int
time_plain(struct reader *r, struct tcache *tc, const char *s, int64_t *m)
{
	static const unsigned char mdays[] = { 31, 28, 31, 30, 31, 30, 31,
	    31, 30, 31, 30, 31 };
	int y = digits(s, 4), mo = digits(s + 5, 2), d = digits(s + 8, 2),
	    h = digits(s + 11, 2), mi = digits(s + 14, 2);
	int64_t day, base;
	int32_t off;

	if (s[4] != '-' || s[7] != '-' || s[10] != ' ' || s[13] != ':' ||
	    y < 1900 || mo < 1 || mo > 12 || d < 1 || h < 0 || h > 23 ||
	    mi < 0 || mi > 59 ||
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
		memcpy(&tc->a, s, 8);
		memcpy(&tc->b, s + 8, 8);
		tc->b &= TM_FIX_B;
		tc->base = (uint32_t)base;
	}
	*m = day * 1440 - off + h * 60 + mi;
	return 0;
}

/*
 * A time to the minute (+ QA_TBIAS), when qa_row_time() (scan.h) did not
 * find its day in the cache. The common "YYYY-MM-DD HH:MM" is read
 * here (time_plain()); anything else (seconds, offsets, 'T', days with
 * a DST change) goes through bbt_time_parse(), and both paths give the
 * same result.
 */
int
qa_row_time_parse(struct reader *r, const struct bbt_field *f, uint32_t *out)
{
	int64_t secs, m;

	if (f->len == 16 && time_plain(r, &r->tc[qa_tcache_slot(f->s)],
	    f->s, &m) == 0)
		goto done;
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
