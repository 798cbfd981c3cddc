/* SPDX-License-Identifier: MIT */
/*
 * The probe run: one pcap handle opened with CAP_NET_RAW, then every
 * privilege dropped; one event loop over absolute deadlines (discovery
 * windows, PADR and PPP retransmissions, budgets) so that frames of
 * other hosts can never stretch a timer; check records at the end.
 */
#include <err.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/capability.h>
#include <math.h>
#include <net/if.h>
#include <net/if_arp.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/prctl.h>
#include <sys/random.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include <pcap/pcap.h>

#include "lib/ether.h"
#include "lib/checks.h"
#include "lib/i18n.h"
#include "lib/priv.h"
#include "lib/progress.h"
#include "lib/rec.h"
#include "lib/state.h"
#include "pppoe-probe/disc.h"
#include "pppoe-probe/ppp.h"
#include "pppoe-probe/probe.h"
#include "pppoe-probe/secret.h"
#include "pppoe-probe/session.h"

#define MAX_AC		64
#define FRAME_MAX	1600
#define PADR_TRIES	3
#define PADR_MS		500
#define CLEANUP_MS	600
#define ECHO_GRACE_MS	250	/* Echo-Request interval in the grace */
#define ECHO_HOLD_MS	1000	/* and in the --hold after it */

struct ac {
	uint8_t		 mac[6];
	int		 vid;		/* inner VID of the reply, -1 untagged */
	double		 latency_ms;
	int		 dups;
	int		 filtered;	/* dropped by -C, -S or --ac-mac */
	struct pppoe_disc d;
};

struct run {
	struct probe_opts *o;
	pcap_t		*pc;
	int		 fd;
	uint8_t		 mac[6];
	int		 mtu;
	int		 up, running;
	char		 operstate[32];

	/* discovery */
	uint8_t		 hu[64];
	size_t		 hulen;
	int		 attempt, padi_sent, disc_done;
	struct timespec	 padi_rt[100];	/* per attempt, realtime */
	int64_t		 start, window_end, disc_deadline, disc_end;
	struct ac	 acs[MAX_AC];
	int		 nacs;
	int		 foreign, wrong_vlan, other_padi, malformed;
	char		 other_vlans[128];

	/* session */
	char		*pass;
	size_t		 plen;
	int		 chosen;		/* index in acs, -1 none */
	int		 padr_tries;
	int64_t		 padr_next, padr_at;
	int		 have_pads, pads_timeout;
	double		 pads_ms;
	uint16_t	 sid;
	struct pppoe_disc pads;
	struct sess	 ss;
	int		 sess_active, sess_over;
	int64_t		 sess_deadline, cleanup_deadline;
	int		 ac_padt, we_padt;
	/* IPCP up: the grace, then --hold; who ended it, our echoes */
	int64_t		 up_at, grace_end, watch_end, watch_stop, echo_next;
	int64_t		 hold_start, hold_stop;	/* --hold, after the grace */
	int		 watch_ok, watch_peer;
	struct pppoe_disc padt;
	int		 padt_echo;		/* --padt: the AC answered */
};

static volatile sig_atomic_t interrupted;

static void
on_signal(int sig)
{
	(void)sig;
	interrupted++;
}

static int64_t
mono_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* ---- interface ------------------------------------------------------- */

/* Reads what an unprivileged socket may ask: exists, Ethernet, flags,
 * MAC, MTU. Prints the error and returns -1. */
static int
iface_info(struct run *r)
{
	struct ifreq ifr;
	int s;
	FILE *fp;
	char path[96];

	if ((s = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0)) < 0) {
		warn("socket");
		return -1;
	}
	memset(&ifr, 0, sizeof(ifr));
	strncpy(ifr.ifr_name, r->o->iface, IFNAMSIZ - 1);
	if (ioctl(s, SIOCGIFHWADDR, &ifr) < 0) {
		if (errno == ENODEV)
			warnx(_("%s: no such interface"), r->o->iface);
		else
			warn("%s", r->o->iface);
		close(s);
		return -1;
	}
	if (ifr.ifr_hwaddr.sa_family != ARPHRD_ETHER) {
		warnx(_("%s: not an Ethernet interface"), r->o->iface);
		close(s);
		return -1;
	}
	memcpy(r->mac, ifr.ifr_hwaddr.sa_data, 6);
	if (ioctl(s, SIOCGIFFLAGS, &ifr) == 0) {
		r->up = !!(ifr.ifr_flags & IFF_UP);
		r->running = !!(ifr.ifr_flags & IFF_RUNNING);
	}
	if (ioctl(s, SIOCGIFMTU, &ifr) == 0)
		r->mtu = ifr.ifr_mtu;
	close(s);
	snprintf(r->operstate, sizeof(r->operstate), "%s",
	    r->up ? (r->running ? "up" : "lowerlayerdown") : "down");
	snprintf(path, sizeof(path), "/sys/class/net/%s/operstate",
	    r->o->iface);
	/* Only a detail: sysfs may belong to another namespace. */
	if ((fp = fopen(path, "re")) != NULL) {
		char b[32];

		if (fgets(b, sizeof(b), fp)) {
			b[strcspn(b, "\n")] = '\0';
			if (*b)
				snprintf(r->operstate, sizeof(r->operstate),
				    "%s", b);
		}
		fclose(fp);
	}
	return 0;
}

static const char filter_text[] =
    "ether proto 0x8863 or ether proto 0x8864 or "
    "(vlan and (ether proto 0x8863 or ether proto 0x8864)) or "
    "(vlan and (ether proto 0x8863 or ether proto 0x8864))";

/* The only privileged step. Returns -1 after printing why. */
static int
open_capture(struct run *r)
{
	char eb[PCAP_ERRBUF_SIZE] = "";
	struct bpf_program bp;
	int st, raised;

	raised = bbt_priv_raise(CAP_NET_RAW) == 0;
	if ((r->pc = pcap_create(r->o->iface, eb)) == NULL) {
		warnx(_("%s: cannot open a capture: %s"), r->o->iface, eb);
		return -1;
	}
	pcap_set_snaplen(r->pc, 2048);
	pcap_set_promisc(r->pc, r->o->promisc);
	pcap_set_immediate_mode(r->pc, 1);
	/* A VLAN scan can bring thousands of replies in one burst. */
	pcap_set_buffer_size(r->pc, 4 << 20);
	pcap_set_tstamp_precision(r->pc, PCAP_TSTAMP_PRECISION_NANO);
	st = pcap_activate(r->pc);
	if (st == PCAP_ERROR_IFACE_NOT_UP) {
		/* Not an error of ours: link.carrier reports it. */
		pcap_close(r->pc);
		r->pc = NULL;
		r->up = r->running = 0;
		return -2;
	}
	if (st < 0) {
		if (st == PCAP_ERROR_PERM_DENIED || (!raised && geteuid() != 0))
			warnx(_("%s: cannot open a capture: CAP_NET_RAW is "
			    "needed (run as root or install with make "
			    "install-caps)"), r->o->iface);
		else if (st == PCAP_ERROR_NO_SUCH_DEVICE)
			warnx(_("%s: no such interface"), r->o->iface);
		else
			warnx(_("%s: cannot open a capture: %s"), r->o->iface,
			    pcap_geterr(r->pc));
		pcap_close(r->pc);
		r->pc = NULL;
		return -1;
	}
	if (pcap_datalink(r->pc) != DLT_EN10MB) {
		warnx(_("%s: not an Ethernet interface"), r->o->iface);
		return -1;
	}
	if (pcap_compile(r->pc, &bp, filter_text, 1, PCAP_NETMASK_UNKNOWN) < 0 ||
	    pcap_setfilter(r->pc, &bp) < 0) {
		warnx(_("%s: cannot set the capture filter: %s"), r->o->iface,
		    pcap_geterr(r->pc));
		return -1;
	}
	pcap_freecode(&bp);
	if (pcap_setnonblock(r->pc, 1, eb) < 0 ||
	    (r->fd = pcap_get_selectable_fd(r->pc)) < 0) {
		warnx(_("%s: cannot open a capture: %s"), r->o->iface, eb);
		return -1;
	}
	return 0;
}

