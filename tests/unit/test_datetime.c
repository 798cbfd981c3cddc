/* SPDX-License-Identifier: MIT */
#include <time.h>

#include "testutil.h"
#include "lib/datetime.h"

static int
setup_tz(void **st)
{
	(void)st;
	setenv("TZ", "Asia/Shanghai", 1);
	tzset();
	return 0;
}

static void
test_parse(void **st)
{
	static const struct {
		const char *s;
		int64_t want;
	} ok[] = {
		/* 2026-11-24 14:05 +08:00 = 06:05Z */
		{ "2026-11-24 14:05", 1795500300 },
		{ "2026-11-24T14:05", 1795500300 },
		{ "2026-11-24 14:05:07", 1795500307 },
		{ "2026/11/24 14:05", 1795500300 },
		{ "2026-11-24T14:05:00+08:00", 1795500300 },
		{ "2026-11-24T06:05:00Z", 1795500300 },
		{ "2026-11-24T06:05:00.123Z", 1795500300 },
		{ "2026-11-24T07:05:00+0100", 1795500300 },
		{ "2026-11-24T01:05:00-05:00", 1795500300 },
		{ "2024-02-29 00:00", 1709136000 },
		{ "1970-01-01T00:00:00Z", 0 },
	};
	static const char *const bad[] = {
		"", "2026-11-24", "2026-11-24 14", "2026-13-01 00:00",
		"2026-02-29 00:00", "2026-11-31 00:00", "2026-11-24 24:00",
		"2026-11-24 14:60", "2026-11-24 14:05:61", "2026-11-24x14:05",
		"2026-11-24 14:05+8", "2026-11-24 14:05 ", "2026-11-24 14:05Zx",
		"2026-11/24 14:05", "２０２６-11-24 14:05", "2026-11-24 14:05:0",
		"2026-11-24T14:05:00+25:00", "2026-11-24T14:05:00.Z",
	};
	int64_t t;

	(void)st;
	for (size_t i = 0; i < sizeof(ok) / sizeof(ok[0]); i++) {
		assert_int_equal(bbt_time_parse(ok[i].s, strlen(ok[i].s), &t), 0);
		assert_int_equal(t, ok[i].want);
	}
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		assert_int_equal(bbt_time_parse(bad[i], strlen(bad[i]), &t), -1);
}

static void
test_format(void **st)
{
	char b[BBT_TIME_BUFSZ];
	int y, mo, d, h, mi;

	(void)st;
	assert_string_equal(bbt_time_rfc3339(1795500300, b),
	    "2026-11-24T14:05:00+08:00");
	assert_string_equal(bbt_time_local_min(1795500307, b),
	    "2026-11-24 14:05");
	bbt_time_split(1795500300, &y, &mo, &d, &h, &mi);
	assert_int_equal(y, 2026);
	assert_int_equal(mo, 11);
	assert_int_equal(d, 24);
	assert_int_equal(h, 14);
	assert_int_equal(mi, 5);
	assert_int_equal(bbt_time_offset(0), 8 * 3600);
	assert_int_equal(bbt_days_from_civil(1970, 1, 1), 0);
	assert_int_equal(bbt_days_from_civil(2000, 3, 1), 11017);
}

/* The per-hour offset cache must agree with mktime() across a DST change. */
static void
test_dst(void **st)
{
	int64_t t;
	struct tm tm = { 0 };
	time_t want;
	const char *s = "2026-07-01 12:30";

	(void)st;
	setenv("TZ", "Europe/Berlin", 1);
	tzset();
	assert_int_equal(bbt_time_parse(s, strlen(s), &t), 0);
	tm.tm_year = 126;
	tm.tm_mon = 6;
	tm.tm_mday = 1;
	tm.tm_hour = 12;
	tm.tm_min = 30;
	tm.tm_isdst = -1;
	want = mktime(&tm);
	/* The cache keys on local hours; Berlin summer time is +02:00. */
	assert_int_equal(t, (int64_t)want);
	s = "2026-01-01 12:30";
	assert_int_equal(bbt_time_parse(s, strlen(s), &t), 0);
	assert_int_equal(t, 1767267000);
	setup_tz(NULL);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse),
		cmocka_unit_test(test_format),
		cmocka_unit_test(test_dst),
	};
	return cmocka_run_group_tests_name("datetime", tests, setup_tz, NULL);
}
