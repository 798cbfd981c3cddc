/* SPDX-License-Identifier: MIT */
#include <locale.h>

#include "testutil.h"
#include "lib/progress.h"

/* What was written to fp since the start, as a malloc'd string. */
static char *
written(FILE *fp)
{
	long n = ftell(fp);
	char *s = calloc(1, (size_t)n + 1);

	assert_non_null(s);
	rewind(fp);
	assert_int_equal(fread(s, 1, (size_t)n, fp), (size_t)n);
	return s;
}

static void
test_off(void **st)
{
	struct bbt_progress p;
	FILE *fp = tmpfile();
	char *s;

	(void)st;
	/* Never; and "auto" on a file, which is not a terminal. */
	bbt_progress_init(&p, fp, 0, 0);
	assert_int_equal(bbt_progress_update(&p, "%d", 1), 0);
	bbt_progress_clear(&p);
	bbt_progress_init(&p, fp, -1, 0);
	assert_int_equal(bbt_progress_update(&p, "%d", 2), 0);
	bbt_progress_clear(&p);
	s = written(fp);
	assert_string_equal(s, "");
	free(s);
	fclose(fp);
}

static void
test_lines(void **st)
{
	struct bbt_progress p;
	FILE *fp = tmpfile();
	char *s;

	(void)st;
	bbt_progress_init(&p, fp, 1, 0);
	assert_int_equal(bbt_progress_update(&p, "read %d MB", 12), 1);
	assert_int_equal(bbt_progress_update(&p, "%s", "读取"), 1);
	bbt_progress_clear(&p);
	bbt_progress_clear(&p);		/* nothing left to erase */
	s = written(fp);
	/* Each line erases the previous one (10 columns, then 4). */
	assert_string_equal(s, "\rread 12 MB"
	    "\r          \r读取"
	    "\r    \r");
	free(s);
	fclose(fp);
}

static void
test_width(void **st)
{
	struct bbt_progress p;
	FILE *fp = tmpfile();
	char *s;

	(void)st;
	bbt_progress_init(&p, fp, 1, 0);
	p.cols = 8;
	/* 7 columns at most; a wide character is never split. */
	bbt_progress_update(&p, "%s", "一二三四五");
	s = written(fp);
	assert_string_equal(s, "\r一二三");
	assert_int_equal(p.shown, 6);
	free(s);
	fclose(fp);
}

static void
test_throttle(void **st)
{
	struct bbt_progress p;
	FILE *fp = tmpfile();

	(void)st;
	bbt_progress_init(&p, fp, 1, 200);
	/* Quick runs stay silent: nothing before the first interval. */
	assert_int_equal(bbt_progress_update(&p, "a"), 0);
	usleep(250 * 1000);
	assert_int_equal(bbt_progress_update(&p, "b"), 1);
	assert_int_equal(bbt_progress_update(&p, "c"), 0);
	fclose(fp);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_off),
		cmocka_unit_test(test_lines),
		cmocka_unit_test(test_width),
		cmocka_unit_test(test_throttle),
	};

	setlocale(LC_CTYPE, "C.UTF-8");
	return cmocka_run_group_tests_name("progress", tests, NULL, NULL);
}
