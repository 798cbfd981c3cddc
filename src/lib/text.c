/* SPDX-License-Identifier: MIT */
/*
 * UTF-8 decoding and display width. The decoder is strict (RFC 3629: no
 * overlongs, no surrogates, nothing past U+10FFFF); width comes from
 * wcwidth(), which bbt_i18n_init() points at a UTF-8 LC_CTYPE.
 */
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "lib/text.h"

size_t
bbt_utf8_decode(const char *str, size_t len, uint32_t *cp)
{
	const unsigned char *s = (const unsigned char *)str;
	uint32_t c;
	size_t n;

	if (len == 0)
		return 0;
	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	if (s[0] >= 0xc2 && s[0] <= 0xdf) {
		n = 2;
		c = s[0] & 0x1f;
	} else if (s[0] >= 0xe0 && s[0] <= 0xef) {
		n = 3;
		c = s[0] & 0x0f;
	} else if (s[0] >= 0xf0 && s[0] <= 0xf4) {
		n = 4;
		c = s[0] & 0x07;
	} else
		return 0;
	if (len < n)
		return 0;
	for (size_t i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		c = (c << 6) | (s[i] & 0x3f);
	}
	if ((n == 3 && c < 0x800) || (n == 4 && c < 0x10000) ||
	    c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
		return 0;
	*cp = c;
	return n;
}

static long
check(const char *s, size_t len, int nul)
{
	size_t i = 0;
	uint32_t cp;

	while (i < len) {
		size_t n;
		/* ASCII fast path: eight bytes at a time. */
		while (i + 8 <= len) {
			uint64_t w;
			memcpy(&w, s + i, 8);
			if (w & 0x8080808080808080ULL)
				break;
			/* Any zero byte (the classic haszero test). */
			if (nul && ((w - 0x0101010101010101ULL) & ~w &
			    0x8080808080808080ULL))
				break;
			i += 8;
		}
		if (i >= len)
			break;
		if ((unsigned char)s[i] < 0x80) {
			if (nul && s[i] == '\0')
				return (long)i;
			i++;
			continue;
		}
		/* Three bytes (all of CJK) without a call: the decoder's
		 * rules for E0 (no overlong) and ED (no surrogate). */
		if (i + 3 <= len) {
			unsigned char c0 = (unsigned char)s[i],
			    c1 = (unsigned char)s[i + 1],
			    c2 = (unsigned char)s[i + 2];

			if (c0 >= 0xe0 && c0 <= 0xef && (c1 & 0xc0) == 0x80 &&
			    (c2 & 0xc0) == 0x80 && (c0 != 0xe0 || c1 >= 0xa0) &&
			    (c0 != 0xed || c1 < 0xa0)) {
				i += 3;
				continue;
			}
		}
		if ((n = bbt_utf8_decode(s + i, len - i, &cp)) == 0)
			return (long)i;
		i += n;
	}
	return -1;
}

long
bbt_utf8_check(const char *s, size_t len)
{
	return check(s, len, 0);
}

long
bbt_line_check(const char *s, size_t len)
{
	return check(s, len, 1);
}

int
bbt_cp_width(uint32_t cp)
{
	int w;

	if (cp < 0x20 || cp == 0x7f)
		return 0;
	if (cp < 0x7f)
		return 1;
	w = wcwidth((wchar_t)cp);
	/* Printable characters the C library does not know: one column,
	 * as the terminal's replacement glyph takes. */
	return w < 0 ? 1 : w;
}

int
bbt_text_nwidth(const char *s, size_t len)
{
	int w = 0;
	size_t i = 0, n;
	uint32_t cp;

	while (i < len) {
		if ((unsigned char)s[i] < 0x80) {
			w += bbt_cp_width((unsigned char)s[i]);
			i++;
			continue;
		}
		n = bbt_utf8_decode(s + i, len - i, &cp);
		if (n == 0) {
			w += 1;		/* shown as U+FFFD */
			i++;
			continue;
		}
		w += bbt_cp_width(cp);
		i += n;
	}
	return w;
}

int
bbt_text_width(const char *s)
{
	return bbt_text_nwidth(s, strlen(s));
}

size_t
bbt_text_fit(const char *s, int maxw, int *wp)
{
	size_t i = 0, len = strlen(s), n;
	int w = 0, cw;
	uint32_t cp;

	while (i < len) {
		n = bbt_utf8_decode(s + i, len - i, &cp);
		if (n == 0) {
			n = 1;
			cw = 1;
		} else
			cw = bbt_cp_width(cp);
		if (w + cw > maxw)
			break;
		w += cw;
		i += n;
		/* Keep combining marks with their base character. */
		while (i < len) {
			size_t m = bbt_utf8_decode(s + i, len - i, &cp);
			if (m == 0 || bbt_cp_width(cp) != 0 || cp < 0x300)
				break;
			i += m;
		}
	}
	if (wp)
		*wp = w;
	return i;
}

char *
bbt_text_trunc(const char *s, int maxw)
{
	static const char ell[] = "\xe2\x80\xa6";	/* U+2026, 1 column */
	size_t n;
	char *r;

	if (bbt_text_width(s) <= maxw)
		return strdup(s);
	if (maxw < 1)
		return strdup("");
	n = bbt_text_fit(s, maxw - 1, NULL);
	if ((r = malloc(n + sizeof(ell))) == NULL)
		return NULL;
	memcpy(r, s, n);
	memcpy(r + n, ell, sizeof(ell));
	return r;
}

void
bbt_text_pad(FILE *fp, const char *s, int w, int right)
{
	int pad = w - bbt_text_width(s);

	if (right)
		for (; pad > 0; pad--)
			putc(' ', fp);
	fputs(s, fp);
	if (!right)
		for (; pad > 0; pad--)
			putc(' ', fp);
}

char *
bbt_text_sanitize(const char *s, size_t len)
{
	char *r = malloc(len * 3 + 1), *p = r;
	size_t i = 0, n;
	uint32_t cp;

	if (r == NULL)
		return NULL;
	while (i < len) {
		n = bbt_utf8_decode(s + i, len - i, &cp);
		if (n == 0) {
			memcpy(p, "\xef\xbf\xbd", 3);
			p += 3;
			i++;
			continue;
		}
		memcpy(p, s + i, n);
		p += n;
		i += n;
	}
	*p = '\0';
	return r;
}
