/* SPDX-License-Identifier: MIT */
/*
 * The Wi-Fi records: wifi.assoc (the association and its signal),
 * wifi.survey (busy share of the channel over the run), wifi.trigger (a
 * refused scan), wifi.scan and wifi.channel (the neighbourhood) and
 * wifi.verdict (weak signal, crowded channel, legacy rates, and the
 * channel to move to). bbt-record(5) defines them.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "lib/checks.h"
#include "linecheck/linecheck.h"
#include "linecheck/wifi.h"

/*
 * rssi_min is the catalogue's wifi_rssi_min (bbdiag-catalogue(5)); -80
 * is where 802.11g/n drop to their lowest rates. A neighbour counts
 * when it is at least -82 dBm, the 20 MHz preamble-detection level of
 * 802.11 clear-channel assessment: louder ones make us wait.
 */
const struct lc_wifi_limits lc_wifi_default_limits = {
	.rssi_min = -70, .rssi_crit = -80, .busy_max = 50, .cca_dbm = -82,
	.neighbours_max = 2,
};

static const char *
errname(int e)
{
	switch (e) {
	case 0:		return "-";
	case EPERM:	return "EPERM";
	case EBUSY:	return "EBUSY";
	case EOPNOTSUPP: return "EOPNOTSUPP";
	case ETIMEDOUT:	return "ETIMEDOUT";
	case ECANCELED:	return "ECANCELED";
	case ENODEV:	return "ENODEV";
	case ENETDOWN:	return "ENETDOWN";
	case EINVAL:	return "EINVAL";
	}
	return "EIO";
}

static void
mac(char *b, const uint8_t *m)
{
	snprintf(b, 18, "%02x:%02x:%02x:%02x:%02x:%02x", m[0], m[1], m[2],
	    m[3], m[4], m[5]);
}

static void
rate_kv(char *d, const char *pfx, const struct lc_wifi_rate *r)
{
	char k[16];

	snprintf(k, sizeof(k), "%s_mbit", pfx);
	if (!r->valid) {
		lc_kv(d, k, "-");
		return;
	}
	lc_kv(d, k, "%u.%u", r->kbit / 1000, r->kbit % 1000 / 100);
	snprintf(k, sizeof(k), "%s_mode", pfx);
	lc_kv(d, k, "%s", r->mode);
	snprintf(k, sizeof(k), "%s_mcs", pfx);
	if (r->mcs >= 0)
		lc_kv(d, k, "%d", r->mcs);
	else
		lc_kv(d, k, "-");
}

/* The signal a verdict goes by: the average when the driver keeps one
 * (one frame's signal jumps by several dB). */
static int
signal_of(const struct lc_wifi_sta *s, int *dbm)
{
	if (s->has & LC_STA_AVG)
		*dbm = s->signal_avg;
	else if (s->has & LC_STA_SIGNAL)
		*dbm = s->signal;
	else
		return 0;
	return 1;
}

