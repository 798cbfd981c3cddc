/* SPDX-License-Identifier: MIT */
#include "testutil.h"
#include <limits.h>

#include "lib/num.h"

static void
test_ll(void **st)
{
	static const struct {
		const char *s;
		long long min, max, want;
		int ok;
	} t[] = {
		{ "0", 0, 10, 0, 1 }, { "10", 0, 10, 10, 1 },
		{ "11", 0, 10, 0, 0 }, { "-1", 0, 10, 0, 0 },
		{ "-5", -10, 10, -5, 1 }, { "", 0, 10, 0, 0 },
		{ " 1", 0, 10, 0, 0 }, { "1 ", 0, 10, 0, 0 },
		{ "1x", 0, 10, 0, 0 }, { "+1", 0, 10, 0, 0 },
		{ "0x10", 0, 100, 0, 0 },
		/* strtoll(3) skips these (fuzz_opts): */
		{ "\f45", 0, 100, 0, 0 }, { "\v1", 0, 10, 0, 0 },
		{ "\n1", 0, 10, 0, 0 }, { "- 1", -10, 10, 0, 0 },
		{ "99999999999999999999", 0, LLONG_MAX, 0, 0 },
	};
	(void)st;
	for (size_t i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		long long v = -42;
		const char *why = bbt_num_ll(t[i].s, t[i].min, t[i].max, &v);
		if (t[i].ok) {
			assert_null(why);
			assert_int_equal(v, t[i].want);
		} else {
			assert_non_null(why);
			assert_int_equal(v, -42);
		}
	}
	assert_null(bbt_num_ll(NULL, 0, 1, &(long long){0}) == NULL ? "x" : NULL);
}

static void
test_double(void **st)
{
	double v;

	(void)st;
	assert_null(bbt_num_double("-26.5", -50, 10, &v));
	assert_true(v == -26.5);
	assert_non_null(bbt_num_double("nan", -50, 10, &v));
	assert_non_null(bbt_num_double("inf", -50, 10, &v));
	assert_non_null(bbt_num_double("1e400", -50, 10, &v));
	assert_non_null(bbt_num_double("11", -50, 10, &v));
	assert_non_null(bbt_num_double("1,5", -50, 10, &v));
	assert_non_null(bbt_num_double("\f1", -50, 10, &v));
	assert_non_null(bbt_num_double("\r1", -50, 10, &v));
	assert_null(bbt_num_double(".5", -50, 10, &v));
	assert_null(bbt_num_double("-.5", -50, 10, &v));
}

static void
test_duration(void **st)
{
	static const struct {
		const char *s;
		long long want;
	} ok[] = {
		{ "1", 1000 }, { "1.5", 1500 }, { "500ms", 500 }, { "2s", 2000 },
		{ "3m", 180000 }, { "2h", 7200000 }, { "30d", 2592000000LL },
		{ "0.25s", 250 },
	};
	static const char *const bad[] = { "", "-1", "1x", "s", "1 s", "+2",
		"\f2h", "\n2h", "\v1s" };
	long long v;

	(void)st;
	for (size_t i = 0; i < sizeof(ok) / sizeof(ok[0]); i++) {
		assert_null(bbt_num_duration_ms(ok[i].s, 0, LLONG_MAX / 2, &v));
		assert_int_equal(v, ok[i].want);
	}
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		assert_non_null(bbt_num_duration_ms(bad[i], 0, LLONG_MAX / 2, &v));
	assert_non_null(bbt_num_duration_ms("2h", 0, 60000, &v));
}

static void
test_size(void **st)
{
	static const struct {
		const char *s;
		unsigned long long want;
	} ok[] = {
		{ "1", 1 }, { "4096", 4096 }, { "64K", 65536 },
		{ "256M", 256ULL << 20 }, { "2G", 2ULL << 30 },
	};
	static const char *const bad[] = { "", "-1", "1x", "K", "1 K", "+2",
		"1k", "1KB", "99999999999999999999", "20000000000G" };
	unsigned long long v;

	(void)st;
	for (size_t i = 0; i < sizeof(ok) / sizeof(ok[0]); i++) {
		assert_null(bbt_num_size(ok[i].s, 1, ULLONG_MAX, &v));
		assert_true(v == ok[i].want);
	}
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		assert_non_null(bbt_num_size(bad[i], 1, ULLONG_MAX, &v));
	assert_non_null(bbt_num_size("0", 1, ULLONG_MAX, &v));
	assert_non_null(bbt_num_size("2K", 1, 2047, &v));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ll),
		cmocka_unit_test(test_double),
		cmocka_unit_test(test_duration),
		cmocka_unit_test(test_size),
	};
	return cmocka_run_group_tests_name("num", tests, NULL, NULL);
}
