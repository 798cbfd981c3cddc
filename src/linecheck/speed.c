/* SPDX-License-Identifier: MIT */
/*
 * linecheck --speed: throughput against a stock web server, after the
 * other checks and only when asked, because it fills the customer's line.
 *
 * The server with the shortest TCP connect time wins (TR-143
 * ServerSelection); those connects are also the idle latency. Then N
 * parallel HTTP/1.1 connections (libcurl multi, one poll loop) GET a large
 * object, and then POST generated data, each direction until the rate of
 * the last second has held within 2 % for a second, or the cap. Bytes are
 * sampled every 100 ms: what the callbacks saw for the download, what TCP
 * says the server acknowledged (TCP_INFO) for the upload, since the
 * socket buffers run ahead of the wire by megabytes. During each
 * direction a TCP connect to the server every 100 ms measures the loaded
 * latency: it crosses the same bottleneck queue as the load, which a ping
 * of the LAN gateway would not, and it needs no privilege. A direction
 * also goes on while that latency still grows (the queue is filling).
 */
#include <arpa/inet.h>
#include <curl/curl.h>
#include <err.h>
#include <errno.h>
#include <linux/tcp.h>
#include <net/if.h>
#include <netdb.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#include "lib/i18n.h"
#include "lib/rec.h"
#include "linecheck/linecheck.h"
#include "linecheck/speedint.h"

#define MIN_OBJECT	(1024 * 1024)	/* a smaller download is no test */
#define UP_CHUNK	((curl_off_t)256 << 20)	/* bytes per upload request */
#define STABLE_TOL	0.02
/* Large libcurl buffers (the upload one at its 2 MiB maximum): at
 * veth rates its 16 KiB default costs a recv() per 16 KiB. */
#define DOWN_BUF	(512L * 1024)
#define UP_BUF		(2L * 1024 * 1024)

struct sp_stream {
	CURL		*e;
	int		 fd;		/* its socket, as libcurl says */
	uint64_t	 app;		/* bytes through the callbacks */
	uint64_t	 body;		/* of the current response */
	uint64_t	 acked_base, acked_last;
	int		 acked_fd;
	char		*filled;	/* libcurl's upload buffer, patterned */
	size_t		 filled_len;
	struct curl_slist *resolve, *hdr;
	char		 errtxt[CURL_ERROR_SIZE];
};

static struct {
	struct lc	*lc;
	const struct lc_speed_opts *o;
	struct lc_loop	 loop;
	CURLM		*multi;
	int64_t		 curl_timer;
	struct sp_server srv[LC_SPEED_MAXS];
	int		 nsrv;
	struct sp_server *best;
	struct sp_stream st[LC_SPEED_MAXSTREAMS];
	int		 dir;
	struct sp_dir	 d[2];
	int		 progress;
	struct sp_side	 side[2];	/* --wired: [0] over -i, [1] wired */
} S;

static volatile sig_atomic_t interrupted;
static uint8_t pattern[64 * 1024];

static void
on_sigint(int sig)
{
	(void)sig;
	interrupted = 1;
}

/* ---- the transfers (libcurl multi in our poll loop) ---- */

static void
on_sock_io(void *arg, int fd, short rev)
{
	int running, fl = 0;

	(void)arg;
	if (rev & (POLLIN | POLLHUP))
		fl |= CURL_CSELECT_IN;
	if (rev & POLLOUT)
		fl |= CURL_CSELECT_OUT;
	if (rev & POLLERR)
		fl |= CURL_CSELECT_ERR;
	curl_multi_socket_action(S.multi, fd, fl, &running);
}

static int
sock_cb(CURL *e, curl_socket_t s, int what, void *userp, void *socketp)
{
	struct sp_stream *t = NULL;

	(void)userp;
	(void)socketp;
	(void)curl_easy_getinfo(e, CURLINFO_PRIVATE, &t);
	if (what == CURL_POLL_REMOVE) {
		lc_unwatch(&S.loop, s);
		if (t && t->fd == s)
			t->fd = -1;
		return 0;
	}
	if (t)
		t->fd = s;
	lc_watch(&S.loop, s, (short)((what & CURL_POLL_IN ? POLLIN : 0) |
	    (what & CURL_POLL_OUT ? POLLOUT : 0)), on_sock_io, NULL);
	return 0;
}

static int
timer_cb(CURLM *m, long ms, void *userp)
{
	(void)m;
	(void)userp;
	S.curl_timer = ms < 0 ? LC_NEVER : lc_now() + ms;
	return 0;
}

