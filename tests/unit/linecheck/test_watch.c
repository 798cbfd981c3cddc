/* SPDX-License-Identifier: MIT */
/* linecheck --watch: the gateway's loss bursts on a made-up clock, and
 * the --watch options. */
#include <argp.h>
#include <string.h>

#include "../testutil.h"
#include "linecheck/linecheck.h"
#include "linecheck/watch.h"

static struct lc_gwtrack g;

/* n requests every 100 ms from t0; returns the first sequence number. */
static uint16_t
send_n(int n, int64_t t0)
{
	uint16_t first = g.seq;

	for (int i = 0; i < n; i++)
		(void)lc_gw_sent(&g, t0 + 100 * i, 1700000000 + i);
	return first;
}

static void
test_no_loss(void **st)
{
	struct lc_burst b;

	(void)st;
	memset(&g, 0, sizeof(g));
	for (int i = 0; i < 50; i++) {
		uint16_t s = lc_gw_sent(&g, 100 * i, 0);

		assert_int_equal(lc_gw_reply(&g, s, 100 * i + 2, &b), 0);
		lc_gw_expire(&g, 100 * i + 50);
	}
	assert_int_equal(lc_gw_cut(&g, 5000, &b), 0);
}

/* Requests 3, 4, 5 unanswered, 6 answered at 610 ms: one burst from
 * 300 ms, 3 lost, 310 ms long, found by the reply, not a timeout. */
static void
test_burst_by_reply(void **st)
{
	struct lc_burst b;

	(void)st;
	memset(&g, 0, sizeof(g));
	send_n(10, 0);
	for (uint16_t s = 0; s < 3; s++)
		assert_int_equal(lc_gw_reply(&g, s, 100 * s + 1, &b), 0);
	assert_int_equal(lc_gw_reply(&g, 6, 610, &b), 1);
	assert_int_equal(b.start, 300);
	assert_int_equal(b.lost, 3);
	assert_int_equal(b.len_ms, 310);
	assert_int_equal(b.wall, 1700000003);
	/* A late reply to a lost request changes nothing. */
	assert_int_equal(lc_gw_reply(&g, 4, 700, &b), 0);
	assert_int_equal(lc_gw_reply(&g, 7, 702, &b), 0);
	assert_int_equal(lc_gw_cut(&g, 800, &b), 0);
}

/* Nothing answered for 1.5 s: the burst opens at the timeout of the
 * first request and counts every request up to the first answered one. */
static void
test_burst_by_timeout(void **st)
{
	struct lc_burst b;

	(void)st;
	memset(&g, 0, sizeof(g));
	send_n(16, 0);
	assert_int_equal(lc_gw_reply(&g, 0, 1, &b), 0);
	lc_gw_expire(&g, 999 + 100);
	assert_int_equal(g.open, 0);
	lc_gw_expire(&g, 1200);
	assert_int_equal(g.open, 1);
	assert_int_equal(g.b.lost, 2);
	assert_int_equal(lc_gw_reply(&g, 15, 1510, &b), 1);
	assert_int_equal(b.start, 100);
	assert_int_equal(b.lost, 14);
	assert_int_equal(b.len_ms, 1410);
}

/* Lost requests within LC_GW_SETTLE_MS of the carrier's return belong
 * to the flap; later ones make a burst again. */
static void
test_settling(void **st)
{
	struct lc_burst b;

	(void)st;
	memset(&g, 0, sizeof(g));
	g.up_at = 10000;
	send_n(5, 10000 + LC_GW_SETTLE_MS - 500);
	lc_gw_expire(&g, 20000);
	assert_int_equal(g.open, 0);
	send_n(3, 30000);
	lc_gw_expire(&g, 40000);
	assert_int_equal(g.open, 1);
	assert_int_equal(g.b.lost, 3);
	assert_int_equal(lc_gw_cut(&g, 40000, &b), 1);
	assert_int_equal(b.len_ms, 10000);
	assert_int_equal(g.open, 0);
}

/* Cut (carrier lost): the burst so far, and the requests out are not
 * counted afterwards. */
static void
test_cut(void **st)
{
	struct lc_burst b;

	(void)st;
	memset(&g, 0, sizeof(g));
	send_n(4, 0);
	lc_gw_expire(&g, 1150);
	assert_int_equal(lc_gw_cut(&g, 1300, &b), 1);
	assert_int_equal(b.lost, 2);
	assert_int_equal(b.len_ms, 1300);
	lc_gw_expire(&g, 5000);
	assert_int_equal(g.open, 0);
}

