/* SPDX-License-Identifier: MIT */
/*
 * nl80211 replies into structs, without sockets: each parser takes one
 * generic-netlink message as it came off the socket. libnl's nla_parse
 * checks every attribute against a policy (sizes), so a short or
 * malformed attribute is a named error, never a read past the buffer.
 */
#include <linux/genetlink.h>
#include <linux/nl80211.h>
#include <netlink/attr.h>
#include <netlink/genl/genl.h>
#include <stdlib.h>
#include <string.h>

#include "lib/text.h"
#include "linecheck/wifi.h"

const char *
lc_wifi_strerror(int e)
{
	switch (e) {
	case 0:			return "ok";
	case LC_WIFI_ESHORT:	return "short message";
	case LC_WIFI_EATTR:	return "malformed attribute";
	case LC_WIFI_EMISSING:	return "missing attribute";
	case LC_WIFI_ECMD:	return "unexpected command";
	}
	return "unknown error";
}

/* The attributes of msg, after checking that its lengths hold. */
static int
top(const void *msg, size_t len, uint8_t cmd, struct nlattr **tb,
    struct nla_policy *pol)
{
	const struct nlmsghdr *h = msg;
	const struct genlmsghdr *g;

	if (len < NLMSG_HDRLEN + GENL_HDRLEN || h->nlmsg_len > len ||
	    h->nlmsg_len < NLMSG_HDRLEN + GENL_HDRLEN)
		return LC_WIFI_ESHORT;
	g = (const struct genlmsghdr *)((const char *)msg + NLMSG_HDRLEN);
	if (g->cmd != cmd)
		return LC_WIFI_ECMD;
	if (genlmsg_parse((struct nlmsghdr *)(uintptr_t)msg, 0, tb,
	    NL80211_ATTR_MAX, pol) < 0)
		return LC_WIFI_EATTR;
	return 0;
}

/* An SSID as UTF-8 text: invalid bytes and controls become U+FFFD (the
 * records must stay valid UTF-8; an SSID may be any 32 bytes). */
static void
ssid_text(char *out, const uint8_t *s, size_t n)
{
	char raw[33], *t;

	if (n > 32)
		n = 32;
	for (size_t i = 0; i < n; i++)
		raw[i] = (s[i] < 0x20 || s[i] == 0x7f) ? (char)0xff : (char)s[i];
	t = bbt_text_sanitize(raw, n);
	if (t == NULL) {
		out[0] = '\0';
		return;
	}
	snprintf(out, LC_WIFI_SSID, "%s", t);
	free(t);
}

int
lc_wifi_parse_if(const void *msg, size_t len, struct lc_wifi_if *w)
{
	static struct nla_policy pol[NL80211_ATTR_MAX + 1];
	struct nlattr *tb[NL80211_ATTR_MAX + 1];
	int rc;

	pol[NL80211_ATTR_IFINDEX].type = NLA_U32;
	pol[NL80211_ATTR_WIPHY].type = NLA_U32;
	pol[NL80211_ATTR_IFTYPE].type = NLA_U32;
	pol[NL80211_ATTR_WIPHY_FREQ].type = NLA_U32;
	pol[NL80211_ATTR_CHANNEL_WIDTH].type = NLA_U32;
	pol[NL80211_ATTR_CENTER_FREQ1].type = NLA_U32;
	pol[NL80211_ATTR_SSID].maxlen = 32;
	memset(w, 0, sizeof(*w));
	if ((rc = top(msg, len, NL80211_CMD_NEW_INTERFACE, tb, pol)) != 0)
		return rc;
	if (tb[NL80211_ATTR_IFINDEX] == NULL)
		return LC_WIFI_EMISSING;
	w->ifindex = nla_get_u32(tb[NL80211_ATTR_IFINDEX]);
	if (tb[NL80211_ATTR_WIPHY])
		w->wiphy = nla_get_u32(tb[NL80211_ATTR_WIPHY]);
	if (tb[NL80211_ATTR_IFTYPE])
		w->iftype = nla_get_u32(tb[NL80211_ATTR_IFTYPE]);
	if (tb[NL80211_ATTR_SSID]) {
		w->has_ssid = 1;
		ssid_text(w->ssid, nla_data(tb[NL80211_ATTR_SSID]),
		    (size_t)nla_len(tb[NL80211_ATTR_SSID]));
	}
	if (tb[NL80211_ATTR_WIPHY_FREQ])
		w->freq = nla_get_u32(tb[NL80211_ATTR_WIPHY_FREQ]);
	if (tb[NL80211_ATTR_CENTER_FREQ1])
		w->center1 = nla_get_u32(tb[NL80211_ATTR_CENTER_FREQ1]);
	if (tb[NL80211_ATTR_CHANNEL_WIDTH]) {
		static const int mhz[] = { 20, 20, 40, 80, 160, 160, 5, 10,
			1, 2, 4, 8, 16, 320 };
		uint32_t cw = nla_get_u32(tb[NL80211_ATTR_CHANNEL_WIDTH]);

		w->width_mhz = cw < sizeof(mhz) / sizeof(mhz[0]) ?
		    (uint32_t)mhz[cw] : 0;
	}
	return 0;
}

