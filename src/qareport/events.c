/* SPDX-License-Identifier: MIT */
/*
 * The events behind the window KPIs (repeat fault, first-time fix,
 * new-install fault, kept appointment), kept in memory flat in the
 * number of rows.
 *
 * Rows come in any order, so an account's events are only complete
 * once every row is read. Looking the account up per row was a cache
 * miss or three and grew 35 bytes a row. Instead each reader appends
 * the event, with its account name, to one of QA_NP partitions chosen
 * by the name's hash: sequential writes, no table. Past a memory budget
 * the partitions go to one unlinked temporary file, as sort(1) does.
 * qa_windows() then takes one partition at a time, from every reader's
 * store, groups its events by account in a small table that stays in
 * cache, and evaluates the windows.
 *
 * A record: the name length (one byte; 255 is followed by a 32-bit
 * length, for longer names), the name, then a, c and gf of struct
 * qa_ev, unaligned, in host order (the file never outlives the run).
 */
#include <err.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/uio.h>
#include <sysexits.h>
#include <unistd.h>

#include "lib/i18n.h"
#include "qareport/qa.h"

#define QA_NP		256		/* partitions */
#define PART_OF(h)	((h) >> 24)	/* the top bits: QA_NP = 256 */
#define LONGNAME	255
#define EVBYTES		12		/* a, c, gf */
/* Default budget per reader: the 1 M-row bench (21 MB of events) stays
 * in memory even with one thread, 10 M rows on two threads spill. */
#define DEF_BUDGET	((size_t)32 << 20)

/* A run of one partition's records written to the file. */
struct seg {
	uint64_t	 off;
	size_t		 len;
};

struct pbuf {
	unsigned char	*b;
	size_t		 n, cap;
	struct seg	*seg;
	size_t		 nseg, segcap;
};

struct qa_evstore {
	struct pbuf	 part[QA_NP];
	size_t		 used, budget;	/* bytes in memory, its limit */
	int		 fd;		/* -1 until the first spill */
	uint64_t	 fend;
	char		*dir;		/* of the file, for messages */
	unsigned	 spills;
	/* Group numbers of the part the events were read into, mapped
	 * to the ones of the part they were merged into; NULL: same. */
	uint32_t	*map;
	size_t		 nmap;
};

static void *
xcalloc(size_t n, size_t sz)
{
	void *p = calloc(n ? n : 1, sz ? sz : 1);

	if (p == NULL)
		err(EX_OSERR, "calloc");
	return p;
}

static void *
xrealloc(void *p, size_t n, size_t sz)
{
	if (n && sz > SIZE_MAX / n)
		errx(EX_OSERR, "overflow");
	if ((p = realloc(p, n * sz > 0 ? n * sz : 1)) == NULL)
		err(EX_OSERR, "realloc");
	return p;
}

/*
 * Temporary file errors end the run: without the file the events do
 * not fit the budget the user gave, and a report without its windows
 * would be wrong. Two readers may fail at once: one message, one exit.
 */
static pthread_mutex_t die_mu = PTHREAD_MUTEX_INITIALIZER;

static void __attribute__((noreturn, format(printf, 2, 3)))
die_tmp(int e, const char *fmt, ...)
{
	va_list ap;

	pthread_mutex_lock(&die_mu);
	va_start(ap, fmt);
	errno = e;
	verr(EX_IOERR, fmt, ap);
}

static const char *
tmp_dir(void)
{
	const char *d = getenv("TMPDIR");

	return d && *d ? d : "/tmp";
}

static int
tmp_open(const char *dir)
{
	int fd, e;
	char *path;

	/* Unlinked from the start: nothing is left behind on a crash. */
	fd = open(dir, O_TMPFILE | O_RDWR | O_EXCL | O_CLOEXEC, 0600);
	if (fd >= 0)
		return fd;
	/* Not supported by the file system (or the kernel): mkstemp. */
	if (errno != EOPNOTSUPP && errno != EISDIR && errno != EINVAL)
		return -1;
	if (asprintf(&path, "%s/qareport.XXXXXX", dir) < 0)
		err(EX_OSERR, "asprintf");
	if ((fd = mkostemp(path, O_CLOEXEC)) >= 0 && unlink(path) < 0) {
		e = errno;
		close(fd);
		free(path);
		errno = e;
		return -1;
	}
	e = errno;
	free(path);
	errno = e;
	return fd;
}

