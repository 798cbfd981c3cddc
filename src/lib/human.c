/* SPDX-License-Identifier: MIT */
/*
 * The terminal view of check records (human.h). Everything here is read
 * from the records' name, target, status, value, unit and detail, so the
 * view says nothing the records do not; a check name it does not know
 * falls to a generic "value unit (reason)" line in an "Other checks"
 * layer. Messages are whole sentences with their numbers, for gettext.
 */
#include <stdlib.h>
#include <string.h>

#include "lib/human.h"
#include "lib/human_int.h"
#include "lib/i18n.h"
#include "lib/out.h"
#include "lib/rec.h"
#include "lib/text.h"

#define LABELW	14	/* the fact's label column */
#define TEXTSZ	512	/* a line; a detail value is TEXTSZ / 4 */

/*
 * Layers in the order a line is built: a check belongs to the first
 * layer with a matching pattern ("x." a prefix, else the whole name).
 * The last layer takes every other check.
 */
static const struct layer {
	const char	*match;		/* '|'-separated */
	const char	*title;
} layers[] = {
	{ "link.|lldp.", N_("Link") },
	{ "ip.|dhcp.|arp.", N_("Address and DHCP") },
	{ "gw.", N_("Gateway") },
	{ "ping.", N_("Ping") },
	{ "dns.", N_("DNS") },
	{ "http.", N_("Web (HTTP)") },
	{ "mtu.", N_("MTU") },
	{ "wifi.", N_("Wi-Fi") },
	{ "speed.", N_("Speed") },
	{ "pppoe.discovery|pppoe.pado", N_("PPPoE discovery") },
	{ "pppoe.pads", N_("PPPoE session") },
	{ "ppp.lcp|ppp.echo", N_("LCP") },
	{ "ppp.auth", N_("Authentication") },
	{ "ppp.ipcp|ppp.ipv6cp", N_("IPCP / IPv6CP") },
	/* After IPv6CP for pppoe-probe; linecheck has nothing below. */
	{ "ipv6.|dhcp6.", N_("IPv6") },
	{ "ppp.ping|ppp.dns|ppp.http", N_("Traffic through the session") },
	{ "ppp.hold", N_("Session hold") },
	{ "ppp.cleanup", N_("Cleanup") },
	{ "", N_("Other checks") },
};
#define NLAYERS (sizeof(layers) / sizeof(layers[0]))

static const struct {
	const char	*name, *label;
} labels[] = {
	{ "link.carrier", N_("carrier") },
	{ "link.speed", N_("speed") },
	{ "link.duplex", N_("duplex") },
	{ "link.errors", N_("errors") },
	{ "link.mtu", N_("MTU") },
	{ "lldp.neighbor", N_("neighbour") },
	{ "ip.address", N_("address") },
	{ "ip.route", N_("route") },
	{ "dhcp.offer", N_("DHCP offer") },
	{ "dhcp.servers", N_("DHCP servers") },
	{ "arp.duplicate", N_("duplicate IP") },
	{ "gw.ping", N_("gateway ping") },
	{ "ping.target", N_("ping") },
	{ "dns.resolve", N_("resolver") },
	{ "http.get", N_("page") },
	{ "mtu.path", N_("path MTU") },
	{ "ipv6.ra", N_("router advert") },
	{ "wifi.assoc", N_("connection") },
	{ "wifi.survey", N_("channel load") },
	{ "wifi.trigger", N_("scan") },
	{ "wifi.scan", N_("neighbours") },
	{ "wifi.channel", N_("channel") },
	{ "wifi.verdict", N_("verdict") },
	{ "wifi.parse", N_("nl80211 reply") },
	{ "dhcp6.na", N_("DHCPv6 address") },
	{ "dhcp6.pd", N_("PD prefix") },
	{ "speed.down", N_("download") },
	{ "speed.up", N_("upload") },
	{ "speed.latency", N_("latency") },
	{ "speed.compare", N_("Wi-Fi/wired") },
	{ "pppoe.discovery", N_("PADI/PADO") },
	{ "pppoe.pado", N_("offer (PADO)") },
	{ "pppoe.pads", N_("PADR/PADS") },
	{ "ppp.lcp", N_("LCP") },
	{ "ppp.auth", N_("account") },
	{ "ppp.echo", N_("LCP echo") },
	{ "ppp.ipcp", N_("IPCP") },
	{ "ppp.ipv6cp", N_("IPv6CP") },
	{ "ppp.ping", N_("ping") },
	{ "ppp.dns", N_("resolver") },
	{ "ppp.http", N_("page") },
	{ "ppp.hold", N_("held") },
	{ "ppp.cleanup", N_("cleanup") },
};

