/* SPDX-License-Identifier: MIT */
/*
 * Records of the IPv6 task: ipv6.ra, dhcp6.na, dhcp6.pd (bbt-record(5)).
 * What was asked and not had is named: no_ra, no_reply, the server's
 * status code (NoPrefixAvail, ...), malformed with the first defect.
 */
#include <arpa/inet.h>
#include <stdio.h>
#include <string.h>

#include "lib/state.h"
#include "pppoe-probe/run.h"
#include "pppoe-probe/v6.h"

static const char *
a6(const uint8_t a[16], char b[INET6_ADDRSTRLEN])
{
	return inet_ntop(AF_INET6, a, b, INET6_ADDRSTRLEN);
}

static void
kvlife(char *det, size_t sz, const char *k, uint32_t s)
{
	if (s == 0xffffffff)
		kv(det, sz, k, "infinity");
	else
		kvi(det, sz, k, (long)s);
}

static void
kvaddrs(char *det, size_t sz, const char *k, const uint8_t (*a)[16], int n)
{
	char b[DH6_MAX_DNS * (INET6_ADDRSTRLEN + 1)] = "", t[INET6_ADDRSTRLEN];

	for (int i = 0; i < n; i++) {
		if (i)
			strcat(b, ",");
		strcat(b, a6(a[i], t));
	}
	kv(det, sz, k, n ? b : "-");
}

const struct dh6_ia *
v6_ia(const struct v6 *v, int pd)
{
	const struct dh6_ia *ia;

	if (v->have_rep && (ia = pd ? &v->rep.pd : &v->rep.na)->present)
		return ia;
	if (v->have_adv && (ia = pd ? &v->adv.pd : &v->adv.na)->present)
		return ia;
	return NULL;
}

/*
 * ipv6.ra keeps linecheck's columns and keys (the router as value,
 * prefix= lifetime= managed= other= slaac= mtu= dns= time_ms=, warning
 * for lifetime 0), with what only the session sees added.
 */
static void
add_ra(struct bbt_checks *c, const struct v6 *v, const char *mac)
{
	char det[1024] = "", t[INET6_ADDRSTRLEN], pfx[INET6_ADDRSTRLEN + 4];
	const struct ra_info *ra = &v->ra;
	enum bbt_state st = BBT_OK;

	if (!v->have_ra && interrupted && v->rs_next != INT64_MAX) {
		/* A signal before the RA had its chance: not a verdict. */
		kv(det, sizeof(det), "result", "interrupted");
		st = BBT_UNKNOWN;
	} else if (!v->have_ra) {
		kv(det, sizeof(det), "result", v->ra_bad ? "malformed" :
		    "no_ra");
		st = BBT_CRITICAL;
	} else {
		const struct ra_prefix *p = ra->npfx ? &ra->pfx[0] : NULL;

		if (p != NULL)
			snprintf(pfx, sizeof(pfx), "%s/%u", a6(p->prefix, t),
			    p->len);
		kv(det, sizeof(det), "prefix", p != NULL ? pfx : "-");
		kvi(det, sizeof(det), "lifetime", ra->lifetime);
		kv(det, sizeof(det), "managed", ra->flags & RA_FLAG_M ?
		    "yes" : "no");
		kv(det, sizeof(det), "other", ra->flags & RA_FLAG_O ?
		    "yes" : "no");
		kv(det, sizeof(det), "slaac", p != NULL &&
		    p->flags & PIO_FLAG_A ? "yes" : "no");
		if (ra->mtu)
			kvi(det, sizeof(det), "mtu", (long)ra->mtu);
		kvaddrs(det, sizeof(det), "dns",
		    (const uint8_t (*)[16])ra->rdnss, ra->nrdnss);
		kvi(det, sizeof(det), "time_ms", (long)(v->t_ra - v->t0));
		/* Lifetime 0: "I am not a default router" (RFC 4861 4.2). */
		kv(det, sizeof(det), "result", ra->lifetime ? "ok" :
		    "not_default_router");
		if (!ra->lifetime)
			st = BBT_WARNING;
		if (p != NULL) {
			kv(det, sizeof(det), "onlink", p->flags & PIO_FLAG_L ?
			    "yes" : "no");
			kvlife(det, sizeof(det), "valid", p->valid);
			kvlife(det, sizeof(det), "preferred", p->preferred);
		}
		kvi(det, sizeof(det), "prefixes", ra->npfx);
		if (ra->nrdnss)
			kvlife(det, sizeof(det), "dns_lifetime",
			    ra->rdnss_lifetime);
	}
	kvi(det, sizeof(det), "rs_sent", v->rs_sent);
	if (v->ra_bad) {
		kvi(det, sizeof(det), "malformed", v->ra_bad);
		kv(det, sizeof(det), "error", ra_verdict_name(v->ra_err));
	}
	bbt_checks_add(c, "ipv6.ra", mac, st, v->have_ra ? a6(ra->router, t) :
	    NULL, NULL, det);
}

