/* SPDX-License-Identifier: MIT */
#include "testutil.h"
#include "lib/lines.h"
#include "lib/order.h"
#include "lib/table.h"

static const struct bbt_table_col cols[] = {
	{ "id", "工单号" }, { "kind", "类型|type" }, { "accepted", "受理时间" },
};

struct expect {
	int		 ret;
	const char	*v[3];		/* values, or the error suffix */
};

/* Every case is read twice: as C strings (bbt_table_next) and in place
 * (bbt_table_raw, bbt_raw_get), which must give the same values. */
static void
run(const char *content, const struct expect *e, size_t n)
{
	char *p = tmpfile_with(content, strlen(content));
	struct bbt_table *t = bbt_table_open(p, cols, 3, "order");
	struct bbt_table *rt = bbt_table_open(p, cols, 3, "order");
	const char *vals[3];
	struct bbt_rawrow rr;

	assert_non_null(t);
	assert_non_null(rt);
	for (size_t i = 0; i < n; i++) {
		int r = bbt_table_next(t, vals);
		int rr_r = bbt_table_raw(rt, &rr);

		assert_int_equal(r, e[i].ret);
		assert_int_equal(rr_r, e[i].ret);
		if (r == 1) {
			for (int k = 0; k < 3; k++) {
				struct bbt_field f = bbt_raw_get(&rr, (size_t)k);

				if (e[i].v[k] == NULL) {
					assert_null(vals[k]);
					assert_null(f.s);
					assert_int_equal(f.len, 0);
					continue;
				}
				assert_string_equal(vals[k], e[i].v[k]);
				assert_non_null(f.s);
				assert_int_equal(f.len, strlen(e[i].v[k]));
				assert_memory_equal(f.s, e[i].v[k], f.len);
			}
		} else if (r < 0) {
			char want[512];
			snprintf(want, sizeof(want), "%s:%s", p, e[i].v[0]);
			assert_string_equal(bbt_table_error(t), want);
			assert_string_equal(bbt_table_error(rt), want);
		}
	}
	bbt_table_close(t);
	bbt_table_close(rt);
	unlink(p);
}

static void
test_tsv(void **st)
{
	static const struct expect e[] = {
		{ 1, { "A1", "repair", "2026-11-01 08:00" } },
		{ 1, { "A2", NULL, NULL } },
		{ -1, { "4: 2 columns, the header has 4" } },
		{ 1, { "A4", "install", NULL } },
		{ -1, { "6: invalid UTF-8" } },
		{ 1, { "A6", "move", "x" } },
		{ 0, { NULL } },
	};
	(void)st;
	/* Columns in any order, unknown ones ignored, Chinese aliases,
	 * CRLF, "-" and "" as missing, a repeated header skipped. */
	run("\xef\xbb\xbf受理时间\textra\t工单号\ttype\r\n"
	    "2026-11-01 08:00\tz\tA1\trepair\r\n"
	    "-\tz\tA2\t\n"
	    "x\ty\n"
	    "\tz\tA4\tinstall\n"
	    "\xff\tz\tA5\trepair\n"
	    "受理时间\textra\t工单号\ttype\n"
	    "x\ty\tA6\tmove\n", e, sizeof(e) / sizeof(e[0]));
}

static void
test_csv(void **st)
{
	static const struct expect e[] = {
		{ 1, { "A1", "repair", "2026-11-01 08:00" } },
		{ 1, { "A,2", "say \"hi\"", NULL } },
		{ 1, { "A3", "multi\nline", NULL } },
		{ -1, { "6: quote inside an unquoted CSV field" } },
		{ -1, { "7: 2 columns, the header has 3" } },
		{ -1, { "8: unterminated quoted CSV field" } },
		{ 0, { NULL } },
	};
	(void)st;
	run("id,kind,accepted\r\n"
	    "A1,repair,2026-11-01 08:00\r\n"
	    "\"A,2\",\"say \"\"hi\"\"\",\n"
	    "A3,\"multi\nline\",-\n"
	    "A4,b\"ad,x\n"
	    "A5,x\n"
	    "A6,\"open,x\n", e, sizeof(e) / sizeof(e[0]));
}

/*
 * A quoted field that does not close in a valid row is a stray quote:
 * its line is the bad row, and the lines after it are read again, so
 * that one quote costs one row (F13: it cost 12 777).
 */
