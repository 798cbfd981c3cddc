/* SPDX-License-Identifier: MIT */
/*
 * The spilled partitions of the event stores, read back for the window
 * KPIs (windows.c) by threads of their own.
 */
#include <err.h>
#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <unistd.h>

#include "lib/i18n.h"
#include "qareport/evstore.h"

/*
 * Spilled partitions are read back by threads of their own, ahead of
 * the window threads, into a ring of buffers: a read may wait for the
 * disk, and waiting is all these threads do. They take up to
 * BATCH partitions at a time, whose segments of one spill lie side by
 * side in the file: one read for each run of them. Reading a partition's
 * segments one by one took 2600 reads of 60 KB on the 10 M-row bench,
 * and the window threads 16 % longer than with the 330 reads of
 * batches. Batches are loaded in the order qa_par hands out
 * partitions, so a window thread waits at most for the batch of the
 * one it took.
 */
#define LOADERS	2
#define BATCH	8		/* partitions a load, at most */
#define LSLOTS	(QA_MAXTHREADS + LOADERS + 1)

struct lslot {
	unsigned char	*buf;
	size_t		 cap;
	struct lseg	*seg;		/* by partition, store, segment */
	size_t		 nseg, segcap;
	size_t		 first[BATCH + 1];	/* of each partition's */
	size_t		*order;		/* seg[] by store and offset */
};

struct qa_loader {
	struct qa_part	*p;
	pthread_mutex_t	 mu;
	pthread_cond_t	 cv;
	int		 nslot;
	int		 nb;		/* partitions a batch: 1 to BATCH */
	_Atomic int	 next;		/* the next batch to load */
	unsigned char	 loaded[QA_NP];	/* by batch */
	unsigned char	 done[QA_NP];	/* its partitions evaluated */
	struct lslot	 slot[LSLOTS];	/* batch b: slot[b % nslot] */
	pthread_t	 tid[LOADERS];
};

static void
pread_all(const struct qa_evstore *s, unsigned char *b, size_t n,
    uint64_t off)
{
	while (n > 0) {
		ssize_t r = pread(s->fd, b, n, (off_t)off);

		if (r < 0 && (errno == EINTR || (errno == EINVAL &&
		    qa_direct_off(s->fd))))
			continue;
		if (r <= 0)
			qa_die_tmp(r < 0 ? errno : EIO,
			    _("cannot read a temporary file in %s"), s->dir);
		b += r;
		n -= (size_t)r;
		off += (uint64_t)r;
	}
}

/* The segments of batch bt's partitions, in the order window_part
 * takes them. */
static void
load_list(struct qa_loader *l, struct lslot *sl, int bt)
{
	struct qa_part *p = l->p;

	sl->nseg = 0;
	for (int kk = 0; kk < l->nb; kk++) {
		sl->first[kk] = sl->nseg;
		for (int i = 0; i < p->nev; i++) {
			const struct qa_evstore *s = p->ev[i];
			const struct pbuf *pb = &s->part[bt * l->nb + kk];

			for (size_t g = 0; g < pb->nseg; g++) {
				struct lseg *e;

				if (sl->nseg == sl->segcap) {
					sl->segcap = sl->segcap ?
					    sl->segcap * 2 : 64;
					sl->seg = qa_xrealloc(sl->seg,
					    sl->segcap, sizeof(*sl->seg));
					sl->order = qa_xrealloc(sl->order,
					    sl->segcap, sizeof(*sl->order));
				}
				e = &sl->seg[sl->nseg++];
				e->off = pb->seg[g].off;
				e->len = pb->seg[g].len;
				e->store = i;
			}
		}
	}
	sl->first[l->nb] = sl->nseg;
}

static int
lseg_cmp(const struct lseg *x, const struct lseg *y)
{
	if (x->store != y->store)
		return x->store < y->store ? -1 : 1;
	return x->off < y->off ? -1 : x->off > y->off;
}

/* Places the segments in the buffer by store and offset, and reads each
 * run of them that is contiguous in the file at once. */
