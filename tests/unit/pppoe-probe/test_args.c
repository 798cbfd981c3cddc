/* SPDX-License-Identifier: MIT */
/* Argument parsing, table-driven (ethtool's test-cmdline.c style). */
#include <argp.h>

#include "../testutil.h"
#include "pppoe-probe/probe.h"
#include "pppoe-probe/session.h"

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
		{ "-i eth0", 1 },
		{ "", 0 },
		{ "-i eth0 extra", 0 },
		{ "-i eth0 --vlan 7 --qinq 100 --pcp 5", 1 },
		{ "-i eth0 --qinq 100", 0 },
		{ "-i eth0 --vlan 4095", 0 },
		{ "-i eth0 --vlan 7 --vlan-scan 1-3", 0 },
		{ "-i eth0 --vlan-scan 1-3,7,2", 1 },
		{ "-i eth0 --vlan-scan 3-1", 0 },
		{ "-i eth0 --vlan-scan 1,,2", 0 },
		{ "-i eth0 -u bob --vlan-scan 1-3", 0 },
		{ "-i eth0 --host-uniq 0xc0ffee", 1 },
		{ "-i eth0 --host-uniq 0xc0ffe", 0 },
		{ "-i eth0 --host-uniq 0xzz", 0 },
		{ "-i eth0 --padt 1:52:54:00:12:34:56", 1 },
		{ "-i eth0 --padt 70000:52:54:00:12:34:56", 0 },
		{ "-i eth0 --padt 1", 0 },
		{ "-i eth0 --padt 1:52:54:00:12:34:56 -u bob", 0 },
		{ "-i eth0 --password-file /x", 0 },
		{ "-i eth0 --grace 500ms", 0 },
		{ "-i eth0 -u bob --grace 0", 1 },
		{ "-i eth0 -u bob --grace 60s --hold 1s", 1 },
		{ "-i eth0 -u bob --grace 61s", 0 },
		{ "-i eth0 -u bob --password-file -", 1 },
		{ "-i eth0 --auth pap,mschapv2", 1 },
		{ "-i eth0 --auth pap,eap", 0 },
		{ "-i eth0 --timeout 500ms -w 100ms -a 5 --backoff 1.5", 1 },
		{ "-i eth0 --timeout 0", 0 },
		{ "-i eth0 --backoff 0.5", 0 },
		{ "-i eth0 --mru 10", 0 },
		{ "-i eth0 --mru 0", 1 },
		{ "-i eth0 --max-payload 1500", 1 },
		{ "-i eth0 --max-payload 1000", 0 },
		{ "-i eth0 --ac-mac 52:54:00:12:34:56 --ac-mac 52-54-00-12-34-57", 1 },
		{ "-i eth0 --ac-mac 52:54", 0 },
		{ "-i eth0 --format summary", 1 },
		{ "-i eth0 --format xml", 0 },
		{ "-i eth0 --case", 0 },
		{ "-i eth0 -u bob --hold 30s", 1 },
		{ "-i eth0 --hold 30s", 0 },
		{ "-i eth0 -u bob --hold 0", 0 },
		{ "-i eth0 -u bob --hold 2x", 0 },
		{ "-i eth0 -u bob --hold 30s --watch", 1 },
		{ "-i eth0 -u bob --watch", 0 },
		{ "-i eth0 -u bob --hold 30s --watch --redial", 1 },
		{ "-i eth0 -u bob --hold 30s --watch --redial=100", 1 },
		{ "-i eth0 -u bob --hold 30s --watch --redial=0", 0 },
		{ "-i eth0 -u bob --hold 30s --watch --redial=101", 0 },
		{ "-i eth0 -u bob --hold 30s --redial", 0 },
		{ "-i eth0 -u bob --pd-length 56 --no-dhcp6", 1 },
		{ "-i eth0 -u bob --pd-length 0", 0 },
		{ "-i eth0 -u bob --pd-length 129", 0 },
		{ "-i eth0 -u bob --pd-length 5x", 0 },
	};
	struct probe_opts o;

	(void)st;
	for (size_t i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		int r = parse(t[i].line, &o);

		if ((r == 0) != t[i].ok)
			fail_msg("'%s': parse returned %d", t[i].line, r);
		pppoe_probe_free_opts(&o);
	}
}

