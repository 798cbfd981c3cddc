/* SPDX-License-Identifier: MIT */
/* From measurements to records: thresholds and the root-cause rules. */
#include <ares.h>
#include <arpa/inet.h>
#include <curl/curl.h>

#include "../testutil.h"
#include "lib/rec.h"
#include "linecheck/linecheck.h"

static struct lc lc;
static struct lc_opts o;
static struct bbt_checks cs;

static void
setup_line(void)
{
	struct lc_link *k = &lc.link;

	memset(&lc, 0, sizeof(lc));
	memset(&o, 0, sizeof(o));
	o.count = 20;
	o.loss_warn = 1;
	o.loss_crit = 10;
	o.rtt_warn_ms = 20;
	o.rtt_crit_ms = 100;
	o.dns_warn_ms = 300;
	o.ttfb_warn_ms = 1000;
	o.errors_crit = 100;
	o.skip = LC_SKIP_IPV6 | LC_SKIP_DHCP;
	lc.o = &o;
	strcpy(k->name, "eth0");
	k->exists = k->carrier = k->up = k->ether = 1;
	strcpy(k->operstate, "up");
	k->mtu = 1500;
	k->eth_ok = 1;
	k->speed = 1000;
	k->duplex = 1;
	k->autoneg = 1;
	k->supported = 1000;
	k->eth_src = "netlink";
	k->st0.ok = k->st1.ok = 1;
	k->naddrs = 1;
	k->addrs[0].family = AF_INET;
	strcpy(k->addrs[0].addr, "192.168.77.100");
	k->addrs[0].prefix = 24;
	k->has_route4 = 1;
	strcpy(k->gw4, "192.168.77.1");
	lc.pcap_ok = 1;
	lc.l2.arp = LC_DONE;
	lc.l2.arp_probes = 3;
	lc.l2.gw_arp = 1;
	/* The gateway, one resolver, one name, one URL, the MTU. */
	lc.npings = 1;
	lc.pings[0].check = "gw.ping";
	strcpy(lc.pings[0].target, "192.168.77.1");
	lc.pings[0].family = AF_INET;
	lc.pings[0].st = LC_DONE;
	lc.pings[0].count = lc.pings[0].sent = 20;
	lc.pings[0].recv = 20;
	for (int i = 0; i < 20; i++) {
		lc.pings[0].got[i] = 1;
		lc.pings[0].rtt[i] = 1 + (i % 2);
	}
	lc.ndns = 1;
	strcpy(lc.dns[0].server, "192.168.77.1");
	lc.dns[0].family = AF_INET;
	lc.dns[0].ran = 1;
	lc.nnames = 1;
	lc.names[0] = "www.example.test";
	lc.dns[0].q[0][0].status = ARES_SUCCESS;
	lc.dns[0].q[0][0].ms = 2;
	strcpy(lc.dns[0].q[0][0].answer, "203.0.113.80");
	lc.dns[0].q[0][1].status = ARES_ENODATA;
	lc.nhttp = 1;
	assert_int_equal(lc_url_parse("http://www.example.test/",
	    &lc.http[0].u), 0);
	lc.http[0].family = AF_INET;
	lc.http[0].st = LC_DONE;
	lc.http[0].status = 200;
	lc.http[0].connect_ms = 1;
	lc.http[0].ttfb_ms = 3;
	lc.http[0].tls_ms = -1;
	strcpy(lc.http[0].addr, "203.0.113.80");
	lc.mtu.st = LC_DONE;
	strcpy(lc.mtu.target, "203.0.113.80");
	lc.mtu.via = "web";
	lc.mtu.max = 1472;
	lc.mtu.lo = 1472;
	lc.mtu.control_ok = 1;
	bbt_checks_init(&cs, "linecheck");
}

/* "name status value detail-key=value" of the first record named so. */
static const struct bbt_check *
rec(const char *name)
{
	for (size_t i = 0; i < cs.n; i++)
		if (strcmp(cs.v[i].name, name) == 0)
			return &cs.v[i];
	fail_msg("no %s record", name);
	return NULL;
}

