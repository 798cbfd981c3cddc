/* SPDX-License-Identifier: MIT */
/* linecheck --speed: options, the steady-state rate from synthetic
 * samples, and what other checks' records say (speedcalc.c); the loaded
 * latency from synthetic probes (speedrec.c). */
#include <argp.h>
#include <math.h>

#include "../testutil.h"
#include "lib/checks.h"
#include "linecheck/linecheck.h"
#include "linecheck/speedint.h"

static int
parse(const char *line, struct lc_opts *o)
{
	char *argv[40];
	int argc = test_argv("linecheck", line, argv, 40);

	return linecheck_parse_args(argc, argv, o, ARGP_SILENT & ~ARGP_NO_HELP);
}

static void
test_plan(void **st)
{
	static const struct {
		const char *s;
		int ok;
		double down, up;
	} t[] = {
		{ "100", 1, 100, 0 },
		{ "1000/50", 1, 1000, 50 },
		{ "0.5/0.25", 1, 0.5, 0.25 },
		{ "0", 0, 0, 0 },
		{ "", 0, 0, 0 },
		{ "/50", 0, 0, 0 },
		{ "100/", 0, 0, 0 },
		{ "100/50/10", 0, 0, 0 },
		{ "100M", 0, 0, 0 },
		{ "-1", 0, 0, 0 },
		{ "1e9", 0, 0, 0 },
		{ "nan", 0, 0, 0 },
	};

	(void)st;
	for (size_t i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		double d = -1, u = -1;
		const char *why = lc_speed_plan_parse(t[i].s, &d, &u);

		if ((why == NULL) != t[i].ok)
			fail_msg("\"%s\": %s", t[i].s, why ? why : "accepted");
		if (t[i].ok && (d != t[i].down || u != t[i].up))
			fail_msg("\"%s\": %g/%g", t[i].s, d, u);
	}
}

static void
test_url(void **st)
{
	static const struct {
		const char *s;
		int ok, iperf, port;
		const char *host;
	} t[] = {
		{ "http://s.example/big", 1, 0, 80, "s.example" },
		{ "https://[2001:db8::1]:8443/x", 1, 0, 8443, "2001:db8::1" },
		{ "iperf3://s.example", 1, 1, 5201, "s.example" },
		{ "IPERF3://s.example:5202/", 1, 1, 5202, "s.example" },
		{ "iperf3://[2001:db8::1]", 1, 1, 5201, "2001:db8::1" },
		{ "iperf3://[2001:db8::1]:80", 1, 1, 80, "2001:db8::1" },
		{ "iperf3://s.example:80", 1, 1, 80, "s.example" },
		{ "iperf3://", 0, 0, 0, NULL },
		{ "iperf3://s.example/path", 0, 0, 0, NULL },
		{ "iperf3://s.example?x", 0, 0, 0, NULL },
		{ "iperf3://u@s.example", 0, 0, 0, NULL },
		{ "iperf3://s.example:0", 0, 0, 0, NULL },
		{ "ftp://s.example/", 0, 0, 0, NULL },
	};

	(void)st;
	for (size_t i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		struct lc_url u;
		int iperf = -1, r = lc_speed_url_parse(t[i].s, &u, &iperf);

		if ((r == 0) != t[i].ok)
			fail_msg("\"%s\": %d", t[i].s, r);
		if (!t[i].ok)
			continue;
		assert_int_equal(iperf, t[i].iperf);
		assert_int_equal(u.port, t[i].port);
		assert_string_equal(u.host, t[i].host);
		assert_string_equal(u.url, t[i].s);
	}
}