static struct qa_evstore *
store_new(size_t budget)
{
	struct qa_evstore *s = xcalloc(1, sizeof(*s));

	s->fd = -1;
	s->budget = budget ? budget : DEF_BUDGET;
	return s;
}

static void
store_free(struct qa_evstore *s)
{
	if (s == NULL)
		return;
	for (int k = 0; k < QA_NP; k++) {
		free(s->part[k].b);
		free(s->part[k].seg);
	}
	if (s->fd >= 0)
		close(s->fd);
	free(s->dir);
	free(s->map);
	free(s);
}

/* All of iov[0..n) at off; the iovecs are used up. */
static void
pwritev_all(struct qa_evstore *s, struct iovec *iov, int n, uint64_t off)
{
	while (n > 0) {
		ssize_t w = pwritev(s->fd, iov, n, (off_t)off);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			die_tmp(w < 0 ? errno : ENOSPC,
			    _("cannot write a temporary file in %s"), s->dir);
		off += (uint64_t)w;
		while (n > 0 && (size_t)w >= iov->iov_len) {
			w -= (ssize_t)iov->iov_len;
			iov++;
			n--;
		}
		if (n > 0) {
			iov->iov_base = (char *)iov->iov_base + w;
			iov->iov_len -= (size_t)w;
		}
	}
}

/* Every partition's buffer to the end of the file, as one segment each,
 * in one system call (small budgets spill often); the buffers are kept
 * for the next round. */
static void
spill(struct qa_evstore *s)
{
	struct iovec iov[QA_NP];
	int n = 0;
	uint64_t off = s->fend;

	if (s->fd < 0) {
		const char *dir = tmp_dir();

		if ((s->dir = strdup(dir)) == NULL)
			err(EX_OSERR, "strdup");
		if ((s->fd = tmp_open(dir)) < 0)
			die_tmp(errno,
			    _("cannot create a temporary file in %s"), dir);
	}
	for (int k = 0; k < QA_NP; k++) {
		struct pbuf *pb = &s->part[k];

		if (pb->n == 0)
			continue;
		if (pb->nseg == pb->segcap) {
			pb->segcap = pb->segcap ? pb->segcap * 2 : 4;
			pb->seg = xrealloc(pb->seg, pb->segcap,
			    sizeof(*pb->seg));
		}
		pb->seg[pb->nseg].off = off;
		pb->seg[pb->nseg++].len = pb->n;
		iov[n].iov_base = pb->b;
		iov[n++].iov_len = pb->n;
		off += pb->n;
		pb->n = 0;
	}
	pwritev_all(s, iov, n, s->fend);
	s->fend = off;
	s->used = 0;
	s->spills++;
}

/* The store events are added to: the first, unless it came from a merge
 * (those have a map). */
static struct qa_evstore *
own_store(struct qa_part *p)
{
	struct qa_evstore *s;

	if (p->nev > 0 && p->ev[0]->map == NULL)
		return p->ev[0];
	s = store_new(p->ev_budget);
	p->ev = xrealloc(p->ev, (size_t)p->nev + 1, sizeof(*p->ev));
	memmove(p->ev + 1, p->ev, (size_t)p->nev * sizeof(*p->ev));
	p->ev[0] = s;
	p->nev++;
	return s;
}

void
qa_events_add(struct qa_part *p, const char *name, size_t len,
    const struct qa_ev *e)
{
	struct qa_evstore *s = own_store(p);
	struct pbuf *pb = &s->part[PART_OF(qa_hash(name, len))];
	size_t need = 1 + (len >= LONGNAME ? 4 : 0) + len + EVBYTES;
	unsigned char *q;

	if (len > UINT32_MAX)
		errx(EX_DATAERR, "account name too long");
	if (pb->n + need > pb->cap) {
		size_t ncap = pb->cap ? pb->cap * 2 : 1024;

		while (ncap < pb->n + need)
			ncap *= 2;
		pb->b = xrealloc(pb->b, ncap, 1);
		pb->cap = ncap;
	}
	q = pb->b + pb->n;
	if (len < LONGNAME)
		*q++ = (unsigned char)len;
	else {
		uint32_t l = (uint32_t)len;

		*q++ = LONGNAME;
		memcpy(q, &l, 4);
		q += 4;
	}
	memcpy(q, name, len);
	q += len;
	memcpy(q, &e->a, 4);
	memcpy(q + 4, &e->c, 4);
	memcpy(q + 8, &e->gf, 4);
	pb->n += need;
	s->used += need;
	if (s->used >= s->budget)
		spill(s);
}

