/* SPDX-License-Identifier: MIT */
/*
 * A bump allocator: the catalogue lives in one for its lifetime, and the
 * evidence of a case in another that is reset between cases, so batch
 * mode's memory stays flat however many cases stream by.
 */
#ifndef BBDIAG_ARENA_H
#define BBDIAG_ARENA_H

#include <stddef.h>

struct arena_blk;

/* Zeroed memory; aborts (err 71) when malloc fails. */
void	*arena_alloc(struct arena_blk **, size_t);
char	*arena_strdup(struct arena_blk **, const char *);
char	*arena_strndup(struct arena_blk **, const char *, size_t);
/*
 * Grows an array of n elements of sz bytes when n reaches its implicit
 * capacity (4, 8, 16, ...); returns the array to store element n in.
 */
void	*arena_grow(struct arena_blk **, void *, size_t n, size_t sz);
/* Frees every block but the first, which is cleared for reuse. */
void	 arena_reset(struct arena_blk **);
void	 arena_free(struct arena_blk **);

#endif
