/* SPDX-License-Identifier: MIT */
/*
 * Work orders (工单): the columns of the "order" record and of work-order
 * tables (domain.md section 5), their aliases and their value words.
 * Shared by visitnote (writes) and qareport (reads).
 */
#ifndef BBT_ORDER_H
#define BBT_ORDER_H

#include <stddef.h>
#include <stdio.h>

#include "lib/table.h"

enum bbt_order_col {
	BBT_O_ID,		/* work-order id */
	BBT_O_KIND,		/* install | move | repair */
	BBT_O_SERVICE,		/* broadband | phone | leased (comma list) */
	BBT_O_ACCOUNT,
	BBT_O_AREA,		/* district / area name */
	BBT_O_ZONE,		/* town | rural */
	BBT_O_TECH,
	BBT_O_TEAM,
	BBT_O_ACCEPTED,		/* time the order was accepted (clock start) */
	BBT_O_APPOINTMENT,	/* agreed appointment */
	BBT_O_NOTIFIED,		/* when the customer was told of a delay or
				 * reschedule (R3, R4) */
	BBT_O_RESCHEDULED,	/* the new appointment, when rescheduled */
	BBT_O_ARRIVED,
	BBT_O_LEFT,
	BBT_O_COMPLETED,	/* restored (repair) or completed (install) */
	BBT_O_OUTCOME,		/* done | no-answer | rescheduled | cancelled */
	BBT_O_CALLED,		/* yes | no: a call attempt when no answer */
	BBT_O_NOTE,		/* yes | no: visit note left */
	BBT_O_FAULT,		/* bbdiag fault id */
	BBT_O_SIDE,		/* responsibility side */
	BBT_O_VISITS,		/* number of visits */
	BBT_O_CALLBACK,		/* yes | no */
	BBT_O_RATING,		/* satisfied | unsatisfied */
	BBT_O_CHECKS,		/* rule checks: "R5=ok,R6=override" */
	BBT_O_NCOLS
};

extern const struct bbt_table_col bbt_order_cols[BBT_O_NCOLS];

/*
 * Optional fields after checks (bbt-record(5)): the acceptance test of
 * an install or repair, written by `visitnote --acceptance --log`.
 * Records written before them end at checks and still parse: readers
 * take the BBT_O_NCOLS fields above as the record and treat a missing
 * trailing field as "-". Rates are Mbit/s.
 */
enum bbt_order_xcol {
	BBT_OX_ACCEPT,		/* pass | fail */
	BBT_OX_SPEED_DOWN,	/* measured download */
	BBT_OX_SPEED_UP,	/* measured upload */
	BBT_OX_PLAN_DOWN,	/* subscribed download */
	BBT_OX_PLAN_UP,		/* subscribed upload */
	BBT_OX_TESTED,		/* time of the tests */
	BBT_OX_NCOLS
};

extern const struct bbt_table_col bbt_order_xcols[BBT_OX_NCOLS];

enum bbt_kind { BBT_KIND_INSTALL, BBT_KIND_MOVE, BBT_KIND_REPAIR };
enum bbt_zone { BBT_ZONE_TOWN, BBT_ZONE_RURAL };
enum bbt_outcome { BBT_OUT_DONE, BBT_OUT_NOANSWER, BBT_OUT_RESCHEDULED,
	BBT_OUT_CANCELLED };

/* Value words, English or Chinese ("repair", "修障", "维修", ...): the enum
 * value, or -1. */
int		 bbt_order_kind(const char *);
int		 bbt_order_zone(const char *);
int		 bbt_order_outcome(const char *);
/* yes/no words (yes, y, 1, true, 是, 有; no, n, 0, false, 否, 无): 1, 0 or -1. */
int		 bbt_order_bool(const char *);
/* satisfied/unsatisfied (满意 / 不满意, and 1-5 scores: >= 4 satisfied):
 * 1, 0 or -1. */
int		 bbt_order_rating(const char *);
const char	*bbt_order_kind_name(int);
const char	*bbt_order_zone_name(int);
const char	*bbt_order_outcome_name(int);

struct bbt_table *bbt_order_open(const char *path);

/*
 * Formats one order record line ("order\t...\n", escaped, "-" for NULL)
 * into a malloc'd buffer so that it can be appended with a single
 * write(2); returns its length in *len, NULL on allocation failure.
 */
char		*bbt_order_format(const char *const vals[BBT_O_NCOLS],
		    size_t *len);
/*
 * The same with the optional trailing fields x[BBT_OX_NCOLS] (NULL or
 * "" as "-"); x NULL writes the record without them, as
 * bbt_order_format() does.
 */
char		*bbt_order_format_ext(const char *const vals[BBT_O_NCOLS],
		    const char *const x[BBT_OX_NCOLS], size_t *len);
/* Appends it to fd (opened O_APPEND) with one write(2); -1 on error. */
int		 bbt_order_append(int fd, const char *const vals[BBT_O_NCOLS]);

#endif
