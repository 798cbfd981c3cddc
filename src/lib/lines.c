/* SPDX-License-Identifier: MIT */
/*
 * Buffered line reader. gzip input is inflated from the same descriptor
 * (stdin works too, and so do concatenated gzip members), so nothing
 * needs to seek.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>
#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>
#endif

#include "lib/lines.h"

#define CHUNK	(256 * 1024)
/* The scanners load 64 bytes at a time, past the data at the end. */
#define PAD	64

typedef size_t	scan_fn(const char *, size_t, size_t, struct bbt_tsv *);
static scan_fn	*scanner_pick(int);
static int	 scan_choice = BBT_SCAN_AUTO;

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
	int		 stop_long;	/* an overlong line ends the input */
	int		 stopped;	/* ... and it did */
	scan_fn		*scan;		/* for bbt_lines_next_tsv */
	z_stream	 z;
	unsigned char	*zbuf;		/* compressed input */
	size_t		 zlen;
	int		 zeof;
	int		 zopen;		/* inside a gzip member */
	unsigned long	 zmembers;	/* members ended */
	int		 damage;	/* BBT_LINES_TRUNCATED, ... */
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
	l->scan = scanner_pick(scan_choice);
	if ((l->name = strdup(name)) == NULL ||
	    (l->buf = malloc(l->cap + PAD + 1)) == NULL) {
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

/* The input is damaged: read errors as EILSEQ, remembered as what. */
static ssize_t
gz_damage(struct bbt_lines *l, int what)
{
	l->damage = what;
	errno = EILSEQ;
	return -1;
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
			if (l->zopen)
				return gz_damage(l, BBT_LINES_TRUNCATED);
			return 0;
		}
		/* After a member, another one or the end: anything else is
		 * trailing garbage (a tape's padding, a botched append),
		 * which gzip(1) ignores with a warning. */
		if (!l->zopen && l->zmembers > 0 && (l->z.next_in[0] != 0x1f ||
		    (l->z.avail_in > 1 && l->z.next_in[1] != 0x8b)))
			return gz_damage(l, BBT_LINES_TRAILING);
		l->zopen = 1;
		l->z.next_out = (Bytef *)p;
		l->z.avail_out = (uInt)n;
		ret = inflate(&l->z, Z_NO_FLUSH);
		if (ret == Z_STREAM_END) {
			/* Another member may follow (cat a.gz b.gz). */
			size_t got = n - l->z.avail_out;
			inflateReset(&l->z);
			l->zopen = 0;
			l->zmembers++;
			if (got > 0)
				return (ssize_t)got;
			continue;
		}
		if (ret != Z_OK && ret != Z_BUF_ERROR)
			return gz_damage(l, BBT_LINES_CORRUPT);
		if (n - l->z.avail_out > 0)
			return (ssize_t)(n - l->z.avail_out);
		if (ret == Z_BUF_ERROR && l->zeof)
			return gz_damage(l, BBT_LINES_TRUNCATED);
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
		char *nb = realloc(l->buf, ncap + PAD + 1);
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

/*
 * The TSV scanner: each 64-byte block becomes three bit masks (LF, TAB,
 * and bytes >= 0x80 or NUL, the only ones that need the UTF-8 check),
 * then the set bits are walked. One pass instead of memchr(3) for the
 * LF and a second scan for the tabs. A line is scanned from its first
 * byte, so the block with the previous LF is loaded again: simpler than
 * carrying masks over, and loads are cheap next to the bit walking.
 */
struct blk {
	uint64_t	nl, tab, odd;
};

typedef void	classify_fn(const char *, struct blk *);

static inline __attribute__((always_inline)) void
classify_scalar(const char *p, struct blk *b)
{
	uint64_t nl = 0, tab = 0, odd = 0;

	for (unsigned k = 0; k < 64; k++) {
		unsigned char c = (unsigned char)p[k];

		nl |= (uint64_t)(c == '\n') << k;
		tab |= (uint64_t)(c == '\t') << k;
		odd |= (uint64_t)(c == 0 || c >= 0x80) << k;
	}
	b->nl = nl;
	b->tab = tab;
	b->odd = odd;
}

/* Stores the tab offsets of mask m (bits relative to base). Eight
 * stores per 64 bits whatever the count, as simdjson does, measured
 * slower here: the loop is bound by instructions, not mispredictions. */
static inline __attribute__((always_inline)) void
add_tabs(struct bbt_tsv *ts, size_t base, uint64_t m)
{
	uint32_t *e;

	if (ts->over)
		return;
	if (ts->n + 64 > ts->max) {
		size_t c = 0;

		for (uint64_t x = m; x; x &= x - 1)
			c++;
		if (ts->n + c > ts->max) {
			ts->over = 1;
			return;
		}
	}
	e = ts->tabs + ts->n;
	for (; m; m &= m - 1)
		*e++ = (uint32_t)(base + (size_t)__builtin_ctzll(m));
	ts->n = (size_t)(e - ts->tabs);
}

/*
 * Returns the offset of the first LF in p[i, avail), or avail; the tabs
 * and the first odd byte before it go to ts. Reads up to 63 bytes past
 * avail (the buffer's PAD), which the keep mask ignores.
 */
static inline __attribute__((always_inline)) size_t
scan_tpl(const char *p, size_t i, size_t avail, struct bbt_tsv *ts,
    classify_fn *classify)
{
	for (; i < avail; i += 64) {
		struct blk b;
		uint64_t keep = avail - i >= 64 ? ~(uint64_t)0 :
		    ((uint64_t)1 << (avail - i)) - 1;

		classify(p + i, &b);
		b.nl &= keep;
		if (b.nl)
			keep = (b.nl & -b.nl) - 1;
		b.tab &= keep;
		b.odd &= keep;
		if (b.odd) {
			if (ts->odd == SIZE_MAX)
				ts->odd = i + (size_t)__builtin_ctzll(b.odd);
			ts->odd_end = i + 64 - (size_t)__builtin_clzll(b.odd);
		}
		if (b.tab)
			add_tabs(ts, i, b.tab);
		if (b.nl)
			return i + (size_t)__builtin_ctzll(b.nl);
	}
	return avail;
}

static size_t
scan_scalar(const char *p, size_t i, size_t avail, struct bbt_tsv *ts)
{
	return scan_tpl(p, i, avail, ts, classify_scalar);
}

#if defined(__x86_64__) || defined(__i386__)
static inline __attribute__((always_inline)) void
classify_sse2(const char *p, struct blk *b)
{
	const __m128i lf = _mm_set1_epi8('\n'), tab = _mm_set1_epi8('\t');
	const __m128i zero = _mm_setzero_si128();
	uint64_t nl = 0, tb = 0, odd = 0;

	for (int k = 0; k < 4; k++) {
		__m128i v = _mm_loadu_si128((const __m128i *)(p + 16 * k));

		nl |= (uint64_t)(unsigned)_mm_movemask_epi8(
		    _mm_cmpeq_epi8(v, lf)) << (16 * k);
		tb |= (uint64_t)(unsigned)_mm_movemask_epi8(
		    _mm_cmpeq_epi8(v, tab)) << (16 * k);
		odd |= (uint64_t)(unsigned)(_mm_movemask_epi8(v) |
		    _mm_movemask_epi8(_mm_cmpeq_epi8(v, zero))) << (16 * k);
	}
	b->nl = nl;
	b->tab = tb;
	b->odd = odd;
}

static size_t
scan_sse2(const char *p, size_t i, size_t avail, struct bbt_tsv *ts)
{
	return scan_tpl(p, i, avail, ts, classify_sse2);
}

__attribute__((target("avx2"), always_inline)) static inline void
classify_avx2(const char *p, struct blk *b)
{
	const __m256i lf = _mm256_set1_epi8('\n'), tab = _mm256_set1_epi8('\t');
	const __m256i zero = _mm256_setzero_si256();
	__m256i lo = _mm256_loadu_si256((const __m256i *)p);
	__m256i hi = _mm256_loadu_si256((const __m256i *)(p + 32));

#define MASK(a, c) ((uint64_t)(uint32_t)_mm256_movemask_epi8( \
	    _mm256_cmpeq_epi8((a), (c))))
	b->nl = MASK(lo, lf) | MASK(hi, lf) << 32;
	b->tab = MASK(lo, tab) | MASK(hi, tab) << 32;
	b->odd = ((uint64_t)(uint32_t)_mm256_movemask_epi8(lo) | MASK(lo, zero)) |
	    ((uint64_t)(uint32_t)_mm256_movemask_epi8(hi) | MASK(hi, zero)) << 32;
