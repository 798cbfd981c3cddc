/* SPDX-License-Identifier: MIT */
#include <langinfo.h>
#include <locale.h>

#include "testutil.h"
#include "lib/i18n.h"

static void
test_init(void **st)
{
	(void)st;
	setenv("LC_ALL", "C", 1);
	bbt_i18n_init();
	/* Records are UTF-8 even under LC_ALL=C. */
	assert_string_equal(nl_langinfo(CODESET), "UTF-8");
	assert_string_equal(localeconv()->decimal_point, ".");
	assert_string_equal(textdomain(NULL), BBT_TEXTDOMAIN);
	/* No catalogue for C: messages come back untranslated. */
	assert_string_equal(_("write error"), "write error");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_init),
	};
	return cmocka_run_group_tests_name("i18n", tests, NULL, NULL);
}
