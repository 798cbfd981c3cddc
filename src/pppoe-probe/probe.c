/* SPDX-License-Identifier: MIT */
/*
 * The probe run: one pcap handle opened with CAP_NET_RAW, then every
 * privilege dropped; one event loop over absolute deadlines (discovery
 * windows, PADR and PPP retransmissions, budgets) so that frames of
 * other hosts can never stretch a timer; check records at the end.
 */
#include <err.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/random.h>
#include <time.h>
#include <unistd.h>

#include "lib/ether.h"
#include "lib/i18n.h"
#include "lib/priv.h"
#include "lib/state.h"
#include "pppoe-probe/run.h"
#include "pppoe-probe/secret.h"

volatile sig_atomic_t interrupted;

static void
on_signal(int sig)
{
	(void)sig;
	interrupted++;
}

int64_t
mono_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* ---- --padt ------------------------------------------------------------ */

static int
run_padt(struct run *r, struct bbt_checks *c, const sigset_t *wm)
{
	char det[128] = "", v[16], m[18];
	int64_t end;

	send_padt(r, r->o->padt_mac, (uint16_t)r->o->padt_session,
	    r->o->vlan);
	/* rp-pppoe answers a PADT with its own; wait briefly for it. */
	end = mono_ms() + 300;
	while (!r->padt_echo && !interrupted) {
		int64_t now = mono_ms();
		struct pollfd p = { r->fd, POLLIN, 0 };
		struct timespec ts;

		if (now >= end)
			break;
		ts.tv_sec = 0;
		ts.tv_nsec = (long)(end - now) * 1000000;
		if (ppoll(&p, 1, &ts, wm) > 0)
			(void)pcap_dispatch(r->pc, -1, on_frame, (u_char *)r);
	}
	kv(det, sizeof(det), "padt", "yes");
	kv(det, sizeof(det), "ac_padt", r->padt_echo ? "yes" : "no");
	snprintf(v, sizeof(v), "%u", r->o->padt_session);
	bbt_checks_add(c, "ppp.cleanup", bbt_mac_str(r->o->padt_mac, m),
	    BBT_OK, v, NULL, det);
	return write_out(c, r->o);
}

/* ---- entry ------------------------------------------------------------- */

static int
load_password(struct run *r)
{
	if (secret_load(r->o->password_file, &r->pass, &r->plen) < 0)
		return -1;
	/* PAP has one length byte; a cut password would only come back as
	 * "wrong password". CHAP and MS-CHAPv2 take longer ones. */
	if (r->plen > SECRET_PAP_MAX && (r->o->auth_mask & SA_PAP)) {
		warnx(_("the password is %zu bytes long, PAP carries at most "
		    "%d: allow only the other methods with --auth "
		    "chap,mschapv2"), r->plen, SECRET_PAP_MAX);
		secret_free(r->pass, r->plen);
		r->pass = NULL;
		return -1;
	}
	return 0;
}

/*
 * Signals only interrupt ppoll: no lost wake-up, no code run in the
 * handler but a counter. wm gets the mask ppoll waits with.
 */
static void
catch_signals(sigset_t *wm)
{
	static const int sigs[] = { SIGINT, SIGTERM, SIGHUP,
		/* Ctrl-\ closes the session like Ctrl-C (no core: it
		 * would hold the password). */
		SIGQUIT };
	struct sigaction sa;
	sigset_t block;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigemptyset(&block);
	for (size_t i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++)
		sigaddset(&block, sigs[i]);
	sigprocmask(SIG_BLOCK, &block, wm);
	for (size_t i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++) {
		sigdelset(wm, sigs[i]);
		sigaction(sigs[i], &sa, NULL);
	}
	/* A closed pipe on stderr (-v | head) must not end the run with
	 * the session open: writes fail with EPIPE instead, and a failed
	 * write of the records is an error at the end. */
	signal(SIGPIPE, SIG_IGN);
}

/* Random by default, one byte per attempt at the end (send_padi). */
static void
host_uniq_init(struct run *r)
{
	switch (r->o->host_uniq_mode) {
	case HU_RANDOM:
		r->hulen = 8;
		if (getrandom(r->hu, r->hulen, 0) < 0) {
			uint64_t x = (uint64_t)mono_ms() ^ (uint64_t)getpid();
			memcpy(r->hu, &x, 8);
		}
		break;
	case HU_GIVEN:
		memcpy(r->hu, r->o->host_uniq, r->o->host_uniq_len);
		r->hulen = r->o->host_uniq_len;
		break;
	}
}

/*
 * Everything privileged first: the password file (started as root, the
 * probe then runs as nobody, who may not read it) and the capture; then
 * the drop. Returns -1 after printing why, with nothing left open.
 */
static int
open_and_drop(struct run *r)
{
	if (r->o->user && load_password(r) < 0) {
		(void)bbt_priv_drop();
		return -1;
	}
	if (iface_info(r) < 0 || open_capture(r) == -1) {
		(void)bbt_priv_drop();
		goto fail;
	}
	if (bbt_priv_drop() < 0) {
		warn(_("cannot drop privileges"));
		goto fail;
	}
	/* Leaving uid 0 resets the flag to fs.suid_dumpable, maybe 2. */
	if (r->pass && prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) < 0)
		warn("prctl");
	return 0;
fail:
	if (r->pc)
		pcap_close(r->pc);
	r->pc = NULL;
	secret_free(r->pass, r->plen);
	r->pass = NULL;
	return -1;
}

/* Discovery, and with -u the session, then their records. */
static int
probe(struct run *r, struct bbt_checks *c, const sigset_t *wm)
{
	struct probe_opts *o = r->o;
	int rc;

	add_link(c, r);
	if (!(r->up && r->running)) {
		add_skipped(c, "pppoe.discovery", o->iface, "link.carrier");
		return write_out(c, o);
	}
	disc_start(r);
	wait_init(o);
	if (o->watch)
		wlog_start(r, c);
	loop(r, wm);
	r->disc_end = r->disc_end ? r->disc_end : mono_ms();
	if (o->redial)
		redial(r, wm);

	add_discovery(c, r);
	add_offers(c, r);
	if (o->user) {
		add_session(c, r);
		if (o->watch)
			add_watch(c, r);
		add_cleanup(c, r);
	}
	rc = write_out(c, o);
	dp_free(r);
	wlog_free(r);
	if (interrupted && rc < BBT_UNKNOWN)
		rc = BBT_UNKNOWN;
	return rc;
}

int
pppoe_probe_run(struct probe_opts *o)
{
	static struct run run;
	struct run *r = &run;
	struct bbt_checks c;
	sigset_t wm;
	int rc;

	memset(r, 0, sizeof(*r));
	r->o = o;
	r->chosen = -1;
	if (open_and_drop(r) < 0)
		return BBT_UNKNOWN;
	catch_signals(&wm);

	bbt_checks_init(&c, "pppoe-probe");
	if (o->case_id)
		c.case_id = strdup(o->case_id);
	host_uniq_init(r);
	if (o->do_padt && r->pc)
		rc = run_padt(r, &c, &wm);
	else
		rc = probe(r, &c, &wm);
	secret_free(r->pass, r->plen);
	explicit_bzero(&r->ss, sizeof(r->ss));
	bbt_checks_free(&c);
	if (r->pc)
		pcap_close(r->pc);
	return rc;
}
