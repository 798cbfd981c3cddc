/* SPDX-License-Identifier: MIT */
/* libFuzzer: the record reader (lines, split, unescape) and the detail
 * key=value parser, over arbitrary bytes. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "lib/rec.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char path[64];
	int fd = memfd_create("rec", 0);
	struct bbt_reader *r;
	struct bbt_rec rec;
	int ret;

	if (fd < 0 || write(fd, data, size) != (ssize_t)size)
		abort();
	snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	if ((r = bbt_reader_open(path)) == NULL)
		abort();
	while ((ret = bbt_reader_next(r, &rec)) != 0) {
		if (ret < 0) {
			if (bbt_reader_failed(r))
				break;
			continue;
		}
		for (size_t i = 0; i < rec.nf; i++) {
			const char *p = rec.f[i];
			char k[32], v[64];

			while (bbt_kv_next(&p, k, sizeof(k), v, sizeof(v)) > 0)
				;
		}
		if (rec.type == BBT_REC_CHECK) {
			char v[16];
			(void)bbt_kv_get(rec.f[BBT_CHECK_DETAIL], "msg", v,
			    sizeof(v));
		}
	}
	bbt_reader_close(r);
	close(fd);
	return 0;
}
