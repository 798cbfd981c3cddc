/* SPDX-License-Identifier: MIT */
/*
 * Check records of a run: the link, discovery, one pppoe.pado per offer,
 * then PADS, LCP, authentication, IPCP and the cleanup of the session;
 * a layer that was not reached is "skipped" with the one that failed.
 */
#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/ether.h"
#include "lib/rec.h"
#include "lib/state.h"
#include "pppoe-probe/ppp.h"
#include "pppoe-probe/run.h"

void
kv(char *b, size_t sz, const char *k, const char *v)
{
	(void)bbt_kv_append(b, sz, k, v);
}

void
kvi(char *b, size_t sz, const char *k, long v)
{
	char t[24];

	snprintf(t, sizeof(t), "%ld", v);
	kv(b, sz, k, t);
}

void
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

/* One pppoe.pado an offer, fastest first; r->chosen follows its AC. */
void
add_offers(struct bbt_checks *c, struct run *r)
{
	int chosen_ok = r->chosen >= 0;
	uint8_t cm[6];
	int cv = 0;

	if (chosen_ok) {
		memcpy(cm, r->acs[r->chosen].mac, 6);
		cv = r->acs[r->chosen].vid;
	}
	/* Arrival order is latency order for one PADI; sort for several. */
	qsort(r->acs, (size_t)r->nacs, sizeof(r->acs[0]), cmp_latency);
	for (int i = 0; i < r->nacs; i++) {
		add_pado(c, r, &r->acs[i]);
		if (chosen_ok && memcmp(r->acs[i].mac, cm, 6) == 0 &&
		    r->acs[i].vid == cv)
			r->chosen = i;
	}
}

void
add_skipped(struct bbt_checks *c, const char *name, const char *target,
    const char *after)
{
	char det[64] = "";

	kv(det, sizeof(det), "after", after);
	bbt_checks_add(c, name, target, BBT_SKIPPED, NULL, NULL, det);
}

/* The session's layers in order; the account is the target of auth. */
enum layer { L_PADS, L_LCP, L_AUTH, L_IPCP, L_IPV6CP, L_HOLD };

/* Every layer from the one given on, skipped after the one that failed. */
static void
skip_from(struct bbt_checks *c, const struct run *r, enum layer from,
    const char *mac, const char *after)
{
	static const char *const name[] = { "pppoe.pads", "ppp.lcp",
		"ppp.auth", "ppp.ipcp", "ppp.ipv6cp", "ppp.hold" };

	for (int i = from; i <= L_HOLD; i++) {
		if (i == L_HOLD)
			dp_records(c, r, mac, after);
		if ((i == L_HOLD && !r->o->hold_ms) ||
		    (i == L_IPV6CP && r->o->no_ipv6))
			continue;
		add_skipped(c, name[i], i == L_AUTH ? r->o->user : mac, after);
	}
}

static enum bbt_state
res_state(enum sess_result x)
{
	return x == SR_OK ? BBT_OK : BBT_CRITICAL;
}

/* pppoe.pads; 0 when the session was granted. */
static int
add_pads(struct bbt_checks *c, const struct run *r, const char *mac)
{
	char det[2048] = "", v[32], t[32];

	if (!r->have_pads) {
		kv(det, sizeof(det), "error", interrupted ? "interrupted" :
		    "timeout");
		kv(det, sizeof(det), "msg", "-");
		kvi(det, sizeof(det), "padr_sent", r->padr_tries);
		bbt_checks_add(c, "pppoe.pads", mac, BBT_CRITICAL, NULL, NULL,
		    det);
		skip_from(c, r, L_LCP, mac, "pppoe.pads");
		return -1;
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
		skip_from(c, r, L_LCP, mac, "pppoe.pads");
		return -1;
	}
	if (r->pads.max_payload >= 0)
		kvi(det, sizeof(det), "max_payload", r->pads.max_payload);
	else
		kv(det, sizeof(det), "max_payload", "-");
	if (r->pads.hurl.present)
		kvb(det, sizeof(det), "hurl", &r->pads.hurl);
	bbt_checks_add(c, "pppoe.pads", mac, BBT_OK, v, NULL, det);
	return 0;
}

