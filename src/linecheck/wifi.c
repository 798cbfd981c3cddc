/* SPDX-License-Identifier: MIT */
/*
 * nl80211 queries of the Wi-Fi section. Everything is read without a
 * privilege except NL80211_CMD_TRIGGER_SCAN (CAP_NET_ADMIN), which is
 * sent before the drop; its results are awaited on a second socket
 * subscribed to the "scan" multicast group, while the rest of linecheck
 * runs. Without the capability, or when the driver is busy scanning,
 * the cached results are read and the records say so.
 */
#include <errno.h>
#include <linux/nl80211.h>
#include <netlink/genl/ctrl.h>
#include <netlink/genl/genl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/priv.h"
#include "linecheck/linecheck.h"
#include "linecheck/wifi.h"

#ifndef CAP_NET_ADMIN
#define CAP_NET_ADMIN 12
#endif

/* One request's replies: each message goes to fn; err gets the kernel's
 * errno (positive) from the final error message, if any. */
struct req {
	struct lc_wifi	*w;
	const char	*what;	/* "interface", "station", ... */
	int		(*fn)(struct req *, const void *, size_t);
	int		 err;
	int		 done;	/* the ACK, DONE or error came */
	FILE		*rec;	/* LINECHECK_NL80211_RECORD: replies in hex */
};

static void
record(struct req *r, const void *m, size_t n)
{
	const uint8_t *p = m;

	if (r->rec == NULL)
		return;
	fprintf(r->rec, "%s ", r->what);
	for (size_t i = 0; i < n; i++)
		fprintf(r->rec, "%02x", p[i]);
	fputc('\n', r->rec);
}

static int
on_valid(struct nl_msg *msg, void *arg)
{
	struct req *r = arg;
	struct nlmsghdr *h = nlmsg_hdr(msg);
	int rc;

	record(r, h, h->nlmsg_len);
	if ((rc = r->fn(r, h, h->nlmsg_len)) != 0 && r->w->parse_err == 0) {
		r->w->parse_err = rc;
		r->w->parse_what = r->what;
	}
	return NL_OK;
}

static int
on_error(struct sockaddr_nl *nla, struct nlmsgerr *e, void *arg)
{
	struct req *r = arg;

	(void)nla;
	r->err = -e->error;
	r->done = 1;
	return NL_STOP;
}

static int
on_finish(struct nl_msg *msg, void *arg)
{
	(void)msg;
	((struct req *)arg)->done = 1;
	return NL_STOP;
}

static int
on_ack(struct nl_msg *msg, void *arg)
{
	(void)msg;
	((struct req *)arg)->done = 1;
	return NL_STOP;
}

/* Sends cmd (a dump when dump != 0) for the interface and collects the
 * replies; 0, or the kernel's errno (EIO for a socket failure). */
static int
request(struct lc_wifi *w, uint8_t cmd, int dump, const char *what,
    int (*fn)(struct req *, const void *, size_t))
{
	struct nl_sock *s = w->sock;
	struct nl_msg *m = nlmsg_alloc();
	struct nl_cb *cb = nl_cb_alloc(NL_CB_DEFAULT);
	struct req r = { w, what, fn, 0, 0, NULL };
	/* A test hook: never for a binary with file capabilities. */
	const char *dir = secure_getenv("LINECHECK_NL80211_RECORD");
	int rc = EIO;

	if (m == NULL || cb == NULL)
		goto out;
	if (dir && *dir) {
		char path[4096];

		snprintf(path, sizeof(path), "%s/%s.hex", dir, what);
		r.rec = fopen(path, "a");
	}
	if (!genlmsg_put(m, NL_AUTO_PORT, NL_AUTO_SEQ, w->family, 0,
	    dump ? NLM_F_DUMP : 0, cmd, 0) ||
	    nla_put_u32(m, NL80211_ATTR_IFINDEX, w->ifc.ifindex) < 0)
		goto out;
	/* One wildcard SSID makes the scan active (probe requests), as
	 * iw's and wpa_supplicant's: without it every channel waits for
	 * beacons, half again as long (4.4 s against 3.1 s in the lab). */
	if (cmd == NL80211_CMD_TRIGGER_SCAN) {
		struct nlattr *ss = nla_nest_start(m, NL80211_ATTR_SCAN_SSIDS);

		if (ss == NULL || nla_put(m, 1, 0, "") < 0)
			goto out;
		nla_nest_end(m, ss);
	}
	if (cmd == NL80211_CMD_TRIGGER_SCAN && w->scan_nfreq > 0) {
		struct nlattr *f = nla_nest_start(m,
		    NL80211_ATTR_SCAN_FREQUENCIES);

		for (int i = 0; f && i < w->scan_nfreq; i++)
			if (nla_put_u32(m, i + 1, w->scan_freq[i]) < 0)
				f = NULL;
		if (f == NULL)
			goto out;
		nla_nest_end(m, f);
	}
	nl_cb_set(cb, NL_CB_VALID, NL_CB_CUSTOM, on_valid, &r);
	nl_cb_set(cb, NL_CB_FINISH, NL_CB_CUSTOM, on_finish, &r);
	nl_cb_set(cb, NL_CB_ACK, NL_CB_CUSTOM, on_ack, &r);
	nl_cb_err(cb, NL_CB_CUSTOM, on_error, &r);
	if (nl_send_auto(s, m) < 0)
		goto out;
	/* A reply and its ACK may come in two reads: read up to the ACK
	 * (or DONE), or the next request would take this one's. */
	rc = 0;
	while (!r.done)
		if (nl_recvmsgs(s, cb) < 0 && !r.done) {
			rc = EIO;
			break;
		}
	if (r.err)
		rc = r.err;
out:
	if (r.rec)
		fclose(r.rec);
	nlmsg_free(m);
	nl_cb_put(cb);
	return rc;
}

