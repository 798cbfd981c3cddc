/* SPDX-License-Identifier: MIT */
/* Unit tests: exact quantiles (R type 7), histogram merges, buffered
 * minutes, roll-ups, option
 * parsing (limits, windows, targets, shards, dims, memory). */
#include <argp.h>
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <cmocka.h>

#include "qareport/qa.h"
#include <string.h>

static double
quant(const uint32_t *v, size_t n, double p)
{
	struct qa_hist h = { 0 };
	double q;

	for (size_t i = 0; i < n; i++)
		qa_hist_add(&h, v[i], 1);
	q = qa_hist_quantile(&h, p);
	qa_hist_free(&h);
	return q;
}

static void
test_quantile(void **state)
{
	static const uint32_t one[] = { 7 };
	static const uint32_t five[] = { 4321, 120, 2880, 4320, 2881 };
	static const uint32_t dup[] = { 5, 5, 5, 1, 9, 9 };
	struct qa_hist h = { 0 };

	(void)state;
	assert_true(isnan(qa_hist_quantile(&h, 0.5)));
	assert_true(quant(one, 1, 0.5) == 7);
	assert_true(quant(one, 1, 0.9) == 7);
	/* numpy.quantile([120, 2880, 2881, 4320, 4321], [.5, .9]) */
	assert_true(quant(five, 5, 0.5) == 2881);
	assert_true(fabs(quant(five, 5, 0.9) - 4320.6) < 1e-9);
	assert_true(quant(five, 5, 0.0) == 120);
	assert_true(quant(five, 5, 1.0) == 4321);
	/* sorted 1 5 5 5 9 9: median at 2.5 -> 5, p90 at 4.5 -> 9 */
	assert_true(quant(dup, 6, 0.5) == 5);
	assert_true(quant(dup, 6, 0.9) == 9);
	assert_true(fabs(quant(dup, 6, 0.1) - 3) < 1e-9);
}

static void
test_hist_merge(void **state)
{
	struct qa_hist a = { 0 }, b = { 0 }, all = { 0 };

	(void)state;
	/* Many distinct keys force growth; merged == added at once. */
	for (uint32_t i = 0; i < 5000; i++) {
		qa_hist_add(i % 2 ? &a : &b, i * 7 % 3001, 1 + i % 3);
		qa_hist_add(&all, i * 7 % 3001, 1 + i % 3);
	}
	qa_hist_merge(&a, &b);
	assert_int_equal(a.total, all.total);
	assert_int_equal(a.n, all.n);
	for (double p = 0; p <= 1.0; p += 0.05)
		assert_true(qa_hist_quantile(&a, p) ==
		    qa_hist_quantile(&all, p));
	qa_hist_free(&a);
	qa_hist_free(&b);
	qa_hist_free(&all);
}

static void
test_hist_big(void **state)
{
	struct qa_hist a = { 0 }, b = { 0 };
	struct qa_hent *v;

	(void)state;
	/* Slots hold 32 bits; larger counts stay exact. */
	qa_hist_add(&a, 7, UINT32_MAX - 1);
	qa_hist_add(&a, 7, 1);
	qa_hist_add(&a, 7, 5);
	qa_hist_add(&a, 9, 1ULL << 40);
	qa_hist_add(&a, 3, 2);
	qa_hist_add(&b, 7, UINT32_MAX);
	qa_hist_add(&b, 3, 1);
	qa_hist_merge(&a, &b);
	v = qa_hist_sorted(&a);
	assert_int_equal(a.n, 3);
	assert_int_equal(v[0].k, 4);
	assert_true(v[0].c == 3);
	assert_int_equal(v[1].k, 8);
	assert_true(v[1].c == 2ULL * UINT32_MAX + 5);
	assert_int_equal(v[2].k, 10);
	assert_true(v[2].c == 1ULL << 40);
	assert_true(a.total == 3 + 2ULL * UINT32_MAX + 5 + (1ULL << 40));
	/* Rank 3 is the first 7; the median among 2^40 + 2^33 is 9. */
	assert_true(qa_hist_quantile(&a, 0) == 3);
	assert_true(qa_hist_quantile(&a, 0.5) == 9);
	free(v);
	qa_hist_free(&a);
	qa_hist_free(&b);
}

/* Sorted entries against the keys put in, for spreads sorted in one,
 * two and three 11-bit passes, offset from 0 and near the top. */
