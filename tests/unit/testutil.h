/* SPDX-License-Identifier: MIT */
/* Helpers for the cmocka unit tests. */
#ifndef BBT_TESTUTIL_H
#define BBT_TESTUTIL_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

/* Writes len bytes to a new temporary file; returns its path (static
 * storage, one slot per call site is enough for these tests). */
static inline char *
tmpfile_with(const void *data, size_t len)
{
	static char path[8][64];
	static int slot;
	char *p = path[slot++ % 8];
	int fd;

	snprintf(p, 64, "/tmp/bbt-unit.XXXXXX");
	fd = mkstemp(p);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, data, len), (ssize_t)len);
	close(fd);
	return p;
}

#define TMPFILE(s) tmpfile_with((s), sizeof(s) - 1)

/*
 * Splits "prog line" at spaces into argv, NULL-terminated; returns argc.
 * The words live in static storage because parsed options point into
 * them; each call overwrites the previous words.
 */
static inline int
test_argv(const char *prog, const char *line, char **argv, int max)
{
	static char buf[1024];
	int argc = 0;

	snprintf(buf, sizeof(buf), "%s %s", prog, line);
	for (char *t = strtok(buf, " "); t && argc < max - 1;
	    t = strtok(NULL, " "))
		argv[argc++] = t;
	argv[argc] = NULL;
	return argc;
}

#endif
