/* SPDX-License-Identifier: MIT */
/*
 * DHCPv6 (RFC 8415): Solicit, Request and Release as built, option by
 * option (§21); Advertise and Reply as WIDE dhcp6s and an RFC 8415
 * server send them, with the status codes of §21.13 at each level;
 * malformed answers and every truncation.
 */
#include "../testutil.h"
#include "pppoe-probe/dhcp6.h"
#include "pppoe-probe/ip6.h"

static const uint8_t ll[16] = { 0xfe, 0x80, [8] = 0x02, 0x11, 0x22, 0xff,
	0xfe, 0x33, 0x44, 0x55 };
static const uint8_t srv[16] = { 0xfe, 0x80, [15] = 1 };
static const uint8_t mac[6] = { 0x02, 0x11, 0x22, 0x33, 0x44, 0x55 };

/* UDP 547 -> 546 around msg with a right checksum; the packet size. */
static size_t
mk(uint8_t *b, const uint8_t *msg, size_t n)
{
	uint8_t *u = b + IP6_HDR;
	uint16_t c;

	ip6_hdr(b, srv, ll, IP6_UDP, 255, n + 8);
	u[0] = 547 >> 8, u[1] = 547 & 0xff, u[2] = 546 >> 8, u[3] = 546 & 0xff;
	u[4] = (uint8_t)((n + 8) >> 8), u[5] = (uint8_t)(n + 8);
	u[6] = u[7] = 0;
	memcpy(u + 8, msg, n);
	c = ip6_cksum(srv, ll, IP6_UDP, u, n + 8);
	u[6] = (uint8_t)(c >> 8), u[7] = (uint8_t)c;
	return IP6_HDR + 8 + n;
}

/* Finds option code at the top level of a built message; its data. */
static const uint8_t *
find(const uint8_t *b, size_t n, uint16_t code, size_t *len)
{
	for (size_t off = IP6_HDR + 12; off + 4 <= n;) {
		size_t l = (size_t)b[off + 2] << 8 | b[off + 3];

		if ((b[off] << 8 | b[off + 1]) == code) {
			*len = l;
			return b + off + 4;
		}
		off += 4 + l;
	}
	return NULL;
}

static void
test_solicit(void **st)
{
	uint8_t duid[10], b[DH6_PKT_MAX];
	struct dh6_req q = { .type = DH6_SOLICIT, .xid = 0xabcdef,
		.duid = duid, .duidlen = 10, .oro_dns = 1, .rapid_commit = 1,
		.na = 1, .pd = 1, .na_iaid = 1, .pd_iaid = 1, .pd_len = 56 };
	static const uint8_t want_duid[10] = { 0, 3, 0, 1, 0x02, 0x11, 0x22,
		0x33, 0x44, 0x55 };
	static const uint8_t dst[16] = { 0xff, 0x02, [13] = 1, [15] = 2 };
	const uint8_t *o;
	size_t n, l;

	(void)st;
	assert_int_equal(dh6_duid_ll(duid, mac), 10);
	assert_memory_equal(duid, want_duid, 10);
	memcpy(q.src, ll, 16);
	assert_int_equal(dh6_build(b, 60, &q), 0);
	n = dh6_build(b, sizeof(b), &q);
	/* 4 + ClientID 14 + Elapsed 6 + ORO 6 + Rapid 4 + IA_NA 16 +
	 * IA_PD 16 + IAPREFIX 29 */
	assert_int_equal(n, IP6_HDR + 8 + 95);
	assert_memory_equal(b + 24, dst, 16);
	assert_int_equal(b[7], 1);
	assert_int_equal(b[IP6_HDR + 1], 546 & 0xff);
	assert_int_equal(b[IP6_HDR + 3], 547 & 0xff);
	assert_int_equal(ip6_cksum(ll, dst, IP6_UDP, b + IP6_HDR, n - IP6_HDR),
	    0);
	assert_int_equal(b[IP6_HDR + 8], DH6_SOLICIT);
	assert_int_equal(b[IP6_HDR + 9], 0xab);
	assert_int_equal(b[IP6_HDR + 11], 0xef);
	assert_non_null(o = find(b, n, 1, &l));
	assert_int_equal(l, 10);
	assert_memory_equal(o, want_duid, 10);
	assert_null(find(b, n, 2, &l));
	assert_non_null(o = find(b, n, 8, &l));
	assert_int_equal(l, 2);
	assert_int_equal(o[0] | o[1], 0);
	assert_non_null(o = find(b, n, 6, &l));
	assert_int_equal(o[1], 23);
	assert_non_null(find(b, n, 14, &l));
	assert_int_equal(l, 0);
	assert_non_null(o = find(b, n, 3, &l));
	assert_int_equal(l, 12);
	assert_int_equal(o[3], 1);
	/* IA_PD with the --pd-length hint: IAPREFIX ::/56, lifetimes 0. */
	assert_non_null(o = find(b, n, 25, &l));
	assert_int_equal(l, 12 + 29);
	assert_int_equal(o[12] << 8 | o[13], 26);
	assert_int_equal(o[15], 25);
	assert_int_equal(o[16 + 8], 56);
}