static void
test_hist_sorted(void **state)
{
	static const uint32_t spread[] = { 100, 2047, 2048, 5000, 4194303,
	    4194304, UINT32_MAX - 2 };
	static const uint32_t base[] = { 0, 1000000, UINT32_MAX - 1 - 5000 };
	uint64_t x = 88172645463325252ULL;

	(void)state;
	for (size_t i = 0; i < sizeof(spread) / sizeof(*spread); i++)
		for (size_t j = 0; j < sizeof(base) / sizeof(*base); j++) {
			struct qa_hist h = { 0 };
			struct qa_hent *v;
			uint64_t sum = 0;
			uint32_t lo = base[j], span = spread[i];

			if (span > UINT32_MAX - 1 - lo)
				span = UINT32_MAX - 1 - lo;
			/* both ends, and 300 xorshift keys between */
			qa_hist_add(&h, lo, 1);
			qa_hist_add(&h, lo + span, 2);
			for (int k = 0; k < 300; k++) {
				x ^= x << 13;
				x ^= x >> 7;
				x ^= x << 17;
				qa_hist_add(&h, lo + (uint32_t)(x % span), 3);
			}
			v = qa_hist_sorted(&h);
			assert_int_equal(v[0].k, lo + 1);
			assert_int_equal(v[h.n - 1].k, lo + span + 1);
			for (uint32_t k = 0; k < h.n; k++) {
				if (k > 0)
					assert_true(v[k - 1].k < v[k].k);
				sum += v[k].c;
			}
			assert_true(sum == h.total);
			free(v);
			qa_hist_free(&h);
		}
}

static uint64_t
xorshift(uint64_t *x)
{
	*x ^= *x << 13;
	*x ^= *x >> 7;
	*x ^= *x << 17;
	return *x;
}

/* Two histograms hold the same minutes and counts. */
static void
assert_hist_equal(const struct qa_hist *a, const struct qa_hist *b)
{
	struct qa_hent *va = qa_hist_sorted(a), *vb = qa_hist_sorted(b);

	assert_int_equal(a->n, b->n);
	assert_true(a->total == b->total);
	for (uint32_t i = 0; i < a->n; i++) {
		assert_int_equal(va[i].k, vb[i].k);
		assert_true(va[i].c == vb[i].c);
	}
	free(va);
	free(vb);
}

static int
cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;

	return (x > y) - (x < y);
}

/* Minutes pushed one at a time (buffered, sorted by bytes, merged in
 * batches) against qsort(3) and counting: spreads of one to four byte
 * digits, batches before and past a flush, and repeats. */
static void
test_hist_push(void **state)
{
	static const uint32_t spread[] = { 1, 200, 40000, 9000000,
	    UINT32_MAX - 2 };
	static const uint32_t count[] = { 1, 2, 3, 17, 48, 49, 100, 2047, 2048,
	    2049, 30000 };
	uint32_t *m = malloc(30000 * sizeof(*m));
	uint64_t x = 2463534242ULL;

	(void)state;
	assert_non_null(m);
	for (size_t i = 0; i < sizeof(spread) / sizeof(*spread); i++)
		for (size_t j = 0; j < sizeof(count) / sizeof(*count); j++) {
			struct qa_hist p = { 0 };
			struct qa_hent *v;
			uint32_t e = 0;

			for (uint32_t k = 0; k < count[j]; k++) {
				m[k] = (uint32_t)(xorshift(&x) % spread[i]);
				qa_hist_push(&p, m[k]);
			}
			qa_hist_flush(&p);
			assert_true(p.total == count[j]);
			qsort(m, count[j], sizeof(*m), cmp_u32);
			v = qa_hist_sorted(&p);
			for (uint32_t k = 0; k < count[j]; e++) {
				uint32_t c = 0;

				assert_true(e < p.n);
				assert_int_equal(v[e].k, m[k] + 1);
				while (k + c < count[j] && m[k + c] == m[k])
					c++;
				assert_true(v[e].c == c);
				k += c;
			}
			assert_int_equal(e, p.n);
			free(v);
			qa_hist_free(&p);
		}
	free(m);
}

/* The histograms of n sources and of the two roll-ups. */
static void
free_aggs(struct qa_agg *src, int n, struct qa_agg *one, struct qa_agg *many)
{
	for (int h = 0; h < QA_H_N; h++) {
		for (int s = 0; s < n; s++)
			qa_hist_free(&src[s].h[h]);
		qa_hist_free(&one->h[h]);
		qa_hist_free(&many->h[h]);
	}
}

/* A roll-up of many aggregates at once (in batches: 70 is two and a
 * bit) against merging them one by one: counters, minutes, and counts
 * that pass 32 bits only together. */