static void
test_csv_resync(void **st)
{
	static const struct expect e[] = {
		{ -1, { "2: unterminated quoted CSV field" } },
		{ 1, { "A2", "repair", "t2" } },
		{ 1, { "A3", "multi\nline", "t3" } },
		{ 1, { "A4", "repair", "t4" } },
		{ -1, { "7: unterminated quoted CSV field" } },
		{ 1, { "A6", "repair", "t6" } },
		{ -1, { "9: quote inside an unquoted CSV field" } },
		{ 1, { "A8", "repair", "t8" } },
		{ -1, { "11: unterminated quoted CSV field" } },
		{ 1, { "A10", "repair", "t10" } },
		{ 0, { NULL } },
	};
	(void)st;
	run("id,kind,accepted\n"
	    "A1,\"rep,x\n"
	    "A2,repair,t2\n"
	    "A3,\"multi\n"
	    "line\",t3\n"
	    "A4,repair,t4\n"
	    "A5,\"x,y\n"
	    "A6,repair,t6\n"
	    "A7,x\",t7,extra\n"
	    "A8,repair,t8\n"
	    "A9,\"open\n"
	    "A10,repair,t10\n", e, sizeof(e) / sizeof(e[0]));
}

/* The line numbers of rows read again, and an overlong line among them. */
static void
test_csv_resync_lines(void **st)
{
	size_t big = BBT_LINE_MAX + 10, n;
	char *buf = malloc(big + 200), *p;
	struct bbt_table *t;
	const char *vals[3];

	(void)st;
	n = (size_t)sprintf(buf, "id,kind,accepted\nA1,\"x\n");
	memset(buf + n, 'y', big);
	n += big;
	n += (size_t)sprintf(buf + n, "\nA2,repair,t\nA3,repair,t\n");
	p = tmpfile_with(buf, n);
	t = bbt_table_open(p, cols, 3, "order");
	assert_int_equal(bbt_table_next(t, vals), -1);
	assert_int_equal(bbt_table_lineno(t), 2);
	assert_string_equal(bbt_table_reason(t),
	    "unterminated quoted CSV field");
	assert_int_equal(bbt_table_next(t, vals), -1);
	assert_int_equal(bbt_table_lineno(t), 3);
	assert_string_equal(bbt_table_reason(t), "line too long");
	assert_int_equal(bbt_table_next(t, vals), 1);
	assert_string_equal(vals[0], "A2");
	assert_int_equal(bbt_table_lineno(t), 4);
	assert_int_equal(bbt_table_next(t, vals), 1);
	assert_string_equal(vals[0], "A3");
	assert_int_equal(bbt_table_lineno(t), 5);
	assert_int_equal(bbt_table_next(t, vals), 0);
	assert_int_equal(bbt_table_lineno(t), 5);
	bbt_table_close(t);
	unlink(p);
	free(buf);
}

/* A line read again keeps its NUL bytes (found by fuzz_table: a copy
 * that stopped at the NUL was read past its end). */
static void
test_csv_resync_nul(void **st)
{
	static const char content[] = "id,kind,accepted\nA1,\"x\nA\0B,c\n"
	    "A2,repair,t\n";
	char *p = tmpfile_with(content, sizeof(content) - 1);
	struct bbt_table *t = bbt_table_open(p, cols, 3, "order");
	const char *vals[3];

	(void)st;
	assert_int_equal(bbt_table_next(t, vals), -1);
	assert_int_equal(bbt_table_lineno(t), 2);
	assert_int_equal(bbt_table_next(t, vals), -1);
	assert_int_equal(bbt_table_lineno(t), 3);
	assert_string_equal(bbt_table_reason(t), "NUL byte in the line");
	assert_int_equal(bbt_table_next(t, vals), 1);
	assert_string_equal(vals[0], "A2");
	assert_int_equal(bbt_table_next(t, vals), 0);
	bbt_table_close(t);
	unlink(p);
}

