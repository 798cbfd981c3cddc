/* SPDX-License-Identifier: MIT */
/* Frames and small parsers: DHCP, ARP, LLDP, URLs, resolv.conf. */
#include <arpa/inet.h>

#include "../testutil.h"
#include "linecheck/linecheck.h"

static const uint8_t mac[6] = { 2, 0, 0, 0, 0, 0x10 };

/* Turns our DISCOVER into the server's OFFER, as a server would. */
static size_t
make_offer(uint8_t *f, size_t sz, uint32_t xid, const uint8_t *opts,
    size_t olen)
{
	size_t n = lc_dhcp_discover(f, sz, mac, xid);
	uint8_t *ip = f + 14, *b = ip + 28;

	assert_true(n > 0);
	memcpy(f + 6, "\x02\x11\x22\x33\x44\x55", 6);
	ip[20] = 0;
	ip[21] = 67;
	ip[22] = 0;
	ip[23] = 68;
	b[0] = 2;
	memcpy(b + 16, "\xc0\xa8\x4d\x80", 4);	/* yiaddr 192.168.77.128 */
	memset(b + 240, 0, n - 14 - 28 - 240);
	memcpy(b + 240, opts, olen);
	return n;
}

static void
test_dhcp_discover(void **st)
{
	uint8_t f[600];
	size_t n;

	(void)st;
	assert_int_equal(lc_dhcp_discover(f, 100, mac, 1), 0);
	n = lc_dhcp_discover(f, sizeof(f), mac, 0x12345678);
	assert_int_equal(n, 14 + 20 + 8 + 300);
	assert_memory_equal(f, "\xff\xff\xff\xff\xff\xff", 6);
	assert_memory_equal(f + 6, mac, 6);
	assert_int_equal(f[14 + 9], 17);		/* UDP */
	assert_int_equal(f[14 + 28], 1);		/* BOOTREQUEST */
	assert_memory_equal(f + 14 + 28 + 4, "\x12\x34\x56\x78", 4);
	assert_memory_equal(f + 14 + 28 + 10, "\x80\x00", 2);	/* broadcast */
	assert_memory_equal(f + 14 + 28 + 240, "\x35\x01\x01", 3);
}

static void
test_dhcp_offer(void **st)
{
	static const uint8_t opts[] = {
		53, 1, 2, 54, 4, 192, 168, 77, 1, 3, 4, 192, 168, 77, 1,
		6, 8, 192, 168, 77, 1, 8, 8, 8, 8, 51, 4, 0, 0, 0x0e, 0x10,
		0, 255,
	};
	uint8_t f[600];
	struct lc_offer of;
	size_t n = make_offer(f, sizeof(f), 7, opts, sizeof(opts));

	(void)st;
	assert_int_equal(lc_dhcp_parse_offer(f, n, 7, &of), 1);
	assert_int_equal(of.server, 0xc0a84d01);
	assert_int_equal(of.yiaddr, 0xc0a84d80);
	assert_int_equal(of.router, 0xc0a84d01);
	assert_int_equal(of.ndns, 2);
	assert_int_equal(of.dns[1], 0x08080808);
	assert_int_equal(of.lease, 3600);
	assert_memory_equal(of.mac, "\x02\x11\x22\x33\x44\x55", 6);
	/* Another transaction, a truncated frame, an ACK: not an offer. */
	assert_int_equal(lc_dhcp_parse_offer(f, n, 8, &of), 0);
	assert_int_equal(lc_dhcp_parse_offer(f, 200, 7, &of), 0);
	f[14 + 28 + 242] = 5;
	assert_int_equal(lc_dhcp_parse_offer(f, n, 7, &of), 0);
}

static void
test_dhcp_bad_options(void **st)
{
	/* An option running past the end of the frame. */
	static const uint8_t opts[] = { 53, 1, 2, 54, 200 };
	uint8_t f[600];
	struct lc_offer of;
	size_t n = make_offer(f, sizeof(f), 9, opts, sizeof(opts));

	(void)st;
	n = 14 + 28 + 240 + sizeof(opts);
	assert_int_equal(lc_dhcp_parse_offer(f, n, 9, &of), -1);
}

