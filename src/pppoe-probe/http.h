/* SPDX-License-Identifier: MIT */
/*
 * The HTTP/1.x pieces of the first-traffic test: --url, the request,
 * and the head of the answer, which comes from whatever the BRAS puts
 * in the way (a portal, a proxy, garbage). Pure functions.
 */
#ifndef PPPOE_HTTP_H
#define PPPOE_HTTP_H

#include <stddef.h>
#include <stdint.h>

#define HTTP_HOST_MAX	256
#define HTTP_PATH_MAX	512
#define HTTP_HEAD_MAX	8192	/* a longer head is malformed */

struct http_url {
	char		 host[HTTP_HOST_MAX];	/* lower case, no brackets */
	char		 path[HTTP_PATH_MAX];
	uint16_t	 port;
	int		 literal;	/* host is an IPv4 address */
};

/* "http://host[:port][/path]": NULL, or why not (untranslated). */
const char *http_url_parse(const char *, struct http_url *);

/* The GET request for u; its length, 0 if it does not fit. */
size_t	 http_request(const struct http_url *, char *, size_t);

struct http_head {
	int		 major, minor, status;
	char		 location[HTTP_PATH_MAX];	/* "" none */
	long long	 length;		/* Content-Length, -1 none */
	int		 chunked;
	size_t		 len;			/* of the head, with CRLFCRLF */
};

/*
 * The head of an answer in the first n bytes received: 1 parsed, 0 not
 * yet complete, -1 malformed (no HTTP status line, a bad header, a
 * head over HTTP_HEAD_MAX).
 */
int	 http_head_parse(const uint8_t *, size_t, struct http_head *);

/*
 * The host a Location points to: an absolute URL's host (lower case,
 * no port, no user info), else base (a relative reference stays on the
 * same host). Writes at most sz bytes.
 */
void	 http_location_host(const char *loc, const char *base, char *out,
	    size_t sz);

#endif