static void
load_batch(struct qa_loader *l, struct lslot *sl)
{
	struct qa_part *p = l->p;
	size_t n = sl->nseg, at = 0;

	for (size_t i = 0; i < n; i++) {
		size_t j = i, x = i;

		/* Insertion: a batch has a few dozen segments, in spill
		 * order within each partition. */
		while (j > 0 && lseg_cmp(&sl->seg[sl->order[j - 1]],
		    &sl->seg[x]) > 0) {
			sl->order[j] = sl->order[j - 1];
			j--;
		}
		sl->order[j] = x;
	}
	/* Segments written with O_DIRECT are read with it: at offsets
	 * and of lengths of their store's alignment, into an aligned
	 * buffer. */
	for (size_t i = 0; i < n; i++) {
		struct lseg *e = &sl->seg[sl->order[i]];

		e->at = at;
		at += ALIGN_UP(e->len, p->ev[e->store]->align);
	}
	if (at > sl->cap) {
		free(sl->buf);	/* not realloc(3): nothing to copy */
		if ((errno = posix_memalign((void **)&sl->buf, DIRECT_ALIGN,
		    at)) != 0)
			err(EX_OSERR, "posix_memalign");
		sl->cap = at;
	}
	for (size_t i = 0; i < n;) {
		const struct lseg *e = &sl->seg[sl->order[i]], *f = e;
		size_t al = p->ev[e->store]->align;
		size_t j = i + 1, len = ALIGN_UP(e->len, al);

		while (j < n) {
			const struct lseg *x = &sl->seg[sl->order[j]];
			size_t flen = ALIGN_UP(f->len, al);

			if (x->store != e->store || x->off != f->off +
			    flen || x->at != f->at + flen)
				break;
			len += ALIGN_UP(x->len, al);
			f = x;
			j++;
		}
		pread_all(p->ev[e->store], sl->buf + e->at, len, e->off);
		i = j;
	}
}

static void *
load_run(void *arg)
{
	struct qa_loader *l = arg;
	int bt;

	while ((bt = atomic_fetch_add(&l->next, 1)) < QA_NP / l->nb) {
		struct lslot *sl = &l->slot[bt % l->nslot];

		pthread_mutex_lock(&l->mu);
		while (bt >= l->nslot && l->done[bt - l->nslot] < l->nb)
			pthread_cond_wait(&l->cv, &l->mu);
		pthread_mutex_unlock(&l->mu);
		load_list(l, sl, bt);
		load_batch(l, sl);
		pthread_mutex_lock(&l->mu);
		l->loaded[bt] = 1;
		pthread_cond_broadcast(&l->cv);
		pthread_mutex_unlock(&l->mu);
	}
	return NULL;
}

/* Loaders for the nth window threads, their slots within a quarter of
 * memory: a batch of fewer partitions when the spill is large. */
struct qa_loader *
qa_loader_start(struct qa_part *p, int nth, size_t memory)
{
	struct qa_loader *l = qa_xcalloc(1, sizeof(*l));

	l->p = p;
	l->nslot = nth + LOADERS + 1;
	l->nb = BATCH;
	while (l->nb > 1 && (uint64_t)l->nslot * (uint64_t)l->nb *
	    (p->spilled / QA_NP) > memory / 4)
		l->nb /= 2;
	pthread_mutex_init(&l->mu, NULL);
	pthread_cond_init(&l->cv, NULL);
	for (int k = 0; k < LOADERS; k++)
		if ((errno = pthread_create(&l->tid[k], NULL, load_run,
		    l)) != 0)
			err(EX_OSERR, "pthread_create");
	return l;
}

void
qa_loader_end(struct qa_loader *l)
{
	if (l == NULL)
		return;
	for (int k = 0; k < LOADERS; k++)
		pthread_join(l->tid[k], NULL);
	for (int k = 0; k < l->nslot; k++) {
		free(l->slot[k].buf);
		free(l->slot[k].seg);
		free(l->slot[k].order);
	}
	pthread_mutex_destroy(&l->mu);
	pthread_cond_destroy(&l->cv);
	free(l);
}

const unsigned char *
qa_loader_wait(struct qa_loader *l, int k, const struct lseg **seg)
{
	const struct lslot *sl;

	pthread_mutex_lock(&l->mu);
	while (!l->loaded[k / l->nb])
		pthread_cond_wait(&l->cv, &l->mu);
	pthread_mutex_unlock(&l->mu);
	sl = &l->slot[k / l->nb % l->nslot];
	*seg = sl->seg + sl->first[k % l->nb];
	return sl->buf;
}

/* The slot of a batch is reused once all its partitions are done: the
 * window threads' accounts point at their names in it until then. */
void
qa_loader_done(struct qa_loader *l, int k)
{
	pthread_mutex_lock(&l->mu);
	if (++l->done[k / l->nb] == l->nb)
		pthread_cond_broadcast(&l->cv);
	pthread_mutex_unlock(&l->mu);
}
