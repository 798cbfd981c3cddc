/* SPDX-License-Identifier: MIT */
/*
 * nl80211 parsers on replies recorded from the wifi-vm lab (hwsim, a
 * WPA2 client on channel 6 with neighbours on 1, 6 and 11), then the
 * verdict's thresholds and odd values on those measurements changed
 * one at a time (hwsim's signal is fixed at -30 dBm).
 */
#include <linux/genetlink.h>
#include <linux/nl80211.h>
#include <netlink/attr.h>
#include <netlink/genl/genl.h>
#include <ctype.h>
#include <errno.h>

#include "../testutil.h"
#include "lib/checks.h"
#include "linecheck/linecheck.h"

#define DIR "tests/data/linecheck/wifi/"

/* Messages of one recording: "what HEX" lines (LINECHECK_NL80211_RECORD). */
struct rec {
	uint8_t	 buf[8][4096];
	size_t	 len[8];
	int	 n;
};

static void
load(const char *file, struct rec *r)
{
	char line[16384], *hex;
	FILE *fp = fopen(file, "r");

	assert_non_null(fp);
	memset(r, 0, sizeof(*r));
	while (fgets(line, sizeof(line), fp) && r->n < 8) {
		size_t n;

		assert_non_null(hex = strchr(line, ' '));
		hex++;
		for (n = 0; isxdigit((unsigned char)hex[2 * n]); n++)
			assert_int_equal(sscanf(hex + 2 * n, "%2hhx",
			    &r->buf[r->n][n]), 1);
		r->len[r->n++] = n;
	}
	fclose(fp);
}

static struct lc_wifi w;
static struct bbt_checks cs;

/* The lab's measurements, as linecheck got them. */
static void
lab(void)
{
	struct rec r;

	memset(&w, 0, sizeof(w));
	w.wireless = 1;
	load(DIR "interface.hex", &r);
	assert_int_equal(lc_wifi_parse_if(r.buf[0], r.len[0], &w.ifc), 0);
	load(DIR "station.hex", &r);
	assert_int_equal(lc_wifi_parse_sta(r.buf[0], r.len[0], &w.sta), 0);
	w.sta_ok = 1;
	load(DIR "survey.hex", &r);
	assert_int_equal(lc_wifi_parse_survey(r.buf[0], r.len[0], &w.s1), 0);
	w.have_s1 = 1;
	assert_true(w.s1.time_ms > 0 && w.s1.busy_ms <= w.s1.time_ms);
	/* A run of one second with 100 ms busy. */
	w.s0 = w.s1;
	w.s0.time_ms = 1000;
	w.s0.busy_ms = 100;
	w.s1.time_ms = 2000;
	w.s1.busy_ms = 200;
	w.have_s0 = 1;
	load(DIR "scan.hex", &r);
	for (int i = 0; i < r.n; i++)
		assert_int_equal(lc_wifi_parse_bss(r.buf[i], r.len[i],
		    &w.bss[w.nbss++]), 0);
	w.fresh = 1;
	w.associated = 1;
	strcpy(w.ifc.ssid, "bbt-home");
}

static const struct bbt_check *
rec(const char *name)
{
	for (size_t i = 0; i < cs.n; i++)
		if (strcmp(cs.v[i].name, name) == 0)
			return &cs.v[i];
	fail_msg("no %s record", name);
	return NULL;
}

static const struct bbt_check *
run(void)
{
	bbt_checks_free(&cs);
	bbt_checks_init(&cs, "linecheck");
	lc_wifi_verdict(&w, "wlan4", &lc_wifi_default_limits, &cs);
	return rec("wifi.verdict");
}

static void
detail_has(const struct bbt_check *k, const char *kv)
{
	if (k->detail == NULL || strstr(k->detail, kv) == NULL)
		fail_msg("%s: '%s' not in '%s'", k->name, kv,
		    k->detail ? k->detail : "-");
}

