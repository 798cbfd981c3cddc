/* SPDX-License-Identifier: MIT */
/* IPv4, ICMP, UDP and DNS of the first-traffic test: what we build reads
 * back, and what the AC side may send that is broken is refused. */
#include "../testutil.h"
#include "pppoe-probe/dns4.h"
#include "pppoe-probe/ip4.h"

static const uint8_t me[4] = { 10, 64, 0, 10 }, peer[4] = { 10, 64, 0, 1 };

static void
test_echo(void **st)
{
	uint8_t p[200];
	struct ip4_pkt k;
	struct icmp4_msg m;
	size_t n;

	(void)st;
	n = icmp4_echo(p, sizeof(p), me, peer, 7, 0x1234, 0x0102, 56);
	assert_int_equal(n, 20 + 8 + 56);
	assert_int_equal(ip4_parse(p, n, &k), 0);
	assert_memory_equal(k.src, me, 4);
	assert_int_equal(k.proto, IPPROTO4_ICMP);
	assert_int_equal(k.plen, 64);
	assert_int_equal(icmp4_parse(&k, &m), 0);
	assert_int_equal(m.type, 8);
	/* As the peer answers: type 0, checksum adjusted. */
	p[20] = 0;
	p[22] = 0, p[23] = 0;
	{
		uint16_t c = ip4_csum(p + 20, 64, 0);

		p[22] = (uint8_t)(c >> 8), p[23] = (uint8_t)c;
	}
	assert_int_equal(icmp4_parse(&k, &m), 0);
	assert_int_equal(m.type, 0);
	assert_int_equal(m.id, 0x1234);
	assert_int_equal(m.seq, 0x0102);
	/* A flipped bit: the checksum refuses it. */
	p[40] ^= 1;
	assert_int_equal(icmp4_parse(&k, &m), -1);
}

static void
test_ip_malformed(void **st)
{
	uint8_t p[200];
	struct ip4_pkt k;
	size_t n;

	(void)st;
	n = icmp4_echo(p, sizeof(p), me, peer, 7, 1, 1, 8);
	assert_int_equal(ip4_parse(p, 19, &k), -1);		/* short */
	assert_int_equal(ip4_parse(p, n - 1, &k), -1);	/* total > n */
	p[0] = 0x44;					/* IHL 16 */
	assert_int_equal(ip4_parse(p, n, &k), -1);
	p[0] = 0x65;					/* IPv6 */
	assert_int_equal(ip4_parse(p, n, &k), -1);
	p[0] = 0x45;
	p[12] ^= 1;					/* header sum */
	assert_int_equal(ip4_parse(p, n, &k), -1);
	p[12] ^= 1;
	assert_int_equal(ip4_parse(p, n, &k), 0);
	/* A fragment (MF set, header sum redone): not ours whole. */
	p[6] = 0x20, p[10] = p[11] = 0;
	{
		uint16_t c = ip4_csum(p, 20, 0);

		p[10] = (uint8_t)(c >> 8), p[11] = (uint8_t)c;
	}
	assert_int_equal(ip4_parse(p, n, &k), 1);
	/* Trailing bytes (Ethernet padding) are cut to the total length. */
	n = icmp4_echo(p, sizeof(p), me, peer, 7, 1, 1, 8);
	assert_int_equal(ip4_parse(p, n + 10, &k), 0);
	assert_int_equal(k.plen, 16);
}

static void
test_icmp_error(void **st)
{
	uint8_t p[200], q[100];
	struct ip4_pkt k;
	struct icmp4_msg m;
	size_t n, qn;
	uint16_t c;

	(void)st;
	/* Port unreachable quoting our UDP query to 10.64.0.1:53. */
	qn = udp4_build(q, sizeof(q), me, peer, 9, 50000, 53,
	    (const uint8_t *)"x", 1);
	assert_int_equal(qn, 29);
	memset(p, 0, sizeof(p));
	p[20] = 3, p[21] = 3;
	memcpy(p + 28, q, 28);
	c = ip4_csum(p + 20, 8 + 28, 0);
	p[22] = (uint8_t)(c >> 8), p[23] = (uint8_t)c;
	n = ip4_wrap(p, sizeof(p), peer, me, IPPROTO4_ICMP, 1, 8 + 28);
	assert_int_equal(ip4_parse(p, n, &k), 0);
	assert_int_equal(icmp4_parse(&k, &m), 0);
	assert_int_equal(m.type, 3);
	assert_int_equal(m.in_proto, IPPROTO4_UDP);
	assert_memory_equal(m.in_dst, peer, 4);
	assert_int_equal(m.in_sport, 50000);
	assert_int_equal(m.in_dport, 53);
	/* The quote cut before its ports (checksum right): malformed. */
	memset(p + 20, 0, 8);
	p[20] = 3, p[21] = 3;
	memcpy(p + 28, q, 22);
	c = ip4_csum(p + 20, 8 + 22, 0);
	p[22] = (uint8_t)(c >> 8), p[23] = (uint8_t)c;
	n = ip4_wrap(p, sizeof(p), peer, me, IPPROTO4_ICMP, 1, 8 + 22);
	assert_int_equal(ip4_parse(p, n, &k), 0);
	assert_int_equal(icmp4_parse(&k, &m), -1);
}

