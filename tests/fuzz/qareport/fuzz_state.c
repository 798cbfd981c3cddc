/* SPDX-License-Identifier: MIT */
/* libFuzzer: the --merge reader of partial state files. */
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
	char path[64];
	int fd = memfd_create("state", 0);
	struct qa_opts o;
	struct qa_part p = { 0 };
	struct qa_row r;
	char *argv[] = { "qareport", "--merge", "-q", path, NULL };

	if (fd < 0 || write(fd, data, size) != (ssize_t)size)
		abort();
	snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	if (qareport_parse_args(4, argv, &o, ARGP_NO_EXIT | ARGP_SILENT) != 0)
		abort();
	if (qa_state_read(&o, &p) == 0)
		for (size_t i = 0; i < p.groups.n; i++)
			qa_row_compute(&o, &p.groups.g[i].a, &r);
	qa_part_free(&p);
	qareport_free_opts(&o);
	close(fd);
	return 0;
}
