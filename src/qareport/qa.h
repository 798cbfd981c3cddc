/* SPDX-License-Identifier: MIT */
/*
 * qareport internals: options, the per-group aggregates (exact counters
 * and minute histograms), the events behind the window KPIs, and the
 * report rows computed from them.
 */
#ifndef QAREPORT_QA_H
#define QAREPORT_QA_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "lib/opts.h"

/* Grouping dimensions (--by). */
enum qa_dim { QA_D_TECH, QA_D_TEAM, QA_D_AREA, QA_D_ZONE, QA_D_KIND,
	QA_D_MONTH, QA_D_FAULT, QA_D_SIDE, QA_D_N };
#define QA_MAXDIMS	QA_D_N

enum qa_fmt { QA_FMT_TSV, QA_FMT_TEXT, QA_FMT_JSON, QA_FMT_HTML };

/* Counters of one group. Rates are NUM/DEN pairs; see man/qareport.1. */
enum qa_ctr {
	QA_C_ORDERS, QA_C_REPAIRS, QA_C_INSTALLS,
	QA_C_RESTORED, QA_C_REP_TIMELY, QA_C_REP_SUM,	/* minutes */
	QA_C_INST_DONE, QA_C_INST_TIMELY, QA_C_INST_SUM,
	QA_C_VISITS, QA_C_ONTIME, QA_C_EARLY,
	QA_C_KEPT_DEN, QA_C_KEPT_NUM,
	QA_C_NEW_DEN, QA_C_NEW_NUM,
	QA_C_REPEAT_NUM,
	QA_C_FTF_NUM,
	QA_C_RESCH, QA_C_RESCH_OK,
	QA_C_NOANS, QA_C_NOANS_OK,
	QA_C_CLOSED, QA_C_CALLBACK,
	QA_C_RATED, QA_C_SATISFIED,
	QA_C_OPEN,		/* work in progress: not closed */
	/* Acceptance tests (visitnote --acceptance): orders with a
	 * verdict and those passed; orders with the download measured
	 * against a plan and those at QA_SLOW_RATIO of it or more. */
	QA_C_ACC_DEN, QA_C_ACC_PASS,
	QA_C_SPEED_DEN, QA_C_SPEED_OK,
	/* Avoidable visits: customer-account faults (side cust_account)
	 * closed with a visit; shown in the Pareto section. */
	QA_C_AVOIDABLE,
	QA_C_N
};

/* domain.md, slow_speed: below 80 % of the plan is slow. As a fraction
 * NUM/DEN, so that the comparison is exact on decimal rates. */
#define QA_SLOW_NUM	4
#define QA_SLOW_DEN	5

/*
 * Order kinds as qareport counts them: lib/order's three (same values),
 * and the orders the manual has no KPI of their own for. A leased-line
 * installation (专线安装) is an install unless --kind-map says otherwise.
 */
enum qa_kind { QA_KIND_INSTALL, QA_KIND_MOVE, QA_KIND_REPAIR,
	QA_KIND_COMPLAINT, QA_KIND_INSPECTION, QA_KIND_OTHER, QA_KIND_N };
/* lib/order's outcomes, and an order still open. */
#define QA_OUT_OPEN	4

/* A --kind-map entry: a kind word of the logs and what it counts as. */
struct qa_kmap {
	const char	*word;
	int		 kind;
};

/* Rows with a kind or outcome word not known: one entry per word. */
struct qa_unknown {
	int		 what;		/* 0 kind, 1 outcome */
	char		*value;
	char		*file;		/* its first row */
	unsigned long	 line;
	int		 range;
	int64_t		 n;
};
#define QA_UNKNOWN_MAX	32		/* words listed; more are counted */

/* Exact duration distributions: minute -> count, open addressing. */
enum { QA_H_REPAIR, QA_H_INSTALL, QA_H_N };
struct qa_hent {
	uint32_t	 k;		/* minute + 1; 0 = empty slot */
	uint64_t	 c;
};
/*
 * An entry of a histogram: 8 bytes, not the 16 of struct qa_hent, as the
 * histograms of a few hundred groups were most of the memory once the
 * events went to events.c. A count past 2^32 - 1 keeps that in the entry
 * and the rest in big[] (never seen on real data, kept exact).
 */
