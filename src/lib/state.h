/* SPDX-License-Identifier: MIT */
/*
 * Status words and exit codes shared by every command.
 *
 * Check tools (linecheck, pppoe-probe) exit with the monitoring-plugin
 * codes 0..3; filters (bbdiag, visitnote, qareport) exit 0, 1 for a
 * predicate their man page defines, or a sysexits(3) code.
 */
#ifndef BBT_STATE_H
#define BBT_STATE_H

#include <sysexits.h>

enum bbt_state {
	BBT_OK = 0,
	BBT_WARNING = 1,
	BBT_CRITICAL = 2,
	BBT_UNKNOWN = 3,
	/* Not exit codes: a check that did not run, or a plain fact. */
	BBT_SKIPPED = 4,
	BBT_INFO = 5,
};

#define BBT_NSTATES 6

/* Worst-of for exit codes: OK < UNKNOWN < WARNING < CRITICAL.
 * SKIPPED and INFO rank as OK. */
enum bbt_state	bbt_state_worst(enum bbt_state, enum bbt_state);
/* "ok", "warning", "critical", "unknown", "skipped", "info" */
const char	*bbt_state_name(enum bbt_state);
/* The upper-case word for monitoring summaries: "OK", "WARNING", ... */
const char	*bbt_state_upper(enum bbt_state);
/* Parses a lower-case status word; -1 when it is none of them. */
int		 bbt_state_parse(const char *, enum bbt_state *);
/* The exit code for a state: 0..3 (SKIPPED and INFO give 0). */
int		 bbt_state_exit(enum bbt_state);

#endif