/* Root causes named on top: the check the skipped ones were skipped
 * after. */
static const struct {
	const char	*name, *msg;
} causes[] = {
	{ "link.carrier", N_("No link: the other checks were skipped.") },
	{ "ip.address", N_("No IP address: the other checks were skipped.") },
	{ "ip.route", N_("No default route: the other checks were "
	    "skipped.") },
	{ "gw.ping", N_("Gateway unreachable: the other checks were "
	    "skipped.") },
	{ "dns.resolve", N_("Names do not resolve: the other checks were "
	    "skipped.") },
	{ "pppoe.discovery", N_("No access concentrator answered: the other "
	    "checks were skipped.") },
	{ "pppoe.pads", N_("The access concentrator refused the session: "
	    "the other checks were skipped.") },
	{ "ppp.lcp", N_("LCP negotiation failed: the other checks were "
	    "skipped.") },
	{ "ppp.auth", N_("Authentication refused: the other checks were "
	    "skipped.") },
	{ "ppp.ipcp", N_("No address from IPCP: the other checks were "
	    "skipped.") },
	{ "ppp.dns", N_("Names do not resolve: the other checks were "
	    "skipped.") },
};

/* The same causes when nothing was skipped after them (the last check,
 * or a run without the checks that depend on it). */
static const struct {
	const char	*name, *msg;
} alone[] = {
	{ "link.carrier", N_("No link.") },
	{ "ip.address", N_("No IP address.") },
	{ "gw.ping", N_("Gateway unreachable.") },
	{ "dns.resolve", N_("Names do not resolve.") },
	{ "pppoe.discovery", N_("No access concentrator answered.") },
	{ "pppoe.pads", N_("The access concentrator refused the session.") },
	{ "ppp.lcp", N_("LCP negotiation failed.") },
	{ "ppp.auth", N_("Authentication refused.") },
	{ "ppp.ipcp", N_("No address from IPCP.") },
	{ "ppp.ipv6cp", N_("IPv6CP failed: IPv4 works, IPv6 does not.") },
	{ "ppp.hold", N_("The AC ended the session during the hold.") },
};

static int
matches(const char *pat, const char *name)
{
	size_t nl = strlen(name);

	if (*pat == '\0')
		return 1;
	while (*pat) {
		const char *e = strchr(pat, '|');
		size_t n = e ? (size_t)(e - pat) : strlen(pat);

		if (pat[n - 1] == '.' ? strncmp(name, pat, n) == 0 :
		    n == nl && strncmp(name, pat, n) == 0)
			return 1;
		pat += n + (e != NULL);
	}
	return 0;
}

static size_t
layer_of(const char *name)
{
	size_t i;

	for (i = 0; i + 1 < NLAYERS; i++)
		if (matches(layers[i].match, name))
			break;
	return i;
}

static const char *
label_of(const char *name)
{
	for (size_t i = 0; i < sizeof(labels) / sizeof(labels[0]); i++)
		if (strcmp(labels[i].name, name) == 0)
			return _(labels[i].label);
	return name;
}