static void
test_udp(void **st)
{
	uint8_t p[200];
	struct ip4_pkt k;
	uint16_t sp, dp;
	const uint8_t *d;
	size_t n, dn;

	(void)st;
	n = udp4_build(p, sizeof(p), peer, me, 1, 53, 50001,
	    (const uint8_t *)"hello", 5);
	assert_int_equal(ip4_parse(p, n, &k), 0);
	assert_int_equal(udp4_parse(&k, &sp, &dp, &d, &dn), 0);
	assert_int_equal(sp, 53);
	assert_int_equal(dp, 50001);
	assert_int_equal(dn, 5);
	assert_memory_equal(d, "hello", 5);
	p[30] ^= 0x40;				/* payload: sum wrong */
	assert_int_equal(udp4_parse(&k, &sp, &dp, &d, &dn), -1);
	p[30] ^= 0x40;
	p[24] = 0, p[25] = 200;			/* length > packet */
	assert_int_equal(udp4_parse(&k, &sp, &dp, &d, &dn), -1);
	p[25] = 4;				/* length < header */
	assert_int_equal(udp4_parse(&k, &sp, &dp, &d, &dn), -1);
	k.plen = 7;
	assert_int_equal(udp4_parse(&k, &sp, &dp, &d, &dn), -1);
}

/* An answer to q (its question kept) with one record of type t. */
static size_t
answer(const uint8_t *q, size_t qn, int t, int rcode, uint8_t *a)
{
	static const uint8_t rr_a[] = { 0xc0, 12, 0, 1, 0, 1, 0, 0, 0, 60,
		0, 4, 10, 64, 0, 1 };
	static const uint8_t rr_aaaa[] = { 0xc0, 12, 0, 28, 0, 1, 0, 0, 0, 60,
		0, 16, 0xfd, 0, 0, 0x64, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1 };
	size_t n = qn;

	memcpy(a, q, qn);
	a[2] |= 0x80;
	a[3] = (uint8_t)(0x80 | rcode);
	if (rcode == 0) {
		a[7] = 1;
		memcpy(a + n, t == DNS_T_A ? rr_a : rr_aaaa, t == DNS_T_A ?
		    sizeof(rr_a) : sizeof(rr_aaaa));
		n += t == DNS_T_A ? sizeof(rr_a) : sizeof(rr_aaaa);
	}
	return n;
}

static void
test_dns(void **st)
{
	uint8_t q[300], a[400];
	struct dns_answer r;
	size_t qn, an;
	char b[8];

	(void)st;
	qn = dns_query("www.bbt.test", DNS_T_A, 0xbeef, q, sizeof(q));
	assert_int_equal(qn, 12 + 14 + 4);
	assert_int_equal(q[0] << 8 | q[1], 0xbeef);
	assert_int_equal(q[2] & 1, 1);				/* RD */
	an = answer(q, qn, DNS_T_A, 0, a);
	assert_int_equal(dns_parse(a, an, DNS_T_A, &r), 0);
	assert_int_equal(r.id, 0xbeef);
	assert_int_equal(r.naddr, 1);
	assert_string_equal(r.addr, "10.64.0.1");
	qn = dns_query("www.bbt.test", DNS_T_AAAA, 1, q, sizeof(q));
	an = answer(q, qn, DNS_T_AAAA, 0, a);
	assert_int_equal(dns_parse(a, an, DNS_T_AAAA, &r), 0);
	assert_string_equal(r.addr, "fd00:64::1");
	/* NXDOMAIN: read, no address. */
	an = answer(q, qn, DNS_T_AAAA, 3, a);
	assert_int_equal(dns_parse(a, an, DNS_T_AAAA, &r), 0);
	assert_int_equal(r.rcode, 3);
	assert_int_equal(r.naddr, 0);
	assert_string_equal(dns_rcode_name(r.rcode, b), "NXDOMAIN");
	assert_string_equal(dns_rcode_name(11, b), "11");
	/* Malformed: a query (QR clear), short, a record cut short. */
	assert_int_equal(dns_parse(q, qn, DNS_T_A, &r), -1);
	assert_int_equal(dns_parse(a, 11, DNS_T_A, &r), -1);
	an = answer(q, qn, DNS_T_AAAA, 0, a);
	assert_int_equal(dns_parse(a, an - 5, DNS_T_AAAA, &r), -1);
	/* A name c-ares refuses to build. */
	assert_int_equal(dns_query("a..b", DNS_T_A, 1, q, sizeof(q)), 0);
}

int
main(void)
{
	const struct CMUnitTest t[] = {
		cmocka_unit_test(test_echo),
		cmocka_unit_test(test_ip_malformed),
		cmocka_unit_test(test_icmp_error),
		cmocka_unit_test(test_udp),
		cmocka_unit_test(test_dns),
	};
	return cmocka_run_group_tests_name("pppoe-probe/ip4", t, NULL, NULL);
}