static void
test_records_mixed(void **st)
{
	static const struct expect e[] = {
		{ 1, { "R1", "repair", "2026-11-02 09:00" } },
		{ 1, { "A1", "install", NULL } },
		{ -1, { "4: 1 columns, the order record has 3" } },
		{ -1, { "5: unknown escape sequence" } },
		{ 1, { "R\t3", NULL, NULL } },
		{ 0, { NULL } },
	};
	(void)st;
	/* Records before the header, after it, with escapes. */
	run("order\tR1\trepair\t2026-11-02 09:00\n"
	    "id\tkind\n"
	    "A1\tinstall\n"
	    "order\tR2\n"
	    "order\tR\\q\t-\t-\n"
	    "order\tR\\t3\t-\t-\textra\n", e, sizeof(e) / sizeof(e[0]));
}

static void
test_bad_header(void **st)
{
	static const struct expect e[] = {
		{ -1, { "1: missing header: no column is named like 'id', 'kind', ..." } },
		{ -1, { "2: missing header: no column is named like 'id', 'kind', ..." } },
		{ 0, { NULL } },
	};
	(void)st;
	run("A1\trepair\nA2\trepair\n", e, sizeof(e) / sizeof(e[0]));
	{
		static const struct expect empty[] = { { 0, { NULL } } };
		run("", empty, 1);
		run("# only a comment\n\n", empty, 1);
	}
}

static void
test_order_words(void **st)
{
	(void)st;
	assert_int_equal(bbt_order_kind("修障"), BBT_KIND_REPAIR);
	assert_int_equal(bbt_order_kind("INSTALL"), BBT_KIND_INSTALL);
	assert_int_equal(bbt_order_kind("移机"), BBT_KIND_MOVE);
	assert_int_equal(bbt_order_kind("x"), -1);
	assert_int_equal(bbt_order_kind(NULL), -1);
	assert_int_equal(bbt_order_zone("农村"), BBT_ZONE_RURAL);
	assert_int_equal(bbt_order_zone("town"), BBT_ZONE_TOWN);
	assert_int_equal(bbt_order_outcome("no-answer"), BBT_OUT_NOANSWER);
	assert_int_equal(bbt_order_bool("是"), 1);
	assert_int_equal(bbt_order_bool("no"), 0);
	assert_int_equal(bbt_order_bool("maybe"), -1);
	assert_int_equal(bbt_order_rating("满意"), 1);
	assert_int_equal(bbt_order_rating("3"), 0);
	assert_string_equal(bbt_order_kind_name(BBT_KIND_MOVE), "move");
	assert_string_equal(bbt_order_zone_name(7), "-");
	assert_int_equal(bbt_table_col_find(bbt_order_cols, BBT_O_NCOLS,
	    "修复时间", strlen("修复时间")), BBT_O_COMPLETED);
	assert_int_equal(bbt_table_col_find(bbt_order_cols, BBT_O_NCOLS,
	    "Accepted_At", 11), BBT_O_ACCEPTED);
}

static void
test_order_append(void **st)
{
	char path[] = "/tmp/bbt-unit-order.XXXXXX";
	int fd = mkstemp(path);
	const char *v[BBT_O_NCOLS] = { 0 };
	struct bbt_table *t;
	const char *vals[BBT_O_NCOLS];

	(void)st;
	v[BBT_O_ID] = "V1";
	v[BBT_O_OUTCOME] = "no-answer";
	v[BBT_O_TECH] = "张三";
	assert_int_equal(bbt_order_append(fd, v), 0);
	v[BBT_O_ID] = "V2";
	assert_int_equal(bbt_order_append(fd, v), 0);
	close(fd);
	t = bbt_order_open(path);
	assert_int_equal(bbt_table_next(t, vals), 1);
	assert_string_equal(vals[BBT_O_ID], "V1");
	assert_string_equal(vals[BBT_O_TECH], "张三");
	assert_null(vals[BBT_O_ACCEPTED]);
	assert_int_equal(bbt_table_next(t, vals), 1);
	assert_string_equal(vals[BBT_O_ID], "V2");
	assert_int_equal(bbt_table_next(t, vals), 0);
	bbt_table_close(t);
	unlink(path);
	assert_int_equal(bbt_order_append(-1, v), -1);
}

/* A schema wider than its record: records fill their own columns, the
 * rest are NULL; a NUL byte is a data error, not a silent cut. */
