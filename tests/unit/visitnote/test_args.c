/* SPDX-License-Identifier: MIT */
/* visitnote argument parsing, table-driven (ethtool's test-cmdline.c). */
#include <argp.h>
#include <locale.h>
#include <math.h>

#include "../testutil.h"
#include "visitnote/visitnote.h"

static int
parse(const char *line, struct vn_opts *o)
{
	char *argv[40];
	int argc = test_argv("visitnote", line, argv, 40);

	return visitnote_parse_args(argc, argv, o, ARGP_SILENT & ~ARGP_NO_HELP);
}

static void
test_table(void **st)
{
	static const struct {
		const char	*line;
		int		 ok;
	} t[] = {
		{ "", 1 },
		{ "--blank 3", 1 },
		{ "--blank 0", 0 },
		{ "--blank 3 rows.tsv", 0 },
		{ "--blank 3 --log x", 0 },
		{ "--width 32", 1 },
		{ "--width 0", 1 },
		{ "--width 19", 0 },
		{ "--width 201", 0 },
		{ "--lang en", 1 },
		{ "--lang de", 0 },
		{ "--action maintain", 1 },
		{ "--action 安装", 1 },
		{ "--action paint", 0 },
		{ "--service broadband,leased", 1 },
		{ "--service 宽带、专线", 1 },
		{ "--service ,", 0 },
		{ "--service tv", 0 },
		{ "--override R5,phone", 1 },
		{ "--override all", 1 },
		{ "--override R7", 0 },
		{ "--paper A6", 1 },
		{ "--paper letter", 0 },
		{ "--format pdf", 1 },
		{ "--format html", 0 },
		{ "--arrived 2025-03-05T09:05 --left 09:20", 1 },
		{ "--arrived 25:00", 0 },
		{ "--left now", 1 },
		{ "--log - -o x.pdf", 1 },
		{ "--log -", 0 },
		{ "--log - -o -", 0 },
		{ "--log x.tsv", 1 },
		{ "--acceptance --case W1", 1 },
		{ "--acceptance --plan 300", 1 },
		{ "--acceptance --plan 300/30", 1 },
		{ "--acceptance --plan 300/", 0 },
		{ "--acceptance --plan fast", 0 },
		{ "--acceptance --plan -5", 0 },
		{ "--acceptance --slow-ratio 0.9", 1 },
		{ "--acceptance --slow-ratio 1.1", 0 },
		{ "--acceptance --rx-power -19.3", 1 },
		{ "--acceptance --rx-power -70", 0 },
		{ "--acceptance --action repair", 1 },
	};
	struct vn_opts o;

	(void)st;
	for (size_t i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		int r = parse(t[i].line, &o);

		if ((r == 0) != t[i].ok)
			fail_msg("'%s': parse returned %d", t[i].line, r);
		visitnote_free_args(&o);
	}
}

static void
test_modes(void **st)
{
	struct vn_opts o;

	(void)st;
	assert_int_equal(parse("--customer 张三 --override R5,R6", &o), 0);
	assert_true(o.single);
	assert_string_equal(o.note.customer, "张三");
	assert_int_equal(o.override, (1u << VN_R5) | (1u << VN_R6));
	visitnote_free_args(&o);
	/* With files the slot options are defaults for the rows. */
	assert_int_equal(parse("--customer 张三 a.tsv b.csv", &o), 0);
	assert_false(o.single);
	assert_int_equal(o.nfiles, 2);
	assert_string_equal(o.files[1], "b.csv");
	visitnote_free_args(&o);
	assert_int_equal(parse("--format pdf --paper a6 --width 48", &o), 0);
	assert_true(o.pdf);
	assert_int_equal(o.paper, VN_A6);
	assert_int_equal(o.width, 48);
	assert_int_equal(o.note.arrived, VN_NOTIME);
	visitnote_free_args(&o);
	/* --acceptance: --customer names the sheet's customer, not a note;
	 * --action move stays move; the plan's two halves. */
	assert_int_equal(parse("--acceptance --customer 张三 --action move "
	    "--plan 300/30 --slow-ratio 0.9", &o), 0);
	assert_true(o.acceptance);
	assert_false(o.single);
	assert_int_equal(o.kind, 1);	/* BBT_KIND_MOVE */
	assert_true(o.accept.plan_down == 300 && o.accept.plan_up == 30);
	assert_true(o.accept.slow_ratio == 0.9);
	assert_true(isnan(o.accept.rx_power));
	visitnote_free_args(&o);
	assert_int_equal(parse("--acceptance --action maintain --plan 100", &o),
	    0);
	assert_int_equal(o.kind, 2);	/* BBT_KIND_REPAIR */
	assert_true(isnan(o.accept.plan_up));
	visitnote_free_args(&o);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_table),
		cmocka_unit_test(test_modes),
	};

	setlocale(LC_ALL, "C.UTF-8");
	return cmocka_run_group_tests(tests, NULL, NULL);
}
