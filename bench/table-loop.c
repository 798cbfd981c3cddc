/* SPDX-License-Identifier: MIT */
/*
 * Times the table reader alone, as qareport's read_one uses it:
 * bbt_table_open_range over the whole file (or [start, end)), then
 * bbt_table_raw until the end, every column's value taken with
 * bbt_raw_get. Prints rows, bad rows and ns/row.
 *
 *	cc -O2 -Isrc -D_GNU_SOURCE bench/table-loop.c build/obj/libbbt.a -lz
 *	a.out FILE [START END]
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "lib/order.h"
#include "lib/table.h"

int
main(int argc, char **argv)
{
	struct bbt_rawrow rr;
	struct bbt_table *t;
	struct timespec a, b;
	unsigned long rows = 0, bad = 0;
	uint64_t start = 0, end = UINT64_MAX, sum = 0;
	double ns;
	int r;

	if (argc != 2 && argc != 4) {
		fprintf(stderr, "usage: table-loop FILE [START END]\n");
		return 64;
	}
	if (argc == 4) {
		start = strtoull(argv[2], NULL, 10);
		end = strtoull(argv[3], NULL, 10);
	}
	clock_gettime(CLOCK_MONOTONIC, &a);
	t = bbt_table_open_range(argv[1], bbt_order_cols, BBT_O_NCOLS,
	    "order", start, end);
	if (t == NULL) {
		perror(argv[1]);
		return 66;
	}
	while ((r = bbt_table_raw(t, &rr)) != 0) {
		if (r < 0) {
			if (bbt_table_failed(t))
				break;
			bad++;
			continue;
		}
		rows++;
		/* Touch the values so the loop is not only the scan. */
		for (int i = 0; i < BBT_O_NCOLS; i++)
			sum += bbt_raw_get(&rr, (size_t)i).len;
	}
	clock_gettime(CLOCK_MONOTONIC, &b);
	bbt_table_close(t);
	ns = (double)(b.tv_sec - a.tv_sec) * 1e9 + (double)(b.tv_nsec - a.tv_nsec);
	printf("%lu rows, %lu bad, %llu bytes of values, %.1f ns/row\n",
	    rows, bad, (unsigned long long)sum, rows ? ns / (double)rows : 0);
	return 0;
}