static void
test_record_cols(void **st)
{
	const char content[] = "order\tR1\trepair\nid\tkind\taccepted\n"
	    "A\0B\tx\ty\nA2\tmove\t-\n";
	char *p = tmpfile_with(content, sizeof(content) - 1);
	struct bbt_table *t = bbt_table_open(p, cols, 3, "order");
	const char *vals[3];
	char want[256];

	(void)st;
	bbt_table_record_cols(t, 2);
	assert_int_equal(bbt_table_next(t, vals), 1);
	assert_string_equal(vals[0], "R1");
	assert_string_equal(vals[1], "repair");
	assert_null(vals[2]);
	assert_int_equal(bbt_table_next(t, vals), -1);
	snprintf(want, sizeof(want), "%s:3: NUL byte in the line", p);
	assert_string_equal(bbt_table_error(t), want);
	assert_string_equal(bbt_table_reason(t), "NUL byte in the line");
	assert_int_equal(bbt_table_next(t, vals), 1);
	assert_string_equal(vals[0], "A2");
	assert_int_equal(bbt_table_next(t, vals), 0);
	bbt_table_close(t);
	unlink(p);
}

/* Optional trailing record fields: records of 2 to 3 fields read, the
 * missing one absent; fewer is a bad row, more are ignored; a range
 * reader keeps the minimum. */
static void
test_record_min(void **st)
{
	const char content[] = "order\tR1\trepair\norder\tR2\tmove\tx\n"
	    "order\tR3\n" "order\tR4\tinstall\ty\tz\n";
	char *p = tmpfile_with(content, sizeof(content) - 1);
	struct bbt_table *t = bbt_table_open(p, cols, 3, "order"), *h, *r;
	const char *vals[3];
	char want[256];

	(void)st;
	bbt_table_record_min(t, 4);	/* more than the record: ignored */
	bbt_table_record_min(t, 2);
	assert_int_equal(bbt_table_next(t, vals), 1);
	assert_string_equal(vals[0], "R1");
	assert_null(vals[2]);
	assert_int_equal(bbt_table_next(t, vals), 1);
	assert_string_equal(vals[2], "x");
	assert_int_equal(bbt_table_next(t, vals), -1);
	snprintf(want, sizeof(want), "%s:3: 1 columns, the order record has 2",
	    p);
	assert_string_equal(bbt_table_error(t), want);
	assert_int_equal(bbt_table_next(t, vals), 1);
	assert_string_equal(vals[0], "R4");
	assert_string_equal(vals[2], "y");
	assert_int_equal(bbt_table_next(t, vals), 0);
	bbt_table_close(t);
	/* Without it a record has all the columns. */
	h = bbt_table_open_head(p, cols, 3, "order");
	r = bbt_table_open_part(h, 0, UINT64_MAX);
	assert_int_equal(bbt_table_next(r, vals), -1);
	bbt_table_close(r);
	bbt_table_record_min(h, 2);
	r = bbt_table_open_part(h, 0, UINT64_MAX);
	assert_int_equal(bbt_table_next(r, vals), 1);
	assert_string_equal(vals[1], "repair");
	bbt_table_close(r);
	bbt_table_close(h);
	unlink(p);
}

/* Ranges that tile the file read every row exactly once, wherever the
 * cut falls (inside a line, at its start, on a record, past the end). */
static void
test_ranges(void **st)
{
	const char *content = "\xef\xbb\xbfid\tkind\n# c\nA1\trepair\n"
	    "order\tR1\tinstall\t-\nA2\tmove\n\nA3\trepair\n";
	size_t size = strlen(content);
	char *p = tmpfile_with(content, size);

	(void)st;
	for (size_t a = 0; a <= size; a++)
		for (size_t b = a; b <= size + 3; b++) {
			uint64_t cut[4] = { 0, a, b, UINT64_MAX };
			char got[256] = "";

			for (int i = 0; i < 3; i++) {
				struct bbt_table *t = bbt_table_open_range(p,
				    cols, 3, "order", cut[i], cut[i + 1]);
				const char *vals[3];
				int r;

				assert_non_null(t);
				while ((r = bbt_table_next(t, vals)) != 0) {
					assert_int_equal(r, 1);
					strcat(got, vals[0]);
					strcat(got, vals[1]);
					strcat(got, ";");
				}
				bbt_table_close(t);
			}
			assert_string_equal(got,
			    "A1repair;R1install;A2move;A3repair;");
		}
	unlink(p);
}