/* The status word of the view (records keep the ASCII ones). */
static const char *
word(enum bbt_state s)
{
	switch (s) {
	case BBT_OK:
		return _("ok");
	case BBT_WARNING:
		return _("warning");
	case BBT_CRITICAL:
		return _("critical");
	case BBT_UNKNOWN:
		return _("unknown");
	case BBT_SKIPPED:
		return _("skipped");
	default:
		return "";
	}
}

static const char *
unit_word(const char *u)
{
	if (u == NULL)
		return NULL;
	if (strcmp(u, "bytes") == 0)
		return _("bytes");
	if (strcmp(u, "frames") == 0)
		return _("frames");
	return u;
}

_Static_assert(TEXTSZ / 4 == BBT_HUMAN_KVSZ, "detail buffers");

const char *
bbt_human_kv(const struct bbt_check *k, const char *key, char *buf)
{
	if (!bbt_kv_get(k->detail, key, buf, BBT_HUMAN_KVSZ) || !*buf)
		strcpy(buf, "-");
	return buf;
}
#define kv bbt_human_kv

static const char *
val(const struct bbt_check *k)
{
	return k->value ? k->value : "-";
}

static const char *
family(const struct bbt_check *k, char *buf)
{
	kv(k, "family", buf);
	return strcmp(buf, "inet6") == 0 ? "IPv6" :
	    strcmp(buf, "inet") == 0 ? "IPv4" : buf;
}

/* "value unit (reason: message)", or without a value "reason:
 * message": any check. */
static void
generic(const struct bbt_check *k, char *b, size_t sz)
{
	char why[TEXTSZ / 4], msg[TEXTSZ / 4];
	const char *u = unit_word(k->unit), *r = NULL;
	int n, has = 0;

	if (strcmp(kv(k, "error", why), "-") != 0 ||
	    strcmp(kv(k, "result", why), "-") != 0 ||
	    strcmp(kv(k, "rcode", why), "-") != 0)
		r = k->status == BBT_OK && strcmp(why, "ok") == 0 ? NULL :
		    bbt_human_why(why);
	if (r)
		has = strcmp(kv(k, "msg", msg), "-") != 0;
	if (r && !k->value) {
		/* Not "- (refused)": the reason is what there is. */
		if (has)
			snprintf(b, sz, _("%s: %s"), r, msg);
		else
			snprintf(b, sz, "%s", r);
		return;
	}
	n = snprintf(b, sz, "%s%s%s", val(k), u && k->value ? " " : "",
	    u && k->value ? u : "");
	if (r == NULL || n < 0 || (size_t)n >= sz)
		return;
	if (has)
		snprintf(b + n, sz - n, _(" (%s: %s)"), r, msg);
	else
		snprintf(b + n, sz - n, _(" (%s)"), r);
}