static void
test_args(void **st)
{
	static const struct {
		const char *line;
		int ok;
	} t[] = {
		{ "--speed=http://192.0.2.1/big", 1 },
		{ "--speed=http://192.0.2.1/big --speed=https://s.example:8443/x", 1 },
		{ "--speed=ftp://192.0.2.1/big", 0 },
		{ "--speed=http://192.0.2.1/big --plan 100/30 --slow-ratio 0.9", 1 },
		{ "--plan 100", 0 },
		{ "--speed=http://192.0.2.1/big --plan 100/x", 0 },
		{ "--speed=http://192.0.2.1/big --speed-streams 16", 1 },
		{ "--speed=http://192.0.2.1/big --speed-streams 17", 0 },
		{ "--speed=http://192.0.2.1/big --speed-time 500ms", 0 },
		{ "--speed=http://192.0.2.1/big --speed-time 20s", 1 },
		{ "--speed=http://192.0.2.1/big --slow-ratio 0", 0 },
		{ "--speed=http://192.0.2.1/big --wired eth0", 1 },
		{ "--wired eth0", 0 },
		{ "--speed=http://192.0.2.1/big --wired=", 0 },
		{ "--speed=http://192.0.2.1/big --wired a234567890123456", 0 },
		{ "--speed=http://192.0.2.1/big --wired a/b", 0 },
	};
	struct lc_opts o;

	(void)st;
	unsetenv("LINECHECK_SPEED_SERVERS");
	for (size_t i = 0; i < sizeof(t) / sizeof(t[0]); i++)
		if ((parse(t[i].line, &o) == 0) != t[i].ok)
			fail_msg("\"%s\"", t[i].line);
	assert_int_not_equal(parse("--speed", &o), 0);
	setenv("LINECHECK_SPEED_SERVERS", "http://a.example/x,http://192.0.2.2/y",
	    1);
	assert_int_equal(parse("--speed", &o), 0);
	assert_int_equal(o.speed.nservers, 2);
	assert_string_equal(o.speed.hosts[0], "a.example");
	assert_string_equal(o.speed.hosts[1], "");
	/* Servers on the command line win over the environment. */
	assert_int_equal(parse("--speed=http://192.0.2.3/z", &o), 0);
	assert_int_equal(o.speed.nservers, 1);
	unsetenv("LINECHECK_SPEED_SERVERS");
	assert_int_equal(parse("", &o), 0);
	assert_int_equal(o.speed.on, 0);
	assert_int_equal(o.speed.streams, 4);
	assert_int_equal(o.speed.time_ms, 8000);
	assert_true(o.speed.slow_ratio == 0.8);
}

/* Samples every 100 ms: nothing for `wait` samples, then a linear ramp
 * over `ramp` samples up to mbps, then mbps with +-jitter alternating. */
static void
fill(struct lc_rate *r, int n, int wait, int ramp, double mbps, double jitter)
{
	double b = 0;

	memset(r, 0, sizeof(*r));
	for (int i = 0; i < n; i++) {
		double rate = i <= wait ? 0 : i - wait < ramp ?
		    mbps * (i - wait) / ramp : mbps * (1 + (i % 2 ? jitter :
		    -jitter));

		if (i > 0)
			b += rate * 1e6 / 8 * 0.1;
		r->t[i] = i * 0.1;
		r->b[i] = (uint64_t)b;
	}
	r->n = n;
}

static void
test_rate(void **st)
{
	static struct lc_rate r;
	struct lc_steady s;

	(void)st;
	/* Flat from the first byte (sample 1): stable once two seconds
	 * after it are in. */
	fill(&r, 22, 0, 1, 100, 0);
	assert_true(lc_rate_stable(&r, 0.02));
	fill(&r, 21, 0, 1, 100, 0);
	assert_false(lc_rate_stable(&r, 0.02));
	assert_true(fabs(lc_rate_window(&r, 20) - 100) < 0.1);
	assert_true(lc_rate_window(&r, 9) < 0);

	/* A 1 s slow start after 0.3 s of nothing: left out. */
	fill(&r, 50, 3, 10, 80, 0.01);
	assert_int_equal(lc_rate_steady(&r, &s), 0);
	assert_true(fabs(s.mbps - 80) < 0.5);
	assert_true(fabs(s.median - 80) < 1);
	assert_true(s.ramp >= 3 + 10 - 2 && s.ramp <= 3 + 10);
	assert_int_equal(s.samples, 49 - s.ramp);

	/* Still ramping at the end: not stable. */
	fill(&r, 40, 0, 60, 80, 0);
	assert_false(lc_rate_stable(&r, 0.02));

	/* 10 % jitter per sample averages out over a second. */
	fill(&r, 31, 0, 1, 50, 0.10);
	assert_true(lc_rate_stable(&r, 0.02));

	/* Loss recovery makes one-second rates swing by +-3 % (here a
	 * square wave of 2 s): the estimate still settles. */
	memset(&r, 0, sizeof(r));
	for (int i = 1; i < 60; i++) {
		r.t[i] = i * 0.1;
		r.b[i] = r.b[i - 1] + (uint64_t)(20e6 / 8 * 0.1 *
		    ((i - 1) / 10 % 2 ? 0.97 : 1.03));
	}
	r.n = 60;
	assert_true(lc_rate_stable(&r, 0.02));
	assert_int_equal(lc_rate_steady(&r, &s), 0);
	assert_true(fabs(s.mbps - 20) < 0.3);
	r.n = 22;
	assert_false(lc_rate_stable(&r, 0.02));

	/* No data at all, and data in one sample only. */
	fill(&r, 30, 100, 1, 50, 0);
	assert_int_equal(lc_rate_steady(&r, &s), -1);
	fill(&r, 3, 1, 1, 8, 0);
	assert_int_equal(lc_rate_steady(&r, &s), 0);
	assert_true(s.mbps > 0);
}

