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
/* A size in bytes: digits with an optional K, M or G (powers of 1024:
 * "64K", "256M"). */
const char	*bbt_num_size(const char *, unsigned long long,
		    unsigned long long, unsigned long long *);

/*
 * argp helpers: the value in *out and 0, or argp_error() naming the option
 * and EINVAL (returned from the parser, it also works under ARGP_NO_EXIT,
 * as unit tests of the argument parsers run).
 */
int	bbt_arg_ll(struct argp_state *, const char *opt, const char *arg,
	    long long min, long long max, long long *out);
int	bbt_arg_double(struct argp_state *, const char *opt, const char *arg,
	    double min, double max, double *out);
int	bbt_arg_duration_ms(struct argp_state *, const char *opt,
	    const char *arg, long long min, long long max, long long *out);
int	bbt_arg_size(struct argp_state *, const char *opt, const char *arg,
	    unsigned long long min, unsigned long long max,
	    unsigned long long *out);

#endif