/* ---- frames out -------------------------------------------------------- */

static int
tags_for(const struct run *r, int vid, struct pppoe_vtag t[2])
{
	int n = 0;

	if (vid < 0)
		return 0;
	if (r->o->qinq >= 0) {
		t[n].tpid = ETH_P_QINQ;
		t[n++].tci = (uint16_t)(r->o->pcp << 13 | r->o->qinq);
	}
	t[n].tpid = ETH_P_VLAN;
	t[n++].tci = (uint16_t)(r->o->pcp << 13 | vid);
	return n;
}

static void
inject(struct run *r, const uint8_t *f, size_t n)
{
	if (n == 0)
		return;
	if (pcap_inject(r->pc, f, n) < 0 && r->o->common.verbose)
		warnx(_("%s: cannot send: %s"), r->o->iface,
		    pcap_geterr(r->pc));
}

static const uint8_t bcast[6] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff };

static void
send_padi(struct run *r)
{
	uint8_t f[FRAME_MAX];
	struct pppoe_buf pb;
	struct pppoe_vtag t[2];
	int nv = r->o->scan ? r->o->nscan : 1;
	const char *svc = r->o->service ? r->o->service : "";

	/* Taken before the first frame leaves: a reply can never seem to
	 * come before its request. */
	clock_gettime(CLOCK_REALTIME, &r->padi_rt[r->attempt]);
	/* One Host-Uniq per attempt: a late PADO then says which PADI it
	 * answers, and its latency is exact. */
	if (r->o->host_uniq_mode == HU_RANDOM)
		r->hu[r->hulen - 1] = (uint8_t)r->attempt;
	for (int i = 0; i < nv; i++) {
		int vid = r->o->scan ? r->o->scan[i] : r->o->vlan;
		int nt = tags_for(r, vid, t);

		pppoe_begin(&pb, f, sizeof(f), bcast, r->mac, t, nt,
		    ETH_P_PPPOE_DISC, PPPOE_PADI, 0);
		pppoe_put_tag(&pb, TAG_SERVICE_NAME, svc, strlen(svc));
		if (r->hulen)
			pppoe_put_tag(&pb, TAG_HOST_UNIQ, r->hu, r->hulen);
		if (r->o->max_payload > 0) {
			uint8_t mp[2] = { (uint8_t)(r->o->max_payload >> 8),
				(uint8_t)r->o->max_payload };
			pppoe_put_tag(&pb, TAG_MAX_PAYLOAD, mp, 2);
		}
		inject(r, f, pppoe_end(&pb));
	}
	r->padi_sent++;
}

static void
send_padr(struct run *r, int64_t now)
{
	const struct ac *a = &r->acs[r->chosen];
	uint8_t f[FRAME_MAX];
	struct pppoe_buf pb;
	struct pppoe_vtag t[2];
	const char *svc = r->o->service ? r->o->service : "";

	pppoe_begin(&pb, f, sizeof(f), a->mac, r->mac, t,
	    tags_for(r, r->o->vlan, t), ETH_P_PPPOE_DISC, PPPOE_PADR, 0);
	pppoe_put_tag(&pb, TAG_SERVICE_NAME, svc, strlen(svc));
	if (r->hulen)
		pppoe_put_tag(&pb, TAG_HOST_UNIQ, r->hu, r->hulen);
	if (a->d.cookie.present)
		pppoe_put_tag(&pb, TAG_AC_COOKIE, a->d.cookie.v,
		    a->d.cookie.len);
	if (a->d.relay.present)
		pppoe_put_tag(&pb, TAG_RELAY_ID, a->d.relay.v, a->d.relay.len);
	if (r->o->max_payload > 0) {
		uint8_t mp[2] = { (uint8_t)(r->o->max_payload >> 8),
			(uint8_t)r->o->max_payload };
		pppoe_put_tag(&pb, TAG_MAX_PAYLOAD, mp, 2);
	}
	inject(r, f, pppoe_end(&pb));
	if (r->padr_tries++ == 0)
		r->padr_at = now;
	r->padr_next = now + PADR_MS;
}

static void
send_padt(struct run *r, const uint8_t mac[6], uint16_t sid, int vid)
{
	static const char why[] = "pppoe-probe: test finished";
	uint8_t f[FRAME_MAX];
	struct pppoe_buf pb;
	struct pppoe_vtag t[2];

	pppoe_begin(&pb, f, sizeof(f), mac, r->mac, t, tags_for(r, vid, t),
	    ETH_P_PPPOE_DISC, PPPOE_PADT, sid);
	if (r->hulen)
		pppoe_put_tag(&pb, TAG_HOST_UNIQ, r->hu, r->hulen);
	pppoe_put_tag(&pb, TAG_GENERIC_ERROR, why, sizeof(why) - 1);
	inject(r, f, pppoe_end(&pb));
}

/* The session state machine's output callback. */
static void
sess_send(void *ctx, const uint8_t *p, size_t n)
{
	struct run *r = ctx;
	const struct ac *a = &r->acs[r->chosen];
	uint8_t f[FRAME_MAX];
	struct pppoe_buf pb;
	struct pppoe_vtag t[2];

	pppoe_begin(&pb, f, sizeof(f), a->mac, r->mac, t,
	    tags_for(r, r->o->vlan, t), ETH_P_PPPOE_SESS, PPPOE_SESSION,
	    r->sid);
	pppoe_put(&pb, p, n);
	inject(r, f, pppoe_end(&pb));
	/* A PAP request holds the password. */
	explicit_bzero(f, sizeof(f));
}

/* ---- frames in --------------------------------------------------------- */

static int
vid_wanted(const struct run *r, int vid)
{
	if (r->o->scan == NULL)
		return vid == r->o->vlan;
	for (int i = 0; i < r->o->nscan; i++)
		if (r->o->scan[i] == vid)
			return 1;
	return 0;
}

/* The inner VID of the frame if its tag stack is the one we send, else
 * -2. A priority-tagged request (VID 0) may get an untagged answer. */
static int
frame_vid(const struct run *r, const struct pppoe_eth *e)
{
	int want = r->o->vlan >= 0 || r->o->scan ? 1 + (r->o->qinq >= 0) : 0;
	int vid;

	if (e->nvlan == 0 && want && r->o->scan == NULL && r->o->vlan == 0 &&
	    r->o->qinq < 0)
		return 0;
	if (e->nvlan != want)
		return -2;
	if (want == 0)
		return -1;
	if (want == 2 && (e->vlan[0].tci & 0xfff) != r->o->qinq)
		return -2;
	vid = e->vlan[want - 1].tci & 0xfff;
	return vid_wanted(r, vid) ? vid : -2;
}

static void
note_vlan(struct run *r, const struct pppoe_eth *e)
{
	char b[8];
	size_t used = strlen(r->other_vlans);

	if (e->nvlan == 0)
		snprintf(b, sizeof(b), "none");
	else
		snprintf(b, sizeof(b), "%d", e->vlan[e->nvlan - 1].tci & 0xfff);
	/* A short list of distinct VLANs is enough for a diagnosis. */
	for (const char *p = r->other_vlans; (p = strstr(p, b)) != NULL;
	    p += strlen(b))
		if ((p == r->other_vlans || p[-1] == ',') &&
		    (p[strlen(b)] == ',' || p[strlen(b)] == '\0'))
			return;
	if (used + strlen(b) + 2 < sizeof(r->other_vlans))
		snprintf(r->other_vlans + used, sizeof(r->other_vlans) - used,
		    "%s%s", used ? "," : "", b);
}

