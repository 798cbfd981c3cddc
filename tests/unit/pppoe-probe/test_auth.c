/* SPDX-License-Identifier: MIT */
/* CHAP-MD5 and the MS-CHAPv2 test vectors of RFC 2759 §9.2. */
#include "../testutil.h"
#include "pppoe-probe/auth.h"

static void
test_chap_md5(void **st)
{
	uint8_t ch[16], out[16];
	static const uint8_t want[16] = {
		0x82, 0x16, 0x43, 0x66, 0x5b, 0x43, 0x03, 0x59,
		0xe5, 0x2a, 0xc5, 0x24, 0xd2, 0x9c, 0x8f, 0x95,
	};

	(void)st;
	for (int i = 0; i < 16; i++)
		ch[i] = (uint8_t)i;
	chap_md5_response(7, "secret", 6, ch, 16, out);
	assert_memory_equal(out, want, 16);
}

static void
test_mschapv2(void **st)
{
	static const uint8_t auth[16] = {
		0x5B, 0x5D, 0x7C, 0x7D, 0x7B, 0x3F, 0x2F, 0x3E,
		0x3C, 0x2C, 0x60, 0x21, 0x32, 0x26, 0x26, 0x28,
	};
	static const uint8_t peer[16] = {
		0x21, 0x40, 0x23, 0x24, 0x25, 0x5E, 0x26, 0x2A,
		0x28, 0x29, 0x5F, 0x2B, 0x3A, 0x33, 0x7C, 0x7E,
	};
	static const uint8_t want[24] = {
		0x82, 0x30, 0x9E, 0xCD, 0x8D, 0x70, 0x8B, 0x5E,
		0xA0, 0x8F, 0xAA, 0x39, 0x81, 0xCD, 0x83, 0x54,
		0x42, 0x33, 0x11, 0x4A, 0x3D, 0x85, 0xD6, 0xDF,
	};
	uint8_t nt[24];
	char s[43];

	(void)st;
	assert_int_equal(mschapv2_nt_response(auth, peer, "User", "clientPass",
	    10, nt), 0);
	assert_memory_equal(nt, want, 24);
	assert_int_equal(mschapv2_auth_response("clientPass", 10, nt, peer,
	    auth, "User", s), 0);
	assert_string_equal(s, "S=407A5589115FD0D6209F510FE9C04566932CDA56");
	/* Invalid UTF-8 is refused, not hashed. */
	assert_int_equal(mschapv2_nt_response(auth, peer, "User", "\xff", 1,
	    nt), -1);
}

int
main(void)
{
	const struct CMUnitTest t[] = {
		cmocka_unit_test(test_chap_md5),
		cmocka_unit_test(test_mschapv2),
	};
	return cmocka_run_group_tests_name("pppoe-probe/auth", t, NULL, NULL);
}
