/* SPDX-License-Identifier: MIT */
/* Unit tests: KPI values are printed as snprintf(3) prints them, byte for
 * byte, on the fast path and off it (halves, near-halves, negatives,
 * large and special values). */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "qareport/qa.h"
#include "qareport/report.h"

static const struct qa_kpi *
kpi_of(enum qa_kpi_kind kind)
{
	for (size_t i = 0; i < qa_nkpis; i++)
		if (qa_kpis[i].kind == kind)
			return &qa_kpis[i];
	fail_msg("no KPI of kind %d", kind);
	return NULL;
}

/* v as every format prints it, against snprintf. */
static void
check(double v)
{
	static const struct {
		enum qa_kpi_kind kind;
		int human, dec;
	} f[] = {
		{ QA_K_COUNT, 0, 0 }, { QA_K_COUNT, 1, 0 },
		{ QA_K_PCT, 0, 4 }, { QA_K_PCT, 1, 1 },
		{ QA_K_HOURS, 0, 4 }, { QA_K_HOURS, 1, 1 },
	};

	for (size_t i = 0; i < sizeof(f) / sizeof(f[0]); i++) {
		char got[64], want[64];

		qa_fmt_value(kpi_of(f[i].kind), v, f[i].human, got,
		    sizeof(got));
		if (isnan(v))
			snprintf(want, sizeof(want), "-");
		else
			snprintf(want, sizeof(want), "%.*f", f[i].dec, v);
		if (strcmp(got, want) != 0)
			fail_msg("%.17g with %d decimals: '%s', snprintf '%s'",
			    v, f[i].dec, got, want);
	}
}

static void
test_special(void **state)
{
	static const double v[] = { 0, -0.0, 1, 9, 10, 99.99995, 100,
		0.00005, 0.00015, 0.00025, 0.05, 0.15, 0.25, 0.35, 0.45, 0.5,
		1.5, 2.5, 3.5, 12345.5, 0.125, 0.375, 2.675, 1.0005,
		999999999.5, 1e9, 1e9 + 1, 123456789.12345, 4.2e12, 1e300,
		-1, -0.00004, -2.5, 5e-324, 1e-7 };

	(void)state;
	for (size_t i = 0; i < sizeof(v) / sizeof(v[0]); i++)
		check(v[i]);
	check(NAN);
	check(INFINITY);
	check(-INFINITY);
}

/* Exact halves at each number of decimals, and the doubles on either
 * side of them: the cases where rounding the product and rounding the
 * exact value can differ. */
static void
test_halves(void **state)
{
	(void)state;
	for (int dec = 0; dec <= 4; dec++) {
		double scale = pow(10, dec);

		for (int k = 0; k < 3000; k++) {
			double h = (k + 0.5) / scale;

			check(h);
			check(nextafter(h, 0));
			check(nextafter(h, INFINITY));
		}
	}
}

/* The same for large values, where the product's own rounding is
 * largest: up to where snprintf must take over, and past it. */
static void
test_large_halves(void **state)
{
	static const double base[] = { 1e5, 1e7, 1e8, 1e9, 1e11, 1e13,
		999999999999000, 1e15, 1e16 };

	(void)state;
	for (int dec = 0; dec <= 4; dec++) {
		double scale = pow(10, dec);

		for (size_t b = 0; b < sizeof(base) / sizeof(base[0]); b++)
			for (int k = 0; k < 150; k++) {
				double h = (base[b] + k + 0.5) / scale;

				check(h);
				for (int j = 1; j <= 8; j++) {
					h = nextafter(h, INFINITY);
					check(h);
					check(nextafter((base[b] + k + 0.5) /
					    scale, -j * 1.0));
				}
			}
	}
}

/* What the KPIs are: ratios of counts in per cent, means and quantiles
 * of minutes in hours, counts. */
static void
test_ratios(void **state)
{
	uint64_t x = 88172645463325252ULL;

	(void)state;
	for (int i = 0; i < 40000; i++) {
		uint32_t a, b;

		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		a = (uint32_t)(x % 100000);
		b = (uint32_t)(x >> 32) % 100000 + 1;
		check(100.0 * a / b);
		check((double)a / b / 60.0);
		check((double)a / 60.0);
		check((double)(x >> 20));
		check(ldexp((double)(x >> 11), -20 - (int)(x % 40)));
	}
}

/* The TSV and JSON writers put a row together in a buffer sized for up
 * to 64 KPIs (struct qa_row) with ids under 32 bytes. */
static void
test_ids(void **state)
{
	(void)state;
	assert_true(qa_nkpis <= 64);
	for (size_t i = 0; i < qa_nkpis; i++)
		assert_true(strlen(qa_kpis[i].id) < 32);
}

/* Shown values never round across their target: colour and mark (from
 * the exact value) agree with what people read. */
static void
test_shown(void **state)
{
	static struct qa_opts o;
	static const struct {
		const char *kpi;
		double target, v;
		const char *want;
	} c[] = {
		{ "repair_timely_pct", 95, 94.9749, "94.97" },
		{ "repair_timely_pct", 95, 94.96, "94.96" },
		{ "repair_timely_pct", 95, 94.94, "94.9" },
		{ "repair_timely_pct", 95, 95, "95.0" },
		{ "repair_timely_pct", 95, 95.04, "95.0" },
		{ "repair_timely_pct", 95, 99.999, "100.0" },
		{ "repeat_pct", 5, 5.04, "5.04" },
		{ "repeat_pct", 5, 5.0001, "5.01" },
		{ "repeat_pct", 5, 5, "5.0" },
		{ "repeat_pct", 5, 4.96, "5.0" },
		{ "repeat_pct", NAN, 5.04, "5.0" },
		{ "repeat_pct", 5, NAN, "-" },
		{ "orders", 5, 7, "7" },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(c) / sizeof(c[0]); i++) {
		int k = qa_kpi_find(c[i].kpi);
		char got[64];

		assert_true(k >= 0);
		o.target[k] = c[i].target;
		qa_fmt_shown(&o, (size_t)k, c[i].v, got, sizeof(got));
		if (strcmp(got, c[i].want) != 0)
			fail_msg("%s %.17g against %g: '%s', want '%s'",
			    c[i].kpi, c[i].v, c[i].target, got, c[i].want);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ids),
		cmocka_unit_test(test_special),
		cmocka_unit_test(test_halves),
		cmocka_unit_test(test_large_halves),
		cmocka_unit_test(test_ratios),
		cmocka_unit_test(test_shown),
	};
	return cmocka_run_group_tests_name("qareport fmt", tests, NULL, NULL);
}
