/* SPDX-License-Identifier: MIT */
/*
 * libFuzzer: the --merge reader of partial state files. Beyond crashes,
 * what it accepts must make sense: every rate of every group within
 * 0-100 %, durations not negative, and the state must round-trip (what
 * --partial writes of it is read back and written again byte for byte).
 */
#include <argp.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "qareport/qa.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

/* Reads the state in fd into p (o parsed as for --merge); 0 if taken. */
static int
read_state(int fd, struct qa_opts *o, struct qa_part *p)
{
	char path[64];
	char *argv[] = { "qareport", "--merge", "-q", path, NULL };

	snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	if (qareport_parse_args(4, argv, o, ARGP_NO_EXIT | ARGP_SILENT) != 0)
		abort();
	return qa_state_read(o, p);
}

/* What --partial writes of p, in a new memfd (rewound). */
static int
write_state(const struct qa_opts *o, const struct qa_part *p)
{
	int fd = memfd_create("state2", 0);
	FILE *fp;

	if (fd < 0 || (fp = fdopen(dup(fd), "w")) == NULL)
		abort();
	if (qa_state_write(fp, o, p) != 0 || fclose(fp) != 0)
		abort();
	lseek(fd, 0, SEEK_SET);
	return fd;
}

static char *
slurp(int fd, size_t *n)
{
	off_t sz = lseek(fd, 0, SEEK_END);
	char *b = malloc((size_t)sz + 1);

	if (b == NULL || pread(fd, b, (size_t)sz, 0) != sz)
		abort();
	*n = (size_t)sz;
	return b;
}

static void
check_rows(const struct qa_opts *o, const struct qa_part *p)
{
	struct qa_row r;

	for (size_t i = 0; i < p->groups.n; i++) {
		qa_row_compute(o, &p->groups.g[i].a, &r);
		for (size_t k = 0; k < qa_nkpis; k++) {
			double v = r.v[k];

			if (isnan(v))
				continue;
			if (qa_kpis[k].kind == QA_K_PCT && (v < 0 || v > 100))
				abort();
			if (qa_kpis[k].kind == QA_K_HOURS && v < 0)
				abort();
		}
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	int fd = memfd_create("state", 0), fd2, fd3;
	struct qa_opts o, o2;
	struct qa_part p = { 0 }, p2 = { 0 };
	char *a, *b;
	size_t na, nb;

	if (fd < 0 || write(fd, data, size) != (ssize_t)size)
		abort();
	if (read_state(fd, &o, &p) == 0) {
		check_rows(&o, &p);
		/* Written, read back, written again: the same bytes. */
		fd2 = write_state(&o, &p);
		if (read_state(fd2, &o2, &p2) != 0)
			abort();
		fd3 = write_state(&o2, &p2);
		a = slurp(fd2, &na);
		b = slurp(fd3, &nb);
		if (na != nb || memcmp(a, b, na) != 0)
			abort();
		free(a);
		free(b);
		close(fd2);
		close(fd3);
		qa_part_free(&p2);
		qareport_free_opts(&o2);
	}
	qa_part_free(&p);
	qareport_free_opts(&o);
	close(fd);
	return 0;
}
