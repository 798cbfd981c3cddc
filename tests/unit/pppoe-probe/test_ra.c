/* SPDX-License-Identifier: MIT */
/*
 * Router Solicitation and Advertisement (RFC 4861 §4.1, §4.2, §6.1.2;
 * RDNSS RFC 8106 §5.1): the RS we send, byte for byte; the RA of the
 * lab's radvd (2.19, guest/etc/rc.v6) field by field; each validity
 * rule; every truncation.
 */
#include "../testutil.h"
#include "pppoe-probe/ip6.h"
#include "pppoe-probe/ra.h"

static const uint8_t ll[16] = { 0xfe, 0x80, [8] = 0x02, 0x11, 0x22, 0xff,
	0xfe, 0x33, 0x44, 0x55 };
static const uint8_t router[16] = { 0xfe, 0x80, [8] = 0x41, 0x0e, 0x21,
	0xb3, 0xdf, 0x08, 0xeb, 0x73 };
static const uint8_t allnodes[16] = { 0xff, 0x02, [15] = 1 };

/* The RA radvd sends on a lab link: M 0, O 1, lifetime 300, MTU 1492,
 * 2001:db8:64::/64 L A 86400/14400, RDNSS ::53 and ::54 for 600 s. */
static const uint8_t ra_icmp[] = {
	134, 0, 0, 0, 64, 0x40, 0x01, 0x2c, 0, 0, 0, 0, 0, 0, 0, 0,
	5, 1, 0, 0, 0, 0, 0x05, 0xd4,
	3, 4, 64, 0xc0, 0, 1, 0x51, 0x80, 0, 0, 0x38, 0x40, 0, 0, 0, 0,
	0x20, 0x01, 0x0d, 0xb8, 0, 0x64, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	25, 5, 0, 0, 0, 0, 0x02, 0x58,
	0x20, 0x01, 0x0d, 0xb8, 0, 0x64, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x53,
	0x20, 0x01, 0x0d, 0xb8, 0, 0x64, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x54,
};

/* An IPv6 packet around icmp with a right checksum; returns its size. */
static size_t
mk(uint8_t *b, const uint8_t src[16], uint8_t hlim, const uint8_t *icmp,
    size_t n)
{
	uint16_t c;

	ip6_hdr(b, src, allnodes, IP6_ICMP, hlim, n);
	memcpy(b + IP6_HDR, icmp, n);
	b[IP6_HDR + 2] = b[IP6_HDR + 3] = 0;
	c = ip6_cksum(src, allnodes, IP6_ICMP, b + IP6_HDR, n);
	b[IP6_HDR + 2] = (uint8_t)(c >> 8), b[IP6_HDR + 3] = (uint8_t)c;
	return IP6_HDR + n;
}

static void
test_rs(void **st)
{
	static const uint8_t hdr[8] = { 0x60, 0, 0, 0, 0, 8, 58, 255 };
	static const uint8_t allrouters[16] = { 0xff, 0x02, [15] = 2 };
	uint8_t b[64];

	(void)st;
	assert_int_equal(ra_build_rs(b, 10, ll), 0);
	assert_int_equal(ra_build_rs(b, sizeof(b), ll), RS_LEN);
	assert_memory_equal(b, hdr, 8);
	assert_memory_equal(b + 8, ll, 16);
	assert_memory_equal(b + 24, allrouters, 16);
	assert_int_equal(b[40], 133);
	assert_int_equal(b[41], 0);
	/* The checksum over the pseudo-header sums to zero. */
	assert_int_equal(ip6_cksum(ll, allrouters, IP6_ICMP, b + 40, 8), 0);
	/* RFC 4861 §4.1: reserved 0, no option. */
	assert_int_equal(b[44] | b[45] | b[46] | b[47], 0);
}

