/* SPDX-License-Identifier: MIT */
#include "testutil.h"
#include "lib/state.h"

static void
test_worst(void **st)
{
	static const struct {
		enum bbt_state a, b, want;
	} t[] = {
		{ BBT_OK, BBT_OK, BBT_OK },
		{ BBT_OK, BBT_UNKNOWN, BBT_UNKNOWN },
		{ BBT_UNKNOWN, BBT_WARNING, BBT_WARNING },
		{ BBT_WARNING, BBT_UNKNOWN, BBT_WARNING },
		{ BBT_CRITICAL, BBT_WARNING, BBT_CRITICAL },
		{ BBT_UNKNOWN, BBT_CRITICAL, BBT_CRITICAL },
		{ BBT_SKIPPED, BBT_OK, BBT_OK },
		{ BBT_INFO, BBT_SKIPPED, BBT_OK },
		{ BBT_SKIPPED, BBT_WARNING, BBT_WARNING },
	};
	(void)st;
	for (size_t i = 0; i < sizeof(t) / sizeof(t[0]); i++)
		assert_int_equal(bbt_state_worst(t[i].a, t[i].b), t[i].want);
}

static void
test_names(void **st)
{
	enum bbt_state s;

	(void)st;
	for (int i = 0; i < BBT_NSTATES; i++) {
		assert_int_equal(bbt_state_parse(bbt_state_name(i), &s), 0);
		assert_int_equal(s, i);
	}
	assert_string_equal(bbt_state_name(BBT_CRITICAL), "critical");
	assert_string_equal(bbt_state_upper(BBT_WARNING), "WARNING");
	assert_int_equal(bbt_state_parse("OK", &s), -1);
	assert_int_equal(bbt_state_parse("", &s), -1);
	assert_int_equal(bbt_state_exit(BBT_UNKNOWN), 3);
	assert_int_equal(bbt_state_exit(BBT_SKIPPED), 0);
	assert_int_equal(bbt_state_exit(BBT_INFO), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_worst),
		cmocka_unit_test(test_names),
	};
	return cmocka_run_group_tests_name("state", tests, NULL, NULL);
}
