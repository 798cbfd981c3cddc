/* SPDX-License-Identifier: MIT */
/*
 * libFuzzer: nl80211 replies one after another (each as long as its
 * nlmsg_len says), through the four parsers of wifiparse.c, then the
 * verdict on what they produced. Seeds are replies recorded from the
 * wifi-vm lab (tests/data/linecheck/wifi, by mkseeds-wifi.sh).
 */
#include <linux/netlink.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "lib/checks.h"
#include "linecheck/linecheck.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static struct lc_wifi w;

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct bbt_checks cs;
	/* Parsers get aligned messages, as the kernel sends them. */
	static uint32_t buf[65536 / 4];
	size_t off = 0;

	memset(&w, 0, sizeof(w));
	w.wireless = 1;
	while (size - off >= sizeof(struct nlmsghdr)) {
		struct nlmsghdr h;
		size_t n;

		memcpy(&h, data + off, sizeof(h));
		n = h.nlmsg_len < sizeof(h) ? sizeof(h) : h.nlmsg_len;
		if (n > size - off)
			n = size - off;
		if (n > sizeof(buf))
			break;
		memcpy(buf, data + off, n);
		if (lc_wifi_parse_if(buf, n, &w.ifc) == 0)
			w.associated = 1;
		if (lc_wifi_parse_sta(buf, n, &w.sta) == 0)
			w.sta_ok = 1;
		if (lc_wifi_parse_survey(buf, n, w.have_s0 ? &w.s1 : &w.s0)
		    == 0)
			w.have_s1 = w.have_s0++;
		if (w.nbss < LC_WIFI_MAXBSS &&
		    lc_wifi_parse_bss(buf, n, &w.bss[w.nbss]) == 0)
			w.nbss++;
		off += (n + 3) & ~(size_t)3;
		if (off > size)
			break;
	}
	bbt_checks_init(&cs, "linecheck");
	lc_wifi_verdict(&w, "wlan0", &lc_wifi_default_limits, &cs);
	bbt_checks_free(&cs);
	return 0;
}
