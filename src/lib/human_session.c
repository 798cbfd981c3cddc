/* SPDX-License-Identifier: MIT */
/*
 * The terminal view's sentences for what pppoe-probe finds after IPCP
 * (IPv6CP, its own LCP echoes, the hold, a session the AC took back),
 * the first traffic through it and its teardown, and for linecheck's
 * speed test: the figures and the reason in words, not the detail keys.
 * Kept apart from human.c, which lays the view out.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/human_int.h"
#include "lib/i18n.h"

#define kv bbt_human_kv

static int
is(const char *a, const char *b)
{
	return strcmp(a, b) == 0;
}

/* How the AC ended the session (by= of ppp.ipcp and ppp.hold). */
static const char *
by_word(const char *by)
{
	if (is(by, "lcp"))
		return _("LCP Terminate");
	if (is(by, "ipcp"))
		return _("IPCP Terminate");
	if (is(by, "padt"))
		return _("PADT");
	return by;
}

/* Milliseconds as seconds with one decimal, for the hold. */
static const char *
secs(const char *ms, char *buf)
{
	char *end;
	double v = strtod(ms, &end);

	if (end == ms || *end)
		return ms;
	snprintf(buf, BBT_HUMAN_KVSZ, "%.1f", v / 1000);
	return buf;
}

/*
 * IPv6CP: an AC without IPv6 (info) is said as such, not as a failure;
 * pppoe-probe's own English messages become sentences of the locale.
 */
static int
ipv6cp(const struct bbt_check *k, char *b, size_t sz)
{
	char r[BBT_HUMAN_KVSZ], m[BBT_HUMAN_KVSZ];
	int n;

	kv(k, "result", r);
	kv(k, "msg", m);
	if (k->status == BBT_OK && k->value)
		snprintf(b, sz, _("up, link-local %s"), k->value);
	else if (k->status == BBT_INFO && is(r, "rejected"))
		snprintf(b, sz, "%s", _("the AC has no IPv6: it refused IPv6CP"));
	else if (k->status == BBT_INFO && is(r, "no_reply"))
		snprintf(b, sz, "%s", _("the AC offered no IPv6 (no IPv6CP)"));
	else if (is(r, "rejected") && is(m, "Interface-Identifier option "
	    "rejected"))
		snprintf(b, sz, "%s", _("the AC rejected our identifier"));
	else if (is(r, "rejected") && sscanf(m, "no Interface-Identifier "
	    "agreed after %d", &n) == 1)
		snprintf(b, sz, ngettext("no identifier agreed after %d "
		    "request", "no identifier agreed after %d requests", n), n);
	else if (is(r, "rejected"))
		snprintf(b, sz, _("refused by the AC: %s"), m);
	else if (is(r, "no_reply"))
		snprintf(b, sz, "%s", _("the AC never acknowledged our "
		    "request"));
	else if (is(r, "terminated") && !is(m, "-"))
		snprintf(b, sz, _("closed by the AC, IPv4 stays up: %s"), m);
	else if (is(r, "terminated"))
		snprintf(b, sz, "%s", _("closed by the AC, IPv4 stays up"));
	else
		return 0;
	return 1;
}

/* ppp.ipcp taken back within the grace, or never given an address. */
static int
ipcp(const struct bbt_check *k, char *b, size_t sz)
{
	char r[BBT_HUMAN_KVSZ], m[BBT_HUMAN_KVSZ], t[BBT_HUMAN_KVSZ],
	    by[BBT_HUMAN_KVSZ];
	int n;

	kv(k, "result", r);
	kv(k, "msg", m);
	if (is(r, "terminated") && !is(kv(k, "up_ms", t), "-")) {
		kv(k, "by", by);
		/* The reason first: a long one is cut, not lost. */
		if (is(m, "-"))
			snprintf(b, sz, _("the AC ended it (%s, %s ms)"),
			    by_word(by), t);
		else
			snprintf(b, sz, _("the AC ended it: %s (%s, %s ms)"),
			    m, by_word(by), t);
	} else if (is(r, "no_address") && sscanf(m, "no address after %d",
	    &n) == 1)
		snprintf(b, sz, ngettext("no address after %d request",
		    "no address after %d requests", n), n);
	else if (is(r, "no_address"))
		snprintf(b, sz, "%s", _("no address from the AC"));
	else
		return 0;
	return 1;
}