static enum bbt_state
v_assoc(const struct lc_wifi *w, const char *ifn,
    const struct lc_wifi_limits *l, struct bbt_checks *cs)
{
	char d[LC_DSZ] = "", b[32], v[16];
	const struct lc_wifi_sta *s = &w->sta;
	enum bbt_state st = BBT_OK;
	int sig;

	if (!w->associated || !w->sta_ok) {
		lc_kv(d, "state", "disconnected");
		bbt_checks_add(cs, "wifi.assoc", ifn, BBT_CRITICAL, NULL, NULL,
		    d);
		return BBT_CRITICAL;
	}
	lc_kv(d, "ssid", "%s", w->ifc.ssid);
	mac(b, s->mac);
	lc_kv(d, "bssid", "%s", b);
	lc_kv(d, "freq", "%u", w->ifc.freq);
	lc_kv(d, "band", "%s", lc_wifi_band(w->ifc.freq));
	lc_kv(d, "channel", "%d", lc_wifi_channel(w->ifc.freq));
	if (w->ifc.width_mhz)
		lc_kv(d, "width_mhz", "%u", w->ifc.width_mhz);
	else
		lc_kv(d, "width_mhz", "-");
#define OPT(bit, key, fmt, val) \
	if (s->has & (bit)) lc_kv(d, key, fmt, val); else lc_kv(d, key, "-");
	OPT(LC_STA_SIGNAL, "signal_dbm", "%d", s->signal)
	OPT(LC_STA_AVG, "signal_avg_dbm", "%d", s->signal_avg)
	rate_kv(d, "tx", &s->tx);
	rate_kv(d, "rx", &s->rx);
	OPT(LC_STA_RETRIES, "tx_retries", "%u", s->tx_retries)
	OPT(LC_STA_FAILED, "tx_failed", "%u", s->tx_failed)
	OPT(LC_STA_BLOSS, "beacon_loss", "%u", s->beacon_loss)
	OPT(LC_STA_CONNTIME, "connected_s", "%u", s->connected_s)
	OPT(LC_STA_EXPTP, "expected_mbit", "%u", s->expected_kbit / 1000)
#undef OPT
	if (!signal_of(s, &sig)) {
		bbt_checks_add(cs, "wifi.assoc", ifn, BBT_UNKNOWN, NULL, "dBm",
		    d);
		return BBT_UNKNOWN;
	}
	if (sig < l->rssi_crit)
		st = BBT_CRITICAL;
	else if (sig < l->rssi_min)
		st = BBT_WARNING;
	snprintf(v, sizeof(v), "%d", sig);
	bbt_checks_add(cs, "wifi.assoc", ifn, st, v, "dBm", d);
	return st;
}

/* Busy share of the channel in use: the difference of two survey
 * samples over the run; when the counters did not move (a run shorter
 * than the driver's update), the totals since the channel was tuned. */
static int
v_survey(const struct lc_wifi *w, const char *ifn,
    const struct lc_wifi_limits *l, struct bbt_checks *cs, int *busy)
{
	char d[LC_DSZ] = "", v[16];
	const struct lc_wifi_survey *a = &w->s0, *e = &w->s1;
	uint64_t t, bz;
	enum bbt_state st = BBT_OK;
	const char *over = "run";

	*busy = -1;
	if (w->survey_err || !w->have_s1 ||
	    !(e->has & LC_SURVEY_TIME) || !(e->has & LC_SURVEY_BUSY)) {
		lc_kv(d, "error", "%s", errname(w->survey_err ?
		    w->survey_err : EOPNOTSUPP));
		lc_kv(d, "reason", "%s", w->survey_err == EOPNOTSUPP ||
		    w->survey_err == 0 ? "driver has no channel survey" :
		    "survey dump failed");
		bbt_checks_add(cs, "wifi.survey", ifn, BBT_SKIPPED, NULL, NULL,
		    d);
		return 0;
	}
	if (w->have_s0 && a->freq == e->freq && e->time_ms > a->time_ms &&
	    e->busy_ms >= a->busy_ms) {
		t = e->time_ms - a->time_ms;
		bz = e->busy_ms - a->busy_ms;
	} else {
		t = e->time_ms;
		bz = e->busy_ms;
		over = "total";
	}
	lc_kv(d, "freq", "%u", e->freq);
	lc_kv(d, "channel", "%d", lc_wifi_channel(e->freq));
	if (e->has & LC_SURVEY_NOISE)
		lc_kv(d, "noise_dbm", "%d", e->noise);
	else
		lc_kv(d, "noise_dbm", "-");
	lc_kv(d, "over", "%s", over);
	lc_kv(d, "active_ms", "%llu", (unsigned long long)t);
	lc_kv(d, "busy_ms", "%llu", (unsigned long long)bz);
	if (t == 0) {
		bbt_checks_add(cs, "wifi.survey", ifn, BBT_UNKNOWN, NULL, "%",
		    d);
		return 0;
	}
	if (bz > t)
		bz = t;
	*busy = (int)((bz * 100 + t / 2) / t);
	if (*busy >= l->busy_max)
		st = BBT_WARNING;
	snprintf(v, sizeof(v), "%d", *busy);
	bbt_checks_add(cs, "wifi.survey", ifn, st, v, "%", d);
	return 1;
}

