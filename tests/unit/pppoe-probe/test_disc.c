/* SPDX-License-Identifier: MIT */
/* Discovery frames: the PADO captured from rp-pppoe, building, VLANs,
 * truncation, text escaping. */
#include "lib/ether.h"
#include "../testutil.h"
#include "pppoe-probe/disc.h"

/* research/pppoe.md §4: pppoe-server's PADO, byte for byte. */
static const uint8_t pado[] = {
	0x72, 0xc6, 0xac, 0x7d, 0x80, 0xab, 0xba, 0xdc, 0x44, 0x52, 0xc6, 0x5c,
	0x88, 0x63, 0x11, 0x07, 0x00, 0x00, 0x00, 0x42, 0x01, 0x02, 0x00, 0x0a,
	'i', 's', 'p', '-', 'b', 'r', 'a', 's', '-', '1', 0x01, 0x01, 0x00, 0x08,
	'i', 'n', 't', 'e', 'r', 'n', 'e', 't', 0x01, 0x01, 0x00, 0x04,
	'v', 'o', 'i', 'p', 0x01, 0x04, 0x00, 0x14, 0x1d, 0x53, 0x57, 0x36,
	0x60, 0x01, 0xbe, 0xe4, 0x59, 0xdb, 0x99, 0x9d, 0x45, 0x31, 0x42, 0x00,
	0xbf, 0x6a, 0x00, 0x00, 0x01, 0x03, 0x00, 0x04, 0xfd, 0xd6, 0xfe, 0x69,
};

static void
test_pado(void **st)
{
	struct pppoe_eth e;
	struct pppoe_hdr h;
	struct pppoe_disc d;
	char m[18], hex[64];

	(void)st;
	assert_int_equal(pppoe_eth_parse(pado, sizeof(pado), &e), 0);
	assert_int_equal(e.nvlan, 0);
	assert_int_equal(e.proto, ETH_P_PPPOE_DISC);
	assert_string_equal(bbt_mac_str(e.src, m), "ba:dc:44:52:c6:5c");
	assert_int_equal(pppoe_hdr_parse(e.payload, e.len, &h), 0);
	assert_int_equal(h.code, PPPOE_PADO);
	assert_int_equal(h.len, 66);
	pppoe_disc_parse(h.payload, h.len, &d);
	assert_int_equal(d.ac_name.len, 10);
	assert_memory_equal(d.ac_name.v, "isp-bras-1", 10);
	assert_int_equal(d.nservices, 2);
	assert_memory_equal(d.service[1].v, "voip", 4);
	assert_int_equal(d.cookie.len, 20);
	assert_string_equal(pppoe_hex(d.host_uniq.v, d.host_uniq.len, hex,
	    sizeof(hex)), "fdd6fe69");
	assert_int_equal(d.max_payload, -1);
	assert_int_equal(d.error_type, 0);
	assert_int_equal(d.malformed, 0);
	/* Every truncation parses without reading past the end. */
	for (size_t n = 0; n < sizeof(pado); n++) {
		uint8_t *cp = malloc(n ? n : 1);

		memcpy(cp, pado, n);
		if (pppoe_eth_parse(cp, n, &e) == 0 &&
		    pppoe_hdr_parse(e.payload, e.len, &h) == 0)
			pppoe_disc_parse(h.payload, h.len, &d);
		free(cp);
	}
}

static void
test_build_vlan(void **st)
{
	uint8_t f[128], dst[6] = { 1, 2, 3, 4, 5, 6 }, src[6] = { 0xa };
	struct pppoe_vtag t[2] = { { ETH_P_QINQ, 100 }, { ETH_P_VLAN, 5 << 13 | 7 } };
	struct pppoe_buf pb;
	struct pppoe_eth e;
	struct pppoe_hdr h;
	struct pppoe_disc d;
	size_t n;

	(void)st;
	pppoe_begin(&pb, f, sizeof(f), dst, src, t, 2, ETH_P_PPPOE_DISC,
	    PPPOE_PADT, 0x1234);
	pppoe_put_tag(&pb, TAG_GENERIC_ERROR, "bye", 3);
	n = pppoe_end(&pb);
	assert_int_equal(n, 60);		/* padded to the minimum */
	assert_int_equal(pppoe_eth_parse(f, n, &e), 0);
	assert_int_equal(e.nvlan, 2);
	assert_int_equal(e.vlan[0].tci & 0xfff, 100);
	assert_int_equal(e.vlan[1].tci, 5 << 13 | 7);
	assert_int_equal(pppoe_hdr_parse(e.payload, e.len, &h), 0);
	assert_int_equal(h.session, 0x1234);
	assert_int_equal(h.len, 7);
	pppoe_disc_parse(h.payload, h.len, &d);
	assert_string_equal(pppoe_error_name(d.error_type), "Generic-Error");
	assert_memory_equal(d.error_msg.v, "bye", 3);
	/* Overflow is reported, not written. */
	pppoe_begin(&pb, f, 20, dst, src, NULL, 0, ETH_P_PPPOE_DISC,
	    PPPOE_PADI, 0);
	pppoe_put_tag(&pb, TAG_SERVICE_NAME, "0123456789", 10);
	assert_int_equal(pppoe_end(&pb), 0);
}

static void
test_bad(void **st)
{
	static const uint8_t badver[] = { 0x21, 0x07, 0, 0, 0, 0 };
	static const uint8_t toolong[] = { 0x11, 0x07, 0, 0, 0, 9, 1, 2 };
	static const uint8_t trunc_tag[] = { 0x01, 0x02, 0x00, 0x05, 'a' };
	struct pppoe_hdr h;
	struct pppoe_disc d;
	struct pppoe_eth e;

	(void)st;
	assert_int_equal(pppoe_hdr_parse(badver, sizeof(badver), &h), -1);
	assert_int_equal(pppoe_hdr_parse(toolong, sizeof(toolong), &h), -1);
	assert_int_equal(pppoe_eth_parse(badver, 6, &e), -1);
	pppoe_disc_parse(trunc_tag, sizeof(trunc_tag), &d);
	assert_int_equal(d.malformed, 1);
	assert_false(d.ac_name.present);
}

static void
test_text(void **st)
{
	char b[64];
	uint8_t m[6];

	(void)st;
	assert_string_equal(pppoe_text((const uint8_t *)"a\tb\xff", 4, b,
	    sizeof(b)), "a\\x09b\\xff");
	assert_string_equal(pppoe_text((const uint8_t *)"\xe5\xae\xbd", 3, b,
	    sizeof(b)), "\xe5\xae\xbd");
	assert_string_equal(pppoe_text((const uint8_t *)"\xe5\xae", 2, b,
	    sizeof(b)), "\\xe5\\xae");
	assert_int_equal(bbt_mac_parse("52:54:00:AB:cd:0f", m), 0);
	assert_int_equal(m[3], 0xab);
	assert_int_equal(bbt_mac_parse("52:54:00:ab:cd", m), -1);
	assert_int_equal(bbt_mac_parse("52:54:00:ab:cd:0f:", m), -1);
}

int
main(void)
{
	const struct CMUnitTest t[] = {
		cmocka_unit_test(test_pado),
		cmocka_unit_test(test_build_vlan),
		cmocka_unit_test(test_bad),
		cmocka_unit_test(test_text),
	};
	return cmocka_run_group_tests_name("pppoe-probe/disc", t, NULL, NULL);
}
