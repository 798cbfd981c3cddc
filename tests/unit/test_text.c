/* SPDX-License-Identifier: MIT */
#include <locale.h>

#include "testutil.h"
#include "lib/text.h"

static int
setup(void **st)
{
	(void)st;
	setlocale(LC_CTYPE, "C.UTF-8");
	return 0;
}

static void
test_decode(void **st)
{
	static const struct {
		const char *s;
		size_t len;
		uint32_t cp;
		size_t n;
	} t[] = {
		{ "A", 1, 'A', 1 },
		{ "\xc3\x97", 2, 0xd7, 2 },		/* × */
		{ "\xe8\x81\x94", 3, 0x8054, 3 },	/* 联 */
		{ "\xf0\x9f\x98\x80", 4, 0x1f600, 4 },	/* emoji */
		{ "\xc0\xaf", 2, 0, 0 },		/* overlong / */
		{ "\xe0\x80\xaf", 3, 0, 0 },		/* overlong */
		{ "\xed\xa0\x80", 3, 0, 0 },		/* surrogate */
		{ "\xf4\x90\x80\x80", 4, 0, 0 },	/* > U+10FFFF */
		{ "\xe8\x81", 2, 0, 0 },		/* truncated */
		{ "\x80", 1, 0, 0 },			/* lone continuation */
		{ "\xff", 1, 0, 0 },
	};
	(void)st;
	for (size_t i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		uint32_t cp = 0;
		assert_int_equal(bbt_utf8_decode(t[i].s, t[i].len, &cp), t[i].n);
		if (t[i].n)
			assert_int_equal(cp, t[i].cp);
	}
	assert_int_equal(bbt_utf8_check("abc\xe8\x81\x94", 6), -1);
	assert_int_equal(bbt_utf8_check("abcdefghij\xff", 11), 10);
	assert_int_equal(bbt_utf8_check("\xe8\x81", 2), 0);
	/* Lines: a NUL byte stops them too, wherever it sits in a word. */
	for (size_t at = 0; at < 20; at++) {
		char l[20];

		memset(l, 'a', sizeof(l));
		l[at] = '\0';
		assert_int_equal(bbt_line_check(l, sizeof(l)), (long)at);
		assert_int_equal(bbt_utf8_check(l, sizeof(l)), -1);
	}
	assert_int_equal(bbt_line_check("abc\xe8\x81\x94xyz", 9), -1);
	assert_int_equal(bbt_line_check("abcdefgh\xff", 9), 8);
}

/* The checks with the decoder alone, byte by byte. */
static long
ref_check(const char *s, size_t len, int nul)
{
	size_t i = 0, n;
	uint32_t cp;

	while (i < len) {
		if ((unsigned char)s[i] < 0x80) {
			if (nul && s[i] == '\0')
				return (long)i;
			i++;
			continue;
		}
		if ((n = bbt_utf8_decode(s + i, len - i, &cp)) == 0)
			return (long)i;
		i += n;
	}
	return -1;
}

/* Every pair of leading bytes before third bytes at each class edge, at
 * the end of the text and before more: the checks' shortcuts (eight
 * ASCII bytes at once, three-byte characters inline) answer as the
 * decoder does, first bad byte included. */
static void
test_check_all(void **st)
{
	static const unsigned char third[] = { 0x00, 0x41, 0x7f, 0x80, 0x8f,
	    0x90, 0x9f, 0xa0, 0xbf, 0xc0, 0xe8, 0xf4, 0xff };
	char b[16];

	(void)st;
	for (int c0 = 0; c0 < 256; c0++)
		for (int c1 = 0; c1 < 256; c1++)
			for (size_t k = 0; k < sizeof(third); k++) {
				b[0] = 'x';
				b[1] = (char)c0;
				b[2] = (char)c1;
				b[3] = (char)third[k];
				b[4] = (char)0x80;
				memcpy(b + 5, "yyyyyyyyyy", 10);
				for (size_t len = 2; len <= 15; len += len < 5 ?
				    1 : 10) {
					assert_int_equal(bbt_utf8_check(b, len),
					    ref_check(b, len, 0));
					assert_int_equal(bbt_line_check(b, len),
					    ref_check(b, len, 1));
				}
			}
}

static void
test_width(void **st)
{
	static const struct {
		const char *s;
		int w;
	} t[] = {
		{ "", 0 }, { "abc", 3 },
		{ "联通", 4 },				/* kanji / hanzi */
		{ "ｶﾀｶﾅ", 4 },				/* halfwidth kana */
		{ "カタ", 4 },				/* fullwidth kana */
		{ "e\xcc\x81", 1 },			/* e + combining acute */
		{ "\xf0\x9f\x98\x80", 2 },		/* emoji */
		{ "°", 1 },				/* ambiguous: 1 */
		{ "a\xffz", 3 },			/* invalid byte: 1 */
		{ "（）", 4 },				/* fullwidth punctuation */
	};
	(void)st;
	for (size_t i = 0; i < sizeof(t) / sizeof(t[0]); i++)
		assert_int_equal(bbt_text_width(t[i].s), t[i].w);
}

static void
test_fit_trunc(void **st)
{
	int w;
	char *s;

	(void)st;
	/* Never split a wide character: 5 columns hold two hanzi. */
	assert_int_equal(bbt_text_fit("重庆联通", 5, &w), 6);
	assert_int_equal(w, 4);
	assert_int_equal(bbt_text_fit("ab", 5, &w), 2);
	/* A combining mark stays with its base. */
	assert_int_equal(bbt_text_fit("ae\xcc\x81x", 2, &w), 4);
	s = bbt_text_trunc("重庆联通公司", 7);
	assert_string_equal(s, "重庆联…");
	assert_int_equal(bbt_text_width(s), 7);
	free(s);
	s = bbt_text_trunc("重庆", 4);
	assert_string_equal(s, "重庆");
	free(s);
	s = bbt_text_trunc("重庆联通", 2);
	assert_string_equal(s, "…");
	free(s);
}

static void
test_pad_sanitize(void **st)
{
	char buf[64] = "";
	FILE *fp = fmemopen(buf, sizeof(buf), "w");
	char *s;

	(void)st;
	bbt_text_pad(fp, "联通", 6, 0);
	fputc('|', fp);
	bbt_text_pad(fp, "ab", 4, 1);
	fputc('|', fp);
	fclose(fp);
	assert_string_equal(buf, "联通  |  ab|");
	s = bbt_text_sanitize("a\xff\xe8\x81\x94", 5);
	assert_string_equal(s, "a\xef\xbf\xbd联");
	free(s);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_decode),
		cmocka_unit_test(test_check_all),
		cmocka_unit_test(test_width),
		cmocka_unit_test(test_fit_trunc),
		cmocka_unit_test(test_pad_sanitize),
	};
	return cmocka_run_group_tests_name("text", tests, setup, NULL);
}