struct hood {
	int	same, overlap;		/* loud neighbours of our channel */
	int	load[3];		/* on 1, 6, 11 */
	int	rec;			/* channel to use, 0 = - */
};

static int
is_own(const struct lc_wifi *w, const struct lc_wifi_bss *b)
{
	return b->associated ||
	    (w->sta_ok && memcmp(b->bssid, w->sta.mac, 6) == 0);
}

static void
neighbourhood(const struct lc_wifi *w, const struct lc_wifi_limits *l,
    struct hood *h)
{
	static const int ch[3] = { 1, 6, 11 };
	uint32_t f = w->ifc.freq;
	int best = -1;

	memset(h, 0, sizeof(*h));
	for (int i = 0; i < w->nbss; i++) {
		const struct lc_wifi_bss *b = &w->bss[i];

		if (is_own(w, b) || !b->has_signal ||
		    b->signal_mbm < l->cca_dbm * 100)
			continue;
		if (b->freq == f)
			h->same++;
		else if (lc_wifi_overlap(b->freq, f))
			h->overlap++;
		for (int c = 0; c < 3; c++)
			if (lc_wifi_overlap(b->freq, 2407u + 5u * ch[c]))
				h->load[c]++;
	}
	if (strcmp(lc_wifi_band(f), "2.4") != 0)
		return;
	/* The least loaded of 1/6/11; on a tie the one in use, then the
	 * lowest. */
	for (int c = 0; c < 3; c++)
		if (best < 0 || h->load[c] < h->load[best] ||
		    (h->load[c] == h->load[best] &&
		    lc_wifi_channel(f) == ch[c]))
			best = c;
	h->rec = ch[best];
}

static void
v_scan(const struct lc_wifi *w, const char *ifn, struct bbt_checks *cs,
    const struct hood *h)
{
	char d[LC_DSZ], t[16], v[16];
	uint32_t seen[LC_WIFI_MAXCH];
	int nseen = 0;

	if (w->trigger_err) {
		d[0] = '\0';
		lc_kv(d, "error", "%s", errname(w->trigger_err));
		bbt_checks_add(cs, "wifi.trigger", ifn, BBT_INFO, NULL, NULL,
		    d);
	}
	d[0] = '\0';
	lc_kv(d, "scan", "%s", w->fresh ? "fresh" : "cached");
	lc_kv(d, "error", "%s", errname(w->scan_err));
	lc_kv(d, "same_channel", "%d", h->same);
	lc_kv(d, "overlapping", "%d", h->overlap);
	snprintf(v, sizeof(v), "%d", w->nbss);
	bbt_checks_add(cs, "wifi.scan", ifn, w->scan_err ? BBT_UNKNOWN :
	    BBT_INFO, v, "aps", d);
	/* One record per channel heard, in frequency order. */
	for (;;) {
		uint32_t f = 0;
		int n = 0, loud = -10000, own = 0;

		for (int i = 0; i < w->nbss; i++) {
			int done = 0;

			for (int j = 0; j < nseen; j++)
				done |= seen[j] == w->bss[i].freq;
			if (!done && (f == 0 || w->bss[i].freq < f))
				f = w->bss[i].freq;
		}
		if (f == 0 || nseen == LC_WIFI_MAXCH)
			break;
		seen[nseen++] = f;
		for (int i = 0; i < w->nbss; i++) {
			if (w->bss[i].freq != f)
				continue;
			n++;
			own |= is_own(w, &w->bss[i]);
			if (w->bss[i].has_signal && w->bss[i].signal_mbm > loud)
				loud = w->bss[i].signal_mbm;
		}
		d[0] = '\0';
		lc_kv(d, "freq", "%u", f);
		lc_kv(d, "band", "%s", lc_wifi_band(f));
		if (loud > -10000)
			lc_kv(d, "strongest_dbm", "%d", loud / 100);
		else
			lc_kv(d, "strongest_dbm", "-");
		lc_kv(d, "own", "%s", own ? "yes" : "no");
		lc_kv(d, "overlaps_own", "%s", w->associated && f !=
		    w->ifc.freq && lc_wifi_overlap(f, w->ifc.freq) ? "yes" :
		    "no");
		snprintf(t, sizeof(t), "%d", lc_wifi_channel(f));
		snprintf(v, sizeof(v), "%d", n);
		bbt_checks_add(cs, "wifi.channel", t, BBT_INFO, v, "aps", d);
	}
}

