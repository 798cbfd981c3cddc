/* SPDX-License-Identifier: MIT */
/*
 * linecheck --watch --format=prometheus: the watch's figures as a
 * textfile for node_exporter's textfile collector, rewritten every
 * interval. A regular file (or a new one) is replaced atomically
 * (lib/file.c: a temporary beside it, fsync, rename), so the collector
 * never reads half a file; a device or FIFO is opened once and each
 * exposition written to it in place. Counters only grow while the watch
 * runs, so rate() and increase() work; the last file, written after the
 * summary record, has the same figures as that record.
 */
#include <err.h>
#include <errno.h>
#include <signal.h>
#include <stdio_ext.h>
#include <stdlib.h>
#include <string.h>

#include "lib/file.h"
#include "lib/i18n.h"
#include "linecheck/linecheck.h"
#include "linecheck/watch.h"

struct lc_wprom {
	const char	*path;
	struct bbt_afile inplace;	/* open for the watch: not a file */
	int		 is_inplace, failing, last;
};

static const char *const kinds[LC_WK_N] = {
	"link", "addr", "route", "gateway", "errors", "dns",
};

int
lc_wk_kind(const char *name)
{
	if (strncmp(name, "watch.", 6) != 0)
		return -1;
	for (int i = 0; i < LC_WK_N; i++)
		if (strcmp(name + 6, kinds[i]) == 0)
			return i;
	return -1;
}

/* An interface name needs no escaping (no quote, backslash or line
 * break: args.c and the kernel refuse them), a gateway address none. */
static void
family(FILE *fp, const char *name, const char *type, const char *help)
{
	fprintf(fp, "# HELP bbtools_watch_%s %s\n# TYPE bbtools_watch_%s %s\n",
	    name, help, name, type);
}

static void
sample(FILE *fp, const struct lc_wstats *st, const char *name,
    const char *extra, double v)
{
	fprintf(fp, "bbtools_watch_%s{tool=\"linecheck\",interface=\"%s\"%s} "
	    "%.15g\n", name, st->iface, extra ? extra : "", v);
}

static void
gateways(FILE *fp, const struct lc_wstats *st)
{
	static const char *const fam[2] = { ",family=\"inet\"",
		",family=\"inet6\"" };

	family(fp, "gateway_requests_total", "counter",
	    "Echo requests sent to the default gateway.");
	for (int i = 0; i < 2; i++)
		sample(fp, st, "gateway_requests_total", fam[i],
		    (double)st->gw[i]->gt.nsent);
	family(fp, "gateway_lost_total", "counter",
	    "Echo requests to the default gateway without a reply, outside "
	    "the settling after a carrier loss.");
	for (int i = 0; i < 2; i++)
		sample(fp, st, "gateway_lost_total", fam[i],
		    (double)st->gw[i]->gt.nlost);
	family(fp, "gateway_rtt_seconds", "gauge",
	    "Round trip of the last reply from the default gateway.");
	for (int i = 0; i < 2; i++)
		if (st->gw[i]->rtt_ms >= 0)
			/* Microseconds: the clock's resolution here. */
			fprintf(fp, "bbtools_watch_gateway_rtt_seconds{tool="
			    "\"linecheck\",interface=\"%s\"%s} %.6f\n",
			    st->iface, fam[i], st->gw[i]->rtt_ms / 1000.0);
	family(fp, "gateway_up", "gauge",
	    "Whether a default gateway of the family is pinged (1) or "
	    "there is none (0).");
	for (int i = 0; i < 2; i++)
		sample(fp, st, "gateway_up", fam[i], st->gw[i]->ok);
}