/* Answers to our DISCOVER that no server may send (reliability audit F8):
 * counted as malformed, never listed as a server. */
static void
test_dhcp_malformed(void **st)
{
	static const struct {
		uint8_t yiaddr[4];
		uint8_t opts[24];
		size_t len;
		int want;
	} t[] = {
		/* Server id of length 1 (was server 0.0.0.0). */
		{ { 192, 168, 77, 128 }, { 53, 1, 2, 54, 1, 10, 255 }, 7, -1 },
		/* yiaddr 255.255.255.255. */
		{ { 255, 255, 255, 255 }, { 53, 1, 2, 54, 4, 10, 9, 3, 1, 255 },
		    10, -1 },
		/* Router option of 6 bytes; lease of 2; type of 2. */
		{ { 10, 9, 4, 2 }, { 53, 1, 2, 54, 4, 10, 9, 4, 1, 3, 6, 10, 9,
		    4, 1, 0, 0, 255 }, 18, -1 },
		{ { 10, 9, 4, 2 }, { 53, 1, 2, 54, 4, 10, 9, 4, 1, 51, 2, 1, 1,
		    255 }, 14, -1 },
		{ { 10, 9, 4, 2 }, { 53, 2, 2, 0, 54, 4, 10, 9, 4, 1, 255 }, 11,
		    -1 },
		/* No server id and no siaddr; a multicast server id. */
		{ { 10, 9, 4, 2 }, { 53, 1, 2, 255 }, 4, -1 },
		{ { 10, 9, 4, 2 }, { 53, 1, 2, 54, 4, 224, 0, 0, 1, 255 }, 10,
		    -1 },
		/* A router of 127.0.0.1. */
		{ { 10, 9, 4, 2 }, { 53, 1, 2, 54, 4, 10, 9, 4, 1, 3, 4, 127, 0,
		    0, 1, 255 }, 16, -1 },
		/* Two routers, well formed: fine. */
		{ { 10, 9, 4, 2 }, { 53, 1, 2, 54, 4, 10, 9, 4, 1, 3, 8, 10, 9,
		    4, 1, 10, 9, 4, 9, 255 }, 20, 1 },
		/* A malformed ACK is not an offer at all. */
		{ { 10, 9, 4, 2 }, { 53, 1, 5, 54, 1, 10, 255 }, 7, 0 },
	};
	uint8_t f[600];
	struct lc_offer of;

	(void)st;
	for (size_t i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		size_t n = make_offer(f, sizeof(f), 9, t[i].opts, t[i].len);

		memcpy(f + 14 + 28 + 16, t[i].yiaddr, 4);
		if (lc_dhcp_parse_offer(f, n, 9, &of) != t[i].want)
			fail_msg("case %zu: got %d", i,
			    lc_dhcp_parse_offer(f, n, 9, &of));
	}
}

static void
test_arp(void **st)
{
	uint8_t f[64], sha[6];
	uint32_t sip, tip;
	int op;

	(void)st;
	assert_int_equal(lc_arp_request(f, 40, mac, 0, 1), 0);
	assert_int_equal(lc_arp_request(f, sizeof(f), mac, 0, 0xc0a84d64), 60);
	assert_int_equal(lc_arp_parse(f, 60, &op, sha, &sip, &tip), 1);
	assert_int_equal(op, 1);
	assert_memory_equal(sha, mac, 6);
	assert_int_equal(sip, 0);		/* an RFC 5227 probe */
	assert_int_equal(tip, 0xc0a84d64);
	assert_int_equal(lc_arp_parse(f, 30, &op, sha, &sip, &tip), 0);
	f[12] = 0x08;
	f[13] = 0x00;
	assert_int_equal(lc_arp_parse(f, 60, &op, sha, &sip, &tip), 0);
}

