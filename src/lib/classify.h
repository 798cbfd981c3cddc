/* SPDX-License-Identifier: MIT */
/*
 * The TSV classifiers of the line readers (lines.c, line by line;
 * tsvrun.c, a buffer of lines at once): each 64-byte block becomes
 * three bit masks (LF, TAB, and bytes >= 0x80 or NUL, the only ones
 * that need the UTF-8 check), whose set bits the readers then walk.
 * Blocks are loaded unaligned and whole: the caller has 63 bytes of
 * room past its data and ignores the bits there.
 */
#ifndef BBT_CLASSIFY_H
#define BBT_CLASSIFY_H

#include <stdint.h>

#include "lib/lines.h"
#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>
#endif

/*
 * The classifier of a choice (lib/lines.h BBT_SCAN_*) on this CPU:
 * BBT_SCAN_AVX2, BBT_SCAN_SSE2 or BBT_SCAN_SCALAR, or -1 when it has
 * none such.
 */
static inline int
classify_pick(int which)
{
#if defined(__x86_64__) || defined(__i386__)
	if ((which == BBT_SCAN_AUTO || which == BBT_SCAN_AVX2) &&
	    __builtin_cpu_supports("avx2"))
		return BBT_SCAN_AVX2;
	if (which != BBT_SCAN_SCALAR && which != BBT_SCAN_AVX2)
		return BBT_SCAN_SSE2;
#endif
	return which == BBT_SCAN_AUTO || which == BBT_SCAN_SCALAR ?
	    BBT_SCAN_SCALAR : -1;
}

struct blk {
	uint64_t	nl, tab, odd;
};

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
#endif

#endif