struct qa_hslot {
	uint32_t	 k;		/* minute + 1 */
	uint32_t	 c;
};
struct qa_hist {
	struct qa_hslot	*e;		/* sorted by k, distinct */
	uint32_t	 n, cap;
	uint64_t	 total;
	struct qa_hent	*big;		/* c: the count past UINT32_MAX */
	uint32_t	 nbig;
	/* Minutes not yet counted (qa_hist_push): appending is
	 * sequential, and a batch is counted by one merge. */
	uint32_t	*raw;
	uint32_t	 nraw, rawcap;
};

struct qa_agg {
	int64_t		 c[QA_C_N];
	struct qa_hist	 h[QA_H_N];
};

struct qa_group {
	char		*key;		/* dims NUL-terminated, concatenated */
	uint32_t	 klen;
	uint32_t	 hash;
	struct qa_agg	 a;
};

struct qa_groups {
	struct qa_group	*g;
	size_t		 n, cap;
	uint32_t	*slot;		/* index + 1; 0 = empty */
	size_t		 nslot;
};

/*
 * One repair or install of an account, for the window KPIs. Times are
 * minutes + QA_TBIAS (0 = unknown); gf = internal group index << 8 |
 * flags (group QA_NOGROUP when the row is outside the period).
 */
struct qa_ev {
	uint32_t	 a;		/* repair: accepted */
	uint32_t	 c;		/* completed (restored / installed) */
	uint32_t	 gf;
};
#define QA_TBIAS	40000000LL	/* minutes: 1900 is -36.8 M */
#define QA_NOGROUP	0xffffffu
enum {
	QA_EV_REPAIR	= 1 << 0,
	QA_EV_RESTORED	= 1 << 1,	/* repair done, completed known */
	QA_EV_ONEVISIT	= 1 << 2,	/* visits <= 1 (or unknown) */
	QA_EV_INSTDONE	= 1 << 3,	/* install/move done, completed known */
	QA_EV_KEPT	= 1 << 4,	/* install/move with an appointment */
	QA_EV_ONTIME	= 1 << 5,	/* ... and arrived on time */
};

/* A reader's events, by account partition (events.c). */
struct qa_evstore;

/* An open repair or install for --open. */
struct qa_openord {
	char		*id, *account, *tech;	/* NULL: none */
	char		*key;		/* its --by key, or NULL */
	uint32_t	 klen;
	uint32_t	 acc;		/* accepted, minutes + QA_TBIAS; 0 */
	uint8_t		 kind, zone;
};

/* A bad row kept for the stderr listing. */
struct qa_bad {
	char		*file;
	unsigned long	 line;		/* within its range */
	int		 range;		/* for threads: added up later */
	char		*reason;
};

/* Everything one reader (thread) accumulates. */
struct qa_part {
	struct qa_groups	 groups;
	/* The first is this part's own unless it has a map; the others
	 * came from merged parts (qa_part_merge). */
	struct qa_evstore	**ev;
	int			 nev;
	struct qa_evstore	*own;		/* events are added to */
	size_t			 ev_budget;	/* bytes; 0 = the default */
	size_t			 naccounts;	/* seen by qa_windows */
	/* Event bytes that went through temporary files (qa_windows). */
	uint64_t		 spilled;
	int64_t			 bad;
	struct qa_bad		*bads;	/* the first --errors of them */
	size_t			 nbads;
	struct qa_openord	*opens;	/* --open */
	size_t			 nopens, capopens;
	uint32_t		 max_acc;	/* the latest accepted time */
	struct qa_unknown	*unk;	/* unknown kind/outcome words */
	size_t			 nunk;
	int64_t			 unk_more;	/* rows of words not listed */
	int			 fatal;	/* --strict hit, or an I/O error */
	int			 ioerr;
};