static void
test_limits(void **st)
{
	struct bbt_checks cs;
	char b[128];

	(void)st;
	bbt_checks_init(&cs, "linecheck");
	bbt_checks_add(&cs, "link.speed", "eth0", BBT_WARNING, "100", "Mbit/s",
	    "duplex=half");
	bbt_checks_add(&cs, "link.duplex", "eth0", BBT_WARNING, "half", NULL,
	    NULL);
	bbt_checks_add(&cs, "link.errors", "eth0", BBT_OK, "0", "frames", NULL);
	bbt_checks_add(&cs, "mtu.path", "192.0.2.1", BBT_CRITICAL, "1464",
	    "bytes", "blackhole=yes");
	lc_speed_limits(&cs, 300, 0, b, sizeof(b));
	assert_string_equal(b, "link_speed,half_duplex,mtu");
	/* A 100 Mbit/s port does not explain missing a 100 Mbit/s plan. */
	lc_speed_limits(&cs, 100, 1, b, sizeof(b));
	assert_string_equal(b, "half_duplex,wifi,mtu");
	bbt_checks_free(&cs);

	bbt_checks_init(&cs, "linecheck");
	bbt_checks_add(&cs, "link.speed", "eth0", BBT_INFO, NULL, "Mbit/s",
	    "virtual=veth");
	lc_speed_limits(&cs, 300, 0, b, sizeof(b));
	assert_string_equal(b, "");
	bbt_checks_free(&cs);
}

/* --wired: which side misses the plan, on the worse of down and up. */
static void
test_misses(void **st)
{
	static const struct {
		double plan_down, plan_up;
		struct lc_speed_side wifi, wired;
		const char *m;
		double wr, dr;
	} t[] = {
		{ 60, 60, { 19.2, 19.1 }, { 859.9, 856.9 }, "wifi", 0.32, 14.28 },
		{ 60, 60, { 19.2, 19.1 }, { 9.6, 9.5 }, "both", 0.32, 0.16 },
		{ 60, 60, { 55, 50 }, { 9.6, 70 }, "wired", 0.83, 0.16 },
		{ 60, 60, { 55, 50 }, { 60, 70 }, "none", 0.83, 1 },
		/* The upload alone misses: the side misses. */
		{ 100, 30, { 95, 10 }, { 98, 29 }, "wifi", 0.333, 0.967 },
		/* No upload plan: the upload does not count. */
		{ 100, 0, { 95, 1 }, { 98, -1 }, "none", 0.95, 0.98 },
		/* Exactly slow_ratio meets it. */
		{ 100, 0, { 80, -1 }, { 79.9, -1 }, "wired", 0.8, 0.8 },
		/* A side without a rate: no verdict. */
		{ 100, 30, { 95, -1 }, { 98, 29 }, NULL, -1, 0.967 },
		{ 100, 30, { -1, 20 }, { 98, 29 }, NULL, -1, 0.967 },
		/* No plan: no verdict, no ratios. */
		{ 0, 0, { 95, 20 }, { 98, 29 }, NULL, -1, -1 },
	};
	struct lc_speed_opts o;

	(void)st;
	lc_speed_defaults(&o);
	for (size_t i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		const char *m;
		double wr, dr;

		o.plan_down = t[i].plan_down;
		o.plan_up = t[i].plan_up;
		m = lc_speed_misses(&o, &t[i].wifi, &t[i].wired, &wr, &dr);
		if ((m == NULL) != (t[i].m == NULL) ||
		    (m && strcmp(m, t[i].m) != 0))
			fail_msg("case %zu: %s, expected %s", i, m ? m : "NULL",
			    t[i].m ? t[i].m : "NULL");
		if (fabs(wr - t[i].wr) > 0.005 || fabs(dr - t[i].dr) > 0.005)
			fail_msg("case %zu: ratios %.3f %.3f", i, wr, dr);
	}
}

