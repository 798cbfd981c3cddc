/* SPDX-License-Identifier: MIT */
#include <errno.h>
#include <zlib.h>

#include "testutil.h"
#include "lib/lines.h"

static void
test_basic(void **st)
{
	char *p = TMPFILE("a\r\nbb\n\nlast");
	struct bbt_lines *l = bbt_lines_open(p);
	char *line;
	size_t len;

	(void)st;
	assert_non_null(l);
	assert_int_equal(bbt_lines_next(l, &line, &len), 1);
	assert_string_equal(line, "a");	/* CR stripped */
	assert_int_equal(bbt_lines_next(l, &line, &len), 1);
	assert_string_equal(line, "bb");
	assert_int_equal(bbt_lines_next(l, &line, &len), 1);
	assert_int_equal(len, 0);
	assert_int_equal(bbt_lines_next(l, &line, &len), 1);
	assert_string_equal(line, "last");	/* no final newline */
	assert_int_equal(bbt_lines_lineno(l), 4);
	assert_int_equal(bbt_lines_next(l, &line, &len), 0);
	bbt_lines_close(l);
	unlink(p);
}

static void
test_empty_missing(void **st)
{
	char *p = TMPFILE("");
	struct bbt_lines *l = bbt_lines_open(p);
	char *line;
	size_t len;

	(void)st;
	assert_int_equal(bbt_lines_next(l, &line, &len), 0);
	bbt_lines_close(l);
	unlink(p);
	assert_null(bbt_lines_open("/nonexistent/bbt"));
	assert_int_equal(errno, ENOENT);
}

static void
test_overlong(void **st)
{
	size_t n = BBT_LINE_MAX + 10;
	char *big = malloc(n + 20), *line, *p;
	struct bbt_lines *l;
	size_t len;

	(void)st;
	memset(big, 'x', n);
	memcpy(big + n, "\nok\n", 4);
	p = tmpfile_with(big, n + 4);
	l = bbt_lines_open(p);
	assert_int_equal(bbt_lines_next(l, &line, &len), -1);
	assert_int_equal(errno, EMSGSIZE);
	assert_false(bbt_lines_failed(l));
	assert_int_equal(bbt_lines_lineno(l), 1);
	/* The reader goes on with the next line. */
	assert_int_equal(bbt_lines_next(l, &line, &len), 1);
	assert_string_equal(line, "ok");
	assert_int_equal(bbt_lines_lineno(l), 2);
	bbt_lines_close(l);
	unlink(p);
	free(big);
}

/* A look-ahead reader stops at an overlong line instead of reading it
 * to its end (the table header of a split file: a 2.2 GB line). */
static void
test_stop_long(void **st)
{
	size_t n = 16 * BBT_LINE_MAX;
	char *big = malloc(n + 20), *line, *p;
	struct bbt_lines *l;
	size_t len;

	(void)st;
	memcpy(big, "a\n", 2);
	memset(big + 2, 'x', n);
	memcpy(big + 2 + n, "\nok\n", 4);
	p = tmpfile_with(big, n + 6);
	l = bbt_lines_open(p);
	bbt_lines_stop_long(l);
	assert_int_equal(bbt_lines_next(l, &line, &len), 1);
	assert_false(bbt_lines_stopped(l));
	assert_int_equal(bbt_lines_next(l, &line, &len), -1);
	assert_int_equal(errno, EMSGSIZE);
	assert_true(bbt_lines_stopped(l));
	assert_false(bbt_lines_failed(l));
	assert_int_equal(bbt_lines_next(l, &line, &len), 0);
	assert_true(bbt_lines_offset(l) <= 4 * BBT_LINE_MAX);
	bbt_lines_close(l);
	unlink(p);
	free(big);
}

static void
test_gzip(void **st)
{
	char path[] = "/tmp/bbt-unit-gz.XXXXXX";
	int fd = mkstemp(path);
	gzFile gz;
	struct bbt_lines *l;
	char *line;
	size_t len, n = 0;

	(void)st;
	assert_true(fd >= 0);
	/* Two members, as `cat a.gz b.gz` makes. */
	for (int m = 0; m < 2; m++) {
		gz = gzdopen(dup(fd), "ab");
		for (int i = 0; i < 50000; i++)
			gzprintf(gz, "line %d of member %d\n", i, m);
		gzclose(gz);
	}
	close(fd);
	l = bbt_lines_open(path);
	while (bbt_lines_next(l, &line, &len) == 1) {
		char want[64];
		snprintf(want, sizeof(want), "line %zu of member %zu",
		    n % 50000, n / 50000);
		assert_string_equal(line, want);
		n++;
	}
	assert_int_equal(n, 100000);
	assert_false(bbt_lines_failed(l));
	bbt_lines_close(l);
	unlink(path);
}