static void
test_parse_lab(void **state)
{
	(void)state;
	lab();
	assert_int_equal(w.ifc.ifindex, 6);
	assert_int_equal(w.ifc.iftype, NL80211_IFTYPE_STATION);
	assert_int_equal(w.ifc.freq, 2437);
	assert_int_equal(w.ifc.width_mhz, 20);
	assert_int_equal(w.sta.mac[4], 0x01);
	assert_int_equal(w.sta.signal, -30);
	assert_int_equal(w.sta.signal_avg, -30);
	assert_true(w.sta.has & LC_STA_RETRIES);
	assert_true(w.sta.has & LC_STA_BLOSS);
	assert_true(w.sta.tx.valid);
	assert_int_equal(w.s1.freq, 2437);
	assert_int_equal(w.s1.noise, -92);
	assert_int_equal(w.nbss, 4);
	for (int i = 0; i < w.nbss; i++) {
		assert_int_equal(w.bss[i].signal_mbm, -3000);
		assert_true(w.bss[i].ht);
		assert_int_equal(w.bss[i].width_mhz, 20);
		if (strcmp(w.bss[i].ssid, "bbt-home") == 0)
			assert_true(w.bss[i].associated);
		else
			assert_false(w.bss[i].associated);
	}
}

static void
test_channels(void **state)
{
	(void)state;
	assert_int_equal(lc_wifi_channel(2412), 1);
	assert_int_equal(lc_wifi_channel(2484), 14);
	assert_int_equal(lc_wifi_channel(5180), 36);
	assert_int_equal(lc_wifi_channel(5955), 1);
	assert_int_equal(lc_wifi_channel(1000), 0);
	assert_string_equal(lc_wifi_band(5955), "6");
	assert_string_equal(lc_wifi_band(5180), "5");
	assert_true(lc_wifi_overlap(2412, 2432));	/* 1 and 5 */
	assert_false(lc_wifi_overlap(2412, 2437));	/* 1 and 6 */
	assert_false(lc_wifi_overlap(5180, 5200));
}

/* Cut, wrong command, a one-byte attribute shrunk to none. */
static void
test_malformed(void **state)
{
	struct rec r;
	struct lc_wifi_sta s;
	struct lc_wifi_bss b;
	struct nlattr *si, *sig;
	struct genlmsghdr *g;

	(void)state;
	load(DIR "station.hex", &r);
	assert_int_equal(lc_wifi_parse_sta(r.buf[0], 10, &s), LC_WIFI_ESHORT);
	assert_int_equal(lc_wifi_parse_sta(r.buf[0], r.len[0] - 1, &s),
	    LC_WIFI_ESHORT);
	assert_int_equal(lc_wifi_parse_bss(r.buf[0], r.len[0], &b),
	    LC_WIFI_ECMD);
	g = (struct genlmsghdr *)(r.buf[0] + NLMSG_HDRLEN);
	si = nla_find(genlmsg_attrdata(g, 0), genlmsg_attrlen(g, 0),
	    NL80211_ATTR_STA_INFO);
	assert_non_null(si);
	sig = nla_find(nla_data(si), nla_len(si), NL80211_STA_INFO_SIGNAL);
	assert_non_null(sig);
	sig->nla_len = NLA_HDRLEN;
	assert_int_equal(lc_wifi_parse_sta(r.buf[0], r.len[0], &s),
	    LC_WIFI_EATTR);
	assert_string_equal(lc_wifi_strerror(LC_WIFI_EATTR),
	    "malformed attribute");
}