static int
rate(struct nlattr *a, struct lc_wifi_rate *r)
{
	static struct nla_policy pol[NL80211_RATE_INFO_MAX + 1];
	struct nlattr *tb[NL80211_RATE_INFO_MAX + 1];

	pol[NL80211_RATE_INFO_BITRATE].type = NLA_U16;
	pol[NL80211_RATE_INFO_BITRATE32].type = NLA_U32;
	pol[NL80211_RATE_INFO_MCS].type = NLA_U8;
	pol[NL80211_RATE_INFO_VHT_MCS].type = NLA_U8;
	pol[NL80211_RATE_INFO_VHT_NSS].type = NLA_U8;
	pol[NL80211_RATE_INFO_HE_MCS].type = NLA_U8;
	pol[NL80211_RATE_INFO_HE_NSS].type = NLA_U8;
	pol[NL80211_RATE_INFO_40_MHZ_WIDTH].type = NLA_FLAG;
	pol[NL80211_RATE_INFO_80_MHZ_WIDTH].type = NLA_FLAG;
	pol[NL80211_RATE_INFO_160_MHZ_WIDTH].type = NLA_FLAG;
	pol[NL80211_RATE_INFO_SHORT_GI].type = NLA_FLAG;
	memset(r, 0, sizeof(*r));
	r->mcs = -1;
	r->mode = "legacy";
	r->width_mhz = 20;
	if (nla_parse_nested(tb, NL80211_RATE_INFO_MAX, a, pol) < 0)
		return LC_WIFI_EATTR;
	r->valid = 1;
	/* BITRATE32 carries rates past 6.5 Gbit/s; both are 100 kbit/s. */
	if (tb[NL80211_RATE_INFO_BITRATE32])
		r->kbit = nla_get_u32(tb[NL80211_RATE_INFO_BITRATE32]) * 100u;
	else if (tb[NL80211_RATE_INFO_BITRATE])
		r->kbit = nla_get_u16(tb[NL80211_RATE_INFO_BITRATE]) * 100u;
	if (tb[NL80211_RATE_INFO_MCS]) {
		r->mcs = nla_get_u8(tb[NL80211_RATE_INFO_MCS]);
		r->mode = "ht";
	} else if (tb[NL80211_RATE_INFO_VHT_MCS]) {
		r->mcs = nla_get_u8(tb[NL80211_RATE_INFO_VHT_MCS]);
		r->mode = "vht";
		if (tb[NL80211_RATE_INFO_VHT_NSS])
			r->nss = nla_get_u8(tb[NL80211_RATE_INFO_VHT_NSS]);
	} else if (tb[NL80211_RATE_INFO_HE_MCS]) {
		r->mcs = nla_get_u8(tb[NL80211_RATE_INFO_HE_MCS]);
		r->mode = "he";
		if (tb[NL80211_RATE_INFO_HE_NSS])
			r->nss = nla_get_u8(tb[NL80211_RATE_INFO_HE_NSS]);
	}
	if (tb[NL80211_RATE_INFO_40_MHZ_WIDTH])
		r->width_mhz = 40;
	if (tb[NL80211_RATE_INFO_80_MHZ_WIDTH])
		r->width_mhz = 80;
	if (tb[NL80211_RATE_INFO_160_MHZ_WIDTH])
		r->width_mhz = 160;
	r->short_gi = tb[NL80211_RATE_INFO_SHORT_GI] != NULL;
	return 0;
}