/* Why there is no lease: the server's status, or what was not heard. */
static const char *
no_lease(const struct v6 *v, const struct dh6_ia *ia, char *st,
    const uint8_t **msg, size_t *msglen)
{
	*msglen = 0;
	if (ia != NULL && ia->status != DH6_ST_NONE &&
	    ia->status != DH6_ST_SUCCESS) {
		*msg = ia->msg, *msglen = ia->msglen;
		return dh6_status_name(ia->status, st);
	}
	if (v->have_rep && v->rep.status != DH6_ST_NONE &&
	    v->rep.status != DH6_ST_SUCCESS) {
		*msg = v->rep.msg, *msglen = v->rep.msglen;
		return dh6_status_name(v->rep.status, st);
	}
	if (!v->have_rep && v->have_adv && v->adv.status != DH6_ST_NONE &&
	    v->adv.status != DH6_ST_SUCCESS) {
		*msg = v->adv.msg, *msglen = v->adv.msglen;
		return dh6_status_name(v->adv.status, st);
	}
	if (v->have_rep || v->have_adv)
		return v->dstate == D_GAVE_UP ? "no_reply" : "not_offered";
	return v->dh_bad ? "malformed" : "no_reply";
}

/* SLAAC stands in for IA_NA when the RA offers an autonomous prefix. */
static int
slaac(const struct v6 *v)
{
	for (int i = 0; v->have_ra && i < v->ra.npfx; i++)
		if (v->ra.pfx[i].flags & PIO_FLAG_A && v->ra.pfx[i].valid)
			return 1;
	return 0;
}

static void
add_ia(struct bbt_checks *c, const struct v6 *v, const char *mac, int pd)
{
	char det[1024] = "", val[INET6_ADDRSTRLEN + 4], t[INET6_ADDRSTRLEN];
	char sb[16], txt[DH6_MSG_MAX * 4 + 1], duid[DH6_DUID_MAX * 2 + 1];
	const struct dh6_ia *ia = v6_ia(v, pd);
	const struct dh6_msg *m = v->have_rep ? &v->rep : &v->adv;
	enum bbt_state st = BBT_OK;

	if (ia != NULL && ia->have) {
		if (pd)
			snprintf(val, sizeof(val), "%s/%u", a6(ia->addr, t),
			    ia->plen);
		else
			a6(ia->addr, val);
		kv(det, sizeof(det), "result", "ok");
		kvlife(det, sizeof(det), "preferred", ia->preferred);
		kvlife(det, sizeof(det), "valid", ia->valid);
		kvlife(det, sizeof(det), "t1", ia->t1);
		kvlife(det, sizeof(det), "t2", ia->t2);
	} else {
		const uint8_t *msg = NULL;
		size_t ml = 0;

		strcpy(val, "-");
		if (interrupted && (v->dstate == D_SOLICIT ||
		    v->dstate == D_REQUEST)) {
			kv(det, sizeof(det), "result", "interrupted");
			st = BBT_UNKNOWN;
		} else {
			kv(det, sizeof(det), "result", no_lease(v, ia, sb,
			    &msg, &ml));
			st = pd || !slaac(v) ? BBT_CRITICAL : BBT_INFO;
		}
		if (ml)
			kv(det, sizeof(det), "msg", pppoe_text(msg, ml, txt,
			    sizeof(txt)));
	}
	if (v->have_rep || v->have_adv) {
		kvaddrs(det, sizeof(det), "dns",
		    (const uint8_t (*)[16])m->dns, m->ndns);
		kv(det, sizeof(det), "server", m->serverlen ?
		    pppoe_hex(m->server, m->serverlen, duid, sizeof(duid)) :
		    "-");
		kv(det, sizeof(det), "rapid_commit", v->rapid ? "yes" : "no");
	} else
		kvi(det, sizeof(det), "solicits", v->solicits);
	if (ia != NULL && ia->have) {
		kv(det, sizeof(det), "released", v->rel_acked ? "yes" :
		    v->rel_sent ? "no" : "-");
		if (v->rel_acked && v->rel_status != DH6_ST_NONE &&
		    v->rel_status != DH6_ST_SUCCESS)
			kv(det, sizeof(det), "release_status",
			    dh6_status_name(v->rel_status, sb));
		kvi(det, sizeof(det), "time_ms", (long)(v->t_bound - v->t0));
	}
	if (v->dh_bad) {
		kvi(det, sizeof(det), "malformed", v->dh_bad);
		kv(det, sizeof(det), "error", dh6_verdict_name(v->dh_err));
	}
	bbt_checks_add(c, pd ? "dhcp6.pd" : "dhcp6.na", mac, st,
	    strcmp(val, "-") ? val : NULL, NULL, det);
}

void
v6_records(const void *st, int started, const char *after,
    struct bbt_checks *c, const struct run *r, const char *mac)
{
	const struct v6 *v = st;

	if (r->o->no_ipv6)
		return;
	if (after == NULL && !started)
		after = "ppp.ipv6cp";
	if (after != NULL || v == NULL) {
		add_skipped(c, "ipv6.ra", mac, after ? after : "ppp.ipv6cp");
		if (!r->o->no_dhcp6) {
			add_skipped(c, "dhcp6.na", mac, after ? after :
			    "ppp.ipv6cp");
			add_skipped(c, "dhcp6.pd", mac, after ? after :
			    "ppp.ipv6cp");
		}
		return;
	}
	add_ra(c, v, mac);
	if (v->dh_on) {
		add_ia(c, v, mac, 0);
		add_ia(c, v, mac, 1);
	}
}