static int
hold(const struct bbt_check *k, char *b, size_t sz)
{
	char r[BBT_HUMAN_KVSZ], m[BBT_HUMAN_KVSZ], by[BBT_HUMAN_KVSZ],
	    x[BBT_HUMAN_KVSZ], want[BBT_HUMAN_KVSZ], got[BBT_HUMAN_KVSZ];

	if (k->value == NULL)
		return 0;
	secs(kv(k, "hold_ms", x), want);
	secs(k->value, got);
	kv(k, "result", r);
	if (is(r, "ok"))
		snprintf(b, sz, _("up %s s as asked, %s echoes of the AC "
		    "answered"), got, kv(k, "echo_replies", x));
	else if (is(r, "terminated")) {
		kv(k, "by", by);
		if (is(kv(k, "msg", m), "-"))
			snprintf(b, sz, _("the AC ended it (%s, %s of %s s)"),
			    by_word(by), got, want);
		else
			snprintf(b, sz, _("the AC ended it: %s (%s, %s of %s "
			    "s)"), m, by_word(by), got, want);
	} else if (is(r, "interrupted"))
		snprintf(b, sz, _("interrupted after %s of %s s"), got, want);
	else
		return 0;
	return 1;
}

/* Our LCP Echo-Requests: the AC's PPP process answering, and how fast. */
static int
echo(const struct bbt_check *k, char *b, size_t sz)
{
	char s[BBT_HUMAN_KVSZ], r[BBT_HUMAN_KVSZ], lo[BBT_HUMAN_KVSZ],
	    hi[BBT_HUMAN_KVSZ];

	if (is(kv(k, "sent", s), "-"))
		return 0;
	kv(k, "received", r);
	if (k->value == NULL || atoi(r) == 0)
		snprintf(b, sz, _("none of %s echo requests answered"), s);
	else if (is(kv(k, "rtt_min", lo), kv(k, "rtt_max", hi)))
		snprintf(b, sz, _("%s of %s answered, %s ms"), r, s, k->value);
	else
		snprintf(b, sz, _("%s of %s answered, %s ms average (%s to "
		    "%s)"), r, s, k->value, lo, hi);
	return 1;
}

/* linecheck's limit= words (a comma list) in the locale's words. */
static void
limits(const char *l, char *b, size_t sz)
{
	static const struct bbt_human_word w[] = {
		{ "link_speed", N_("a slower link") },
		{ "half_duplex", N_("half duplex") },
		{ "wifi", N_("Wi-Fi") },
		{ "link_errors", N_("link errors") },
		{ "mtu", N_("the MTU") },
	};
	size_t n = 0;

	b[0] = '\0';
	while (*l && n < sz) {
		size_t len = strcspn(l, ",");
		const char *s = bbt_human_say(w, BBT_HUMAN_NWORDS(w), l, len);

		n += snprintf(b + n, sz - n, "%s%.*s", n ? _(", ") : "",
		    s ? (int)strlen(s) : (int)len, s ? s : l);
		l += len + (l[len] == ',');
	}
}

