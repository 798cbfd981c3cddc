/* SPDX-License-Identifier: MIT */
/* --cacert read into memory before the privilege drop (http.c). */
#include <errno.h>
#include <sys/stat.h>

#include "../testutil.h"
#include "linecheck/linecheck.h"

static int
load(const char *path, struct lc *lc, struct lc_opts *o)
{
	memset(lc, 0, sizeof(*lc));
	memset(o, 0, sizeof(*o));
	o->cacert = path;
	lc->o = o;
	return lc_http_ca_load(lc);
}

/* Byte for byte, past the first buffer (the bundle is 0.2 MiB). */
static void
test_exact(void **st)
{
	size_t len = 300 * 1024 + 7;
	char *b = malloc(len);
	struct lc_opts o;
	struct lc lc;
	char *p;

	(void)st;
	assert_non_null(b);
	for (size_t i = 0; i < len; i++)
		b[i] = (char)('A' + i % 26);
	p = tmpfile_with(b, len);
	assert_int_equal(load(p, &lc, &o), 0);
	assert_int_equal(lc.calen, len);
	assert_memory_equal(lc.ca, b, len);
	free(lc.ca);
	unlink(p);
	free(b);
}

/* An empty file still counts as given: libcurl then names the problem. */
static void
test_empty(void **st)
{
	struct lc_opts o;
	struct lc lc;
	char *p = tmpfile_with("", 0);

	(void)st;
	assert_int_equal(load(p, &lc, &o), 0);
	assert_non_null(lc.ca);
	assert_int_equal(lc.calen, 0);
	free(lc.ca);
	unlink(p);
}

static void
test_errors(void **st)
{
	struct lc_opts o;
	struct lc lc;
	char *p = tmpfile_with("x", 1);

	(void)st;
	assert_int_equal(load("/nonexistent/ca.pem", &lc, &o), -1);
	assert_int_equal(errno, ENOENT);
	assert_null(lc.ca);
	/* 16 MiB is the most a CA file may hold. */
	assert_int_equal(truncate(p, 16 * 1024 * 1024), 0);
	assert_int_equal(load(p, &lc, &o), 0);
	assert_int_equal(lc.calen, 16 * 1024 * 1024);
	free(lc.ca);
	assert_int_equal(truncate(p, 16 * 1024 * 1024 + 1), 0);
	assert_int_equal(load(p, &lc, &o), -1);
	assert_int_equal(errno, EFBIG);
	free(lc.ca);
	unlink(p);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_exact),
		cmocka_unit_test(test_empty),
		cmocka_unit_test(test_errors),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
