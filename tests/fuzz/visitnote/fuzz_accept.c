/* SPDX-License-Identifier: MIT */
/*
 * libFuzzer: visitnote --acceptance's reader and judge. Any input is
 * read, every case judged in both languages and laid out at the
 * receipt widths; the sheet has no control character but its line
 * breaks, and its verdict is the AND of its lines.
 */
#include <locale.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "visitnote/accept.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static void
sheet(const struct va_recs *r, int k, enum vn_lang lang)
{
	struct va_params p = { NAN, NAN, 0.8, NAN };
	struct va_sheet s;
	char *buf = NULL;
	size_t len = 0;
	int pass = 1;
	FILE *fp;

	memset(&s, 0, sizeof(s));
	s.lang = lang;
	s.kind = -1;
	s.id = r->cases[k];
	if (va_judge(r, k, 1, &p, &s) < 0)
		return;
	for (int i = 0; i < VA_NITEMS; i++)
		if (s.line[i].st == VA_FAIL || s.line[i].st == VA_UNMEASURED)
			pass = 0;
	if (pass != s.pass)
		abort();
	for (int w = 0; w <= 80; w += 16) {
		if ((fp = open_memstream(&buf, &len)) == NULL)
			abort();
		va_text_write(fp, &s, w == 0 ? 0 : w < 32 ? 32 : w);
		fclose(fp);
		for (size_t i = 0; i < len; i++)
			if (((unsigned char)buf[i] < 0x20 && buf[i] != '\n') ||
			    buf[i] == 0x7f)
				abort();
		free(buf);
		buf = NULL;
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int init;
	char path[64];
	int fd = memfd_create("recs", 0);
	struct va_recs r;
	unsigned long bad = 0;

	if (!init) {
		setlocale(LC_ALL, "C.UTF-8");
		init = 1;
	}
	if (fd < 0 || write(fd, data, size) != (ssize_t)size)
		abort();
	snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	memset(&r, 0, sizeof(r));
	(void)va_read(&r, path, &bad);
	for (size_t k = 0; k < r.ncases; k++) {
		sheet(&r, (int)k, VN_ZH);
		sheet(&r, (int)k, VN_EN);
	}
	va_recs_free(&r);
	close(fd);
	return 0;
}
