/* SPDX-License-Identifier: MIT */
/* The capture's bookkeeping: offer table, ARP conflict, gateway MAC. */
#include "../testutil.h"
#include "linecheck/linecheck.h"

#define GW	0xc0a84d01u	/* 192.168.77.1 */
#define ME	0xc0a84d64u	/* 192.168.77.100 */

static const uint8_t mac[6] = { 2, 0, 0, 0, 0, 0x10 };

static struct lc_offer
offer(uint32_t server, uint32_t router)
{
	struct lc_offer of;

	memset(&of, 0, sizeof(of));
	of.server = server;
	of.router = router;
	of.yiaddr = 0x0a090101;
	return of;
}

/* F8: thirty rogue servers first, then the gateway's own. */
static void
test_offer_flood(void **st)
{
	struct lc_l2res r;
	struct lc_offer of;
	int i;

	(void)st;
	memset(&r, 0, sizeof(r));
	for (i = 0; i < 30; i++) {
		of = offer(0x0a090001u + (uint32_t)i, 0x0a090001u + (uint32_t)i);
		assert_int_equal(lc_offer_add(&r, &of, GW), i < LC_MAXOFFERS);
	}
	assert_int_equal(r.noffers, LC_MAXOFFERS);
	assert_int_equal(r.more, 30 - LC_MAXOFFERS);
	/* A retransmitted rogue is counted once. */
	of = offer(0x0a090001u + 29, 0);
	assert_int_equal(lc_offer_add(&r, &of, GW), 0);
	assert_int_equal(r.more, 30 - LC_MAXOFFERS);
	/* The gateway's server takes a stranger's place; it is counted. */
	of = offer(GW, GW);
	assert_int_equal(lc_offer_add(&r, &of, GW), 1);
	assert_int_equal(r.noffers, LC_MAXOFFERS);
	assert_int_equal(r.more, 30 - LC_MAXOFFERS + 1);
	for (i = 0; i < r.noffers; i++)
		if (r.offers[i].server == GW)
			break;
	assert_true(i < r.noffers);
	/* Again: a duplicate, not a second entry. */
	assert_int_equal(lc_offer_add(&r, &of, GW), 0);
	assert_int_equal(r.offers[i].dup, 1);
	/* A server whose router is the gateway also counts as the gateway's. */
	of = offer(0xc0a84d02u, GW);
	assert_int_equal(lc_offer_add(&r, &of, GW), 1);
	assert_int_equal(r.more, 30 - LC_MAXOFFERS + 2);
}

static size_t
arp(uint8_t *f, int op, const uint8_t *sha, uint32_t sip, uint32_t tip)
{
	size_t n = lc_arp_request(f, 64, sha, sip, tip);

	f[14 + 7] = (uint8_t)op;
	return n;
}

static void
test_arp_logic(void **st)
{
	static const uint8_t other[6] = { 2, 0x77, 0, 0, 0, 0x66 };
	struct lc_l2res r;
	struct lc_l2ctx c = { 0 };
	uint8_t f[64];

	(void)st;
	memset(&r, 0, sizeof(r));
	c.myip = ME;
	c.gwip = GW;
	memcpy(c.mac, mac, 6);
	r.arp = LC_RUN;
	/* Our own probe, a stranger's who-has for another address. */
	lc_l2_frame(&r, &c, f, arp(f, 1, mac, 0, ME));
	lc_l2_frame(&r, &c, f, arp(f, 1, other, 0xc0a84d05u, 0xc0a84d06u));
	assert_int_equal(r.conflict, 0);
	assert_int_equal(r.gw_arp, 0);
	/* The gateway answers. */
	lc_l2_frame(&r, &c, f, arp(f, 2, other, GW, ME));
	assert_int_equal(r.gw_arp, 1);
	assert_memory_equal(r.gw_mac, other, 6);
	assert_int_equal(r.conflict, 0);
	/* Someone probes for our address (RFC 5227 2.1.1). */
	lc_l2_frame(&r, &c, f, arp(f, 1, other, 0, ME));
	assert_int_equal(r.conflict, 1);
	assert_memory_equal(r.conflict_mac, other, 6);
	assert_int_equal(r.arp, LC_DONE);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_offer_flood),
		cmocka_unit_test(test_arp_logic),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
