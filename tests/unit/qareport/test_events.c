/* SPDX-License-Identifier: MIT */
/*
 * Unit tests: the window KPIs from the partitioned event stores
 * (events.c, evload.c, windows.c) equal their definitions evaluated by
 * brute force, whatever the partitions, the spills to the temporary
 * file, the merges of parts (group numbers mapped, maps composed) and
 * the number of threads.
 */
#include <argp.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "qareport/qa.h"

#define NGROUPS		7
#define NACCTS		150
#define NEVENTS		6000
#define NPARTS		3

struct tev {
	int		 acct;
	int		 group;		/* -1: outside the period */
	struct qa_ev	 e;		/* gf: flags only */
};

static uint64_t rng = 88172645463325252ULL;

static uint32_t
rnd(uint32_t n)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (uint32_t)(rng % n);
}

/* Account names: short, sharing prefixes, and some past 255 bytes. */
static void
acct_name(int a, char *buf, size_t cap, size_t *len)
{
	if (a % 17 == 0) {
		size_t n = 250 + (size_t)a % 40;

		memset(buf, 'L', n);
		snprintf(buf + n - 6, 7, "%06d", a);
		*len = n;
	} else if (a % 5 == 1)	/* 9 to 16 bytes: copied overlapping */
		*len = (size_t)snprintf(buf, cap, "B%0*d", 8 + a % 8, a);
	else if (a % 7 == 2)	/* shorter than 8 */
		*len = (size_t)snprintf(buf, cap, "S%d", a % 1000000);
	else
		*len = (size_t)snprintf(buf, cap, "A%07d", a);
}

static void
group_key(int g, char *key, size_t *klen)
{
	*klen = (size_t)snprintf(key, 16, "g%d", g) + 1;
}

/* The definitions of man/qareport.1, one event against all others. */
static void
reference(const struct tev *ev, size_t n, const struct qa_opts *o,
    int64_t want[NGROUPS][4])
{
	memset(want, 0, sizeof(int64_t) * NGROUPS * 4);
	for (size_t i = 0; i < n; i++) {
		const struct tev *x = &ev[i];
		uint32_t f = x->e.gf;
		int rep = 0, after_ftf = 0, after_new = 0, after_kept = 0;

		if (x->group < 0)
			continue;
		for (size_t j = 0; j < n; j++) {
			const struct tev *y = &ev[j];
			uint32_t g = y->e.gf;
			int64_t a = y->e.a;

			if (y->acct != x->acct || !(g & QA_EV_REPAIR))
				continue;
			if ((g & QA_EV_RESTORED) && x->e.a && y->e.c < x->e.a &&
			    (int64_t)y->e.c >= (int64_t)x->e.a - o->repeat_win)
				rep = 1;
			if (a == 0)
				continue;
			if (a > x->e.c && a <= (int64_t)x->e.c + o->ftf_win)
				after_ftf = 1;
			if (a > x->e.c &&
			    a <= (int64_t)x->e.c + o->newfault_win)
				after_new = 1;
			if (a > x->e.c && a <= (int64_t)x->e.c + o->kept_win)
				after_kept = 1;
		}
		if (f & QA_EV_REPAIR) {
			want[x->group][0] += rep;
			if ((f & QA_EV_RESTORED) && (f & QA_EV_ONEVISIT) &&
			    !after_ftf)
				want[x->group][1]++;
			continue;
		}
		if ((f & QA_EV_INSTDONE) && after_new)
			want[x->group][2]++;
		if ((f & QA_EV_KEPT) && (f & QA_EV_ONTIME) &&
		    !((f & QA_EV_INSTDONE) && after_kept))
			want[x->group][3]++;
	}
}

static void
make_events(struct tev *ev, size_t n)
{
	/* A year of minutes, close enough for windows to hit and miss. */
	const uint32_t t0 = 40000000u + 65000000u;

	for (size_t i = 0; i < n; i++) {
		struct tev *x = &ev[i];
		uint32_t f;

		/* A few busy accounts: long lists take the merge sort. */
		x->acct = rnd(4) == 0 ? (int)rnd(3) : (int)rnd(NACCTS);
		x->group = rnd(10) == 0 ? -1 : (int)rnd(NGROUPS);
		x->e.a = rnd(20) == 0 ? 0 : t0 + rnd(200000);
		x->e.c = x->e.a ? x->e.a + rnd(6000) : t0 + rnd(200000);
		if (rnd(2)) {
			f = QA_EV_REPAIR;
			if (rnd(4) != 0 && x->e.a)
				f |= QA_EV_RESTORED;
			else
				x->e.c = 0;
			if (rnd(3) != 0)
				f |= QA_EV_ONEVISIT;
		} else {
			/* Installs have no accepted time in their event. */
			x->e.a = 0;
			f = 0;
			if (rnd(3) != 0)
				f |= QA_EV_INSTDONE;
			else
				x->e.c = 0;
			if (rnd(2))
				f |= QA_EV_KEPT | (rnd(3) ? QA_EV_ONTIME : 0);
			if (f == 0)
				f = QA_EV_KEPT;
		}
		x->e.gf = f;
	}
}

