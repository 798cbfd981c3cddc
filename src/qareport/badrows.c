/* SPDX-License-Identifier: MIT */
/*
 * Bad rows and unknown words: each reader keeps the first --errors of
 * its ranges with line numbers within the range; once a file is read
 * they are put in file order, their line numbers made absolute.
 */
#include <err.h>
#include <stdlib.h>
#include <string.h>

#include "qareport/scan.h"

void
qa_bad_add(struct reader *r, const char *file, unsigned long line,
    const char *reason)
{
	struct qa_bad *b;

	r->nbad++;
	if ((long)r->nbads >= r->o->errors && !r->o->strict)
		return;
	if (r->nbads > 0 && r->o->strict)
		return;
	if ((b = realloc(r->bads, (r->nbads + 1) * sizeof(*b))) == NULL)
		err(71, "realloc");
	r->bads = b;
	b = &r->bads[r->nbads++];
	b->file = strdup(file);
	b->line = line;
	b->range = r->range;
	b->reason = strdup(reason);
	if (b->file == NULL || b->reason == NULL)
		err(71, "strdup");
}

static int
cmp_bad(const void *a, const void *b)
{
	const struct qa_bad *x = a, *y = b;

	if (x->range != y->range)
		return x->range < y->range ? -1 : 1;
	return (x->line > y->line) - (x->line < y->line);
}

static int
cmp_unknown(const void *a, const void *b)
{
	const struct qa_unknown *x = a, *y = b;

	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	return x->what - y->what;
}

/* A file's unknown kind and outcome words into p, in line order. */
static void
collect_unknowns(struct qa_part *p, struct reader *rs, int nr,
    const unsigned long *base)
{
	struct qa_unknown *all = NULL;
	size_t n = 0;
	int64_t more = 0;

	for (int i = 0; i < nr; i++) {
		struct reader *r = &rs[i];

		more += r->unk_more;
		if (r->nunk) {
			all = realloc(all, (n + r->nunk) * sizeof(*all));
			if (all == NULL)
				err(71, "realloc");
			for (size_t j = 0; j < r->nunk; j++) {
				all[n + j] = r->unk[j];
				all[n + j].line += base[r->unk[j].range];
			}
			n += r->nunk;
		}
		free(r->unk);
		r->unk = NULL;
		r->nunk = 0;
		r->unk_more = 0;
	}
	if (n > 1)
		qsort(all, n, sizeof(*all), cmp_unknown);
	qa_unknown_merge(p, all, n, more);
}

/*
 * Moves a file's bad rows into p, in file order, line numbers made
 * absolute. Each thread kept its first --errors in the order it read
 * its ranges, which is file order, so the file's first ones are there.
 */
void
qa_bad_collect(struct qa_opts *o, struct qa_part *p, struct reader *rs,
    int nr, const struct ranges *rg)
{
	struct qa_bad *all = NULL;
	size_t n = 0;
	unsigned long *base;

	if ((base = calloc((size_t)rg->n, sizeof(*base))) == NULL)
		err(71, "calloc");
	for (int k = 1; k < rg->n; k++)
		base[k] = base[k - 1] + rg->lines[k - 1];
	for (int i = 0; i < nr; i++) {
		struct reader *r = &rs[i];

		p->bad += r->nbad;
		if (r->nbads > 0) {
			all = realloc(all, (n + r->nbads) * sizeof(*all));
			if (all == NULL)
				err(71, "realloc");
			memcpy(all + n, r->bads, r->nbads * sizeof(*all));
			n += r->nbads;
		}
		free(r->bads);
		r->bads = NULL;
		r->nbads = 0;
		r->nbad = 0;
	}
	collect_unknowns(p, rs, nr, base);
	if (n > 1)
		qsort(all, n, sizeof(*all), cmp_bad);
	for (size_t k = 0; k < n; k++) {
		struct qa_bad *b = &all[k];

		if ((long)p->nbads >= o->errors ||
		    (o->strict && p->nbads > 0)) {
			free(b->file);
			free(b->reason);
			continue;
		}
		p->bads = realloc(p->bads, (p->nbads + 1) * sizeof(*p->bads));
		if (p->bads == NULL)
			err(71, "realloc");
		b->line += base[b->range];
		p->bads[p->nbads++] = *b;
	}
	free(all);
	free(base);
}

