/* SPDX-License-Identifier: MIT */
/* The --log writer: whole records only, even on a full disk. */
#include <errno.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "visitnote/log.h"

char *
vn_log_format(const char *const vals[BBT_O_NCOLS], size_t *len)
{
	return vn_log_format_ext(vals, NULL, len);
}

char *
vn_log_format_ext(const char *const vals[BBT_O_NCOLS],
    const char *const x[BBT_OX_NCOLS], size_t *len)
{
	char *s = bbt_order_format_ext(vals, x, len);

	if (s == NULL) {
		errno = ENOMEM;
		return NULL;
	}
	if (*len > VN_LOG_MAX) {
		free(s);
		errno = EMSGSIZE;
		return NULL;
	}
	return s;
}

static ssize_t
write_all_once(int fd, const char *s, size_t len)
{
	ssize_t w;

	do
		w = write(fd, s, len);
	while (w < 0 && errno == EINTR);
	return w;
}

/*
 * A write that stopped short: the rest, to learn why (a short write
 * leaves errno as it was, so the message read "Success"), then the
 * torn record removed. With O_APPEND the offset after the write is the
 * end of our bytes, so the record began w bytes before it.
 */
static int
short_write(int fd, const char *s, size_t len, ssize_t w)
{
	size_t got = w > 0 ? (size_t)w : 0;
	off_t end;
	int e;

	if (w > 0) {
		ssize_t w2 = write_all_once(fd, s + got, len - got);

		if (w2 == (ssize_t)(len - got))
			return 0;
		e = w2 < 0 ? errno : ENOSPC;
		if (w2 > 0)
			got += (size_t)w2;
	} else {
		e = w == 0 ? ENOSPC : errno;
	}
	if (got > 0 && (end = lseek(fd, 0, SEEK_CUR)) >= (off_t)got) {
		struct stat sb;

		/* A pipe or terminal cannot take bytes back. */
		if (fstat(fd, &sb) == 0 && S_ISREG(sb.st_mode) &&
		    ftruncate(fd, end - (off_t)got) < 0) {
			/* The write's error is the one to report. */
		}
	}
	errno = e;
	return -1;
}

int
vn_log_write(int fd, char *const *recs, const size_t *lens, size_t n,
    size_t *done)
{
	for (*done = 0; *done < n; (*done)++) {
		const char *s = recs[*done];
		size_t len = lens[*done];
		ssize_t w = write_all_once(fd, s, len);

		if (w != (ssize_t)len && short_write(fd, s, len, w) < 0)
			return -1;
	}
	return 0;
}