/* The checks of linecheck worth their own sentence. */
static int
describe_lc(const struct bbt_check *k, char *b, size_t sz)
{
	char x[TEXTSZ / 4], y[TEXTSZ / 4], z[TEXTSZ / 4];

	if (strcmp(k->name, "gw.ping") == 0 ||
	    strcmp(k->name, "ping.target") == 0) {
		if (strcmp(kv(k, "sent", x), "-") == 0)
			return 0;
		kv(k, "received", y);
		if (strcmp(kv(k, "rtt_avg", z), "-") == 0)
			snprintf(b, sz, _("%s: %s of %s replies, %s %% lost"),
			    k->target, y, x, val(k));
		else
			snprintf(b, sz, _("%s: %s of %s replies, %s %% lost, "
			    "%s ms average"), k->target, y, x, val(k), z);
	} else if (strcmp(k->name, "dns.resolve") == 0) {
		if (strcmp(kv(k, "name", x), "-") == 0)
			return 0;
		if (strcmp(kv(k, "rcode", y), "NOERROR") == 0)
			snprintf(b, sz, _("%s: %s is %s, %s ms"), k->target,
			    x, kv(k, "answer", y), val(k));
		else
			snprintf(b, sz, _("%s: %s failed (%s)"), k->target,
			    x, kv(k, "rcode", y));
	} else if (strcmp(k->name, "http.get") == 0 &&
	    k->status == BBT_OK) {
		snprintf(b, sz, _("%s %s: HTTP %s in %s ms"), family(k, x),
		    k->target, kv(k, "status", y), val(k));
	} else if (strcmp(k->name, "link.carrier") == 0 && k->value &&
	    (strcmp(k->value, "up") == 0 || strcmp(k->value, "down") == 0)) {
		int flaps = atoi(kv(k, "flaps", x));

		if (strcmp(k->value, "down") == 0)
			snprintf(b, sz, "%s", _("down: no cable or no light"));
		else if (flaps > 0)
			snprintf(b, sz, ngettext("up, dropped %d time",
			    "up, dropped %d times", flaps), flaps);
		else
			snprintf(b, sz, "%s", _("up"));
	} else if (strcmp(k->name, "ip.address") == 0 && k->value) {
		snprintf(b, sz, "%s %s", family(k, x), k->value);
	} else if (strcmp(k->name, "ip.address") == 0) {
		/* No address of the family: say so, not "- (none)". */
		const char *f = family(k, x);

		if (strcmp(f, "IPv6") == 0)
			snprintf(b, sz, _("%s: no global address"), f);
		else
			snprintf(b, sz, _("%s: none on the interface"), f);
	} else if (strcmp(k->name, "ip.route") == 0 && k->value) {
		snprintf(b, sz, _("%s via %s"), family(k, x), k->value);
	} else if ((strcmp(k->name, "link.speed") == 0 ||
	    strcmp(k->name, "link.duplex") == 0) && !k->value &&
	    strcmp(kv(k, "virtual", x), "-") != 0) {
		snprintf(b, sz, _("none (virtual link: %s)"), x);
	} else if ((strcmp(k->name, "link.speed") == 0 ||
	    strcmp(k->name, "link.duplex") == 0) && !k->value &&
	    strcmp(kv(k, "error", x), "unknown") == 0) {
		/* A Wi-Fi or USB adapter's driver: see wifi.* instead. */
		snprintf(b, sz, "%s", _("not reported by the driver"));
	} else if (strcmp(k->name, "dhcp.offer") == 0 && k->value) {
		snprintf(b, sz, _("%s offered by %s, lease %s s"), k->value,
		    k->target, kv(k, "lease", x));
	} else if (strcmp(k->name, "arp.duplicate") == 0 &&
	    k->status == BBT_OK && k->target) {
		snprintf(b, sz, _("%s: no other host uses it"), k->target);
	} else if (strcmp(k->name, "dhcp.servers") == 0 && k->value &&
	    k->status == BBT_OK) {
		int n = atoi(k->value);

		snprintf(b, sz, ngettext("%d server answered: %s",
		    "%d servers answered: %s", n), n, kv(k, "servers", x));
	} else if (strcmp(k->name, "ipv6.ra") == 0 &&
	    strcmp(kv(k, "error", x), "none_heard") == 0) {
		snprintf(b, sz, "%s", _("none heard"));
	} else
		return 0;
	return 1;
}

