/* SPDX-License-Identifier: MIT */
/* Ethernet addresses and the capture handle both check tools open. */
#ifndef BBT_ETHER_H
#define BBT_ETHER_H

#include <stdint.h>

#define BBT_MAC_STRLEN	18	/* "02:00:00:00:00:10" and the NUL */

/* Lower-case colon form; returns buf. */
char	*bbt_mac_str(const uint8_t mac[6], char buf[BBT_MAC_STRLEN]);
/* Six hex pairs separated by ':' or '-', nothing after: 0, or -1. */
int	 bbt_mac_parse(const char *, uint8_t mac[6]);

#endif