static int
bytes_eq(const struct pppoe_bytes *b, const char *s)
{
	size_t l = strlen(s);

	return b->present && b->len == l && memcmp(b->v, s, l) == 0;
}

static int
offer_filtered(const struct run *r, const struct ac *a)
{
	if (r->o->ac_name && !bytes_eq(&a->d.ac_name, r->o->ac_name))
		return 1;
	if (r->o->n_ac_mac) {
		int ok = 0;

		for (int i = 0; i < r->o->n_ac_mac; i++)
			ok |= memcmp(r->o->ac_mac[i], a->mac, 6) == 0;
		if (!ok)
			return 1;
	}
	/* An AC must offer the service asked for (RFC 2516 §5.2). */
	if (r->o->service && *r->o->service) {
		int ok = 0;

		for (int i = 0; i < a->d.nservices && i < PPPOE_MAX_SERVICES;
		    i++)
			ok |= bytes_eq(&a->d.service[i], r->o->service);
		if (!ok)
			return 1;
	}
	return 0;
}

static int
accepted(const struct run *r)
{
	int n = 0;

	for (int i = 0; i < r->nacs; i++)
		n += !r->acs[i].filtered;
	return n;
}

/* Which attempt a Host-Uniq belongs to, -1 when it is not ours. */
static int
hu_attempt(const struct run *r, const struct pppoe_disc *d)
{
	if (r->hulen == 0)
		return r->attempt;
	if (!d->host_uniq.present || d->host_uniq.len != r->hulen ||
	    memcmp(d->host_uniq.v, r->hu, r->hulen - 1) != 0)
		return -1;
	if (r->o->host_uniq_mode != HU_RANDOM)
		return d->host_uniq.v[r->hulen - 1] == r->hu[r->hulen - 1] ?
		    r->attempt : -1;
	return d->host_uniq.v[r->hulen - 1] <= r->attempt ?
	    d->host_uniq.v[r->hulen - 1] : -1;
}

static double
ts_diff_ms(const struct timeval *pkt, const struct timespec *sent)
{
	/* With nanosecond precision tv_usec holds nanoseconds. */
	return (double)(pkt->tv_sec - sent->tv_sec) * 1e3 +
	    ((double)pkt->tv_usec - (double)sent->tv_nsec) / 1e6;
}

static void
on_pado(struct run *r, const struct pcap_pkthdr *h, const struct pppoe_eth *e,
    int vid, const struct pppoe_disc *d, int64_t now)
{
	int att = hu_attempt(r, d);
	struct ac *a = NULL;

	if (att < 0) {
		r->foreign++;
		return;
	}
	for (int i = 0; i < r->nacs; i++)
		if (memcmp(r->acs[i].mac, e->src, 6) == 0 &&
		    r->acs[i].vid == vid) {
			a = &r->acs[i];
			break;
		}
	if (a != NULL) {
		a->dups++;
		return;
	}
	if (r->nacs >= MAX_AC || r->disc_done)
		return;
	a = &r->acs[r->nacs++];
	memcpy(a->mac, e->src, 6);
	a->vid = vid;
	a->d = *d;
	a->latency_ms = ts_diff_ms(&h->ts, &r->padi_rt[att]);
	if (a->latency_ms < 0)
		a->latency_ms = 0;
	a->filtered = offer_filtered(r, a);
	if (r->o->common.verbose) {
		char m[18];

		if (a->filtered)
			warnx(_("PADO from %s after %.3f ms, filtered out"),
			    bbt_mac_str(a->mac, m), a->latency_ms);
		else
			warnx(_("PADO from %s after %.3f ms"),
			    bbt_mac_str(a->mac, m), a->latency_ms);
	}
	/* PADR at once: some ACs forget an offer within a second. */
	if (r->o->user && r->chosen < 0 && !a->filtered &&
	    d->error_type == 0 && !interrupted) {
		r->chosen = (int)(a - r->acs);
		send_padr(r, now);
	}
	if (!a->filtered && (r->o->first ||
	    (r->o->expect && accepted(r) >= r->o->expect)))
		r->disc_done = 1;
}

static void
sess_gone(struct run *r, const struct pppoe_disc *d)
{
	struct sess *s = &r->ss;
	struct sess_msg *m = NULL;

	if (s->lcp_result == SR_NONE)
		s->lcp_result = SR_TERMINATED, m = &s->lcp_msg;
	else if (s->phase == SP_AUTH && s->auth_result == SR_NONE)
		s->auth_result = s->auth_sent ? SR_REJECTED : SR_TERMINATED,
		    m = &s->auth_msg;
	else if (s->phase == SP_IPCP && s->ipcp_result == SR_NONE)
		s->ipcp_result = SR_TERMINATED, m = &s->ipcp_msg;
	if (m && d->error_msg.present) {
		memcpy(m->v, d->error_msg.v, d->error_msg.len);
		m->len = d->error_msg.len;
	}
	s->phase = SP_CLOSED;
	s->peer_terminated = 1;
}

