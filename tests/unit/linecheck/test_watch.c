/* SPDX-License-Identifier: MIT */
/* linecheck --watch: the gateway's loss bursts on a made-up clock, and
 * the --watch options. */
#include <argp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../testutil.h"
#include "lib/checks.h"
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
	/* The textfile needs a name; -o alone is no watch output. */
	assert_int_equal(parse("--watch 1h --format=prometheus -o x.prom", &o),
	    0);
	assert_string_equal(o.output, "x.prom");
	assert_int_equal(o.fmt, BBT_CFMT_PROMETHEUS);
	assert_int_not_equal(parse("--watch 1h --format=prometheus", &o), 0);
	assert_int_not_equal(parse("--watch 1h --format=prometheus -o -", &o),
	    0);
	assert_int_not_equal(parse("--watch 1h -o x.prom", &o), 0);
	assert_int_not_equal(parse("--output=", &o), 0);
	/* Without --watch, -o takes any format, and TSV by default. */
	assert_int_equal(parse("-o out.tsv", &o), 0);
	assert_int_equal(o.fmt, BBT_CFMT_TSV);
}

/* The counters behind the textfile: settling losses are the flap's. */
static void
test_counts(void **st)
{
	(void)st;
	memset(&g, 0, sizeof(g));
	g.up_at = 0;
	send_n(10, 0);
	lc_gw_expire(&g, 5000);
	assert_int_equal(g.nsent, 10);
	assert_int_equal(g.nlost, 10);
	g.up_at = 6000;
	send_n(3, 6000);
	lc_gw_expire(&g, 9000);
	assert_int_equal(g.nsent, 13);
	assert_int_equal(g.nlost, 10);
}

/* A router followed: settling only when it changed; a link-local one
 * gets the interface as its scope. */
static void
test_follow(void **st)
{
	static struct lc_wgw w;
	const struct sockaddr_in6 *s6 = (const struct sockaddr_in6 *)&w.dst;

	(void)st;
	lc_wgw_init(&w, AF_INET, 0, 0, 1, 1000, 0);
	lc_wgw_follow(&w, "192.0.2.1", 3, 100);
	assert_int_equal(w.ok, 1);
	assert_int_equal(w.gt.up_at, 100);
	lc_wgw_follow(&w, "192.0.2.1", 3, 5000);
	assert_int_equal(w.gt.up_at, 100);
	lc_wgw_follow(&w, "192.0.2.2", 3, 6000);
	assert_int_equal(w.gt.up_at, 6000);
	lc_wgw_follow(&w, "", 3, 7000);
	assert_int_equal(w.ok, 0);
	assert_int_equal(w.gt.up_at, 7000);
	lc_wgw_init(&w, AF_INET6, 0, 0, 1, 1000, 0);
	lc_wgw_follow(&w, "fe80::1", 7, 100);
	assert_int_equal(w.ok, 1);
	assert_int_equal(s6->sin6_scope_id, 7);
	/* The interface came back with another index: a new route. */
	lc_wgw_follow(&w, "fe80::1", 9, 200);
	assert_int_equal(s6->sin6_scope_id, 9);
	assert_int_equal(w.gt.up_at, 200);
	lc_wgw_follow(&w, "2001:db8::1", 9, 300);
	assert_int_equal(s6->sin6_scope_id, 0);
	/* No socket: nothing to ping. */
	lc_wgw_init(&w, AF_INET, -1, 0, 1, 1000, 0);
	lc_wgw_follow(&w, "192.0.2.1", 3, 100);
	assert_int_equal(w.ok, 0);
}

/* The exposition: every family with HELP and TYPE, the RTT only once
 * there is a reply, events by kind. */
static void
test_prom(void **st)
{
	static struct lc_wgw g4, g6;
	struct lc_wstats ws;
	char *buf = NULL;
	size_t len = 0;
	FILE *fp;

	(void)st;
	lc_wgw_init(&g4, AF_INET, -1, 0, 1, 1000, 0);
	lc_wgw_init(&g6, AF_INET6, -1, 0, 1, 1000, 0);
	g4.ok = 1;
	g4.rtt_ms = 0.412;
	g4.gt.nsent = 30;
	g4.gt.nlost = 4;
	memset(&ws, 0, sizeof(ws));
	ws.iface = "eth0";
	ws.running = ws.link_up = ws.present = 1;
	ws.flaps = 2;
	ws.outage_ms = 61250;
	ws.events[LC_WK_LINK] = 4;
	ws.events[LC_WK_GATEWAY] = 1;
	ws.start_wall = 1796540000;
	ws.gw[0] = &g4;
	ws.gw[1] = &g6;
	assert_non_null(fp = open_memstream(&buf, &len));
	assert_int_equal(lc_wprom_print(fp, &ws), 0);
	fclose(fp);
	assert_non_null(strstr(buf, "# TYPE bbtools_watch_link_flaps_total "
	    "counter\nbbtools_watch_link_flaps_total{tool=\"linecheck\","
	    "interface=\"eth0\"} 2\n"));
	assert_non_null(strstr(buf, "bbtools_watch_outage_seconds_total{tool="
	    "\"linecheck\",interface=\"eth0\"} 61.25\n"));
	assert_non_null(strstr(buf, "bbtools_watch_gateway_rtt_seconds{tool="
	    "\"linecheck\",interface=\"eth0\",family=\"inet\"} "
	    "0.000412\n"));
	assert_null(strstr(buf, "family=\"inet6\"} 0.0"));
	assert_non_null(strstr(buf, "bbtools_watch_gateway_lost_total{tool="
	    "\"linecheck\",interface=\"eth0\",family=\"inet\"} 4\n"));
	assert_non_null(strstr(buf, "bbtools_watch_gateway_up{tool="
	    "\"linecheck\",interface=\"eth0\",family=\"inet6\"} 0\n"));
	assert_non_null(strstr(buf, "bbtools_watch_events_total{tool="
	    "\"linecheck\",interface=\"eth0\",kind=\"gateway\"} 1\n"));
	assert_non_null(strstr(buf, "bbtools_watch_start_timestamp_seconds{"
	    "tool=\"linecheck\",interface=\"eth0\"} 1796540000\n"));
	/* No event yet: no timestamp of one. */
	assert_null(strstr(buf, "last_event"));
	free(buf);
	assert_int_equal(lc_wk_kind("watch.gateway"), LC_WK_GATEWAY);
	assert_int_equal(lc_wk_kind("watch.summary"), -1);
	assert_int_equal(lc_wk_kind("gateway"), -1);
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
		cmocka_unit_test(test_counts),
		cmocka_unit_test(test_follow),
		cmocka_unit_test(test_prom),
	};

	return cmocka_run_group_tests(t, NULL, NULL);
}