static void
test_ra_radvd(void **st)
{
	uint8_t b[256];
	size_t n = mk(b, router, 255, ra_icmp, sizeof(ra_icmp));
	struct ra_info ra;

	(void)st;
	assert_int_equal(ra_parse(b, n, &ra), RA_OK);
	assert_memory_equal(ra.router, router, 16);
	assert_int_equal(ra.hop_limit, 64);
	assert_int_equal(ra.flags & RA_FLAG_M, 0);
	assert_int_equal(ra.flags & RA_FLAG_O, RA_FLAG_O);
	assert_int_equal(ra.lifetime, 300);
	assert_int_equal(ra.mtu, 1492);
	assert_int_equal(ra.npfx, 1);
	assert_int_equal(ra.pfx[0].len, 64);
	assert_int_equal(ra.pfx[0].flags, PIO_FLAG_L | PIO_FLAG_A);
	assert_int_equal(ra.pfx[0].valid, 86400);
	assert_int_equal(ra.pfx[0].preferred, 14400);
	assert_memory_equal(ra.pfx[0].prefix, ra_icmp + 40, 16);
	assert_int_equal(ra.nrdnss, 2);
	assert_int_equal(ra.rdnss_lifetime, 600);
	assert_int_equal(ra.rdnss[1][15], 0x54);
	/* Link padding after the payload length is ignored. */
	b[n] = 0xee;
	assert_int_equal(ra_parse(b, n + 1, &ra), RA_OK);
}

static void
test_ra_invalid(void **st)
{
	uint8_t b[256], icmp[sizeof(ra_icmp)];
	static const uint8_t global[16] = { 0x20, 0x01, 0x0d, 0xb8, [15] = 1 };
	static const uint8_t echo[8] = { 129, 0 };
	struct ra_info ra;
	size_t n;

	(void)st;
	/* §6.1.2: from the link only (hop limit 255), link-local source. */
	n = mk(b, router, 64, ra_icmp, sizeof(ra_icmp));
	assert_int_equal(ra_parse(b, n, &ra), RA_BAD_HOPLIMIT);
	n = mk(b, global, 255, ra_icmp, sizeof(ra_icmp));
	assert_int_equal(ra_parse(b, n, &ra), RA_BAD_SOURCE);
	n = mk(b, router, 255, ra_icmp, sizeof(ra_icmp));
	b[IP6_HDR + 20] ^= 1;
	assert_int_equal(ra_parse(b, n, &ra), RA_BAD_CHECKSUM);
	n = mk(b, router, 255, ra_icmp, 12);
	assert_int_equal(ra_parse(b, n, &ra), RA_BAD_LENGTH);
	/* An option of length 0 makes the whole RA invalid. */
	memcpy(icmp, ra_icmp, sizeof(icmp));
	icmp[17] = 0;
	n = mk(b, router, 255, icmp, sizeof(icmp));
	assert_int_equal(ra_parse(b, n, &ra), RA_BAD_OPTION);
	/* RDNSS of even length (RFC 8106 §5.1). */
	memcpy(icmp, ra_icmp, sizeof(icmp));
	icmp[57] = 4;
	n = mk(b, router, 255, icmp, sizeof(icmp) - 8);
	assert_int_equal(ra_parse(b, n, &ra), RA_BAD_OPTION);
	/* A prefix length over 128. */
	memcpy(icmp, ra_icmp, sizeof(icmp));
	icmp[26] = 129;
	n = mk(b, router, 255, icmp, sizeof(icmp));
	assert_int_equal(ra_parse(b, n, &ra), RA_BAD_OPTION);
	/* An option past the end. */
	n = mk(b, router, 255, ra_icmp, sizeof(ra_icmp) - 8);
	assert_int_equal(ra_parse(b, n, &ra), RA_BAD_OPTION);
	/* Other ICMPv6 and other protocols are not RAs. */
	n = mk(b, router, 255, echo, sizeof(echo));
	assert_int_equal(ra_parse(b, n, &ra), RA_NOT);
	b[6] = 17;
	assert_int_equal(ra_parse(b, n, &ra), RA_NOT);
	assert_string_equal(ra_verdict_name(RA_BAD_CHECKSUM), "checksum");
	assert_string_equal(ra_verdict_name((enum ra_verdict)99), "?");
}

static void
test_ra_truncated(void **st)
{
	uint8_t b[256];
	size_t n = mk(b, router, 255, ra_icmp, sizeof(ra_icmp));
	struct ra_info ra;

	(void)st;
	/* Every cut keeps the payload length: never read past n. */
	for (size_t k = 0; k < n; k++) {
		uint8_t *cp = malloc(k ? k : 1);

		memcpy(cp, b, k);
		assert_int_not_equal(ra_parse(cp, k, &ra), RA_OK);
		free(cp);
	}
}

int
main(void)
{
	const struct CMUnitTest t[] = {
		cmocka_unit_test(test_rs),
		cmocka_unit_test(test_ra_radvd),
		cmocka_unit_test(test_ra_invalid),
		cmocka_unit_test(test_ra_truncated),
	};
	return cmocka_run_group_tests_name("pppoe-probe/ra", t, NULL, NULL);
}