/* The events spread over NPARTS parts, each with its own group order,
 * merged as qa_scan does; budget 0 is the default. */
static void
run(const struct tev *ev, size_t n, size_t budget, int threads,
    const struct qa_opts *o0, int64_t got[NGROUPS][4], unsigned *spills)
{
	struct qa_part parts[NPARTS];
	uint32_t idx[NPARTS][NGROUPS];
	struct qa_opts o = *o0;

	memset(parts, 0, sizeof(parts));
	for (int k = 0; k < NPARTS; k++) {
		parts[k].ev_budget = budget;
		/* Groups created in a different order in every part. */
		for (int i = 0; i < NGROUPS; i++) {
			int g = (i * (k + 2) + k) % NGROUPS;
			char key[16];
			size_t kl;

			group_key(g, key, &kl);
			qa_groups_get(&parts[k].groups, key, kl,
			    qa_hash(key, kl), &idx[k][g]);
		}
	}
	for (size_t i = 0; i < n; i++) {
		int k = (int)(i * 7 % NPARTS);
		struct qa_ev e = ev[i].e;
		char name[512];
		size_t len;

		acct_name(ev[i].acct, name, sizeof(name), &len);
		e.gf |= (ev[i].group < 0 ? QA_NOGROUP :
		    idx[k][ev[i].group]) << 8;
		qa_events_add(&parts[k], name, len, qa_name_hash(name, len),
		    &e);
	}
	*spills = 0;
	for (int k = 0; k < NPARTS; k++)
		*spills += qa_events_spills(&parts[k]);
	/* 2 into 1 first: 1's stores then carry maps that merging into 0
	 * must compose. */
	assert_int_equal(qa_part_merge(&parts[1], &parts[2], 2), 0);
	qa_part_free(&parts[2]);
	assert_int_equal(qa_part_merge(&parts[0], &parts[1], 1), 0);
	qa_part_free(&parts[1]);
	o.threads = threads;
	qa_windows(&parts[0], &o);
	assert_int_equal(parts[0].naccounts, NACCTS);
	for (int g = 0; g < NGROUPS; g++) {
		char key[16];
		size_t kl;
		struct qa_group *gr;

		group_key(g, key, &kl);
		gr = qa_groups_get(&parts[0].groups, key, kl, qa_hash(key, kl),
		    NULL);
		got[g][0] = gr->a.c[QA_C_REPEAT_NUM];
		got[g][1] = gr->a.c[QA_C_FTF_NUM];
		got[g][2] = gr->a.c[QA_C_NEW_NUM];
		got[g][3] = gr->a.c[QA_C_KEPT_NUM];
	}
	qa_part_free(&parts[0]);
}

static void
test_windows(void **state)
{
	static struct tev ev[NEVENTS];
	int64_t want[NGROUPS][4], got[NGROUPS][4];
	struct qa_opts o;
	char *argv[] = { "qareport", NULL };
	static const size_t budgets[] = { 0, 1, 4096, 65536 };
	static const int threads[] = { 1, 3 };
	unsigned spills;
	int64_t sum = 0;

	(void)state;
	assert_int_equal(qareport_parse_args(1, argv, &o, ARGP_NO_EXIT |
	    ARGP_SILENT | ARGP_NO_ERRS), 0);
	make_events(ev, NEVENTS);
	reference(ev, NEVENTS, &o, want);
	for (int g = 0; g < NGROUPS; g++)
		for (int c = 0; c < 4; c++) {
			/* Every KPI has hits, or the test proves little. */
			assert_true(want[g][c] > 0);
			sum += want[g][c];
		}
	assert_true(sum < NEVENTS);
	for (size_t b = 0; b < sizeof(budgets) / sizeof(budgets[0]); b++)
		for (size_t t = 0; t < sizeof(threads) / sizeof(threads[0]);
		    t++) {
			run(ev, NEVENTS, budgets[b], threads[t], &o, got,
			    &spills);
			if (budgets[b] == 0)
				assert_int_equal(spills, 0);
			else
				assert_true(spills > 0);
			assert_memory_equal(got, want, sizeof(want));
		}
	qareport_free_opts(&o);
}

static void
test_empty(void **state)
{
	struct qa_part p = { 0 }, q = { 0 };
	struct qa_opts o;
	char *argv[] = { "qareport", NULL };

	(void)state;
	assert_int_equal(qareport_parse_args(1, argv, &o, ARGP_NO_EXIT |
	    ARGP_SILENT | ARGP_NO_ERRS), 0);
	/* No events at all, and parts merged without any. */
	assert_int_equal(qa_part_merge(&p, &q, 3), 0);
	qa_windows(&p, &o);
	assert_int_equal(p.naccounts, 0);
	assert_int_equal(qa_events_spills(&p), 0);
	qa_part_free(&q);
	qa_part_free(&p);
	qareport_free_opts(&o);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_windows),
		cmocka_unit_test(test_empty),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
