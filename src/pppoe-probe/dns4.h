/* SPDX-License-Identifier: MIT */
/*
 * DNS messages of the first-traffic test: c-ares builds the query and
 * parses the answer records (it follows CNAMEs and checks the names);
 * the header (id, QR, rcode, TC) is read here, since c-ares hides it.
 */
#ifndef PPPOE_DNS4_H
#define PPPOE_DNS4_H

#include <stddef.h>
#include <stdint.h>

#define DNS_T_A		1
#define DNS_T_AAAA	28
#define DNS_ADDR_MAX	46	/* INET6_ADDRSTRLEN */

/* A recursive query of name for type with id; its length, 0 on error. */
size_t	 dns_query(const char *name, int type, uint16_t id, uint8_t *out,
	    size_t cap);

struct dns_answer {
	uint16_t	 id;
	int		 rcode;		/* 0 NOERROR, 2 SERVFAIL, 3 NXDOMAIN ... */
	int		 naddr;		/* addresses of the type asked */
	char		 addr[DNS_ADDR_MAX];	/* the first, "" none */
};

/*
 * An answer to a query of type: 0 read (it may still have no address),
 * -1 malformed (short, not a response, records that do not parse).
 */
int	 dns_parse(const uint8_t *, size_t, int type, struct dns_answer *);
/* "NOERROR", "SERVFAIL", ...; a number as text when unnamed. */
const char *dns_rcode_name(int rcode, char b[8]);

#endif