struct qa_opts {
	struct bbt_common common;
	enum qa_fmt	 fmt;
	enum qa_dim	 by[QA_MAXDIMS];
	int		 nby;
	int		 by_set;	/* --by given (--open groups then) */
	/* The internal group key is the --by values, plus the month when
	 * month_dim (for html and partials; the rest rolls up). */
	int		 month_dim;
	int		 period_completed;	/* else accepted */
	int64_t		 from, to;		/* minutes, INT64_MIN/MAX */
	/* limits and windows, minutes */
	int64_t		 rep_town, rep_rural, inst_town, inst_rural;
	int64_t		 early, notice, wait;
	int64_t		 repeat_win, newfault_win, kept_win, ftf_win;
	double		 target[64];		/* NAN = none */
	int		 strict;
	long		 errors;		/* bad rows listed */
	int		 threads;
	int		 partial, merge;
	int		 shard_k, shard_n;		/* 0/0 = none */
	int		 progress;		/* -1 auto */
	char		**files;
	int		 nfiles;
	/* --memory: event bytes a reader keeps before spilling. */
	size_t		 memory;
	const char	*config;		/* for --partial, see state.c */
	struct qa_kmap	*kmap;			/* --kind-map */
	int		 nkmap;
	/* --open: list the open orders at now (minutes + QA_TBIAS; 0:
	 * the clock's), warning warn_before minutes ahead. */
	int		 open_list;
	int64_t		 now, warn_before;
	int64_t		 min_n;		/* --min-n: html rankings */
};

/* The KPI columns of the report. */
enum qa_kpi_kind { QA_K_COUNT, QA_K_PCT, QA_K_HOURS };
struct qa_kpi {
	const char	*id;		/* tsv/json column name */
	const char	*label;		/* text/html header, translated */
	enum qa_kpi_kind kind;
	int		 num, den;	/* counters (QA_K_PCT, mean) */
	int		 hist;		/* QA_K_HOURS: -1 mean, else hist */
	double		 quant;		/* 0.5, 0.9; 0 for the mean */
	int		 higher_better;
	double		 def_target;	/* NAN = none */
};
extern const struct qa_kpi qa_kpis[];
extern const size_t qa_nkpis;
extern const char *const qa_dim_names[QA_D_N];

/* A computed report row. */
struct qa_row {
	const struct qa_group *g;	/* its key: g->key */
	int		 total;
	double		 v[64];		/* NAN = no denominator */
	unsigned char	 missed[64];
};

/* args.c */
int	 qareport_parse_args(int, char **, struct qa_opts *, unsigned);
void	 qareport_free_opts(struct qa_opts *);
int	 qa_kpi_find(const char *);
/* Index of the month in the internal group key, or -1. */
int	 qa_month_index(const struct qa_opts *);

/* agg.c */
void	 qa_hist_add(struct qa_hist *, uint32_t minute, uint64_t n);
void	 qa_hist_merge(struct qa_hist *, const struct qa_hist *);
void	 qa_hist_push(struct qa_hist *, uint32_t minute);
void	 qa_hist_flush(struct qa_hist *);
void	 qa_groups_flush(struct qa_groups *);
double	 qa_hist_quantile(const struct qa_hist *, double p);
double	 qa_hist_quantile_sorted(const struct qa_hist *,
	    const struct qa_hent *, double p);
void	 qa_hist_free(struct qa_hist *);
/* The entries sorted by minute (malloc'd array of h->n). */
struct qa_hent *qa_hist_sorted(const struct qa_hist *);
void	 qa_agg_merge(struct qa_agg *, const struct qa_agg *);
/* The n aggregates s[] into d (a roll-up), each histogram in one merge. */
void	 qa_agg_merge_many(struct qa_agg *d, const struct qa_agg *const *s,
	    size_t n);
/* calloc(3) and realloc(3) of n * sz bytes, or exit 71. */
void	*qa_xcalloc(size_t n, size_t sz);
void	*qa_xrealloc(void *, size_t n, size_t sz);
uint32_t qa_hash(const void *, size_t);
struct qa_group *qa_groups_get(struct qa_groups *, const char *key,
	    size_t klen, uint32_t hash, uint32_t *idx);
void	 qa_groups_free(struct qa_groups *);
/* Sorted by key bytes: an array of pointers (malloc'd). */
struct qa_group **qa_groups_sorted(const struct qa_groups *);
/* Merges src into dst: groups are added up (on nth threads), src's
 * event stores are taken over as they are (qa_events_merge); src is
 * emptied. */
int	 qa_part_merge(struct qa_part *dst, struct qa_part *src, int nth);
void	 qa_part_free(struct qa_part *);
/* key bytes projected on the dims sel[] of the internal key. */
size_t	 qa_key_project(const char *key, const int *sel, int nsel,
	    char *out, size_t cap);

/* events.c */
/*
 * The partition and the account table's slot come from one hash of the
 * name, taken per event by the readers and by the windows:
 * eight bytes at a time (qa_hash's FNV-1a is a multiply a byte), then
 * mixed as splitmix64 does so that the top bits (the partition) and the
 * low ones (the slot) are both well spread.
 */