static void
has(const char *name, enum bbt_state st, const char *value,
    const char *key, const char *val)
{
	const struct bbt_check *k = rec(name);
	char buf[256];

	if (k->status != st)
		fail_msg("%s: status %s, expected %s", name,
		    bbt_state_name(k->status), bbt_state_name(st));
	if (value)
		assert_string_equal(k->value ? k->value : "-", value);
	if (key) {
		if (!bbt_kv_get(k->detail, key, buf, sizeof(buf)))
			fail_msg("%s: no %s in \"%s\"", name, key, k->detail);
		assert_string_equal(buf, val);
	}
}

static void
teardown(void)
{
	bbt_checks_free(&cs);
}

static void
test_healthy(void **st)
{
	(void)st;
	setup_line();
	lc_verdict(&lc, &cs);
	assert_int_equal(bbt_checks_worst(&cs), BBT_OK);
	has("link.speed", BBT_OK, "1000", "duplex", "full");
	has("gw.ping", BBT_OK, "0", "rtt_avg", "1.5");
	has("gw.ping", BBT_OK, "0", "jitter", "1");
	has("dns.resolve", BBT_OK, "2", "rcode", "NOERROR");
	has("http.get", BBT_OK, "3", "status", "200");
	has("mtu.path", BBT_OK, "1472", "blackhole", "no");
	teardown();
}

static void
test_link_degraded(void **st)
{
	(void)st;
	setup_line();
	lc.link.speed = 100;
	lc.link.duplex = 0;
	lc.link.st1.rx_crc = 7;
	lc.link.st1.rx_frame = 2;
	lc_verdict(&lc, &cs);
	has("link.speed", BBT_WARNING, "100", "supported", "1000");
	has("link.duplex", BBT_WARNING, "half", NULL, NULL);
	has("link.errors", BBT_WARNING, "9", "rx_crc", "7");
	teardown();
}

static void
test_linklocal_only(void **st)
{
	(void)st;
	setup_line();
	strcpy(lc.link.addrs[0].addr, "169.254.3.4");
	lc.link.addrs[0].prefix = 16;
	lc.link.addrs[0].linklocal = 1;
	lc.dns[0].skipped = "ip.address";
	lc.http[0].st = LC_NOTRUN;
	lc.http[0].skipped = "ip.address";
	lc.npings = 0;
	lc.mtu.st = LC_NOTRUN;
	lc.mtu.skipped = "ip.address";
	lc_verdict(&lc, &cs);
	has("ip.address", BBT_CRITICAL, "169.254.3.4/16", "linklocal", "yes");
	has("arp.duplicate", BBT_SKIPPED, "-", "after", "ip.address");
	has("dns.resolve", BBT_SKIPPED, "-", "after", "ip.address");
	has("http.get", BBT_SKIPPED, "-", "after", "ip.address");
	teardown();
}

static void
test_gateway_filters_icmp(void **st)
{
	(void)st;
	setup_line();
	lc.pings[0].recv = 0;
	memset(lc.pings[0].got, 0, sizeof(lc.pings[0].got));
	lc_verdict(&lc, &cs);
	has("gw.ping", BBT_WARNING, "100", "error", "icmp_filtered");
	has("gw.ping", BBT_WARNING, "100", "arp", "yes");
	assert_int_equal(bbt_checks_worst(&cs), BBT_WARNING);
	teardown();
}

static void
test_gateway_dead(void **st)
{
	(void)st;
	setup_line();
	lc.pings[0].recv = 0;
	memset(lc.pings[0].got, 0, sizeof(lc.pings[0].got));
	lc.dns[0].q[0][0].status = ARES_ETIMEOUT;
	lc.dns[0].q[0][0].answer[0] = '\0';
	lc.http[0].st = LC_NOTRUN;
	lc.http[0].skipped = "dns.resolve";
	lc.mtu.lo = 0;
	lc.mtu.control_ok = 0;
	lc_verdict(&lc, &cs);
	has("gw.ping", BBT_CRITICAL, "100", "error", "timeout");
	has("dns.resolve", BBT_SKIPPED, "2", "after", "gw.ping");
	has("dns.resolve", BBT_SKIPPED, "2", "rcode", "timeout");
	/* The root, not the link in between. */
	has("http.get", BBT_SKIPPED, "-", "after", "gw.ping");
	has("mtu.path", BBT_SKIPPED, "-", "after", "gw.ping");
	assert_int_equal(bbt_checks_worst(&cs), BBT_CRITICAL);
	/* Perfdata: all lost, so the round trip is unknown ("U"). */
	{
		char out[2048] = "";
		FILE *fp = fmemopen(out, sizeof(out) - 1, "w");

		bbt_checks_write(&cs, fp, BBT_CFMT_SUMMARY, 0);
		fclose(fp);
		assert_non_null(strstr(out, " 'gw.ping_192.168.77.1'="
		    "100%;1;10;0;100 'gw.ping_192.168.77.1_rta'=U;20;100;0"));
	}
	teardown();
}

