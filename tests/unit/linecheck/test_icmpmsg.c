/* SPDX-License-Identifier: MIT */
/* ICMP replies and errors: which are about our echo requests. */
#include <errno.h>
#include <time.h>
#include <linux/errqueue.h>
#include <netinet/in.h>

#include "../testutil.h"
#include "linecheck/linecheck.h"

#define IDENT	0x1234

static const uint8_t me[4] = { 192, 168, 77, 100 };
static const uint8_t web[4] = { 203, 0, 113, 80 };

/* A raw IPv4 datagram: IP header, ICMP type/code/info, then body. */
static size_t
v4(uint8_t *b, int type, int code, unsigned info, const uint8_t *body,
    size_t bl)
{
	memset(b, 0, 28);
	b[0] = 0x45;
	b[9] = 1;
	memcpy(b + 12, web, 4);
	memcpy(b + 16, me, 4);
	b[20] = (uint8_t)type;
	b[21] = (uint8_t)code;
	b[26] = (uint8_t)(info >> 8);
	b[27] = (uint8_t)info;
	memcpy(b + 28, body, bl);
	return 28 + bl;
}

/* The quoted request: IPv4 header me -> dst, echo ident/seq. */
static size_t
quote(uint8_t *q, const uint8_t *dst, unsigned ident, unsigned seq)
{
	memset(q, 0, 28);
	q[0] = 0x45;
	q[9] = 1;
	memcpy(q + 12, me, 4);
	memcpy(q + 16, dst, 4);
	q[20] = 8;
	q[24] = (uint8_t)(ident >> 8);
	q[25] = (uint8_t)ident;
	q[26] = (uint8_t)(seq >> 8);
	q[27] = (uint8_t)seq;
	return 28;
}

static void
test_reply(void **st)
{
	uint8_t b[64], body[4] = { 0 };
	struct lc_icmp_msg m;
	size_t n = v4(b, 0, 0, 0, body, sizeof(body));

	(void)st;
	b[24] = 0x12; b[25] = 0x34; b[26] = 0; b[27] = 7;
	assert_int_equal(lc_icmp_parse(b, n, AF_INET, 1, IDENT, &m), 1);
	assert_int_equal(m.kind, LC_ICMP_REPLY);
	assert_int_equal(m.seq, 7);
	/* Another process's reply on the raw socket. */
	b[25] = 0x35;
	assert_int_equal(lc_icmp_parse(b, n, AF_INET, 1, IDENT, &m), 0);
	/* A datagram socket: no IP header, the kernel's identifier. */
	assert_int_equal(lc_icmp_parse(b + 20, n - 20, AF_INET, 0, IDENT, &m),
	    1);
	assert_int_equal(lc_icmp_parse(b, 19, AF_INET, 1, IDENT, &m), 0);
}

static void
test_error_packet(void **st)
{
	uint8_t b[128], q[28];
	struct lc_icmp_msg m;
	size_t n;

	(void)st;
	n = v4(b, 3, 4, 576, q, quote(q, web, IDENT, 9));
	assert_int_equal(lc_icmp_parse(b, n, AF_INET, 1, IDENT, &m), 1);
	assert_int_equal(m.kind, LC_ICMP_ERROR);
	assert_int_equal(m.seq, 9);
	assert_int_equal(m.fragneeded, 1);
	assert_int_equal(m.mtu, 576);
	assert_int_equal(m.has_dst, 1);
	assert_memory_equal(m.dst, web, 4);
	/* Foreign identifier; quoted packet cut short; not ICMP inside. */
	n = v4(b, 3, 4, 576, q, quote(q, web, 0xbeef, 9));
	assert_int_equal(lc_icmp_parse(b, n, AF_INET, 1, IDENT, &m), 0);
	n = v4(b, 3, 4, 576, q, quote(q, web, IDENT, 9));
	assert_int_equal(lc_icmp_parse(b, n - 1, AF_INET, 1, IDENT, &m), 0);
	b[28 + 9] = 17;
	assert_int_equal(lc_icmp_parse(b, n, AF_INET, 1, IDENT, &m), 0);
	/* Time exceeded: an error, no MTU. */
	n = v4(b, 11, 0, 0, q, quote(q, web, IDENT, 3));
	assert_int_equal(lc_icmp_parse(b, n, AF_INET, 1, IDENT, &m), 1);
	assert_int_equal(m.fragneeded, 0);
}

static void
test_errqueue(void **st)
{
	uint8_t q[28];
	struct lc_errq e = { SO_EE_ORIGIN_ICMP, EMSGSIZE, 576, { 0 }, 4 };
	struct lc_icmp_msg m;

	(void)st;
	memcpy(e.dst, web, 4);
	quote(q, web, IDENT, 11);
	assert_int_equal(lc_icmp_errq_parse(q + 20, 8, AF_INET, 1, IDENT, &e,
	    &m), 1);
	assert_int_equal(m.seq, 11);
	assert_int_equal(m.mtu, 576);
	assert_memory_equal(m.dst, web, 4);
	/* F6: an error about someone else's echo request. */
	quote(q, web, 0xbeef, 11);
	assert_int_equal(lc_icmp_errq_parse(q + 20, 8, AF_INET, 1, IDENT, &e,
	    &m), 0);
	/* On a datagram socket the kernel has matched the identifier. */
	assert_int_equal(lc_icmp_errq_parse(q + 20, 8, AF_INET, 0, IDENT, &e,
	    &m), 1);
	/* Local errors and short payloads say nothing about a hop. */
	e.origin = SO_EE_ORIGIN_LOCAL;
	assert_int_equal(lc_icmp_errq_parse(q + 20, 8, AF_INET, 0, IDENT, &e,
	    &m), 0);
	e.origin = SO_EE_ORIGIN_ICMP;
	assert_int_equal(lc_icmp_errq_parse(q + 20, 7, AF_INET, 0, IDENT, &e,
	    &m), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_reply),
		cmocka_unit_test(test_error_packet),
		cmocka_unit_test(test_errqueue),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
