/* SPDX-License-Identifier: MIT */
/*
 * The event stores of the readers (events.c), read back from their
 * temporary files (evload.c) by the window KPIs (windows.c). See
 * events.c for the record layout.
 */
#ifndef QAREPORT_EVSTORE_H
#define QAREPORT_EVSTORE_H

#include <pthread.h>
#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/uio.h>

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

/* Temporary file errors end the run (exit 74), one message. */
void __attribute__((noreturn, format(printf, 2, 3)))
	 qa_die_tmp(int e, const char *fmt, ...);
/* n bytes at a DIO_ALIGN boundary. */
void	*qa_dio_alloc(size_t n);
/* Reading is over: the store's writes are done, their buffers freed. */
void	 qa_store_settle(struct qa_evstore *);

/* evload.c: the spilled partitions of a part, read back ahead of the
 * window threads. */
struct qa_loader;
struct qa_loader *qa_loader_start(struct qa_part *, int nth, size_t memory);
void	 qa_loader_end(struct qa_loader *);
/* A spilled segment in a loader's buffer: where it is in the file and
 * in the buffer. */
struct lseg {
	uint64_t	 off;
	size_t		 len, padded;	/* records, and what was read */
	size_t		 at;		/* in the slot's buffer */
	int		 store;
};
/*
 * Waits until partition k is in memory: its segments, store by store
 * (p->ev order) and in spill order within each, are (*seg)[i] from
 * i = 0 on, at buf + (*seg)[i].at. qa_loader_done() gives them back.
 */
const unsigned char *qa_loader_wait(struct qa_loader *, int k,
	    const struct lseg **seg);
void	 qa_loader_done(struct qa_loader *, int k);

#endif