/* The rows of path[start, end) appended to out: values, or the reason. */
static void
read_into(const char *path, int ranged, uint64_t start, uint64_t end,
    char *out, size_t cap)
{
	struct bbt_table *t = ranged ? bbt_table_open_range(path, cols, 3,
	    "order", start, end) : bbt_table_open(path, cols, 3, "order");
	const char *vals[3];
	int r;

	assert_non_null(t);
	while ((r = bbt_table_next(t, vals)) != 0) {
		size_t n = strlen(out);

		if (r < 0)
			snprintf(out + n, cap - n, "E:%s;", bbt_table_reason(t));
		else
			snprintf(out + n, cap - n, "%s/%s/%s;",
			    vals[0] ? vals[0] : "-", vals[1] ? vals[1] : "-",
			    vals[2] ? vals[2] : "-");
	}
	bbt_table_close(t);
}

/* Ranges read what one reader reads, errors included, when lines before
 * the header are tried as headers and fail, or the header repeats. */
static void
test_ranges_like_one(void **st)
{
	static const char *const contents[] = {
		"junk\n\xff\nid\tkind\nA1\trepair\nA2\tmove\tx\nA3\tx\n",
		"# c\nnothing known\tzz\nid\tkind\taccepted\nA1\tr\tt\n"
		    "id\tkind\taccepted\nA2\tr\tt\n",
		"order\tR1\tinstall\t-\nid,kind\nA1,r\nA2\n",
		"no header at all\nA1\trepair\n",
	};

	(void)st;
	for (size_t c = 0; c < sizeof(contents) / sizeof(contents[0]); c++) {
		size_t size = strlen(contents[c]);
		char *p = tmpfile_with(contents[c], size);
		char one[1024] = "";
		struct bbt_table *h = bbt_table_open_head(p, cols, 3, "order");
		int csv = !bbt_table_splittable(h);

		bbt_table_close(h);
		read_into(p, 0, 0, 0, one, sizeof(one));
		for (size_t a = 0; a <= size && !csv; a++)
			for (size_t b = a; b <= size; b++) {
				char got[1024] = "";

				read_into(p, 1, 0, a, got, sizeof(got));
				read_into(p, 1, a, b, got, sizeof(got));
				read_into(p, 1, b, UINT64_MAX, got, sizeof(got));
				assert_string_equal(got, one);
			}
		unlink(p);
	}
}

/* The SSE2 splitter against a plain loop: empty fields, tabs at 16-byte
 * block edges, the field limit. */
static long
split_ref(char *p, size_t len, char **f, size_t maxf)
{
	size_t n = 0;

	f[n++] = p;
	for (size_t i = 0; i < len; i++)
		if (p[i] == '\t') {
			if (n == maxf)
				return -1;
			p[i] = '\0';
			f[n++] = p + i + 1;
		}
	return (long)n;
}

static void
test_tsv_split(void **st)
{
	static const char *const lines[] = { "", "a", "\t", "a\tb",
		"0123456789abcde\tX\t\t\t", "\t\t0123456789abcdef\t",
		"0123456789abcdef\t0123456789abcdef",
		"W00000001\trepair\tA0059530\tLiangjiang New\ttown\tT0332\t"
		"G34\t2024-01-01 10:25\t2024-01-02 03:00\t-\t-\t"
		"2024-01-02 03:26\t2024-01-02 06:06\t2024-01-02 06:06\tdone" };

	(void)st;
	for (size_t i = 0; i < sizeof(lines) / sizeof(lines[0]); i++) {
		char a[256], b[256], *fa[32], *fb[32];
		size_t len = strlen(lines[i]);
		long na, nb;

		memcpy(a, lines[i], len + 1);
		memcpy(b, lines[i], len + 1);
		na = bbt_tsv_split(a, len, fa, 32);
		nb = split_ref(b, len, fb, 32);
		assert_int_equal(na, nb);
		for (long k = 0; k < na; k++)
			assert_string_equal(fa[k], fb[k]);
	}
	for (size_t max = 1; max < 6; max++) {
		char a[] = "1\t2\t3\t4\t5";
		char *f[8];
		assert_int_equal(bbt_tsv_split(a, strlen(a), f, max),
		    max < 5 ? -1 : 5);
	}
}

/*
 * Rows whose first non-ASCII byte, NUL or tab sits around a 64-byte
 * block edge, read by each scanner: values, and errors with the line.
 */
