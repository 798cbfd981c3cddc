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

#include "qareport/qa.h"

#define QA_NP		256		/* partitions */
/*
 * Spilled segments bypass the page cache (O_DIRECT) when they are
 * large. A page the kernel takes for a new file has often not been
 * touched for a while, and the first write to it is slow: 195 MB of
 * spills took 0.27 to 0.36 s of CPU in copies to fresh page-cache
 * folios (on the bench's VM), 0.04 s with O_DIRECT. Segments then start
 * at DIRECT_ALIGN in the file and are padded to it: the file is 9 %
 * larger at 64 KB a partition, 23 % at 16 KB. Smaller budgets would pad
 * most of every segment: they keep the page cache, as do file systems
 * without O_DIRECT. A writer thread filling a second set of buffers
 * did not pay.
 */
#define DIRECT_ALIGN	4096
#define DIRECT_MIN	((size_t)16 << 10)	/* per partition */
#define ALIGN_UP(n, a)	(((n) + (a) - 1) / (a) * (a))
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
	size_t		 align;		/* of segments: 1 or DIRECT_ALIGN */
	int		 fd;		/* -1 until the first spill */
	uint64_t	 fend;
	uint64_t	 data;		/* bytes of records in the file */
	char		*dir;		/* of the file, for messages */
	unsigned	 spills;
	/* Group numbers of the part the events were read into, mapped
	 * to the ones of the part they were merged into; NULL: same. */
	uint32_t	*map;
	size_t		 nmap;
};

/* Temporary file errors end the run (exit 74), one message. */
void __attribute__((noreturn, format(printf, 2, 3)))
	 qa_die_tmp(int e, const char *fmt, ...);
/* O_DIRECT off fd, if it was on: 1. */
int	 qa_direct_off(int fd);

/* evload.c: the spilled partitions of a part, read back ahead of the
 * window threads. */
struct qa_loader;
struct qa_loader *qa_loader_start(struct qa_part *, int nth, size_t memory);
void	 qa_loader_end(struct qa_loader *);
/* A spilled segment in a loader's buffer: where it is in the file and
 * in the buffer. */
struct lseg {
	uint64_t	 off;
	size_t		 len;
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
