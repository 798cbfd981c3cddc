/* SPDX-License-Identifier: MIT */
/* linecheck --speed: the server choice (speedprobe.c), from synthetic
 * connect outcomes and against a loopback listener that drops a first
 * SYN; the speed.latency record without an idle latency (speedrec.c). */
#include <arpa/inet.h>
#include <errno.h>
#include <linux/tcp.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <sys/socket.h>
#include <time.h>

#include "../testutil.h"
#include "lib/checks.h"
#include "linecheck/linecheck.h"
#include "linecheck/speedint.h"

static void
server(struct sp_server *s, const char *addr)
{
	memset(s, 0, sizeof(*s));
	s->sel.fd = -1;
	for (int k = 0; k < LOAD_INFLIGHT; k++)
		s->load[k].fd = -1;
	snprintf(s->addr, sizeof(s->addr), "%s", addr);
	snprintf(s->u.url, sizeof(s->u.url), "iperf3://%s", addr);
}

/* What one connect of the choice counts as. */
static void
test_sel_count(void **st)
{
	struct sp_server s;

	(void)st;
	server(&s, "192.0.2.1");
	lc_speed_sel_count(&s, 0, 12.5, 0);
	assert_int_equal(s.nrtt, 1);
	assert_float_equal(s.rtt[0], 12.5, 1e-9);
	/* Answered after 1.5 s: slow, not lost, no round trip. */
	lc_speed_sel_count(&s, 0, 1500, 0);
	/* Its SYN sent again, answered at the retransmission (1 s). */
	lc_speed_sel_count(&s, 0, 1003, 1);
	assert_int_equal(s.nrtt, 1);
	assert_int_equal(s.nslow, 2);
	assert_float_equal(s.slow_ms, 1003, 1e-9);
	assert_int_equal(s.sel_lost, 0);
	assert_int_equal(s.err, 0);
	/* Unanswered: one is not a dead server, two are. */
	lc_speed_sel_count(&s, ETIMEDOUT, 2500, 0);
	assert_int_equal(s.sel_lost, 1);
	assert_int_equal(s.err, 0);
	lc_speed_sel_count(&s, ETIMEDOUT, 2500, 0);
	assert_int_equal(s.err, ETIMEDOUT);
	lc_speed_sel_reset(&s);
	assert_int_equal(s.nrtt + s.nslow + s.sel_lost + s.err, 0);
	lc_speed_sel_count(&s, ECONNREFUSED, 0.2, 0);
	assert_int_equal(s.err, ECONNREFUSED);
}

static void
test_pick(void **st)
{
	struct sp_server v[3];

	(void)st;
	/* The only server answered, every time after a resent SYN. */
	server(&v[0], "192.0.2.1");
	for (int i = 0; i < 5; i++)
		lc_speed_sel_count(&v[0], 0, 1010 + i, 1);
	assert_ptr_equal(lc_speed_pick(v, 1), &v[0]);

	/* A quick answer beats a slow one, whatever the numbers. */
	server(&v[1], "192.0.2.2");
	lc_speed_sel_count(&v[1], 0, 900, 0);
	lc_speed_sel_count(&v[1], ETIMEDOUT, 2500, 0);
	assert_ptr_equal(lc_speed_pick(v, 2), &v[1]);
	/* And the lowest median of quick ones wins. */
	server(&v[2], "192.0.2.3");
	lc_speed_sel_count(&v[2], 0, 40, 0);
	lc_speed_sel_count(&v[2], 0, 60, 0);
	lc_speed_sel_count(&v[2], 0, 2000, 0);
	assert_ptr_equal(lc_speed_pick(v, 3), &v[2]);

	/* Given up after answering (refused, lost twice): only when no
	 * other server answered. */
	lc_speed_sel_count(&v[1], ETIMEDOUT, 2500, 0);
	lc_speed_sel_count(&v[2], ECONNREFUSED, 1, 0);
	assert_ptr_equal(lc_speed_pick(v, 3), &v[0]);
	assert_ptr_equal(lc_speed_pick(&v[1], 2), &v[2]);

	/* Nothing answered, or no address: none. */
	server(&v[0], "192.0.2.1");
	lc_speed_sel_count(&v[0], ETIMEDOUT, 2500, 0);
	lc_speed_sel_count(&v[0], ETIMEDOUT, 2500, 0);
	v[1].addr[0] = '\0';
	assert_null(lc_speed_pick(v, 2));
}

