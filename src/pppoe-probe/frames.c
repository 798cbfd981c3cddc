/* SPDX-License-Identifier: MIT */
/*
 * Frames in: which of the captured PPPoE frames are ours (MAC, VLAN
 * stack, Host-Uniq, session id), and what a PADO, PADS or PADT does to
 * the run. Session frames go to the PPP state machine.
 */
#include <err.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>

#include "lib/ether.h"
#include "lib/i18n.h"
#include "pppoe-probe/run.h"

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

int
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

/* A PPP payload of our session: to the state machine, with its capture
 * time for the echo round trip. */
static void
on_session(struct run *r, const struct pcap_pkthdr *h,
    const struct pppoe_eth *e, const struct pppoe_hdr *ph, int64_t now)
{
	const struct ac *a;

	if (!r->sess_active || r->chosen < 0)
		return;
	a = &r->acs[r->chosen];
	if (memcmp(e->src, a->mac, 6) != 0 || ph->session != r->sid ||
	    ph->code != 0)
		return;
	/* With nanosecond precision tv_usec holds nanoseconds. */
	r->ss.rx_ns = (int64_t)h->ts.tv_sec * 1000000000 + h->ts.tv_usec;
	sess_input(&r->ss, ph->payload, ph->len, now);
}

/* PADS granted a session: PPP begins at once. */
static void
sess_begin(struct run *r, const uint8_t src[6], uint16_t session,
    const struct pppoe_disc *d, int64_t now)
{
	struct sess_cfg c;
	char m[18];

	/* Always, at once: after a SIGKILL this line is all that names
	 * the session the AC keeps open. */
	bbt_mac_str(src, m);
	warnx(_("session %u opened with %s (if this run is "
	    "killed, close it with --padt %u:%s)"), session, m, session, m);

	memset(&c, 0, sizeof(c));
	c.user = r->o->user;
	c.pass = r->pass;
	c.plen = r->plen;
	c.auth_mask = r->o->auth_mask;
	c.mru = (uint16_t)r->o->mru;
	/* RFC 4638 §5: a granted PPP-Max-Payload is the MRU to negotiate
	 * unless the user chose one. */
	if (r->o->max_payload > 0 && !r->o->mru_given &&
	    d->max_payload > c.mru)
		c.mru = (uint16_t)(d->max_payload < r->o->max_payload ?
		    d->max_payload : r->o->max_payload);
	c.restart_ms = 200;
	c.restart_max_ms = 1000;
	c.max_configure = 10;
	c.ipv6 = !r->o->no_ipv6;
	if (getrandom(&c.magic, sizeof(c.magic), 0) < 0 ||
	    getrandom(c.peer_chal, 16, 0) < 0 ||
	    getrandom(c.ifid, sizeof(c.ifid), 0) < 0)
		c.magic = (uint32_t)now | 1;
	/* A random identifier is a local one: the "u" bit clear
	 * (RFC 4291 appendix A); all zero, sess_init makes one. */
	c.ifid[0] &= 0xfd;
	if (c.magic == 0)
		c.magic = 1;
	sess_init(&r->ss, &c, sess_send, r, now);
	r->ss.on_echo = wlog_reply;
	r->ss.on_data = dp_input;
	if (dp_init(r) < 0)
		err(EXIT_FAILURE, "dp_init");
	r->sess_active = 1;
	r->sess_deadline = r->padr_at + r->o->session_timeout_ms;
	sess_start(&r->ss, now);
}

static void
on_pads(struct run *r, const struct pppoe_eth *e, const struct pppoe_hdr *ph,
    const struct pppoe_disc *d, int64_t now)
{
	if (r->chosen < 0 || r->have_pads ||
	    memcmp(e->src, r->acs[r->chosen].mac, 6) != 0 ||
	    hu_attempt(r, d) < 0)
		return;
	if (r->pads_timeout) {
		/* Too late: close what the AC opened anyway. */
		if (ph->session)
			send_padt(r, e->src, ph->session, r->o->vlan);
		return;
	}
	r->have_pads = 1;
	r->pads = *d;
	r->sid = ph->session;
	r->pads_ms = (double)(now - r->padr_at);
	r->padr_next = INT64_MAX;
	if (ph->session != 0 && d->error_type == 0 && !interrupted)
		sess_begin(r, e->src, ph->session, d, now);
	else if (ph->session != 0) {
		/* Interrupted before PADS, or an error with a session:
		 * closed at once, and recorded so. */
		send_padt(r, e->src, ph->session, r->o->vlan);
		r->we_padt = 1;
	}
}

static void
on_padt(struct run *r, const struct pppoe_eth *e, const struct pppoe_hdr *ph,
    const struct pppoe_disc *d)
{
	if (r->o->do_padt && memcmp(e->src, r->o->padt_mac, 6) == 0 &&
	    ph->session == r->o->padt_session) {
		r->padt_echo = 1;
		return;
	}
	if (r->chosen < 0 || !r->have_pads || ph->session != r->sid ||
	    memcmp(e->src, r->acs[r->chosen].mac, 6) != 0)
		return;
	/* After ours it is the AC's answer (rp-pppoe's says "Received
	 * PADT"), not the AC tearing the session down: whether it came in
	 * before we stopped reading was a race that changed the cleanup
	 * record. */
	if (r->we_padt)
		return;
	r->ac_padt = 1;
	r->padt = *d;
	if (r->sess_active && r->ss.phase != SP_CLOSED)
		sess_gone(&r->ss, d->error_msg.v, d->error_msg.present ?
		    d->error_msg.len : 0);
}

void
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
		on_session(r, h, &e, &ph, now);
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
		on_pads(r, &e, &ph, &d, now);
		break;
	case PPPOE_PADT:
		on_padt(r, &e, &ph, &d);
		break;
	default:
		break;
	}
}
