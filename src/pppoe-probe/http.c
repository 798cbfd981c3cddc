/* SPDX-License-Identifier: MIT */
/* HTTP for the first-traffic test; see http.h. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "lib/i18n.h"
#include "pppoe-probe/http.h"
#include "pppoe-probe/ip4.h"

/* The authority of an absolute URL after "scheme://": host and port. */
static const char *
authority(const char *s, size_t n, char *host, size_t hsz, long *port)
{
	const char *at = memchr(s, '@', n), *c;
	size_t hl;

	if (at != NULL) {
		n -= (size_t)(at + 1 - s);
		s = at + 1;
	}
	c = memchr(s, ':', n);
	hl = c ? (size_t)(c - s) : n;
	*port = 80;
	if (c != NULL) {
		char *end;

		if (c + 1 == s + n)
			return N_("empty port");
		*port = strtol(c + 1, &end, 10);
		if (end != s + n || *port < 1 || *port > 65535)
			return N_("port must be 1 to 65535");
	}
	if (hl == 0)
		return N_("no host");
	if (hl >= hsz)
		return N_("host name too long");
	for (size_t i = 0; i < hl; i++) {
		unsigned char ch = (unsigned char)s[i];

		if (!isalnum(ch) && ch != '-' && ch != '.' && ch != '_')
			return N_("bad character in the host name");
		host[i] = (char)tolower(ch);
	}
	host[hl] = '\0';
	return NULL;
}

const char *
http_url_parse(const char *s, struct http_url *u)
{
	const char *a, *p;
	const char *why;
	uint8_t ip[4];
	long port;

	memset(u, 0, sizeof(*u));
	if (strncasecmp(s, "http://", 7) != 0)
		return N_("only http:// URLs are supported");
	a = s + 7;
	p = a + strcspn(a, "/?#");
	if ((why = authority(a, (size_t)(p - a), u->host, sizeof(u->host),
	    &port)) != NULL)
		return why;
	u->port = (uint16_t)port;
	if (*p == '\0')
		p = "/";
	if (*p == '?' || *p == '#') {
		if (strlen(p) + 2 > sizeof(u->path))
			return N_("path too long");
		snprintf(u->path, sizeof(u->path), "/%s", p);
	} else if (strlen(p) + 1 > sizeof(u->path))
		return N_("path too long");
	else
		snprintf(u->path, sizeof(u->path), "%s", p);
	/* The fragment is the browser's, never sent. */
	u->path[strcspn(u->path, "#")] = '\0';
	for (const char *c = u->path; *c; c++)
		if ((unsigned char)*c <= ' ' || *c == 0x7f)
			return N_("bad character in the path");
	u->literal = ip4_aton(u->host, ip) == 0;
	return NULL;
}

size_t
http_request(const struct http_url *u, char *b, size_t sz)
{
	char port[8] = "";
	int n;

	if (u->port != 80)
		snprintf(port, sizeof(port), ":%u", u->port);
	n = snprintf(b, sz, "GET %s HTTP/1.1\r\nHost: %s%s\r\n"
	    "User-Agent: pppoe-probe/" VERSION "\r\nAccept: */*\r\n"
	    "Connection: close\r\n\r\n", u->path, u->host, port);
	return n < 0 || (size_t)n >= sz ? 0 : (size_t)n;
}

/* One header line [s, e): Location and Content-Length are kept. */
static int
header(const char *s, const char *e, struct http_head *h)
{
	const char *c = memchr(s, ':', (size_t)(e - s));
	const char *v;
	size_t nl, vl;

	if (c == NULL || c == s)
		return -1;
	for (const char *q = s; q < c; q++)
		if (!isgraph((unsigned char)*q))
			return -1;
	nl = (size_t)(c - s);
	for (v = c + 1; v < e && (*v == ' ' || *v == '\t'); v++)
		;
	while (e > v && (e[-1] == ' ' || e[-1] == '\t'))
		e--;
	vl = (size_t)(e - v);
	if (nl == 8 && strncasecmp(s, "location", 8) == 0) {
		if (vl >= sizeof(h->location))
			vl = sizeof(h->location) - 1;
		memcpy(h->location, v, vl);
		h->location[vl] = '\0';
		for (char *q = h->location; *q; q++)
			if ((unsigned char)*q < ' ' || *q == 0x7f)
				*q = '?';
	} else if (nl == 14 && strncasecmp(s, "content-length", 14) == 0) {
		long long l = 0;

		if (vl == 0 || vl > 15)
			return -1;
		for (size_t i = 0; i < vl; i++) {
			if (!isdigit((unsigned char)v[i]))
				return -1;
			l = l * 10 + (v[i] - '0');
		}
		h->length = l;
	} else if (nl == 17 && strncasecmp(s, "transfer-encoding", 17) == 0)
		h->chunked = vl >= 7 && strncasecmp(e - 7, "chunked", 7) == 0;
	return 0;
}

int
http_head_parse(const uint8_t *b, size_t n, struct http_head *h)
{
	const char *s = (const char *)b, *end = NULL, *e, *line;
	char st[4];

	memset(h, 0, sizeof(*h));
	h->length = -1;
	for (size_t i = 0; i + 3 < n && i < HTTP_HEAD_MAX; i++)
		if (memcmp(b + i, "\r\n\r\n", 4) == 0) {
			end = s + i + 2;
			break;
		}
	/* Not an HTTP answer at all: said as soon as it shows. */
	if (n >= 5 && memcmp(b, "HTTP/", 5) != 0)
		return -1;
	if (end == NULL)
		return n >= HTTP_HEAD_MAX ? -1 : 0;
	h->len = (size_t)(end - s) + 2;
	/* "HTTP/1.1 302 Found" */
	e = memchr(s, '\r', (size_t)(end - s));
	if (e - s < 12 || !isdigit((unsigned char)s[5]) || s[6] != '.' ||
	    !isdigit((unsigned char)s[7]) || s[8] != ' ')
		return -1;
	h->major = s[5] - '0';
	h->minor = s[7] - '0';
	memcpy(st, s + 9, 3);
	st[3] = '\0';
	if (!isdigit((unsigned char)st[0]) || !isdigit((unsigned char)st[1]) ||
	    !isdigit((unsigned char)st[2]) || (e - s > 12 && s[12] != ' '))
		return -1;
	h->status = atoi(st);
	if (h->status < 100)
		return -1;
	for (line = e + 2; line < end; line = e + 2) {
		e = memchr(line, '\r', (size_t)(end - line));
		if (e == NULL || e[1] != '\n' || header(line, e, h) < 0)
			return -1;
	}
	return 1;
}

void
http_location_host(const char *loc, const char *base, char *out, size_t sz)
{
	const char *a = strstr(loc, "://"), *p;
	long port;

	snprintf(out, sz, "%s", base);
	if (a == NULL) {
		/* "//host/path" is absolute too; "/path" stays here. */
		if (strncmp(loc, "//", 2) != 0)
			return;
		a = loc;
	} else {
		for (const char *q = loc; q < a; q++)
			if (!isalpha((unsigned char)*q))
				return;
	}
	a += a == loc ? 2 : 3;
	p = a + strcspn(a, "/?#");
	if (authority(a, (size_t)(p - a), out, sz, &port) != NULL)
		snprintf(out, sz, "%.*s", (int)(p - a), a);
}
