/* SPDX-License-Identifier: MIT */
/*
 * libFuzzer: the PPP state machine fed a sequence of peer packets
 * (2-byte length prefix each) with timer ticks in between, and our
 * own Echo-Requests once IPCP is done.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "pppoe-probe/session.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static void
sink(void *ctx, const uint8_t *p, size_t n)
{
	(void)ctx;
	(void)p;
	(void)n;
}

int
LLVMFuzzerTestOneInput(const uint8_t *d, size_t n)
{
	struct sess s;
	struct sess_cfg c;
	int64_t now = 0;

	memset(&c, 0, sizeof(c));
	c.user = "alice";
	c.pass = "alice-pass";
	c.plen = 10;
	c.auth_mask = SA_PAP | SA_CHAP | SA_MSCHAPV2;
	c.mru = 1492;
	c.magic = 0x11223344;
	/* IPv6CP negotiated as pppoe-probe does by default (issue 19). */
	c.ipv6 = 1;
	memcpy(c.ifid, "\x02\x11\x22\x33\x44\x55\x66\x77", 8);
	sess_init(&s, &c, sink, NULL, now);
	sess_start(&s, now);
	while (n >= 2) {
		size_t l = (size_t)(d[0] << 8 | d[1]) % 1600;

		d += 2;
		n -= 2;
		if (l > n)
			l = n;
		/* Receive times that may run backwards (a clock step). */
		s.rx_ns = (now + (l & 7) - 3) * 1000000;
		sess_input(&s, d, l, now);
		d += l;
		n -= l;
		now += 50;
		sess_tick(&s, now);
		/* Our Echo-Requests once the session is up (issue 19). */
		if (s.phase == SP_DONE)
			sess_echo(&s, now * 1000000);
	}
	sess_close(&s, SR_TIMEOUT, now);
	sess_tick(&s, now + 1000);
	return 0;
}
