/* SPDX-License-Identifier: MIT */
/*
 * libFuzzer: option values with structure. The input's lines are values
 * for the strict number helpers of lib/num.c (integers, decimals,
 * durations, sizes) and for qareport's --target KPI=VALUE, --shard K/N,
 * --early, --memory, --threads, --from and --to. What a helper accepts
 * must be in its range and read back the same when printed again; what
 * the argument parser accepts must be a usable configuration.
 */
#include <argp.h>
#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/num.h"
#include "qareport/qa.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

/* Ranges the commands use, and the extremes. */
static const long long lranges[][2] = {
	{ 0, 1000000 }, { 1, 64 }, { LLONG_MIN, LLONG_MAX }, { -5, 5 },
};
static const long long dranges[][2] = {
	{ 0, 10LL * 366 * 86400000 }, { 1, 60000 }, { 0, LLONG_MAX / 2 },
};
static const unsigned long long sranges[][2] = {
	{ 1, SIZE_MAX }, { 0, ULLONG_MAX }, { 4096, 1ULL << 40 },
};

static void
check_num(const char *s)
{
	char buf[64];

	for (size_t i = 0; i < sizeof(lranges) / sizeof(lranges[0]); i++) {
		long long v, w;

		if (bbt_num_ll(s, lranges[i][0], lranges[i][1], &v) != NULL)
			continue;
		if (v < lranges[i][0] || v > lranges[i][1])
			abort();
		snprintf(buf, sizeof(buf), "%lld", v);
		if (bbt_num_ll(buf, lranges[i][0], lranges[i][1], &w) ||
		    w != v)
			abort();
	}
	for (size_t i = 0; i < sizeof(dranges) / sizeof(dranges[0]); i++) {
		long long v, w;

		if (bbt_num_duration_ms(s, dranges[i][0], dranges[i][1], &v))
			continue;
		if (v < dranges[i][0] || v > dranges[i][1])
			abort();
		snprintf(buf, sizeof(buf), "%lldms", v);
		if (bbt_num_duration_ms(buf, dranges[i][0], dranges[i][1],
		    &w) || w != v)
			abort();
	}
	for (size_t i = 0; i < sizeof(sranges) / sizeof(sranges[0]); i++) {
		unsigned long long v, w;

		if (bbt_num_size(s, sranges[i][0], sranges[i][1], &v))
			continue;
		if (v < sranges[i][0] || v > sranges[i][1])
			abort();
		snprintf(buf, sizeof(buf), "%llu", v);
		if (bbt_num_size(buf, sranges[i][0], sranges[i][1], &w) ||
		    w != v)
			abort();
	}
	{
		double v, w;

		if (bbt_num_double(s, 0, 1e9, &v) == NULL) {
			if (!(v >= 0 && v <= 1e9))
				abort();
			snprintf(buf, sizeof(buf), "%.17g", v);
			if (bbt_num_double(buf, 0, 1e9, &w) || w != v)
				abort();
		}
	}
}

/* The number in the digits at s (saturated), *end after them; none:
 * ULLONG_MAX. */
static unsigned long long
digits(const char *s, const char **end)
{
	unsigned long long v = 0;
	const char *p = s;

	for (; *p >= '0' && *p <= '9'; p++)
		v = v > ULLONG_MAX / 10 - 10 ? ULLONG_MAX / 2 : v * 10 +
		    (unsigned long long)(*p - '0');
	*end = p;
	return p == s ? ULLONG_MAX : v;
}

/* qareport's options with the input's values. */
static void
check_args(char **val, int nval)
{
	static const char *const opt[] = { "--target=", "--shard=",
		"--early=", "--memory=", "--threads=", "--from=", "--to=",
		"--target=" };
	char *argv[16], buf[8][128];
	int argc = 0;
	struct qa_opts o;

	argv[argc++] = "qareport";
	for (int i = 0; i < nval && i < 8; i++) {
		/* Whole values only: a cut one is not the value checked. */
		if ((size_t)snprintf(buf[i], sizeof(buf[i]), "%s%s", opt[i],
		    val[i]) >= sizeof(buf[i]))
			return;
		argv[argc++] = buf[i];
	}
	argv[argc++] = "-";
	argv[argc] = NULL;
	if (qareport_parse_args(argc, argv, &o, ARGP_NO_EXIT | ARGP_SILENT)
	    == 0) {
		const char *p;

		for (size_t k = 0; k < qa_nkpis; k++)
			if (!isnan(o.target[k]) &&
			    !(o.target[k] >= 0 && o.target[k] <= 1e9))
				abort();
		if (o.shard_n && (o.shard_k < 1 || o.shard_k > o.shard_n))
			abort();
		/* A shard is K/N in digits, and means those numbers. */
		if (o.shard_n && nval > 1 && (digits(val[1], &p) !=
		    (unsigned long long)o.shard_k || *p != '/' ||
		    digits(p + 1, &p) != (unsigned long long)o.shard_n ||
		    *p != '\0'))
			abort();
		if (o.early < 0 || o.memory < 1 || o.threads < 1 ||
		    o.threads > QA_MAXTHREADS || o.from >= o.to)
			abort();
	}
	qareport_free_opts(&o);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1), *val[8];
	int nval = 0;

	if (s == NULL || size > 4096)
		goto out;
	memcpy(s, data, size);
	s[size] = '\0';
	if (strlen(s) != size)
		goto out;	/* argv strings hold no NUL */
	for (char *p = s, *nl; nval < 8; p = nl + 1) {
		val[nval++] = p;
		if ((nl = strchr(p, '\n')) == NULL)
			break;
		*nl = '\0';
	}
	for (int i = 0; i < nval; i++)
		check_num(val[i]);
	check_args(val, nval);
out:
	free(s);
	return 0;
}