/*
 * A listener whose accept queue is full drops a SYN, as the lab's air
 * lost first SYNs. The acceptor frees one place 100 ms after the queue
 * fills: the connect that filled it is back, the next one has just sent
 * its SYN into the full queue, and its retransmission 1 s on gets in and
 * fills the queue again. So every connect of the choice loses its first
 * SYN and is answered a little after 1 s (1005-1033 ms here: the kernel's
 * timer fires after ours). The choice cut each off at exactly 1 s and
 * gave the only server up after two.
 */
struct acceptor {
	int		 fd;
	volatile int	 stop;
};

static int
queued(int fd)
{
	struct tcp_info ti;
	socklen_t l = sizeof(ti);

	memset(&ti, 0, sizeof(ti));
	/* A listener's tcpi_unacked is its accept queue. */
	if (getsockopt(fd, IPPROTO_TCP, TCP_INFO, &ti, &l) < 0)
		return -1;
	return (int)ti.tcpi_unacked;
}

static void *
acceptor(void *arg)
{
	struct acceptor *a = arg;
	struct timespec poll = { 0, 2 * 1000 * 1000 };
	struct timespec wait = { 0, 100 * 1000 * 1000 };
	int c;

	while (!a->stop) {
		if (queued(a->fd) < 2) {
			nanosleep(&poll, NULL);
			continue;
		}
		nanosleep(&wait, NULL);
		if ((c = accept(a->fd, NULL, NULL)) >= 0)
			close(c);
	}
	return NULL;
}

static void
test_choose_resent(void **st)
{
	struct sockaddr_in sa = { .sin_family = AF_INET };
	socklen_t l = sizeof(sa);
	struct acceptor a = { -1, 0 };
	volatile sig_atomic_t stop = 0;
	struct lc_loop loop;
	struct sp_server s;
	pthread_t th;
	int fill[2];

	(void)st;
	memset(&loop, 0, sizeof(loop));
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	a.fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	assert_true(a.fd >= 0);
	assert_int_equal(bind(a.fd, (struct sockaddr *)&sa, sizeof(sa)), 0);
	assert_int_equal(getsockname(a.fd, (struct sockaddr *)&sa, &l), 0);
	/* Backlog 1 holds two established connections. */
	assert_int_equal(listen(a.fd, 1), 0);
	for (int i = 0; i < 2; i++) {
		fill[i] = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
		assert_int_equal(connect(fill[i], (struct sockaddr *)&sa,
		    sizeof(sa)), 0);
	}
	/* qemu-user (the arm64 test) gives a listener's TCP_INFO as 0. */
	if (queued(a.fd) != 2) {
		for (int i = 0; i < 2; i++)
			close(fill[i]);
		close(a.fd);
		skip();
	}
	server(&s, "127.0.0.1");
	s.family = AF_INET;
	memcpy(&s.sa, &sa, sizeof(sa));
	s.salen = sizeof(sa);
	s.loop = &loop;
	assert_int_equal(pthread_create(&th, NULL, acceptor, &a), 0);

	assert_ptr_equal(lc_speed_choose(&s, 1, &loop, &stop), &s);
	a.stop = 1;
	pthread_join(th, NULL);
	/* Slow, not lost; a connect that the acceptor, late under load,
	 * let through at once is quick. */
	assert_int_equal(s.sel_lost, 0);
	assert_int_equal(s.err, 0);
	assert_true(s.nslow >= 1);
	assert_int_equal(s.nslow + s.nrtt, 5);
	assert_true(s.slow_ms >= 1000 && s.slow_ms < 2500);
	assert_int_equal(s.sel.fd, -1);
	for (int i = 0; i < 2; i++)
		close(fill[i]);
	close(a.fd);
	lc_loop_free(&loop);
}