static void
test_gzip_truncated(void **st)
{
	char path[] = "/tmp/bbt-unit-gz.XXXXXX";
	int fd = mkstemp(path);
	gzFile gz = gzdopen(dup(fd), "wb");
	struct bbt_lines *l;
	char *line;
	size_t len;
	int r;
	off_t size;

	(void)st;
	for (int i = 0; i < 100000; i++)
		gzprintf(gz, "%d some text to compress %d\n", i, i * 7);
	gzclose(gz);
	size = lseek(fd, 0, SEEK_END);
	assert_int_equal(ftruncate(fd, size / 2), 0);
	close(fd);
	l = bbt_lines_open(path);
	while ((r = bbt_lines_next(l, &line, &len)) == 1)
		;
	assert_int_equal(r, -1);
	assert_true(bbt_lines_failed(l));
	bbt_lines_close(l);
	unlink(path);
}

/* A gzip file of n lines "line I", then extra bytes; returns its path. */
static char *
gzip_with(size_t n, const void *extra, size_t extralen, off_t cut)
{
	static char path[] = "/tmp/bbt-unit-gz.XXXXXX";
	int fd;
	gzFile gz;

	strcpy(path, "/tmp/bbt-unit-gz.XXXXXX");
	fd = mkstemp(path);
	assert_true(fd >= 0);
	gz = gzdopen(dup(fd), "wb");
	for (size_t i = 0; i < n; i++)
		gzprintf(gz, "line %zu\n", i);
	gzclose(gz);
	if (cut)
		assert_int_equal(ftruncate(fd, lseek(fd, 0, SEEK_END) - cut), 0);
	lseek(fd, 0, SEEK_END);
	if (extralen)
		assert_int_equal(write(fd, extra, extralen), (ssize_t)extralen);
	close(fd);
	return path;
}

/* Damaged gzip data is told from a read error, and the lines before it
 * are all there: every one after trailing bytes, a prefix otherwise. */
static void
test_gzip_damage(void **st)
{
	static const struct {
		const char	*extra;
		size_t		 len;
		off_t		 cut;
		int		 damage;
		int		 all;
	} c[] = {
		{ "garbage\n", 8, 0, BBT_LINES_TRAILING, 1 },
		{ "\0\0\0\0", 4, 0, BBT_LINES_TRAILING, 1 },
		{ "\x1f", 1, 0, BBT_LINES_TRUNCATED, 1 },
		{ NULL, 0, 3, BBT_LINES_TRUNCATED, 1 },
		{ NULL, 0, 20000, BBT_LINES_TRUNCATED, 0 },
		{ NULL, 0, 0, 0, 1 },
	};

	(void)st;
	for (size_t k = 0; k < sizeof(c) / sizeof(c[0]); k++) {
		char *p = gzip_with(50000, c[k].extra, c[k].len, c[k].cut);
		struct bbt_lines *l = bbt_lines_open(p);
		char *line, want[32];
		size_t len, n = 0;
		int r;

		while ((r = bbt_lines_next(l, &line, &len)) == 1) {
			snprintf(want, sizeof(want), "line %zu", n++);
			assert_string_equal(line, want);
		}
		assert_int_equal(bbt_lines_damage(l), c[k].damage);
		assert_int_equal(r, c[k].damage ? -1 : 0);
		assert_int_equal(bbt_lines_failed(l), c[k].damage != 0);
		if (c[k].all)
			assert_int_equal(n, 50000);
		else
			assert_true(n > 1000 && n < 50000);
		assert_int_equal(bbt_lines_lineno(l), n);
		bbt_lines_close(l);
		unlink(p);
	}
}

/*
 * The TSV scanners against a plain loop over the same bytes: every line
 * (CR stripped), its tabs and its first byte >= 0x80 or NUL.
 */
struct ref {
	char		*buf;
	size_t		 size, pos;
};

#define REF_MAXTABS	4096	/* more are counted, not kept */

