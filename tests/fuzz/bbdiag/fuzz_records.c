/* SPDX-License-Identifier: MIT */
/*
 * libFuzzer: bbdiag's record input, end to end without main(): records
 * of any bytes are read case by case into the evidence, every fault of
 * the installed catalogue is evaluated and the verdict written in all
 * three formats.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "bbdiag/bbdiag.h"
#include "lib/rec.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static struct catalogue *cat;
static FILE *null;

static void
verdict(struct evidence *ev, unsigned n)
{
	struct verdict v;
	struct outctx o = { null, (enum dfmt)(n % 3), n & 1, n & 2, 3, cat };

	diag_init(&v, cat->nfaults);
	diag_run(cat, ev, &v, 3);
	out_verdict(&o, &v);
	diag_free(&v);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char path[64];
	int fd;
	struct bbt_reader *r;
	struct bbt_rec rec;
	struct evidence ev;
	unsigned n = 0;
	int ret;

	if (cat == NULL) {
		char *err = NULL;
		const char *p = getenv("BBTOOLS_CATALOGUE");

		if ((cat = cat_load(p ? p : "src/bbdiag/faults.catalog",
		    &err)) == NULL) {
			fprintf(stderr, "%s", err ? err : "no catalogue\n");
			abort();
		}
		if ((null = fopen("/dev/null", "w")) == NULL)
			abort();
	}
	if ((fd = memfd_create("rec", 0)) < 0 ||
	    write(fd, data, size) != (ssize_t)size)
		abort();
	snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	if ((r = bbt_reader_open(path)) == NULL)
		abort();
	ev_init(&ev, cat);
	ev.case_id = "-";
	while ((ret = bbt_reader_next(r, &rec)) != 0) {
		if (ret < 0) {
			if (bbt_reader_failed(r))
				break;
			continue;
		}
		if (rec.type == BBT_REC_CASE) {
			verdict(&ev, n++);
			ev_reset(&ev);
			ev.case_id = ev_strdup(&ev, rec.f[BBT_CASE_ID]);
		} else if (rec.type == BBT_REC_CHECK) {
			ev_add_check(&ev, rec.f[1], rec.f[2], rec.f[3],
			    rec.f[4], rec.f[5], rec.f[6]);
		} else if (rec.type == BBT_REC_OBS) {
			int k = cat_obs_find(cat, rec.f[BBT_OBS_KEY]);
			double num = 0;
			int vi;

			if (k >= 0 && (vi = cat_obs_value(&cat->obs[k],
			    rec.f[BBT_OBS_VALUE], &num)) >= 0)
				ev_set_obs(&ev, k, vi, num,
				    rec.f[BBT_OBS_VALUE]);
		}
	}
	verdict(&ev, n);
	ev_free(&ev);
	bbt_reader_close(r);
	close(fd);
	return 0;
}
