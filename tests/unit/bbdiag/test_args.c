/* SPDX-License-Identifier: MIT */
/* Argument parsing, table-driven (ethtool's test-cmdline.c style). */
#include <argp.h>

#include "../testutil.h"
#include "bbdiag/bbdiag.h"

static int
parse(const char *line, struct bbdiag_opts *o)
{
	char *argv[40];
	int argc = test_argv("bbdiag", line, argv, 40);

	return bbdiag_parse_args(argc, argv, o, ARGP_SILENT & ~ARGP_NO_HELP);
}

static void
test_table(void **st)
{
	static const struct {
		const char *line;
		int ok;
		size_t nobs, nfiles;
	} t[] = {
		{ "", 1, 0, 0 },
		{ "code=691", 1, 1, 0 },
		{ "access=ftth light.los=red day.rec -", 1, 2, 2 },
		{ "./a=b", 1, 0, 1 },
		{ "A=b", 1, 0, 1 },
		{ "=x", 1, 0, 1 },
		{ "--top 3", 1, 0, 0 },
		{ "--top 0", 0, 0, 0 },
		{ "--top 17", 0, 0, 0 },
		{ "--top x", 0, 0, 0 },
		{ "-b --top 2", 1, 0, 0 },
		{ "--list faults", 1, 0, 0 },
		{ "--list everything", 0, 0, 0 },
		{ "--format json", 1, 0, 0 },
		{ "--format xml", 0, 0, 0 },
		{ "--ask", 1, 0, 0 },
		{ "--ask f.rec", 1, 0, 1 },
		{ "--ask -", 0, 0, 1 },
		{ "--ask --batch", 0, 0, 0 },
		{ "--case visit-7", 1, 0, 0 },
		{ "--catalogue x.catalog code=691", 1, 1, 0 },
		{ "--bogus", 0, 0, 0 },
	};

	(void)st;
	for (size_t i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		struct bbdiag_opts o;
		int r = parse(t[i].line, &o);

		if ((r == 0) != t[i].ok)
			fail_msg("'%s': parse returned %d", t[i].line, r);
		if (r == 0 && (o.nobs != t[i].nobs || o.nfiles != t[i].nfiles))
			fail_msg("'%s': %zu obs %zu files", t[i].line, o.nobs,
			    o.nfiles);
		bbdiag_free_opts(&o);
	}
}

static void
test_values(void **st)
{
	struct bbdiag_opts o;

	(void)st;
	assert_int_equal(parse("-b --top 5 --case v1 rx_power=-25.5 f.rec",
	    &o), 0);
	assert_true(o.batch);
	assert_int_equal(o.top, 5);
	assert_string_equal(o.case_id, "v1");
	assert_string_equal(o.obs[0].key, "rx_power");
	assert_string_equal(o.obs[0].val, "-25.5");
	assert_string_equal(o.files[0], "f.rec");
	bbdiag_free_opts(&o);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_table),
		cmocka_unit_test(test_values),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
