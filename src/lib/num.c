/* SPDX-License-Identifier: MIT */
/* Strict number parsing: whole string, range, units. */
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "lib/i18n.h"
#include "lib/num.h"

/*
 * strtoll(3) and strtod(3) skip any leading white space (\f, \v, \n, \r
 * as well as space and tab; fuzz_opts found "--shard=2/\f45" taken) and
 * take a sign: a strict number starts with a digit, or with a minus where
 * one is allowed.
 */
static int
starts_number(const char *s, int minus, int dot)
{
	return (*s >= '0' && *s <= '9') || (minus && *s == '-' &&
	    ((s[1] >= '0' && s[1] <= '9') || (dot && s[1] == '.'))) ||
	    (dot && *s == '.');
}

const char *
bbt_num_ll(const char *s, long long min, long long max, long long *out)
{
	char *end;
	long long v;

	if (s == NULL || !starts_number(s, 1, 0))
		return N_("not a number");
	errno = 0;
	v = strtoll(s, &end, 10);
	if (end == s || *end != '\0')
		return N_("not a number");
	if ((errno == ERANGE && v == LLONG_MIN) || v < min)
		return N_("too small");
	if ((errno == ERANGE && v == LLONG_MAX) || v > max)
		return N_("too large");
	*out = v;
	return NULL;
}

const char *
bbt_num_double(const char *s, double min, double max, double *out)
{
	char *end;
	double v;

	if (s == NULL || !starts_number(s, 1, 1))
		return N_("not a number");
	errno = 0;
	v = strtod(s, &end);
	if (end == s || *end != '\0' || !isfinite(v))
		return N_("not a number");
	if (v < min)
		return N_("too small");
	if (v > max)
		return N_("too large");
	*out = v;
	return NULL;
}

const char *
bbt_num_duration_ms(const char *s, long long min, long long max,
    long long *out)
{
	static const struct {
		const char *unit;
		double ms;
	} units[] = {
		{ "ms", 1 }, { "s", 1000 }, { "sec", 1000 }, { "m", 60000 },
		{ "min", 60000 }, { "h", 3600000 }, { "d", 86400000 },
		{ "", 1000 },
	};
	char *end;
	double v;

	if (s == NULL || !starts_number(s, 0, 1))
		return N_("not a duration");
	errno = 0;
	v = strtod(s, &end);
	if (end == s || !isfinite(v) || errno == ERANGE)
		return N_("not a duration");
	for (size_t i = 0; i < sizeof(units) / sizeof(units[0]); i++) {
		if (strcmp(end, units[i].unit) != 0)
			continue;
		v *= units[i].ms;
		if (v < (double)min)
			return N_("too small");
		if (v > (double)max)
			return N_("too large");
		*out = llround(v);
		return NULL;
	}
	return N_("unknown unit (use ms, s, m, h or d)");
}

const char *
bbt_num_size(const char *s, unsigned long long min, unsigned long long max,
    unsigned long long *out)
{
	unsigned long long v = 0, mul = 1;
	const char *p = s;

	if (s == NULL)
		return N_("not a size");
	for (; *p >= '0' && *p <= '9'; p++) {
		if (v > (ULLONG_MAX - 9) / 10)
			return N_("too large");
		v = v * 10 + (unsigned long long)(*p - '0');
	}
	if (p == s)
		return N_("not a size");
	switch (*p) {
	case '\0': break;
	case 'K': mul = 1ULL << 10; p++; break;
	case 'M': mul = 1ULL << 20; p++; break;
	case 'G': mul = 1ULL << 30; p++; break;
	default: return N_("unknown unit (use K, M or G)");
	}
	if (*p != '\0')
		return N_("unknown unit (use K, M or G)");
	if (v > ULLONG_MAX / mul || v * mul > max)
		return N_("too large");
	if (v * mul < min)
		return N_("too small");
	*out = v * mul;
	return NULL;
}

int
bbt_arg_ll(struct argp_state *st, const char *opt, const char *arg,
    long long min, long long max, long long *out)
{
	const char *why = bbt_num_ll(arg, min, max, out);

	if (why == NULL)
		return 0;
	argp_error(st, _("invalid value '%s' for %s: %s (allowed %lld to %lld)"),
	    arg, opt, _(why), min, max);
	return EINVAL;
}

int
bbt_arg_double(struct argp_state *st, const char *opt, const char *arg,
    double min, double max, double *out)
{
	const char *why = bbt_num_double(arg, min, max, out);

	if (why == NULL)
		return 0;
	argp_error(st, _("invalid value '%s' for %s: %s (allowed %g to %g)"),
	    arg, opt, _(why), min, max);
	return EINVAL;
}

int
bbt_arg_duration_ms(struct argp_state *st, const char *opt, const char *arg,
    long long min, long long max, long long *out)
{
	const char *why = bbt_num_duration_ms(arg, min, max, out);

	if (why == NULL)
		return 0;
	argp_error(st, _("invalid duration '%s' for %s: %s"), arg, opt,
	    _(why));
	return EINVAL;
}

int
bbt_arg_size(struct argp_state *st, const char *opt, const char *arg,
    unsigned long long min, unsigned long long max, unsigned long long *out)
{
	const char *why = bbt_num_size(arg, min, max, out);

	if (why == NULL)
		return 0;
	argp_error(st, _("invalid size '%s' for %s: %s"), arg, opt, _(why));
	return EINVAL;
}