static size_t
on_down(char *p, size_t sz, size_t n, void *arg)
{
	struct sp_stream *t = arg;

	(void)p;
	t->app += sz * n;
	t->body += sz * n;
	return sz * n;
}

/*
 * The body is discarded by the server: what matters is that it does not
 * compress, not that each byte is new. libcurl hands us the same upload
 * buffer every time, so it is patterned once and then only counted; a
 * memcpy per 64 KiB was 2.5 % of the client's CPU at veth rates.
 */
static size_t
on_up(char *buf, size_t sz, size_t n, void *arg)
{
	struct sp_stream *t = arg;
	size_t l = sz * n;

	if (buf != t->filled || l > t->filled_len) {
		for (size_t o = 0; o < l; o += sizeof(pattern))
			memcpy(buf + o, pattern, l - o < sizeof(pattern) ?
			    l - o : sizeof(pattern));
		t->filled = buf;
		t->filled_len = l;
	}
	t->app += l;
	return l;
}

static size_t
on_sink(char *p, size_t sz, size_t n, void *arg)
{
	(void)p;
	(void)arg;
	return sz * n;
}

/* Closing must end the load at once: without this, close() leaves an
 * upload's send buffer (megabytes) draining over the line for seconds
 * after the test. A reset discards it. */
static int
on_sockopt(void *arg, curl_socket_t fd, curlsocktype purpose)
{
	struct linger l = { 1, 0 };

	(void)arg;
	(void)purpose;
	(void)setsockopt(fd, SOL_SOCKET, SO_LINGER, &l, sizeof(l));
	return CURL_SOCKOPT_OK;
}

static int
stream_start(struct sp_stream *t, int dir)
{
	const struct sp_server *s = S.best;
	char pin[600];
	CURL *e;

	memset(t, 0, sizeof(*t));
	t->fd = t->acked_fd = -1;
	snprintf(pin, sizeof(pin), s->family == AF_INET6 ? "%s:%d:[%s]" :
	    "%s:%d:%s", s->u.host, s->u.port, s->addr);
	/* A name is pinned to the address our DNS check found; an address
	 * needs no pin (and libcurl cannot parse one for an IPv6 literal:
	 * "2001:db8::1:80:[2001:db8::1]"). */
	if ((e = curl_easy_init()) == NULL || (!s->u.literal &&
	    (t->resolve = curl_slist_append(NULL, pin)) == NULL)) {
		curl_easy_cleanup(e);
		return -1;
	}
	t->e = e;
	curl_easy_setopt(e, CURLOPT_URL, s->u.url);
	if (t->resolve)
		curl_easy_setopt(e, CURLOPT_RESOLVE, t->resolve);
	curl_easy_setopt(e, CURLOPT_IPRESOLVE, s->family == AF_INET6 ?
	    CURL_IPRESOLVE_V6 : CURL_IPRESOLVE_V4);
	curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(e, CURLOPT_PROTOCOLS_STR, "http,https");
	/* One TCP connection per stream: no HTTP/2 multiplexing. */
	curl_easy_setopt(e, CURLOPT_HTTP_VERSION, CURL_HTTP_VERSION_1_1);
	curl_easy_setopt(e, CURLOPT_CONNECTTIMEOUT_MS, 3000L);
	curl_easy_setopt(e, CURLOPT_FAILONERROR, 1L);
	curl_easy_setopt(e, CURLOPT_PRIVATE, t);
	curl_easy_setopt(e, CURLOPT_SOCKOPTFUNCTION, on_sockopt);
	curl_easy_setopt(e, CURLOPT_USERAGENT, "linecheck/" VERSION);
	curl_easy_setopt(e, CURLOPT_ERRORBUFFER, t->errtxt);
	lc_http_ca(e, S.lc);
	if (s->bind != NULL) {
		char ifn[IFNAMSIZ + 3];

		/* "if!": the interface only, never taken for a host name. */
		snprintf(ifn, sizeof(ifn), "if!%s", s->bind);
		curl_easy_setopt(e, CURLOPT_INTERFACE, ifn);
	}
	if (dir == DOWN) {
		curl_easy_setopt(e, CURLOPT_BUFFERSIZE, DOWN_BUF);
		curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, on_down);
		curl_easy_setopt(e, CURLOPT_WRITEDATA, t);
	} else {
		/* No "Expect: 100-continue": nothing to wait for. */
		t->hdr = curl_slist_append(NULL, "Expect:");
		t->hdr = curl_slist_append(t->hdr,
		    "Content-Type: application/octet-stream");
		curl_easy_setopt(e, CURLOPT_HTTPHEADER, t->hdr);
		curl_easy_setopt(e, CURLOPT_UPLOAD_BUFFERSIZE, UP_BUF);
		curl_easy_setopt(e, CURLOPT_POST, 1L);
		curl_easy_setopt(e, CURLOPT_POSTFIELDSIZE_LARGE, UP_CHUNK);
		curl_easy_setopt(e, CURLOPT_READFUNCTION, on_up);
		curl_easy_setopt(e, CURLOPT_READDATA, t);
		curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, on_sink);
	}
	return curl_multi_add_handle(S.multi, e) == CURLM_OK ? 0 : -1;
}