static void
test_lldp(void **st)
{
	uint8_t f[128] = { 1, 0x80, 0xc2, 0, 0, 0x0e, 2, 1, 2, 3, 4, 5,
		0x88, 0xcc };
	uint8_t *t = f + 14;
	struct lc_lldp l;

	(void)st;
	/* Chassis id: MAC subtype 4. */
	*t++ = 1 << 1; *t++ = 7; *t++ = 4;
	memcpy(t, "\x00\x11\x22\x33\x44\x55", 6); t += 6;
	/* Port id: interface name subtype 5. */
	*t++ = 2 << 1; *t++ = 6; *t++ = 5; memcpy(t, "Gi0/7", 5); t += 5;
	*t++ = 5 << 1; *t++ = 5; memcpy(t, "sw-3f", 5); t += 5;
	*t++ = 0; *t++ = 0;
	assert_int_equal(lc_lldp_parse(f, (size_t)(t - f), &l), 1);
	assert_string_equal(l.chassis, "00:11:22:33:44:55");
	assert_string_equal(l.port, "Gi0/7");
	assert_string_equal(l.sysname, "sw-3f");
	/* A TLV longer than the frame ends the walk. */
	f[14 + 9 + 1] = 200;
	assert_int_equal(lc_lldp_parse(f, (size_t)(t - f), &l), 1);
	assert_string_equal(l.port, "");
}

static void
test_rs_ra(void **st)
{
	static const uint8_t ll[16] = { 0xfe, 0x80, [15] = 1 };
	uint8_t f[200];
	struct lc_ra ra;
	size_t n;

	(void)st;
	assert_int_equal(lc_rs_build(f, 40, mac, NULL), 0);
	assert_int_equal(lc_rs_build(f, sizeof(f), mac, NULL), 14 + 40 + 8);
	n = lc_rs_build(f, sizeof(f), mac, ll);
	assert_int_equal(n, 14 + 40 + 16);
	assert_memory_equal(f, "\x33\x33\0\0\0\x02", 6);
	assert_int_equal(f[14 + 40], 133);
	/* Pseudo-header plus message, checksum included, sums to 0xffff. */
	{
		uint32_t sum = 16 + 58;

		for (int i = 14 + 8; i < 14 + 40; i += 2)
			sum += (uint32_t)f[i] << 8 | f[i + 1];
		for (size_t i = 14 + 40; i < n; i += 2)
			sum += (uint32_t)f[i] << 8 | f[i + 1];
		while (sum >> 16)
			sum = (sum & 0xffff) + (sum >> 16);
		assert_int_equal(sum, 0xffff);
	}
	/* An RS is no RA. */
	assert_int_equal(lc_ra_parse(f, n, &ra), 0);

	/* Turn it into an RA with a prefix, an MTU and an RDNSS option. */
	{
		uint8_t *ip = f + 14, *ic = ip + 40, *o;

		memset(ic, 0, 100);
		ic[0] = 134;
		ic[5] = 0x40;			/* O */
		ic[6] = 0x07;			/* lifetime 1800 */
		ic[7] = 0x08;
		o = ic + 16;
		o[0] = 3; o[1] = 4; o[2] = 64; o[3] = 0xc0;
		memcpy(o + 16, "\x20\x01\x0d\xb8\0\x77", 6);
		o += 32;
		o[0] = 5; o[1] = 1; o[6] = 0x05; o[7] = 0xd4;	/* 1492 */
		o += 8;
		o[0] = 25; o[1] = 3;
		memcpy(o + 8, "\x20\x01\x0d\xb8\0\x77", 6);
		o[23] = 1;
		o += 24;
		ip[4] = 0;
		ip[5] = (uint8_t)(o - ic);
		n = (size_t)(o - f);
	}
	assert_int_equal(lc_ra_parse(f, n, &ra), 1);
	assert_string_equal(ra.router, "fe80::1");
	assert_string_equal(ra.prefix, "2001:db8:77::/64");
	assert_string_equal(ra.dns, "2001:db8:77::1");
	assert_int_equal(ra.lifetime, 1800);
	assert_int_equal(ra.mtu, 1492);
	assert_true(ra.other && !ra.managed && ra.autonomous);
	/* A zero-length option ends the walk instead of looping. */
	f[14 + 40 + 16 + 1] = 0;
	assert_int_equal(lc_ra_parse(f, n, &ra), 1);
	assert_string_equal(ra.prefix, "");
	/* Forwarded (hop limit not 255): ignored as RFC 4861 says. */
	f[14 + 7] = 64;
	assert_int_equal(lc_ra_parse(f, n, &ra), 0);
}

