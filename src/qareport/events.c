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
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/uio.h>
#include <sysexits.h>
#include <unistd.h>

#include "lib/i18n.h"
#include "qareport/qa.h"

#define QA_NP		256		/* partitions */
/*
 * Spilled segments are written and read back with O_DIRECT where the
 * file system takes it: on a virtual machine whose freed memory goes
 * back to the host, every new page-cache page of the file was a host
 * page fault, and copying 160 MB of events into the page cache cost
 * more CPU than the windows that read them. Direct I/O wants buffers,
 * offsets and lengths aligned: segments are padded to DIO_ALIGN, which
 * is at least the logical block size of common disks. Budgets whose
 * partitions are smaller than DIO_MIN would mostly write padding.
 */
#define DIO_ALIGN	4096
#define DIO_MIN		(2 * DIO_ALIGN)
#define ROUNDUP(n, a)	(((n) + (a) - 1) / (a) * (a))
#define PART_OF(h)	((h) >> 24)	/* the top bits: QA_NP = 256 */
#define LONGNAME	255
#define EVBYTES		12		/* a, c, gf */
/* For a part given no budget; the readers get their share of
 * --memory. */
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
	size_t		 used;		/* bytes in memory */
	size_t		 pcap;		/* of a partition: budget / QA_NP */
	int		 fd;		/* -1 until the first spill */
	int		 direct;	/* the buffers are DIO_ALIGN-aligned */
	size_t		 align;		/* of segments in the file: 1 or
					 * DIO_ALIGN (set by the first spill) */
	uint64_t	 fend;
	uint64_t	 data;		/* bytes of records in the file */
	char		*dir;		/* of the file, for messages */
	unsigned	 spills;
	/* Group numbers of the part the events were read into, mapped
	 * to the ones of the part they were merged into; NULL: same. */
	uint32_t	*map;
	size_t		 nmap;
	/*
	 * Direct writes wait for the disk: past DIO_MIN * 2 a partition,
	 * a writer thread takes them while the reader fills a second set
	 * of buffers (each set half the budget).
	 */
	int		 async;
	unsigned char	*alt[QA_NP];	/* the set being written */
	size_t		 altcap[QA_NP];
	pthread_t	 wtid;
	int		 wstarted, wbusy, wquit;
	pthread_mutex_t	 wmu;
	pthread_cond_t	 wcv;
	struct iovec	 wiov[QA_NP];
	int		 wn;
	uint64_t	 woff;
};

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
	struct qa_evstore *s = qa_xcalloc(1, sizeof(*s));

	s->fd = -1;
	s->align = 1;
	s->pcap = (budget ? budget : DEF_BUDGET) / QA_NP;
	if (s->pcap >= DIO_MIN) {
		s->direct = 1;
		if (s->pcap / 2 >= DIO_MIN) {
			s->async = 1;
			s->pcap /= 2;
		}
		s->pcap -= s->pcap % DIO_ALIGN;
	}
	if (s->pcap == 0)
		s->pcap = 1;
	return s;
}

/* Waits for the writer, if any, to be done with its buffers. */
static void
store_flush(struct qa_evstore *s)
{
	if (!s->wstarted)
		return;
	pthread_mutex_lock(&s->wmu);
	while (s->wbusy)
		pthread_cond_wait(&s->wcv, &s->wmu);
	pthread_mutex_unlock(&s->wmu);
}

/* Reading is over: the set last written is in the file, and its
 * memory goes before the windows take theirs. */
static void
store_settle(struct qa_evstore *s)
{
	store_flush(s);
	for (int k = 0; k < QA_NP; k++) {
		free(s->alt[k]);
		s->alt[k] = NULL;
		s->altcap[k] = 0;
	}
}