static void
test_release(void **st)
{
	uint8_t duid[10], b[DH6_PKT_MAX], sid[14] = { 0, 1, 0, 1 };
	static const uint8_t a[16] = { 0x20, 0x01, 0x0d, 0xb8, 0, 0x64,
		[15] = 0x01 };
	static const uint8_t p[16] = { 0x20, 0x01, 0x0d, 0xb8, 0, 0x65 };
	struct dh6_req q = { .type = DH6_RELEASE, .xid = 7, .duid = duid,
		.duidlen = 10, .server = sid, .serverlen = sizeof(sid),
		.na = 1, .pd = 1, .na_addr = a, .pd_prefix = p, .pd_len = 56,
		.elapsed = 0xffff };
	const uint8_t *o;
	size_t n, l;

	(void)st;
	dh6_duid_ll(duid, mac);
	memcpy(q.src, ll, 16);
	n = dh6_build(b, sizeof(b), &q);
	assert_true(n > 0);
	assert_int_equal(b[IP6_HDR + 8], DH6_RELEASE);
	assert_non_null(o = find(b, n, 2, &l));
	assert_int_equal(l, 14);
	assert_null(find(b, n, 6, &l));
	assert_null(find(b, n, 14, &l));
	assert_non_null(o = find(b, n, 8, &l));
	assert_int_equal(o[0] << 8 | o[1], 0xffff);
	assert_non_null(o = find(b, n, 3, &l));
	assert_int_equal(l, 12 + 28);
	assert_int_equal(o[12] << 8 | o[13], 5);
	assert_memory_equal(o + 16, a, 16);
	assert_non_null(o = find(b, n, 25, &l));
	assert_memory_equal(o + 16 + 9, p, 16);
}

/* An Advertise of WIDE dhcp6s (lab): ServerID DUID-LLT, ClientID,
 * IA_NA with ::100, IA_PD with 2001:db8:65::/56, status Success, DNS. */
static const uint8_t adv[] = {
	2, 0x12, 0x34, 0x56,
	0, 1, 0, 10, 0, 3, 0, 1, 0x02, 0x11, 0x22, 0x33, 0x44, 0x55,
	0, 2, 0, 14, 0, 1, 0, 1, 0x32, 0xa7, 0xca, 0xa1, 0x52, 0x54, 0, 0xbb,
	0, 1,
	0, 3, 0, 40, 0, 0, 0, 1, 0, 0, 0x03, 0x84, 0, 0, 0x05, 0xa0,
	0, 5, 0, 24, 0x20, 0x01, 0x0d, 0xb8, 0, 0x64, 0, 0, 0, 0, 0, 0, 0, 0,
	0x01, 0, 0, 0, 0x07, 0x08, 0, 0, 0x0e, 0x10,
	0, 25, 0, 41, 0, 0, 0, 1, 0, 0, 0x03, 0x84, 0, 0, 0x05, 0xa0,
	0, 26, 0, 25, 0, 0, 0x07, 0x08, 0, 0, 0x0e, 0x10, 56,
	0x20, 0x01, 0x0d, 0xb8, 0, 0x65, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 13, 0, 2, 0, 0,
	0, 7, 0, 1, 255,
	0, 23, 0, 32,
	0x20, 0x01, 0x0d, 0xb8, 0, 0x64, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x53,
	0x20, 0x01, 0x0d, 0xb8, 0, 0x64, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x54,
};

static void
test_advertise(void **st)
{
	uint8_t b[512];
	size_t n = mk(b, adv, sizeof(adv));
	struct dh6_msg m;

	(void)st;
	assert_int_equal(dh6_parse(b, n, &m), DH6_OK);
	assert_int_equal(m.type, DH6_ADVERTISE);
	assert_int_equal(m.xid, 0x123456);
	assert_int_equal(m.clientlen, 10);
	assert_int_equal(m.serverlen, 14);
	assert_int_equal(m.server[13], 1);
	assert_int_equal(m.status, DH6_ST_SUCCESS);
	assert_int_equal(m.preference, 255);
	assert_int_equal(m.rapid_commit, 0);
	assert_int_equal(m.ndns, 2);
	assert_int_equal(m.dns[0][15], 0x53);
	assert_true(m.na.present && m.na.have);
	assert_int_equal(m.na.t1, 900);
	assert_int_equal(m.na.t2, 1440);
	assert_int_equal(m.na.preferred, 1800);
	assert_int_equal(m.na.valid, 3600);
	assert_int_equal(m.na.addr[14], 0x01);
	assert_int_equal(m.na.status, DH6_ST_NONE);
	assert_true(m.pd.present && m.pd.have);
	assert_int_equal(m.pd.plen, 56);
	assert_int_equal(m.pd.addr[5], 0x65);
	assert_int_equal(m.pd.valid, 3600);
}