int
lc_wifi_parse_sta(const void *msg, size_t len, struct lc_wifi_sta *s)
{
	static struct nla_policy pol[NL80211_ATTR_MAX + 1];
	static struct nla_policy spol[NL80211_STA_INFO_MAX + 1];
	struct nlattr *tb[NL80211_ATTR_MAX + 1];
	struct nlattr *si[NL80211_STA_INFO_MAX + 1];
	int rc;

	pol[NL80211_ATTR_MAC].minlen = 6;
	pol[NL80211_ATTR_STA_INFO].type = NLA_NESTED;
	spol[NL80211_STA_INFO_SIGNAL].type = NLA_U8;
	spol[NL80211_STA_INFO_SIGNAL_AVG].type = NLA_U8;
	spol[NL80211_STA_INFO_TX_RETRIES].type = NLA_U32;
	spol[NL80211_STA_INFO_TX_FAILED].type = NLA_U32;
	spol[NL80211_STA_INFO_BEACON_LOSS].type = NLA_U32;
	spol[NL80211_STA_INFO_CONNECTED_TIME].type = NLA_U32;
	spol[NL80211_STA_INFO_EXPECTED_THROUGHPUT].type = NLA_U32;
	spol[NL80211_STA_INFO_RX_BYTES64].type = NLA_U64;
	spol[NL80211_STA_INFO_TX_BYTES64].type = NLA_U64;
	spol[NL80211_STA_INFO_TX_BITRATE].type = NLA_NESTED;
	spol[NL80211_STA_INFO_RX_BITRATE].type = NLA_NESTED;
	memset(s, 0, sizeof(*s));
	if ((rc = top(msg, len, NL80211_CMD_NEW_STATION, tb, pol)) != 0)
		return rc;
	if (tb[NL80211_ATTR_MAC] == NULL || tb[NL80211_ATTR_STA_INFO] == NULL)
		return LC_WIFI_EMISSING;
	memcpy(s->mac, nla_data(tb[NL80211_ATTR_MAC]), 6);
	if (nla_parse_nested(si, NL80211_STA_INFO_MAX,
	    tb[NL80211_ATTR_STA_INFO], spol) < 0)
		return LC_WIFI_EATTR;
	/* Signal levels are s8 dBm sent as u8. */
	if (si[NL80211_STA_INFO_SIGNAL]) {
		s->signal = (int8_t)nla_get_u8(si[NL80211_STA_INFO_SIGNAL]);
		s->has |= LC_STA_SIGNAL;
	}
	if (si[NL80211_STA_INFO_SIGNAL_AVG]) {
		s->signal_avg =
		    (int8_t)nla_get_u8(si[NL80211_STA_INFO_SIGNAL_AVG]);
		s->has |= LC_STA_AVG;
	}
#define U32(attr, field, bit) \
	if (si[attr]) { s->field = nla_get_u32(si[attr]); s->has |= bit; }
	U32(NL80211_STA_INFO_TX_RETRIES, tx_retries, LC_STA_RETRIES)
	U32(NL80211_STA_INFO_TX_FAILED, tx_failed, LC_STA_FAILED)
	U32(NL80211_STA_INFO_BEACON_LOSS, beacon_loss, LC_STA_BLOSS)
	U32(NL80211_STA_INFO_CONNECTED_TIME, connected_s, LC_STA_CONNTIME)
	U32(NL80211_STA_INFO_EXPECTED_THROUGHPUT, expected_kbit, LC_STA_EXPTP)
#undef U32
	if (si[NL80211_STA_INFO_RX_BYTES64])
		s->rx_bytes = nla_get_u64(si[NL80211_STA_INFO_RX_BYTES64]);
	if (si[NL80211_STA_INFO_TX_BYTES64])
		s->tx_bytes = nla_get_u64(si[NL80211_STA_INFO_TX_BYTES64]);
	if (si[NL80211_STA_INFO_TX_BITRATE] &&
	    rate(si[NL80211_STA_INFO_TX_BITRATE], &s->tx) != 0)
		return LC_WIFI_EATTR;
	if (si[NL80211_STA_INFO_RX_BITRATE] &&
	    rate(si[NL80211_STA_INFO_RX_BITRATE], &s->rx) != 0)
		return LC_WIFI_EATTR;
	return 0;
}