static void
stream_stop(struct sp_stream *t)
{
	if (t->e) {
		curl_multi_remove_handle(S.multi, t->e);
		curl_easy_cleanup(t->e);
	}
	curl_slist_free_all(t->resolve);
	curl_slist_free_all(t->hdr);
	memset(t, 0, sizeof(*t));
	t->fd = -1;
}

/* What the server acknowledged on this stream's connections so far. */
static uint64_t
acked(struct sp_stream *t)
{
	struct tcp_info ti;
	socklen_t l = sizeof(ti);

	if (t->fd < 0)
		return t->acked_base + t->acked_last;
	if (t->fd != t->acked_fd) {
		t->acked_base += t->acked_last;
		t->acked_last = 0;
		t->acked_fd = t->fd;
	}
	memset(&ti, 0, sizeof(ti));
	if (getsockopt(t->fd, IPPROTO_TCP, TCP_INFO, &ti, &l) < 0 ||
	    l < offsetof(struct tcp_info, tcpi_bytes_received))
		return t->app;	/* an old kernel: the callbacks' count */
	if (ti.tcpi_bytes_acked < t->acked_last) {
		/* A new connection on a reused descriptor number. */
		t->acked_base += t->acked_last;
	}
	t->acked_last = ti.tcpi_bytes_acked;
	return t->acked_base + t->acked_last;
}

static uint64_t
count(int dir)
{
	uint64_t b = 0;

	for (int i = 0; i < S.o->streams; i++)
		b += dir == DOWN ? S.st[i].app : acked(&S.st[i]);
	return b;
}

/* Finished transfers: a whole large object (or upload) starts again on
 * the same connection; anything else ends the direction. */
static void
reap(struct sp_dir *d)
{
	struct sp_stream *t;
	CURLMsg *m;
	int left;

	while ((m = curl_multi_info_read(S.multi, &left)) != NULL) {
		long oserr = 0, status = 0;

		if (m->msg != CURLMSG_DONE)
			continue;
		t = NULL;
		curl_easy_getinfo(m->easy_handle, CURLINFO_PRIVATE, &t);
		if (t == NULL)
			continue;
		curl_easy_getinfo(t->e, CURLINFO_RESPONSE_CODE, &status);
		if (m->data.result == CURLE_OK && status < 300 &&
		    (S.dir == UP || t->body >= MIN_OBJECT)) {
			curl_multi_remove_handle(S.multi, t->e);
			t->body = 0;
			if (curl_multi_add_handle(S.multi, t->e) == CURLM_OK)
				continue;
		}
		if (d->error != NULL)
			continue;
		curl_easy_getinfo(t->e, CURLINFO_OS_ERRNO, &oserr);
		d->status = status;
		d->error = lc_speed_curl_error(m->data.result, oserr);
		/* A redirect is not followed: an arrears portal's 302 is
		 * what the technician must see, not a short body. */
		if (m->data.result == CURLE_OK && status >= 300)
			d->error = "http";
		memcpy(d->msg, t->errtxt, sizeof(d->msg));
	}
}

static void
show(int dir, const struct lc_rate *r)
{
	double w;

	if (!S.progress)
		return;
	w = lc_rate_window(r, r->n - 1);
	if (w < 0 && r->n > 1 && r->t[r->n - 1] > 0)
		w = (double)r->b[r->n - 1] * 8 / r->t[r->n - 1] / 1e6;
	if (w < 0)
		return;
	fputs("\r\033[K", stderr);
	fprintf(stderr, dir == DOWN ? _("download: %.1f Mbit/s") :
	    _("upload: %.1f Mbit/s"), w);
	fflush(stderr);
}

