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
 * Spilled segments go through the page cache, written by the reader
 * itself. O_DIRECT with 4 KB padding and a writer thread filling a
 * second set of buffers did not pay: on 1 M rows with --memory=4M it
 * took 281 ms of CPU and 552 ms of wall time against 260 and 433
 * (medians of 9 alternated runs), and the same at 16M.
 */
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
