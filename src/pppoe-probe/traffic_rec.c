/* SPDX-License-Identifier: MIT */
/* The first-traffic task's options and records: ppp.ping, ppp.dns,
 * ppp.http (bbt-record(5), pppoe-probe(1)). */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "lib/i18n.h"
#include "pppoe-probe/dataplane.h"
#include "pppoe-probe/dns6.h"
#include "pppoe-probe/run.h"
#include "pppoe-probe/traffic_int.h"

error_t
traffic_parse_opt(int key, char *arg, struct argp_state *st,
    struct traffic_opts *o)
{
	struct http_url u;
	const char *why;
	size_t n;

	switch (key) {
	case OPT_TR_NO_TRAFFIC:
		o->off = 1;
		break;
	case OPT_TR_PING:
		if (o->nping >= TRAFFIC_MAX_PING ||
		    ip4_aton(arg, o->ping[o->nping]) < 0) {
			argp_error(st, _("invalid IPv4 address '%s' for --ping "
			    "(at most %d)"), arg, TRAFFIC_MAX_PING);
			return EINVAL;
		}
		o->nping++;
		break;
	case OPT_TR_DNS_NAME:
		n = strlen(arg);
		for (size_t i = 0; i < n; i++)
			if (!isalnum((unsigned char)arg[i]) && arg[i] != '-' &&
			    arg[i] != '.' && arg[i] != '_')
				n = 0;
		if (n == 0 || n > 253 || strstr(arg, "..") != NULL) {
			argp_error(st, _("invalid host name '%s' for "
			    "--dns-name"), arg);
			return EINVAL;
		}
		o->dns_name = arg;
		break;
	case OPT_TR_URL:
		if ((why = http_url_parse(arg, &u)) != NULL) {
			argp_error(st, _("invalid URL '%s' for --url: %s"), arg,
			    _(why));
			return EINVAL;
		}
		o->url = arg;
		break;
	default:
		return ARGP_ERR_UNKNOWN;
	}
	return 0;
}

const char *
tr_dns_name(const struct traffic_opts *o, struct http_url *u)
{
	(void)http_url_parse(o->url ? o->url : TRAFFIC_URL, u);
	return o->dns_name ? o->dns_name : !u->literal ? u->host :
	    TRAFFIC_NAME;
}

/* ppp.ping: critical when nothing came back, warning for some loss. */
static void
add_ping(struct bbt_checks *c, const struct traffic *t,
    const struct tr_ping *p, int first)
{
	char det[512] = "", ab[16], v[24], b[24];
	int loss = p->sent ? (p->sent - p->rcvd) * 100 / p->sent : 100;
	int cut = !p->done && interrupted;
	enum bbt_state st = cut ? BBT_UNKNOWN : p->rcvd == 0 ? BBT_CRITICAL :
	    p->rcvd < p->sent ? BBT_WARNING : BBT_OK;

	kv(det, sizeof(det), "role", p->peer ? "peer" : "target");
	kvi(det, sizeof(det), "sent", p->sent);
	kvi(det, sizeof(det), "received", p->rcvd);
	kvi(det, sizeof(det), "loss", loss);
	if (p->rcvd) {
		kv(det, sizeof(det), "rtt_min", tr_ms3(p->rtt_min, b));
		kv(det, sizeof(det), "rtt_max", tr_ms3(p->rtt_max, b));
	}
	if (p->peer && t->ready_ns)
		kv(det, sizeof(det), "ready_ms", tr_ms3(t->ready_ns - t->t0_ns,
		    b));
	kv(det, sizeof(det), "result", cut ? "interrupted" :
	    p->rcvd == p->sent ? "ok" :
	    p->unreach ? "unreachable" : p->rcvd ? "loss" : "no_reply");
	if (p->dup)
		kvi(det, sizeof(det), "dup", p->dup);
	if (first && t->ip_malformed)
		kvi(det, sizeof(det), "malformed", t->ip_malformed);
	bbt_checks_add(c, "ppp.ping", ip4_str(p->dst, ab), st, p->rcvd ?
	    tr_ms3(p->rtt_sum / p->rcvd, v) : NULL, p->rcvd ? "ms" : NULL, det);
}

/*
 * ppp.http: 2xx ok; a redirect to another host is a portal (critical:
 * the line carries nothing but the operator's page); other 3xx, 4xx
 * and 5xx warning; no answer, a reset or a malformed one critical.
 */
