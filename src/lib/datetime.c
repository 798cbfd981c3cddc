/* SPDX-License-Identifier: MIT */
/*
 * Time parsing and formatting. Local times are converted with an offset
 * cached per hour of local wall-clock time: mktime() per row would be
 * most of qareport's run time on a 10 M-row log.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "lib/datetime.h"

int64_t
bbt_days_from_civil(int y, int m, int d)
{
	/* Howard Hinnant's days_from_civil. */
	y -= m <= 2;
	const int64_t era = (y >= 0 ? y : y - 399) / 400;
	const unsigned yoe = (unsigned)(y - era * 400);
	const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + (int64_t)doe - 719468;
}

static int
days_in_month(int y, int m)
{
	static const int dm[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return dm[m - 1];
}

static int
digits(const char *s, int n)
{
	int v = 0;
	for (int i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

struct offcache {
	int64_t	key;	/* local naive seconds / 3600 */
	long	off;
	int	used;
};
#define OFFCACHE 4096
static __thread struct offcache cache[OFFCACHE];

/*
 * The offset that applies to the local wall-clock hour starting at naive
 * (seconds since the epoch as if local time were UTC). localtime_r(), not
 * mktime(): glibc's mktime() calls tzset() and so stats /etc/localtime on
 * every call.
 */
static long
hour_offset(int64_t naive)
{
	time_t t = (time_t)naive;
	struct tm tm;
	long off, off2;

	localtime_r(&t, &tm);
	off = tm.tm_gmtoff;
	t = (time_t)(naive - off);
	localtime_r(&t, &tm);
	off2 = tm.tm_gmtoff;
	if (off2 != off) {
		/* Near a DST change: the second guess is right when it is
		 * consistent with itself. */
		t = (time_t)(naive - off2);
		localtime_r(&t, &tm);
		if (tm.tm_gmtoff == off2)
			off = off2;
	}
	return off;
}

static long
local_offset(int64_t naive)
{
	int64_t key = naive >= 0 ? naive / 3600 : (naive - 3599) / 3600;
	struct offcache *c = &cache[(uint64_t)key % OFFCACHE];

	if (c->used && c->key == key)
		return c->off;
	c->key = key;
	c->off = hour_offset(key * 3600);
	c->used = 1;
	return c->off;
}

int
bbt_time_parse(const char *s, size_t len, int64_t *out)
{
	int y, mo, d, h, mi, sec = 0;
	size_t i;
	int64_t naive;

	/* YYYY-MM-DD[ T]HH:MM — 16 characters at least. */
	if (len < 16)
		return -1;
	if ((y = digits(s, 4)) < 0 || (s[4] != '-' && s[4] != '/') ||
	    (mo = digits(s + 5, 2)) < 0 || s[7] != s[4] ||
	    (d = digits(s + 8, 2)) < 0 || (s[10] != ' ' && s[10] != 'T') ||
	    (h = digits(s + 11, 2)) < 0 || s[13] != ':' ||
	    (mi = digits(s + 14, 2)) < 0)
		return -1;
	i = 16;
	if (i < len && s[i] == ':') {
		if (len < 19 || (sec = digits(s + 17, 2)) < 0)
			return -1;
		i = 19;
		if (i < len && s[i] == '.') {
			i++;
			if (i >= len || s[i] < '0' || s[i] > '9')
				return -1;
			while (i < len && s[i] >= '0' && s[i] <= '9')
				i++;
		}
	}
	if (y < 1900 || y > 9999 || mo < 1 || mo > 12 || d < 1 ||
	    d > days_in_month(y, mo) || h > 23 || mi > 59 || sec > 60)
		return -1;
	naive = bbt_days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60 +
	    sec;
	if (i == len) {
		*out = naive - local_offset(naive);
		return 0;
	}
	if (s[i] == 'Z' || s[i] == 'z') {
		if (i + 1 != len)
			return -1;
		*out = naive;
		return 0;
	}
	if (s[i] == '+' || s[i] == '-') {
		int oh, om;
		int sign = s[i] == '-' ? -1 : 1;
		const char *p = s + i + 1;
		size_t rest = len - i - 1;

		if (rest == 5 && p[2] == ':') {
			oh = digits(p, 2);
			om = digits(p + 3, 2);
		} else if (rest == 4) {
			oh = digits(p, 2);
			om = digits(p + 2, 2);
		} else if (rest == 2) {
			oh = digits(p, 2);
			om = 0;
		} else
			return -1;
		if (oh < 0 || om < 0 || oh > 23 || om > 59)
			return -1;
		*out = naive - sign * (oh * 3600 + om * 60);
		return 0;
	}
	return -1;
}

char *
bbt_time_rfc3339(int64_t t, char buf[BBT_TIME_BUFSZ])
{
	time_t tt = (time_t)t;
	struct tm tm;
	long off;
	char sign = '+';

	localtime_r(&tt, &tm);
	off = tm.tm_gmtoff;
	if (off < 0) {
		sign = '-';
		off = -off;
	}
	/* The moduli only tell the compiler the fields' widths. */
	snprintf(buf, BBT_TIME_BUFSZ, "%04u-%02u-%02uT%02u:%02u:%02u%c%02u:%02u",
	    (unsigned)(tm.tm_year + 1900) % 10000, (unsigned)(tm.tm_mon + 1) % 100,
	    (unsigned)tm.tm_mday % 100, (unsigned)tm.tm_hour % 100,
	    (unsigned)tm.tm_min % 100, (unsigned)tm.tm_sec % 100, sign,
	    (unsigned)(off / 3600) % 100, (unsigned)(off % 3600 / 60) % 100);
	return buf;
}

char *
bbt_time_local_min(int64_t t, char buf[BBT_TIME_BUFSZ])
{
	int y, mo, d, h, mi;

	bbt_time_split(t, &y, &mo, &d, &h, &mi);
	snprintf(buf, BBT_TIME_BUFSZ, "%04u-%02u-%02u %02u:%02u",
	    (unsigned)y % 10000, (unsigned)mo % 100, (unsigned)d % 100,
	    (unsigned)h % 100, (unsigned)mi % 100);
	return buf;
}

void
bbt_time_split(int64_t t, int *y, int *mo, int *d, int *h, int *mi)
{
	time_t tt = (time_t)t;
	struct tm tm;

	localtime_r(&tt, &tm);
	*y = tm.tm_year + 1900;
	*mo = tm.tm_mon + 1;
	*d = tm.tm_mday;
	*h = tm.tm_hour;
	*mi = tm.tm_min;
}

long
bbt_time_local_offset(int64_t naive)
{
	return local_offset(naive);
}

long
bbt_time_offset(int64_t t)
{
	time_t tt = (time_t)t;
	struct tm tm;

	localtime_r(&tt, &tm);
	return tm.tm_gmtoff;
}

int64_t
bbt_time_now(void)
{
	return (int64_t)time(NULL);
}

int64_t
bbt_mono_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}