static void
test_values(void **st)
{
	struct probe_opts o;

	(void)st;
	assert_int_equal(parse("-i eth0", &o), 0);
	assert_int_equal(o.timeout_ms, 5000);
	assert_int_equal(o.wait_ms, 250);
	assert_int_equal(o.attempts, 3);
	assert_int_equal(o.vlan, -1);
	assert_int_equal(o.auth_mask, SA_PAP | SA_CHAP | SA_MSCHAPV2);
	assert_int_equal(o.host_uniq_mode, HU_RANDOM);
	assert_int_equal(o.grace_ms, 1000);
	assert_int_equal(o.pd_len, 0);
	assert_int_equal(o.no_dhcp6, 0);
	assert_int_equal(parse("-i eth0 -u bob --pd-length 60 --no-dhcp6", &o),
	    0);
	assert_int_equal(o.pd_len, 60);
	assert_int_equal(o.no_dhcp6, 1);
	assert_int_equal(parse("-i eth0 -u bob --grace 250ms", &o), 0);
	assert_int_equal(o.grace_ms, 250);
	assert_int_equal(parse("-i eth0 -u bob --grace 0", &o), 0);
	assert_int_equal(o.grace_ms, 0);
	assert_int_equal(parse("-i eth0 --vlan-scan 9,1-3 --host-uniq 0xC0FFEE "
	    "--padt 17:52:54:00:12:34:56 --auth chap", &o), 0);
	assert_int_equal(o.nscan, 4);
	assert_int_equal(o.scan[0], 1);
	assert_int_equal(o.scan[3], 9);
	assert_int_equal(o.host_uniq_len, 3);
	assert_memory_equal(o.host_uniq, "\xc0\xff\xee", 3);
	assert_int_equal(o.padt_session, 17);
	assert_int_equal(o.padt_mac[5], 0x56);
	assert_int_equal(o.auth_mask, SA_CHAP);
	pppoe_probe_free_opts(&o);
	assert_int_equal(parse("-i eth0 --host-uniq none", &o), 0);
	assert_int_equal(o.host_uniq_mode, HU_NONE);
	assert_int_equal(o.hold_ms, 0);
	assert_int_equal(o.mru_given, 0);
	assert_int_equal(parse("-i eth0 -u bob --hold 1m --mru 1492", &o), 0);
	assert_int_equal(o.hold_ms, 60000);
	assert_int_equal(o.mru_given, 1);
	assert_int_equal(o.watch, 0);
	assert_int_equal(o.redial, 0);
	assert_int_equal(parse("-i eth0 -u bob --hold 1m --watch --redial",
	    &o), 0);
	assert_int_equal(o.watch, 1);
	assert_int_equal(o.redial, 3);
	assert_int_equal(parse("-i eth0 -u bob --hold 1m --watch --redial=7",
	    &o), 0);
	assert_int_equal(o.redial, 7);
}

/* --padt SESSION:MAC, also the fuzz target's parser (fuzz_opts). */
static void
test_padt(void **st)
{
	static const char *const bad[] = {
		"", ":52:54:00:12:34:56", "1", "1:", "65536:52:54:00:12:34:56",
		"-1:52:54:00:12:34:56", "123456789:52:54:00:12:34:56",
		"1:52:54:00:12:34", "1:52:54:00:12:34:56:78", "x:52:54:00:12:34:56",
	};
	uint8_t mac[6];
	unsigned sid = 0;

	(void)st;
	assert_int_equal(pppoe_probe_parse_padt("65535:52:54:00:12:34:56",
	    &sid, mac), 0);
	assert_int_equal(sid, 65535);
	assert_memory_equal(mac, "\x52\x54\x00\x12\x34\x56", 6);
	assert_int_equal(pppoe_probe_parse_padt("0:00:1b:21:3a:4f:10", &sid,
	    mac), 0);
	assert_int_equal(sid, 0);
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		assert_int_equal(pppoe_probe_parse_padt(bad[i], &sid, mac), -1);
}

int
main(void)
{
	const struct CMUnitTest t[] = {
		cmocka_unit_test(test_table),
		cmocka_unit_test(test_values),
		cmocka_unit_test(test_padt),
	};
	return cmocka_run_group_tests_name("pppoe-probe/args", t, NULL, NULL);
}
