/* SPDX-License-Identifier: MIT */
/*
 * Reading work orders into aggregates: one pass, rows in any order.
 * A large plain file is cut into byte ranges (lib/table.h
 * bbt_table_open_range) that the threads take in turn, so that one
 * finishing early takes more; each thread keeps its own groups and
 * events (events.c), merged exactly afterwards. gzip and stdin are read
 * by one thread.
 */
#include <err.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lib/datetime.h"
#include "lib/i18n.h"
#include "lib/order.h"
#include "qareport/scan.h"

#define SPLIT_MIN	(1 << 20)	/* smaller files: one thread */
/*
 * Ranges of a split file: two halves left one thread idle for a tenth
 * of the read on the 10 M-row bench. Up to 32 MB, at least four a
 * thread (so that a few-MB file, as in the tests, is read as a large
 * one is), and at least 256 KB: each costs an open and a header.
 */
#define RANGE_MAX	((uint64_t)32 << 20)
#define RANGE_MIN	((uint64_t)256 << 10)
/* The fuzzers split inputs of a few hundred bytes (lib/lines.h has
 * their short BBT_LINE_MAX), so that ranges are fuzzed too. */
#ifdef BBT_FUZZ
#undef SPLIT_MIN
#undef RANGE_MIN
#define SPLIT_MIN	64
#define RANGE_MIN	((uint64_t)24)
#endif

static void
progress_show(struct progress *pg, int final)
{
	uint64_t d = atomic_load(&pg->done);
	int64_t now = bbt_mono_ms();

	if (!final && now < pg->next_ms)
		return;
	pg->next_ms = now + 500;
	if (final) {
		if (pg->printed)
			fprintf(stderr, "\r\033[K");
		return;
	}
	fprintf(stderr, "\r");
	if (pg->total)
		fprintf(stderr, _("qareport: %llu of %llu MB read (%u %%)"),
		    (unsigned long long)(d >> 20),
		    (unsigned long long)(pg->total >> 20),
		    (unsigned)(d * 100 / pg->total % 101));
	else
		fprintf(stderr, _("qareport: %llu MB read"),
		    (unsigned long long)(d >> 20));
	pg->printed = 1;
}

/*
 * The order columns and the optional acceptance fields after them
 * (lib/order.h): one schema, filled before the readers start. Records
 * of before those fields end at checks.
 */
static struct bbt_table_col qa_cols[QA_NCOLS];

static struct bbt_table *
qa_table_open(const char *path, int head)
{
	struct bbt_table *t;

	t = head ? bbt_table_open_head(path, qa_cols, QA_NCOLS, "order") :
	    bbt_table_open(path, qa_cols, QA_NCOLS, "order");
	if (t != NULL)
		bbt_table_record_min(t, BBT_O_NCOLS);
	return t;
}

/* Range k of the file; -1 when the file stops (--strict, I/O error). */
static int
read_one(struct reader *r, int k)
{
	struct ranges *rg = r->rg;
	struct bbt_table *t;
	struct bbt_rawrow rr;
	char why[512];
	uint64_t start = rg->size / (uint64_t)rg->n * (uint64_t)k;
	uint64_t end = k == rg->n - 1 ? UINT64_MAX :
	    rg->size / (uint64_t)rg->n * (uint64_t)(k + 1);
	uint64_t last = start;
	unsigned long n = 0;
	int ret;

	r->range = k;
	t = rg->size ? bbt_table_open_part(rg->head, start, end) :
	    qa_table_open(rg->path, 0);
	if (t == NULL) {
		int e = errno;

		warn("%s", rg->path);
		r->p->ioerr |= e == ENOENT || e == EACCES || e == ENOTDIR ?
		    2 : 1;
		return -1;
	}
	while ((ret = bbt_table_raw(t, &rr)) != 0) {
		if (ret < 0) {
			/* Damaged gzip data ends the file like a bad row
			 * would: what was read before is reported. */
			if (bbt_table_damaged(t)) {
				if (r->o->shard_n == 0 || r->o->shard_k == 1)
					qa_bad_add(r, bbt_table_name(t),
					    bbt_table_lineno(t) + 1,
					    bbt_table_reason(t));
				break;
			}
			if (bbt_table_failed(t)) {
				warnx("%s", bbt_table_error(t));
				r->p->ioerr = 1;
				break;
			}
			/* A row without a readable account belongs to
			 * shard 1, so that shards count it once. */
			if (r->o->shard_n == 0 || r->o->shard_k == 1)
				qa_bad_add(r, bbt_table_name(t),
				    bbt_table_lineno(t), bbt_table_reason(t));
		} else if (qa_row_do(r, &rr, why, sizeof(why)) < 0)
			qa_bad_add(r, bbt_table_name(t), bbt_table_lineno(t),
			    why);
		else
			for (int w = 0; w < 2; w++)
				if (r->unk_word[w])
					qa_unknown_add(&r->unk, &r->nunk,
					    &r->unk_more, w, r->unk_word[w],
					    bbt_table_name(t),
					    bbt_table_lineno(t), k);
		if (r->o->strict && r->nbad)
			break;
		if ((++n & 0xffff) == 0 && r->prog->on) {
			uint64_t off = bbt_table_offset(t);
			atomic_fetch_add(&r->prog->done, off - last);
			last = off;
			if (r->printer)
				progress_show(r->prog, 0);
		}
	}
	if (r->prog->on)
		atomic_fetch_add(&r->prog->done, bbt_table_offset(t) - last);
	rg->lines[k] = bbt_table_lineno(t);
	bbt_table_close(t);
	return (r->o->strict && r->nbad) || r->p->ioerr ? -1 : 0;
}