static void
test_conflict_explains(void **st)
{
	(void)st;
	setup_line();
	lc.l2.conflict = 1;
	memcpy(lc.l2.conflict_mac, "\x02\x77\x00\x00\x00\x66", 6);
	lc.pings[0].recv = 3;
	lc.http[0].curlcode = CURLE_OPERATION_TIMEDOUT;
	lc_verdict(&lc, &cs);
	has("arp.duplicate", BBT_CRITICAL, "02:77:00:00:00:66", "mac",
	    "02:77:00:00:00:66");
	has("gw.ping", BBT_SKIPPED, NULL, "after", "arp.duplicate");
	has("http.get", BBT_SKIPPED, NULL, "error", "timeout");
	teardown();
}

/* F7: no offer while the capture lost frames is no evidence of "no DHCP
 * server"; F8: servers beyond the table and malformed answers counted. */
static void
test_dhcp_evidence(void **st)
{
	(void)st;
	setup_line();
	o.skip &= ~(unsigned)LC_SKIP_DHCP;
	lc.l2.dhcp = LC_DONE;
	lc_verdict(&lc, &cs);
	has("dhcp.servers", BBT_CRITICAL, "0", "servers", "-");
	teardown();

	setup_line();
	o.skip &= ~(unsigned)LC_SKIP_DHCP;
	lc.l2.dhcp = LC_DONE;
	lc.l2.dropped = 5120;
	lc_verdict(&lc, &cs);
	has("dhcp.servers", BBT_UNKNOWN, "-", "dropped", "5120");
	has("dhcp.servers", BBT_UNKNOWN, "-", "error", "frames_dropped");
	/* The ARP answer may have been lost too. */
	has("arp.duplicate", BBT_UNKNOWN, "-", "dropped", "5120");
	teardown();

	setup_line();
	o.skip &= ~(unsigned)LC_SKIP_DHCP;
	lc.l2.dhcp = LC_DONE;
	lc.l2.noffers = 1;
	lc.l2.offers[0].server = lc.l2.offers[0].router = 0xc0a84d01;
	lc.l2.offers[0].yiaddr = 0xc0a84d80;
	lc.l2.more = 23;
	lc.l2.malformed = 3;
	lc.l2.dropped = 7;
	lc_verdict(&lc, &cs);
	has("dhcp.servers", BBT_WARNING, "24", "more", "23");
	has("dhcp.servers", BBT_WARNING, "24", "malformed", "3");
	has("dhcp.servers", BBT_WARNING, "24", "dropped", "7");
	has("dhcp.offer", BBT_OK, "192.168.77.128", NULL, NULL);
	teardown();
}

static void
test_dns_kinds(void **st)
{
	static const struct {
		int status;
		const char *rcode;
	} t[] = {
		{ ARES_ESERVFAIL, "SERVFAIL" }, { ARES_ENOTFOUND, "NXDOMAIN" },
		{ ARES_EREFUSED, "REFUSED" }, { ARES_ECONNREFUSED, "REFUSED" },
		{ ARES_ETIMEOUT, "timeout" }, { -1, "timeout" },
	};

	(void)st;
	for (size_t i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		setup_line();
		lc.dns[0].q[0][0].status = t[i].status;
		lc_verdict(&lc, &cs);
		has("dns.resolve", BBT_CRITICAL, NULL, "rcode", t[i].rcode);
		teardown();
	}
	setup_line();
	lc.dns[0].q[0][0].ms = 1200;
	lc_verdict(&lc, &cs);
	has("dns.resolve", BBT_WARNING, "1200", NULL, NULL);
	teardown();
}

