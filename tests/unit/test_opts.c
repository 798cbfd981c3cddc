/* SPDX-License-Identifier: MIT */
#include "testutil.h"
#include <locale.h>

#include "lib/opts.h"

struct opts {
	struct bbt_common common;
};

static error_t
parse(int key, char *arg, struct argp_state *st)
{
	struct opts *o = st->input;

	(void)arg;
	if (key == ARGP_KEY_INIT)
		st->child_inputs[0] = &o->common;
	return ARGP_ERR_UNKNOWN;
}

static const struct argp_child children[] = {
	{ &bbt_common_argp, 0, NULL, 0 }, { NULL, 0, NULL, 0 },
};
static const struct argp argp = { NULL, parse, NULL, NULL, children, NULL,
	NULL };

static int
parse_argv(struct opts *o, int argc, char **argv)
{
	static const char *const formats[] = { "tsv", "text", "json", NULL };

	memset(o, 0, sizeof(*o));
	o->common.formats = formats;
	return argp_parse(&argp, argc, argv, ARGP_NO_EXIT | ARGP_SILENT |
	    ARGP_NO_HELP, NULL, o);
}

static void
test_table(void **st)
{
	static const struct {
		char *argv[5];
		int ok, verbose, quiet;
		enum bbt_color color;
		const char *format;
	} t[] = {
		{ { "x", NULL }, 1, 0, 0, BBT_COLOR_AUTO, NULL },
		{ { "x", "-vv", NULL }, 1, 2, 0, BBT_COLOR_AUTO, NULL },
		{ { "x", "-q", "--color=never", NULL }, 1, 0, 1, BBT_COLOR_NEVER, NULL },
		{ { "x", "--color", NULL }, 1, 0, 0, BBT_COLOR_ALWAYS, NULL },
		{ { "x", "--format=json", NULL }, 1, 0, 0, BBT_COLOR_AUTO, "json" },
		{ { "x", "--format", "tsv", NULL }, 1, 0, 0, BBT_COLOR_AUTO, "tsv" },
		{ { "x", "--format=xml", NULL }, 0, 0, 0, BBT_COLOR_AUTO, NULL },
		{ { "x", "--color=sometimes", NULL }, 0, 0, 0, BBT_COLOR_AUTO, NULL },
		{ { "x", "--verbose", "--quiet", NULL }, 1, 1, 1, BBT_COLOR_AUTO, NULL },
	};
	(void)st;
	for (size_t i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		struct opts o;
		int argc = 0;

		while (t[i].argv[argc])
			argc++;
		int r = parse_argv(&o, argc, (char **)t[i].argv);
		if (!t[i].ok) {
			assert_int_not_equal(r, 0);
			continue;
		}
		assert_int_equal(r, 0);
		assert_int_equal(o.common.verbose, t[i].verbose);
		assert_int_equal(o.common.quiet, t[i].quiet);
		assert_int_equal(o.common.color, t[i].color);
		if (t[i].format)
			assert_string_equal(o.common.format, t[i].format);
		else
			assert_null(o.common.format);
	}
}

static void
test_color(void **st)
{
	struct bbt_common c = { 0 };
	FILE *fp = tmpfile();

	(void)st;
	c.color = BBT_COLOR_AUTO;
	unsetenv("NO_COLOR");
	assert_int_equal(bbt_common_color(&c, fp), 0);	/* not a tty */
	c.color = BBT_COLOR_ALWAYS;
	setenv("NO_COLOR", "1", 1);
	assert_int_equal(bbt_common_color(&c, fp), 1);	/* explicit wins */
	c.color = BBT_COLOR_NEVER;
	assert_int_equal(bbt_common_color(&c, fp), 0);
	fclose(fp);
}

/* bbt_help_rewrap(in, width) as a malloc'd string. */
static char *
rewrap(const char *in, int width)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *mem = open_memstream(&buf, &len);

	assert_non_null(mem);
	bbt_help_rewrap(mem, in, strlen(in), width);
	assert_int_equal(fclose(mem), 0);
	return buf;
}

static void
test_rewrap(void **st)
{
	static const struct {
		const char *in;
		int width;
		const char *out;
	} t[] = {
		/* ASCII breaks at spaces only, like argp. */
		{ "one two three four", 9, "one two\nthree\nfour\n" },
		/* CJK breaks between characters, by columns, not bytes. */
		{ "一二三四五六七八九十", 8, "一二三四\n五六七八\n九十\n" },
		/* Never before a closing mark, never after an opening one. */
		{ "一二三，四五", 6, "一二\n三，四\n五\n" },
		{ "一二（三四）", 6, "一二\n（三\n四）\n" },
		/* An option's text hangs at argp's column 29. */
		{ "  -q, --quiet                甲乙丙丁戊己庚辛", 40,
		  "  -q, --quiet                甲乙丙丁戊\n"
		  "                             己庚辛\n" },
		/* A long option: its text starts three spaces after it and
		 * still hangs at column 29. */
		{ "      --install-limit=DURATION   aaa bbb ccc", 40,
		  "      --install-limit=DURATION   aaa bbb\n"
		  "                             ccc\n" },
		/* Lines of spaces become empty; a final newline is added. */
		{ "a\n          \n\nb", 79, "a\n\nb\n" },
		/* Usage: "[-b DIMS]" stays whole; continued at column 12. */
		{ "Usage: x [-b DIMS] [-j N]", 20,
		  "Usage: x [-b DIMS]\n            [-j N]\n" },
		/* A word wider than the line is written whole. */
		{ "abcdefghij xy", 4, "abcdefghij\nxy\n" },
	};

	(void)st;
	for (size_t i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		char *r = rewrap(t[i].in, t[i].width);

		assert_string_equal(r, t[i].out);
		free(r);
	}
}

int
main(void)
{
	/* wcwidth() needs a UTF-8 LC_CTYPE for the CJK widths. */
	setlocale(LC_CTYPE, "C.UTF-8");
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_table),
		cmocka_unit_test(test_color),
		cmocka_unit_test(test_rewrap),
	};
	return cmocka_run_group_tests_name("opts", tests, NULL, NULL);
}