/* RFC 8415 §18.3.9: the IA_PD comes back with NoPrefixAvail and a
 * message; an address refused by a status inside its IAADDR. */
static void
test_status(void **st)
{
	static const uint8_t reply[] = {
		7, 0, 0, 9,
		0, 1, 0, 10, 0, 3, 0, 1, 2, 0x11, 0x22, 0x33, 0x44, 0x55,
		0, 14, 0, 0,
		0, 25, 0, 12 + 15, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0,
		0, 13, 0, 11, 0, 6, 'n', 'o', ' ', 'p', 'r', 'e', 'f', 'i', 'x',
		0, 3, 0, 12 + 28 + 6, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0,
		0, 5, 0, 30, 0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0,
		0, 0, 0, 1, 0, 0, 0, 10, 0, 0, 0, 20, 0, 13, 0, 2, 0, 4,
	};
	uint8_t b[512];
	size_t n = mk(b, reply, sizeof(reply));
	struct dh6_msg m;
	char sb[16];

	(void)st;
	assert_int_equal(dh6_parse(b, n, &m), DH6_OK);
	assert_int_equal(m.type, DH6_REPLY);
	assert_int_equal(m.rapid_commit, 1);
	assert_int_equal(m.status, DH6_ST_NONE);
	assert_true(m.pd.present);
	assert_false(m.pd.have);
	assert_int_equal(m.pd.status, DH6_ST_NOPREFIXAVAIL);
	assert_int_equal(m.pd.msglen, 9);
	assert_memory_equal(m.pd.msg, "no prefix", 9);
	assert_false(m.na.have);
	assert_int_equal(m.na.status, DH6_ST_NOTONLINK);
	assert_string_equal(dh6_status_name(6, sb), "NoPrefixAvail");
	assert_string_equal(dh6_status_name(2, sb), "NoAddrsAvail");
	assert_string_equal(dh6_status_name(77, sb), "status_77");
}

static void
test_malformed(void **st)
{
	uint8_t b[512], msg[sizeof(adv)];
	struct dh6_msg m;
	size_t n;

	(void)st;
	n = mk(b, adv, sizeof(adv));
	b[n - 1] ^= 1;
	assert_int_equal(dh6_parse(b, n, &m), DH6_BAD_CHECKSUM);
	/* UDP checksum 0 is not allowed over IPv6 (RFC 8200 §8.1). */
	n = mk(b, adv, sizeof(adv));
	b[IP6_HDR + 6] = b[IP6_HDR + 7] = 0;
	assert_int_equal(dh6_parse(b, n, &m), DH6_BAD_CHECKSUM);
	/* An option longer than the message. */
	memcpy(msg, adv, sizeof(msg));
	msg[7] = 200;
	n = mk(b, msg, sizeof(msg));
	assert_int_equal(dh6_parse(b, n, &m), DH6_BAD_OPTION);
	/* IA_NA shorter than its 12 bytes. */
	memcpy(msg, adv, sizeof(msg));
	msg[37] = 4;
	n = mk(b, msg, 40);
	assert_int_equal(dh6_parse(b, n, &m), DH6_BAD_OPTION);
	/* A message shorter than its header; the UDP length past the
	 * packet. */
	n = mk(b, adv, 2);
	assert_int_equal(dh6_parse(b, n, &m), DH6_BAD_LENGTH);
	n = mk(b, adv, sizeof(adv));
	b[IP6_HDR + 4] = 0x7f;
	assert_int_equal(dh6_parse(b, n, &m), DH6_BAD_LENGTH);
	/* Not to a client, not an answer: not ours. */
	n = mk(b, adv, sizeof(adv));
	b[IP6_HDR + 3] = 0x23;
	assert_int_equal(dh6_parse(b, n, &m), DH6_NOT);
	memcpy(msg, adv, sizeof(msg));
	msg[0] = 10;
	n = mk(b, msg, sizeof(msg));
	assert_int_equal(dh6_parse(b, n, &m), DH6_NOT);
	assert_string_equal(dh6_verdict_name(DH6_BAD_OPTION), "option");
	/* Every truncation, without reading past it. */
	n = mk(b, adv, sizeof(adv));
	for (size_t k = 0; k < n; k++) {
		uint8_t *cp = malloc(k ? k : 1);

		memcpy(cp, b, k);
		assert_int_not_equal(dh6_parse(cp, k, &m), DH6_OK);
		free(cp);
	}
}

int
main(void)
{
	const struct CMUnitTest t[] = {
		cmocka_unit_test(test_solicit),
		cmocka_unit_test(test_release),
		cmocka_unit_test(test_advertise),
		cmocka_unit_test(test_status),
		cmocka_unit_test(test_malformed),
	};
	return cmocka_run_group_tests_name("pppoe-probe/dhcp6", t, NULL, NULL);
}