static void
store_free(struct qa_evstore *s)
{
	if (s == NULL)
		return;
	if (s->wstarted) {
		store_flush(s);
		pthread_mutex_lock(&s->wmu);
		s->wquit = 1;
		pthread_cond_broadcast(&s->wcv);
		pthread_mutex_unlock(&s->wmu);
		pthread_join(s->wtid, NULL);
		pthread_mutex_destroy(&s->wmu);
		pthread_cond_destroy(&s->wcv);
	}
	for (int k = 0; k < QA_NP; k++)
		free(s->alt[k]);
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

/* n bytes at a DIO_ALIGN boundary. */
static void *
dio_alloc(size_t n)
{
	void *b;

	if ((errno = posix_memalign(&b, DIO_ALIGN, n)) != 0)
		err(EX_OSERR, "posix_memalign");
	return b;
}

/* Drops O_DIRECT from fd: 0 when it was set and is now cleared. */
static int
buffered(int fd)
{
	int fl = fcntl(fd, F_GETFL);

	if (fl < 0 || !(fl & O_DIRECT))
		return -1;
	return fcntl(fd, F_SETFL, fl & ~O_DIRECT);
}

/* All of iov[0..n) at off; the iovecs are used up. */
static void
pwritev_all(struct qa_evstore *s, struct iovec *iov, int n, uint64_t off)
{
	while (n > 0) {
		ssize_t w = pwritev(s->fd, iov, n, (off_t)off);

		if (w < 0 && errno == EINTR)
			continue;
		/* A device with larger blocks, or a short write that left
		 * the rest unaligned: the page cache takes any. */
		if (w < 0 && errno == EINVAL && s->align > 1 &&
		    buffered(s->fd) == 0)
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

static void *
writer_run(void *arg)
{
	struct qa_evstore *s = arg;

	pthread_mutex_lock(&s->wmu);
	for (;;) {
		while (!s->wbusy && !s->wquit)
			pthread_cond_wait(&s->wcv, &s->wmu);
		if (!s->wbusy)
			break;
		pthread_mutex_unlock(&s->wmu);
		pwritev_all(s, s->wiov, s->wn, s->woff);
		pthread_mutex_lock(&s->wmu);
		s->wbusy = 0;
		pthread_cond_broadcast(&s->wcv);
	}
	pthread_mutex_unlock(&s->wmu);
	return NULL;
}

/* iov[0..n) to the writer, which has finished the previous set; the
 * reader goes on in the other set. */
static void
write_async(struct qa_evstore *s, const struct iovec *iov, int n)
{
	if (!s->wstarted) {
		pthread_mutex_init(&s->wmu, NULL);
		pthread_cond_init(&s->wcv, NULL);
		if ((errno = pthread_create(&s->wtid, NULL, writer_run,
		    s)) != 0)
			err(EX_OSERR, "pthread_create");
		s->wstarted = 1;
	}
	store_flush(s);
	for (int k = 0; k < QA_NP; k++) {
		struct pbuf *pb = &s->part[k];
		unsigned char *b = pb->b;
		size_t c = pb->cap;

		pb->b = s->alt[k];
		pb->cap = s->altcap[k];
		s->alt[k] = b;
		s->altcap[k] = c;
	}
	pthread_mutex_lock(&s->wmu);
	memcpy(s->wiov, iov, (size_t)n * sizeof(*iov));
	s->wn = n;
	s->woff = s->fend;
	s->wbusy = 1;
	pthread_cond_broadcast(&s->wcv);
	pthread_mutex_unlock(&s->wmu);
}

/* Every partition's buffer to the end of the file, as one segment each,
 * in one system call (small budgets spill often). */
static void
spill(struct qa_evstore *s)
{
	struct iovec iov[QA_NP];
	int n = 0;
	uint64_t off = s->fend;
	size_t len;

	if (s->fd < 0) {
		const char *dir = tmp_dir();

		if ((s->dir = strdup(dir)) == NULL)
			err(EX_OSERR, "strdup");
		if ((s->fd = tmp_open(dir)) < 0)
			die_tmp(errno,
			    _("cannot create a temporary file in %s"), dir);
		if (s->direct) {
			int fl = fcntl(s->fd, F_GETFL);

			if (fl >= 0 &&
			    fcntl(s->fd, F_SETFL, fl | O_DIRECT) == 0)
				s->align = DIO_ALIGN;
		}
	}
	for (int k = 0; k < QA_NP; k++) {
		struct pbuf *pb = &s->part[k];

		if (pb->n == 0)
			continue;
		if (pb->nseg == pb->segcap) {
			pb->segcap = pb->segcap ? pb->segcap * 2 : 4;
			pb->seg = qa_xrealloc(pb->seg, pb->segcap,
			    sizeof(*pb->seg));
		}
		pb->seg[pb->nseg].off = off;
		pb->seg[pb->nseg++].len = pb->n;
		len = ROUNDUP(pb->n, s->align);
		/* The padding is written too: not memory's old contents. */
		memset(pb->b + pb->n, 0, len - pb->n);
		iov[n].iov_base = pb->b;
		iov[n++].iov_len = len;
		off += len;
		s->data += pb->n;
		pb->n = 0;
	}
	if (s->async && s->align > 1)
		write_async(s, iov, n);
	else
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

	if (p->own)
		return p->own;
	if (p->nev > 0 && p->ev[0]->map == NULL)
		return p->own = p->ev[0];
	s = store_new(p->ev_budget);
	p->ev = qa_xrealloc(p->ev, (size_t)p->nev + 1, sizeof(*p->ev));
	memmove(p->ev + 1, p->ev, (size_t)p->nev * sizeof(*p->ev));
	p->ev[0] = s;
	p->nev++;
	return p->own = s;
}

/*
 * Direct I/O buffers: aligned, and a whole number of blocks so that a
 * segment's padding fits. They get their full size at once: grown by
 * doubling, each left its smaller copies behind as holes in the heap
 * (55 MB at a million rows instead of 40), and pages not yet written
 * cost no memory.
 */
static void
grow(const struct qa_evstore *s, struct pbuf *pb, size_t ncap)
{
	void *b;

	if (!s->direct) {
		pb->b = qa_xrealloc(pb->b, ncap, 1);
		pb->cap = ncap;
		return;
	}
	if (ncap < s->pcap)
		ncap = s->pcap;
	ncap = ROUNDUP(ncap, DIO_ALIGN);
	b = dio_alloc(ncap);
	if (pb->n > 0)
		memcpy(b, pb->b, pb->n);
	free(pb->b);
	pb->b = b;
	pb->cap = ncap;
}

void
qa_events_prefetch(struct qa_part *p, uint32_t h)
{
	__builtin_prefetch(&own_store(p)->part[PART_OF(h)], 1);
}

void
qa_events_add(struct qa_part *p, const char *name, size_t len, uint32_t h,
    const struct qa_ev *e)
{
	struct qa_evstore *s = own_store(p);
	struct pbuf *pb = &s->part[PART_OF(h)];
	size_t need = 1 + (len >= LONGNAME ? 4 : 0) + len + EVBYTES;
	unsigned char *q;

	if (len > UINT32_MAX)
		errx(EX_DATAERR, "account name too long");
	/*
	 * A partition holds at most budget / QA_NP bytes (or one larger
	 * record): when it is full, all go to the file. Buffers are kept
	 * at their size after a spill, so memory stays within the budget
	 * instead of twice it as doubling every buffer would.
	 */
	if (pb->n + need > pb->cap) {
		if (pb->n > 0 && pb->n + need > s->pcap)
			spill(s);
		if (pb->n + need > pb->cap) {
			size_t ncap = pb->cap ? pb->cap * 2 : 1024;

			if (ncap > s->pcap)
				ncap = s->pcap;
			if (ncap < pb->n + need)
				ncap = pb->n + need;
			grow(s, pb, ncap);
		}
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
	/* Most names are 8 to 16 bytes: two overlapping copies instead of
	 * a call to memcpy(3). */
	if (len >= 8 && len <= 16) {
		uint64_t x, y;

		memcpy(&x, name, 8);
		memcpy(&y, name + len - 8, 8);
		memcpy(q, &x, 8);
		memcpy(q + len - 8, &y, 8);
	} else
		memcpy(q, name, len);
	q += len;
	memcpy(q, &e->a, 4);
	memcpy(q + 4, &e->c, 4);
	memcpy(q + 8, &e->gf, 4);
	pb->n += need;
	s->used += need;
	/* The partition's next line, for the events to come: 256 tails
	 * in 32 MB of buffers are otherwise a write miss every few
	 * events. */
	__builtin_prefetch(pb->b + pb->n + 63, 1);
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
		uint32_t *m = qa_xcalloc(n, sizeof(*m));

		/* Composed: the store's numbers -> src's -> dst's. */
		for (size_t g = 0; g < n; g++)
			m[g] = map[s->map ? s->map[g] : g];
		free(s->map);
		s->map = m;
		s->nmap = n;
	}
	dst->ev = qa_xrealloc(dst->ev, (size_t)(dst->nev + src->nev),
	    sizeof(*dst->ev));
	memcpy(dst->ev + dst->nev, src->ev, (size_t)src->nev *
	    sizeof(*src->ev));
	dst->nev += src->nev;
	free(src->ev);
	src->ev = NULL;
	src->nev = 0;
	src->own = NULL;
}

void
qa_events_free(struct qa_part *p)
{
	for (int i = 0; i < p->nev; i++)
		store_free(p->ev[i]);
	free(p->ev);
	p->ev = NULL;
	p->nev = 0;
	p->own = NULL;
}

/*
 * An account's events are sorted by time, as 64-bit keys: the time in
 * the top half, the group and flags below (their order does not matter,
 * the counts are sums). A handful of events get an insertion sort; a
 * hundred (a busy business line; 100 an account on the 10 M-row bench,
 * where the quadratic insertion sort showed) runs of 16 merged
 * bottom-up through tmp; thousands (a chronic account) an LSD radix
 * sort of the time, 11 bits a pass, three passes.
 */
#define RUN	16
static void
insertion_u64(uint64_t *v, uint32_t n)
{
	for (uint32_t i = 1; i < n; i++) {
		uint64_t x = v[i];
		uint32_t j = i;

		while (j > 0 && v[j - 1] > x) {
			v[j] = v[j - 1];
			j--;
		}
		v[j] = x;
	}
}

static void
sort_u64(uint64_t *v, uint32_t n, uint64_t *tmp)
{
	uint64_t *src = v, *dst = tmp, *t;

	if (n <= RUN) {
		insertion_u64(v, n);
		return;
	}
	if (n >= 4096) {
		for (int shift = 32; shift < 64; shift += 11) {
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
			t = src;
			src = dst;
			dst = t;
		}
	} else {
		for (uint32_t i = 0; i < n; i += RUN)
			insertion_u64(v + i, n - i < RUN ? n - i : RUN);
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
			t = src;
			src = dst;
			dst = t;
		}
	}
	if (src != v)
		memcpy(v, src, n * sizeof(*v));
}

enum { W_REPEAT, W_FTF, W_NEW, W_KEPT, W_N };

/*
 * Spilled partitions are read back by threads of their own, ahead of
 * the window threads, into a ring of buffers: a direct read waits for
 * the disk, and waiting is all these threads do. They take up to
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

/* A segment in a slot: where it is in the file and in the buffer. */
struct lseg {
	uint64_t	 off;
	size_t		 len, padded;	/* records, and what was read */
	size_t		 at;		/* in the slot's buffer */
	int		 store;
};

struct lslot {
	unsigned char	*buf;
	size_t		 cap;
	struct lseg	*seg;		/* by partition, store, segment */
	size_t		 nseg, segcap;
	size_t		 first[BATCH + 1];	/* of each partition's */
	size_t		*order;		/* seg[] by store and offset */
};

struct loader {
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

struct wacct {
	const unsigned char *name;
	uint32_t	 len, hash;
	uint32_t	 n, start;	/* its events in wctx.sorted */
};

/* One thread's state: the partitions it takes (qa_par) share it. */
struct wctx {
	struct qa_part		*p;
	const struct qa_opts	*o;
	int64_t			*cnt;		/* [group][W_N] */
	struct loader		*ld;		/* NULL: nothing spilled */
	uint64_t		*slot;		/* hash << 32 | account + 1 */
	size_t			 nslot;
	struct wacct		*ac;
	size_t			 nac, accap;
	struct qa_ev		*ev, *sorted;
	uint32_t		*eac;		/* account of ev[i] */
	size_t			 nev, evcap;
	uint64_t		*acc, *comp, *inst;
	uint64_t		*tmp;		/* for sorting */
	size_t			 cap;
	size_t			 naccounts;
};

static void
slots_rehash(struct wctx *w)
{
	size_t ns = w->nslot * 2;

	free(w->slot);
	w->slot = qa_xcalloc(ns, sizeof(*w->slot));
	w->nslot = ns;
	for (size_t i = 0; i < w->nac; i++) {
		size_t j = w->ac[i].hash & (ns - 1);
		while (w->slot[j])
			j = (j + 1) & (ns - 1);
		w->slot[j] = (uint64_t)w->ac[i].hash << 32 | (i + 1);
	}
}

/* Names of 8 to 16 bytes (most account numbers) in two loads each, not
 * a call to memcmp(3) per event. */
static inline int
same_name(const unsigned char *x, const unsigned char *y, uint32_t len)
{
	uint64_t x0, x1, y0, y1;

	if (len < 8 || len > 16)
		return memcmp(x, y, len) == 0;
	memcpy(&x0, x, 8);
	memcpy(&y0, y, 8);
	memcpy(&x1, x + len - 8, 8);
	memcpy(&y1, y + len - 8, 8);
	return ((x0 ^ y0) | (x1 ^ y1)) == 0;
}

static uint32_t
account_of(struct wctx *w, const unsigned char *name, uint32_t len)
{
	uint32_t h = qa_name_hash(name, len);
	size_t j;
	struct wacct *a;

	if (w->nac * 2 >= w->nslot)
		slots_rehash(w);
	for (j = h & (w->nslot - 1); w->slot[j]; j = (j + 1) & (w->nslot - 1)) {
		if ((uint32_t)(w->slot[j] >> 32) != h)
			continue;
		a = &w->ac[(uint32_t)w->slot[j] - 1];
		if (a->len == len && same_name(a->name, name, len))
			return (uint32_t)w->slot[j] - 1;
	}
	if (w->nac == w->accap) {
		w->accap = w->accap ? w->accap * 2 : 256;
		w->ac = qa_xrealloc(w->ac, w->accap, sizeof(*w->ac));
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
	const unsigned char *q = b, *end;

	if (n == 0)		/* b may be NULL: no arithmetic on it */
		return;
	end = b + n;
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
			w->ev = qa_xrealloc(w->ev, w->evcap, sizeof(*w->ev));
			w->eac = qa_xrealloc(w->eac, w->evcap, sizeof(*w->eac));
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
 * Accepted times, completed times and installs each sorted by time, the
 * questions are merges: one pass over each list (binary searches per
 * event were most of the window time).
 */
#define K_TIME(k)	((uint32_t)((k) >> 32))
#define K_GROUP(k)	((uint32_t)(k) & QA_NOGROUP)
#define K_ONEVISIT	(1u << 24)	/* comp: a one-visit repair */
#define K_INSTDONE	(1u << 24)	/* inst: done, completed known */
#define K_KEPT		(1u << 25)	/* inst: appointment kept on time */

static void
window_account(struct wctx *w, const struct qa_ev *ev, uint32_t n)
{
	const struct qa_opts *o = w->o;
	uint32_t na = 0, nc = 0, ni = 0, i, j;

	if (n > w->cap) {
		w->cap = n;
		w->acc = qa_xrealloc(w->acc, w->cap, sizeof(*w->acc));
		w->comp = qa_xrealloc(w->comp, w->cap, sizeof(*w->comp));
		w->inst = qa_xrealloc(w->inst, w->cap, sizeof(*w->inst));
		w->tmp = qa_xrealloc(w->tmp, w->cap, sizeof(*w->tmp));
	}
	for (uint32_t k = 0; k < n; k++) {
		const struct qa_ev *e = &ev[k];
		uint32_t gi = e->gf >> 8;

		if (e->gf & QA_EV_REPAIR) {
			/* Every repair is a source, counted ones also ask. */
			if (e->a)
				w->acc[na++] = (uint64_t)e->a << 32 | gi;
			if (e->gf & QA_EV_RESTORED)
				w->comp[nc++] = (uint64_t)e->c << 32 | gi |
				    (e->gf & QA_EV_ONEVISIT ? K_ONEVISIT : 0);
			continue;
		}
		if (gi == QA_NOGROUP)
			continue;
		if ((e->gf & QA_EV_INSTDONE) || ((e->gf & QA_EV_KEPT) &&
		    (e->gf & QA_EV_ONTIME)))
			w->inst[ni++] = (uint64_t)e->c << 32 | gi |
			    (e->gf & QA_EV_INSTDONE ? K_INSTDONE : 0) |
			    ((e->gf & QA_EV_KEPT) && (e->gf & QA_EV_ONTIME) ?
			    K_KEPT : 0);
	}
	sort_u64(w->acc, na, w->tmp);
	sort_u64(w->comp, nc, w->tmp);
	sort_u64(w->inst, ni, w->tmp);
	/* repeat: the last completion before a, if it is within N. */
	for (i = 0, j = 0; i < na; i++) {
		uint32_t a = K_TIME(w->acc[i]), g = K_GROUP(w->acc[i]);

		while (j < nc && K_TIME(w->comp[j]) < a)
			j++;
		if (g != QA_NOGROUP && j > 0 &&
		    (int64_t)K_TIME(w->comp[j - 1]) >= (int64_t)a -
		    o->repeat_win)
			w->cnt[(size_t)g * W_N + W_REPEAT]++;
	}
	/* ftf: the first acceptance after c, if any, is past the window. */
	for (i = 0, j = 0; i < nc; i++) {
		uint32_t c = K_TIME(w->comp[i]), g = K_GROUP(w->comp[i]);

		if (g == QA_NOGROUP || !(w->comp[i] & K_ONEVISIT))
			continue;
		while (j < na && K_TIME(w->acc[j]) <= c)
			j++;
		if (j == na || (int64_t)K_TIME(w->acc[j]) > (int64_t)c +
		    o->ftf_win)
			w->cnt[(size_t)g * W_N + W_FTF]++;
	}
	/* new and kept: the first acceptance after the install's c. */
	for (i = 0, j = 0; i < ni; i++) {
		uint32_t c = K_TIME(w->inst[i]), g = K_GROUP(w->inst[i]);
		int64_t next;

		while (j < na && K_TIME(w->acc[j]) <= c)
			j++;
		next = j < na ? (int64_t)K_TIME(w->acc[j]) : INT64_MAX;
		if ((w->inst[i] & K_INSTDONE) &&
		    next <= (int64_t)c + o->newfault_win)
			w->cnt[(size_t)g * W_N + W_NEW]++;
		if ((w->inst[i] & K_KEPT) && !((w->inst[i] & K_INSTDONE) &&
		    next <= (int64_t)c + o->kept_win))
			w->cnt[(size_t)g * W_N + W_KEPT]++;
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

/* The segments of batch bt's partitions, in the order window_part
 * takes them. */
static void
load_list(struct loader *l, struct lslot *sl, int bt)
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
				e->padded = ROUNDUP(e->len, s->align);
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

/* Places the segments in the buffer by store and offset (each store's
 * from an aligned place, as direct reads want), and reads each run of
 * them that is contiguous in the file at once. */
static void
load_batch(struct loader *l, struct lslot *sl)
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
	for (size_t i = 0; i < n; i++) {
		struct lseg *e = &sl->seg[sl->order[i]];

		if (i == 0 || e->store != sl->seg[sl->order[i - 1]].store)
			at = ROUNDUP(at, p->ev[e->store]->align);
		e->at = at;
		at += e->padded;
	}
	if (at > sl->cap) {
		free(sl->buf);
		sl->buf = dio_alloc(at);
		sl->cap = at;
	}
	for (size_t i = 0; i < n;) {
		const struct lseg *e = &sl->seg[sl->order[i]], *f = e;
		size_t j = i + 1, len = e->padded;

		while (j < n) {
			const struct lseg *x = &sl->seg[sl->order[j]];

			if (x->store != e->store || x->off != f->off +
			    f->padded || x->at != f->at + f->padded)
				break;
			len += x->padded;
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
	struct loader *l = arg;
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
static struct loader *
loader_start(struct qa_part *p, int nth, size_t memory)
{
	struct loader *l = qa_xcalloc(1, sizeof(*l));

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

static void
loader_end(struct loader *l)
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

static void
window_part(struct wctx *w, int k)
{
	struct qa_part *p = w->p;
	struct loader *l = w->ld;
	const struct lslot *sl = NULL;
	size_t e = 0;
	uint32_t sum = 0;

	w->nac = 0;
	w->nev = 0;
	memset(w->slot, 0, w->nslot * sizeof(*w->slot));
	if (l) {
		pthread_mutex_lock(&l->mu);
		while (!l->loaded[k / l->nb])
			pthread_cond_wait(&l->cv, &l->mu);
		pthread_mutex_unlock(&l->mu);
		sl = &l->slot[k / l->nb % l->nslot];
		e = sl->first[k % l->nb];
	}
	for (int i = 0; i < p->nev; i++) {
		const struct qa_evstore *s = p->ev[i];
		const struct pbuf *pb = &s->part[k];

		for (size_t g = 0; g < pb->nseg; g++, e++)
			gather(w, sl->buf + sl->seg[e].at, sl->seg[e].len, s);
		gather(w, pb->b, pb->n, s);
	}
	if (w->nev > 0) {
		w->naccounts += w->nac;
		/* Each account's events together: a counting sort. */
		for (size_t a = 0; a < w->nac; a++) {
			w->ac[a].start = sum;
			sum += w->ac[a].n;
			w->ac[a].n = 0;
		}
		w->sorted = qa_xrealloc(w->sorted, w->evcap,
		    sizeof(*w->sorted));
		for (size_t i = 0; i < w->nev; i++) {
			struct wacct *a = &w->ac[w->eac[i]];
			w->sorted[a->start + a->n++] = w->ev[i];
		}
		for (size_t a = 0; a < w->nac; a++)
			window_account(w, w->sorted + w->ac[a].start,
			    w->ac[a].n);
	}
	/* The accounts pointed at their names in the slot: it is given
	 * back when the batch is done. */
	if (l) {
		pthread_mutex_lock(&l->mu);
		if (++l->done[k / l->nb] == l->nb)
			pthread_cond_broadcast(&l->cv);
		pthread_mutex_unlock(&l->mu);
	}
}

static void
window_job(void *arg, int thread, size_t k)
{
	struct wctx *w = arg;

	window_part(&w[thread], (int)k);
}

void
qa_windows(struct qa_part *p, const struct qa_opts *o)
{
	int nth = o->threads < 1 ? 1 : o->threads > QA_MAXTHREADS ?
	    QA_MAXTHREADS : o->threads;
	struct wctx w[QA_MAXTHREADS];
	struct loader *ld = NULL;
	uint64_t bytes = 0;

	p->spilled = 0;
	p->spill_direct = 0;
	for (int i = 0; i < p->nev; i++) {
		struct qa_evstore *s = p->ev[i];

		store_settle(s);
		bytes += s->data + s->used;
		p->spilled += s->data;
		if (s->fd >= 0 && (fcntl(s->fd, F_GETFL) & O_DIRECT))
			p->spill_direct = 1;
	}
	/* A thread costs more than a small report's windows. */
	if (bytes < (1 << 20))
		nth = 1;
	if (p->spilled > 0)
		ld = loader_start(p, nth, o->memory);
	for (int k = 0; k < nth; k++) {
		memset(&w[k], 0, sizeof(w[k]));
		w[k].p = p;
		w[k].ld = ld;
		w[k].o = o;
		w[k].cnt = qa_xcalloc(p->groups.n * W_N, sizeof(int64_t));
		w[k].nslot = 1024;
		w[k].slot = qa_xcalloc(w[k].nslot, sizeof(*w[k].slot));
	}
	qa_par(nth, QA_NP, window_job, w);
	loader_end(ld);
	p->naccounts = 0;
	for (int k = 0; k < nth; k++) {
		for (size_t g = 0; g < p->groups.n; g++) {
			int64_t *c = p->groups.g[g].a.c;
			int64_t *x = &w[k].cnt[g * W_N];

			c[QA_C_REPEAT_NUM] += x[W_REPEAT];
			c[QA_C_FTF_NUM] += x[W_FTF];
			c[QA_C_NEW_NUM] += x[W_NEW];
			c[QA_C_KEPT_NUM] += x[W_KEPT];
		}
		p->naccounts += w[k].naccounts;
		free(w[k].cnt);
		free(w[k].slot);
		free(w[k].ac);
		free(w[k].ev);
		free(w[k].sorted);
		free(w[k].eac);
		free(w[k].acc);
		free(w[k].comp);
		free(w[k].inst);
		free(w[k].tmp);
	}
	/* Evaluated: the events are of no further use. */
	qa_events_free(p);
}
