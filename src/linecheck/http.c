/* SPDX-License-Identifier: MIT */
/*
 * HTTP and HTTPS with the libcurl multi interface inside the run's poll
 * loop. Names are never resolved by libcurl: the address our own DNS
 * check found is pinned with CURLOPT_RESOLVE, so a dead resolver shows
 * up once (dns.resolve) and the web check measures connect, TLS and first
 * byte only, per address family.
 */
#include <curl/curl.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "linecheck/linecheck.h"

#define CONNECT_MS	3000
#define BODY_MAX	(256 * 1024)	/* enough to see the page work */
#define LC_CA_MAX	(16 * 1024 * 1024)	/* Debian's bundle: 0.2 MiB */

static struct lc *cur;

static void
on_sock(void *arg, int fd, short rev)
{
	struct lc *lc = arg;
	int running, fl = 0;

	if (rev & (POLLIN | POLLHUP))
		fl |= CURL_CSELECT_IN;
	if (rev & POLLOUT)
		fl |= CURL_CSELECT_OUT;
	if (rev & POLLERR)
		fl |= CURL_CSELECT_ERR;
	curl_multi_socket_action(lc->multi, fd, fl, &running);
}

/* libcurl says which sockets it wants watched and for what. */
static int
sock_cb(CURL *e, curl_socket_t s, int what, void *userp, void *socketp)
{
	struct lc *lc = userp;

	(void)e;
	(void)socketp;
	if (what == CURL_POLL_REMOVE)
		lc_unwatch(&lc->loop, s);
	else
		lc_watch(&lc->loop, s, (short)((what & CURL_POLL_IN ? POLLIN :
		    0) | (what & CURL_POLL_OUT ? POLLOUT : 0)), on_sock, lc);
	return 0;
}

static int
timer_cb(CURLM *m, long ms, void *userp)
{
	struct lc *lc = userp;

	(void)m;
	lc->curl_timer = ms < 0 ? LC_NEVER : lc_now() + ms;
	return 0;
}

/* The body is counted, not kept; a big page is cut short (that is
 * not an error: the first byte is what we measure). */
static size_t
on_body(char *p, size_t sz, size_t n, void *arg)
{
	struct lc_http *h = arg;

	(void)p;
	h->bytes += sz * n;
	if (h->bytes > BODY_MAX) {
		h->truncated = 1;
		return 0;
	}
	return sz * n;
}

int
lc_http_init(struct lc *lc)
{
	cur = lc;
	if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK)
		return -1;
	if ((lc->multi = curl_multi_init()) == NULL)
		return -1;
	curl_multi_setopt(lc->multi, CURLMOPT_SOCKETFUNCTION, sock_cb);
	curl_multi_setopt(lc->multi, CURLMOPT_SOCKETDATA, lc);
	curl_multi_setopt(lc->multi, CURLMOPT_TIMERFUNCTION, timer_cb);
	curl_multi_setopt(lc->multi, CURLMOPT_TIMERDATA, lc);
	lc->curl_timer = LC_NEVER;
	return 0;
}

/*
 * --cacert is read once, before the privilege drop: libcurl would open
 * it per transfer, as nobody (a root-only file fails) and again and
 * again (a pipe is empty after the first transfer).
 */
int
lc_http_ca_load(struct lc *lc)
{
	FILE *fp = fopen(lc->o->cacert, "re");
	size_t cap = 0, n;

	if (fp == NULL)
		return -1;
	lc->calen = 0;
	do {
		if (lc->calen == cap) {
			char *b;

			if (cap > LC_CA_MAX) {
				fclose(fp);
				errno = EFBIG;
				return -1;
			}
			cap = cap ? cap * 2 : 64 * 1024;
			if ((b = realloc(lc->ca, cap)) == NULL) {
				fclose(fp);
				return -1;
			}
			lc->ca = b;
		}
		n = fread(lc->ca + lc->calen, 1, cap - lc->calen, fp);
		lc->calen += n;
	} while (n > 0);
	if (ferror(fp)) {
		fclose(fp);
		errno = EIO;
		return -1;
	}
	fclose(fp);
	if (lc->calen > LC_CA_MAX) {
		errno = EFBIG;
		return -1;
	}
	return 0;
}

/* An extra CA: the --cacert file plus the system directory (libcurl
 * uses CAPATH beside a CAINFO_BLOB; it reads the directory's hashed
 * links as nobody, which Debian's are readable by). */
void
lc_http_ca(void *easy, const struct lc *lc)
{
	struct curl_blob b = { lc->ca, lc->calen, CURL_BLOB_NOCOPY };

	if (lc->ca == NULL)
		return;
	curl_easy_setopt(easy, CURLOPT_CAINFO_BLOB, &b);
	curl_easy_setopt(easy, CURLOPT_CAPATH, "/etc/ssl/certs");
}

static double
info_ms(CURL *e, CURLINFO what)
{
	curl_off_t us = 0;

	if (curl_easy_getinfo(e, what, &us) != CURLE_OK)
		return -1;
	return (double)us / 1000.0;
}