/* The rate against the plan, and what caps it; errors stay generic. */
static int
speed(const struct bbt_check *k, char *b, size_t sz)
{
	char p[BBT_HUMAN_KVSZ], q[BBT_HUMAN_KVSZ], l[BBT_HUMAN_KVSZ],
	    lw[BBT_HUMAN_KVSZ];
	int n;

	if (k->value == NULL)
		return 0;
	/* --wired: the two sides' records are told apart by interface. */
	n = k->target && strstr(k->target, "://") == NULL ?
	    snprintf(b, sz, _("%s: "), k->target) : 0;
	if (n < 0 || (size_t)n >= sz)
		return 0;
	if (is(k->name, "speed.latency")) {
		if (is(kv(k, "down_ms", p), "-") && is(kv(k, "up_ms", p), "-"))
			snprintf(b + n, sz - n, _("%s ms idle"),
			    kv(k, "idle_ms", q));
		else if (is(kv(k, "idle_ms", q), "-"))
			/* No quick connect in the server choice. */
			snprintf(b + n, sz - n, _("%s ms under load, idle "
			    "unknown"), k->value);
		else
			snprintf(b + n, sz - n, _("%s ms under load, %s ms idle"),
			    k->value, q);
		return 1;
	}
	if (is(kv(k, "plan", p), "-") || is(kv(k, "ratio", q), "-"))
		n += snprintf(b + n, sz - n, _("%s Mbit/s"), k->value);
	else
		n += snprintf(b + n, sz - n, _("%s Mbit/s, plan %s (%.0f %%)"),
		    k->value, p, strtod(q, NULL) * 100);
	if (n > 0 && (size_t)n < sz && !is(kv(k, "limit", l), "-")) {
		limits(l, lw, sizeof(lw));
		snprintf(b + n, sz - n, _(", limited by %s"), lw);
	}
	return 1;
}

static const char *
target(const struct bbt_check *k)
{
	return k->target != NULL ? k->target : "-";
}

/* ppp.ping: per target, as the LCP echoes are said. */
static int
ping(const struct bbt_check *k, char *b, size_t sz)
{
	char s[BBT_HUMAN_KVSZ], r[BBT_HUMAN_KVSZ];

	if (is(kv(k, "sent", s), "-"))
		return 0;
	kv(k, "received", r);
	if (k->value == NULL || atoi(r) == 0)
		snprintf(b, sz, _("%s: none of %s echo requests answered"),
		    target(k), s);
	else
		snprintf(b, sz, _("%s: %s of %s answered, %s ms"), target(k),
		    r, s, k->value);
	return 1;
}

/* ppp.dns: what the name resolved to, or how the resolver failed. */
static int
dns(const struct bbt_check *k, char *b, size_t sz)
{
	char n[BBT_HUMAN_KVSZ], a[BBT_HUMAN_KVSZ], q[BBT_HUMAN_KVSZ],
	    t[BBT_HUMAN_KVSZ], r[BBT_HUMAN_KVSZ];

	kv(k, "name", n);
	kv(k, "a", a);
	kv(k, "aaaa", q);
	kv(k, "rtt_ms", t);
	kv(k, "result", r);
	/* The time, the addresses, the name last: an IPv6 resolver's line
	 * is long, the view cuts it at the end, and the name is the same
	 * on every resolver's line. */
	if (is(r, "timeout") || is(r, "unreachable"))
		snprintf(b, sz, _("%s: no answer for %s"), target(k), n);
	else if (is(r, "malformed"))
		snprintf(b, sz, _("%s: malformed answer for %s"), target(k),
		    n);
	else if (!is(r, "ok"))
		return 0;
	else if (is(q, "-"))
		snprintf(b, sz, _("%s: %s ms, %s for %s"), target(k), t, a, n);
	else if (is(a, "-"))
		snprintf(b, sz, _("%s: %s ms, %s for %s"), target(k), t, q, n);
	else
		snprintf(b, sz, _("%s: %s ms, %s and %s for %s"), target(k), t,
		    a, q, n);
	return 1;
}

/* ppp.http: the answer, and a redirect said for what it is. */
static int
http(const struct bbt_check *k, char *b, size_t sz)
{
	char l[BBT_HUMAN_KVSZ], p[BBT_HUMAN_KVSZ], n[BBT_HUMAN_KVSZ],
	    t[BBT_HUMAN_KVSZ];

	if (k->value == NULL)
		return 0;
	kv(k, "location", l);
	if (is(kv(k, "portal", p), "yes"))
		snprintf(b, sz, _("a payment portal: %s to %s"), k->value, l);
	else if (!is(l, "-"))
		snprintf(b, sz, _("%s redirected to %s"), k->value, l);
	else if (!is(kv(k, "bytes", n), "-") &&
	    !is(kv(k, "ttfb_ms", t), "-"))
		snprintf(b, sz, _("%s, %s bytes, first byte after %s ms"),
		    k->value, n, t);
	else
		return 0;
	return 1;
}

/* linecheck --wired: which side misses the plan (the rates are on the
 * lines above, by interface). */
