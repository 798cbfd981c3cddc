/* SPDX-License-Identifier: MIT */
/*
 * Splitting a work-order log's lines at tabs: lib/table.c's memchr(3)
 * per field against the SSE2 prototype in src/qareport/split.c, on the
 * same lines (read with lib/lines.h), checking both agree.
 *	make O=build/qareport bin/qareport && cc -O2 -Isrc -D_GNU_SOURCE \
 *	  -o build/bench/qareport-split bench/qareport-split.c \
 *	  src/qareport/split.c build/qareport/libbbt.a -lz
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "lib/lines.h"
#include "qareport/split.h"

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static double
run(const char *path, int sse, unsigned long *fields)
{
	struct bbt_lines *l = bbt_lines_open(path);
	char *line, *f[256];
	size_t len;
	double t0 = now();

	if (l == NULL) {
		perror(path);
		exit(1);
	}
	*fields = 0;
	while (bbt_lines_next(l, &line, &len) == 1) {
		long n = sse ? qa_split_tsv(line, len, f, 256) :
		    qa_split_tsv_memchr(line, len, f, 256);
		*fields += (unsigned long)n + strlen(f[n - 1]);
	}
	bbt_lines_close(l);
	return now() - t0;
}

int
main(int argc, char **argv)
{
	unsigned long a, b;
	double lines_only, tm, ts;

	if (argc != 2) {
		fprintf(stderr, "usage: qareport-split FILE\n");
		return 64;
	}
	{
		struct bbt_lines *l = bbt_lines_open(argv[1]);
		char *line;
		size_t len;
		double t0 = now();

		if (l == NULL)
			return 66;
		while (bbt_lines_next(l, &line, &len) == 1)
			;
		lines_only = now() - t0;
		bbt_lines_close(l);
	}
	tm = run(argv[1], 0, &a);
	ts = run(argv[1], 1, &b);
	printf("lines only      %.3f s\nmemchr split    %.3f s (+%.3f)\n"
	    "SSE2 split      %.3f s (+%.3f)\nsplitting %.1fx faster, %s\n",
	    lines_only, tm, tm - lines_only, ts, ts - lines_only,
	    (tm - lines_only) / (ts - lines_only),
	    a == b ? "same fields" : "DIFFERENT FIELDS");
	return a == b ? 0 : 1;
}
