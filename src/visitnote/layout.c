/* SPDX-License-Identifier: MIT */
/*
 * Text layout of a note by display width for terminals and 58 mm / 80 mm
 * receipt printers (32 / 48 columns). Chinese breaks between any two
 * characters; ASCII words (phone numbers, underscore slots, English) stay
 * whole unless longer than a line. The usual 禁则 hold: closing
 * punctuation never starts a line, opening punctuation never ends one.
 * A paragraph's last line never holds a single character or only
 * punctuation (a widow, "合。" alone under a receipt's body).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "lib/text.h"
#include "visitnote/note.h"

enum { U_SPACE, U_WORD, U_WIDE };

struct unit {
	size_t	off, len;
	int	w, kind;
	int	letters;	/* characters that are not punctuation */
	int	cut;		/* a piece of a word wider than the line */
};

static int
is_closing(const char *s)
{
	static const char *const cl[] = { "、", "。", "，", "：", "；", "！",
		"？", "）", "】", "」", "』", "》", "〕", "〉", "”", "’", "…",
		NULL };

	if (strchr(",.:;!?)]}", *s) && *s)
		return 1;
	for (const char *const *c = cl; *c; c++)
		if (strncmp(s, *c, strlen(*c)) == 0)
			return 1;
	return 0;
}

static int
is_opening(const char *s, size_t len)
{
	static const char *const op[] = { "（", "【", "「", "『", "《", "〔",
		"〈", "“", "‘", NULL };

	if (len == 0)
		return 0;
	if (strchr("([{", s[len - 1]) && s[len - 1])
		return 1;
	for (const char *const *o = op; *o; o++) {
		size_t ol = strlen(*o);
		if (len >= ol && memcmp(s + len - ol, *o, ol) == 0)
			return 1;
	}
	return 0;
}

/*
 * Punctuation for the widow rule: Unicode's P classes as far as a note
 * can hold them. '_' is a blank to write in, so it is no punctuation.
 */
static int
is_punct(uint32_t cp)
{
	if (cp < 0x80)
		return cp != '_' && strchr("!\"#%&'()*,-./:;?@[\\]{}",
		    (int)cp) != NULL && cp != 0;
	return (cp >= 0x2010 && cp <= 0x2027) ||
	    (cp >= 0x2030 && cp <= 0x205e) || (cp >= 0x3001 && cp <= 0x3003) ||
	    (cp >= 0x3008 && cp <= 0x3011) || (cp >= 0x3014 && cp <= 0x301f) ||
	    (cp >= 0xff01 && cp <= 0xff0f && cp != 0xff04 && cp != 0xff0b) ||
	    cp == 0xff1a || cp == 0xff1b || cp == 0xff1f || cp == 0xff20 ||
	    cp == 0xff3b || cp == 0xff3c || cp == 0xff3d || cp == 0xff5b ||
	    cp == 0xff5d || (cp >= 0xff5f && cp <= 0xff65) || cp == 0xa7 ||
	    cp == 0xab || cp == 0xb6 || cp == 0xb7 || cp == 0xbb ||
	    cp == 0xa1 || cp == 0xbf;
}

static int
count_letters(const char *s, size_t len)
{
	size_t i = 0, cl;
	uint32_t cp;
	int n = 0;

	while (i < len) {
		cl = bbt_utf8_decode(s + i, len - i, &cp);
		if (cl == 0) {
			cl = 1;
			cp = 0xfffd;
		}
		if (cp != ' ' && !is_punct(cp))
			n++;
		i += cl;
	}
	return n;
}

/* Splits s into spaces, words (runs of narrow characters) and single
 * wide characters; a word wider than the line becomes pieces that fit. */
static size_t
units(const char *s, int width, struct unit *u)
{
	size_t n = 0, i = 0, len = strlen(s);

	while (i < len) {
		size_t cl, start = i;
		uint32_t cp;
		int w, kind;

		if (s[i] == ' ') {
			while (i < len && s[i] == ' ')
				i++;
			u[n++] = (struct unit){ start, i - start,
			    (int)(i - start), U_SPACE, 0, 0 };
			continue;
		}
		cl = bbt_utf8_decode(s + i, len - i, &cp);
		w = cl ? bbt_cp_width(cp) : 1;
		if (w == 2) {
			i += cl;
			kind = U_WIDE;
		} else {
			kind = U_WORD;
			w = 0;
			while (i < len && s[i] != ' ') {
				int cw;

				cl = bbt_utf8_decode(s + i, len - i, &cp);
				cw = cl ? bbt_cp_width(cp) : 1;
				if (cw == 2)
					break;
				i += cl ? cl : 1;
				w += cw;
			}
		}
		for (int piece = 0; kind == U_WORD && w > width; piece++) {
			int fw;
			size_t fit = bbt_text_fit(s + start, width, &fw);

			if (fit == 0)
				break;
			u[n++] = (struct unit){ start, fit, fw, U_WORD,
			    count_letters(s + start, fit), piece > 0 };
			start += fit;
			w -= fw;
		}
		u[n] = (struct unit){ start, i - start, w, kind,
		    count_letters(s + start, i - start), 0 };
		/* The rest of a cut word follows its last piece. */
		u[n].cut = n > 0 && u[n - 1].kind == U_WORD &&
		    u[n - 1].off + u[n - 1].len == start && kind == U_WORD;
		n++;
	}
	return n;
}

/*
 * Whether a line may end before unit b (a space is dropped at the break).
 * strict 2: the 禁则 and ASCII words whole; 1: words whole; 0: anywhere.
 * The pieces of a word wider than the line may always be parted.
 */