static int
describe_ppp(const struct bbt_check *k, char *b, size_t sz)
{
	char x[TEXTSZ / 4], y[TEXTSZ / 4], z[TEXTSZ / 4];

	if (strcmp(k->name, "pppoe.discovery") == 0) {
		int n = k->value ? atoi(k->value) : 0;

		if (n == 0)
			snprintf(b, sz, _("no access concentrator answered "
			    "(%s PADI sent)"), kv(k, "padi_sent", x));
		else
			snprintf(b, sz, ngettext("%d access concentrator "
			    "answered", "%d access concentrators answered", n),
			    n);
	} else if (strcmp(k->name, "pppoe.pado") == 0 && k->value) {
		snprintf(b, sz, _("%s (%s) in %s ms"), kv(k, "ac", x),
		    k->target, k->value);
	} else if (strcmp(k->name, "pppoe.pads") == 0 &&
	    k->status == BBT_OK) {
		snprintf(b, sz, _("session %s opened"), val(k));
	} else if (strcmp(k->name, "ppp.lcp") == 0 && k->status == BBT_OK) {
		snprintf(b, sz, _("up, MRU %s, authentication %s"),
		    kv(k, "mru", x), kv(k, "auth", y));
	} else if (strcmp(k->name, "ppp.auth") == 0) {
		if (k->status == BBT_OK)
			snprintf(b, sz, _("%s accepted (%s)"), k->target,
			    val(k));
		else if (strcmp(kv(k, "msg", z), "-") != 0)
			snprintf(b, sz, _("%s refused (%s): %s"), k->target,
			    val(k), z);
		else
			snprintf(b, sz, _("%s refused (%s): %s"), k->target,
			    val(k), kv(k, "result", z));
	} else if (strcmp(k->name, "ppp.ipcp") == 0 && k->value) {
		if (strcmp(kv(k, "dns1", x), "-") == 0)
			snprintf(b, sz, _("address %s, no DNS server"),
			    k->value);
		else if (strcmp(kv(k, "dns2", y), "-") == 0)
			snprintf(b, sz, _("address %s, DNS %s"), k->value, x);
		else
			snprintf(b, sz, _("address %s, DNS %s %s"), k->value,
			    x, y);
	} else
		return 0;
	return 1;
}

/* The fact: what a technician reads after the label. */
static void
describe(const struct bbt_check *k, const char *iface, char *b, size_t sz)
{
	char after[TEXTSZ / 4];

	if (bbt_human_wifi(k, b, sz))
		return;
	if (k->status == BBT_SKIPPED) {
		if (strcmp(kv(k, "after", after), "-") != 0)
			snprintf(b, sz, _("not run: %s failed first"),
			    label_of(after));
		else
			snprintf(b, sz, "%s", _("not run"));
		return;
	}
	if (bbt_human_session(k, b, sz) || describe_lc(k, b, sz) ||
	    describe_ppp(k, b, sz))
		return;
	/* The target when it says something the layer does not. */
	if (k->target && (iface == NULL || strcmp(k->target, iface) != 0)) {
		int w, n;

		/* A long URL must leave room for the value. */
		n = (int)bbt_text_fit(k->target, 32, &w);
		n = snprintf(b, sz, _("%.*s%s: "), n, k->target,
		    k->target[n] ? "\xe2\x80\xa6" : "");

		if (n > 0 && (size_t)n < sz)
			generic(k, b + n, sz - n);
		return;
	}
	generic(k, b, sz);
}

/*
 * Control characters become '?': targets and messages come from the
 * network (an AC's Reply-Message, a DHCP server's options) and must not
 * reach the terminal as escape sequences or line breaks. C1 controls
 * (U+0080..U+009F, 0xc2 0x80..0x9f in UTF-8) too.
 */
static void
clean(char *s)
{
	for (unsigned char *p = (unsigned char *)s; *p; p++)
		if (*p < 0x20 || *p == 0x7f)
			*p = '?';
		else if (*p == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f) {
			memmove(p, p + 1, strlen((char *)p + 1) + 1);
			*p = '?';
		}
}

/* s cut to w columns with "…", then padded to w when pad is set. */
static void
put_fit(FILE *fp, const char *s, int w, int pad)
{
	int sw = bbt_text_width(s);
	size_t n;

	if (sw <= w) {
		fputs(s, fp);
		if (pad)
			fprintf(fp, "%*s", w - sw, "");
		return;
	}
	n = bbt_text_fit(s, w - 1, &sw);
	fprintf(fp, "%.*s\xe2\x80\xa6", (int)n, s);
	if (pad)
		fprintf(fp, "%*s", w - 1 - sw, "");
}