static void
test_lab_verdict(void **state)
{
	const struct bbt_check *k;

	(void)state;
	lab();
	k = run();
	assert_int_equal(k->status, BBT_OK);
	assert_string_equal(k->value, "ok");
	detail_has(k, "neighbours=1");
	detail_has(k, "recommend=6");
	detail_has(k, "alt=5ghz");
	k = rec("wifi.assoc");
	assert_string_equal(k->value, "-30");
	detail_has(k, "ssid=bbt-home bssid=02:00:00:00:01:00 freq=2437 "
	    "band=2.4 channel=6 width_mhz=20");
	k = rec("wifi.survey");
	assert_string_equal(k->value, "10");	/* 100 of 1000 ms */
	detail_has(k, "over=run active_ms=1000 busy_ms=100");
	k = rec("wifi.scan");
	assert_string_equal(k->value, "4");
	detail_has(k, "scan=fresh");
	detail_has(k, "same_channel=1 overlapping=0");
}

/* -70 is still fine (the catalogue's "< -70"), -71 weak, -81 critical;
 * the average wins over one frame's signal. */
static void
test_signal(void **state)
{
	static const struct { int avg, sig, has; enum bbt_state st; } t[] = {
		{ -70, -30, LC_STA_AVG | LC_STA_SIGNAL, BBT_OK },
		{ -71, -30, LC_STA_AVG | LC_STA_SIGNAL, BBT_WARNING },
		{ -80, -90, LC_STA_AVG | LC_STA_SIGNAL, BBT_WARNING },
		{ -81, -30, LC_STA_AVG | LC_STA_SIGNAL, BBT_CRITICAL },
		{ 0, -75, LC_STA_SIGNAL, BBT_WARNING },
		{ -128, 0, LC_STA_AVG, BBT_CRITICAL },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		lab();
		w.sta.has = (w.sta.has & ~(unsigned)(LC_STA_AVG |
		    LC_STA_SIGNAL)) | (unsigned)t[i].has;
		w.sta.signal_avg = t[i].avg;
		w.sta.signal = t[i].sig;
		assert_int_equal(run()->status, t[i].st);
		assert_int_equal(rec("wifi.assoc")->status, t[i].st);
	}
	lab();
	w.sta.has &= ~(unsigned)(LC_STA_AVG | LC_STA_SIGNAL);
	run();
	assert_int_equal(rec("wifi.assoc")->status, BBT_UNKNOWN);
	detail_has(rec("wifi.assoc"), "signal_dbm=- signal_avg_dbm=-");
}

static void
add_bss(uint32_t freq, int dbm, int ht)
{
	struct lc_wifi_bss *b = &w.bss[w.nbss++];

	memset(b, 0, sizeof(*b));
	b->bssid[5] = (uint8_t)w.nbss;
	b->freq = freq;
	b->has_signal = 1;
	b->signal_mbm = dbm * 100;
	b->ht = ht;
	b->width_mhz = 20;
}

/* Three loud neighbours on 6 and 4 crowd it: move to 11, the quietest;
 * neighbours under -82 dBm do not count. */
static void
test_crowded(void **state)
{
	const struct bbt_check *k;

	(void)state;
	lab();
	add_bss(2437, -60, 1);
	add_bss(2427, -75, 1);		/* channel 4 overlaps 1 and 6 */
	add_bss(2437, -90, 1);		/* too quiet */
	k = run();
	assert_int_equal(k->status, BBT_WARNING);
	assert_string_equal(k->value, "crowded");
	detail_has(k, "neighbours=3");
	detail_has(k, "recommend=11");
	detail_has(rec("wifi.scan"), "same_channel=2 overlapping=1");
	lab();
	add_bss(2437, -83, 1);
	add_bss(2437, -83, 1);
	add_bss(2437, -83, 1);
	assert_int_equal(run()->status, BBT_OK);
}

/* 50 % busy is crowded; a survey whose counters went back (a channel
 * switch) uses the totals; time 0 is unknown; no survey is named. */
