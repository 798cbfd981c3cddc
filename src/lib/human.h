/* SPDX-License-Identifier: MIT */
/*
 * The terminal view of the check tools (linecheck, pppoe-probe): the
 * same check records, read for a technician. Checks are grouped by layer
 * (link, addresses, gateway, DNS ... or discovery, session, LCP ...), one
 * line per fact with units, a verdict per layer, and the root cause on
 * top ("Gateway unreachable: the other checks were skipped", from the
 * after= of the skipped checks). In the locale's language, at most 80
 * display columns. A check it does not know gets a generic line, so new
 * checks show up without a change here.
 *
 * Records stay the interface for scripts: pipes, tsv, json, and the
 * aligned "records" format on a terminal.
 */
#ifndef BBT_HUMAN_H
#define BBT_HUMAN_H

#include <stdio.h>

#include "lib/checks.h"

#define BBT_HUMAN_COLS	80

/* Writes the view of c to fp, coloured by status when color is set.
 * Returns -1 on a write error. */
int	bbt_human_write(const struct bbt_checks *c, FILE *fp, int color);

#endif