static int
take_if(struct req *r, const void *m, size_t n)
{
	return lc_wifi_parse_if(m, n, &r->w->ifc);
}

/* The station dump of a managed interface holds the AP it is
 * associated with (one entry). */
static int
take_sta(struct req *r, const void *m, size_t n)
{
	struct lc_wifi_sta s;
	int rc = lc_wifi_parse_sta(m, n, &s);

	if (rc == 0 && !r->w->sta_ok) {
		r->w->sta = s;
		r->w->sta_ok = 1;
	}
	return rc;
}

static struct lc_wifi_survey *survey_dst;

static int
take_survey(struct req *r, const void *m, size_t n)
{
	struct lc_wifi_survey v;
	int rc = lc_wifi_parse_survey(m, n, &v);

	if (rc == 0) {
		r->w->survey_n++;
		/* mac80211_hwsim marks no channel in use: the interface's
		 * frequency tells which it is. */
		if (v.in_use || (survey_dst->freq == 0 &&
		    v.freq == r->w->ifc.freq))
			*survey_dst = v;
	}
	return rc;
}

static int
take_bss(struct req *r, const void *m, size_t n)
{
	struct lc_wifi *w = r->w;
	struct lc_wifi_bss b;
	int rc = lc_wifi_parse_bss(m, n, &b);

	if (rc == 0 && w->nbss < LC_WIFI_MAXBSS)
		w->bss[w->nbss++] = b;
	return rc;
}

static int
survey(struct lc_wifi *w, struct lc_wifi_survey *dst, int *have)
{
	int n0 = w->survey_n, rc;

	memset(dst, 0, sizeof(*dst));
	survey_dst = dst;
	rc = request(w, NL80211_CMD_GET_SURVEY, 1, "survey", take_survey);
	if (rc == 0 && w->survey_n == n0)
		rc = EOPNOTSUPP;	/* an empty dump: nothing to report */
	*have = rc == 0 && dst->freq != 0;
	return rc;
}

/* The socket that hears the end of our scan. */
static struct nl_sock *
scan_events(void)
{
	struct nl_sock *ev = nl_socket_alloc();
	int grp;

	if (ev == NULL)
		return NULL;
	nl_socket_disable_seq_check(ev);
	if (genl_connect(ev) < 0 ||
	    (grp = genl_ctrl_resolve_grp(ev, "nl80211", "scan")) < 0 ||
	    nl_socket_add_membership(ev, grp) < 0) {
		nl_socket_free(ev);
		return NULL;
	}
	return ev;
}

static struct nl_sock *evsock;

/*
 * On 2.4 GHz only that band is scanned: channels 1-13 take about a
 * second, where every band takes 3-10 s on a laptop's card (and minutes
 * on mac80211_hwsim under TCG); the advice is about 1, 6 and 11 there,
 * and "5 GHz" needs no scan. Channel 14 (Japan, 802.11b only) is left
 * out. A card without 12-13 refuses the list with EINVAL: 1-11, then
 * every channel.
 */
static int
trigger(struct lc_wifi *w)
{
	static const int last[] = { 13, 11, 0 };
	int rc = EINVAL;

	for (int k = 0; rc == EINVAL && k < 3; k++) {
		w->scan_nfreq = 0;
		if (strcmp(lc_wifi_band(w->ifc.freq), "2.4") == 0)
			for (int c = 1; c <= last[k]; c++)
				w->scan_freq[w->scan_nfreq++] =
				    2407u + 5u * (unsigned)c;
		else if (k > 0)
			break;
		rc = request(w, NL80211_CMD_TRIGGER_SCAN, 0, "trigger",
		    take_if);
	}
	return rc;
}