/*
 * Range k, on the reader of the thread that took it. Ranges are taken
 * in order, so when --strict stops at a bad row every earlier range has
 * been taken, and the first bad row of the file is among those found.
 * An I/O error stops the file too: there will be no report.
 */
static void
range_job(void *arg, int thread, size_t k)
{
	struct reader *r = (struct reader *)arg + thread;

	if (!atomic_load(&r->rg->stop) && read_one(r, (int)k) < 0)
		atomic_store(&r->rg->stop, 1);
}

/* A reader's buffered histogram minutes, counted. */
static void
flush_job(void *arg, int thread, size_t i)
{
	struct reader *r = (struct reader *)arg + i;

	(void)thread;
	qa_dur_drain(r);
	qa_groups_flush(&r->p->groups);
}
/* A plain regular file large enough to split: its size, else 0. */
static uint64_t
splittable(const char *path, int threads)
{
	struct stat st;
	unsigned char m[2];
	int fd;
	ssize_t n;

	if (threads < 2 || strcmp(path, "-") == 0)
		return 0;
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0)
		return 0;
	n = read(fd, m, 2);
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode) ||
	    st.st_size < SPLIT_MIN || (n == 2 && m[0] == 0x1f && m[1] == 0x8b)) {
		close(fd);
		return 0;
	}
	close(fd);
	return (uint64_t)st.st_size;
}

int
qa_scan(struct qa_opts *o, struct qa_part *main_part)
{
	int nt = o->threads < 1 ? 1 : o->threads;
	struct qa_part *parts = calloc((size_t)nt, sizeof(*parts));
	struct reader *rs = calloc((size_t)nt, sizeof(*rs));
	struct progress pg;
	int rc = 0;

	if (parts == NULL || rs == NULL)
		err(71, "calloc");
	qa_row_time_init();
	memcpy(qa_cols, bbt_order_cols, sizeof(bbt_order_cols));
	memcpy(qa_cols + BBT_O_NCOLS, bbt_order_xcols, sizeof(bbt_order_xcols));
	memset(&pg, 0, sizeof(pg));
	pg.on = o->progress;
	for (int f = 0; f < o->nfiles; f++) {
		struct stat st;
		if (stat(o->files[f], &st) == 0 && S_ISREG(st.st_mode))
			pg.total += (uint64_t)st.st_size;
	}
	pg.next_ms = bbt_mono_ms() + 500;
	for (int i = 0; i < nt; i++) {
		rs[i].o = o;
		rs[i].p = i == 0 ? main_part : &parts[i];
		/* The budget is the run's: each reader has its share. */
		rs[i].p->ev_budget = o->memory / (size_t)nt ?
		    o->memory / (size_t)nt : 1;
		rs[i].prog = &pg;
		rs[i].printer = i == 0;
		rs[i].key_col = -1;
		if (o->nby == 1 && !o->month_dim)
			rs[i].key_col = o->by[0] == QA_D_TECH ? BBT_O_TECH :
			    o->by[0] == QA_D_TEAM ? BBT_O_TEAM :
			    o->by[0] == QA_D_AREA ? BBT_O_AREA :
			    o->by[0] == QA_D_FAULT ? BBT_O_FAULT :
			    o->by[0] == QA_D_SIDE ? BBT_O_SIDE : -1;
	}
	for (int f = 0; f < o->nfiles && !main_part->fatal; f++) {
		const char *path = o->files[f];
		struct ranges rg = { .path = path };
		int n;

		rg.size = splittable(path, nt);
		/* The header once for all ranges; CSV, or a line over 1 MiB
		 * before the header, is read by one thread (lib/table.h). */
		if (rg.size && ((rg.head = qa_table_open(path, 1)) == NULL ||
		    !bbt_table_splittable(rg.head)))
			rg.size = 0;
		rg.n = 1;
		if (rg.size) {
			uint64_t k = (rg.size + RANGE_MAX - 1) / RANGE_MAX;

			if (k < 4 * (uint64_t)nt)
				k = 4 * (uint64_t)nt;
			if (k > rg.size / RANGE_MIN)
				k = rg.size / RANGE_MIN;
			rg.n = k < 1 ? 1 : k > INT_MAX ? INT_MAX : (int)k;
		}
		if ((rg.lines = calloc((size_t)rg.n, sizeof(*rg.lines))) ==
		    NULL)
			err(71, "calloc");
		for (int i = 0; i < nt; i++)
			rs[i].rg = &rg;
		n = qa_par(nt, (size_t)rg.n, range_job, rs);
		qa_par(n, (size_t)n, flush_job, rs);
		qa_bad_collect(o, main_part, rs, n, &rg);
		free(rg.lines);
		bbt_table_close(rg.head);
		for (int i = 1; i < n; i++)
			main_part->ioerr |= parts[i].ioerr;
		if (o->strict && main_part->bad)
			main_part->fatal = 1;
	}
	if (pg.on)
		progress_show(&pg, 1);
	for (int i = 1; i < nt; i++) {
		qa_part_merge(main_part, &parts[i], nt);
		qa_part_free(&parts[i]);
	}
	free(parts);
	free(rs);
	if (main_part->ioerr)
		rc = main_part->ioerr & 1 ? -1 : -2;
	return rc;
}
