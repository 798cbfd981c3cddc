/* SPDX-License-Identifier: MIT */
/*
 * qareport's threads, in one place: items (byte ranges of a file,
 * event partitions, groups to merge, report rows) taken in turn by up to
 * nth threads, the caller being one of them, so that a thread that
 * finishes early takes more.
 */
#include <err.h>
#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <sysexits.h>

#include "qareport/qa.h"

struct par {
	void		(*fn)(void *, int, size_t);
	void		*arg;
	size_t		 n;
	_Atomic size_t	 next;
};

struct worker {
	struct par	*p;
	int		 id;
};

static void *
par_run(void *arg)
{
	struct worker *w = arg;
	size_t i;

	/* One item at a time: the smallest (a group's histograms) take
	 * tens of microseconds, so the counter is not contended. */
	while ((i = atomic_fetch_add(&w->p->next, 1)) < w->p->n)
		w->p->fn(w->p->arg, w->id, i);
	return NULL;
}

int
qa_par(int nth, size_t n, void (*fn)(void *, int, size_t), void *arg)
{
	struct par p = { .fn = fn, .arg = arg, .n = n };
	struct worker w[QA_MAXTHREADS];
	pthread_t tid[QA_MAXTHREADS];

	if (nth > QA_MAXTHREADS)
		nth = QA_MAXTHREADS;
	if ((size_t)nth > n)
		nth = (int)n;
	if (nth < 1)
		nth = 1;
	for (int k = 0; k < nth; k++) {
		w[k].p = &p;
		w[k].id = k;
	}
	for (int k = 1; k < nth; k++)
		if ((errno = pthread_create(&tid[k], NULL, par_run,
		    &w[k])) != 0)
			err(EX_OSERR, "pthread_create");
	par_run(&w[0]);
	for (int k = 1; k < nth; k++)
		pthread_join(tid[k], NULL);
	return nth;
}
