/* SPDX-License-Identifier: MIT */
/*
 * libFuzzer: visitnote's --log writer. The input is split at 0x01 bytes
 * into the order record's values; the record must be one line of the
 * record's columns, no longer than VN_LOG_MAX (or refused with
 * EMSGSIZE), and, appended twice with vn_log_write, read back by the
 * table reader as the same values.
 */
#include <errno.h>
#include <locale.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "lib/lines.h"
#include "lib/text.h"
#include "visitnote/input.h"
#include "visitnote/log.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

/* The value the reader gives back for v: v itself (the record's
 * escapes undone), NULL for empty or "-". */
static const char *
expected(const char *v)
{
	return v == NULL || *v == '\0' || strcmp(v, "-") == 0 ? NULL : v;
}

static void
read_back(int fd, const char *const vals[BBT_O_NCOLS], int valid)
{
	char path[64];
	struct vn_input *in;
	const char *v[VN_NCOLS];
	int r, rows = 0;

	snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	if ((in = vn_input_open(path)) == NULL)
		abort();
	while ((r = vn_input_next(in, v)) != 0) {
		if (r < 0) {
			/* Only a value that is not UTF-8 makes a bad row. */
			if (valid || vn_input_failed(in)) {
				fprintf(stderr, "%s\n", vn_input_error(in));
				abort();
			}
			continue;
		}
		rows++;
		for (int i = 0; i < BBT_O_NCOLS; i++) {
			const char *e = expected(vals[i]);

			if ((e == NULL) != (v[i] == NULL) ||
			    (e && strcmp(e, v[i]) != 0))
				abort();
		}
	}
	if (valid && rows != 2)
		abort();
	vn_input_close(in);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int init;
	const char *vals[BBT_O_NCOLS] = { NULL };
	char *buf = malloc(size + 1), *p, *recs[2];
	size_t len, lens[2], done, tabs = 0;
	int fd, n = 0, valid = 1;

	if (!init) {
		setlocale(LC_ALL, "C.UTF-8");
		init = 1;
	}
	if (buf == NULL)
		abort();
	memcpy(buf, data, size);
	buf[size] = '\0';
	/* Values end at 0x01 (or a NUL, which ends a C string anyway). */
	for (p = buf; n < BBT_O_NCOLS; n++) {
		char *q = strchr(p, '\1');

		vals[n] = *p ? p : NULL;
		if (vals[n] && bbt_utf8_check(p, q ? (size_t)(q - p) :
		    strlen(p)) >= 0)
			valid = 0;
		if (q == NULL)
			break;
		*q = '\0';
		p = q + 1;
	}
	/* The record word is ours: the first value is the id. */
	if ((recs[0] = vn_log_format(vals, &len)) == NULL) {
		if (errno != EMSGSIZE || len <= VN_LOG_MAX)
			abort();
		free(buf);
		return 0;
	}
	if (len > VN_LOG_MAX || len != strlen(recs[0]) ||
	    strncmp(recs[0], "order\t", 6) != 0 ||
	    memchr(recs[0], '\n', len) != recs[0] + len - 1)
		abort();
	for (size_t i = 0; i < len; i++)
		tabs += recs[0][i] == '\t';
	if (tabs != BBT_O_NCOLS)
		abort();
	recs[1] = recs[0];
	lens[0] = lens[1] = len;
	if ((fd = memfd_create("log", 0)) < 0)
		abort();
	if (vn_log_write(fd, recs, lens, 2, &done) != 0 || done != 2 ||
	    lseek(fd, 0, SEEK_END) != (off_t)(2 * len))
		abort();
	/* Fuzz builds cut the reader's lines at BBT_LINE_MAX (300 bytes)
	 * so that overlong lines are cheap to reach: a longer record is
	 * written but cannot be read back whole there. */
	if (len < BBT_LINE_MAX)
		read_back(fd, vals, valid);
	close(fd);
	free(recs[0]);
	free(buf);
	return 0;
}
