/* SPDX-License-Identifier: MIT */
/*
 * Buffered line reader. gzip input is inflated from the same descriptor
 * (stdin works too, and so do concatenated gzip members), so nothing
 * needs to seek.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>

#include "lib/lines.h"

#define CHUNK	(256 * 1024)

struct bbt_lines {
	int		 fd;
	int		 own;		/* close fd at the end */
	char		*name;
	char		*buf;		/* decoded bytes */
	size_t		 cap, start, end;
	unsigned long	 lineno;
	int		 eof, failed, gz, probed, skipping;
	uint64_t	 offset;
	uint64_t	 base;		/* file offset of buf[0] (plain files) */
	uint64_t	 range_end;	/* lines starting here or later: EOF */
	int		 skip_first;	/* drop the partial line of a range */
	z_stream	 z;
	unsigned char	*zbuf;		/* compressed input */
	size_t		 zlen;
	int		 zeof;
	int		 zopen;		/* inside a gzip member */
};

static struct bbt_lines *
lines_new(int fd, int own, const char *name)
{
	struct bbt_lines *l = calloc(1, sizeof(*l));

	if (l == NULL)
		return NULL;
	l->fd = fd;
	l->own = own;
	l->cap = CHUNK * 2;
	l->range_end = UINT64_MAX;
	if ((l->name = strdup(name)) == NULL ||
	    (l->buf = malloc(l->cap + 1)) == NULL) {
		free(l->name);
		free(l);
		return NULL;
	}
	return l;
}

struct bbt_lines *
bbt_lines_open(const char *path)
{
	struct bbt_lines *l;
	int fd;

	if (strcmp(path, "-") == 0)
		return bbt_lines_fdopen(STDIN_FILENO, "(stdin)");
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0)
		return NULL;
	if ((l = lines_new(fd, 1, path)) == NULL) {
		close(fd);
		errno = ENOMEM;
	}
	return l;
}

struct bbt_lines *
bbt_lines_fdopen(int fd, const char *name)
{
	return lines_new(fd, 0, name);
}

struct bbt_lines *
bbt_lines_open_range(const char *path, uint64_t start, uint64_t end)
{
	struct bbt_lines *l = bbt_lines_open(path);
	uint64_t from;

	if (l == NULL || start == 0) {
		if (l)
			l->range_end = end;
		return l;
	}
	/* Start one byte early and drop everything up to the first LF: a
	 * line that begins exactly at start is then kept, a line that
	 * straddles start belongs to the previous range. */
	from = start - 1;
	if (lseek(l->fd, (off_t)from, SEEK_SET) < 0) {
		int e = errno;
		bbt_lines_close(l);
		errno = e;
		return NULL;
	}
	l->probed = 1;		/* ranges are plain files, never gzip */
	l->base = from;
	l->offset = from;
	l->range_end = end;
	l->skip_first = 1;
	return l;
}

static ssize_t
raw_read(struct bbt_lines *l, void *p, size_t n)
{
	ssize_t r;

	do
		r = read(l->fd, p, n);
	while (r < 0 && errno == EINTR);
	if (r > 0)
		l->offset += (uint64_t)r;
	return r;
}

/* Inflates into p; returns bytes produced, 0 at the end, -1 on error. */
static ssize_t
gz_read(struct bbt_lines *l, char *p, size_t n)
{
	for (;;) {
		int ret;

		if (l->z.avail_in == 0 && !l->zeof) {
			ssize_t r = raw_read(l, l->zbuf, CHUNK);
			if (r < 0)
				return -1;
			if (r == 0)
				l->zeof = 1;
			l->z.next_in = l->zbuf;
			l->z.avail_in = (uInt)r;
		}
		if (l->z.avail_in == 0 && l->zeof) {
			if (l->zopen) {
				errno = EILSEQ;	/* truncated gzip */
				return -1;
			}
			return 0;
		}
		l->zopen = 1;
		l->z.next_out = (Bytef *)p;
		l->z.avail_out = (uInt)n;
		ret = inflate(&l->z, Z_NO_FLUSH);
		if (ret == Z_STREAM_END) {
			/* Another member may follow (cat a.gz b.gz). */
			size_t got = n - l->z.avail_out;
			inflateReset(&l->z);
			l->zopen = 0;
			if (got > 0)
				return (ssize_t)got;
			continue;
		}
		if (ret != Z_OK && ret != Z_BUF_ERROR) {
			errno = EILSEQ;
			return -1;
		}
		if (n - l->z.avail_out > 0)
			return (ssize_t)(n - l->z.avail_out);
		if (ret == Z_BUF_ERROR && l->zeof) {
			errno = EILSEQ;	/* truncated gzip */
			return -1;
		}
	}
}