#undef MASK
}

__attribute__((target("avx2"))) static size_t
scan_avx2(const char *p, size_t i, size_t avail, struct bbt_tsv *ts)
{
	return scan_tpl(p, i, avail, ts, classify_avx2);
}
#endif

static scan_fn *
scanner_pick(int which)
{
#if defined(__x86_64__) || defined(__i386__)
	if ((which == BBT_SCAN_AUTO || which == BBT_SCAN_AVX2) &&
	    __builtin_cpu_supports("avx2"))
		return scan_avx2;
	if (which != BBT_SCAN_SCALAR && which != BBT_SCAN_AVX2)
		return scan_sse2;
#endif
	return which == BBT_SCAN_AUTO || which == BBT_SCAN_SCALAR ?
	    scan_scalar : NULL;
}

int
bbt_lines_scanner(int which)
{
	if (scanner_pick(which) == NULL)
		return -1;
	scan_choice = which;
	return 0;
}

static void
tsv_reset(struct bbt_tsv *ts)
{
	ts->n = 0;
	ts->over = 0;
	ts->odd = SIZE_MAX;
	ts->odd_end = 0;
}

/*
 * A range ends at the first line that starts at range_end or later. The
 * test is made where a line starts, before it is read: the line may be
 * an overlong one that only the next range has to skip. While a line is
 * being skipped l->start no longer points at it (its bytes are dropped
 * as they come), so it is known to have started in the range already.
 */