/* ppp.lcp; 0 when LCP opened. */
static int
add_lcp(struct bbt_checks *c, const struct run *r, const char *mac)
{
	char det[2048] = "", t[1100];
	const struct sess *s = &r->ss;

	if (!r->sess_active) {
		/* PADS after the interrupt: closed at once, LCP not begun. */
		kv(det, sizeof(det), "result", "interrupted");
		bbt_checks_add(c, "ppp.lcp", mac, BBT_CRITICAL, NULL, NULL,
		    det);
		skip_from(c, r, L_AUTH, mac, "ppp.lcp");
		return -1;
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
		skip_from(c, r, L_AUTH, mac, "ppp.lcp");
		return -1;
	}
	return 0;
}

/* ppp.auth; 0 when the account was accepted (or none was asked). */
static int
add_auth(struct bbt_checks *c, const struct run *r, const char *mac)
{
	char det[2048] = "", t[1100];
	const struct sess *s = &r->ss;
	const char *user = r->o->user;
	enum sess_result ar;

	if (s->auth == SA_NONE) {
		kv(det, sizeof(det), "result", "ok");
		kv(det, sizeof(det), "msg", "no authentication asked");
		bbt_checks_add(c, "ppp.auth", user, BBT_OK, "none", NULL, det);
		return 0;
	}
	ar = s->auth_result == SR_NONE ? SR_TIMEOUT : s->auth_result;
	kv(det, sizeof(det), "result", sess_result_name(ar));
	kv(det, sizeof(det), "msg", s->auth_msg.len ?
	    pppoe_text(s->auth_msg.v, s->auth_msg.len, t, sizeof(t)) : "-");
	if (s->t_auth >= 0)
		kvi(det, sizeof(det), "time_ms", (long)(s->t_auth - s->t_lcp));
	bbt_checks_add(c, "ppp.auth", user, res_state(ar),
	    sess_auth_name(s->auth), NULL, det);
	if (ar != SR_OK) {
		skip_from(c, r, L_IPCP, mac, "ppp.auth");
		return -1;
	}
	return 0;
}

static const char *
ifid_str(const uint8_t id[8], char b[20])
{
	snprintf(b, 20, "%02x%02x:%02x%02x:%02x%02x:%02x%02x", id[0], id[1],
	    id[2], id[3], id[4], id[5], id[6], id[7]);
	return b;
}

/*
 * ppp.ipv6cp: critical only when the AC speaks IPv6CP and it still
 * failed; an AC without IPv6 (a Protocol-Reject, or never a word of
 * IPv6CP) is configured so, which is info. The value is our link-local
 * address.
 */
static void
add_ipv6cp(struct bbt_checks *c, const struct run *r, const char *mac)
{
	char det[1024] = "", t[1100], id[20], ll[INET6_ADDRSTRLEN];
	uint8_t a6[16];
	const struct sess *s = &r->ss;
	enum sess_result x = s->ipv6cp_result == SR_NONE ? SR_TIMEOUT :
	    s->ipv6cp_result;
	enum bbt_state st = x == SR_OK ? BBT_OK : s->ipv6cp_seen ?
	    BBT_CRITICAL : BBT_INFO;

	if (r->o->no_ipv6)
		return;
	kv(det, sizeof(det), "our_id", ifid_str(s->our_ifid, id));
	kv(det, sizeof(det), "peer_id", s->have_peer_ifid ?
	    ifid_str(s->peer_ifid, id) : "-");
	kv(det, sizeof(det), "result", x == SR_TIMEOUT ? "no_reply" :
	    sess_result_name(x));
	if (s->ipv6cp_msg.len)
		kv(det, sizeof(det), "msg", pppoe_text(s->ipv6cp_msg.v,
		    s->ipv6cp_msg.len, t, sizeof(t)));
	if (s->t_ipv6cp >= 0 && s->t_auth >= 0)
		kvi(det, sizeof(det), "time_ms", (long)(s->t_ipv6cp - s->t_auth));
	memset(a6, 0, sizeof(a6));
	a6[0] = 0xfe, a6[1] = 0x80;
	memcpy(a6 + 8, s->our_ifid, 8);
	inet_ntop(AF_INET6, a6, ll, sizeof(ll));
	bbt_checks_add(c, "ppp.ipv6cp", mac, st, x == SR_OK ? ll : NULL, NULL,
	    det);
}