static void
on_frame(u_char *ctx, const struct pcap_pkthdr *h, const u_char *f)
{
	struct run *r = (struct run *)ctx;
	struct pppoe_eth e;
	struct pppoe_hdr ph;
	struct pppoe_disc d;
	int64_t now = mono_ms();
	int vid, ours;

	if (pppoe_eth_parse(f, h->caplen, &e) < 0)
		return;
	if (e.proto != ETH_P_PPPOE_DISC && e.proto != ETH_P_PPPOE_SESS)
		return;
	/* Our own frames, when the kernel loops them back. */
	if (memcmp(e.src, r->mac, 6) == 0)
		return;
	if (pppoe_hdr_parse(e.payload, e.len, &ph) < 0) {
		r->malformed++;
		return;
	}
	ours = memcmp(e.dst, r->mac, 6) == 0;
	vid = frame_vid(r, &e);
	if (!ours || vid == -2) {
		/* Traffic for others tells "wrong VLAN" from "no AC". */
		if (ours && e.proto == ETH_P_PPPOE_DISC)
			r->wrong_vlan++;
		else if (ph.code == PPPOE_PADI)
			r->other_padi++;
		else
			r->foreign++;
		note_vlan(r, &e);
		return;
	}
	if (e.proto == ETH_P_PPPOE_SESS) {
		const struct ac *a;

		if (!r->sess_active || r->chosen < 0)
			return;
		a = &r->acs[r->chosen];
		if (memcmp(e.src, a->mac, 6) != 0 || ph.session != r->sid ||
		    ph.code != 0)
			return;
		/* With nanosecond precision tv_usec holds nanoseconds. */
		r->ss.rx_ns = (int64_t)h->ts.tv_sec * 1000000000 +
		    h->ts.tv_usec;
		sess_input(&r->ss, ph.payload, ph.len, now);
		return;
	}
	pppoe_disc_parse(ph.payload, ph.len, &d);
	switch (ph.code) {
	case PPPOE_PADO:
		if (ph.session != 0) {
			r->malformed++;
			return;
		}
		on_pado(r, h, &e, vid, &d, now);
		break;
	case PPPOE_PADS:
		if (r->chosen < 0 || r->have_pads ||
		    memcmp(e.src, r->acs[r->chosen].mac, 6) != 0 ||
		    hu_attempt(r, &d) < 0)
			return;
		if (r->pads_timeout) {
			/* Too late: close what the AC opened anyway. */
			if (ph.session)
				send_padt(r, e.src, ph.session, r->o->vlan);
			return;
		}
		r->have_pads = 1;
		r->pads = d;
		r->sid = ph.session;
		r->pads_ms = (double)(now - r->padr_at);
		r->padr_next = INT64_MAX;
		if (ph.session != 0 && d.error_type == 0 && !interrupted) {
			struct sess_cfg c;
			char m[18];

			/* Always, at once: after a SIGKILL this line is all
			 * that names the session the AC keeps open. */
			bbt_mac_str(e.src, m);
			warnx(_("session %u opened with %s (if this run is "
			    "killed, close it with --padt %u:%s)"), ph.session,
			    m, ph.session, m);

			memset(&c, 0, sizeof(c));
			c.user = r->o->user;
			c.pass = r->pass;
			c.plen = r->plen;
			c.auth_mask = r->o->auth_mask;
			c.mru = (uint16_t)r->o->mru;
			/* RFC 4638 §5: a granted PPP-Max-Payload is the MRU
			 * to negotiate unless the user chose one. */
			if (r->o->max_payload > 0 && !r->o->mru_given &&
			    d.max_payload > c.mru)
				c.mru = (uint16_t)(d.max_payload <
				    r->o->max_payload ? d.max_payload :
				    r->o->max_payload);
			c.restart_ms = 200;
			c.restart_max_ms = 1000;
			c.max_configure = 10;
			if (getrandom(&c.magic, sizeof(c.magic), 0) < 0 ||
			    getrandom(c.peer_chal, 16, 0) < 0)
				c.magic = (uint32_t)now | 1;
			if (c.magic == 0)
				c.magic = 1;
			sess_init(&r->ss, &c, sess_send, r, now);
			r->sess_active = 1;
			r->sess_deadline = r->padr_at + r->o->session_timeout_ms;
			sess_start(&r->ss, now);
		} else if (ph.session != 0) {
			/* Interrupted before PADS, or an error with a
			 * session: closed at once, and recorded so. */
			send_padt(r, e.src, ph.session, r->o->vlan);
			r->we_padt = 1;
		}
		break;
	case PPPOE_PADT:
		if (r->o->do_padt && memcmp(e.src, r->o->padt_mac, 6) == 0 &&
		    ph.session == r->o->padt_session) {
			r->padt_echo = 1;
			return;
		}
		if (r->chosen < 0 || !r->have_pads || ph.session != r->sid ||
		    memcmp(e.src, r->acs[r->chosen].mac, 6) != 0)
			return;
		/* After ours it is the AC's answer (rp-pppoe's says
		 * "Received PADT"), not the AC tearing the session down:
		 * whether it came in before we stopped reading was a race
		 * that changed the cleanup record. */
		if (r->we_padt)
			return;
		r->ac_padt = 1;
		r->padt = d;
		if (r->sess_active && r->ss.phase != SP_CLOSED)
			sess_gone(r, &d);
		break;
	default:
		break;
	}
}

/* ---- the loop ---------------------------------------------------------- */

static int64_t
window_ms(const struct run *r, int attempt)
{
	double w = (double)r->o->wait_ms * pow(r->o->backoff, attempt);

	return w > 3600000 ? 3600000 : (int64_t)w;
}

static void
disc_timers(struct run *r, int64_t now)
{
	if (r->disc_done)
		return;
	if (now >= r->disc_deadline) {
		r->disc_done = 1;
		return;
	}
	if (now < r->window_end)
		return;
	/* A window with an answer ends discovery unless --expect wants
	 * more; an empty one earns the next PADI. */
	if (accepted(r) > 0 && !r->o->expect) {
		r->disc_done = 1;
		return;
	}
	if (r->attempt + 1 >= r->o->attempts) {
		r->disc_done = 1;
		return;
	}
	r->attempt++;
	send_padi(r);
	r->window_end = now + window_ms(r, r->attempt);
	if (r->window_end > r->disc_deadline)
		r->window_end = r->disc_deadline;
}

/*
 * IPCP up is not the end: an AC may take the session back at once (a
 * Terminate-Request of IPCP or LCP, a PADT). Keep it for the grace, then
 * for --hold, sending LCP Echo-Requests to time the AC's PPP process.
 */