static void
finish(struct lc *lc, struct lc_http *h, CURLcode rc)
{
	CURL *e = h->easy;
	long v = 0;

	h->curlcode = rc;
	if (rc == CURLE_WRITE_ERROR && h->truncated)
		h->curlcode = CURLE_OK;
	curl_easy_getinfo(e, CURLINFO_RESPONSE_CODE, &h->status);
	if (curl_easy_getinfo(e, CURLINFO_OS_ERRNO, &v) == CURLE_OK)
		h->oserr = v;
	h->connect_ms = info_ms(e, CURLINFO_CONNECT_TIME_T);
	h->tls_ms = h->u.https ? info_ms(e, CURLINFO_APPCONNECT_TIME_T) -
	    h->connect_ms : -1;
	h->ttfb_ms = info_ms(e, CURLINFO_STARTTRANSFER_TIME_T);
	h->total_ms = info_ms(e, CURLINFO_TOTAL_TIME_T);
	curl_multi_remove_handle(lc->multi, e);
	curl_easy_cleanup(e);
	curl_slist_free_all(h->resolve);
	h->resolve = NULL;
	h->easy = NULL;
	h->st = LC_DONE;
}

static void
reap(struct lc *lc)
{
	CURLMsg *m;
	int left;

	while ((m = curl_multi_info_read(lc->multi, &left)) != NULL) {
		struct lc_http *h = NULL;

		if (m->msg != CURLMSG_DONE)
			continue;
		curl_easy_getinfo(m->easy_handle, CURLINFO_PRIVATE, &h);
		if (h != NULL)
			finish(lc, h, m->data.result);
	}
}

static void
start(struct lc *lc, struct lc_http *h, const char *addr, int64_t now)
{
	struct curl_slist *rl;
	char pin[600];
	CURL *e;
	long left = (long)(lc->deadline - now);

	snprintf(h->addr, sizeof(h->addr), "%s", addr);
	snprintf(pin, sizeof(pin), h->family == AF_INET6 ? "%s:%d:[%s]" :
	    "%s:%d:%s", h->u.host, h->u.port, addr);
	if ((e = curl_easy_init()) == NULL ||
	    (rl = curl_slist_append(NULL, pin)) == NULL) {
		curl_easy_cleanup(e);
		h->st = LC_DONE;
		h->curlcode = CURLE_OUT_OF_MEMORY;
		return;
	}
	h->easy = e;
	curl_easy_setopt(e, CURLOPT_URL, h->u.url);
	/* An address literal is its own answer, and libcurl cannot parse
	 * a pin for an IPv6 one. */
	if (!h->u.literal)
		curl_easy_setopt(e, CURLOPT_RESOLVE, rl);
	curl_easy_setopt(e, CURLOPT_IPRESOLVE, h->family == AF_INET6 ?
	    CURL_IPRESOLVE_V6 : CURL_IPRESOLVE_V4);
	curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
	/* No other scheme, even through a redirect. */
	curl_easy_setopt(e, CURLOPT_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(e, CURLOPT_CONNECTTIMEOUT_MS,
	    left < CONNECT_MS ? left : (long)CONNECT_MS);
	curl_easy_setopt(e, CURLOPT_TIMEOUT_MS, left > 1 ? left : 1L);
	curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, on_body);
	curl_easy_setopt(e, CURLOPT_WRITEDATA, h);
	curl_easy_setopt(e, CURLOPT_PRIVATE, h);
	curl_easy_setopt(e, CURLOPT_USERAGENT, "linecheck/" VERSION);
	curl_easy_setopt(e, CURLOPT_ERRORBUFFER, h->errtxt);
	lc_http_ca(e, lc);
	if (curl_multi_add_handle(lc->multi, e) != CURLM_OK) {
		curl_easy_cleanup(e);
		h->easy = NULL;
		h->st = LC_DONE;
		h->curlcode = CURLE_FAILED_INIT;
		curl_slist_free_all(rl);
		return;
	}
	/* libcurl reads the resolve list when the transfer starts. */
	h->resolve = rl;
	h->st = LC_RUN;
}

int64_t
lc_http_tick(struct lc *lc, int64_t now)
{
	int running;

	cur = lc;
	for (int i = 0; i < lc->nhttp; i++) {
		struct lc_http *h = &lc->http[i];
		const char *a;

		if (h->st != LC_IDLE)
			continue;
		if (h->u.literal)
			start(lc, h, h->u.host, now);
		else if ((a = lc_dns_answer(lc, h->u.host, h->family)) != NULL)
			start(lc, h, a, now);
		else if (lc_dns_name_done(lc, h->u.host)) {
			h->st = LC_NOTRUN;
			h->skipped = "dns.resolve";
		}
	}
	if (lc->multi && now >= lc->curl_timer) {
		lc->curl_timer = LC_NEVER;
		curl_multi_socket_action(lc->multi, CURL_SOCKET_TIMEOUT, 0,
		    &running);
	}
	if (lc->multi)
		reap(lc);
	return lc->curl_timer;
}

int
lc_http_done(const struct lc *lc)
{
	for (int i = 0; i < lc->nhttp; i++)
		if (lc->http[i].st == LC_IDLE || lc->http[i].st == LC_RUN)
			return 0;
	return 1;
}

void
lc_http_close(struct lc *lc)
{
	if (lc->multi == NULL)
		return;
	reap(lc);
	for (int i = 0; i < lc->nhttp; i++) {
		struct lc_http *h = &lc->http[i];

		if (h->st == LC_RUN && h->easy)
			finish(lc, h, CURLE_OPERATION_TIMEDOUT);
	}
	curl_multi_cleanup(lc->multi);
	lc->multi = NULL;
	curl_global_cleanup();
}
