/* SPDX-License-Identifier: MIT */
#include "testutil.h"
#include "lib/ether.h"

static void
test_mac(void **st)
{
	static const struct {
		const char *s;
		int ok;
		uint8_t m[6];
	} t[] = {
		{ "02:00:00:00:00:10", 1, { 2, 0, 0, 0, 0, 0x10 } },
		{ "52-54-00-BB-00-01", 1, { 0x52, 0x54, 0, 0xbb, 0, 1 } },
		{ "52:54:00:bb:00", 0, { 0 } },
		{ "52:54:00:bb:00:01:", 0, { 0 } },
		{ "52:54:00:bb:00:0g", 0, { 0 } },
		{ "5254.00bb.0001", 0, { 0 } },
		{ "", 0, { 0 } },
	};
	char buf[BBT_MAC_STRLEN];

	(void)st;
	for (size_t i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		uint8_t m[6];

		assert_int_equal(bbt_mac_parse(t[i].s, m), t[i].ok ? 0 : -1);
		if (t[i].ok)
			assert_memory_equal(m, t[i].m, 6);
	}
	assert_string_equal(bbt_mac_str(t[1].m, buf), "52:54:00:bb:00:01");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_mac),
	};
	return cmocka_run_group_tests_name("ether", tests, NULL, NULL);
}