static void
test_merge_many(void **state)
{
	enum { NSRC = 70 };
	struct qa_agg src[NSRC], one, many;
	const struct qa_agg *sp[NSRC];
	uint64_t x = 88172645463325252ULL;

	(void)state;
	memset(src, 0, sizeof(src));
	memset(&one, 0, sizeof(one));
	memset(&many, 0, sizeof(many));
	for (int s = 0; s < NSRC; s++) {
		for (int c = 0; c < QA_C_N; c++)
			src[s].c[c] = (int64_t)(xorshift(&x) % 1000);
		for (int h = 0; h < QA_H_N; h++)
			for (int k = 0; k < 50 + 3 * s; k++)
				qa_hist_add(&src[s].h[h],
				    (uint32_t)(xorshift(&x) % (700 * (h + 1))),
				    1 + xorshift(&x) % 3);
		qa_hist_add(&src[s].h[0], 5, UINT32_MAX / 4);
		sp[s] = &src[s];
		qa_agg_merge(&one, &src[s]);
	}
	qa_agg_merge_many(&many, sp, NSRC);
	for (int c = 0; c < QA_C_N; c++)
		assert_true(one.c[c] == many.c[c]);
	for (int h = 0; h < QA_H_N; h++)
		assert_hist_equal(&one.h[h], &many.h[h]);
	assert_true(qa_hist_quantile(&many.h[0], 0.5) == 5);
	free_aggs(src, NSRC, &one, &many);
}

/* Hundreds of small groups into a large total (technicians by month):
 * batches of more than 32, the same as one at a time. */
static void
test_merge_many_small(void **state)
{
	enum { NSRC = 300 };
	struct qa_agg src[NSRC], one, many;
	const struct qa_agg *sp[NSRC];
	uint64_t x = 1234567;

	(void)state;
	memset(src, 0, sizeof(src));
	memset(&one, 0, sizeof(one));
	memset(&many, 0, sizeof(many));
	for (uint32_t k = 0; k < 5000; k++)
		for (int h = 0; h < QA_H_N; h++) {
			qa_hist_add(&one.h[h], 2 * k, 1 + k % 7);
			qa_hist_add(&many.h[h], 2 * k, 1 + k % 7);
		}
	for (int s = 0; s < NSRC; s++) {
		for (int h = 0; h < QA_H_N; h++)
			for (int k = 0; k < 1 + s % 3; k++)
				qa_hist_add(&src[s].h[h],
				    (uint32_t)(xorshift(&x) % 12000), 1 +
				    (s == 7 ? UINT32_MAX : 0));
		sp[s] = &src[s];
		qa_agg_merge(&one, &src[s]);
	}
	qa_agg_merge_many(&many, sp, NSRC);
	for (int h = 0; h < QA_H_N; h++) {
		assert_hist_equal(&one.h[h], &many.h[h]);
		assert_true(many.h[h].n > 5000);
	}
	free_aggs(src, NSRC, &one, &many);
}

static int
parse(struct qa_opts *o, int argc, char **argv)
{
	return qareport_parse_args(argc, argv, o, ARGP_NO_EXIT | ARGP_SILENT |
	    ARGP_NO_ERRS);
}

