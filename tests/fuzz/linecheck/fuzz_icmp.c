/* SPDX-License-Identifier: MIT */
/*
 * libFuzzer: linecheck's ICMP path. The first byte picks what the bytes
 * after it are: a datagram off a raw IPv4 socket (IP header first), off
 * a ping socket, off an ICMPv6 socket, or an error-queue message
 * (origin, errno, info and the request's destination, then the quoted
 * request). The identifier is the seeds' 0x1234.
 */
#include <errno.h>
#include <netinet/in.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "linecheck/linecheck.h"

#define IDENT	0x1234

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *d, size_t n)
{
	struct lc_icmp_msg m;
	struct lc_errq e;
	int family, raw;

	if (n < 1)
		return 0;
	family = d[0] & 1 ? AF_INET6 : AF_INET;
	raw = (d[0] & 2) != 0;
	if (!(d[0] & 4)) {
		if (lc_icmp_parse(d + 1, n - 1, family, raw, IDENT, &m) &&
		    m.kind == LC_ICMP_ERROR && !m.has_dst)
			__builtin_trap();	/* an error must name its target */
		return 0;
	}
	/* origin(1) errno(1) info(2) dst(16) payload */
	if (n < 21)
		return 0;
	memset(&e, 0, sizeof(e));
	e.origin = d[1];
	e.errnum = d[2];
	e.info = (unsigned)d[3] << 8 | d[4];
	memcpy(e.dst, d + 5, 16);
	e.dstlen = d[0] & 8 ? 0 : family == AF_INET ? 4 : 16;
	if (lc_icmp_errq_parse(d + 21, n - 21, family, raw, IDENT, &e, &m) &&
	    raw && n >= 21 + 6 && (d[21 + 4] << 8 | d[21 + 5]) != IDENT)
		__builtin_trap();	/* a foreign identifier was accepted */
	return 0;
}
