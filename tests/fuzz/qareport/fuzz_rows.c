/* SPDX-License-Identifier: MIT */
/*
 * libFuzzer: qareport's reading path on arbitrary bytes: the table
 * reader (TSV, CSV, order records, gzip), the row checks, the window
 * KPIs and the partial state writer, with two reader threads.
 */
#include <argp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

#include "qareport/qa.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

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
		char *argv[] = { "qareport", "--threads=2", "--errors=3", "-q",
			(char *)by[i], path, NULL };
		struct qa_opts o;
		struct qa_part p = { 0 };
		FILE *null;

		if (qareport_parse_args(6, argv, &o,
		    ARGP_NO_EXIT | ARGP_SILENT) != 0)
			abort();
		o.progress = 0;
		(void)qa_scan(&o, &p);
		qa_windows(&p, &o);
		if ((null = fopen("/dev/null", "w")) == NULL)
			abort();
		(void)qa_state_write(null, &o, &p);
		fclose(null);
		qa_part_free(&p);
		qareport_free_opts(&o);
	}
	close(fd);
	return 0;
}