static void
test_args(void **state)
{
	struct qa_opts o;
	char *a1[] = { "qareport", NULL };
	char *a2[] = { "qareport", "--by=team,month", "--repair-limit=36h",
		"--repeat-window=45d", "--target=repeat_pct=8",
		"--target=satisfied_pct=none", "--shard=2/5", "-j", "3",
		"x.tsv", "y.tsv", NULL };
	char *bad[][3] = {
		{ "qareport", "--by=tech,tech", NULL },
		{ "qareport", "--by=street", NULL },
		{ "qareport", "--shard=0/2", NULL },
		/* sscanf(3) took these (fuzz_opts): */
		{ "qareport", "--shard=2/ 40", NULL },
		{ "qareport", "--shard=4294967298/3", NULL },
		{ "qareport", "--shard=+1/2", NULL },
		{ "qareport", "--shard=1/2x", NULL },
		{ "qareport", "--kind-map=leased=lease", NULL },
		{ "qareport", "--kind-map==install", NULL },
		{ "qareport", "--kind-map=leased", NULL },
		{ "qareport", "--now=yesterday", NULL },
		{ "qareport", "--warn-before=-1h", NULL },
		{ "qareport", "--target=orders", NULL },
		{ "qareport", "--repair-limit=soon", NULL },
		{ "qareport", "--threads=0", NULL },
		{ "qareport", "--memory=0", NULL },
		{ "qareport", "--memory=12X", NULL },
		{ "qareport", "--memory=K", NULL },
		{ "qareport", "--memory=99999999999999999999", NULL },
	};
	char *m[] = { "qareport", "--memory=64K", NULL };

	(void)state;
	assert_int_equal(parse(&o, 1, a1), 0);
	assert_int_equal(o.nby, 1);
	assert_int_equal(o.by[0], QA_D_TECH);
	assert_int_equal(o.rep_town, 48 * 60);
	assert_int_equal(o.rep_rural, 72 * 60);
	assert_int_equal(o.inst_town, 72 * 60);
	assert_int_equal(o.inst_rural, 120 * 60);
	assert_int_equal(o.repeat_win, 30 * 1440);
	assert_int_equal(o.newfault_win, 15 * 1440);
	assert_int_equal(o.ftf_win, 7 * 1440);
	assert_int_equal(o.notice, 120);
	assert_int_equal(o.early, 10);
	assert_int_equal(o.wait, 10);
	assert_true(o.target[qa_kpi_find("repeat_pct")] == 5);
	assert_true(o.target[qa_kpi_find("newfault_pct")] == 3);
	assert_true(o.target[qa_kpi_find("ontime_pct")] == 95);
	assert_true(isnan(o.target[qa_kpi_find("ftf_pct")]));
	assert_int_equal(o.nfiles, 1);
	assert_string_equal(o.files[0], "-");
	assert_int_equal(o.memory, 32 << 20);
	qareport_free_opts(&o);

	assert_int_equal(parse(&o, 2, m), 0);
	assert_int_equal(o.memory, 64 << 10);
	qareport_free_opts(&o);

	assert_int_equal(parse(&o, 11, a2), 0);
	assert_int_equal(o.nby, 2);
	assert_int_equal(o.by[0], QA_D_TEAM);
	assert_int_equal(o.by[1], QA_D_MONTH);
	assert_int_equal(o.rep_town, 36 * 60);
	assert_int_equal(o.repeat_win, 45 * 1440);
	assert_true(o.target[qa_kpi_find("repeat_pct")] == 8);
	assert_true(isnan(o.target[qa_kpi_find("satisfied_pct")]));
	assert_int_equal(o.shard_k, 2);
	assert_int_equal(o.shard_n, 5);
	assert_int_equal(o.threads, 3);
	assert_int_equal(o.nfiles, 2);
	qareport_free_opts(&o);

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		assert_int_not_equal(parse(&o, 2, bad[i]), 0);
		qareport_free_opts(&o);
	}
}

/* --kind-map before the built-in words; leased is an install by default. */
static void
test_kind_map(void **state)
{
	struct qa_opts o;
	char *a[] = { "qareport", "--kind-map=leased=other,开通=install",
		"--kind-map=Fault=inspection", NULL };
	char *b[] = { "qareport", "--open", "--merge", NULL };

	(void)state;
	assert_int_equal(parse(&o, 1, a), 0);
	assert_int_equal(qa_kind_word(&o, "leased", 6), QA_KIND_INSTALL);
	assert_int_equal(qa_kind_word(&o, "巡检", strlen("巡检")),
	    QA_KIND_INSPECTION);
	assert_int_equal(qa_kind_word(&o, "fault", 5), QA_KIND_REPAIR);
	assert_int_equal(qa_kind_word(&o, "Xepair", 6), -1);
	qareport_free_opts(&o);
	assert_int_equal(parse(&o, 3, a), 0);
	assert_int_equal(o.nkmap, 3);
	assert_int_equal(qa_kind_word(&o, "LEASED", 6), QA_KIND_OTHER);
	assert_int_equal(qa_kind_word(&o, "开通", strlen("开通")),
	    QA_KIND_INSTALL);
	assert_int_equal(qa_kind_word(&o, "fault", 5), QA_KIND_INSPECTION);
	assert_string_equal(qa_kind_name(QA_KIND_COMPLAINT), "complaint");
	assert_int_equal(qa_outcome_word("在途", strlen("在途")), QA_OUT_OPEN);
	assert_int_equal(qa_outcome_word("done", 4), 0);
	assert_int_equal(qa_outcome_word("finished", 8), -1);
	qareport_free_opts(&o);
	assert_int_not_equal(parse(&o, 3, b), 0);
	qareport_free_opts(&o);
}

static void
test_shard_hash(void **state)
{
	(void)state;
	/* FNV-1a 64 as documented: other tools can cut the same shards. */
	assert_true(qa_account_hash("", 0) == 14695981039346656037ULL);
	assert_true(qa_account_hash("a", 1) == 0xaf63dc4c8601ec8cULL);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_quantile),
		cmocka_unit_test(test_hist_merge),
		cmocka_unit_test(test_hist_big),
		cmocka_unit_test(test_hist_sorted),
		cmocka_unit_test(test_hist_push),
		cmocka_unit_test(test_merge_many),
		cmocka_unit_test(test_merge_many_small),
		cmocka_unit_test(test_args),
		cmocka_unit_test(test_kind_map),
		cmocka_unit_test(test_shard_hash),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
