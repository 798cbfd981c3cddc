/* SPDX-License-Identifier: MIT */
/* Bump allocator for the catalogue and the per-case evidence. */
#include <err.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "bbdiag/arena.h"

#define BLK_SIZE	(64 * 1024)

struct arena_blk {
	struct arena_blk *next;
	size_t		 size, used;
	max_align_t	 data[];
};

void *
arena_alloc(struct arena_blk **a, size_t n)
{
	struct arena_blk *b = *a;
	void *p;

	n = (n + sizeof(max_align_t) - 1) & ~(sizeof(max_align_t) - 1);
	if (b == NULL || b->size - b->used < n) {
		size_t sz = n > BLK_SIZE ? n : BLK_SIZE;

		if ((b = malloc(sizeof(*b) + sz)) == NULL)
			err(EX_OSERR, "malloc");
		b->size = sz;
		b->used = 0;
		/* A big allocation goes behind the current block, so the
		 * current one keeps serving small ones. */
		if (*a != NULL && n > BLK_SIZE) {
			b->next = (*a)->next;
			(*a)->next = b;
		} else {
			b->next = *a;
			*a = b;
		}
	}
	p = (char *)b->data + b->used;
	b->used += n;
	memset(p, 0, n);
	return p;
}

char *
arena_strndup(struct arena_blk **a, const char *s, size_t n)
{
	char *p = arena_alloc(a, n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *
arena_strdup(struct arena_blk **a, const char *s)
{
	return arena_strndup(a, s, strlen(s));
}

void *
arena_grow(struct arena_blk **a, void *p, size_t n, size_t sz)
{
	void *q;
	size_t cap;

	if (n != 0 && (n < 4 || (n & (n - 1)) != 0))
		return p;
	cap = n == 0 ? 4 : n * 2;
	q = arena_alloc(a, cap * sz);
	if (n)
		memcpy(q, p, n * sz);
	return q;
}

void
arena_reset(struct arena_blk **a)
{
	struct arena_blk *b, *next;

	if (*a == NULL)
		return;
	/* Keep the last block of the chain: the first one allocated, a
	 * normal-sized one, good for the next case. */
	for (b = *a; b->next != NULL; b = next) {
		next = b->next;
		free(b);
	}
	*a = b;
	b->used = 0;
	if (b->size > BLK_SIZE) {
		free(b);
		*a = NULL;
	}
}

void
arena_free(struct arena_blk **a)
{
	struct arena_blk *b, *next;

	for (b = *a; b != NULL; b = next) {
		next = b->next;
		free(b);
	}
	*a = NULL;
}