/* Appends at least one byte to buf[end...], or sets eof/failed. */
static void
fill(struct bbt_lines *l)
{
	ssize_t r;

	if (l->start > 0 && (l->start == l->end || l->cap - l->end < CHUNK)) {
		l->base += l->start;
		memmove(l->buf, l->buf + l->start, l->end - l->start);
		l->end -= l->start;
		l->start = 0;
	}
	if (l->cap - l->end < CHUNK) {
		size_t ncap = l->cap * 2;
		char *nb = realloc(l->buf, ncap + 1);
		if (nb == NULL) {
			l->failed = 1;
			return;
		}
		l->buf = nb;
		l->cap = ncap;
	}
	if (!l->probed) {
		unsigned char m[2];
		size_t have;

		l->probed = 1;
		r = raw_read(l, l->buf + l->end, CHUNK);
		if (r < 0) {
			l->failed = 1;
			return;
		}
		if (r == 0) {
			l->eof = 1;
			return;
		}
		have = (size_t)r;
		memcpy(m, l->buf + l->end, have >= 2 ? 2 : 1);
		if (have >= 2 && m[0] == 0x1f && m[1] == 0x8b) {
			if ((l->zbuf = malloc(CHUNK)) == NULL ||
			    inflateInit2(&l->z, 15 + 16) != Z_OK) {
				l->failed = 1;
				return;
			}
			l->gz = 1;
			memcpy(l->zbuf, l->buf + l->end, have);
			l->z.next_in = l->zbuf;
			l->z.avail_in = (uInt)have;
			fill(l);
			return;
		}
		l->end += have;
		return;
	}
	r = l->gz ? gz_read(l, l->buf + l->end, l->cap - l->end) :
	    raw_read(l, l->buf + l->end, l->cap - l->end);
	if (r < 0)
		l->failed = 1;
	else if (r == 0)
		l->eof = 1;
	else
		l->end += (size_t)r;
}

int
bbt_lines_next(struct bbt_lines *l, char **line, size_t *len)
{
	size_t scanned = 0;

	for (;;) {
		char *p = l->buf + l->start, *nl;
		size_t avail = l->end - l->start;

		nl = avail > scanned ? memchr(p + scanned, '\n', avail - scanned)
		    : NULL;
		/* After a read error a partial last line is not returned:
		 * it would be reported as bad data, not as the I/O error. */
		if (nl != NULL || (l->eof && !l->failed && avail > 0)) {
			size_t n = nl ? (size_t)(nl - p) : avail;

			if (l->skip_first) {
				l->skip_first = 0;
				l->start += nl ? n + 1 : n;
				scanned = 0;
				continue;
			}
			if (!l->gz && l->base + l->start >= l->range_end)
				return 0;
			l->start += nl ? n + 1 : n;
			l->lineno++;
			if (l->skipping || n > BBT_LINE_MAX) {
				l->skipping = 0;
				errno = EMSGSIZE;
				return -1;
			}
			if (n > 0 && p[n - 1] == '\r')
				n--;
			p[n] = '\0';
			*line = p;
			*len = n;
			return 1;
		}
		if (l->failed)
			return -1;
		if (l->eof)
			return 0;
		if (avail > BBT_LINE_MAX) {
			/* Drop the overlong line's bytes but keep counting. */
			l->skipping = 1;
			l->start = l->end;
			scanned = 0;
		} else
			scanned = avail;
		fill(l);
	}
}

const char *
bbt_lines_name(const struct bbt_lines *l)
{
	return l->name;
}

unsigned long
bbt_lines_lineno(const struct bbt_lines *l)
{
	return l->lineno;
}

int
bbt_lines_failed(const struct bbt_lines *l)
{
	return l->failed;
}

uint64_t
bbt_lines_offset(const struct bbt_lines *l)
{
	return l->offset;
}

void
bbt_lines_close(struct bbt_lines *l)
{
	if (l == NULL)
		return;
	if (l->gz)
		inflateEnd(&l->z);
	if (l->own)
		close(l->fd);
	free(l->zbuf);
	free(l->buf);
	free(l->name);
	free(l);
}
