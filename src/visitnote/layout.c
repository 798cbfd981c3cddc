/* SPDX-License-Identifier: MIT */
/*
 * Text layout of a note by display width for terminals and 58 mm / 80 mm
 * receipt printers (32 / 48 columns). Chinese breaks between any two
 * characters; ASCII words (phone numbers, underscore slots, English) stay
 * whole unless longer than a line; closing punctuation never starts a
 * line and opening punctuation never ends one (the usual 禁则).
 */
#include <stdint.h>
#include <string.h>

#include "lib/text.h"
#include "visitnote/note.h"

enum { U_SPACE, U_WORD, U_WIDE };

struct unit {
	size_t	off, len;
	int	w, kind;
};

#define MAXUNITS	2048

static int
is_closing(const char *s)
{
	static const char *const cl[] = { "、", "。", "，", "：", "；", "！",
		"？", "）", "】", "」", "』", "》", "…", NULL };

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
	static const char *const op[] = { "（", "【", "「", "『", "《", NULL };

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

/* Splits s into spaces, words (runs of narrow characters) and single
 * wide characters. */
static size_t
units(const char *s, struct unit *u, size_t max)
{
	size_t n = 0, i = 0, len = strlen(s);

	while (i < len && n < max) {
		size_t cl;
		uint32_t cp;
		int w;

		if (s[i] == ' ') {
			u[n] = (struct unit){ i, 0, 0, U_SPACE };
			while (i < len && s[i] == ' ')
				i++;
			u[n].len = i - u[n].off;
			u[n].w = (int)u[n].len;
			n++;
			continue;
		}
		cl = bbt_utf8_decode(s + i, len - i, &cp);
		w = cl ? bbt_cp_width(cp) : 1;
		if (cl == 0)
			cl = 1;
		if (w == 2) {
			u[n++] = (struct unit){ i, cl, 2, U_WIDE };
			i += cl;
			continue;
		}
		u[n] = (struct unit){ i, 0, 0, U_WORD };
		while (i < len && s[i] != ' ') {
			cl = bbt_utf8_decode(s + i, len - i, &cp);
			w = cl ? bbt_cp_width(cp) : 1;
			if (w == 2)
				break;
			i += cl ? cl : 1;
			u[n].w += w;
		}
		u[n].len = i - u[n].off;
		n++;
	}
	if (i < len && n > 0) {		/* absurdly long: one last unit */
		u[n - 1].len = len - u[n - 1].off;
		u[n - 1].w = bbt_text_nwidth(s + u[n - 1].off, u[n - 1].len);
	}
	return n;
}

static void
emit(const char *s, const struct unit *u, size_t a, size_t b,
    void (*out)(const char *, size_t, void *), void *arg)
{
	while (b > a && u[b - 1].kind == U_SPACE)
		b--;
	if (b > a)
		out(s + u[a].off, u[b - 1].off + u[b - 1].len - u[a].off, arg);
	else
		out(s, 0, arg);
}

void
vn_wrap(const char *s, int width, void (*out)(const char *, size_t, void *),
    void *arg)
{
	static struct unit u[MAXUNITS];
	size_t n, i = 0;

	if (width <= 0) {
		out(s, strlen(s), arg);
		return;
	}
	n = units(s, u, MAXUNITS);
	while (i < n) {
		size_t start;
		int w = 0;

		while (i < n && u[i].kind == U_SPACE)
			i++;
		if (i == n)
			break;
		start = i;
		while (i < n && w + u[i].w <= width)
			w += u[i++].w;
		if (i == n) {
			emit(s, u, start, n, out, arg);
			break;
		}
		if (i == start) {
			/* One word wider than the line: cut it at a
			 * character boundary and go on with the rest. */
			size_t fit;
			int fw;

			/* The word is wider than the line, so the fit ends
			 * inside it. */
			fit = bbt_text_fit(s + u[i].off, width, &fw);
			if (fit == 0)
				fit = u[i].len;	/* a glyph wider than the line */
			out(s + u[i].off, fit, arg);
			u[i].off += fit;
			u[i].len -= fit;
			u[i].w -= fw;
			if (u[i].len == 0)
				i++;
			continue;
		}
		if (u[i].kind != U_SPACE) {
			/* Pull the last character down with a closing mark;
			 * push an opening mark down to what it opens. */
			if (is_closing(s + u[i].off) && i - 1 > start &&
			    u[i - 1].kind != U_SPACE)
				i--;
			if (i - 1 > start && u[i - 1].kind != U_SPACE &&
			    is_opening(s + u[i - 1].off, u[i - 1].len))
				i--;
		}
		emit(s, u, start, i, out, arg);
	}
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
