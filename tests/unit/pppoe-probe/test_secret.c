/* SPDX-License-Identifier: MIT */
/* The password reader: first line only, bounded, named refusals. */
#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../testutil.h"
#include "pppoe-probe/secret.h"

/* A pipe holding n bytes of b, its writer closed. */
static int
feed(const void *b, size_t n)
{
	int p[2];

	assert_int_equal(pipe(p), 0);
	assert_true(n <= 65536);
	assert_int_equal(write(p[1], b, n), (ssize_t)n);
	close(p[1]);
	return p[0];
}

static const char *
read_str(const char *in, size_t n, char **pass, size_t *plen)
{
	int fd = feed(in, n);
	const char *why = secret_read_fd(fd, pass, plen);

	close(fd);
	return why;
}

static void
test_lines(void **st)
{
	char *p = NULL;
	size_t n = 0;

	(void)st;
	assert_null(read_str("s3cret\nsecond line\n", 19, &p, &n));
	assert_int_equal(n, 6);
	assert_string_equal(p, "s3cret");
	secret_free(p, n);
	assert_null(read_str("crlf\r\n", 6, &p, &n));
	assert_string_equal(p, "crlf");
	secret_free(p, n);
	assert_null(read_str("no newline", 10, &p, &n));
	assert_int_equal(n, 10);
	secret_free(p, n);
	assert_string_equal(read_str("", 0, &p, &n), "no password in the file");
	assert_string_equal(read_str("\n", 1, &p, &n),
	    "no password in the file");
	assert_string_equal(read_str("a\0b\n", 4, &p, &n),
	    "the password contains a NUL byte");
}

/* 4096 bytes are a password; 4097 without a line end are not, and the
 * reader stops there (it would run forever on /dev/zero). */
static void
test_cap(void **st)
{
	char *big = malloc(SECRET_MAX + 2), *p = NULL;
	size_t n = 0;
	int fd;

	(void)st;
	assert_non_null(big);
	memset(big, 'x', SECRET_MAX + 1);
	big[SECRET_MAX] = '\n';
	assert_null(read_str(big, SECRET_MAX + 1, &p, &n));
	assert_int_equal(n, SECRET_MAX);
	secret_free(p, n);
	big[SECRET_MAX] = 'x';
	assert_string_equal(read_str(big, SECRET_MAX + 1, &p, &n),
	    "no line end in the first 4096 bytes: not a password file");
	free(big);
	fd = open("/dev/zero", O_RDONLY);
	assert_true(fd >= 0);
	assert_string_equal(secret_read_fd(fd, &p, &n),
	    "no line end in the first 4096 bytes: not a password file");
	close(fd);
}

static void
test_directory(void **st)
{
	char *p = NULL;
	size_t n = 0;
	int fd;

	(void)st;
	fd = open("/", O_RDONLY | O_DIRECTORY);
	assert_true(fd >= 0);
	assert_string_equal(secret_read_fd(fd, &p, &n), "is a directory");
	close(fd);
}

int
main(void)
{
	const struct CMUnitTest t[] = {
		cmocka_unit_test(test_lines),
		cmocka_unit_test(test_cap),
		cmocka_unit_test(test_directory),
	};
	return cmocka_run_group_tests_name("pppoe-probe/secret", t, NULL, NULL);
}
