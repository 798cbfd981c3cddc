/* SPDX-License-Identifier: MIT */
/*
 * A prototype for lib/table.c's split_tsv(): the same contract (fields
 * NUL-terminated in place, -1 past maxf), but tabs found 16 bytes at a
 * time with SSE2 instead of one memchr(3) call per field. A work-order
 * row has 20-24 short fields, so the calls' set-up cost dominated:
 * bench/qareport-split.c measures both on a real log. Meant to move to
 * src/lib/ (see the report of issue 7); qareport does not call it yet.
 */
#include <string.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "qareport/split.h"

long
qa_split_tsv(char *line, size_t len, char **f, size_t maxf)
{
	size_t n = 0, i = 0, start = 0;

	if (maxf == 0)
		return -1;
#if defined(__SSE2__)
	{
		const __m128i tab = _mm_set1_epi8('\t');

		for (; i + 16 <= len; i += 16) {
			__m128i v = _mm_loadu_si128((const __m128i *)(line + i));
			unsigned m = (unsigned)_mm_movemask_epi8(
			    _mm_cmpeq_epi8(v, tab));

			while (m) {
				size_t t = i + (size_t)__builtin_ctz(m);

				if (n + 1 >= maxf)
					return -1;
				f[n++] = line + start;
				line[t] = '\0';
				start = t + 1;
				m &= m - 1;
			}
		}
	}
#endif
	for (; i < len; i++)
		if (line[i] == '\t') {
			if (n + 1 >= maxf)
				return -1;
			f[n++] = line + start;
			line[i] = '\0';
			start = i + 1;
		}
	f[n++] = line + start;
	line[len] = '\0';
	return (long)n;
}

long
qa_split_tsv_memchr(char *line, size_t len, char **f, size_t maxf)
{
	char *p = line, *end = line + len, *tab;
	size_t n = 0;

	/* lib/table.c's loop, for the comparison. */
	for (;;) {
		if (n == maxf)
			return -1;
		f[n++] = p;
		tab = memchr(p, '\t', (size_t)(end - p));
		if (tab == NULL)
			break;
		*tab = '\0';
		p = tab + 1;
	}
	*end = '\0';
	return (long)n;
}
