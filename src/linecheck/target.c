/* SPDX-License-Identifier: MIT */
/* Web targets: the small part of RFC 3986 linecheck needs (scheme, host,
 * port), enough to pin the address it resolved itself into libcurl. */
#include <arpa/inet.h>
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "linecheck/linecheck.h"

int
lc_url_parse(const char *s, struct lc_url *u)
{
	const char *p, *h, *e;
	size_t hl;
	unsigned char b[16];

	memset(u, 0, sizeof(*u));
	if (strlen(s) >= sizeof(u->url))
		return -1;
	if (strncasecmp(s, "http://", 7) == 0) {
		p = s + 7;
		u->port = 80;
	} else if (strncasecmp(s, "https://", 8) == 0) {
		p = s + 8;
		u->port = 443;
		u->https = 1;
	} else
		return -1;
	/* No user info: credentials never belong on a command line. */
	e = p + strcspn(p, "/?#");
	if (memchr(p, '@', (size_t)(e - p)) != NULL)
		return -1;
	if (*p == '[') {
		h = p + 1;
		if ((p = memchr(h, ']', (size_t)(e - h))) == NULL)
			return -1;
		hl = (size_t)(p - h);
		p++;
	} else {
		h = p;
		p = h + strcspn(h, ":/?#");
		hl = (size_t)(p - h);
	}
	if (hl == 0 || hl >= sizeof(u->host))
		return -1;
	memcpy(u->host, h, hl);
	u->host[hl] = '\0';
	for (size_t i = 0; i < hl; i++)
		if (isspace((unsigned char)u->host[i]) || u->host[i] == '%')
			return -1;
	if (*p == ':') {
		char *end;
		long port = strtol(p + 1, &end, 10);

		if (end == p + 1 || port < 1 || port > 65535 ||
		    (*end && !strchr("/?#", *end)))
			return -1;
		u->port = (int)port;
	} else if (*p && !strchr("/?#", *p))
		return -1;
	if (inet_pton(AF_INET, u->host, b) == 1)
		u->literal = AF_INET;
	else if (inet_pton(AF_INET6, u->host, b) == 1)
		u->literal = AF_INET6;
	strcpy(u->url, s);
	return 0;
}