static int
compare(const struct bbt_check *k, char *b, size_t sz)
{
	char m[BBT_HUMAN_KVSZ];

	kv(k, "misses", m);
	if (is(m, "wifi"))
		snprintf(b, sz, "%s", _("Wi-Fi misses the plan, wired meets it"));
	else if (is(m, "wired"))
		snprintf(b, sz, "%s", _("wired misses the plan, Wi-Fi meets it"));
	else if (is(m, "both"))
		snprintf(b, sz, "%s", _("both miss the plan: not the Wi-Fi"));
	else if (is(m, "none"))
		snprintf(b, sz, "%s", _("both meet the plan"));
	else
		return 0;
	return 1;
}

/* LCP that did not come up: ppp.lcp result=timeout|terminated|
 * rejected|interrupted in words. */
static int
lcp(const struct bbt_check *k, char *b, size_t sz)
{
	char r[BBT_HUMAN_KVSZ], m[BBT_HUMAN_KVSZ], n[BBT_HUMAN_KVSZ];
	const char *res = kv(k, "result", r), *msg = kv(k, "msg", m);

	if (is(res, "timeout"))
		snprintf(b, sz, _("no answer to %s Configure-Requests"),
		    kv(k, "sent", n));
	else if (is(res, "terminated") && is(msg, "-"))
		snprintf(b, sz, "%s", _("ended by the access concentrator"));
	else if (is(res, "terminated"))
		snprintf(b, sz, _("ended by the access concentrator: %s"),
		    msg);
	else if (is(res, "rejected") && is(msg, "-"))
		snprintf(b, sz, "%s", _("our options rejected"));
	else if (is(res, "rejected"))
		snprintf(b, sz, _("our options rejected: %s"), msg);
	else if (is(res, "interrupted"))
		snprintf(b, sz, "%s", _("interrupted before it came up"));
	else
		return 0;
	return 1;
}

/*
 * The teardown (ppp.cleanup): padt=yes|peer|no, lcp_term=
 * yes|unacked|peer|no in words, not the record's.
 */
static int
cleanup(const struct bbt_check *k, char *b, size_t sz)
{
	static const struct bbt_human_word padt[] = {
		{ "yes", N_("sent") },
		{ "peer", N_("from the AC") },
		{ "no", N_("not sent") },
	}, term[] = {
		{ "yes", N_("acknowledged") },
		{ "unacked", N_("not acknowledged") },
		{ "peer", N_("by the peer") },
		{ "no", N_("not sent") },
	};
	char p[BBT_HUMAN_KVSZ], l[BBT_HUMAN_KVSZ];

	snprintf(b, sz, _("PADT %s, LCP terminate %s"),
	    bbt_human_say_or(padt, BBT_HUMAN_NWORDS(padt), kv(k, "padt", p)),
	    bbt_human_say_or(term, BBT_HUMAN_NWORDS(term),
	    kv(k, "lcp_term", l)));
	return 1;
}

int
bbt_human_session(const struct bbt_check *k, char *b, size_t sz)
{
	if (k->status == BBT_SKIPPED)
		return 0;
	if (is(k->name, "ppp.ipv6cp"))
		return ipv6cp(k, b, sz);
	if (is(k->name, "ppp.ipcp"))
		return ipcp(k, b, sz);
	if (is(k->name, "ppp.hold"))
		return hold(k, b, sz);
	if (is(k->name, "ppp.echo"))
		return echo(k, b, sz);
	if (is(k->name, "ppp.ping"))
		return ping(k, b, sz);
	if (is(k->name, "ppp.dns"))
		return dns(k, b, sz);
	if (is(k->name, "ppp.http"))
		return http(k, b, sz);
	if (is(k->name, "ppp.cleanup"))
		return cleanup(k, b, sz);
	if (is(k->name, "ppp.lcp") && k->status != BBT_OK)
		return lcp(k, b, sz);
	if (is(k->name, "speed.down") || is(k->name, "speed.up") ||
	    is(k->name, "speed.latency"))
		return speed(k, b, sz);
	if (is(k->name, "speed.compare"))
		return compare(k, b, sz);
	return 0;
}
