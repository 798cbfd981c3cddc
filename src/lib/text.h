/* SPDX-License-Identifier: MIT */
/*
 * UTF-8 and display width. Width is the sum of wcwidth() over decoded
 * characters (CJK and fullwidth 2, combining 0); invalid bytes and
 * printable characters wcwidth() does not know count as 1 column each
 * (they are shown as U+FFFD). Truncation and padding never split a
 * character.
 */
#ifndef BBT_TEXT_H
#define BBT_TEXT_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* Decodes one character; returns its length (1..4) or 0 when the bytes
 * at s are not valid UTF-8 (overlong, surrogate, > U+10FFFF, truncated). */
size_t	 bbt_utf8_decode(const char *s, size_t len, uint32_t *cp);
/* Offset of the first invalid byte, or -1 when the text is valid. */
long	 bbt_utf8_check(const char *s, size_t len);
/* The same, also stopping at a NUL byte: one pass for a record line. */
long	 bbt_line_check(const char *s, size_t len);
/* Width of one code point (0, 1 or 2). */
int	 bbt_cp_width(uint32_t);
/* Display width of a NUL-terminated string. */
int	 bbt_text_width(const char *);
int	 bbt_text_nwidth(const char *, size_t);
/* The number of bytes of s that fit in maxw columns; *w gets their
 * width. Stops at a character boundary. */
size_t	 bbt_text_fit(const char *s, int maxw, int *w);
/* s cut to at most maxw columns, ending in "…" when cut (malloc'd). */
char	*bbt_text_trunc(const char *s, int maxw);
/* Writes s padded with spaces to width w (left-aligned, or right when
 * right != 0); longer text is written whole. */
void	 bbt_text_pad(FILE *, const char *s, int w, int right);
/* A copy with every invalid byte replaced by U+FFFD (malloc'd). */
char	*bbt_text_sanitize(const char *s, size_t len);

#endif