static void
watch(struct run *r, int64_t now)
{
	if (r->o->hold_ms && r->up_at && !r->watch_stop && !r->hold_start &&
	    now >= r->grace_end)
		r->hold_start = r->grace_end;
	if (r->up_at && !r->watch_stop && (r->ss.phase != SP_DONE ||
	    interrupted || now >= r->watch_end)) {
		r->watch_stop = now;
		if (r->hold_start)
			r->hold_stop = now;
		r->watch_ok = r->ss.phase == SP_DONE && !interrupted;
		r->watch_peer = r->ss.down_proto != 0 || r->ac_padt;
	}
	if (r->ss.phase == SP_DONE && !r->up_at && r->ss.ipcp_result == SR_OK &&
	    !interrupted && (r->o->grace_ms || r->o->hold_ms)) {
		r->up_at = r->echo_next = now;
		r->grace_end = now + r->o->grace_ms;
		r->watch_end = r->grace_end + r->o->hold_ms;
		if (r->o->common.verbose && r->o->hold_ms)
			warnx(_("session %u is up, holding it for %lld ms"),
			    r->sid, r->o->hold_ms);
	}
	if (r->up_at && !r->watch_stop && now >= r->echo_next) {
		struct timespec ts;

		/* The reply is timed by its capture timestamp, which is
		 * on this clock. */
		clock_gettime(CLOCK_REALTIME, &ts);
		sess_echo(&r->ss, (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec);
		r->echo_next = now + (now < r->grace_end ? ECHO_GRACE_MS :
		    ECHO_HOLD_MS);
	}
}

static void
session_timers(struct run *r, int64_t now)
{
	if (r->chosen >= 0 && !r->have_pads && !r->pads_timeout &&
	    now >= r->padr_next) {
		if (r->padr_tries >= PADR_TRIES || interrupted ||
		    now >= r->start + r->o->session_timeout_ms +
		    r->o->timeout_ms)
			r->pads_timeout = 1;
		else
			send_padr(r, now);
	}
	if (!r->sess_active || r->sess_over)
		return;
	if (interrupted && r->ss.phase < SP_TERMINATING) {
		sess_close(&r->ss, SR_INTERRUPTED, now);
		r->cleanup_deadline = now + CLEANUP_MS;
	}
	/* The session timeout bounds the login, not a --hold. */
	if (now >= r->sess_deadline && r->ss.phase < SP_DONE) {
		sess_close(&r->ss, SR_TIMEOUT, now);
		r->cleanup_deadline = now + CLEANUP_MS;
	}
	sess_tick(&r->ss, now);
	watch(r, now);
	if (r->ss.phase == SP_DONE && (!r->up_at || r->watch_stop)) {
		sess_close(&r->ss, SR_NONE, now);
		r->cleanup_deadline = now + CLEANUP_MS;
	}
	if (r->ss.phase == SP_TERMINATING && r->cleanup_deadline &&
	    now >= r->cleanup_deadline)
		r->ss.phase = SP_CLOSED;
	/* PADT always, unless the AC already tore the session down; after
	 * a Terminate-Ack of ours, not before the AC could read it. */
	if (r->ss.phase == SP_CLOSED && (r->ac_padt ||
	    sess_can_disconnect(&r->ss, now))) {
		if (!r->ac_padt) {
			send_padt(r, r->acs[r->chosen].mac, r->sid, r->o->vlan);
			r->we_padt = 1;
		}
		r->sess_over = 1;
	}
}

static int
finished(const struct run *r)
{
	if (!r->disc_done)
		return 0;
	if (!r->o->user || r->chosen < 0)
		return 1;
	if (!r->have_pads && !r->pads_timeout)
		return 0;
	return !r->sess_active || r->sess_over;
}

static int64_t
next_deadline(const struct run *r)
{
	int64_t t = INT64_MAX;

	if (!r->disc_done) {
		t = r->window_end < r->disc_deadline ? r->window_end :
		    r->disc_deadline;
	}
	if (r->chosen >= 0 && !r->have_pads && !r->pads_timeout &&
	    r->padr_next < t)
		t = r->padr_next;
	if (r->sess_active && !r->sess_over) {
		int64_t s = sess_deadline(&r->ss);

		if (s < t)
			t = s;
		if (r->ss.phase < SP_DONE && r->sess_deadline < t)
			t = r->sess_deadline;
		if (r->up_at && !r->watch_stop && r->watch_end < t)
			t = r->watch_end;
		if (r->up_at && !r->watch_stop && r->echo_next < t)
			t = r->echo_next;
		if (r->ss.phase == SP_TERMINATING && r->cleanup_deadline &&
		    r->cleanup_deadline < t)
			t = r->cleanup_deadline;
		if (r->ss.phase == SP_CLOSED && r->ss.ack_wait_until < t)
			t = r->ss.ack_wait_until;
	}
	return t;
}

/* ---- waiting: the progress line and -v (issue 17) ---------------------- */

static struct bbt_progress waitpg;
static int wait_told;		/* attempt number last told by -v, + 1 */

/* -v: a line when a discovery window starts: what, and for how long. */
static void
wait_note(struct run *r, int64_t now)
{
	long long w = window_ms(r, r->attempt);

	if (!r->o->common.verbose || r->disc_done ||
	    wait_told == r->attempt + 1)
		return;
	/* The window as planned; only the deadline cuts it. */
	if (now + w > r->disc_deadline)
		w = r->disc_deadline - now;
	wait_told = r->attempt + 1;
	bbt_progress_clear(&waitpg);
	if (r->o->scan)
		warnx(_("PADI %d of %d sent on %d VLANs: waiting %lld ms for "
		    "PADO"), r->attempt + 1, r->o->attempts, r->o->nscan, w);
	else
		warnx(_("PADI %d of %d sent: waiting %lld ms for PADO"),
		    r->attempt + 1, r->o->attempts, w);
}

/* On a terminal: the attempt and the time left, redrawn every 200 ms;
 * returns when the loop must wake for it. */
static int64_t
wait_show(struct run *r, int64_t now)
{
	double left;

	if (!waitpg.on)
		return INT64_MAX;
	if (!r->disc_done) {
		left = (r->window_end - now) / 1000.0;
		if (r->o->scan)
			bbt_progress_update(&waitpg, _("VLAN scan of %d VLANs, "
			    "PADI %d of %d: %d answered, %.1f s left"),
			    r->o->nscan, r->attempt + 1, r->o->attempts,
			    r->nacs, left < 0 ? 0 : left);
		else
			bbt_progress_update(&waitpg, _("PADI %d of %d: "
			    "waiting for PADO, %.1f s left"), r->attempt + 1,
			    r->o->attempts, left < 0 ? 0 : left);
	} else if (r->chosen >= 0 && r->o->user) {
		static const char *const phase[] = { "LCP", "PAP/CHAP",
			"IPCP" };
		const char *what = !r->have_pads ? "PADS" :
		    r->ss.phase <= SP_IPCP ? phase[r->ss.phase] : "PADT";

		if (r->hold_start && !r->hold_stop)
			bbt_progress_update(&waitpg, _("holding the session: "
			    "%.1f s of %.1f s"), (now - r->hold_start) / 1000.0,
			    r->o->hold_ms / 1000.0);
		else
			bbt_progress_update(&waitpg, _("PPP session: waiting "
			    "for %s, %.1f s"), what, (now - r->start) / 1000.0);
	}
	return now + waitpg.interval_ms;
}

static void
loop(struct run *r, const sigset_t *waitmask)
{
	for (;;) {
		int64_t now = mono_ms(), t, w;
		struct pollfd p = { r->fd, POLLIN, 0 };
		struct timespec ts;

		if (interrupted && !r->disc_done)
			r->disc_done = 1;
		disc_timers(r, now);
		if (r->disc_done && r->disc_end == 0)
			r->disc_end = now;
		session_timers(r, now);
		if (finished(r))
			break;
		t = next_deadline(r);
		wait_note(r, now);
		w = wait_show(r, now);
		if (w < t)
			t = w;
		if (t == INT64_MAX)
			t = now + 1000;
		if (t < now)
			t = now;
		ts.tv_sec = (t - now) / 1000;
		ts.tv_nsec = (long)((t - now) % 1000) * 1000000;
		if (ppoll(&p, 1, &ts, waitmask) < 0 && errno != EINTR) {
			warn("poll");
			break;
		}
		if (p.revents & (POLLIN | POLLERR)) {
			/* -v lines of the frames start on a clean line. */
			if (r->o->common.verbose)
				bbt_progress_clear(&waitpg);
			(void)pcap_dispatch(r->pc, -1, on_frame, (u_char *)r);
		}
	}
	bbt_progress_clear(&waitpg);
}

/* ---- records ----------------------------------------------------------- */

static void
kv(char *b, size_t sz, const char *k, const char *v)
{
	(void)bbt_kv_append(b, sz, k, v);
}

static void
kvi(char *b, size_t sz, const char *k, long v)
{
	char t[24];

	snprintf(t, sizeof(t), "%ld", v);
	kv(b, sz, k, t);
}

static void
kvb(char *b, size_t sz, const char *k, const struct pppoe_bytes *v)
{
	char t[PPPOE_MAX_TAGVAL * 4 + 1];

	kv(b, sz, k, v->present ? pppoe_text(v->v, v->len, t, sizeof(t)) :
	    "-");
}

static const char *
vid_str(int vid, char b[12])
{
	if (vid < 0)
		return "-";
	snprintf(b, 12, "%d", vid);
	return b;
}

static const char *
ip_str(const uint8_t a[4], char b[16])
{
	snprintf(b, 16, "%u.%u.%u.%u", a[0], a[1], a[2], a[3]);
	return b;
}

/* Service names joined by commas; an empty name shows as "(any)". */
static void
services(const struct pppoe_disc *d, char *out, size_t sz)
{
	char t[PPPOE_MAX_TAGVAL * 4 + 1];
	size_t w = 0;

	out[0] = '\0';
	for (int i = 0; i < d->nservices && i < PPPOE_MAX_SERVICES; i++) {
		const char *s = d->service[i].len ?
		    pppoe_text(d->service[i].v, d->service[i].len, t,
		    sizeof(t)) : "(any)";
		int n = snprintf(out + w, sz - w, "%s%s", i ? "," : "", s);

		if (n < 0 || (size_t)n >= sz - w)
			break;
		w += (size_t)n;
	}
}

static void
add_pado(struct bbt_checks *c, const struct run *r, const struct ac *a)
{
	char det[2048] = "", v[32], m[18], t[1100], vb[12];
	enum bbt_state st = BBT_OK;

	kvb(det, sizeof(det), "ac", &a->d.ac_name);
	services(&a->d, t, sizeof(t));
	kv(det, sizeof(det), "services", t);
	kv(det, sizeof(det), "cookie", a->d.cookie.present ?
	    pppoe_hex(a->d.cookie.v, a->d.cookie.len, t, sizeof(t)) : "-");
	kv(det, sizeof(det), "relay", a->d.relay.present ?
	    pppoe_hex(a->d.relay.v, a->d.relay.len, t, sizeof(t)) : "-");
	if (a->d.max_payload >= 0)
		kvi(det, sizeof(det), "max_payload", a->d.max_payload);
	else
		kv(det, sizeof(det), "max_payload", "-");
	kv(det, sizeof(det), "vlan", vid_str(a->vid, vb));
	kvi(det, sizeof(det), "dup", a->dups);
	if (a->d.error_type) {
		st = BBT_WARNING;
		kv(det, sizeof(det), "error", pppoe_error_name(a->d.error_type));
		kvb(det, sizeof(det), "msg", &a->d.error_msg);
	}
	if (a->d.other[0])
		kv(det, sizeof(det), "tags", a->d.other);
	if (a->d.malformed)
		kv(det, sizeof(det), "malformed", "yes");
	if (a->filtered)
		kv(det, sizeof(det), "filtered", "yes");
	(void)r;
	snprintf(v, sizeof(v), "%.3f", a->latency_ms);
	bbt_checks_add(c, "pppoe.pado", bbt_mac_str(a->mac, m),
	    a->filtered ? BBT_INFO : st, v, "ms", det);
}

static int
cmp_latency(const void *x, const void *y)
{
	const struct ac *a = x, *b = y;

	return (a->latency_ms > b->latency_ms) - (a->latency_ms < b->latency_ms);
}

static void
add_skipped(struct bbt_checks *c, const char *name, const char *target,
    const char *after)
{
	char det[64] = "";

	kv(det, sizeof(det), "after", after);
	bbt_checks_add(c, name, target, BBT_SKIPPED, NULL, NULL, det);
}

static enum bbt_state
res_state(enum sess_result x)
{
	return x == SR_OK ? BBT_OK : BBT_CRITICAL;
}

/* The AC's reason when it took the session back after IPCP: its
 * Terminate-Request text, else its PADT's Generic-Error. */
static void
add_down(char *det, size_t sz, const struct run *r)
{
	char t[PPPOE_MAX_TAGVAL * 4 + 1];
	const struct sess *s = &r->ss;

	kv(det, sz, "by", s->down_proto == PPP_IPCP ? "ipcp" :
	    s->down_proto == PPP_LCP ? "lcp" : "padt");
	if (s->down_proto && s->down_msg.len)
		kv(det, sz, "msg", pppoe_text(s->down_msg.v, s->down_msg.len,
		    t, sizeof(t)));
	else if (!s->down_proto && r->padt.error_msg.present)
		kvb(det, sz, "msg", &r->padt.error_msg);
	else
		kv(det, sz, "msg", "-");
}

/* Ended by the AC within the grace: IPCP was up in name only. */
static int
down_in_grace(const struct run *r)
{
	return r->up_at && r->watch_peer && r->watch_stop < r->grace_end;
}

/* --hold: did the session stay up, keepalives answered, for the time
 * asked after the grace? An AC that drops it meanwhile is the finding. */
static void
add_hold(struct bbt_checks *c, const struct run *r, const char *mac)
{
	char det[1024] = "", v[24];
	const struct sess *s = &r->ss;
	const char *res = r->watch_ok ? "ok" : r->watch_peer ?
	    "terminated" : "interrupted";
	int64_t held = r->hold_start ? r->hold_stop - r->hold_start : 0;

	kvi(det, sizeof(det), "hold_ms", (long)r->o->hold_ms);
	kv(det, sizeof(det), "result", res);
	kvi(det, sizeof(det), "echo_replies", s->echo_replies);
	if (!r->watch_ok && r->watch_peer)
		add_down(det, sizeof(det), r);
	snprintf(v, sizeof(v), "%lld", (long long)held);
	/* Interrupted: whether it would have stayed up is unknown. */
	bbt_checks_add(c, "ppp.hold", mac, r->watch_ok ? BBT_OK :
	    r->watch_peer ? BBT_CRITICAL : BBT_UNKNOWN, v, "ms", det);
}

/* Our LCP Echo-Requests while the session was watched: the AC's PPP
 * process answering, and how fast. */
static void
add_echo(struct bbt_checks *c, const struct run *r, const char *mac)
{
	char det[256] = "", v[24], t[24];
	const struct sess *s = &r->ss;

	if (s->echo_sent == 0)
		return;
	kvi(det, sizeof(det), "sent", s->echo_sent);
	kvi(det, sizeof(det), "received", s->echo_rcvd);
	if (s->echo_rcvd) {
		snprintf(t, sizeof(t), "%.3f", (double)s->rtt_min_ns / 1e6);
		kv(det, sizeof(det), "rtt_min", t);
		snprintf(t, sizeof(t), "%.3f", (double)s->rtt_max_ns / 1e6);
		kv(det, sizeof(det), "rtt_max", t);
		snprintf(v, sizeof(v), "%.3f", (double)s->rtt_sum_ns / 1e6 /
		    s->echo_rcvd);
	}
	/* Unanswered echoes are what makes a client's keepalive drop the
	 * line: a warning, the session itself worked. */
	bbt_checks_add(c, "ppp.echo", mac, s->echo_rcvd ? BBT_OK : BBT_WARNING,
	    s->echo_rcvd ? v : NULL, "ms", det);
}

static void
add_session(struct bbt_checks *c, struct run *r)
{
	char det[2048], m[18], v[32], t[1100];
	const struct ac *a = &r->acs[r->chosen];
	const struct sess *s = &r->ss;
	const char *mac = bbt_mac_str(a->mac, m);
	const char *user = r->o->user;

	det[0] = '\0';
	if (!r->have_pads) {
		kv(det, sizeof(det), "error", interrupted ? "interrupted" :
		    "timeout");
		kv(det, sizeof(det), "msg", "-");
		kvi(det, sizeof(det), "padr_sent", r->padr_tries);
		bbt_checks_add(c, "pppoe.pads", mac, BBT_CRITICAL, NULL, NULL,
		    det);
		add_skipped(c, "ppp.lcp", mac, "pppoe.pads");
		add_skipped(c, "ppp.auth", user, "pppoe.pads");
		add_skipped(c, "ppp.ipcp", mac, "pppoe.pads");
		if (r->o->hold_ms)
			add_skipped(c, "ppp.hold", mac, "pppoe.pads");
		return;
	}
	snprintf(v, sizeof(v), "%u", r->sid);
	snprintf(t, sizeof(t), "%.0f", r->pads_ms);
	kv(det, sizeof(det), "time_ms", t);
	kvb(det, sizeof(det), "service",
	    r->pads.nservices ? &r->pads.service[0] : &r->pads.ac_name);
	if (r->pads.error_type || r->sid == 0) {
		kv(det, sizeof(det), "error", r->pads.error_type ?
		    pppoe_error_name(r->pads.error_type) : "session-0");
		kvb(det, sizeof(det), "msg", &r->pads.error_msg);
		bbt_checks_add(c, "pppoe.pads", mac, BBT_CRITICAL, v, NULL, det);
		add_skipped(c, "ppp.lcp", mac, "pppoe.pads");
		add_skipped(c, "ppp.auth", user, "pppoe.pads");
		add_skipped(c, "ppp.ipcp", mac, "pppoe.pads");
		if (r->o->hold_ms)
			add_skipped(c, "ppp.hold", mac, "pppoe.pads");
		return;
	}
	if (r->pads.max_payload >= 0)
		kvi(det, sizeof(det), "max_payload", r->pads.max_payload);
	else
		kv(det, sizeof(det), "max_payload", "-");
	if (r->pads.hurl.present)
		kvb(det, sizeof(det), "hurl", &r->pads.hurl);
	bbt_checks_add(c, "pppoe.pads", mac, BBT_OK, v, NULL, det);

	/* LCP */
	det[0] = '\0';
	if (!r->sess_active) {
		/* PADS after the interrupt: closed at once, LCP not begun. */
		kv(det, sizeof(det), "result", "interrupted");
		bbt_checks_add(c, "ppp.lcp", mac, BBT_CRITICAL, NULL, NULL,
		    det);
		add_skipped(c, "ppp.auth", user, "ppp.lcp");
		add_skipped(c, "ppp.ipcp", mac, "ppp.lcp");
		if (r->o->hold_ms)
			add_skipped(c, "ppp.hold", mac, "ppp.lcp");
		return;
	}
	if (s->peer_mru >= 0)
		kvi(det, sizeof(det), "mru", s->peer_mru);
	else
		kv(det, sizeof(det), "mru", "-");
	kv(det, sizeof(det), "auth", s->lcp_result == SR_OK ?
	    sess_auth_name(s->auth) : "-");
	kv(det, sizeof(det), "result", sess_result_name(s->lcp_result));
	kv(det, sizeof(det), "msg", s->lcp_msg.len ?
	    pppoe_text(s->lcp_msg.v, s->lcp_msg.len, t, sizeof(t)) : "-");
	if (s->t_lcp >= 0)
		kvi(det, sizeof(det), "time_ms", (long)s->t_lcp);
	kvi(det, sizeof(det), "sent", s->lcp_tries);
	if (s->echo_replies)
		kvi(det, sizeof(det), "echo_replies", s->echo_replies);
	if (s->proto_rejects)
		kvi(det, sizeof(det), "proto_rejects", s->proto_rejects);
	bbt_checks_add(c, "ppp.lcp", mac, res_state(s->lcp_result), NULL, NULL,
	    det);
	if (s->lcp_result != SR_OK) {
		add_skipped(c, "ppp.auth", user, "ppp.lcp");
		add_skipped(c, "ppp.ipcp", mac, "ppp.lcp");
		if (r->o->hold_ms)
			add_skipped(c, "ppp.hold", mac, "ppp.lcp");
		return;
	}

	/* authentication */
	det[0] = '\0';
	if (s->auth == SA_NONE) {
		kv(det, sizeof(det), "result", "ok");
		kv(det, sizeof(det), "msg", "no authentication asked");
		bbt_checks_add(c, "ppp.auth", user, BBT_OK, "none", NULL, det);
	} else {
		enum sess_result ar = s->auth_result == SR_NONE ? SR_TIMEOUT :
		    s->auth_result;

		kv(det, sizeof(det), "result", sess_result_name(ar));
		kv(det, sizeof(det), "msg", s->auth_msg.len ?
		    pppoe_text(s->auth_msg.v, s->auth_msg.len, t, sizeof(t)) :
		    "-");
		if (s->t_auth >= 0)
			kvi(det, sizeof(det), "time_ms", (long)(s->t_auth -
			    s->t_lcp));
		bbt_checks_add(c, "ppp.auth", user, res_state(ar),
		    sess_auth_name(s->auth), NULL, det);
		if (ar != SR_OK) {
			add_skipped(c, "ppp.ipcp", mac, "ppp.auth");
			if (r->o->hold_ms)
				add_skipped(c, "ppp.hold", mac, "ppp.auth");
			return;
		}
	}

	/* IPCP */
	{
		char ipb[16];
		enum sess_result ir = s->ipcp_result == SR_NONE ? SR_TIMEOUT :
		    s->ipcp_result;
		int got = ir == SR_OK && s->want_addr;

		det[0] = '\0';
		kv(det, sizeof(det), "dns1", s->want_dns1 && got ?
		    ip_str(s->dns1, ipb) : "-");
		kv(det, sizeof(det), "dns2", s->want_dns2 && got ?
		    ip_str(s->dns2, ipb) : "-");
		int down = down_in_grace(r);

		kv(det, sizeof(det), "result", down ? "terminated" :
		    sess_result_name(ir));
		kv(det, sizeof(det), "peer", s->have_peer_addr ?
		    ip_str(s->peer_addr, ipb) : "-");
		if (down) {
			add_down(det, sizeof(det), r);
			kvi(det, sizeof(det), "up_ms",
			    (long)(r->watch_stop - r->up_at));
		} else if (s->ipcp_msg.len)
			kv(det, sizeof(det), "msg", pppoe_text(s->ipcp_msg.v,
			    s->ipcp_msg.len, t, sizeof(t)));
		if (s->t_ipcp >= 0 && s->t_auth >= 0)
			kvi(det, sizeof(det), "time_ms",
			    (long)(s->t_ipcp - s->t_auth));
		bbt_checks_add(c, "ppp.ipcp", mac, down ? BBT_CRITICAL :
		    res_state(ir), got ? ip_str(s->addr, ipb) : NULL, NULL,
		    det);
		if (r->o->hold_ms && (ir != SR_OK || down))
			add_skipped(c, "ppp.hold", mac, "ppp.ipcp");
		else if (r->o->hold_ms)
			add_hold(c, r, mac);
		add_echo(c, r, mac);
	}
}

static void
add_cleanup(struct bbt_checks *c, const struct run *r)
{
	char det[512] = "", m[18], v[16];
	const struct sess *s = &r->ss;
	enum bbt_state st = BBT_OK;
	const char *lt;

	if (!r->have_pads || r->sid == 0)
		return;
	if (!r->sess_active)
		lt = "no";
	else if (s->term_acked)
		lt = "yes";
	else if (s->peer_terminated)
		lt = "peer";
	else
		lt = "unacked";
	kv(det, sizeof(det), "padt", r->we_padt ? "yes" : r->ac_padt ?
	    "peer" : "no");
	kv(det, sizeof(det), "lcp_term", lt);
	if (r->ac_padt) {
		char t[PPPOE_MAX_TAGVAL * 4 + 1];

		kv(det, sizeof(det), "ac_padt_msg", r->padt.error_msg.present ?
		    pppoe_text(r->padt.error_msg.v, r->padt.error_msg.len, t,
		    sizeof(t)) : "-");
	}
	if (!r->we_padt && !r->ac_padt)
		st = BBT_WARNING;
	snprintf(v, sizeof(v), "%u", r->sid);
	bbt_checks_add(c, "ppp.cleanup", bbt_mac_str(r->acs[r->chosen].mac,
	    m), st, v, NULL, det);
}

static void
add_discovery(struct bbt_checks *c, struct run *r)
{
	char det[1024] = "", v[16], vb[12];
	int n = accepted(r), filtered = r->nacs - n;
	int fewer = n > 0 && r->o->expect > n;
	const char *result = fewer ? "fewer" : n ? "ok" : filtered ?
	    "filtered" : "none";

	kvi(det, sizeof(det), "padi_sent", r->padi_sent);
	kvi(det, sizeof(det), "timeout_ms", (long)(r->disc_deadline - r->start));
	if (r->o->scan) {
		char list[256] = "";
		size_t w = 0;

		/* The VLANs that carry PPPoE: the answer to --vlan-scan. */
		for (int i = 0; i < r->nacs; i++) {
			char b[8];

			snprintf(b, sizeof(b), "%d", r->acs[i].vid);
			if (r->acs[i].filtered || strstr(list, b))
				continue;
			if (w + strlen(b) + 2 < sizeof(list))
				w += (size_t)snprintf(list + w, sizeof(list) - w,
				    "%s%s", w ? "," : "", b);
		}
		kv(det, sizeof(det), "vlan", *list ? list : "-");
		kvi(det, sizeof(det), "scanned", r->o->nscan);
	} else
		kv(det, sizeof(det), "vlan", vid_str(r->o->vlan, vb));
	kv(det, sizeof(det), "other_pppoe", r->foreign + r->wrong_vlan +
	    r->other_padi + r->malformed || r->nacs ? "yes" : "no");
	kvi(det, sizeof(det), "filtered", filtered);
	kv(det, sizeof(det), "result", interrupted && !n ? "interrupted" :
	    result);
	kvi(det, sizeof(det), "elapsed_ms", (long)(r->disc_end - r->start));
	if (r->o->expect)
		kvi(det, sizeof(det), "expected", r->o->expect);
	if (r->wrong_vlan)
		kvi(det, sizeof(det), "wrong_vlan", r->wrong_vlan);
	if (r->other_padi)
		kvi(det, sizeof(det), "other_padi", r->other_padi);
	if (r->foreign)
		kvi(det, sizeof(det), "foreign", r->foreign);
	if (r->malformed)
		kvi(det, sizeof(det), "malformed", r->malformed);
	if (r->other_vlans[0])
		kv(det, sizeof(det), "seen_vlans", r->other_vlans);
	if (r->o->service)
		kv(det, sizeof(det), "service", r->o->service);
	snprintf(v, sizeof(v), "%d", n);
	/* Fewer ACs than --expect: a monitoring warning (a BRAS of a
	 * redundant pair is gone), not "no PPPoE". */
	bbt_checks_add(c, "pppoe.discovery", r->o->iface,
	    fewer ? BBT_WARNING : n ? BBT_OK : BBT_CRITICAL, v, NULL, det);
}

static int
write_out(struct bbt_checks *c, const struct probe_opts *o)
{
	int color = bbt_common_color(&o->common, stdout);

	if (bbt_checks_write(c, stdout, o->fmt, color) < 0 ||
	    bbt_close_stdout() < 0)
		return BBT_UNKNOWN;
	return bbt_state_exit(bbt_checks_worst(c));
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

int
pppoe_probe_run(struct probe_opts *o)
{
	static struct run run;
	struct run *r = &run;
	struct bbt_checks c;
	sigset_t block, wm;
	struct sigaction sa;
	char det[128] = "";
	int rc;

	memset(r, 0, sizeof(*r));
	r->o = o;
	r->chosen = -1;
	/* Before the drop: started as root, the probe then runs as nobody,
	 * who may not read the file. */
	if (o->user && load_password(r) < 0) {
		(void)bbt_priv_drop();
		return BBT_UNKNOWN;
	}
	if (iface_info(r) < 0 || (rc = open_capture(r)) == -1) {
		(void)bbt_priv_drop();
		if (r->pc)
			pcap_close(r->pc);
		secret_free(r->pass, r->plen);
		return BBT_UNKNOWN;
	}
	if (bbt_priv_drop() < 0) {
		warn(_("cannot drop privileges"));
		if (r->pc)
			pcap_close(r->pc);
		secret_free(r->pass, r->plen);
		return BBT_UNKNOWN;
	}
	/* Leaving uid 0 resets the flag to fs.suid_dumpable, maybe 2. */
	if (r->pass && prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) < 0)
		warn("prctl");

	/* Signals only interrupt ppoll: no lost wake-up, no code run in
	 * the handler but a counter. */
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigemptyset(&block);
	sigaddset(&block, SIGINT);
	sigaddset(&block, SIGTERM);
	sigaddset(&block, SIGHUP);
	sigaddset(&block, SIGQUIT);
	sigprocmask(SIG_BLOCK, &block, &wm);
	sigdelset(&wm, SIGINT);
	sigdelset(&wm, SIGTERM);
	sigdelset(&wm, SIGHUP);
	sigdelset(&wm, SIGQUIT);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	/* Ctrl-\ closes the session like Ctrl-C (no core: it would hold
	 * the password). */
	sigaction(SIGQUIT, &sa, NULL);
	/* A closed pipe on stderr (-v | head) must not end the run with
	 * the session open: writes fail with EPIPE instead, and a failed
	 * write of the records is an error at the end. */
	signal(SIGPIPE, SIG_IGN);

	bbt_checks_init(&c, "pppoe-probe");
	if (o->case_id)
		c.case_id = strdup(o->case_id);

	switch (o->host_uniq_mode) {
	case HU_RANDOM:
		r->hulen = 8;
		if (getrandom(r->hu, r->hulen, 0) < 0) {
			uint64_t x = (uint64_t)mono_ms() ^ (uint64_t)getpid();
			memcpy(r->hu, &x, 8);
		}
		break;
	case HU_GIVEN:
		memcpy(r->hu, o->host_uniq, o->host_uniq_len);
		r->hulen = o->host_uniq_len;
		break;
	}

	if (o->do_padt && r->pc) {
		rc = run_padt(r, &c, &wm);
		goto out;
	}

	kv(det, sizeof(det), "operstate", r->operstate);
	kvi(det, sizeof(det), "mtu", r->mtu);
	bbt_checks_add(&c, "link.carrier", o->iface,
	    r->up && r->running ? BBT_OK : BBT_CRITICAL,
	    r->up && r->running ? "up" : "down", NULL, det);
	if (!(r->up && r->running)) {
		add_skipped(&c, "pppoe.discovery", o->iface, "link.carrier");
		rc = write_out(&c, o);
		goto out;
	}

	r->start = mono_ms();
	r->disc_deadline = r->start + o->timeout_ms;
	send_padi(r);
	r->window_end = r->start + window_ms(r, 0);
	if (r->window_end > r->disc_deadline)
		r->window_end = r->disc_deadline;
	bbt_progress_init(&waitpg, stderr, o->common.quiet ? 0 : -1, 200);
	loop(r, &wm);
	r->disc_end = r->disc_end ? r->disc_end : mono_ms();

	add_discovery(&c, r);
	/* Arrival order is latency order for one PADI; sort for several. */
	{
		int chosen_ok = r->chosen >= 0;
		uint8_t cm[6];
		int cv = 0;

		if (chosen_ok) {
			memcpy(cm, r->acs[r->chosen].mac, 6);
			cv = r->acs[r->chosen].vid;
		}
		qsort(r->acs, (size_t)r->nacs, sizeof(r->acs[0]), cmp_latency);
		for (int i = 0; i < r->nacs; i++) {
			add_pado(&c, r, &r->acs[i]);
			if (chosen_ok && memcmp(r->acs[i].mac, cm, 6) == 0 &&
			    r->acs[i].vid == cv)
				r->chosen = i;
		}
	}
	if (o->user) {
		if (r->chosen >= 0) {
			add_session(&c, r);
			add_cleanup(&c, r);
		} else {
			add_skipped(&c, "pppoe.pads", "-", "pppoe.discovery");
			add_skipped(&c, "ppp.lcp", "-", "pppoe.discovery");
			add_skipped(&c, "ppp.auth", o->user, "pppoe.discovery");
			add_skipped(&c, "ppp.ipcp", "-", "pppoe.discovery");
			if (o->hold_ms)
				add_skipped(&c, "ppp.hold", "-",
				    "pppoe.discovery");
		}
	}
	rc = write_out(&c, o);
	if (interrupted && rc < BBT_UNKNOWN)
		rc = BBT_UNKNOWN;
out:
	secret_free(r->pass, r->plen);
	explicit_bzero(&r->ss, sizeof(r->ss));
	bbt_checks_free(&c);
	if (r->pc)
		pcap_close(r->pc);
	return rc;
}
