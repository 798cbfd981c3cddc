/* SPDX-License-Identifier: MIT */
/* Ethernet address text, shared by linecheck and pppoe-probe. */
#include <stdio.h>

#include "lib/ether.h"

char *
bbt_mac_str(const uint8_t m[6], char buf[BBT_MAC_STRLEN])
{
	snprintf(buf, BBT_MAC_STRLEN, "%02x:%02x:%02x:%02x:%02x:%02x",
	    m[0], m[1], m[2], m[3], m[4], m[5]);
	return buf;
}

static int
hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

int
bbt_mac_parse(const char *s, uint8_t m[6])
{
	for (int i = 0; i < 6; i++) {
		int h = hexval(s[0]), l = h < 0 ? -1 : hexval(s[1]);

		if (h < 0 || l < 0)
			return -1;
		m[i] = (uint8_t)(h << 4 | l);
		s += 2;
		if (i < 5) {
			if (*s != ':' && *s != '-')
				return -1;
			s++;
		}
	}
	return *s == '\0' ? 0 : -1;
}
