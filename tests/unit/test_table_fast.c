/* SPDX-License-Identifier: MIT */
/* bbt_table_fast(): the rows, errors and line numbers of bbt_table_raw(). */
#include "testutil.h"
#include "lib/lines.h"
#include "lib/table.h"

static const struct bbt_table_col cols[] = {
	{ "id", NULL }, { "kind", NULL }, { "accepted", NULL },
};

static const int scanners[] = { BBT_SCAN_SCALAR, BBT_SCAN_SSE2,
	BBT_SCAN_AVX2 };

/* A row as one string, "id|kind|accepted" ("~" for none), or "E reason"
 * with its line number, or "END". */
static void
describe(struct bbt_table *t, int r, const struct bbt_rawrow *rr, char *out,
    size_t outsz)
{
	size_t n = 0;

	if (r == 0) {
		snprintf(out, outsz, "END");
		return;
	}
	if (r < 0) {
		snprintf(out, outsz, "E %lu %s", bbt_table_lineno(t),
		    bbt_table_reason(t));
		return;
	}
	n += (size_t)snprintf(out, outsz, "%lu ", bbt_table_lineno(t));
	for (size_t c = 0; c < 3; c++) {
		struct bbt_field f = bbt_raw_get(rr, c);

		n += (size_t)snprintf(out + n, outsz - n, "%s%.*s",
		    c ? "|" : "", f.s ? (int)f.len : 1, f.s ? f.s : "~");
	}
}

/* Every row of the file by both readers: the same, and the fast one's
 * are want[] when given. */
static size_t
compare(const char *path, uint64_t start, uint64_t end,
    const char *const *want, size_t nwant)
{
	struct bbt_table *t = bbt_table_open_range(path, cols, 3, "order",
	    start, end);
	struct bbt_table *ft = bbt_table_open_range(path, cols, 3, "order",
	    start, end);
	struct bbt_rawrow rr, fr;
	char a[512], b[512];
	size_t i = 0;
	int r, fr_r;

	assert_non_null(t);
	assert_non_null(ft);
	do {
		r = bbt_table_raw(t, &rr);
		describe(t, r, &rr, a, sizeof(a));
		fr_r = bbt_table_fast(ft, &fr);
		describe(ft, fr_r, &fr, b, sizeof(b));
		assert_string_equal(b, a);
		if (want) {
			assert_true(i < nwant);
			assert_string_equal(b, want[i]);
		}
		i++;
	} while (r != 0 && !(r < 0 && bbt_table_failed(t)));
	if (want)
		assert_int_equal(i, nwant);
	bbt_table_close(t);
	bbt_table_close(ft);
	return i;
}

/* Each kind of line that is not a plain row is left to bbt_table_raw(),
 * after two plain rows: bbt_table_raw() may give the first (after a
 * line it skips), the walk the second, and then it meets the line. */
static void
test_lines(void **st)
{
#define P2(a, b)	a "\tp\t-\n" b "\tp\t-\n"
	static const char content[] =
	    "id\tkind\taccepted\n"
	    P2("A", "B") "# a comment\n"
	    P2("C", "D") "\n"
	    P2("E", "F") "R1\tmove\t-\r\n"
	    P2("G", "H") "id\tkind\taccepted\n"
	    P2("I", "J") "order\tR2\tinstall\t2024-01-02 08:00\n"
	    P2("K", "L") "\xef\xbb\xbf" "R3\trepair\t-\n"
	    P2("M", "N") "R4\t\xe6\xb8\x9d\xe5\x8c\x97\t\n"
	    P2("O", "P") "R5\t\xc3\t-\n"
	    P2("Q", "R") "R6\trepair\n"
	    P2("S", "T") "R7\tre\0air\tx\n"
	    P2("U", "V") "R8\t\t\t\n"
	    P2("W", "X") "order\tR9\tmove\n"
	    P2("Y", "Z") "R10\trepair\t2024-01-03 09:00";
#undef P2
	static const char *const want[] = {
		"2 A|p|~", "3 B|p|~", "5 C|p|~", "6 D|p|~",
		"8 E|p|~", "9 F|p|~", "10 R1|move|~",
		"11 G|p|~", "12 H|p|~", "14 I|p|~", "15 J|p|~",
		"16 R2|install|2024-01-02 08:00",
		"17 K|p|~", "18 L|p|~", "19 R3|repair|~",
		"20 M|p|~", "21 N|p|~", "22 R4|\xe6\xb8\x9d\xe5\x8c\x97|~",
		"23 O|p|~", "24 P|p|~", "E 25 invalid UTF-8",
		"26 Q|p|~", "27 R|p|~", "E 28 2 columns, the header has 3",
		"29 S|p|~", "30 T|p|~", "E 31 NUL byte in the line",
		"32 U|p|~", "33 V|p|~", "E 34 4 columns, the header has 3",
		"35 W|p|~", "36 X|p|~", "E 37 2 columns, the order record has 3",
		"38 Y|p|~", "39 Z|p|~", "40 R10|repair|2024-01-03 09:00",
		"END",
	};
	char *p = tmpfile_with(content, sizeof(content) - 1);

	(void)st;
	for (size_t k = 0; k < sizeof(scanners) / sizeof(scanners[0]); k++) {
		if (bbt_lines_scanner(scanners[k]) < 0)
			continue;
		compare(p, 0, UINT64_MAX, want, sizeof(want) / sizeof(want[0]));
	}
	bbt_lines_scanner(BBT_SCAN_AUTO);
	unlink(p);
}

/*
 * Many rows (several buffers of the line reader) with a line of each
 * other kind now and then, of lengths that put the LF and the tabs at
 * every place in a 64-byte block; read whole and in ranges.
 */
static void
test_many(void **st)
{
	static const char *const odd[] = { "# c", "", "x\ty\tz\r", "x\ty",
		"x\t\xc3\x28\tz", "id\tkind\taccepted", "x\t\xe4\xb8\xad\tz",
		"\xef\xbb\xbfx\ty\tz", "order\tx\ty\tz" };
	size_t cap = 4 << 20, n = 0, rows, k2;
	char *buf = malloc(cap), *p;

	(void)st;
	assert_non_null(buf);
	n += (size_t)snprintf(buf, cap, "id\tkind\taccepted\n");
	for (unsigned i = 0; i < 40000; i++) {
		if (i % 97 == 5)
			n += (size_t)snprintf(buf + n, cap - n, "%s\n",
			    odd[i / 97 % 9]);
		n += (size_t)snprintf(buf + n, cap - n, "W%u\t%.*s\t%s\n", i,
		    (int)(i % 71), "repairrepairrepairrepairrepairrepairrepair"
		    "repairrepairrepairrepairrepairrepair", i % 3 ? "-" : "");
	}
	p = tmpfile_with(buf, n);
	for (size_t k = 0; k < sizeof(scanners) / sizeof(scanners[0]); k++) {
		if (bbt_lines_scanner(scanners[k]) < 0)
			continue;
		rows = compare(p, 0, UINT64_MAX, NULL, 0);
		assert_true(rows > 40000);
		/* Ranges: together, every row once (a line's own range). */
		k2 = 0;
		for (uint64_t a = 0; a < n; a += n / 5 + 13)
			k2 += compare(p, a, a + n / 5 + 13, NULL, 0) - 1;
		assert_int_equal(k2 + 1, rows);
	}
	bbt_lines_scanner(BBT_SCAN_AUTO);
	unlink(p);
	free(buf);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_lines),
		cmocka_unit_test(test_many),
	};
	return cmocka_run_group_tests_name("table_fast", tests, NULL, NULL);
}