/* The ring wraps: sequence numbers past 65535 and slots reused. */
static void
test_wrap(void **st)
{
	struct lc_burst b;

	(void)st;
	memset(&g, 0, sizeof(g));
	g.seq = 65530;
	send_n(4, 0);	/* 65530..65533 */
	send_n(4, 400);	/* 65534, 65535, 0, 1 */
	assert_int_equal(lc_gw_reply(&g, 65530, 1, &b), 0);
	assert_int_equal(lc_gw_reply(&g, 1, 705, &b), 1);
	assert_int_equal(b.start, 100);
	assert_int_equal(b.lost, 6);
}

/* Error frames: samples every 10 s; errors in two periods make one burst
 * from the sample before them, ended by the first clean sample; a
 * counter reset is no event. */
static void
test_errors(void **st)
{
	struct lc_errtrack t;
	struct lc_errburst b;

	(void)st;
	memset(&t, 0, sizeof(t));
	assert_int_equal(lc_err_sample(&t, 5, 7, 0, 100, &b), 0);
	assert_int_equal(lc_err_sample(&t, 5, 7, 10000, 110, &b), 0);
	assert_int_equal(t.open, 0);
	assert_int_equal(lc_err_sample(&t, 9, 7, 20000, 120, &b), 0);
	assert_int_equal(lc_err_sample(&t, 10, 9, 30000, 130, &b), 0);
	assert_int_equal(t.open, 1);
	assert_int_equal(lc_err_sample(&t, 10, 9, 40000, 140, &b), 1);
	assert_int_equal(b.start, 10000);
	assert_int_equal(b.wall, 110);
	assert_int_equal(b.len_ms, 20000);
	assert_int_equal(b.crc, 5);
	assert_int_equal(b.frame, 2);
	/* A driver reset: the counters start again from 0. */
	assert_int_equal(lc_err_sample(&t, 0, 0, 50000, 150, &b), 0);
	assert_int_equal(t.open, 0);
	assert_int_equal(lc_err_sample(&t, 0, 0, 60000, 160, &b), 0);
	/* A burst going on at the end of the watch. */
	assert_int_equal(lc_err_sample(&t, 3, 0, 70000, 170, &b), 0);
	assert_int_equal(lc_err_cut(&t, 75000, &b), 1);
	assert_int_equal(b.start, 60000);
	assert_int_equal(b.len_ms, 15000);
	assert_int_equal(b.crc, 3);
	assert_int_equal(lc_err_cut(&t, 80000, &b), 0);
}

static int
parse(const char *line, struct lc_opts *o)
{
	char *argv[20];
	int argc = test_argv("linecheck", line, argv, 20);

	return linecheck_parse_args(argc, argv, o, ARGP_SILENT & ~ARGP_NO_HELP);
}

static void
test_args(void **st)
{
	struct lc_opts o;

	(void)st;
	assert_int_equal(parse("", &o), 0);
	assert_int_equal(o.watch_ms, 0);
	assert_int_equal(o.interval_ms, 25);
	assert_int_equal(parse("--watch 1h", &o), 0);
	assert_int_equal(o.watch_ms, 3600000);
	assert_int_equal(o.interval_ms, 1000);
	assert_int_equal(parse("--interval 100ms --watch=30d", &o), 0);
	assert_int_equal(o.watch_ms, 30LL * 86400000);
	assert_int_equal(o.interval_ms, 100);
	assert_int_not_equal(parse("--watch 999ms", &o), 0);
	assert_int_not_equal(parse("--watch 31d", &o), 0);
	assert_int_not_equal(parse("--watch", &o), 0);
	assert_int_not_equal(parse("--watch 1m --speed=http://192.0.2.1/", &o),
	    0);
}

int
main(void)
{
	const struct CMUnitTest t[] = {
		cmocka_unit_test(test_no_loss),
		cmocka_unit_test(test_burst_by_reply),
		cmocka_unit_test(test_burst_by_timeout),
		cmocka_unit_test(test_settling),
		cmocka_unit_test(test_cut),
		cmocka_unit_test(test_wrap),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_args),
	};

	return cmocka_run_group_tests(t, NULL, NULL);
}
