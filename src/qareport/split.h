/* SPDX-License-Identifier: MIT */
/* TSV field splitting: the SSE2 prototype and lib/table.c's loop. */
#ifndef QAREPORT_SPLIT_H
#define QAREPORT_SPLIT_H

#include <stddef.h>

/* Splits line[0..len) at tabs in place (line[len] is written with a
 * NUL); f gets the fields. Returns their number, -1 past maxf. */
long	qa_split_tsv(char *line, size_t len, char **f, size_t maxf);
long	qa_split_tsv_memchr(char *line, size_t len, char **f, size_t maxf);

#endif