/* Only slow connects in the choice: no idle latency, so no bloat over
 * it; nothing measured at all is no number. */
static void
test_latency_unknown(void **st)
{
	struct bbt_checks cs;
	struct sp_server s;
	struct sp_dir d[2];
	const struct bbt_check *k;

	(void)st;
	server(&s, "10.99.0.1");
	lc_speed_sel_count(&s, 0, 1004, 1);
	memset(d, 0, sizeof(d));
	for (int i = 0; i < 5; i++) {
		d[DOWN].lat_t[i] = 0.1 * (i + 1);
		d[DOWN].lat[i] = 300;
	}
	d[DOWN].nlat = 5;
	d[UP].lost = 2;
	bbt_checks_init(&cs, "linecheck");
	lc_speed_rec_latency(&cs, &s, d, 0);
	d[DOWN].nlat = 0;
	lc_speed_rec_latency(&cs, &s, d, 0);
	assert_int_equal(cs.n, 2);
	k = &cs.v[0];
	assert_string_equal(k->name, "speed.latency");
	assert_int_equal(k->status, BBT_OK);
	assert_string_equal(k->value, "300.0");
	assert_string_equal(k->detail, "idle_ms=- down_ms=300.0 up_ms=- "
	    "samples=5 lost=2 method=tcp_connect");
	k = &cs.v[1];
	assert_int_equal(k->status, BBT_UNKNOWN);
	assert_null(k->value);
	assert_string_equal(k->detail, "idle_ms=- down_ms=- up_ms=- "
	    "samples=0 lost=2 method=tcp_connect error=no_data");
	bbt_checks_free(&cs);

	/* With an idle latency, as before. */
	lc_speed_sel_count(&s, 0, 4.0, 0);
	d[DOWN].nlat = 5;
	bbt_checks_init(&cs, "linecheck");
	lc_speed_rec_latency(&cs, &s, d, 0);
	assert_int_equal(cs.v[0].status, BBT_WARNING);
	assert_string_equal(cs.v[0].detail, "idle_ms=4.0 down_ms=300.0 "
	    "up_ms=- samples=6 lost=2 method=tcp_connect bloat_ms=296.0");
	bbt_checks_free(&cs);
}

/*
 * --wired: the Wi-Fi side's choice was refused (an iperf3 server listens
 * again a moment after each bare connect), the wired side then chose the
 * same server, which reset its counts. The Wi-Fi side's record said
 * error=timeout, the wired side's err having replaced its own.
 */
static void
test_unreached_side(void **st)
{
	struct lc_speed_opts o;
	struct bbt_checks cs;
	struct sp_server srv;
	struct sp_side side[2];

	(void)st;
	lc_speed_defaults(&o);
	o.wired = "veth0";
	server(&srv, "10.99.0.1");
	memset(side, 0, sizeof(side));
	side[0].err[0] = ECONNREFUSED;
	/* The wired side: chosen, its test failed (records need no
	 * more). */
	side[1].reached = 1;
	side[1].best = srv;
	side[1].best.bind = "veth0";
	for (int dir = DOWN; dir <= UP; dir++) {
		side[1].d[dir].ran = 1;
		side[1].d[dir].error = "iperf";
	}
	bbt_checks_init(&cs, "linecheck");
	lc_speed_rec_sides(&cs, &o, "wlan4", side, &srv, 1, 0);
	assert_true(cs.n >= 4);
	assert_string_equal(cs.v[0].name, "speed.down");
	assert_string_equal(cs.v[0].target, "wlan4");
	assert_string_equal(cs.v[0].detail, "server=10.99.0.1 error=refused");
	assert_string_equal(cs.v[3].name, "speed.down");
	assert_string_equal(cs.v[3].target, "veth0");
	bbt_checks_free(&cs);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sel_count),
		cmocka_unit_test(test_pick),
		cmocka_unit_test(test_choose_resent),
		cmocka_unit_test(test_latency_unknown),
		cmocka_unit_test(test_unreached_side),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
