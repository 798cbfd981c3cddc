/* SPDX-License-Identifier: MIT */
/*
 * Times: local "YYYY-MM-DD HH:MM[:SS]" (also with a 'T') and RFC 3339 with
 * an offset or Z on input; RFC 3339 with the local offset on output.
 * Values are seconds since the epoch (int64_t). Parsing local times is
 * on qareport's hot path, so the UTC offset of local times is cached
 * per hour instead of calling mktime() per row.
 */
#ifndef BBT_DATETIME_H
#define BBT_DATETIME_H

#include <stddef.h>
#include <stdint.h>

#define BBT_TIME_BUFSZ	32	/* fits "2026-11-24T14:05:00+08:00" */

/* 0 on success, -1 when the text is not a valid time (range-checked). */
int	 bbt_time_parse(const char *, size_t, int64_t *);
/* RFC 3339 with the local offset: "2026-11-24T14:05:00+08:00". */
char	*bbt_time_rfc3339(int64_t, char buf[BBT_TIME_BUFSZ]);
/* Local "YYYY-MM-DD HH:MM" (no seconds). */
char	*bbt_time_local_min(int64_t, char buf[BBT_TIME_BUFSZ]);
/* Local broken-down time (year, month 1-12, day, hour, minute). */
void	 bbt_time_split(int64_t, int *y, int *mo, int *d, int *h, int *mi);
/* The local offset from UTC, in seconds, at that instant. */
long	 bbt_time_offset(int64_t);
/*
 * The offset bbt_time_parse() subtracts from a local wall-clock time
 * given as naive seconds (the local time as if it were UTC), so that
 * callers with their own fixed-format fast path give the same result.
 */
long	 bbt_time_local_offset(int64_t naive);
/* Days since 1970-01-01 for a civil date (proleptic Gregorian). */
int64_t	 bbt_days_from_civil(int y, int m, int d);
int64_t	 bbt_time_now(void);
/* Monotonic clock in milliseconds, for deadlines. */
int64_t	 bbt_mono_ms(void);

#endif
