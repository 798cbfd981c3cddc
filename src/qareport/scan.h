/* SPDX-License-Identifier: MIT */
/*
 * The readers of qa_scan (scan.c) and what they keep per thread: the
 * caches that make a row cheap (times: rowtime.c, groups: rowgroup.c),
 * the row being read (row.c) and the bad rows found (badrows.c).
 */
#ifndef QAREPORT_SCAN_H
#define QAREPORT_SCAN_H

#include <stdatomic.h>
#include <stdint.h>
#include <string.h>

#include "lib/order.h"
#include "lib/table.h"
#include "qareport/qa.h"

/*
 * Local days whose offset from UTC is the same all day (no DST change):
 * offset in minutes, or DC_MIXED; looked up by day number.
 */
#define DCACHE		1024
#define DC_EMPTY	INT32_MIN
#define DC_MIXED	(INT32_MIN + 1)
struct dcache {
	int32_t	 day;
	int32_t	 off;
};

/*
 * Dates seen lately (the words "YYYY-MM-" and "DD HH:MM", hour and
 * minute masked out) with their first minute in UTC + QA_TBIAS: the
 * five times of an order fall on a day or two, so most times need only
 * their "HH:MM" read.
 */
#define TCACHE		64
struct tcache {
	uint64_t	 a;		/* "YYYY-MM-"; 0: empty */
	uint64_t	 b;		/* "DD ", ':', the rest zero */
	uint32_t	 base;		/* the day's first minute + QA_TBIAS */
};

/* Months seen lately, [lo, hi) in minutes + QA_TBIAS: rows near a month
 * end take turns between two, and a month computed again was three
 * snprintf(3) and two parses. */
#define MCACHE		4
struct mcache {
	int64_t		 lo, hi;
	char		 name[8];
};

struct progress {
	int		 on;
	uint64_t	 total;
	_Atomic uint64_t done;
	int64_t		 next_ms;
	int		 printed;
};

/* Direct-mapped. Rows that missed (then a hash probe) with 1024 slots:
 * 8 % for 500 technicians, 66 % for 3000 (a province); with 4096: 0.7
 * and 12 %. A slot costs cache only once a key lands in it. */
#define GCACHE_BITS	12
struct gcache {
	uint64_t	 w0, w1;	/* the key, zero-padded */
	uint32_t	 klen;		/* 0: empty */
	uint32_t	 gi;
};

/* The file being read: its ranges, taken by the threads in order. */
struct ranges {
	const char	*path;
	uint64_t	 size;		/* 0: not split, one range */
	struct bbt_table *head;		/* read up to the header, when split */
	int		 n;
	_Atomic int	 next;
	_Atomic int	 stop;		/* --strict and a bad row seen */
	unsigned long	*lines;		/* lines of each range */
};

/*
 * Durations for the group histograms, in the order of the rows. Each
 * of hundreds of histograms appends to a buffer of its own: from the
 * row, among its other work, that store to a line rarely in the cache
 * cost 0.13 s of 2.3 on 10 M rows. A loop over this buffer does the
 * appends, DUR_N at a time (qa_dur_drain).
 */
#define DUR_N		4096
struct qa_dur {
	uint32_t	 gh;		/* group << 1 | histogram */
	uint32_t	 minute;
};

struct reader {
	struct gcache	 gc[1 << GCACHE_BITS];
	struct qa_dur	 dur[DUR_N];
	size_t		 ndur;
	struct qa_opts	*o;
	struct qa_part	*p;
	struct ranges	*rg;
	int		 range;		/* the one being read */
	struct progress	*prog;
	int		 printer;
	struct dcache	 dc[DCACHE];
	struct tcache	 tc[TCACHE];
	int		 y_num;		/* the year of y_day, its Jan 1 */
	int		 y_leap;
	int		 key_col;	/* the key is this column's value, or -1 */
	int64_t		 y_day;
	struct mcache	 mc[MCACHE];
	unsigned	 mc_next;	/* the entry to fill next */
	char		 m_name[8];	/* the month being made, or one not cached */
	/* bad rows of this file, line numbers within the range */
	struct qa_bad	*bads;
	size_t		 nbads;
	int64_t		 nbad;
	/* unknown kind and outcome words of this file, and the row's */
	struct qa_unknown *unk;
	size_t		 nunk;
	int64_t		 unk_more;
	const char	*unk_word[2];
	char		 key[1024];	/* the row's group key */
};

/* The times of an order, in the columns' order. */
enum { T_ACC, T_APPT, T_NOTIF, T_RESCH, T_ARR, T_LEFT, T_COMP, T_N };

/*
 * A row's values, read and checked (row.c), with what follows from
 * them: everything the counters and the event of the row need.
 */
/* The schema: the order columns, then the acceptance fields. */
#define QA_NCOLS	(BBT_O_NCOLS + BBT_OX_NCOLS)
#define QA_X(c)		(BBT_O_NCOLS + (c))

struct order_row {
	const char	*acct;		/* NULL: none; not terminated */
	size_t		 acct_len;
	int		 kind, outcome, zone;
	int		 called, note, callback, rating, visits;
	int		 accept;	/* 1 pass, 0 fail, -1 none */
	/* Measured and subscribed download, millionths of Mbit/s; -1
	 * none. */
	int64_t		 down, plan_down;
	uint32_t	 t[T_N];	/* minutes + QA_TBIAS; 0: none */
	uint32_t	 period;	/* the time the row is dated by */
	uint32_t	 appt;		/* the appointment kept to */
	int		 open, counted, ontime;
	int		 avoidable;	/* cust_account, closed with a visit */
};