unsigned
qa_events_spills(const struct qa_part *p)
{
	unsigned n = 0;

	for (int i = 0; i < p->nev; i++)
		n += p->ev[i]->spills;
	return n;
}

void
qa_events_merge(struct qa_part *dst, struct qa_part *src,
    const uint32_t *map)
{
	if (src->nev == 0)
		return;
	for (int i = 0; i < src->nev; i++) {
		struct qa_evstore *s = src->ev[i];
		size_t n = s->map ? s->nmap : src->groups.n;
		uint32_t *m = xcalloc(n, sizeof(*m));

		/* Composed: the store's numbers -> src's -> dst's. */
		for (size_t g = 0; g < n; g++)
			m[g] = map[s->map ? s->map[g] : g];
		free(s->map);
		s->map = m;
		s->nmap = n;
	}
	dst->ev = xrealloc(dst->ev, (size_t)(dst->nev + src->nev),
	    sizeof(*dst->ev));
	memcpy(dst->ev + dst->nev, src->ev, (size_t)src->nev *
	    sizeof(*src->ev));
	dst->nev += src->nev;
	free(src->ev);
	src->ev = NULL;
	src->nev = 0;
}

void
qa_events_free(struct qa_part *p)
{
	for (int i = 0; i < p->nev; i++)
		store_free(p->ev[i]);
	free(p->ev);
	p->ev = NULL;
	p->nev = 0;
}

static void
insertion_u32(uint32_t *v, uint32_t n)
{
	for (uint32_t i = 1; i < n; i++) {
		uint32_t x = v[i], j = i;
		while (j > 0 && v[j - 1] > x) {
			v[j] = v[j - 1];
			j--;
		}
		v[j] = x;
	}
}

/*
 * An account's times: a handful, or a hundred for a busy business line,
 * or thousands for a chronic one. Insertion sort for the few; above,
 * its quadratic cost was most of the window time (100 events an account
 * on the 10 M-row bench), so runs of 16 sorted so and merged bottom-up
 * through tmp; the thousands get an LSD radix sort, 11 bits a pass
 * (minutes since 1900 fit in 33 bits, so three passes).
 */
#define RUN	16
static void
sort_u32(uint32_t *v, uint32_t n, uint32_t *tmp)
{
	if (n >= 4096) {
		uint32_t *src = v, *dst = tmp;

		for (int shift = 0; shift < 33; shift += 11) {
			uint32_t cnt[2048] = { 0 }, sum = 0;

			for (uint32_t i = 0; i < n; i++)
				cnt[(src[i] >> shift) & 2047]++;
			for (int b = 0; b < 2048; b++) {
				uint32_t c = cnt[b];
				cnt[b] = sum;
				sum += c;
			}
			for (uint32_t i = 0; i < n; i++)
				dst[cnt[(src[i] >> shift) & 2047]++] = src[i];
			{
				uint32_t *t = src;
				src = dst;
				dst = t;
			}
		}
		/* Three passes: the result is in tmp. */
		memcpy(v, src, n * sizeof(*v));
		return;
	}
	if (n <= RUN) {
		insertion_u32(v, n);
		return;
	}
	{
		uint32_t *src = v, *dst = tmp;

		for (uint32_t i = 0; i < n; i += RUN)
			insertion_u32(v + i, n - i < RUN ? n - i : RUN);
		for (uint32_t w = RUN; w < n; w *= 2) {
			for (uint32_t lo = 0; lo < n; lo += 2 * w) {
				uint32_t mid = lo + w < n ? lo + w : n;
				uint32_t hi = lo + 2 * w < n ? lo + 2 * w : n;
				uint32_t i = lo, j = mid, k = lo;

				while (i < mid && j < hi)
					dst[k++] = src[j] < src[i] ? src[j++] :
					    src[i++];
				while (i < mid)
					dst[k++] = src[i++];
				while (j < hi)
					dst[k++] = src[j++];
			}
			{
				uint32_t *t = src;
				src = dst;
				dst = t;
			}
		}
		if (src != v)
			memcpy(v, src, n * sizeof(*v));
	}
}

