/* SPDX-License-Identifier: MIT */
/*
 * The acceptance sheet (验收单 / 施工单) of an install or repair,
 * domain.md 4.1 step 6 and 4.2 steps 6-7: the measured link, optical
 * power, dial-up, browsing and speed against the plan, read from the
 * check records of linecheck and pppoe-probe, each judged by a stated
 * rule, then signed by the customer and the technician.
 */
#ifndef VISITNOTE_ACCEPT_H
#define VISITNOTE_ACCEPT_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "visitnote/note.h"

enum va_item { VA_LINK, VA_OPTICAL, VA_DIALUP, VA_BROWSE, VA_DOWN, VA_UP,
	VA_NITEMS };

/*
 * A line's result. A required value with no record is VA_UNMEASURED and
 * fails the sheet like VA_FAIL; VA_INFO (shown, no rule applies: an
 * upload without an upload plan) and VA_NA (not required: optical power
 * off FTTH) do not.
 */
enum va_state { VA_PASS, VA_FAIL, VA_UNMEASURED, VA_INFO, VA_NA };

/* One record kept from the input, its case an index into cases. */
struct va_rec {
	int	 obs;		/* an obs record, else a check */
	int	 kase;
	char	*name, *target, *status, *value, *detail;	/* "-" = NULL */
};

struct va_recs {
	struct va_rec	*v;
	size_t		 n, cap;
	char		**cases;	/* case ids; 0 is "-", records before any */
	int64_t		*case_time;	/* earliest time of each, or VN_NOTIME */
	size_t		 ncases;
	int		 oom;
};

/* Judging parameters: the options. NAN = not given. */
struct va_params {
	double	 plan_down, plan_up;
	double	 slow_ratio;
	double	 rx_power;
};

struct va_line {
	enum va_state	 st;
	char		 measured[320];	/* in the sheet's language */
	char		 rule[320];
};

struct va_sheet {
	enum vn_lang	 lang;
	const char	*id, *customer, *tech;
	int		 kind;		/* BBT_KIND_*, or -1 */
	int64_t		 tested;
	int		 tested_from_records;
	struct va_line	 line[VA_NITEMS];
	int		 pass;
	/* For the log: measured and plan rates as written, "" = none. */
	char		 down[32], up[32], plan_down[32], plan_up[32];
};

/*
 * Reads the records of path ("-" = stdin) into r. Bad lines are reported
 * (visitnote: file:line: reason) and counted in *bad. 0, or an exit code
 * for an input that cannot be opened (66) or read (74).
 */
int		 va_read(struct va_recs *r, const char *path,
		    unsigned long *bad);
void		 va_recs_free(struct va_recs *);
/*
 * The case to judge: want, or the one named case of the input (records
 * before any case record go with it). -1 with *other set to a second
 * case's id when the input has two and want is NULL; -2 when want is
 * not in the input.
 */
int		 va_pick_case(const struct va_recs *, const char *want,
		    const char **first, const char **other);
/*
 * Judges the records of case k (and of case "-" when k was picked
 * without --case) into s. Returns 0, or -1 when they hold no
 * measurement at all.
 */
int		 va_judge(const struct va_recs *, int k, int with_unnamed,
		    const struct va_params *, struct va_sheet *s);
/* The record word of a state: pass, fail, unmeasured, info, na. */
const char	*va_state_word(enum va_state);
/* The record word of an item: link, optical, dialup, browse, down, up. */
const char	*va_item_word(enum va_item);

/* Writes the sheet as text of width columns (0: a line per paragraph). */
void		 va_text_write(FILE *, const struct va_sheet *, int width);
/* The sheet's strings in its language, for the text and the PDF. */
const char	*va_title(const struct va_sheet *);
const char	*va_label(const struct va_sheet *, enum va_item);
const char	*va_state_text(const struct va_sheet *, enum va_state);
/* "工单号：W1" ... : the header paragraphs; n of them in out[]. */
int		 va_header(const struct va_sheet *, char out[][256], int max);
/* "验收结论：不合格（拨号、下行速率）" */
void		 va_verdict(const struct va_sheet *, char *buf, size_t size);
/* The signature paragraphs, n of them in out[]. */
int		 va_signatures(const struct va_sheet *, char out[][256],
		    int max);

/*
 * Writes the sheet as a one-page A4 PDF to fp. 0, or -1 with *why:
 * cairo's reason, "no CJK font" or NULL when writing failed (errno).
 */
int		 va_pdf_write(FILE *fp, const struct va_sheet *,
		    const char *font, const char **why, const char **family);

#endif