static void
test_loss_thresholds(void **st)
{
	(void)st;
	setup_line();
	lc.pings[0].got[0] = 0;
	lc.pings[0].recv = 19;
	lc_verdict(&lc, &cs);
	has("gw.ping", BBT_WARNING, "5", "received", "19");
	teardown();
	setup_line();
	for (int i = 0; i < 6; i++)
		lc.pings[0].got[i] = 0;
	lc.pings[0].recv = 14;
	lc_verdict(&lc, &cs);
	has("gw.ping", BBT_CRITICAL, "30", "sent", "20");
	teardown();
}

static void
test_mtu(void **st)
{
	(void)st;
	setup_line();
	lc.mtu.lo = 1464;
	lc.mtu.hi = 1465;
	lc.mtu.fails_at_hi = 5;
	lc_verdict(&lc, &cs);
	has("mtu.path", BBT_CRITICAL, "1464", "blackhole", "yes");
	teardown();
	setup_line();
	lc.mtu.lo = 1464;
	lc.mtu.hi = 1465;
	lc.mtu.frag_needed = 1;
	lc.mtu.frag_mtu = 1492;
	lc_verdict(&lc, &cs);
	has("mtu.path", BBT_WARNING, "1464", "frag_mtu", "1492");
	teardown();
	/* Two lost probes are loss, not a black hole. */
	setup_line();
	lc.mtu.lo = 1464;
	lc.mtu.hi = 1465;
	lc.mtu.fails_at_hi = 2;
	lc_verdict(&lc, &cs);
	has("mtu.path", BBT_UNKNOWN, "1464", "error", "inconclusive");
	teardown();
	setup_line();
	o.mtu_expect = 1464;
	lc.mtu.lo = 1464;
	lc_verdict(&lc, &cs);
	has("mtu.path", BBT_OK, "1464", "expected", "1464");
	teardown();
}

static void
test_http_errors(void **st)
{
	static const struct {
		int code;
		long oserr, status;
		const char *err;
	} t[] = {
		{ CURLE_COULDNT_CONNECT, 111, 0, "refused" },
		{ CURLE_COULDNT_CONNECT, 110, 0, "timeout" },
		{ CURLE_COULDNT_CONNECT, 113, 0, "unreachable" },
		{ CURLE_OPERATION_TIMEDOUT, 0, 0, "timeout" },
		{ CURLE_PEER_FAILED_VERIFICATION, 0, 0, "tls" },
		{ CURLE_RECV_ERROR, 104, 0, "reset" },
		{ CURLE_OK, 0, 503, "http" },
	};

	(void)st;
	for (size_t i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		setup_line();
		lc.http[0].curlcode = t[i].code;
		lc.http[0].oserr = t[i].oserr;
		lc.http[0].status = t[i].status;
		lc_verdict(&lc, &cs);
		has("http.get", BBT_CRITICAL, NULL, "error", t[i].err);
		teardown();
	}
}

static void
test_link_down(void **st)
{
	(void)st;
	setup_line();
	lc.link.carrier = 0;
	strcpy(lc.link.operstate, "lowerlayerdown");
	lc_verdict(&lc, &cs);
	has("link.carrier", BBT_CRITICAL, "down", "operstate",
	    "lowerlayerdown");
	for (size_t i = 0; i < cs.n; i++)
		if (cs.v[i].status == BBT_CRITICAL)
			assert_string_equal(cs.v[i].name, "link.carrier");
	has("gw.ping", BBT_SKIPPED, "-", "after", "link.carrier");
	teardown();
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_healthy),
		cmocka_unit_test(test_link_degraded),
		cmocka_unit_test(test_linklocal_only),
		cmocka_unit_test(test_gateway_filters_icmp),
		cmocka_unit_test(test_gateway_dead),
		cmocka_unit_test(test_conflict_explains),
		cmocka_unit_test(test_dhcp_evidence),
		cmocka_unit_test(test_dns_kinds),
		cmocka_unit_test(test_loss_thresholds),
		cmocka_unit_test(test_mtu),
		cmocka_unit_test(test_http_errors),
		cmocka_unit_test(test_link_down),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
