/* SPDX-License-Identifier: MIT */
/* DNS messages through c-ares; see dns4.h. */
#include <arpa/inet.h>
#include <ares.h>
#include <stdio.h>
#include <string.h>

#include "pppoe-probe/dns4.h"

size_t
dns_query(const char *name, int type, uint16_t id, uint8_t *out, size_t cap)
{
	unsigned char *q = NULL;
	int n = 0;

	if (ares_create_query(name, 1, type, id, 1, &q, &n, 0) != ARES_SUCCESS)
		return 0;
	if (n <= 0 || (size_t)n > cap) {
		ares_free_string(q);
		return 0;
	}
	memcpy(out, q, (size_t)n);
	ares_free_string(q);
	return (size_t)n;
}

int
dns_parse(const uint8_t *b, size_t n, int type, struct dns_answer *a)
{
	struct ares_addrttl v4[4];
	struct ares_addr6ttl v6[4];
	int k = 4, rc;

	memset(a, 0, sizeof(*a));
	if (n < 12 || !(b[2] & 0x80) || n > 65535)
		return -1;
	a->id = (uint16_t)(b[0] << 8 | b[1]);
	a->rcode = b[3] & 15;
	/* No answer records to read: the rcode says it all. */
	if (a->rcode != 0 || (b[6] == 0 && b[7] == 0))
		return 0;
	if (type == DNS_T_A)
		rc = ares_parse_a_reply(b, (int)n, NULL, v4, &k);
	else
		rc = ares_parse_aaaa_reply(b, (int)n, NULL, v6, &k);
	if (rc == ARES_ENODATA)
		return 0;
	if (rc != ARES_SUCCESS)
		return -1;
	a->naddr = k;
	if (k > 0 && type == DNS_T_A)
		inet_ntop(AF_INET, &v4[0].ipaddr, a->addr, sizeof(a->addr));
	else if (k > 0)
		inet_ntop(AF_INET6, &v6[0].ip6addr, a->addr, sizeof(a->addr));
	return 0;
}

const char *
dns_rcode_name(int rcode, char b[8])
{
	static const char *const names[] = { "NOERROR", "FORMERR",
		"SERVFAIL", "NXDOMAIN", "NOTIMP", "REFUSED" };

	if (rcode >= 0 && rcode < 6)
		return names[rcode];
	snprintf(b, 8, "%d", rcode);
	return b;
}