int
lc_wprom_print(FILE *fp, const struct lc_wstats *st)
{
	char kl[32];

	family(fp, "running", "gauge",
	    "1 while the watch runs, 0 in the file it leaves at its end.");
	sample(fp, st, "running", NULL, st->running);
	family(fp, "start_timestamp_seconds", "gauge",
	    "When the watch started, in seconds since the epoch.");
	sample(fp, st, "start_timestamp_seconds", NULL,
	    (double)st->start_wall);
	family(fp, "link_present", "gauge",
	    "Whether the interface exists (0 once it was deleted).");
	sample(fp, st, "link_present", NULL, st->present);
	family(fp, "link_up", "gauge", "Whether the interface has carrier.");
	sample(fp, st, "link_up", NULL, st->link_up);
	family(fp, "link_flaps_total", "counter", "Carrier losses.");
	sample(fp, st, "link_flaps_total", NULL, (double)st->flaps);
	family(fp, "outage_seconds_total", "counter",
	    "Time without carrier or interface, and in gateway loss "
	    "bursts (IPv6 ones only without an IPv4 gateway).");
	sample(fp, st, "outage_seconds_total", NULL,
	    (double)st->outage_ms / 1000.0);
	gateways(fp, st);
	family(fp, "dns_failures_total", "counter",
	    "Query rounds a resolver did not answer, summed over the "
	    "resolvers.");
	sample(fp, st, "dns_failures_total", NULL, (double)st->dns_fails);
	family(fp, "events_total", "counter",
	    "Event records written, by kind (the record name after "
	    "watch.).");
	for (int i = 0; i < LC_WK_N; i++) {
		snprintf(kl, sizeof(kl), ",kind=\"%s\"", kinds[i]);
		sample(fp, st, "events_total", kl, (double)st->events[i]);
	}
	if (st->last_wall) {
		family(fp, "last_event_timestamp_seconds", "gauge",
		    "When the last event record was written, in seconds "
		    "since the epoch.");
		sample(fp, st, "last_event_timestamp_seconds", NULL,
		    (double)st->last_wall);
	}
	return ferror(fp) ? -1 : 0;
}

struct lc_wprom *
lc_wprom_open(const char *path)
{
	struct lc_wprom *p = calloc(1, sizeof(*p));

	if (p == NULL) {
		warn(NULL);
		return NULL;
	}
	p->path = path;
	/* The first open says whether the path is a file to replace or a
	 * node to write in place; a file's temporary is dropped again. */
	if (bbt_afile_open(&p->inplace, path) < 0) {
		/* After the drop a watch started as root is nobody (or
		 * $BBTOOLS_USER), and every rewrite creates a file. */
		if (errno == EACCES)
			warnx(_("%s: cannot create the textfile: its directory "
			    "must be writable by the user the watch runs as "
			    "(when started as root, BBTOOLS_USER, by default "
			    "nobody)"), path);
		else
			warn("%s", path);
		free(p);
		return NULL;
	}
	if (p->inplace.tmp != NULL)
		bbt_afile_abort(&p->inplace);
	else
		p->is_inplace = 1;
	return p;
}

/*
 * A FIFO's reader may go (a scraper restarted): that write fails with
 * EPIPE, the watch goes on, and a new reader gets whole expositions
 * again. SIGPIPE is held only for this write, so that a closed stdout
 * still ends the watch as it ends any filter.
 */
static int
write_inplace(struct lc_wprom *p, const struct lc_wstats *st)
{
	static const struct timespec zero;
	sigset_t pipe, old;
	int r, e;

	sigemptyset(&pipe);
	sigaddset(&pipe, SIGPIPE);
	(void)sigprocmask(SIG_BLOCK, &pipe, &old);
	r = lc_wprom_print(p->inplace.fp, st) < 0 ||
	    fflush(p->inplace.fp) != 0 ? -1 : 0;
	e = errno;
	if (r < 0) {
		/* What did not go out is dropped: the next exposition
		 * starts whole. */
		__fpurge(p->inplace.fp);
		clearerr(p->inplace.fp);
		if (e == EPIPE && !sigismember(&old, SIGPIPE))
			(void)sigtimedwait(&pipe, NULL, &zero);
	}
	(void)sigprocmask(SIG_SETMASK, &old, NULL);
	errno = e;
	return r;
}

static int
write_once(struct lc_wprom *p, const struct lc_wstats *st)
{
	struct bbt_afile af;

	if (p->is_inplace)
		return write_inplace(p, st);
	if (bbt_afile_open(&af, p->path) < 0)
		return -1;
	if (lc_wprom_print(af.fp, st) < 0) {
		int e = errno;

		bbt_afile_abort(&af);
		errno = e;
		return -1;
	}
	return bbt_afile_commit(&af);
}

int
lc_wprom_write(struct lc_wprom *p, const struct lc_wstats *st)
{
	if (write_once(p, st) == 0) {
		p->failing = p->last = 0;
		return 0;
	}
	/* A full disk for an hour is one message, not one a second. */
	if (!p->failing)
		warn(_("%s: cannot write the Prometheus textfile"), p->path);
	p->failing = p->last = 1;
	return -1;
}

int
lc_wprom_close(struct lc_wprom *p)
{
	int r = p->last ? -1 : 0;

	if (p->is_inplace && bbt_afile_commit(&p->inplace) < 0 && r == 0) {
		warn("%s", p->path);
		r = -1;
	}
	free(p);
	return r;
}