static void
test_block_edges(void **st)
{
	static const int sc[] = { BBT_SCAN_SCALAR, BBT_SCAN_SSE2,
		BBT_SCAN_AVX2 };

	(void)st;
	for (size_t k = 0; k < sizeof(sc) / sizeof(sc[0]); k++) {
		if (bbt_lines_scanner(sc[k]) < 0)
			continue;
		for (size_t at = 50; at < 140; at++) {
			char pad[160], content[1024], id[200];
			struct expect e[6] = {
				{ 1, { id, "repair", "é" } },
				{ -1, { "3: invalid UTF-8" } },
				{ -1, { "4: NUL byte in the line" } },
				{ -1, { "5: 4 columns, the header has 3" } },
				{ 1, { id, "é", NULL } },
				{ 0, { NULL } },
			};
			size_t n;

			memset(pad, 'p', at);
			pad[at] = '\0';
			snprintf(id, sizeof(id), "%s", pad);
			n = (size_t)snprintf(content, sizeof(content),
			    "id\tkind\taccepted\n%s\trepair\t\xc3\xa9\n"
			    "%s\xc3\trepair\tx\n%sX\trepair\tx\n"
			    "%s\t\t\t\n%s\t\xc3\xa9\t-\r\n", pad, pad, pad,
			    pad, pad);
			/* The NUL of line 4, after the pad. */
			content[strlen("id\tkind\taccepted\n") + at + 1 +
			    strlen("\trepair\t\xc3\xa9\n") + at + 1 +
			    strlen("\trepair\tx\n") + at] = '\0';
			{
				char *p = tmpfile_with(content, n);
				struct bbt_table *t = bbt_table_open(p, cols, 3,
				    "order");
				const char *vals[3];

				for (size_t i = 0; i < 6; i++) {
					int r = bbt_table_next(t, vals);
					char want[512];

					assert_int_equal(r, e[i].ret);
					if (r == 1) {
						assert_string_equal(vals[0],
						    e[i].v[0]);
						assert_string_equal(vals[1],
						    e[i].v[1]);
						if (e[i].v[2])
							assert_string_equal(
							    vals[2], e[i].v[2]);
						else
							assert_null(vals[2]);
					} else if (r < 0) {
						snprintf(want, sizeof(want),
						    "%s:%s", p, e[i].v[0]);
						assert_string_equal(
						    bbt_table_error(t), want);
					}
				}
				bbt_table_close(t);
				unlink(p);
			}
		}
	}
	bbt_lines_scanner(BBT_SCAN_AUTO);
}

static void
test_too_many_columns(void **st)
{
	char *big = malloc(4096), *p;
	size_t n = 0;
	struct bbt_table *t;
	const char *vals[3];

	(void)st;
	n += (size_t)sprintf(big, "id\tkind\n");
	for (int i = 0; i < 300; i++)
		big[n++] = '\t';
	n += (size_t)sprintf(big + n, "\xff\nA\tB\n");
	p = tmpfile_with(big, n);
	t = bbt_table_open(p, cols, 3, "order");
	/* Too many columns is said before the bad byte, as before. */
	assert_int_equal(bbt_table_next(t, vals), -1);
	assert_string_equal(bbt_table_reason(t), "too many columns");
	assert_int_equal(bbt_table_next(t, vals), 1);
	assert_string_equal(vals[0], "A");
	assert_string_equal(vals[1], "B");
	bbt_table_close(t);
	unlink(p);
	free(big);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_tsv),
		cmocka_unit_test(test_csv),
		cmocka_unit_test(test_csv_resync),
		cmocka_unit_test(test_csv_resync_lines),
		cmocka_unit_test(test_csv_resync_nul),
		cmocka_unit_test(test_records_mixed),
		cmocka_unit_test(test_bad_header),
		cmocka_unit_test(test_order_words),
		cmocka_unit_test(test_order_append),
		cmocka_unit_test(test_ranges),
		cmocka_unit_test(test_ranges_like_one),
		cmocka_unit_test(test_record_cols),
		cmocka_unit_test(test_record_min),
		cmocka_unit_test(test_tsv_split),
		cmocka_unit_test(test_block_edges),
		cmocka_unit_test(test_too_many_columns),
	};
	return cmocka_run_group_tests_name("table", tests, NULL, NULL);
}
