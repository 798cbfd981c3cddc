/* SPDX-License-Identifier: MIT */
/* libFuzzer: the work-order table reader (TSV, CSV, order records, gzip)
 * and the time parser on every value. A second reader takes the rows in
 * place (bbt_table_raw): its values and errors must be the same. The
 * input's length picks the TSV
 * scanner (scalar, SSE2, AVX2 where the CPU has it), so that one machine
 * fuzzes each; the bytes are left as they are so old seeds stay valid.
 * A plain TSV input is also read as three ranges cut where its first
 * bytes say (BBT_LINE_MAX is 300 bytes in this build, so overlong lines
 * cross them): the rows and errors must be those of one reader. */
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "lib/datetime.h"
#include "lib/lines.h"
#include "lib/order.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

/* The rows of path[start, end) written to fp: values, or the reason. */
static void
rows_of(FILE *fp, const char *path, int ranged, uint64_t start,
    uint64_t end)
{
	struct bbt_table *t = ranged ? bbt_table_open_range(path,
	    bbt_order_cols, BBT_O_NCOLS, "order", start, end) :
	    bbt_order_open(path);
	const char *vals[BBT_O_NCOLS];
	int ret;

	if (t == NULL)
		abort();
	while ((ret = bbt_table_next(t, vals)) != 0) {
		if (ret < 0) {
			fprintf(fp, "E %s\n", bbt_table_reason(t));
			if (bbt_table_failed(t))
				break;
			continue;
		}
		for (int i = 0; i < BBT_O_NCOLS; i++)
			fprintf(fp, "%s\t", vals[i] ? vals[i] : "(none)");
		fputc('\n', fp);
	}
	bbt_table_close(t);
}

/* Ranges of a plain TSV input give what one reader gives. */
static void
check_ranges(const char *path, const uint8_t *data, size_t size)
{
	struct bbt_table *h;
	uint64_t a, b;
	char *one, *three;
	size_t n1, n3;
	FILE *fp;
	int csv;

	if (size < 2 || (data[0] == 0x1f && data[1] == 0x8b))
		return;
	if ((h = bbt_table_open_head(path, bbt_order_cols, BBT_O_NCOLS,
	    "order")) == NULL)
		abort();
	csv = !bbt_table_splittable(h);
	bbt_table_close(h);
	if (csv)
		return;
	a = (uint64_t)size * data[0] / 256;
	b = a + ((uint64_t)size - a) * data[1] / 256;
	if ((fp = open_memstream(&one, &n1)) == NULL)
		abort();
	rows_of(fp, path, 0, 0, 0);
	fclose(fp);
	if ((fp = open_memstream(&three, &n3)) == NULL)
		abort();
	rows_of(fp, path, 1, 0, a);
	rows_of(fp, path, 1, a, b);
	rows_of(fp, path, 1, b, UINT64_MAX);
	fclose(fp);
	if (n1 != n3 || memcmp(one, three, n1) != 0)
		abort();
	free(one);
	free(three);
}

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
	check_ranges(path, data, size);
	close(fd);
	return 0;
}
