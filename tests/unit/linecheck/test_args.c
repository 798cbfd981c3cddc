/* SPDX-License-Identifier: MIT */
/* linecheck argument parsing, table-driven (ethtool's test-cmdline.c). */
#include <argp.h>

#include "../testutil.h"
#include "lib/checks.h"
#include "linecheck/linecheck.h"

static int
parse(const char *line, struct lc_opts *o)
{
	char *argv[40];
	int argc = test_argv("linecheck", line, argv, 40);

	return linecheck_parse_args(argc, argv, o, ARGP_SILENT & ~ARGP_NO_HELP);
}

static void
test_table(void **st)
{
	static const struct {
		const char *line;
		int ok;
	} t[] = {
		{ "", 1 },
		{ "-i eth0", 1 },
		{ "-i ''", 1 },
		{ "-i eth0/1", 0 },
		{ "-i averyveryverylongname0", 0 },
		{ "extra", 0 },
		{ "--count 0", 0 },
		{ "--count 100", 1 },
		{ "--count 101", 0 },
		{ "-t 500ms", 1 },
		{ "-t 50ms", 0 },
		{ "-t 2x", 0 },
		{ "--interval 10ms --dhcp-wait 0", 1 },
		{ "--target http://a.example/ --target https://[2001:db8::1]:8443/x", 1 },
		{ "--target ftp://a.example/", 0 },
		{ "--target http://u:p@a.example/", 0 },
		{ "--target http://a.example:0/", 0 },
		{ "--target http://a.example:99999/", 0 },
		{ "--target http:///", 0 },
		{ "--target www.example.test", 1 },
		{ "--target a/b", 0 },
		{ "--resolver 192.0.2.1 --resolver 2001:db8::53", 1 },
		{ "--resolver dns.example", 0 },
		{ "--ping 192.0.2.9", 1 },
		{ "--ping host", 0 },
		{ "--mtu-target 192.0.2.9", 1 },
		{ "--mtu-target 2001:db8::9", 0 },
		{ "--mtu-expect 1464", 1 },
		{ "--mtu-expect 100", 0 },
		{ "--loss-warn 5 --loss-crit 20", 1 },
		{ "--loss-warn 50", 0 },
		{ "--loss-crit 101", 0 },
		{ "--rtt-warn 200ms", 0 },
		{ "--rtt-warn 50ms --rtt-crit 1s", 1 },
		{ "--skip link,dhcp,arp,ping,dns,http,mtu,ipv6", 1 },
		{ "--skip wifi", 1 },
		{ "--skip dhcp,", 1 },
		{ "--skip nope", 0 },
		{ "--format json", 1 },
		{ "--format prometheus", 1 },
		{ "--format xml", 0 },
		{ "--case WO-1", 1 },
		{ "--errors-warn 5 --errors-crit 10 --dns-warn 1s --ttfb-warn 2s", 1 },
		{ "--lldp --cacert /etc/passwd --resolv-conf /etc/passwd",
		    1 },
		/* Files that are missing or directories (F17). */
		{ "--cacert /nonexistent/ca.pem", 0 },
		{ "--resolv-conf /nonexistent/resolv.conf", 0 },
		{ "--resolv-conf /", 0 },
		{ "--cacert /", 0 },
		{ "--resolv-conf /dev/zero", 0 },
	};
	struct lc_opts o;

	(void)st;
	for (size_t i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		int r = parse(t[i].line, &o);

		if ((r == 0) != t[i].ok)
			fail_msg("\"%s\": parse returned %d", t[i].line, r);
	}
}

static void
test_defaults(void **st)
{
	struct lc_opts o;

	(void)st;
	assert_int_equal(parse("", &o), 0);
	assert_null(o.iface);
	assert_int_equal(o.timeout_ms, 5000);
	assert_int_equal(o.count, 20);
	assert_int_equal(o.interval_ms, 25);
	assert_int_equal(o.dhcp_wait_ms, 300);
	assert_int_equal(o.dns_warn_ms, 300);
	assert_int_equal(o.rtt_warn_ms, 20);
	assert_int_equal(o.rtt_crit_ms, 100);
	assert_true(o.loss_warn == 1 && o.loss_crit == 10);
	assert_int_equal(o.ntargets, 2);
	assert_string_equal(o.targets[0], "http://www.baidu.com/");
	assert_string_equal(o.targets[1], "https://www.baidu.com/");
	assert_string_equal(o.resolv_conf, "/etc/resolv.conf");
	/* Not a terminal under the test runner. */
	assert_int_equal(o.fmt, BBT_CFMT_TSV);
}

static void
test_values(void **st)
{
	struct lc_opts o;

	(void)st;
	assert_int_equal(parse("-i wan0 -t 2.5 -c 7 --target a.test "
	    "--target http://b.test/ --skip mtu,ipv6 --format summary "
	    "--case C1 --mtu-expect 1464", &o), 0);
	assert_string_equal(o.iface, "wan0");
	assert_int_equal(o.timeout_ms, 2500);
	assert_int_equal(o.count, 7);
	assert_int_equal(o.ntargets, 2);
	assert_string_equal(o.targets[1], "http://b.test/");
	assert_int_equal(o.skip, LC_SKIP_MTU | LC_SKIP_IPV6);
	assert_int_equal(o.fmt, BBT_CFMT_SUMMARY);
	assert_string_equal(o.case_id, "C1");
	assert_int_equal(o.mtu_expect, 1464);
}

static void
test_too_many(void **st)
{
	char line[1024] = "";
	struct lc_opts o;

	(void)st;
	for (int i = 0; i <= LC_MAXT; i++)
		strcat(line, "--ping 192.0.2.1 ");
	assert_int_not_equal(parse(line, &o), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_table),
		cmocka_unit_test(test_defaults),
		cmocka_unit_test(test_values),
		cmocka_unit_test(test_too_many),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