static void
test_blocker(void **st)
{
	struct bbt_checks cs;

	(void)st;
	bbt_checks_init(&cs, "linecheck");
	bbt_checks_add(&cs, "link.carrier", "eth0", BBT_OK, "up", NULL, NULL);
	bbt_checks_add(&cs, "gw.ping", "192.0.2.1", BBT_OK, "0", "%",
	    "family=inet");
	bbt_checks_add(&cs, "gw.ping", "2001:db8::1", BBT_CRITICAL, "100", "%",
	    "family=inet6");
	bbt_checks_add(&cs, "dns.resolve", "192.0.2.53", BBT_CRITICAL, NULL,
	    "ms", "name=s.example rcode=SERVFAIL");
	bbt_checks_add(&cs, "dns.resolve", "192.0.2.54", BBT_OK, "3", "ms",
	    "name=s.example rcode=NOERROR");
	bbt_checks_add(&cs, "dns.resolve", "192.0.2.53", BBT_CRITICAL, NULL,
	    "ms", "name=t.example rcode=SERVFAIL");
	bbt_checks_add(&cs, "http.get", "http://a/", BBT_CRITICAL, NULL, "ms",
	    "family=inet error=refused");
	bbt_checks_add(&cs, "http.get", "http://b/", BBT_OK, "9", "ms",
	    "family=inet");
	/* IPv4 passes, one resolver answers, one web target works. */
	assert_null(lc_speed_blocker(&cs, "inet", "s.example"));
	assert_string_equal(lc_speed_blocker(&cs, "inet", "t.example"),
	    "dns.resolve");
	assert_string_equal(lc_speed_blocker(&cs, "inet6", NULL), "gw.ping");
	cs.v[7].status = BBT_SKIPPED;
	free(cs.v[7].detail);
	cs.v[7].detail = strdup("after=dns.resolve family=inet");
	assert_string_equal(lc_speed_blocker(&cs, "inet", NULL), "http.get");
	cs.v[0].status = BBT_CRITICAL;
	assert_string_equal(lc_speed_blocker(&cs, "inet", NULL),
	    "link.carrier");
	bbt_checks_free(&cs);
}

/*
 * Probes every 100 ms behind a queue that fills to 420 ms in 0.5 s, holds
 * for a second, then drains to 130 ms (a BBR upload behind a 400 ms tbf
 * queue, measured): the loaded latency is what it held, not the median of
 * the whole direction (~300 ms) nor its end.
 */
static void
test_loaded(void **st)
{
	double ms[45], t[45];
	int n = 0;

	(void)st;
	for (int i = 1; i <= 44; i++, n++) {
		t[n] = i * 0.1;
		ms[n] = i <= 5 ? 84.0 * i : i <= 16 ? 420 : i <= 28 ? 300 : 130;
	}
	assert_float_equal(lc_speed_loaded(ms, t, n), 420, 0.01);
	assert_float_equal(lc_speed_median(ms, n), 300, 0.01);
	/* Fewer than three answers in any second: the median of them. */
	assert_float_equal(lc_speed_loaded((double[]){ 10, 30 },
	    (double[]){ 0.1, 2.5 }, 2), 20, 0.01);
	assert_true(lc_speed_loaded(ms, t, 0) < 0);

	/* Still filling at 1.6 s (the last second slower by more than
	 * 10 % + 5 ms than the one before), standing at 2.6 s; draining
	 * is not filling. */
	for (int i = 0; i < n; i++)
		ms[i] = t[i] < 0.45 ? 20 : t[i] < 1.55 ? 420 : 130;
	assert_true(lc_speed_lat_rising(ms, t, 15, 1.6));
	assert_false(lc_speed_lat_rising(ms, t, 25, 2.6));
	assert_false(lc_speed_lat_rising(ms, t, n, 4.5));
	/* No second before, or none of the last second's probes back (a
	 * queue that drops them): no evidence of filling. */
	assert_false(lc_speed_lat_rising(ms, t, 9, 0.95));
	assert_false(lc_speed_lat_rising(ms, t, 9, 1.95));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_plan),
		cmocka_unit_test(test_url),
		cmocka_unit_test(test_args),
		cmocka_unit_test(test_rate),
		cmocka_unit_test(test_limits),
		cmocka_unit_test(test_blocker),
		cmocka_unit_test(test_loaded),
		cmocka_unit_test(test_misses),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