static void
add_http(struct bbt_checks *c, const struct traffic *t, const char *url,
    const struct run *r)
{
	char det[1024] = "", ab[16], b[24], host[HTTP_HOST_MAX], v[8];
	int s = t->hh.status, redirect = s >= 300 && s < 400 &&
	    t->hh.location[0];
	int portal = 0;
	enum bbt_state st;
	const char *res;

	kv(det, sizeof(det), "host", t->url.host);
	kv(det, sizeof(det), "addr", ip4_str(t->addr, ab));
	kvi(det, sizeof(det), "bytes", (long)t->bytes);
	if (t->t_est_ns)
		kv(det, sizeof(det), "connect_ms", tr_ms3(t->t_est_ns -
		    t->t_syn_ns, b));
	if (t->t_first_ns && t->t_est_ns)
		kv(det, sizeof(det), "ttfb_ms", tr_ms3(t->t_first_ns -
		    t->t_est_ns, b));
	if (t->t_end_ns)
		kv(det, sizeof(det), "time_ms", tr_ms3(t->t_end_ns -
		    t->t_syn_ns, b));
	/* The whole service as a customer waits for it: the first PADI
	 * of this dial to the first byte of the page. */
	if (t->t_first_ns && r->padi_rt[0].tv_sec)
		kv(det, sizeof(det), "padi_ms", tr_ms3(t->t_first_ns -
		    ((int64_t)r->padi_rt[0].tv_sec * 1000000000 +
		    r->padi_rt[0].tv_nsec), b));
	if (redirect) {
		http_location_host(t->hh.location, t->url.host, host,
		    sizeof(host));
		portal = strcmp(host, t->url.host) != 0;
		kv(det, sizeof(det), "location", t->hh.location);
		kv(det, sizeof(det), "portal", portal ? "yes" : "no");
	}
	if (t->head_state > 0) {
		res = redirect ? "redirect" : "ok";
		st = portal ? BBT_CRITICAL : s >= 200 && s < 300 ? BBT_OK :
		    BBT_WARNING;
	} else {
		enum tr_res k = t->hres == TR_PENDING ? TR_TIMEOUT : t->hres;

		res = k == TR_RESET ? (t->t_est_ns ? "reset" : "refused") :
		    tr_res_name(k);
		st = k == TR_INTERRUPTED ? BBT_UNKNOWN : BBT_CRITICAL;
	}
	kv(det, sizeof(det), "result", res);
	if (t->truncated)
		kv(det, sizeof(det), "truncated", "yes");
	if (t->tcp.malformed)
		kvi(det, sizeof(det), "malformed", t->tcp.malformed);
	if (t->tcp.ooo)
		kvi(det, sizeof(det), "out_of_order", t->tcp.ooo);
	snprintf(v, sizeof(v), "%d", s);
	bbt_checks_add(c, "ppp.http", url, st, t->head_state > 0 ? v : NULL,
	    NULL, det);
}

/* Every record skipped after the check that made them moot. */
static void
skip_all(struct bbt_checks *c, const struct run *r, const char *url,
    const char *after)
{
	const struct traffic_opts *o = &r->o->tr;
	char ab[16];

	add_skipped(c, "ppp.ping", r->ss.have_peer_addr ?
	    ip4_str(r->ss.peer_addr, ab) : "peer", after);
	for (int i = 0; i < o->nping; i++)
		add_skipped(c, "ppp.ping", ip4_str(o->ping[i], ab), after);
	add_skipped(c, "ppp.dns", "-", after);
	add_skipped(c, "ppp.http", url, after);
}

void	tr_records(const void *, int, const char *, struct bbt_checks *,
	    const struct run *, const char *);

void
tr_records(const void *st, int started, const char *after,
    struct bbt_checks *c, const struct run *r, const char *mac)
{
	const struct traffic *t = st;
	const struct traffic_opts *o = &r->o->tr;
	const char *url = o->url ? o->url : TRAFFIC_URL;
	char ab[16];

	(void)mac;
	if (o->off || r->o->user == NULL)
		return;
	if (after != NULL || !started || t == NULL) {
		skip_all(c, r, url, after ? after : "ppp.ipcp");
		return;
	}
	for (int i = 0; i < t->nping; i++)
		add_ping(c, t, &t->ping[i], i == 0);
	for (int i = 0; i < t->nres; i++)
		dnsq_record(c, ip4_str(t->res[i], ab), t->name, t->q, t->nq, i,
		    t->res_malformed[i]);
	if (t->nres == 0) {
		char det[64] = "";

		kv(det, sizeof(det), "result", "no_resolver");
		bbt_checks_add(c, "ppp.dns", "-", BBT_WARNING, NULL, NULL, det);
	}
	dns6_records(c, dp_state_any(r, &dns6_task), r);
	if (t->hphase == H_NO_ADDR || t->hphase == H_WAIT_DNS)
		add_skipped(c, "ppp.http", url, "ppp.dns");
	else
		add_http(c, t, url, r);
}