/* The next expected line of r: 1 and its fields, or 0 at the end. */
static int
ref_next(struct ref *r, size_t *len, uint32_t *tabs, size_t *ntabs,
    size_t *odd, size_t *oend, const char **line)
{
	size_t s = r->pos, e = s;

	if (s >= r->size)
		return 0;
	while (e < r->size && r->buf[e] != '\n')
		e++;
	r->pos = e + 1;
	*line = r->buf + s;
	*len = e - s;
	if (*len > 0 && r->buf[e - 1] == '\r')
		(*len)--;
	*ntabs = 0;
	*odd = *len;
	*oend = 0;
	for (size_t i = 0; i < *len; i++) {
		unsigned char c = (unsigned char)r->buf[s + i];

		if (c == '\t' && (*ntabs)++ < REF_MAXTABS)
			tabs[*ntabs - 1] = (uint32_t)i;
		if ((c == 0 || c >= 0x80) && *odd == *len)
			*odd = i;
		if (c == 0 || c >= 0x80)
			*oend = i + 1;
	}
	return 1;
}

static const int scanners[] = { BBT_SCAN_SCALAR, BBT_SCAN_SSE2,
	BBT_SCAN_AVX2, BBT_SCAN_AUTO };

/* Reads content with each scanner and compares with ref_next(). */
static void
compare_scan(const char *content, size_t size)
{
	char *p = tmpfile_with(content, size);

	for (size_t k = 0; k < sizeof(scanners) / sizeof(scanners[0]); k++) {
		static uint32_t tabs[512 + 8], want[REF_MAXTABS];
		struct bbt_tsv ts = { .tabs = tabs, .max = 512 };
		struct ref r = { (char *)content, size, 0 };
		struct bbt_lines *l;
		const char *wline;
		char *line;
		size_t len, wlen, wn, wodd, wend;
		int ret;

		if (bbt_lines_scanner(scanners[k]) < 0)
			continue;	/* not on this CPU or build */
		l = bbt_lines_open(p);
		assert_non_null(l);
		while ((ret = bbt_lines_next_tsv(l, &line, &len, &ts)) == 1) {
			assert_int_equal(ref_next(&r, &wlen, want, &wn, &wodd,
			    &wend, &wline), 1);
			assert_int_equal(len, wlen);
			assert_memory_equal(line, wline, len);
			assert_int_equal(line[len], '\0');
			if (wn > ts.max) {
				assert_true(ts.over);
				continue;
			}
			assert_false(ts.over);
			assert_int_equal(ts.n, wn);
			for (size_t i = 0; i < wn; i++)
				assert_int_equal(ts.tabs[i], want[i]);
			assert_int_equal(ts.odd, wodd);
			assert_int_equal(ts.odd_end, wend);
		}
		assert_int_equal(ret, 0);
		assert_int_equal(ref_next(&r, &wlen, want, &wn, &wodd,
		    &wend, &wline), 0);
		bbt_lines_close(l);
	}
	bbt_lines_scanner(BBT_SCAN_AUTO);
	unlink(p);
}

static void
test_tsv_block_edges(void **st)
{
	char buf[512];

	(void)st;
	/* A tab, LF, CR LF, non-ASCII byte or NUL at every offset around
	 * the first two 64-byte block edges, and the file's end there. */
	for (size_t at = 0; at < 200; at++)
		for (int c = 0; c < 6; c++) {
			static const char *const what[] = { "\t", "\n",
				"\r\n", "\xc3\xa9", "\0", "\t\t" };
			size_t wl = c == 4 ? 1 : strlen(what[c]), n = 0;

			memset(buf, 'x', at);
			n = at;
			memcpy(buf + n, what[c], wl);
			n += wl;
			compare_scan(buf, n);	/* ends there, no LF */
			memcpy(buf + n, "y\tz\n", 4);
			compare_scan(buf, n + 4);
		}
}

static void
test_tsv_random(void **st)
{
	static const char alphabet[] = "ab\t\t\t\n\r\x80\xe4-";
	size_t size = 3 * 256 * 1024 + 1000;
	char *buf = malloc(size);
	unsigned seed = 1;

	(void)st;
	/* Short and long lines (past 64 bytes and past a read chunk,
	 * 256 KB), CRs in and at the end of lines, and a line with more
	 * tabs than the caller has room for. */
	for (size_t i = 0; i < size; i++) {
		seed = seed * 1103515245 + 12345;
		buf[i] = alphabet[(seed >> 16) % (sizeof(alphabet) - 1)];
		if (i > 300000 && i < 600000 && buf[i] == '\n')
			buf[i] = 'c';	/* one line longer than a chunk */
		if (i > 700000 && i < 702000)
			buf[i] = '\t';
	}
	compare_scan(buf, size);
	free(buf);
}

