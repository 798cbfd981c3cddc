/* SPDX-License-Identifier: MIT */
/*
 * The --log writer: one order record per printed note, appended with
 * one write(2) each, so that concurrent visitnotes never interleave.
 */
#ifndef VISITNOTE_LOG_H
#define VISITNOTE_LOG_H

#include <limits.h>
#include <stddef.h>

#include "lib/order.h"

/*
 * The longest record, newline included. The kernel keeps a write of up
 * to PIPE_BUF bytes whole on a pipe (`--log - | ...`); longer ones may
 * be split by other writers' records. An order record is far shorter:
 * only absurd row values reach this.
 */
#define VN_LOG_MAX	PIPE_BUF

/*
 * The record of vals, malloc'd, its length in *len. NULL with errno
 * ENOMEM, or EMSGSIZE when it is longer than VN_LOG_MAX (*len is then
 * its length).
 */
char	*vn_log_format(const char *const vals[BBT_O_NCOLS], size_t *len);
/* The same with the acceptance fields after checks (lib/order.h). */
char	*vn_log_format_ext(const char *const vals[BBT_O_NCOLS],
	    const char *const x[BBT_OX_NCOLS], size_t *len);
/*
 * Appends the n records to fd. On a write error, the partial record is
 * cut off again (a regular file is truncated back to where it began), so
 * that the next append starts a line of its own; -1 with errno then, and
 * *done is the number of records written whole.
 */
int	vn_log_write(int fd, char *const *recs, const size_t *lens,
	    size_t n, size_t *done);

#endif
