/* SPDX-License-Identifier: MIT */
/*
 * libFuzzer: qareport's reading path on arbitrary bytes: the table
 * reader (TSV, CSV, order records, gzip), the row checks, the window
 * KPIs and the partial state writer. In this build a plain TSV input of
 * 64 bytes or more is cut into ranges of 24 bytes or more, and lines
 * over 300 bytes are overlong (lib/lines.h, scan.c), so three threads
 * read ranges that long lines cross: their state, bad count and listed
 * bad rows must be one thread's, byte for byte.
 */
#include <argp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "qareport/qa.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

/* The state and bad rows of one run, in a malloc'd string. */
static char *
run(const char *path, const char *by, const char *threads, size_t *n)
{
	char *argv[] = { "qareport", (char *)threads, "--errors=3", "-q",
		(char *)by, (char *)path, NULL };
	struct qa_opts o;
	struct qa_part p = { 0 };
	char *s;
	FILE *fp;

	if (qareport_parse_args(6, argv, &o, ARGP_NO_EXIT | ARGP_SILENT) != 0)
		abort();
	o.progress = 0;
	if ((fp = open_memstream(&s, n)) == NULL)
		abort();
	fprintf(fp, "rc %d\n", qa_scan(&o, &p));
	qa_windows(&p, &o);
	(void)qa_state_write(fp, &o, &p);
	for (size_t i = 0; i < p.nbads; i++)
		fprintf(fp, "%s:%lu: %s\n", p.bads[i].file, p.bads[i].line,
		    p.bads[i].reason);
	fclose(fp);
	qa_part_free(&p);
	qareport_free_opts(&o);
	return s;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* Keys built from area and month, and one column's value read in
	 * place into the group cache. */
	static const char *const by[] = { "--by=area,month", "--by=area" };
	char path[64];
	int fd = memfd_create("rows", 0);

	if (fd < 0 || write(fd, data, size) != (ssize_t)size)
		abort();
	snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	for (size_t i = 0; i < sizeof(by) / sizeof(by[0]); i++) {
		size_t n1, n3;
		char *one = run(path, by[i], "--threads=1", &n1);
		char *three = run(path, by[i], "--threads=3", &n3);

		if (n1 != n3 || memcmp(one, three, n1) != 0)
			abort();
		free(one);
		free(three);
	}
	close(fd);
	return 0;
}