static int
breakable(const char *s, const struct unit *u, size_t b, int strict)
{
	size_t p = b - 1;

	if (u[b].kind == U_SPACE)
		return 0;
	while (p > 0 && u[p].kind == U_SPACE)
		p--;
	if (u[b].cut || strict == 0)
		return 1;
	if (p == b - 1 && u[p].kind == U_WORD && u[b].kind == U_WORD)
		return 0;
	if (strict < 2)
		return 1;
	return !is_closing(s + u[b].off) &&
	    !is_opening(s + u[p].off, u[p].len);
}

struct wrap {
	const char	*s;
	struct unit	*u;
	size_t		 n;
	int		*pw;	/* pw[k]: width of units 0..k-1 */
	signed char	*ok;	/* a good layout of units k..n-1 exists */
	size_t		 first;	/* the paragraph's first unit */
	int		 width;
};

/* Columns of units a..b-1 without the spaces at the end. */
static int
span(const struct wrap *wr, size_t a, size_t b)
{
	while (b > a && wr->u[b - 1].kind == U_SPACE)
		b--;
	return wr->pw[b] - wr->pw[a];
}

static int
letters(const struct wrap *wr, size_t a)
{
	int n = 0;

	for (; a < wr->n; a++)
		n += wr->u[a].letters;
	return n;
}

/*
 * From the end back: ok[k] when units k..n-1 can be set in lines of the
 * width with breaks allowed at this strictness and, with widows
 * forbidden, a last line of two letters or more (the first line may
 * be short: it is the whole paragraph).
 */
static void
plan(struct wrap *wr, int strict, int widows)
{
	for (size_t k = wr->n; k-- > 0;) {
		wr->ok[k] = 0;
		if (wr->u[k].kind == U_SPACE)
			continue;
		if (span(wr, k, wr->n) <= wr->width) {
			wr->ok[k] = k == wr->first || !widows ||
			    letters(wr, k) >= 2;
			continue;
		}
		for (size_t b = k + 1; b < wr->n &&
		    span(wr, k, b) <= wr->width; b++)
			if (wr->ok[b] && breakable(wr->s, wr->u, b, strict)) {
				wr->ok[k] = 1;
				break;
			}
	}
}

static void
emit(const struct wrap *wr, size_t a, size_t b,
    void (*out)(const char *, size_t, void *), void *arg)
{
	const struct unit *u = wr->u;

	while (b > a && u[b - 1].kind == U_SPACE)
		b--;
	out(wr->s + u[a].off, u[b - 1].off + u[b - 1].len - u[a].off, arg);
}

/*
 * Each line as full as it can be, under the condition that the rest
 * can still be set well: the greedy fill of a receipt, looking ahead
 * only as far as a widow or a 禁则 needs.
 */
static void
lay_out(struct wrap *wr, int strict, void (*out)(const char *, size_t,
    void *), void *arg)
{
	size_t a = wr->first;

	while (a < wr->n) {
		size_t b, best = 0;

		if (span(wr, a, wr->n) <= wr->width) {
			emit(wr, a, wr->n, out, arg);
			return;
		}
		for (b = a + 1; b < wr->n && span(wr, a, b) <= wr->width; b++)
			if (wr->ok[b] && breakable(wr->s, wr->u, b, strict))
				best = b;
		if (best == 0)		/* a glyph wider than the line */
			best = a + 1;
		emit(wr, a, best, out, arg);
		for (a = best; a < wr->n && wr->u[a].kind == U_SPACE; a++)
			;
	}
}

void
vn_wrap(const char *s, int width, void (*out)(const char *, size_t, void *),
    void *arg)
{
	size_t len = strlen(s);
	struct wrap wr = { s, NULL, 0, NULL, NULL, 0, width };
	int strict, widows = 1;

	if (width <= 0) {
		out(s, len, arg);
		return;
	}
	/* At most one unit per byte. */
	wr.u = malloc((len + 1) * sizeof(*wr.u));
	wr.pw = malloc((len + 2) * sizeof(*wr.pw));
	wr.ok = malloc(len + 1);
	if (wr.u == NULL || wr.pw == NULL || wr.ok == NULL) {
		out(s, len, arg);	/* unwrapped rather than lost */
		goto done;
	}
	wr.n = units(s, width, wr.u);
	wr.pw[0] = 0;
	for (size_t k = 0; k < wr.n; k++)
		wr.pw[k + 1] = wr.pw[k] + wr.u[k].w;
	/* The rules in order of what a reader misses least: a widow, then
	 * the 禁则, then whole words; breaking anywhere always works. */
	while (wr.first < wr.n && wr.u[wr.first].kind == U_SPACE)
		wr.first++;
	for (strict = 2;; ) {
		plan(&wr, strict, widows);
		if (wr.first == wr.n || wr.ok[wr.first] || strict == 0)
			break;
		if (widows)
			widows = 0;
		else
			strict--;
	}
	lay_out(&wr, strict, out, arg);
done:
	free(wr.u);
	free(wr.pw);
	free(wr.ok);
}

struct fpw {
	FILE	*fp;
	int	 width, center;
};

static void
put_line(const char *s, size_t len, void *arg)
{
	struct fpw *f = arg;

	if (f->center && f->width > 0) {
		int pad = (f->width - bbt_text_nwidth(s, len)) / 2;
		for (; pad > 0; pad--)
			putc(' ', f->fp);
	}
	fwrite(s, 1, len, f->fp);
	putc('\n', f->fp);
}

void
vn_text_write(FILE *fp, const char *const lines[VN_NLINES], int width)
{
	for (int i = 0; i < VN_NLINES; i++) {
		struct fpw f = { fp, width, i == VN_L_TITLE };

		vn_wrap(lines[i], width, put_line, &f);
	}
}
