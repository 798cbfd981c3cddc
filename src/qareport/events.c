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
 * qa_windows() (windows.c) then takes one partition at a time, from
 * every reader's store, groups its events by account in a small table
 * that stays in cache, and evaluates the windows.
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
#include "qareport/evstore.h"


/*
 * Temporary file errors end the run: without the file the events do
 * not fit the budget the user gave, and a report without its windows
 * would be wrong. Two readers may fail at once: one message, one exit.
 */
static pthread_mutex_t die_mu = PTHREAD_MUTEX_INITIALIZER;

void
qa_die_tmp(int e, const char *fmt, ...)
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
	s->pcap = (budget ? budget : DEF_BUDGET) / QA_NP;
	if (s->pcap == 0)
		s->pcap = 1;
	s->align = s->pcap >= DIRECT_MIN ? DIRECT_ALIGN : 1;
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

		if (w < 0 && (errno == EINTR || (errno == EINVAL &&
		    qa_direct_off(s->fd))))
			continue;
		if (w <= 0)
			qa_die_tmp(w < 0 ? errno : ENOSPC,
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

/*
 * Off when the file system takes O_DIRECT but not these writes (a
 * device with blocks larger than DIRECT_ALIGN): 1 if it was on.
 */
int
qa_direct_off(int fd)
{
	int fl = fcntl(fd, F_GETFL);

	if (fl < 0 || !(fl & O_DIRECT))
		return 0;
	return fcntl(fd, F_SETFL, fl & ~O_DIRECT) == 0;
}

/* Every partition's buffer to the end of the file, as one segment each,
 * in one system call (small budgets spill often). */
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
			qa_die_tmp(errno,
			    _("cannot create a temporary file in %s"), dir);
		/* Where the file system has no O_DIRECT: the page cache. */
		if (s->align > 1)
			(void)fcntl(s->fd, F_SETFL, fcntl(s->fd, F_GETFL) |
			    O_DIRECT);
	}
	for (int k = 0; k < QA_NP; k++) {
		struct pbuf *pb = &s->part[k];
		size_t len = ALIGN_UP(pb->n, s->align);

		if (pb->n == 0)
			continue;
		/* The padding is written too: no uninitialised bytes. */
		memset(pb->b + pb->n, 0, len - pb->n);
		if (pb->nseg == pb->segcap) {
			pb->segcap = pb->segcap ? pb->segcap * 2 : 4;
			pb->seg = qa_xrealloc(pb->seg, pb->segcap,
			    sizeof(*pb->seg));
		}
		pb->seg[pb->nseg].off = off;
		pb->seg[pb->nseg++].len = pb->n;
		iov[n].iov_base = pb->b;
		iov[n++].iov_len = len;
		off += len;
		s->data += pb->n;
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
 * A partition's buffer gets its full size at once: grown by doubling,
 * each left its smaller copies behind as holes in the heap (55 MB at a
 * million rows instead of 40), and pages not yet written cost no
 * memory.
 */
static void
grow(const struct qa_evstore *s, struct pbuf *pb, size_t ncap)
{
	unsigned char *b;

	if (ncap < s->pcap)
		ncap = s->pcap;
	if (s->align == 1) {
		pb->b = qa_xrealloc(pb->b, ncap, 1);
		pb->cap = ncap;
		return;
	}
	/* O_DIRECT: at the alignment, with room for the padding. */
	ncap = ALIGN_UP(ncap, s->align);
	if ((errno = posix_memalign((void **)&b, s->align, ncap)) != 0)
		err(EX_OSERR, "posix_memalign");
	if (pb->n > 0)
		memcpy(b, pb->b, pb->n);
	free(pb->b);
	pb->b = b;
	pb->cap = ncap;
}

/*
 * Room for need more bytes in pb. A partition holds at most budget /
 * QA_NP bytes (or one larger record): when it is full, all go to the
 * file. Buffers are kept at their size after a spill, so memory stays
 * within the budget instead of twice it as doubling every buffer would.
 */
static void
make_room(struct qa_evstore *s, struct pbuf *pb, size_t need)
{
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

/* The record's end: a, c and gf, after the name. */
static inline void
put_ev(unsigned char *q, struct qa_evstore *s, struct pbuf *pb,
    size_t need, const struct qa_ev *e)
{
	memcpy(q, &e->a, 4);
	memcpy(q + 4, &e->c, 4);
	memcpy(q + 8, &e->gf, 4);
	pb->n += need;
	s->used += need;
	/* The partition's next line, for the events to come: 256 tails
	 * in 32 MB of buffers are otherwise a write miss every few
	 * events (8 % of the run time without it, measured again after
	 * the other prefetches went). */
	__builtin_prefetch(pb->b + pb->n + 63, 1);
}

/* Any record: the first of the part, one that needs room, a name of
 * any length. */
static void __attribute__((noinline))
add_any(struct qa_part *p, const char *name, size_t len, uint32_t h,
    const struct qa_ev *e)
{
	struct qa_evstore *s = own_store(p);
	struct pbuf *pb = &s->part[PART_OF(h)];
	size_t need = 1 + (len >= LONGNAME ? 4 : 0) + len + EVBYTES;
	unsigned char *q;

	if (len > UINT32_MAX)
		errx(EX_DATAERR, "account name too long");
	if (pb->n + need > pb->cap)
		make_room(s, pb, need);
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
	put_ev(q + len, s, pb, need, e);
}

void
qa_events_add(struct qa_part *p, const char *name, size_t len, uint32_t h,
    const struct qa_ev *e)
{
	struct qa_evstore *s;
	struct pbuf *pb;
	size_t need = 1 + len + EVBYTES;
	unsigned char *q;
	uint64_t x, y;

	/* Most names are 8 to 16 bytes: two overlapping copies instead of
	 * a call to memcpy(3), and no call at all on this path. */
	if ((s = p->own) == NULL || len < 8 || len > 16) {
		add_any(p, name, len, h, e);
		return;
	}
	pb = &s->part[PART_OF(h)];
	if (pb->n + need > pb->cap) {
		add_any(p, name, len, h, e);
		return;
	}
	q = pb->b + pb->n;
	*q++ = (unsigned char)len;
	memcpy(&x, name, 8);
	memcpy(&y, name + len - 8, 8);
	memcpy(q, &x, 8);
	memcpy(q + len - 8, &y, 8);
	put_ev(q + len, s, pb, need, e);
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