int
lc_wifi_open(struct lc *lc)
{
	struct lc_wifi *w = &lc->wifi;
	struct nl_sock *s;

	if ((s = nl_socket_alloc()) == NULL)
		return -1;
	w->sock = s;
	/* No nl80211 family: no cfg80211 in this kernel, no Wi-Fi. */
	if (genl_connect(s) < 0 ||
	    (w->family = genl_ctrl_resolve(s, "nl80211")) < 0)
		return 0;
	w->ifc.ifindex = (uint32_t)lc->link.ifindex;
	if (request(w, NL80211_CMD_GET_INTERFACE, 0, "interface",
	    take_if) != 0 || w->ifc.ifindex != (uint32_t)lc->link.ifindex)
		return 0;
	w->wireless = 1;
	/* The bitrates are those of the last frame: read them before our
	 * scan, whose power-save null frames go at the lowest legacy
	 * rate (1 Mbit/s on 2.4 GHz), which no data frame uses. */
	if (request(w, NL80211_CMD_GET_STATION, 1, "station", take_sta) == 0 &&
	    w->sta_ok) {
		w->tx0 = w->sta.tx;
		w->rx0 = w->sta.rx;
		w->have_rate0 = 1;
	}
	w->sta_ok = 0;
	w->survey_err = survey(w, &w->s0, &w->have_s0);
	evsock = scan_events();
	(void)bbt_priv_raise(CAP_NET_ADMIN);
	w->trigger_err = evsock == NULL ? EIO : trigger(w);
	return 0;
}

/* Waits for NEW_SCAN_RESULTS (or SCAN_ABORTED) of our interface; the
 * other radios' scans go to the same group. */
static uint32_t ev_ifindex;

static int
event_cb(struct nl_msg *msg, void *arg)
{
	int *got = arg;
	struct nlmsghdr *h = nlmsg_hdr(msg);
	struct genlmsghdr *g = nlmsg_data(h);
	struct nlattr *a;

	if (h->nlmsg_len < NLMSG_HDRLEN + GENL_HDRLEN)
		return NL_OK;
	a = nla_find(genlmsg_attrdata(g, 0), genlmsg_attrlen(g, 0),
	    NL80211_ATTR_IFINDEX);
	if (a == NULL || nla_len(a) < 4 || nla_get_u32(a) != ev_ifindex)
		return NL_OK;
	if (g->cmd == NL80211_CMD_NEW_SCAN_RESULTS)
		*got = 1;
	else if (g->cmd == NL80211_CMD_SCAN_ABORTED)
		*got = 2;
	return NL_OK;
}

static void
scan_wait(struct lc_wifi *w, int64_t deadline)
{
	int got = 0;

	if (evsock == NULL)
		return;
	ev_ifindex = w->ifc.ifindex;
	nl_socket_modify_cb(evsock, NL_CB_VALID, NL_CB_CUSTOM, event_cb, &got);
	while (!got) {
		struct pollfd p = { nl_socket_get_fd(evsock), POLLIN, 0 };
		int64_t left = deadline - lc_now();

		if (left <= 0 || poll(&p, 1, (int)left) <= 0)
			break;
		(void)nl_recvmsgs_default(evsock);
	}
	w->fresh = got == 1;
	if (!got)
		w->trigger_err = ETIMEDOUT;
	else if (got == 2)
		w->trigger_err = ECANCELED;
}

void
lc_wifi_end(struct lc *lc, int64_t deadline)
{
	struct lc_wifi *w = &lc->wifi;

	if (!w->wireless)
		return;
	if (w->trigger_err == 0)
		scan_wait(w, deadline);
	(void)request(w, NL80211_CMD_GET_INTERFACE, 0, "interface", take_if);
	if (request(w, NL80211_CMD_GET_STATION, 1, "station", take_sta) != 0)
		w->sta_ok = 0;
	if (w->sta_ok && w->have_rate0 && w->tx0.valid) {
		w->sta.tx = w->tx0;
		w->sta.rx = w->rx0;
	}
	if (w->survey_err == 0)
		w->survey_err = survey(w, &w->s1, &w->have_s1);
	w->scan_err = request(w, NL80211_CMD_GET_SCAN, 1, "scan", take_bss);
	/* Linux 6.1 sends no SSID with a station-mode interface: it is in
	 * the associated BSS's elements, where iw's "link" takes it too. */
	for (int i = 0; i < w->nbss; i++)
		if (w->bss[i].associated) {
			w->associated = 1;
			if (!w->ifc.has_ssid)
				memcpy(w->ifc.ssid, w->bss[i].ssid,
				    sizeof(w->ifc.ssid));
		}
	w->associated |= w->ifc.has_ssid;
}

void
lc_wifi_close(struct lc *lc)
{
	if (evsock)
		nl_socket_free(evsock);
	evsock = NULL;
	if (lc->wifi.sock)
		nl_socket_free(lc->wifi.sock);
	lc->wifi.sock = NULL;
}