static void
test_tsv_crlf_chunk(void **st)
{
	size_t chunk = 256 * 1024;
	char *buf = malloc(2 * chunk + 10);

	(void)st;
	/* The first read(2) takes 256 KB: put CR LF across it, then a
	 * tab, then an LF, then the file's end, at the chunk's edge. */
	for (size_t d = 0; d < 4; d++) {
		memset(buf, 'x', 2 * chunk + 10);
		for (size_t i = 100; i < 2 * chunk; i += 100)
			buf[i] = '\n';
		buf[chunk - 1 - d] = '\r';
		buf[chunk - d] = '\n';
		buf[chunk + 1 - d] = '\t';
		compare_scan(buf, 2 * chunk + 10);
		compare_scan(buf, chunk - d);
		compare_scan(buf, chunk + 1 - d);
	}
	free(buf);
}

static void
test_tsv_ranges(void **st)
{
	static const char content[] = "a\tb\r\nccc\t\td\n\nee\xc3\xa9\tf\n"
	    "0123456789012345678901234567890123456789012345678901234567890"
	    "123456789\t\tlong\ng";
	size_t size = sizeof(content) - 1;
	char *p = tmpfile_with(content, size);

	(void)st;
	/* Ranges cut anywhere tile the file: each line read once, with
	 * its tabs, whatever scanner. */
	for (size_t k = 0; k < sizeof(scanners) / sizeof(scanners[0]); k++) {
		if (bbt_lines_scanner(scanners[k]) < 0)
			continue;
		for (size_t a = 0; a <= size; a++) {
			uint64_t cut[3] = { 0, a, UINT64_MAX };
			struct ref r = { (char *)content, size, 0 };

			for (int i = 0; i < 2; i++) {
				static uint32_t tabs[64 + 8], want[REF_MAXTABS];
				struct bbt_tsv ts = { .tabs = tabs, .max = 64 };
				struct bbt_lines *l = bbt_lines_open_range(p,
				    cut[i], cut[i + 1]);
				const char *wline;
				char *line;
				size_t len, wlen, wn, wodd, wend;

				assert_non_null(l);
				while (bbt_lines_next_tsv(l, &line, &len,
				    &ts) == 1) {
					assert_int_equal(ref_next(&r, &wlen,
					    want, &wn, &wodd, &wend, &wline), 1);
					assert_int_equal(len, wlen);
					assert_memory_equal(line, wline, len);
					assert_int_equal(ts.n, wn);
					for (size_t j = 0; j < wn; j++)
						assert_int_equal(ts.tabs[j],
						    want[j]);
					assert_int_equal(ts.odd, wodd);
					assert_int_equal(ts.odd_end, wend);
				}
				bbt_lines_close(l);
			}
			assert_int_equal(r.pos, size + 1);
		}
	}
	bbt_lines_scanner(BBT_SCAN_AUTO);
	unlink(p);
}

static void
test_tsv_overlong(void **st)
{
	size_t n = BBT_LINE_MAX + 100;
	char *big = malloc(n + 20), *line, *p;
	uint32_t tabs[8 + 8];
	struct bbt_tsv ts = { .tabs = tabs, .max = 8 };
	struct bbt_lines *l;
	size_t len;

	(void)st;
	memset(big, '\t', n);
	memcpy(big + n, "\na\tb\n", 5);
	p = tmpfile_with(big, n + 5);
	l = bbt_lines_open(p);
	assert_int_equal(bbt_lines_next_tsv(l, &line, &len, &ts), -1);
	assert_int_equal(errno, EMSGSIZE);
	assert_int_equal(bbt_lines_next_tsv(l, &line, &len, &ts), 1);
	assert_string_equal(line, "a\tb");
	assert_int_equal(ts.n, 1);
	assert_int_equal(ts.tabs[0], 1);
	assert_false(ts.over);
	assert_int_equal(bbt_lines_lineno(l), 2);
	bbt_lines_close(l);
	unlink(p);
	free(big);
}

/* One reading of a file or of its ranges: each line's result and bytes. */
struct seen {
	int		*ret;
	char		**text;
	size_t		 n, cap;
	unsigned long	 lines;
};

