/* SPDX-License-Identifier: MIT */
/*
 * linecheck --speed=iperf3://host[:port]: the same records from an
 * iperf3 server through libiperf. iperf_run_client() runs a whole test
 * before it returns, so it runs in a thread of its own while the main
 * loop measures the loaded latency. One second is omitted (slow start);
 * the rate is iperf3's receiver total over the rest. An iperf3 server
 * runs one test at a time: a busy one is reported as error=busy.
 */
#include <errno.h>
#include <net/if.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/select.h>
#include <sys/time.h>
/* Not self-contained: needs the headers above. */
#include <iperf_api.h>

#include "linecheck/linecheck.h"
#include "linecheck/speedint.h"

/* libiperf 3.12 exports it (--bind-dev) but its header leaves it out. */
void	iperf_set_test_bind_dev(struct iperf_test *, const char *);

#define OMIT_S		1
#define CONNECT_MS	3000

struct lc_iperf {
	pthread_t	 th;
	atomic_int	 done;
	char		 host[INET6_ADDRSTRLEN];
	char		 dev[IFNAMSIZ];		/* --wired, else "" */
	int		 port, reverse, streams, secs;
	int		 rc, ierr, err;
	char		*json;
	double		 t0;
};

static void *
client(void *arg)
{
	struct lc_iperf *j = arg;
	struct iperf_test *t = iperf_new_test();
	const char *out;

	if (t == NULL || iperf_defaults(t) < 0) {
		j->rc = -1;
		j->ierr = IEINITTEST;
		goto done;
	}
	iperf_set_test_role(t, 'c');
	iperf_set_test_server_hostname(t, j->host);
	iperf_set_test_server_port(t, j->port);
	iperf_set_test_duration(t, j->secs);
	iperf_set_test_omit(t, OMIT_S);
	iperf_set_test_reverse(t, j->reverse);
	iperf_set_test_num_streams(t, j->streams);
	iperf_set_test_connect_timeout(t, CONNECT_MS);
	/* SO_BINDTODEVICE on the control and data connections. */
	if (j->dev[0])
		iperf_set_test_bind_dev(t, j->dev);
	/* The JSON is kept in memory; what libiperf prints goes nowhere,
	 * never into our records on stdout. */
	iperf_set_test_json_output(t, 1);
	iperf_set_test_logfile(t, "/dev/null");
	(void)iperf_open_logfile(t);
	i_errno = 0;
	j->rc = iperf_run_client(t);
	/* In JSON mode a refused test may still return 0: i_errno and
	 * the "error" member tell. */
	j->ierr = i_errno;
	j->err = errno;
	if ((out = iperf_get_test_json_output_string(t)) != NULL)
		j->json = strdup(out);
	iperf_close_logfile(t);
done:
	if (t != NULL)
		iperf_free_test(t);
	atomic_store(&j->done, 1);
	return NULL;
}

struct lc_iperf *
lc_speed_iperf_start(const struct sp_server *s, int dir, int streams,
    long long time_ms)
{
	struct lc_iperf *j = calloc(1, sizeof(*j));

	if (j == NULL)
		return NULL;
	snprintf(j->host, sizeof(j->host), "%s", s->addr);
	j->port = s->u.port;
	if (s->bind)
		snprintf(j->dev, sizeof(j->dev), "%s", s->bind);
	j->reverse = dir == DOWN;	/* -R: the server sends */
	j->streams = streams;
	j->secs = (int)((time_ms + 999) / 1000);
	j->t0 = lc_now_us();
	if (pthread_create(&j->th, NULL, client, j) != 0) {
		free(j);
		return NULL;
	}
	return j;
}

int
lc_speed_iperf_done(struct lc_iperf *j)
{
	return atomic_load(&j->done);
}

/* A number of the "end" summary: key inside the object named section
 * (flat objects, so the first key after it is its own). */
static double
end_num(const char *json, const char *section, const char *key)
{
	const char *p;

	if (json == NULL || (p = strstr(json, section)) == NULL ||
	    (p = strstr(p, key)) == NULL)
		return -1;
	p += strlen(key);
	while (*p == '"' || *p == ':' || *p == ' ' || *p == '\t')
		p++;
	return strtod(p, NULL);
}

void
lc_speed_iperf_end(struct lc_iperf *j, struct sp_dir *d)
{
	double bps, secs;

	pthread_join(j->th, NULL);
	d->dur_ms = (lc_now_us() - j->t0) / 1000;
	if (j->rc < 0 || j->ierr != 0 || (j->json &&
	    strstr(j->json, "\"error\":") != NULL)) {
		switch (j->ierr) {
		case IEACCESSDENIED:
			d->error = "busy";
			break;
		case IECONNECT:
			d->error = j->err == ETIMEDOUT ? "timeout" :
			    j->err == ENETUNREACH || j->err == EHOSTUNREACH ?
			    "unreachable" : "refused";
			break;
		default:
			d->error = j->json && strstr(j->json, "busy") ? "busy" :
			    "iperf";
		}
		snprintf(d->msg, sizeof(d->msg), "%s", iperf_strerror(j->ierr));
	} else if ((bps = end_num(j->json, "\"sum_received\"",
	    "\"bits_per_second\"")) > 0) {
		d->have = 1;
		d->st.mbps = d->st.median = bps / 1e6;
		secs = end_num(j->json, "\"sum_received\"", "\"seconds\"");
		d->st.samples = secs > 0 ? (int)(secs + 0.5) : j->secs;
		d->ramp_ms = OMIT_S * 1000;
		d->bytes = (uint64_t)end_num(j->json, "\"sum_received\"",
		    "\"bytes\"");
		if (!j->reverse)
			d->retrans = (long)end_num(j->json, "\"sum_sent\"",
			    "\"retransmits\"");
	} else
		d->error = "no_data";
	free(j->json);
	free(j);
}

/*
 * libiperf 3.12 leaks a strdup() per stream in iperf_create_streams(),
 * 4 bytes each, which iperf_free_test() never frees: not ours to fix.
 * LeakSanitizer (make SANITIZE=1) reads this hook; other builds ignore it.
 */
const char *__lsan_default_suppressions(void);

const char *
__lsan_default_suppressions(void)
{
	return "leak:libiperf.so\n";
}

const char *__lsan_default_options(void);

const char *
__lsan_default_options(void)
{
	return "print_suppressions=0";
}