/* An access point without HT (802.11n) elements gives only a/b/g rates.
 * The station's current tx rate alone misleads: an idle link sends at
 * a basic legacy rate until rate control has traffic to learn from. */
static int
legacy_rates(const struct lc_wifi *w)
{
	for (int i = 0; i < w->nbss; i++)
		if (is_own(w, &w->bss[i]))
			return !w->bss[i].ht;
	return w->sta_ok && w->sta.tx.valid && w->sta.tx.mcs < 0 &&
	    w->sta.rx.valid && w->sta.rx.mcs < 0;
}

static void
v_final(const struct lc_wifi *w, const char *ifn,
    const struct lc_wifi_limits *l, enum bbt_state sig, int busy,
    const struct hood *h, struct bbt_checks *cs)
{
	char d[LC_DSZ] = "", v[64] = "";
	enum bbt_state st = BBT_OK;
	int crowded = busy >= l->busy_max ||
	    h->same + h->overlap > l->neighbours_max;
	int legacy = legacy_rates(w);

	if (sig == BBT_WARNING || sig == BBT_CRITICAL) {
		strcat(v, "weak_signal");
		st = sig;
	}
	if (crowded) {
		strcat(v, v[0] ? ",crowded" : "crowded");
		st = st == BBT_CRITICAL ? st : BBT_WARNING;
	}
	if (legacy) {
		strcat(v, v[0] ? ",legacy_rates" : "legacy_rates");
		st = st == BBT_CRITICAL ? st : BBT_WARNING;
	}
	if (!w->associated || !w->sta_ok) {
		snprintf(v, sizeof(v), "not_associated");
		st = BBT_CRITICAL;
	}
	lc_kv(d, "weak_signal", "%s", !w->associated || !w->sta_ok ? "-" :
	    sig == BBT_WARNING || sig == BBT_CRITICAL ? "yes" : "no");
	lc_kv(d, "crowded", "%s", crowded ? "yes" : "no");
	lc_kv(d, "legacy_rates", "%s", legacy ? "yes" : "no");
	if (busy >= 0)
		lc_kv(d, "busy_pct", "%d", busy);
	else
		lc_kv(d, "busy_pct", "-");
	lc_kv(d, "neighbours", "%d", h->same + h->overlap);
	lc_kv(d, "rssi_min", "%d", l->rssi_min);
	if (w->associated)
		lc_kv(d, "channel", "%d", lc_wifi_channel(w->ifc.freq));
	else
		lc_kv(d, "channel", "-");
	if (h->rec)
		lc_kv(d, "recommend", "%d", h->rec);
	else
		lc_kv(d, "recommend", "-");
	/* 5 GHz has more channels and fewer walls heard through. */
	lc_kv(d, "alt", "%s", h->rec && (crowded || h->same + h->overlap) ?
	    "5ghz" : "-");
	bbt_checks_add(cs, "wifi.verdict", ifn, st, v[0] ? v : "ok", NULL, d);
}

void
lc_wifi_verdict(const struct lc_wifi *w, const char *ifn,
    const struct lc_wifi_limits *l, struct bbt_checks *cs)
{
	struct hood h;
	enum bbt_state sig;
	int busy;

	if (!w->wireless)
		return;
	if (w->parse_err) {
		char d[LC_DSZ] = "";

		lc_kv(d, "reply", "%s", w->parse_what);
		lc_kv(d, "error", "%s", lc_wifi_strerror(w->parse_err));
		bbt_checks_add(cs, "wifi.parse", ifn, BBT_UNKNOWN, NULL, NULL,
		    d);
	}
	sig = v_assoc(w, ifn, l, cs);
	(void)v_survey(w, ifn, l, cs, &busy);
	neighbourhood(w, l, &h);
	v_scan(w, ifn, cs, &h);
	v_final(w, ifn, l, sig, busy, &h, cs);
}