static void
test_busy(void **state)
{
	const struct bbt_check *k;

	(void)state;
	lab();
	w.s1.busy_ms = w.s0.busy_ms + 500;
	k = run();
	assert_string_equal(k->value, "crowded");
	assert_string_equal(rec("wifi.survey")->value, "50");
	assert_int_equal(rec("wifi.survey")->status, BBT_WARNING);
	lab();
	w.s0.time_ms = w.s1.time_ms + 10;
	run();
	detail_has(rec("wifi.survey"), "over=total");
	lab();
	w.s1.time_ms = w.s1.busy_ms = 0;
	w.have_s0 = 0;
	run();
	assert_int_equal(rec("wifi.survey")->status, BBT_UNKNOWN);
	lab();
	w.survey_err = EOPNOTSUPP;
	w.have_s1 = 0;
	k = run();
	assert_int_equal(k->status, BBT_OK);
	assert_int_equal(rec("wifi.survey")->status, BBT_SKIPPED);
	detail_has(rec("wifi.survey"), "error=EOPNOTSUPP");
}

/* An a/b/g access point; a refused trigger; not associated; 5 GHz. */
static void
test_odd(void **state)
{
	const struct bbt_check *k;

	(void)state;
	lab();
	for (int i = 0; i < w.nbss; i++)
		w.bss[i].ht = 0;
	k = run();
	assert_string_equal(k->value, "legacy_rates");
	lab();
	w.trigger_err = EBUSY;
	w.fresh = 0;
	run();
	assert_int_equal(rec("wifi.trigger")->status, BBT_INFO);
	detail_has(rec("wifi.trigger"), "error=EBUSY");
	detail_has(rec("wifi.scan"), "scan=cached");
	lab();
	w.associated = w.sta_ok = 0;
	k = run();
	assert_int_equal(k->status, BBT_CRITICAL);
	assert_string_equal(k->value, "not_associated");
	detail_has(rec("wifi.assoc"), "state=disconnected");
	lab();
	w.ifc.freq = 5180;
	for (int i = 0; i < w.nbss; i++)
		w.bss[i].associated = 0;
	k = run();
	detail_has(k, "channel=36 recommend=- alt=-");
	detail_has(rec("wifi.assoc"), "band=5 channel=36");
	lab();
	w.parse_err = LC_WIFI_EATTR;
	w.parse_what = "scan";
	run();
	detail_has(rec("wifi.parse"), "reply=scan error=\"malformed attribute\"");
}

/* An SSID's bytes are anything: controls and invalid UTF-8 become
 * U+FFFD, CJK stays. */
static void
test_ssid(void **state)
{
	struct rec r;
	struct lc_wifi_bss b;
	struct genlmsghdr *g;
	struct nlattr *bss, *ie;
	uint8_t *p;

	(void)state;
	load(DIR "scan.hex", &r);
	g = (struct genlmsghdr *)(r.buf[0] + NLMSG_HDRLEN);
	bss = nla_find(genlmsg_attrdata(g, 0), genlmsg_attrlen(g, 0),
	    NL80211_ATTR_BSS);
	ie = nla_find(nla_data(bss), nla_len(bss),
	    NL80211_BSS_INFORMATION_ELEMENTS);
	p = nla_data(ie);
	assert_int_equal(p[0], 0);	/* the SSID element comes first */
	assert_true(p[1] >= 7);
	memcpy(p + 2, "\xe5\xae\xb6\x01\xff", 5);	/* 家, ^A, bad */
	assert_int_equal(lc_wifi_parse_bss(r.buf[0], r.len[0], &b), 0);
	assert_memory_equal(b.ssid, "\xe5\xae\xb6\xef\xbf\xbd\xef\xbf\xbd",
	    9);
}

int
main(void)
{
	const struct CMUnitTest t[] = {
		cmocka_unit_test(test_parse_lab),
		cmocka_unit_test(test_channels),
		cmocka_unit_test(test_malformed),
		cmocka_unit_test(test_lab_verdict),
		cmocka_unit_test(test_signal),
		cmocka_unit_test(test_crowded),
		cmocka_unit_test(test_busy),
		cmocka_unit_test(test_odd),
		cmocka_unit_test(test_ssid),
	};
	int rc = cmocka_run_group_tests(t, NULL, NULL);

	bbt_checks_free(&cs);
	return rc;
}