/* ppp.ipcp, then what the watch after it found (ppp.hold, ppp.echo). */
static void
add_ipcp(struct bbt_checks *c, const struct run *r, const char *mac)
{
	char det[2048] = "", t[1100], ipb[16];
	const struct sess *s = &r->ss;
	enum sess_result ir = s->ipcp_result == SR_NONE ? SR_TIMEOUT :
	    s->ipcp_result;
	int got = ir == SR_OK && s->want_addr;
	int down = down_in_grace(r);

	kv(det, sizeof(det), "dns1", s->want_dns1 && got ?
	    ip_str(s->dns1, ipb) : "-");
	kv(det, sizeof(det), "dns2", s->want_dns2 && got ?
	    ip_str(s->dns2, ipb) : "-");
	kv(det, sizeof(det), "result", down ? "terminated" :
	    sess_result_name(ir));
	kv(det, sizeof(det), "peer", s->have_peer_addr ?
	    ip_str(s->peer_addr, ipb) : "-");
	if (down) {
		add_down(det, sizeof(det), r);
		kvi(det, sizeof(det), "up_ms", (long)(r->watch_stop - r->up_at));
	} else if (s->ipcp_msg.len)
		kv(det, sizeof(det), "msg", pppoe_text(s->ipcp_msg.v,
		    s->ipcp_msg.len, t, sizeof(t)));
	if (s->t_ipcp >= 0 && s->t_auth >= 0)
		kvi(det, sizeof(det), "time_ms", (long)(s->t_ipcp - s->t_auth));
	bbt_checks_add(c, "ppp.ipcp", mac, down ? BBT_CRITICAL :
	    res_state(ir), got ? ip_str(s->addr, ipb) : NULL, NULL, det);
	add_ipv6cp(c, r, mac);
	dp_records(c, r, mac, ir != SR_OK ? "ppp.ipcp" : NULL);
	if (r->o->hold_ms && (ir != SR_OK || down))
		add_skipped(c, "ppp.hold", mac, "ppp.ipcp");
	else if (r->o->hold_ms)
		add_hold(c, r, mac);
	add_echo(c, r, mac);
}

/* The account test, layer by layer down to the first that failed. */
void
add_session(struct bbt_checks *c, struct run *r)
{
	char m[18];
	const char *mac;

	if (r->chosen < 0) {
		skip_from(c, r, L_PADS, "-", "pppoe.discovery");
		return;
	}
	mac = bbt_mac_str(r->acs[r->chosen].mac, m);
	if (add_pads(c, r, mac) < 0 || add_lcp(c, r, mac) < 0 ||
	    add_auth(c, r, mac) < 0)
		return;
	add_ipcp(c, r, mac);
}

void
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

void
add_link(struct bbt_checks *c, const struct run *r)
{
	char det[128] = "";
	int up = r->up && r->running;

	kv(det, sizeof(det), "operstate", r->operstate);
	kvi(det, sizeof(det), "mtu", r->mtu);
	bbt_checks_add(c, "link.carrier", r->o->iface, up ? BBT_OK :
	    BBT_CRITICAL, up ? "up" : "down", NULL, det);
}

void
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

int
write_out(struct bbt_checks *c, const struct probe_opts *o)
{
	int color = bbt_common_color(&o->common, stdout);

	if (bbt_checks_write(c, stdout, o->fmt, color) < 0 ||
	    bbt_close_stdout() < 0)
		return BBT_UNKNOWN;
	return bbt_state_exit(bbt_checks_worst(c));
}