int
lc_wifi_parse_survey(const void *msg, size_t len, struct lc_wifi_survey *v)
{
	static struct nla_policy pol[NL80211_ATTR_MAX + 1];
	static struct nla_policy spol[NL80211_SURVEY_INFO_MAX + 1];
	struct nlattr *tb[NL80211_ATTR_MAX + 1];
	struct nlattr *si[NL80211_SURVEY_INFO_MAX + 1];
	int rc;

	pol[NL80211_ATTR_SURVEY_INFO].type = NLA_NESTED;
	spol[NL80211_SURVEY_INFO_FREQUENCY].type = NLA_U32;
	spol[NL80211_SURVEY_INFO_NOISE].type = NLA_U8;
	spol[NL80211_SURVEY_INFO_IN_USE].type = NLA_FLAG;
	spol[NL80211_SURVEY_INFO_TIME].type = NLA_U64;
	spol[NL80211_SURVEY_INFO_TIME_BUSY].type = NLA_U64;
	spol[NL80211_SURVEY_INFO_TIME_RX].type = NLA_U64;
	spol[NL80211_SURVEY_INFO_TIME_TX].type = NLA_U64;
	memset(v, 0, sizeof(*v));
	if ((rc = top(msg, len, NL80211_CMD_NEW_SURVEY_RESULTS, tb, pol)) != 0)
		return rc;
	if (tb[NL80211_ATTR_SURVEY_INFO] == NULL)
		return LC_WIFI_EMISSING;
	if (nla_parse_nested(si, NL80211_SURVEY_INFO_MAX,
	    tb[NL80211_ATTR_SURVEY_INFO], spol) < 0)
		return LC_WIFI_EATTR;
	if (si[NL80211_SURVEY_INFO_FREQUENCY] == NULL)
		return LC_WIFI_EMISSING;
	v->freq = nla_get_u32(si[NL80211_SURVEY_INFO_FREQUENCY]);
	v->in_use = si[NL80211_SURVEY_INFO_IN_USE] != NULL;
	if (si[NL80211_SURVEY_INFO_NOISE]) {
		v->noise = (int8_t)nla_get_u8(si[NL80211_SURVEY_INFO_NOISE]);
		v->has |= LC_SURVEY_NOISE;
	}
#define U64(attr, field, bit) \
	if (si[attr]) { v->field = nla_get_u64(si[attr]); v->has |= bit; }
	U64(NL80211_SURVEY_INFO_TIME, time_ms, LC_SURVEY_TIME)
	U64(NL80211_SURVEY_INFO_TIME_BUSY, busy_ms, LC_SURVEY_BUSY)
	U64(NL80211_SURVEY_INFO_TIME_RX, rx_ms, LC_SURVEY_RX)
	U64(NL80211_SURVEY_INFO_TIME_TX, tx_ms, LC_SURVEY_TX)
#undef U64
	return 0;
}

/* The information elements the neighbourhood needs: SSID (0), HT
 * capabilities (45), HT operation (61: secondary channel offset and STA
 * channel width give 40 MHz), VHT operation (192: 80 MHz and up). */
static void
ies(struct lc_wifi_bss *b, const uint8_t *p, size_t n)
{
	b->width_mhz = 20;
	while (n >= 2 && (size_t)p[1] + 2 <= n) {
		uint8_t id = p[0], l = p[1];
		const uint8_t *d = p + 2;

		if (id == 0 && b->ssid[0] == '\0')
			ssid_text(b->ssid, d, l);
		else if (id == 45)
			b->ht = 1;
		else if (id == 61 && l >= 2 && (d[1] & 0x03) != 0 &&
		    (d[1] & 0x04) != 0 && b->width_mhz < 40)
			b->width_mhz = 40;
		else if (id == 192 && l >= 1 && d[0] >= 1)
			b->width_mhz = d[0] == 1 ? 80 : 160;
		p += 2 + l;
		n -= 2 + (size_t)l;
	}
}

