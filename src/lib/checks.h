/* SPDX-License-Identifier: MIT */
/*
 * Output of the check tools (linecheck, pppoe-probe): a list of check
 * records, their worst status, and the formats those tools share:
 * tsv/text/json (lib/out.h), a monitoring-plugin summary line with
 * perfdata, and a Prometheus textfile-collector exposition.
 */
#ifndef BBT_CHECKS_H
#define BBT_CHECKS_H

#include <stddef.h>
#include <stdio.h>

#include "lib/out.h"
#include "lib/state.h"

enum bbt_check_format {
	BBT_CFMT_TSV = BBT_FMT_TSV,
	BBT_CFMT_TEXT = BBT_FMT_TEXT,
	BBT_CFMT_JSON = BBT_FMT_JSON,
	BBT_CFMT_SUMMARY = 16,
	BBT_CFMT_PROMETHEUS,
	BBT_CFMT_RECORDS,	/* aligned records (text before human.h) */
};

/* One monitoring-plugin perfdata item: 'label'=value[uom];warn;crit;min;max
 * (NAN = empty; a NAN value is written "U", unknown). */
struct bbt_perf {
	char		*suffix;	/* appended to the label, or NULL */
	double		 value, warn, crit, min, max;
	char		 uom[4];	/* "ms", "%", "s", "" */
};

struct bbt_check {
	char		*name;		/* "dns.query" */
	char		*target;	/* "192.0.2.53", NULL = "-" */
	enum bbt_state	 status;
	char		*value;		/* "12.5", NULL = "-" */
	char		*unit;		/* "ms", NULL = "-" */
	char		*detail;	/* key=value items, NULL = "-" */
	struct bbt_perf	*perf;		/* the tool's perfdata, or generic */
	size_t		 nperf;
};

struct bbt_checks {
	struct bbt_check *v;
	size_t		  n, cap;
	char		 *case_id;	/* NULL: no case record */
	const char	 *tool;		/* "linecheck" */
	int		  streaming;	/* write each check as it is added */
	struct bbt_out	 *out;
};

void	bbt_checks_init(struct bbt_checks *, const char *tool);
/* Adds a check (strings copied; printf-style value). */
struct bbt_check *bbt_checks_add(struct bbt_checks *, const char *name,
	    const char *target, enum bbt_state, const char *value,
	    const char *unit, const char *detail);
/*
 * Perfdata of k in the summary line, with the tool's thresholds: label
 * "name_target" plus suffix ("_rta"), value in uom. Without any, a check
 * with a numeric value gets one item without thresholds. -1 on ENOMEM.
 */
int	bbt_check_perf(struct bbt_check *k, const char *suffix, double value,
	    const char *uom, double warn, double crit, double min, double max);
enum bbt_state bbt_checks_worst(const struct bbt_checks *);
/*
 * Writes every check in fmt to fp (a leading "case" record when case_id
 * is set). text is the technician's view (lib/human.h); records the
 * records aligned in columns (lib/out.h's text). The summary line: "LINECHECK CRITICAL - dns.query 192.0.2.53:
 * timeout | name=value;;;; ...", perfdata from checks with a numeric value.
 * Prometheus: bbtools_check_status{tool,name,target} 0..3 and
 * bbtools_check_value{...,unit} for numeric values. Returns -1 on a
 * write error.
 */
int	bbt_checks_write(const struct bbt_checks *, FILE *,
	    enum bbt_check_format, int color);
/* Parses a check-tool --format word; -1 when unknown. */
int	bbt_checks_format_parse(const char *);
void	bbt_checks_free(struct bbt_checks *);

#endif
