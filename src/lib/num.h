/* SPDX-License-Identifier: MIT */
/*
 * Strict numbers: the whole string, a range, an optional unit.
 * In the spirit of OpenBSD strtonum(3): every function returns NULL on
 * success or a static English reason ("too large", "not a number", ...)
 * that callers pass through gettext.
 */
#ifndef BBT_NUM_H
#define BBT_NUM_H

#include <argp.h>

const char	*bbt_num_ll(const char *, long long, long long, long long *);
const char	*bbt_num_double(const char *, double, double, double *);
/*
 * A duration: a plain number of seconds ("1.5") or a number with one of
 * the units ms, s, m(in), h, d ("500ms", "2h", "30d"). Result in
 * milliseconds.
 */
const char	*bbt_num_duration_ms(const char *, long long, long long,
		    long long *);

/* argp helpers: on error they call argp_error() naming the option. */
long long	 bbt_arg_ll(struct argp_state *, const char *, const char *,
		    long long, long long);
double		 bbt_arg_double(struct argp_state *, const char *,
		    const char *, double, double);
long long	 bbt_arg_duration_ms(struct argp_state *, const char *,
		    const char *, long long, long long);

#endif