static inline uint32_t
qa_name_hash(const void *p, size_t n)
{
	const unsigned char *s = p;
	uint64_t h = 0x9e3779b97f4a7c15ULL ^ n, w;

	for (; n >= 8; s += 8, n -= 8) {
		memcpy(&w, s, 8);
		h = (h ^ w) * 0xff51afd7ed558ccdULL;
		h ^= h >> 32;
	}
	if (n > 0) {
		w = 0;
		memcpy(&w, s, n);
		h = (h ^ w) * 0xc4ceb9fe1a85ec53ULL;
	}
	h ^= h >> 30;
	h *= 0xbf58476d1ce4e5b9ULL;
	h ^= h >> 27;
	h *= 0x94d049bb133111ebULL;
	h ^= h >> 31;
	return (uint32_t)h;
}

/* One event of an account (name: len bytes, not NUL-terminated; h: its
 * qa_name_hash). */
void	 qa_events_add(struct qa_part *, const char *name, size_t len,
	    uint32_t h, const struct qa_ev *);
/* src's stores into dst, their groups renumbered through map. */
void	 qa_events_merge(struct qa_part *dst, struct qa_part *src,
	    const uint32_t *map);
/* How often the stores went to their temporary files (tests). */
unsigned qa_events_spills(const struct qa_part *);
void	 qa_events_free(struct qa_part *);
/* windows.c: evaluates the window KPIs of every account into the
 * groups, then frees the events. */
void	 qa_windows(struct qa_part *, const struct qa_opts *);

/* par.c: fn(arg, thread, i) for every i < n, on up to nth threads
 * (thread 0 is the caller's); returns how many ran. */
#define QA_MAXTHREADS	64
int	 qa_par(int nth, size_t n, void (*fn)(void *, int, size_t),
	    void *arg);

/* kinds.c */
/* The kind of a kind word (--kind-map first), or -1. */
int	 qa_kind_word(const struct qa_opts *, const char *s, size_t n);
int	 qa_outcome_word(const char *s, size_t n);
const char *qa_kind_name(int);
int	 qa_kind_parse_map(struct qa_opts *, const char *arg);
/* Counts a row with an unknown word in list u (*n entries). */
void	 qa_unknown_add(struct qa_unknown **u, size_t *n, int64_t *more,
	    int what, const char *value, const char *file, unsigned long line,
	    int range);
/* Moves the entries of src into dst (line numbers already absolute). */
void	 qa_unknown_merge(struct qa_part *dst, struct qa_unknown *src,
	    size_t n, int64_t more);
/* Prints one line per word; the number of rows concerned. */
int64_t	 qa_unknown_report(const struct qa_part *);
void	 qa_unknown_free(struct qa_unknown *, size_t);

/* open.c */
void	 qa_open_add(struct qa_part *, const char *id, size_t idlen,
	    const char *account, size_t alen, const char *tech, size_t tlen,
	    const char *key, size_t klen, uint32_t acc, int kind, int zone);
/* Moves src's open orders into dst. */
void	 qa_open_merge(struct qa_part *dst, struct qa_part *src);
/* Prints the list in o->fmt; 0, 1 (one within --warn-before) or 64
 * (--now is before the data). */
int	 qa_open_print(FILE *, const struct qa_opts *, struct qa_part *);
void	 qa_open_free(struct qa_part *);

/* scan.c */
int	 qa_scan(struct qa_opts *, struct qa_part *);
/* row.c: the hash that cuts --shard (FNV-1a 64, see qareport(1)). */
uint64_t qa_account_hash(const char *, size_t);

/* state.c */
int	 qa_state_write(FILE *, const struct qa_opts *, const struct qa_part *);
int	 qa_state_read(struct qa_opts *, struct qa_part *);
char	*qa_config_string(const struct qa_opts *);

/* report.c */
int	 qa_report(const struct qa_opts *, struct qa_part *);
void	 qa_row_compute(const struct qa_opts *, const struct qa_agg *,
	    struct qa_row *);
void	 qa_fmt_value(const struct qa_kpi *, double, int human, char *,
	    size_t);

/* html.c */
int	 qa_html(FILE *, const struct qa_opts *, struct qa_row *rows,
	    size_t nrows, struct qa_row *months, size_t nmonths,
	    const struct qa_part *);

#endif