static void
seen_read(struct seen *s, struct bbt_lines *l, int tsv)
{
	static uint32_t tabs[64 + 8];
	struct bbt_tsv ts = { .tabs = tabs, .max = 64 };
	char *line;
	size_t len;
	int r;

	assert_non_null(l);
	while ((r = tsv ? bbt_lines_next_tsv(l, &line, &len, &ts) :
	    bbt_lines_next(l, &line, &len)) != 0) {
		if (s->n == s->cap) {
			s->cap = s->cap ? 2 * s->cap : 64;
			s->ret = realloc(s->ret, s->cap * sizeof(*s->ret));
			s->text = realloc(s->text, s->cap * sizeof(*s->text));
			assert_non_null(s->ret);
			assert_non_null(s->text);
		}
		s->ret[s->n] = r;
		s->text[s->n++] = r == 1 ? strndup(line, len) : NULL;
	}
	assert_false(bbt_lines_failed(l));
	s->lines += bbt_lines_lineno(l);
	bbt_lines_close(l);
}

static void
seen_free(struct seen *s)
{
	for (size_t i = 0; i < s->n; i++)
		free(s->text[i]);
	free(s->ret);
	free(s->text);
	memset(s, 0, sizeof(*s));
}

static int
cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return (x > y) - (x < y);
}

/*
 * Property: whatever the cuts, ranges that tile a file read what one
 * reader reads, overlong lines (skipped, counted) included. Files of a
 * few MB whose lines are short, near BBT_LINE_MAX, or several times it,
 * cut at random places, often inside the long lines.
 */
static void
test_ranges_overlong(void **st)
{
	size_t cap = 8 * BBT_LINE_MAX;
	char *buf = malloc(cap), *p;

	(void)st;
	assert_non_null(buf);
	srandom(20261206);
	for (int iter = 0; iter < 24; iter++) {
		struct seen whole = { 0 }, parts = { 0 };
		uint64_t cut[12];
		size_t size = 0;
		int ncut = 1 + (int)(random() % 10), tsv = iter & 1;

		while (size < cap - 3 * BBT_LINE_MAX - 100) {
			long k = random() % 10;
			size_t n = k < 6 ? (size_t)(random() % 80) :
			    k < 8 ? BBT_LINE_MAX - 2 + (size_t)(random() % 5) :
			    BBT_LINE_MAX + (size_t)(random() % (2 * BBT_LINE_MAX));

			memset(buf + size, 'a' + (int)(size % 26), n);
			if (n > 2)
				buf[size + 1] = '\t';
			size += n;
			buf[size++] = '\n';
		}
		if (random() % 2)
			size--;		/* no final LF */
		p = tmpfile_with(buf, size);
		seen_read(&whole, bbt_lines_open(p), tsv);
		for (int i = 1; i < ncut; i++)
			cut[i] = (uint64_t)random() % size;
		cut[0] = 0;
		qsort(cut + 1, (size_t)ncut - 1, sizeof(cut[0]), cmp_u64);
		cut[ncut] = UINT64_MAX;
		for (int i = 0; i < ncut; i++)
			seen_read(&parts, bbt_lines_open_range(p, cut[i],
			    cut[i + 1]), tsv);
		assert_int_equal(parts.n, whole.n);
		assert_int_equal(parts.lines, whole.lines);
		for (size_t i = 0; i < whole.n; i++) {
			assert_int_equal(parts.ret[i], whole.ret[i]);
			if (whole.text[i])
				assert_string_equal(parts.text[i],
				    whole.text[i]);
		}
		seen_free(&whole);
		seen_free(&parts);
		unlink(p);
	}
	free(buf);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_basic),
		cmocka_unit_test(test_empty_missing),
		cmocka_unit_test(test_overlong),
		cmocka_unit_test(test_stop_long),
		cmocka_unit_test(test_gzip),
		cmocka_unit_test(test_gzip_truncated),
		cmocka_unit_test(test_gzip_damage),
		cmocka_unit_test(test_tsv_block_edges),
		cmocka_unit_test(test_tsv_random),
		cmocka_unit_test(test_tsv_crlf_chunk),
		cmocka_unit_test(test_tsv_ranges),
		cmocka_unit_test(test_tsv_overlong),
		cmocka_unit_test(test_ranges_overlong),
	};
	return cmocka_run_group_tests_name("lines", tests, NULL, NULL);
}