static int
past_range(const struct bbt_lines *l)
{
	return !l->gz && !l->skip_first && !l->skipping &&
	    l->base + l->start >= l->range_end;
}

static int
next(struct bbt_lines *l, char **line, size_t *len, struct bbt_tsv *ts)
{
	size_t scanned = 0;

	if (ts)
		tsv_reset(ts);
	for (;;) {
		char *p = l->buf + l->start, *nl;
		size_t avail = l->end - l->start;

		if (past_range(l))
			return 0;
		if (ts) {
			size_t at = l->scan(p, scanned, avail, ts);
			nl = at < avail ? p + at : NULL;
		} else
			nl = avail > scanned ?
			    memchr(p + scanned, '\n', avail - scanned) : NULL;
		/* After a read error a partial last line is not returned:
		 * it would be reported as bad data, not as the I/O error. */
		if (nl != NULL || (l->eof && !l->failed && avail > 0)) {
			size_t n = nl ? (size_t)(nl - p) : avail;

			l->start += nl ? n + 1 : n;
			scanned = 0;
			if (l->skip_first) {
				l->skip_first = 0;
				if (ts)
					tsv_reset(ts);
				continue;
			}
			l->lineno++;
			if (l->skipping || n > BBT_LINE_MAX) {
				l->skipping = 0;
				errno = EMSGSIZE;
				return -1;
			}
			if (n > 0 && p[n - 1] == '\r')
				n--;
			if (ts && ts->odd > n)
				ts->odd = n;
			if (ts && ts->odd_end > n)
				ts->odd_end = n;
			p[n] = '\0';
			*line = p;
			*len = n;
			return 1;
		}
		if (l->failed)
			return -1;
		if (l->eof)
			return 0;
		/*
		 * The partial line before a range's first line: once it has
		 * run past the range's end, no line starts in the range, and
		 * reading on to its LF (perhaps gigabytes away, read by the
		 * range that owns the line anyway) would only cost time.
		 */
		if (l->skip_first && l->base + l->end >= l->range_end) {
			l->start = l->end;
			return 0;
		}
		if (l->stop_long && avail > BBT_LINE_MAX && !l->skip_first) {
			/* The caller only looks ahead: no skipping it. */
			l->stopped = 1;
			l->eof = 1;
			l->start = l->end;
			errno = EMSGSIZE;
			return -1;
		}
		if (l->skip_first || avail > BBT_LINE_MAX) {
			/* Drop the bytes: of the partial line, or of an
			 * overlong one, which is still counted. */
			if (!l->skip_first)
				l->skipping = 1;
			l->start = l->end;
			scanned = 0;
			if (ts)
				tsv_reset(ts);
		} else
			scanned = avail;
		fill(l);
	}
}

int
bbt_lines_next(struct bbt_lines *l, char **line, size_t *len)
{
	return next(l, line, len, NULL);
}

int
bbt_lines_next_tsv(struct bbt_lines *l, char **line, size_t *len,
    struct bbt_tsv *ts)
{
	return next(l, line, len, ts);
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

int
bbt_lines_damage(const struct bbt_lines *l)
{
	return l->damage;
}

uint64_t
bbt_lines_offset(const struct bbt_lines *l)
{
	return l->offset;
}

void
bbt_lines_stop_long(struct bbt_lines *l)
{
	l->stop_long = 1;
}

int
bbt_lines_stopped(const struct bbt_lines *l)
{
	return l->stopped;
}

uint64_t
bbt_lines_tell(const struct bbt_lines *l)
{
	return l->base + l->start;
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