static void
sample(int dir, double t0us)
{
	struct lc_rate *r = &S.d[dir].rate;

	r->t[r->n] = (lc_now_us() - t0us) / 1e6;
	r->b[r->n] = count(dir);
	r->n++;
	show(dir, r);
}

/* Our CPU time so far, user and system, all threads (libiperf's too). */
static double
cpu_ms(void)
{
	struct rusage ru;

	if (getrusage(RUSAGE_SELF, &ru) < 0)
		return 0;
	return (double)(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1000 +
	    (double)(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1000;
}

static void
finish_dir(int dir, double t0us)
{
	struct sp_dir *d = &S.d[dir];
	struct sp_server *s = S.best;

	if (dir == UP)
		for (int i = 0; i < S.o->streams; i++) {
			struct tcp_info ti;
			socklen_t l = sizeof(ti);

			if (S.st[i].fd >= 0 && getsockopt(S.st[i].fd,
			    IPPROTO_TCP, TCP_INFO, &ti, &l) == 0)
				d->retrans += ti.tcpi_total_retrans;
		}
	d->bytes = count(dir);
	d->dur_ms = (lc_now_us() - t0us) / 1000;
	d->cpu_ms = cpu_ms() - d->cpu_ms;
	d->have = lc_rate_steady(&d->rate, &d->st) == 0;
	d->ramp_ms = d->have ? d->rate.t[d->st.ramp] * 1000 : 0;
	for (int i = 0; i < S.o->streams; i++)
		stream_stop(&S.st[i]);
	lc_speed_probe_cancel(s);
	if (S.progress)
		fputs("\r\033[K", stderr);
}

/* libiperf runs a test to its end: Ctrl-C marks it, the test ends at
 * --speed-time all the same. */
static void
iperf_once(int dir)
{
	struct sp_dir *d = &S.d[dir];
	struct sp_server *s = S.best;
	int64_t next_probe = lc_now() + LOAD_EVERY_MS;
	struct lc_iperf *job;

	s->sink = d;
	d->t0us = lc_now_us();
	d->cpu_ms = cpu_ms();
	if ((job = lc_speed_iperf_start(s, dir, S.o->streams,
	    S.o->time_ms)) == NULL) {
		d->error = "internal";
		d->cpu_ms = 0;
		return;
	}
	while (!lc_speed_iperf_done(job)) {
		int64_t now = lc_now();

		if (interrupted)
			d->interrupted = 1;
		if (lc_poll(&S.loop, lc_speed_probe_load(s, now, &next_probe,
		    now + 50)) < 0)
			break;
	}
	lc_speed_iperf_end(job, d);
	d->cpu_ms = cpu_ms() - d->cpu_ms;
	lc_speed_probe_cancel(s);
}

static void
run_iperf(int dir)
{
	struct sp_dir *d = &S.d[dir];

	S.dir = dir;
	d->ran = 1;
	iperf_once(dir);
	/*
	 * An iperf3 server takes our bare connects (the choice, the idle
	 * latency) for clients without a cookie and resets itself after
	 * each; a test that arrives meanwhile loses its control channel,
	 * or is refused while the server listens again (it took the
	 * choice's connects a moment ago; over a second under qemu's
	 * TCG). Again, later, up to four times: only that, never busy.
	 */
	for (int k = 0; k < 4 && d->error && !interrupted &&
	    (strcmp(d->error, "iperf") == 0 ||
	    strcmp(d->error, "refused") == 0); k++) {
		memset(d, 0, sizeof(*d));
		d->ran = 1;
		(void)lc_poll(&S.loop, lc_now() + (k == 0 ? 250 : 500));
		iperf_once(dir);
	}
}

static void
run_dir(int dir)
{
	struct sp_dir *d = &S.d[dir];
	struct sp_server *s = S.best;
	int64_t start = lc_now(), next = start + LC_SPEED_SAMPLE_MS;
	int64_t cap = start + S.o->time_ms, next_probe = start + LOAD_EVERY_MS;
	double t0us = lc_now_us();
	int running;

	S.dir = dir;
	s->sink = d;
	d->ran = 1;
	d->t0us = t0us;
	d->cpu_ms = cpu_ms();
	d->rate.n = 1;		/* t = 0, no bytes */
	for (int i = 0; i < S.o->streams; i++)
		if (stream_start(&S.st[i], dir) < 0 && d->error == NULL)
			d->error = "internal";
	while (d->error == NULL) {
		int64_t now = lc_now(), wake = next;

		if (interrupted) {
			d->interrupted = 1;
			break;
		}
		if (now >= S.curl_timer) {
			S.curl_timer = LC_NEVER;
			curl_multi_socket_action(S.multi, CURL_SOCKET_TIMEOUT, 0,
			    &running);
		}
		reap(d);
		if (now >= next) {
			sample(dir, t0us);
			next = next + LC_SPEED_SAMPLE_MS > now ? next +
			    LC_SPEED_SAMPLE_MS : now + LC_SPEED_SAMPLE_MS;
			/* Done once the rate holds and the queue the load
			 * builds has stopped growing: the loaded latency is
			 * that of the standing queue, not of the ramp. */
			if ((lc_rate_stable(&d->rate, STABLE_TOL) &&
			    !lc_speed_lat_rising(d->lat, d->lat_t, d->nlat,
			    (lc_now_us() - t0us) / 1e6)) || now >= cap ||
			    d->rate.n >= LC_SPEED_MAXSAMPLES)
				break;
		}
		wake = lc_speed_probe_load(s, now, &next_probe, wake);
		if (S.curl_timer < wake)
			wake = S.curl_timer;
		if (lc_poll(&S.loop, wake) < 0)
			break;
	}
	finish_dir(dir, t0us);
}

/* ---- the run ---- */

/*
 * The download's connections are reset, but what they left in the
 * line's queue still drains for as long as that queue delays: the upload
 * waits for it. Started at once, its first round trips (the ACKs come
 * back through that queue) took 36-55 ms behind a 400 ms one, and BBR
 * sized its window to that minimum: the upload's own queue then stood at
 * 300 ms where iperf3's, started on an idle line, filled it to 420 ms.
 */
static void
drain(const struct sp_dir *d)
{
	double ms = lc_speed_loaded(d->lat, d->lat_t, d->nlat);
	int64_t end;

	if (ms <= 0)
		return;
	end = lc_now() + (int64_t)(ms > 3000 ? 3000 : ms * 1.25);
	while (!interrupted && lc_now() < end)
		if (lc_poll(&S.loop, end) < 0)
			break;
}

/* The servers, and the check that already makes the test pointless. */
static const char *
prepare(struct lc *lc, const struct bbt_checks *cs)
{
	const char *fam = "inet", *block;
	int named = 0;

	for (int i = 0; i < S.o->nservers; i++) {
		struct sp_server *s = &S.srv[S.nsrv++];

		s->sel.fd = -1;
		for (int k = 0; k < LOAD_INFLIGHT; k++)
			s->load[k].fd = -1;
		s->loop = &S.loop;
		(void)lc_speed_url_parse(S.o->servers[i], &s->u, &s->iperf);
		lc_speed_resolve(S.lc, s, S.o->hosts[i]);
		named |= !s->u.literal;
	}
	for (int i = 0; i < S.nsrv; i++)
		if (S.srv[i].addr[0]) {
			fam = S.srv[i].family == AF_INET6 ? "inet6" : "inet";
			break;
		}
	if (!lc->link.carrier)
		return "link.carrier";
	if ((block = lc_speed_blocker(cs, fam, NULL)) != NULL)
		return block;
	for (int i = 0; i < S.nsrv; i++)
		if (S.srv[i].addr[0])
			return NULL;
	/* No address for any name: the resolvers' fault, or what made
	 * them fail. */
	block = named && !(lc->o->skip & LC_SKIP_DNS) ?
	    lc_speed_blocker(cs, fam, S.o->hosts[0]) : NULL;
	return block ? block : "dns.resolve";
}

static int
setup(void)
{
	uint32_t x = 2463534242u;

	for (size_t i = 0; i < sizeof(pattern); i++) {
		/* xorshift: incompressible, in case anything compresses. */
		x ^= x << 13;
		x ^= x >> 17;
		x ^= x << 5;
		pattern[i] = (uint8_t)x;
	}
	if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK ||
	    (S.multi = curl_multi_init()) == NULL)
		return -1;
	curl_multi_setopt(S.multi, CURLMOPT_SOCKETFUNCTION, sock_cb);
	curl_multi_setopt(S.multi, CURLMOPT_TIMERFUNCTION, timer_cb);
	S.curl_timer = LC_NEVER;
	return 0;
}

static int
all_refused(void)
{
	for (int i = 0; i < S.nsrv; i++)
		if (S.srv[i].addr[0] && S.srv[i].err != ECONNREFUSED)
			return 0;
	return 1;
}

/* The choice, the download and the upload, over bind (NULL: as routed);
 * the result into *sd. */
static void
one_side(const char *bind, struct sp_side *sd)
{
	for (int i = 0; i < S.nsrv; i++) {
		struct sp_server *s = &S.srv[i];

		lc_speed_probe_cancel(s);
		lc_speed_sel_reset(s);
		s->bind = bind;
	}
	memset(S.d, 0, sizeof(S.d));
	S.best = lc_speed_choose(S.srv, S.nsrv, &S.loop, &interrupted);
	/* --wired: an iperf3 server listens again only a moment after
	 * the first side's test, and refuses meanwhile (over a second
	 * under qemu's TCG): up to 2 s more while every server refuses. */
	for (int k = 0; k < 4 && S.best == NULL && S.o->wired != NULL &&
	    bind == S.o->wired && !interrupted && all_refused(); k++) {
		(void)lc_poll(&S.loop, lc_now() + 500);
		for (int i = 0; i < S.nsrv; i++)
			S.srv[i].err = 0;
		S.best = lc_speed_choose(S.srv, S.nsrv, &S.loop, &interrupted);
	}
	if (S.best == NULL) {
		/* Kept for its records: the next side's choice starts
		 * the servers' counts again. */
		for (int i = 0; i < S.nsrv; i++)
			sd->err[i] = S.srv[i].err;
		return;
	}
	if (S.lc->verbose && S.best->nrtt > 0)
		warnx(_("speed test against %s (%s), connect %.1f ms"),
		    S.best->u.url, S.best->addr,
		    lc_speed_median(S.best->rtt, S.best->nrtt));
	else if (S.lc->verbose)
		warnx(_("speed test against %s (%s), only slow connects "
		    "(%.0f ms): the idle latency is unknown"),
		    S.best->u.url, S.best->addr, S.best->slow_ms);
	(S.best->iperf ? run_iperf : run_dir)(DOWN);
	drain(&S.d[DOWN]);
	if (!interrupted)
		(S.best->iperf ? run_iperf : run_dir)(UP);
	sd->reached = 1;
	sd->best = *S.best;
	memcpy(sd->d, S.d, sizeof(sd->d));
}

int
lc_speed_run(struct lc *lc, struct bbt_checks *cs)
{
	struct sigaction sa, old, ign, oldpipe;
	const char *block;

	memset(&S, 0, sizeof(S));
	S.lc = lc;
	S.o = &lc->o->speed;
	S.progress = isatty(STDERR_FILENO) && !lc->o->common.quiet;
	if ((block = prepare(lc, cs)) != NULL) {
		lc_speed_rec_skipped(cs, S.o->wired ? lc->link.name :
		    S.o->servers[0], block);
		if (S.o->wired)
			lc_speed_rec_skipped(cs, S.o->wired, block);
		return 0;
	}
	if (setup() < 0) {
		warnx(_("cannot initialise the HTTP library"));
		bbt_checks_add(cs, "speed.down", S.o->servers[0], BBT_UNKNOWN,
		    NULL, "Mbit/s", "error=internal");
		return 0;
	}
	/* Ctrl-C ends the test, not the program: the partial results are
	 * worth printing. */
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_sigint;
	sigemptyset(&sa.sa_mask);
	interrupted = 0;
	(void)sigaction(SIGINT, &sa, &old);
	/* A server that goes away must not kill us (libiperf writes to
	 * its sockets without MSG_NOSIGNAL). */
	memset(&ign, 0, sizeof(ign));
	ign.sa_handler = SIG_IGN;
	(void)sigaction(SIGPIPE, &ign, &oldpipe);
	/* --wired: one side after the other, never both at once (each
	 * would slow the other where they share the line). */
	one_side(S.o->wired ? lc->link.name : NULL, &S.side[0]);
	if (S.o->wired != NULL && !interrupted)
		one_side(S.o->wired, &S.side[1]);
	lc_speed_rec_sides(cs, S.o, lc->link.name, S.side, S.srv, S.nsrv,
	    interrupted);
	(void)sigaction(SIGINT, &old, NULL);
	(void)sigaction(SIGPIPE, &oldpipe, NULL);
	curl_multi_cleanup(S.multi);
	curl_global_cleanup();
	for (int i = 0; i < S.nsrv; i++)
		if (S.srv[i].sel.fd >= 0)
			close(S.srv[i].sel.fd);
	lc_loop_free(&S.loop);
	if (interrupted)
		warnx(_("speed test interrupted: the results are partial"));
	return interrupted != 0;
}