int
lc_wifi_parse_bss(const void *msg, size_t len, struct lc_wifi_bss *b)
{
	static struct nla_policy pol[NL80211_ATTR_MAX + 1];
	static struct nla_policy bpol[NL80211_BSS_MAX + 1];
	struct nlattr *tb[NL80211_ATTR_MAX + 1];
	struct nlattr *bi[NL80211_BSS_MAX + 1];
	struct nlattr *ie;
	int rc;

	pol[NL80211_ATTR_BSS].type = NLA_NESTED;
	bpol[NL80211_BSS_BSSID].minlen = 6;
	bpol[NL80211_BSS_FREQUENCY].type = NLA_U32;
	bpol[NL80211_BSS_SIGNAL_MBM].type = NLA_U32;
	bpol[NL80211_BSS_STATUS].type = NLA_U32;
	bpol[NL80211_BSS_SEEN_MS_AGO].type = NLA_U32;
	memset(b, 0, sizeof(*b));
	if ((rc = top(msg, len, NL80211_CMD_NEW_SCAN_RESULTS, tb, pol)) != 0)
		return rc;
	if (tb[NL80211_ATTR_BSS] == NULL)
		return LC_WIFI_EMISSING;
	if (nla_parse_nested(bi, NL80211_BSS_MAX, tb[NL80211_ATTR_BSS],
	    bpol) < 0)
		return LC_WIFI_EATTR;
	if (bi[NL80211_BSS_BSSID] == NULL || bi[NL80211_BSS_FREQUENCY] == NULL)
		return LC_WIFI_EMISSING;
	memcpy(b->bssid, nla_data(bi[NL80211_BSS_BSSID]), 6);
	b->freq = nla_get_u32(bi[NL80211_BSS_FREQUENCY]);
	if (bi[NL80211_BSS_SIGNAL_MBM]) {
		int32_t mbm = (int32_t)nla_get_u32(bi[NL80211_BSS_SIGNAL_MBM]);

		/* mBm: hundredths of a dBm (iw prints -30.00 dBm). */
		b->has_signal = 1;
		b->signal_mbm = mbm;
	}
	if (bi[NL80211_BSS_STATUS])
		b->associated = nla_get_u32(bi[NL80211_BSS_STATUS]) ==
		    NL80211_BSS_STATUS_ASSOCIATED;
	if (bi[NL80211_BSS_SEEN_MS_AGO])
		b->seen_ms_ago = nla_get_u32(bi[NL80211_BSS_SEEN_MS_AGO]);
	/* Prefer the beacon's elements: probe responses may be stale. */
	ie = bi[NL80211_BSS_INFORMATION_ELEMENTS];
	if (ie == NULL)
		ie = bi[NL80211_BSS_BEACON_IES];
	b->width_mhz = 20;
	if (ie)
		ies(b, nla_data(ie), (size_t)nla_len(ie));
	return 0;
}

int
lc_wifi_channel(uint32_t f)
{
	if (f == 2484)
		return 14;
	if (f >= 2412 && f <= 2472)
		return (int)(f - 2407) / 5;
	if (f >= 5955 && f <= 7115)
		return (int)(f - 5950) / 5;
	if (f >= 5000 && f <= 5900)
		return (int)(f - 5000) / 5;
	if (f >= 58320 && f <= 70200)
		return (int)(f - 56160) / 2160;
	return 0;
}

const char *
lc_wifi_band(uint32_t f)
{
	if (f >= 2400 && f < 2500)
		return "2.4";
	if (f >= 5955 && f <= 7125)
		return "6";
	if (f >= 4900 && f < 5955)
		return "5";
	if (f >= 58000 && f <= 71000)
		return "60";
	return "-";
}

int
lc_wifi_overlap(uint32_t f1, uint32_t f2)
{
	int d;

	if (f1 < 2400 || f1 >= 2500 || f2 < 2400 || f2 >= 2500)
		return f1 == f2;
	d = (int)f1 - (int)f2;
	return d > -25 && d < 25;
}