/*
 * Binary searches without a branch on the data (a conditional move):
 * an account's lists are short and the probes random, so a mispredicted
 * branch a step was half the window time.
 */
/* First index with v[i] > x (v sorted ascending). */
static uint32_t
upper(const uint32_t *v, uint32_t n, uint32_t x)
{
	const uint32_t *base = v;

	if (n == 0)
		return 0;
	while (n > 1) {
		uint32_t half = n / 2;

		base = base[half] <= x ? base + half : base;
		n -= half;
	}
	return (uint32_t)(base - v) + (*base <= x);
}

/* First index with v[i] >= x. */
static uint32_t
lower(const uint32_t *v, uint32_t n, uint32_t x)
{
	const uint32_t *base = v;

	if (n == 0)
		return 0;
	while (n > 1) {
		uint32_t half = n / 2;

		base = base[half] < x ? base + half : base;
		n -= half;
	}
	return (uint32_t)(base - v) + (*base < x);
}

/* Whether some v[i] lies in (x, x + w]. */
static int
any_after(const uint32_t *v, uint32_t n, uint32_t x, int64_t w)
{
	uint32_t i = upper(v, n, x);

	return i < n && (int64_t)v[i] <= (int64_t)x + w;
}

enum { W_REPEAT, W_FTF, W_NEW, W_KEPT, W_N };

struct wacct {
	const unsigned char *name;
	uint32_t	 len, hash;
	uint32_t	 n, start;	/* its events in wctx.sorted */
};

/* One thread's share: partitions k, k + nth, ... */
struct wctx {
	struct qa_part		*p;
	const struct qa_opts	*o;
	int			 k, nth;
	int64_t			*cnt;		/* [group][W_N] */
	unsigned char		*buf;		/* spilled records */
	size_t			 bufcap;
	uint64_t		*slot;		/* hash << 32 | account + 1 */
	size_t			 nslot;
	struct wacct		*ac;
	size_t			 nac, accap;
	struct qa_ev		*ev, *sorted;
	uint32_t		*eac;		/* account of ev[i] */
	size_t			 nev, evcap;
	uint32_t		*acc, *comp, *tmp;	/* tmp: sorting */
	size_t			 cap;
	size_t			 naccounts;
};

static void
slots_rehash(struct wctx *w)
{
	size_t ns = w->nslot * 2;

	free(w->slot);
	w->slot = xcalloc(ns, sizeof(*w->slot));
	w->nslot = ns;
	for (size_t i = 0; i < w->nac; i++) {
		size_t j = w->ac[i].hash & (ns - 1);
		while (w->slot[j])
			j = (j + 1) & (ns - 1);
		w->slot[j] = (uint64_t)w->ac[i].hash << 32 | (i + 1);
	}
}

static uint32_t
account_of(struct wctx *w, const unsigned char *name, uint32_t len)
{
	uint32_t h = qa_hash(name, len);
	size_t j;
	struct wacct *a;

	if (w->nac * 2 >= w->nslot)
		slots_rehash(w);
	for (j = h & (w->nslot - 1); w->slot[j]; j = (j + 1) & (w->nslot - 1)) {
		if ((uint32_t)(w->slot[j] >> 32) != h)
			continue;
		a = &w->ac[(uint32_t)w->slot[j] - 1];
		if (a->len == len && memcmp(a->name, name, len) == 0)
			return (uint32_t)w->slot[j] - 1;
	}
	if (w->nac == w->accap) {
		w->accap = w->accap ? w->accap * 2 : 256;
		w->ac = xrealloc(w->ac, w->accap, sizeof(*w->ac));
	}
	a = &w->ac[w->nac];
	a->name = name;
	a->len = len;
	a->hash = h;
	a->n = 0;
	w->slot[j] = (uint64_t)h << 32 | (w->nac + 1);
	return (uint32_t)w->nac++;
}

