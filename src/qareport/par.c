/* SPDX-License-Identifier: MIT */
/*
 * The work between reading and printing, on every reader thread: with
 * the readers done, merging their histograms and sorting every row's
 * were a tenth of the run on one core while the other idled.
 */
#include <err.h>
#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <sysexits.h>

#include "qareport/qa.h"

struct par {
	void		(*fn)(void *, size_t);
	void		*arg;
	size_t		 n;
	_Atomic size_t	 next;
};

static void *
par_run(void *arg)
{
	struct par *p = arg;
	size_t i;

	/* One item at a time: items are a group's histograms, tens of
	 * microseconds, so the counter is not contended. */
	while ((i = atomic_fetch_add(&p->next, 1)) < p->n)
		p->fn(p->arg, i);
	return NULL;
}

void
qa_par(int nth, size_t n, void (*fn)(void *, size_t), void *arg)
{
	struct par p = { .fn = fn, .arg = arg, .n = n };
	pthread_t tid[64];

	if (nth > 64)
		nth = 64;
	if ((size_t)nth > n)
		nth = (int)n;
	for (int k = 1; k < nth; k++)
		if ((errno = pthread_create(&tid[k], NULL, par_run, &p)) != 0)
			err(EX_OSERR, "pthread_create");
	par_run(&p);
	for (int k = 1; k < nth; k++)
		pthread_join(tid[k], NULL);
}