static void
put_state(FILE *fp, enum bbt_state s, const char *text, int color)
{
	if (color && *bbt_color_state(s))
		fprintf(fp, "%s%s%s", bbt_color_state(s), text,
		    BBT_COLOR_RESET);
	else
		fputs(text, fp);
}

/* IPCP came up and the AC took the session back (pppoe-probe's
 * result=terminated): not "no address". */
static int
ipcp_taken_back(const struct bbt_checks *c)
{
	char r[TEXTSZ / 4];

	for (size_t i = 0; i < c->n; i++)
		if (strcmp(c->v[i].name, "ppp.ipcp") == 0 &&
		    strcmp(kv(&c->v[i], "result", r), "terminated") == 0)
			return 1;
	return 0;
}

/* The sentence on top: the root cause when checks were skipped after
 * one, else where the problems are. */
static void
headline(const struct bbt_checks *c, enum bbt_state worst, char *b,
    size_t sz)
{
	char after[TEXTSZ / 4];
	unsigned seen = 0;
	size_t n = 0;
	int back = ipcp_taken_back(c), ncrit = 0;

	for (size_t i = 0; i < c->n; i++) {
		const struct bbt_check *k = &c->v[i];

		if (k->status != BBT_SKIPPED ||
		    !bbt_kv_get(k->detail, "after", after, sizeof(after)))
			continue;
		if (back && strcmp(after, "ppp.ipcp") == 0) {
			snprintf(b, sz, "%s", _("The AC ended the session "
			    "after IPCP: the other checks were skipped."));
			return;
		}
		for (size_t j = 0; j < sizeof(causes) / sizeof(causes[0]); j++)
			if (strcmp(causes[j].name, after) == 0) {
				snprintf(b, sz, "%s", _(causes[j].msg));
				return;
			}
		snprintf(b, sz, _("%s failed: the other checks were skipped."),
		    label_of(after));
		return;
	}
	if (worst == BBT_OK) {
		snprintf(b, sz, "%s", _("Every check passed."));
		return;
	}
	if (worst == BBT_CRITICAL && back) {
		snprintf(b, sz, "%s", _("The AC ended the session after "
		    "IPCP."));
		return;
	}
	for (size_t i = 0; worst == BBT_CRITICAL && i < c->n; i++)
		if (c->v[i].status == BBT_CRITICAL)
			ncrit++;
	for (size_t i = 0; worst == BBT_CRITICAL && i < c->n; i++)
		for (size_t j = 0; j < sizeof(alone) / sizeof(alone[0]); j++)
			if (c->v[i].status == BBT_CRITICAL &&
			    strcmp(alone[j].name, c->v[i].name) == 0 &&
			    /* IPv6 failing is the cause only alone. */
			    (ncrit == 1 || strcmp(c->v[i].name,
			    "ppp.ipv6cp") != 0)) {
				snprintf(b, sz, "%s", _(alone[j].msg));
				return;
			}
	/* The layers holding the worst status, in order. */
	b[0] = '\0';
	for (size_t i = 0; i < c->n; i++) {
		size_t l = layer_of(c->v[i].name);

		if (c->v[i].status != worst || (seen & 1u << l))
			continue;
		seen |= 1u << l;
		if (n < sz)
			n += snprintf(b + n, sz - n, "%s%s", n ? ", " : "",
			    _(layers[l].title));
	}
	if (n < sz) {
		char *list = strdup(b);

		snprintf(b, sz, worst == BBT_UNKNOWN ? _("Could not check: "
		    "%s.") : _("Problems in: %s."), list ? list : "");
		free(list);
	}
}

static void
layer_head(FILE *fp, size_t l, enum bbt_state st, int any, int color)
{
	const char *w = any ? word(st) : "";
	int ww = bbt_text_width(w);

	put_fit(fp, _(layers[l].title), BBT_HUMAN_COLS - ww - 2, ww > 0);
	if (ww) {
		fputs("  ", fp);
		put_state(fp, st, w, color);
	}
	putc('\n', fp);
}

