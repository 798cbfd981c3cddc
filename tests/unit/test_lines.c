/* SPDX-License-Identifier: MIT */
#include <errno.h>
#include <zlib.h>

#include "testutil.h"
#include "lib/lines.h"

static void
test_basic(void **st)
{
	char *p = TMPFILE("a\r\nbb\n\nlast");
	struct bbt_lines *l = bbt_lines_open(p);
	char *line;
	size_t len;

	(void)st;
	assert_non_null(l);
	assert_int_equal(bbt_lines_next(l, &line, &len), 1);
	assert_string_equal(line, "a");	/* CR stripped */
	assert_int_equal(bbt_lines_next(l, &line, &len), 1);
	assert_string_equal(line, "bb");
	assert_int_equal(bbt_lines_next(l, &line, &len), 1);
	assert_int_equal(len, 0);
	assert_int_equal(bbt_lines_next(l, &line, &len), 1);
	assert_string_equal(line, "last");	/* no final newline */
	assert_int_equal(bbt_lines_lineno(l), 4);
	assert_int_equal(bbt_lines_next(l, &line, &len), 0);
	bbt_lines_close(l);
	unlink(p);
}

static void
test_empty_missing(void **st)
{
	char *p = TMPFILE("");
	struct bbt_lines *l = bbt_lines_open(p);
	char *line;
	size_t len;

	(void)st;
	assert_int_equal(bbt_lines_next(l, &line, &len), 0);
	bbt_lines_close(l);
	unlink(p);
	assert_null(bbt_lines_open("/nonexistent/bbt"));
	assert_int_equal(errno, ENOENT);
}

static void
test_overlong(void **st)
{
	size_t n = BBT_LINE_MAX + 10;
	char *big = malloc(n + 20), *line, *p;
	struct bbt_lines *l;
	size_t len;

	(void)st;
	memset(big, 'x', n);
	memcpy(big + n, "\nok\n", 4);
	p = tmpfile_with(big, n + 4);
	l = bbt_lines_open(p);
	assert_int_equal(bbt_lines_next(l, &line, &len), -1);
	assert_int_equal(errno, EMSGSIZE);
	assert_false(bbt_lines_failed(l));
	assert_int_equal(bbt_lines_lineno(l), 1);
	/* The reader goes on with the next line. */
	assert_int_equal(bbt_lines_next(l, &line, &len), 1);
	assert_string_equal(line, "ok");
	assert_int_equal(bbt_lines_lineno(l), 2);
	bbt_lines_close(l);
	unlink(p);
	free(big);
}

static void
test_gzip(void **st)
{
	char path[] = "/tmp/bbt-unit-gz.XXXXXX";
	int fd = mkstemp(path);
	gzFile gz;
	struct bbt_lines *l;
	char *line;
	size_t len, n = 0;

	(void)st;
	assert_true(fd >= 0);
	/* Two members, as `cat a.gz b.gz` makes. */
	for (int m = 0; m < 2; m++) {
		gz = gzdopen(dup(fd), "ab");
		for (int i = 0; i < 50000; i++)
			gzprintf(gz, "line %d of member %d\n", i, m);
		gzclose(gz);
	}
	close(fd);
	l = bbt_lines_open(path);
	while (bbt_lines_next(l, &line, &len) == 1) {
		char want[64];
		snprintf(want, sizeof(want), "line %zu of member %zu",
		    n % 50000, n / 50000);
		assert_string_equal(line, want);
		n++;
	}
	assert_int_equal(n, 100000);
	assert_false(bbt_lines_failed(l));
	bbt_lines_close(l);
	unlink(path);
}

static void
test_gzip_truncated(void **st)
{
	char path[] = "/tmp/bbt-unit-gz.XXXXXX";
	int fd = mkstemp(path);
	gzFile gz = gzdopen(dup(fd), "wb");
	struct bbt_lines *l;
	char *line;
	size_t len;
	int r;
	off_t size;

	(void)st;
	for (int i = 0; i < 100000; i++)
		gzprintf(gz, "%d some text to compress %d\n", i, i * 7);
	gzclose(gz);
	size = lseek(fd, 0, SEEK_END);
	assert_int_equal(ftruncate(fd, size / 2), 0);
	close(fd);
	l = bbt_lines_open(path);
	while ((r = bbt_lines_next(l, &line, &len)) == 1)
		;
	assert_int_equal(r, -1);
	assert_true(bbt_lines_failed(l));
	bbt_lines_close(l);
	unlink(path);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_basic),
		cmocka_unit_test(test_empty_missing),
		cmocka_unit_test(test_overlong),
		cmocka_unit_test(test_gzip),
		cmocka_unit_test(test_gzip_truncated),
	};
	return cmocka_run_group_tests_name("lines", tests, NULL, NULL);
}