/* The records of b[0..n) into w->ev, their group numbers mapped. */
static void
gather(struct wctx *w, const unsigned char *b, size_t n,
    const struct qa_evstore *s)
{
	const unsigned char *q = b, *end = b + n;

	while (q < end) {
		uint32_t len = *q++, ai, gi;
		struct qa_ev e;

		if (len == LONGNAME) {
			memcpy(&len, q, 4);
			q += 4;
		}
		ai = account_of(w, q, len);
		q += len;
		memcpy(&e.a, q, 4);
		memcpy(&e.c, q + 4, 4);
		memcpy(&e.gf, q + 8, 4);
		q += EVBYTES;
		gi = e.gf >> 8;
		if (gi != QA_NOGROUP && s->map)
			e.gf = s->map[gi] << 8 | (e.gf & 0xff);
		if (w->nev == w->evcap) {
			w->evcap = w->evcap ? w->evcap * 2 : 4096;
			w->ev = xrealloc(w->ev, w->evcap, sizeof(*w->ev));
			w->eac = xrealloc(w->eac, w->evcap, sizeof(*w->eac));
		}
		w->ev[w->nev] = e;
		w->eac[w->nev++] = ai;
		w->ac[ai].n++;
	}
}

/*
 * The window KPIs of one account, all its events at hand:
 *  repeat: a repair accepted at a whose account has a restored repair
 *	    completed in [a - N, a);
 *  ftf:    a restored one-visit repair completed at c with no repair of
 *	    the account accepted in (c, c + 7 d];
 *  new:    an install done at c with a repair accepted in (c, c + N];
 *  kept:   an install with an appointment, on time, and no repair
 *	    accepted in (c, c + 15 d] (c unknown: none).
 */
static void
window_account(struct wctx *w, const struct qa_ev *ev, uint32_t n)
{
	const struct qa_opts *o = w->o;
	uint32_t na = 0, nc = 0;

	if (n > w->cap) {
		w->cap = n;
		w->acc = xrealloc(w->acc, w->cap, sizeof(*w->acc));
		w->comp = xrealloc(w->comp, w->cap, sizeof(*w->comp));
		w->tmp = xrealloc(w->tmp, w->cap, sizeof(*w->tmp));
	}
	for (uint32_t k = 0; k < n; k++) {
		const struct qa_ev *e = &ev[k];
		if (!(e->gf & QA_EV_REPAIR))
			continue;
		if (e->a)
			w->acc[na++] = e->a;
		if (e->gf & QA_EV_RESTORED)
			w->comp[nc++] = e->c;
	}
	sort_u32(w->acc, na, w->tmp);
	sort_u32(w->comp, nc, w->tmp);
	for (uint32_t k = 0; k < n; k++) {
		const struct qa_ev *e = &ev[k];
		uint32_t gi = e->gf >> 8;
		int64_t *c;

		if (gi == QA_NOGROUP)
			continue;
		c = &w->cnt[(size_t)gi * W_N];
		if (e->gf & QA_EV_REPAIR) {
			if (e->a) {
				int64_t lo = (int64_t)e->a - o->repeat_win;
				uint32_t j = lower(w->comp, nc, lo < 1 ? 1 :
				    (uint32_t)lo);
				if (j < nc && w->comp[j] < e->a)
					c[W_REPEAT]++;
			}
			if ((e->gf & QA_EV_RESTORED) &&
			    (e->gf & QA_EV_ONEVISIT) &&
			    !any_after(w->acc, na, e->c, o->ftf_win))
				c[W_FTF]++;
			continue;
		}
		if ((e->gf & QA_EV_INSTDONE) &&
		    any_after(w->acc, na, e->c, o->newfault_win))
			c[W_NEW]++;
		if ((e->gf & QA_EV_KEPT) && (e->gf & QA_EV_ONTIME) &&
		    !((e->gf & QA_EV_INSTDONE) &&
		    any_after(w->acc, na, e->c, o->kept_win)))
			c[W_KEPT]++;
	}
}

static void
pread_all(const struct qa_evstore *s, unsigned char *b, size_t n,
    uint64_t off)
{
	while (n > 0) {
		ssize_t r = pread(s->fd, b, n, (off_t)off);

		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			die_tmp(r < 0 ? errno : EIO,
			    _("cannot read a temporary file in %s"), s->dir);
		b += r;
		n -= (size_t)r;
		off += (uint64_t)r;
	}
}