static void
fact(FILE *fp, const struct bbt_check *k, const char *iface, int color)
{
	char text[TEXTSZ], lab[64];
	const char *w = "";
	int ww, room;

	if (k->status == BBT_WARNING || k->status == BBT_CRITICAL ||
	    k->status == BBT_UNKNOWN)
		w = word(k->status);
	ww = bbt_text_width(w);
	text[0] = '\0';
	describe(k, iface, text, sizeof(text));
	clean(text);
	fputs("  ", fp);
	snprintf(lab, sizeof(lab), "%s", label_of(k->name));
	clean(lab);
	put_fit(fp, lab, LABELW, 1);
	putc(' ', fp);
	room = BBT_HUMAN_COLS - 3 - LABELW - (ww ? ww + 2 : 0);
	if (k->status == BBT_SKIPPED && color) {
		fputs(bbt_color_state(BBT_SKIPPED), fp);
		put_fit(fp, text, room, 0);
		fputs(BBT_COLOR_RESET, fp);
	} else
		put_fit(fp, text, room, ww > 0);
	if (ww) {
		fputs("  ", fp);
		put_state(fp, k->status, w, color);
	}
	putc('\n', fp);
}

/* One layer: its verdict (worst of its checks; all skipped is skipped,
 * only plain facts none), then its facts in record order. */
static void
layer(FILE *fp, const struct bbt_checks *c, size_t l, const char *iface,
    int color)
{
	enum bbt_state st = BBT_OK;
	int n = 0, judged = 0, skipped = 0;

	for (size_t i = 0; i < c->n; i++) {
		const struct bbt_check *k = &c->v[i];

		if (layer_of(k->name) != l)
			continue;
		n++;
		if (k->status == BBT_SKIPPED)
			skipped++;
		else if (k->status != BBT_INFO) {
			judged++;
			st = bbt_state_worst(st, k->status);
		}
	}
	if (n == 0)
		return;
	if (judged == 0 && skipped > 0)
		st = BBT_SKIPPED;
	putc('\n', fp);
	layer_head(fp, l, st, judged + skipped > 0, color);
	for (size_t i = 0; i < c->n; i++)
		if (layer_of(c->v[i].name) == l)
			fact(fp, &c->v[i], iface, color);
}

int
bbt_human_write(const struct bbt_checks *c, FILE *fp, int color)
{
	enum bbt_state worst = bbt_checks_worst(c);
	const char *iface = NULL;
	char head[TEXTSZ];
	const char *w;

	for (size_t i = 0; i < c->n; i++)
		if (strcmp(c->v[i].name, "link.carrier") == 0) {
			iface = c->v[i].target;
			break;
		}
	headline(c, worst, head, sizeof(head));
	clean(head);
	w = word(worst);
	put_state(fp, worst, w, color);
	fputs("  ", fp);
	put_fit(fp, head, BBT_HUMAN_COLS - 2 - bbt_text_width(w), 0);
	putc('\n', fp);
	if (c->case_id || iface) {
		char line[TEXTSZ];

		if (c->case_id && iface)
			snprintf(line, sizeof(line), _("%s on %s, case %s"),
			    c->tool, iface, c->case_id);
		else if (iface)
			snprintf(line, sizeof(line), _("%s on %s"), c->tool,
			    iface);
		else
			snprintf(line, sizeof(line), _("%s, case %s"),
			    c->tool, c->case_id);
		clean(line);
		put_fit(fp, line, BBT_HUMAN_COLS, 0);
		putc('\n', fp);
	}
	for (size_t l = 0; l < NLAYERS; l++)
		layer(fp, c, l, iface, color);
	return fflush(fp) != 0 || ferror(fp) ? -1 : 0;
}
