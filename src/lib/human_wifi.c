/* SPDX-License-Identifier: MIT */
/*
 * The terminal view's sentences for linecheck's Wi-Fi records
 * (wifi.assoc, wifi.survey, wifi.trigger, wifi.scan, wifi.channel,
 * wifi.verdict; bbt-record(5)).
 */
#include <stdio.h>
#include <string.h>

#include "lib/human_int.h"
#include "lib/i18n.h"

#define kv bbt_human_kv

static int
is(const char *a, const char *b)
{
	return strcmp(a, b) == 0;
}

/* Why linecheck read the kernel's cached scan results. */
static const char *
trigger_why(const char *e)
{
	if (is(e, "EPERM"))
		return _("no new scan without root, results cached earlier");
	if (is(e, "EBUSY"))
		return _("the card was already scanning, results cached "
		    "earlier");
	if (is(e, "ETIMEDOUT"))
		return _("the scan did not finish in time, results cached "
		    "earlier");
	return _("no new scan, results cached earlier");
}

/* wifi.verdict's findings (a comma list) in words, and the advice. */
static void
verdict(const struct bbt_check *k, char *b, size_t sz)
{
	static const struct {
		const char	*key, *word;
	} w[] = {
		{ "weak_signal", N_("weak signal") },
		{ "crowded", N_("crowded channel") },
		{ "legacy_rates", N_("old 802.11a/b/g rates") },
		{ "not_associated", N_("not connected to an access point") },
	};
	char r[BBT_HUMAN_KVSZ], a[BBT_HUMAN_KVSZ], c[BBT_HUMAN_KVSZ];
	const char *v = k->value ? k->value : "-";
	size_t n = 0;

	b[0] = '\0';
	if (is(v, "ok"))
		n = (size_t)snprintf(b, sz, "%s", _("Wi-Fi fine"));
	while (!is(v, "ok") && *v && n < sz) {
		size_t len = strcspn(v, ","), i;
		const char *s = NULL;

		for (i = 0; i < sizeof(w) / sizeof(w[0]); i++)
			if (strlen(w[i].key) == len &&
			    strncmp(w[i].key, v, len) == 0)
				s = _(w[i].word);
		n += (size_t)snprintf(b + n, sz - n, "%s%.*s", n ? _(", ") :
		    "", s ? (int)strlen(s) : (int)len, s ? s : v);
		v += len + (v[len] == ',');
	}
	if (n >= sz || is(kv(k, "recommend", r), "-"))
		return;
	if (is(kv(k, "channel", c), r))
		snprintf(b + n, sz - n, _("; channel %s is the best of 1, 6, "
		    "11"), r);
	else if (is(kv(k, "alt", a), "5ghz"))
		snprintf(b + n, sz - n, _("; try channel %s or 5 GHz"), r);
	else
		snprintf(b + n, sz - n, _("; try channel %s"), r);
}

int
bbt_human_wifi(const struct bbt_check *k, char *b, size_t sz)
{
	char p[BBT_HUMAN_KVSZ], q[BBT_HUMAN_KVSZ], r[BBT_HUMAN_KVSZ];

	if (strncmp(k->name, "wifi.", 5) != 0)
		return 0;
	if (is(k->name, "wifi.assoc")) {
		if (k->value == NULL && is(kv(k, "state", p), "disconnected"))
			snprintf(b, sz, "%s", _("not connected to an access "
			    "point"));
		else
			snprintf(b, sz, _("%s on channel %s (%s GHz), %s dBm, "
			    "%s Mbit/s"), kv(k, "ssid", p), kv(k, "channel", q),
			    kv(k, "band", r), k->value ? k->value : "-",
			    kv(k, "tx_mbit", (char[BBT_HUMAN_KVSZ]){ 0 }));
		return 1;
	}
	if (is(k->name, "wifi.survey")) {
		if (k->status == BBT_SKIPPED)
			snprintf(b, sz, "%s", _("the driver does not report "
			    "channel load"));
		else
			snprintf(b, sz, _("channel busy %s %% of the time"),
			    k->value ? k->value : "-");
		return 1;
	}
	if (is(k->name, "wifi.trigger")) {
		snprintf(b, sz, "%s", trigger_why(kv(k, "error", p)));
		return 1;
	}
	if (is(k->name, "wifi.scan")) {
		snprintf(b, sz, _("%s access points, %s on our channel, %s on "
		    "overlapping ones"), k->value ? k->value : "-",
		    kv(k, "same_channel", p), kv(k, "overlapping", q));
		return 1;
	}
	if (is(k->name, "wifi.channel")) {
		snprintf(b, sz, _("%s: %s access points, strongest %s dBm"),
		    k->target ? k->target : "-",
		    k->value ? k->value : "-", kv(k, "strongest_dbm", p));
		return 1;
	}
	if (is(k->name, "wifi.verdict")) {
		verdict(k, b, sz);
		return 1;
	}
	return 0;
}