static void
test_url(void **st)
{
	struct lc_url u;

	(void)st;
	assert_int_equal(lc_url_parse("http://www.example.test/x?y", &u), 0);
	assert_string_equal(u.host, "www.example.test");
	assert_int_equal(u.port, 80);
	assert_int_equal(u.https, 0);
	assert_int_equal(u.literal, 0);
	assert_int_equal(lc_url_parse("HTTPS://[2001:db8::1]:8443", &u), 0);
	assert_string_equal(u.host, "2001:db8::1");
	assert_int_equal(u.port, 8443);
	assert_int_equal(u.literal, AF_INET6);
	assert_int_equal(lc_url_parse("http://192.0.2.1:81", &u), 0);
	assert_int_equal(u.literal, AF_INET);
	assert_int_equal(lc_url_parse("http://a.test:80x/", &u), -1);
	assert_int_equal(lc_url_parse("http://[::1/", &u), -1);
	assert_int_equal(lc_url_parse("gopher://a/", &u), -1);
	assert_int_equal(lc_url_parse("http://a b/", &u), -1);
	assert_int_equal(lc_url_parse("http://u@a/", &u), -1);
}

static void
test_resolv(void **st)
{
	static const char conf[] =
	    "# comment\n"
	    "search home.test\n"
	    "nameserver 192.0.2.53\n"
	    "  nameserver\t2001:db8::53   # trailing\n"
	    "nameserver fe80::1%eth0\n"
	    "nameserver not-an-address\n"
	    "nameserver 192.0.2.53\n"
	    "options ndots:2\n"
	    "nameserver 198.51.100.53";
	char out[4][INET6_ADDRSTRLEN];

	(void)st;
	assert_int_equal(lc_resolv_parse(conf, sizeof(conf) - 1, out, 4), 4);
	assert_string_equal(out[0], "192.0.2.53");
	assert_string_equal(out[1], "2001:db8::53");
	assert_string_equal(out[2], "fe80::1");
	assert_string_equal(out[3], "198.51.100.53");
	assert_int_equal(lc_resolv_parse(conf, sizeof(conf) - 1, out, 1), 1);
	assert_int_equal(lc_resolv_read("/nonexistent/resolv.conf", out, 4), 0);
	assert_int_equal(lc_resolv_read(TMPFILE("nameserver 10.0.0.1\n"), out,
	    4), 1);
	assert_string_equal(out[0], "10.0.0.1");
}

static void
test_skip(void **st)
{
	unsigned m = 0;

	(void)st;
	assert_null(lc_parse_skip("dns,http", &m));
	assert_int_equal(m, LC_SKIP_DNS | LC_SKIP_HTTP);
	assert_non_null(lc_parse_skip("dnsx", &m));
	assert_non_null(lc_parse_skip(",", &m));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_dhcp_discover),
		cmocka_unit_test(test_dhcp_offer),
		cmocka_unit_test(test_dhcp_bad_options),
		cmocka_unit_test(test_dhcp_malformed),
		cmocka_unit_test(test_arp),
		cmocka_unit_test(test_lldp),
		cmocka_unit_test(test_rs_ra),
		cmocka_unit_test(test_url),
		cmocka_unit_test(test_resolv),
		cmocka_unit_test(test_skip),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