/* A value as a C string, for messages and lib/order's other spellings:
 * the byte after it, its tab, becomes a NUL (bbt_raw_get). */
static inline const char *
zs(struct bbt_field f)
{
	((char *)(uintptr_t)f.s)[f.len] = '\0';
	return f.s;
}

/* The date cache's slot of a time: by the day's digits, 0-3 and 0-9. */
static inline unsigned
qa_tcache_slot(const char *s)
{
	return (unsigned)(s[8] & 3) << 4 | (unsigned)(s[9] & 15);
}
#define TM_FIX_B	0x0000ff0000ffffffULL	/* "DD " and ':' of word b */

/*
 * "HH" and "MM" read as one 16-bit word each (first digit in the low
 * byte): the hour's first minute, the minute, or TM_BAD when the two
 * bytes are not such a number (rowtime.c fills them).
 */
#define TM_BAD		0x8000u
extern uint16_t	 qa_tm_hour[1 << 16], qa_tm_min[1 << 16];
void	 qa_row_time_init(void);

/* rowtime.c: any time, the cache filled: 0, or -1 when not a time. */
int	 qa_row_time_parse(struct reader *, const struct bbt_field *,
	    uint32_t *out);
/* The local "YYYY-MM" of a time (+ QA_TBIAS), "-" for 0. */
const char *qa_row_month(struct reader *, uint32_t t);

/*
 * A time to the minute (+ QA_TBIAS) in *out; -1 when it is not one.
 * Inline as an order has seven: one of a day in the date cache (its
 * first 11 bytes and the ':' compared as two words) needs only its
 * "HH:MM" read.
 */
static inline int
qa_row_time(struct reader *r, const struct bbt_field *f, uint32_t *out)
{
	const char *s = f->s;
	const struct tcache *tc;
	uint64_t a, b;
	unsigned h, m;

	if (f->len != 16)
		return qa_row_time_parse(r, f, out);
	memcpy(&a, s, 8);
	memcpy(&b, s + 8, 8);
	tc = &r->tc[qa_tcache_slot(s)];
	/* Tables, not the four digits checked and combined: 17 of the
	 * 47 instructions of a time, and an order has four or five. */
	h = qa_tm_hour[(b >> 24) & 0xffff];
	m = qa_tm_min[b >> 48];
	if (tc->a != a || tc->b != (b & TM_FIX_B) || ((h | m) & TM_BAD))
		return qa_row_time_parse(r, f, out);
	*out = tc->base + h + m;
	return 0;
}

/* rowgroup.c */
/*
 * The group of a key. Keys of up to 16 bytes (a technician, a team, a
 * month) are two words: a direct-mapped cache of them answers without
 * hashing bytes or comparing through memcmp(3), which with the probe
 * was an eighth of the run time.
 */
static inline struct gcache *
gcache_at(struct reader *r, uint64_t w0, uint64_t w1, size_t kl)
{
	return &r->gc[((w0 * 0x9e3779b97f4a7c15ULL) ^
	    (w1 * 0xc2b2ae3d27d4eb4fULL) ^ kl) >> (64 - GCACHE_BITS)];
}

/* The group of slot c if it holds the key (kl, w0, w1), or -1. */
static inline int64_t
gcache_hit(const struct gcache *c, size_t kl, uint64_t w0, uint64_t w1)
{
	return c->klen == kl && c->w0 == w0 && c->w1 == w1 ? (int64_t)c->gi : -1;
}

/*
 * The cached group of a key that is one column's value of 1 to 15
 * bytes, or -1. The value is read as two zero-padded words by loads
 * that stay inside it (a short value is two overlapping loads), not
 * copied into a key as qa_row_key() does.
 */
static inline int64_t
gcache_value(struct reader *r, const char *s, size_t n)
{
	uint64_t w0 = 0, w1 = 0, x;
	uint32_t u, v;

	if (n >= 8) {
		memcpy(&w0, s, 8);
		memcpy(&x, s + n - 8, 8);
		w1 = n == 8 ? 0 : x >> (8 * (16 - n));
	} else if (n >= 4) {
		memcpy(&u, s, 4);
		memcpy(&v, s + n - 4, 4);
		w0 = u | (uint64_t)v << (8 * (n - 4));
	} else {
		for (size_t i = 0; i < n; i++)
			w0 |= (uint64_t)(unsigned char)s[i] << (8 * i);
	}
	return gcache_hit(gcache_at(r, w0, w1, n + 1), n + 1, w0, w1);
}

/* The group key of a row: its length, or -1 when too long. */
long	 qa_row_key(struct reader *, const struct bbt_rawrow *, int kind,
	    int zone, uint32_t period, char *key, size_t keysz);
/* The group of a built key (added when new), its index in *gi. */
struct qa_group *qa_group_of(struct reader *, const char *key, size_t kl,
	    uint32_t *gi);

/* The buffered durations into their histograms (qa_hist_push). */
void	 qa_dur_drain(struct reader *);

/* row.c */
/* One row: 0 = counted or filtered out, -1 = a bad row (why). */
int	 qa_row_do(struct reader *, const struct bbt_rawrow *, char *why,
	    size_t whysz);

/* badrows.c */
void	 qa_bad_add(struct reader *, const char *file, unsigned long line,
	    const char *reason);
/* Moves a file's bad rows and unknown words from the readers into p. */
void	 qa_bad_collect(struct qa_opts *, struct qa_part *, struct reader *,
	    int nr, const struct ranges *);

#endif