static void
window_part(struct wctx *w, int k)
{
	struct qa_part *p = w->p;
	size_t spilled = 0, at = 0;
	uint32_t sum = 0;

	w->nac = 0;
	w->nev = 0;
	memset(w->slot, 0, w->nslot * sizeof(*w->slot));
	/* Every store's segments first, into one buffer that is not
	 * moved again: the accounts point at their names in it. */
	for (int i = 0; i < p->nev; i++)
		for (size_t g = 0; g < p->ev[i]->part[k].nseg; g++)
			spilled += p->ev[i]->part[k].seg[g].len;
	if (spilled > w->bufcap) {
		free(w->buf);
		w->buf = xcalloc(spilled, 1);
		w->bufcap = spilled;
	}
	for (int i = 0; i < p->nev; i++) {
		const struct qa_evstore *s = p->ev[i];
		const struct pbuf *pb = &s->part[k];
		size_t from = at;

		for (size_t g = 0; g < pb->nseg; g++) {
			pread_all(s, w->buf + at, pb->seg[g].len,
			    pb->seg[g].off);
			at += pb->seg[g].len;
		}
		gather(w, w->buf + from, at - from, s);
		gather(w, pb->b, pb->n, s);
	}
	if (w->nev == 0)
		return;
	w->naccounts += w->nac;
	/* Each account's events together: a counting sort. */
	for (size_t a = 0; a < w->nac; a++) {
		w->ac[a].start = sum;
		sum += w->ac[a].n;
		w->ac[a].n = 0;
	}
	w->sorted = xrealloc(w->sorted, w->evcap, sizeof(*w->sorted));
	for (size_t i = 0; i < w->nev; i++) {
		struct wacct *a = &w->ac[w->eac[i]];
		w->sorted[a->start + a->n++] = w->ev[i];
	}
	for (size_t a = 0; a < w->nac; a++)
		window_account(w, w->sorted + w->ac[a].start, w->ac[a].n);
}

static void *
window_range(void *arg)
{
	struct wctx *w = arg;

	for (int k = w->k; k < QA_NP; k += w->nth)
		window_part(w, k);
	return NULL;
}

void
qa_windows(struct qa_part *p, const struct qa_opts *o)
{
	int nth = o->threads < 1 ? 1 : o->threads > 64 ? 64 : o->threads;
	struct wctx w[64];
	pthread_t tid[64];
	uint64_t bytes = 0;

	p->spilled = 0;
	for (int i = 0; i < p->nev; i++) {
		bytes += p->ev[i]->fend + p->ev[i]->used;
		p->spilled += p->ev[i]->fend;
	}
	/* A thread costs more than a small report's windows. */
	if (bytes < (1 << 20))
		nth = 1;
	for (int k = 0; k < nth; k++) {
		memset(&w[k], 0, sizeof(w[k]));
		w[k].p = p;
		w[k].o = o;
		w[k].k = k;
		w[k].nth = nth;
		w[k].cnt = xcalloc(p->groups.n * W_N, sizeof(int64_t));
		w[k].nslot = 1024;
		w[k].slot = xcalloc(w[k].nslot, sizeof(*w[k].slot));
	}
	for (int k = 1; k < nth; k++)
		if ((errno = pthread_create(&tid[k], NULL, window_range,
		    &w[k])) != 0)
			err(EX_OSERR, "pthread_create");
	window_range(&w[0]);
	for (int k = 1; k < nth; k++)
		pthread_join(tid[k], NULL);
	p->naccounts = 0;
	for (int k = 0; k < nth; k++) {
		for (size_t g = 0; g < p->groups.n; g++) {
			int64_t *c = p->groups.g[g].a.c, *x = &w[k].cnt[g * W_N];
			c[QA_C_REPEAT_NUM] += x[W_REPEAT];
			c[QA_C_FTF_NUM] += x[W_FTF];
			c[QA_C_NEW_NUM] += x[W_NEW];
			c[QA_C_KEPT_NUM] += x[W_KEPT];
		}
		p->naccounts += w[k].naccounts;
		free(w[k].cnt);
		free(w[k].buf);
		free(w[k].slot);
		free(w[k].ac);
		free(w[k].ev);
		free(w[k].sorted);
		free(w[k].eac);
		free(w[k].acc);
		free(w[k].comp);
		free(w[k].tmp);
	}
	/* Evaluated: the events are of no further use. */
	qa_events_free(p);
}
