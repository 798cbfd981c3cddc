/* SPDX-License-Identifier: MIT */
/*
 * The account password: read once, before the privilege drop, from a
 * file, standard input or $PPPOE_PASSWORD; kept in one heap buffer that
 * is wiped at the end; the process is made non-dumpable meanwhile.
 */
#ifndef PPPOE_SECRET_H
#define PPPOE_SECRET_H

#include <stddef.h>

/* A password line longer than this is refused (/dev/zero, a wrong file). */
#define SECRET_MAX	4096
/* PAP carries the password with a one-byte length (RFC 1334 §2.2.1). */
#define SECRET_PAP_MAX	255

/*
 * Reads the first line of fd (without its line end) into a new buffer.
 * NULL with *pass and *plen set, or the reason (N_, untranslated).
 */
const char *secret_read_fd(int fd, char **pass, size_t *plen);
/*
 * Reads the password from file ("-" is standard input), or from
 * $PPPOE_PASSWORD when file is NULL; the variable is wiped and unset.
 * Prints the reason and returns -1 on failure.
 */
int	 secret_load(const char *file, char **pass, size_t *plen);
/* Wipes and frees. */
void	 secret_free(char *pass, size_t plen);

#endif
