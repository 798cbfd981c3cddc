/* SPDX-License-Identifier: MIT */
/* The first-traffic options: --url, --dns-name, --ping, --no-traffic. */
#include <argp.h>

#include "../testutil.h"
#include "pppoe-probe/probe.h"

static int
parse(const char *line, struct probe_opts *o)
{
	char *argv[40];
	int argc = test_argv("pppoe-probe", line, argv, 40);

	return pppoe_probe_parse_args(argc, argv, o,
	    ARGP_SILENT & ~ARGP_NO_HELP);
}

static void
test_table(void **st)
{
	static const struct {
		const char *line;
		int ok;
	} t[] = {
		{ "-i eth0 -u bob --url http://www.bbt.test/", 1 },
		{ "-i eth0 -u bob --url http://10.64.0.1:8080/a?b", 1 },
		{ "-i eth0 -u bob --url https://www.bbt.test/", 0 },
		{ "-i eth0 -u bob --url http://", 0 },
		{ "-i eth0 -u bob --url http://h:99999/", 0 },
		{ "-i eth0 --url http://www.bbt.test/", 0 },
		{ "-i eth0 -u bob --dns-name www.qq.com", 1 },
		{ "-i eth0 -u bob --dns-name a..b", 0 },
		{ "-i eth0 -u bob --dns-name a/b", 0 },
		{ "-i eth0 --dns-name www.qq.com", 0 },
		{ "-i eth0 -u bob --ping 1.2.3.4 --ping 114.114.114.114", 1 },
		{ "-i eth0 -u bob --ping 1.2.3", 0 },
		{ "-i eth0 -u bob --ping ::1", 0 },
		{ "-i eth0 --ping 1.2.3.4", 0 },
		{ "-i eth0 -u bob --ping 1.1.1.1 --ping 1.1.1.2 --ping 1.1.1.3 "
		    "--ping 1.1.1.4 --ping 1.1.1.5 --ping 1.1.1.6 --ping 1.1.1.7 "
		    "--ping 1.1.1.8", 1 },
		{ "-i eth0 -u bob --ping 1.1.1.1 --ping 1.1.1.2 --ping 1.1.1.3 "
		    "--ping 1.1.1.4 --ping 1.1.1.5 --ping 1.1.1.6 --ping 1.1.1.7 "
		    "--ping 1.1.1.8 --ping 1.1.1.9", 0 },
		{ "-i eth0 -u bob --no-traffic", 1 },
		/* Harmless without a session: scripts may always pass it. */
		{ "-i eth0 --no-traffic", 1 },
	};
	struct probe_opts o;

	(void)st;
	for (size_t i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		int rc = parse(t[i].line, &o);

		if ((rc == 0) != t[i].ok)
			fail_msg("'%s': rc %d", t[i].line, rc);
		pppoe_probe_free_opts(&o);
	}
}

static void
test_values(void **st)
{
	struct probe_opts o;

	(void)st;
	assert_int_equal(parse("-i eth0 -u bob", &o), 0);
	assert_null(o.tr.url);
	assert_null(o.tr.dns_name);
	assert_int_equal(o.tr.nping, 0);
	assert_int_equal(o.tr.off, 0);
	pppoe_probe_free_opts(&o);
	assert_int_equal(parse("-i eth0 -u bob --url http://x/ --dns-name y "
	    "--ping 10.0.0.1 --ping 10.0.0.2 --no-traffic", &o), 0);
	assert_string_equal(o.tr.url, "http://x/");
	assert_string_equal(o.tr.dns_name, "y");
	assert_int_equal(o.tr.nping, 2);
	assert_memory_equal(o.tr.ping[1], "\x0a\x00\x00\x02", 4);
	assert_int_equal(o.tr.off, 1);
	pppoe_probe_free_opts(&o);
}

int
main(void)
{
	const struct CMUnitTest t[] = {
		cmocka_unit_test(test_table),
		cmocka_unit_test(test_values),
	};
	return cmocka_run_group_tests_name("pppoe-probe/traffic_args", t, NULL,
	    NULL);
}
