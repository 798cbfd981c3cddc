/* SPDX-License-Identifier: MIT */
/* libFuzzer: the work-order table reader (TSV, CSV, order records, gzip)
 * and the time parser on every value. A second reader takes the rows in
 * place (bbt_table_raw): its values and errors must be the same. The
 * input's length picks the TSV
 * scanner (scalar, SSE2, AVX2 where the CPU has it), so that one machine
 * fuzzes each; the bytes are left as they are so old seeds stay valid. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "lib/datetime.h"
#include "lib/lines.h"
#include "lib/order.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char path[64];
	int fd = memfd_create("table", 0);
	struct bbt_table *t, *rt;
	const char *vals[BBT_O_NCOLS];
	struct bbt_rawrow rr;
	int ret;

	static const int scanners[] = { BBT_SCAN_AUTO, BBT_SCAN_SCALAR,
		BBT_SCAN_SSE2, BBT_SCAN_AVX2 };

	if (bbt_lines_scanner(scanners[size % 4]) < 0)
		bbt_lines_scanner(BBT_SCAN_AUTO);
	if (fd < 0 || write(fd, data, size) != (ssize_t)size)
		abort();
	snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	if ((t = bbt_order_open(path)) == NULL ||
	    (rt = bbt_order_open(path)) == NULL)
		abort();
	while ((ret = bbt_table_next(t, vals)) != 0) {
		if (bbt_table_raw(rt, &rr) != ret)
			abort();
		if (ret < 0) {
			if (strcmp(bbt_table_error(t), bbt_table_error(rt)) != 0)
				abort();
			if (bbt_table_failed(t))
				break;
			continue;
		}
		for (int i = 0; i < BBT_O_NCOLS; i++) {
			struct bbt_field f = bbt_raw_get(&rr, (size_t)i);
			int64_t when;

			if ((vals[i] == NULL) != (f.s == NULL) || (vals[i] &&
			    (strlen(vals[i]) != f.len ||
			    memcmp(vals[i], f.s, f.len) != 0)))
				abort();
			if (vals[i] == NULL)
				continue;
			(void)bbt_time_parse(vals[i], strlen(vals[i]), &when);
			(void)bbt_order_kind(vals[i]);
		}
	}
	bbt_table_close(t);
	bbt_table_close(rt);
	close(fd);
	return 0;
}
