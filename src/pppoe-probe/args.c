/* SPDX-License-Identifier: MIT */
/* pppoe-probe command line: argp table and checks, callable from tests. */
#include <argp.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "lib/ether.h"
#include "lib/checks.h"
#include "lib/i18n.h"
#include "lib/num.h"
#include "pppoe-probe/disc.h"
#include "pppoe-probe/probe.h"
#include "pppoe-probe/session.h"

enum {
	OPT_AC_MAC = 0x1000, OPT_AUTH, OPT_BACKOFF, OPT_CASE, OPT_EXPECT,
	OPT_FIRST, OPT_GRACE, OPT_HOLD, OPT_HOST_UNIQ, OPT_MAX_PAYLOAD, OPT_MRU, OPT_NO_IPV6, OPT_PADT,
	OPT_NO_DHCP6, OPT_PD_LENGTH,	/* IPv6 task (v6.c) */
	OPT_PASSWORD_FILE, OPT_PCP, OPT_PROMISC, OPT_QINQ, OPT_REDIAL,
	OPT_SESSION_TIMEOUT, OPT_VLAN, OPT_VLAN_SCAN, OPT_WATCH,
};

/* Sorted by long name (STYLE.md). */
static const struct argp_option options[] = {
	{ "ac-mac", OPT_AC_MAC, "MAC", 0,
	    N_("accept offers only from this AC MAC address (repeatable)"), 0 },
	{ "ac-name", 'C', "NAME", 0,
	    N_("accept offers only from the AC with this AC-Name"), 0 },
	{ "attempts", 'a', "N", 0,
	    N_("send at most N PADIs (default 3)"), 0 },
	{ "auth", OPT_AUTH, "LIST", 0,
	    N_("authentication methods to accept: any or a comma-separated "
	    "list of pap, chap, mschapv2 (default any)"), 0 },
	{ "backoff", OPT_BACKOFF, "FACTOR", 0,
	    N_("multiply the collection window by FACTOR after each PADI "
	    "(default 3)"), 0 },
	{ "case", OPT_CASE, "ID", 0,
	    N_("print a case record with this id first"), 0 },
	{ "dns-name", OPT_TR_DNS_NAME, "NAME", 0,
	    N_("with --user, the name to ask each IPCP resolver for (A and "
	    "AAAA; default the host of --url)"), 0 },
	{ "expect", OPT_EXPECT, "N", 0,
	    N_("stop as soon as N access concentrators answered"), 0 },
	{ "first", OPT_FIRST, NULL, 0,
	    N_("stop at the first matching offer"), 0 },
	{ "grace", OPT_GRACE, "DURATION", 0,
	    N_("with --user, keep the session for DURATION after IPCP (before "
	    "any --hold) and report the AC taking it back; 0 for none "
	    "(default 1s)"), 0 },
	{ "hold", OPT_HOLD, "DURATION", 0,
	    N_("with --user, keep the session up for DURATION after IPCP, "
	    "answering the AC's keepalives, then close it"), 0 },
	{ "host-uniq", OPT_HOST_UNIQ, "VALUE", 0,
	    N_("Host-Uniq tag: text, 0x-prefixed hex, or none (default: "
	    "random)"), 0 },
	{ "interface", 'i', "IFACE", 0,
	    N_("Ethernet interface to probe (required)"), 0 },
	{ "max-payload", OPT_MAX_PAYLOAD, "BYTES", 0,
	    N_("ask for PPP-Max-Payload BYTES (RFC 4638)"), 0 },
	{ "mru", OPT_MRU, "BYTES", 0,
	    N_("LCP MRU to ask for, 0 for none (default 1492, or the "
	    "PPP-Max-Payload the AC granted)"), 0 },
	{ "no-dhcp6", OPT_NO_DHCP6, NULL, 0,
	    N_("with --user, after IPv6CP only solicit the router "
	    "advertisement: no DHCPv6 for an address or a prefix"), 0 },
	{ "no-ipv6", OPT_NO_IPV6, NULL, 0,
	    N_("with --user, answer the AC's IPv6CP with a Protocol-Reject "
	    "instead of negotiating an interface identifier"), 0 },
	{ "no-traffic", OPT_TR_NO_TRAFFIC, NULL, 0,
	    N_("send no traffic through the session after IPCP (no ping, "
	    "DNS or HTTP test)"), 0 },
	{ "padt", OPT_PADT, "SESSION:MAC", 0,
	    N_("only send a PADT for this session to this AC and exit"), 0 },
	{ "password-file", OPT_PASSWORD_FILE, "FILE", 0,
	    N_("read the password from the first line of FILE (- for "
	    "stdin); else from $PPPOE_PASSWORD"), 0 },
	{ "ping", OPT_TR_PING, "ADDR", 0,
	    N_("with --user, also ping this IPv4 address through the session "
	    "(repeatable, at most 8)"), 0 },
	{ "pd-length", OPT_PD_LENGTH, "BITS", 0,
	    N_("ask DHCPv6 for a delegated prefix of this length, 1-128 "
	    "(default: no hint, the BRAS chooses)"), 0 },
	{ "pcp", OPT_PCP, "N", 0,
	    N_("802.1p priority 0-7 in the VLAN tags (default 0)"), 0 },
	{ "promisc", OPT_PROMISC, NULL, 0,
	    N_("put the interface into promiscuous mode while probing"), 0 },
	{ "qinq", OPT_QINQ, "VID", 0,
	    N_("add an outer 802.1ad tag with this VLAN id"), 0 },
	{ "service", 'S', "NAME", 0,
	    N_("Service-Name to ask for; offers without it are filtered"), 0 },
	{ "redial", OPT_REDIAL, "N", OPTION_ARG_OPTIONAL,
	    N_("with --watch, start a new session after the AC drops one, "
	    "at most N times (default 3)"), 0 },
	{ "session-timeout", OPT_SESSION_TIMEOUT, "DURATION", 0,
	    N_("time allowed for PADR to IPCP (default 10s)"), 0 },
	{ "timeout", 't', "DURATION", 0,
	    N_("upper bound for discovery (default 5s)"), 0 },
	{ "url", OPT_TR_URL, "URL", 0,
	    N_("with --user, the http:// page to GET through the session "
	    "(default http://www.baidu.com/)"), 0 },
	{ "user", 'u', "NAME", 0,
	    N_("open a session and authenticate as NAME"), 0 },
	{ "vlan", OPT_VLAN, "VID", 0,
	    N_("tag frames with this 802.1Q VLAN id (0 = priority tag)"), 0 },
	{ "vlan-scan", OPT_VLAN_SCAN, "LIST", 0,
	    N_("probe every VLAN id of LIST (e.g. 1-10,35) at once"), 0 },
	{ "wait", 'w', "DURATION", 0,
	    N_("collection window after the first PADI (default 250ms)"), 0 },
	{ "watch", OPT_WATCH, NULL, 0,
	    N_("with --hold, record each echo loss run, RTT spike and drop "
	    "as it happens, and a summary at the end"), 0 },
	{ NULL, 0, NULL, 0, NULL, 0 },
};

static const char *const formats[] = {
	"tsv", "text", "json", "summary", "prometheus", "records", NULL,
};

static int
vid_cmp(const void *a, const void *b)
{
	return (int)*(const uint16_t *)a - (int)*(const uint16_t *)b;
}

const char *
pppoe_probe_parse_vids(const char *s, uint16_t **out, int *n)
{
	static char seen[4096];
	uint16_t *v;
	int k = 0;

	memset(seen, 0, sizeof(seen));
	while (*s) {
		char *end;
		long a, b;

		if (*s < '0' || *s > '9')
			return N_("not a VLAN list");
		a = strtol(s, &end, 10);
		b = a;
		if (*end == '-') {
			s = end + 1;
			if (*s < '0' || *s > '9')
				return N_("not a VLAN list");
			b = strtol(s, &end, 10);
		}
		if (a < 0 || b > 4094 || a > b)
			return N_("VLAN ids are 0 to 4094");
		for (long i = a; i <= b; i++)
			seen[i] = 1;
		s = end;
		if (*s == ',')
			s++;
		else if (*s)
			return N_("not a VLAN list");
	}
	for (int i = 0; i < 4095; i++)
		k += seen[i];
	if (k == 0)
		return N_("not a VLAN list");
	if ((v = malloc((size_t)k * sizeof(*v))) == NULL)
		return N_("out of memory");
	k = 0;
	for (int i = 0; i < 4095; i++)
		if (seen[i])
			v[k++] = (uint16_t)i;
	qsort(v, (size_t)k, sizeof(*v), vid_cmp);
	*out = v;
	*n = k;
	return NULL;
}

static int
hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c |= 0x20;
	return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

const char *
pppoe_probe_parse_bytes(const char *s, uint8_t *out, size_t sz, size_t *n)
{
	size_t l = strlen(s);

	/* pfSense and OPNsense users write Host-Uniq as 0x-hex. */
	if (l > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
		s += 2;
		l -= 2;
		if (l % 2)
			return N_("odd number of hex digits");
		if (l / 2 > sz)
			return N_("too long");
		for (size_t i = 0; i < l / 2; i++) {
			int h = hexval(s[2 * i]), lo = hexval(s[2 * i + 1]);

			if (h < 0 || lo < 0)
				return N_("not a hex string");
			out[i] = (uint8_t)(h << 4 | lo);
		}
		*n = l / 2;
		return NULL;
	}
	if (l == 0)
		return N_("empty value");
	if (l > sz)
		return N_("too long");
	memcpy(out, s, l);
	*n = l;
	return NULL;
}

int
pppoe_probe_parse_padt(const char *s, unsigned *session, uint8_t mac[6])
{
	const char *colon = strchr(s, ':');
	char num[8];
	long long v;

	/* The session part is at most "65535"; copied, as s is const. */
	if (colon == NULL || colon == s || (size_t)(colon - s) >= sizeof(num))
		return -1;
	memcpy(num, s, (size_t)(colon - s));
	num[colon - s] = '\0';
	if (bbt_num_ll(num, 0, 65535, &v) != NULL ||
	    bbt_mac_parse(colon + 1, mac) < 0)
		return -1;
	*session = (unsigned)v;
	return 0;
}

static int
parse_auth(const char *arg, unsigned *mask)
{
	char buf[128], *tok, *save = NULL;

	if (strcmp(arg, "any") == 0) {
		*mask = SA_PAP | SA_CHAP | SA_MSCHAPV2;
		return 0;
	}
	if (strlen(arg) >= sizeof(buf))
		return -1;
	strcpy(buf, arg);
	*mask = 0;
	for (tok = strtok_r(buf, ",", &save); tok;
	    tok = strtok_r(NULL, ",", &save)) {
		if (strcmp(tok, "pap") == 0)
			*mask |= SA_PAP;
		else if (strcmp(tok, "chap") == 0)
			*mask |= SA_CHAP;
		else if (strcmp(tok, "mschapv2") == 0)
			*mask |= SA_MSCHAPV2;
		else
			return -1;
	}
	return *mask ? 0 : -1;
}

/* The interface, its VLAN tags, --padt and the case id. */
static error_t
parse_link(int key, char *arg, struct argp_state *st)
{
	struct probe_opts *o = st->input;
	long long v;
	int r;

	switch (key) {
	case 'i':
		if (strlen(arg) == 0 || strlen(arg) >= 16) {
			argp_error(st, _("invalid interface name '%s'"), arg);
			return EINVAL;
		}
		o->iface = arg;
		break;
	case OPT_CASE:
		if (*arg == '\0') {
			argp_error(st, _("the case id must not be empty"));
			return EINVAL;
		}
		o->case_id = arg;
		break;
	case OPT_PADT:
		if (pppoe_probe_parse_padt(arg, &o->padt_session,
		    o->padt_mac) < 0) {
			argp_error(st, _("invalid value '%s' for --padt: use "
			    "SESSION:MAC, e.g. 1:52:54:00:12:34:56"), arg);
			return EINVAL;
		}
		o->do_padt = 1;
		break;
	case OPT_PCP:
		if ((r = bbt_arg_ll(st, "--pcp", arg, 0, 7, &v)))
			return r;
		o->pcp = (int)v;
		break;
	case OPT_PROMISC:
		o->promisc = 1;
		break;
	case OPT_QINQ:
		if ((r = bbt_arg_ll(st, "--qinq", arg, 1, 4094, &v)))
			return r;
		o->qinq = (int)v;
		break;
	case OPT_VLAN:
		if ((r = bbt_arg_ll(st, "--vlan", arg, 0, 4094, &v)))
			return r;
		o->vlan = (int)v;
		break;
	case OPT_VLAN_SCAN: {
		const char *why;

		free(o->scan);
		o->scan = NULL;
		if ((why = pppoe_probe_parse_vids(arg, &o->scan, &o->nscan))) {
			argp_error(st, _("invalid value '%s' for %s: %s"),
			    arg, "--vlan-scan", _(why));
			return EINVAL;
		}
		break;
	}
	default:
		return ARGP_ERR_UNKNOWN;
	}
	return 0;
}

/* Discovery: what to ask for and how long to wait. */
static error_t
parse_disc(int key, char *arg, struct argp_state *st)
{
	struct probe_opts *o = st->input;
	long long v;
	int r;

	switch (key) {
	case 'a':
		if ((r = bbt_arg_ll(st, "--attempts", arg, 1, 100, &v)))
			return r;
		o->attempts = (int)v;
		break;
	case 'C':
		o->ac_name = arg;
		break;
	case 'S':
		o->service = arg;
		break;
	case 't':
		if ((r = bbt_arg_duration_ms(st, "--timeout", arg, 1, 3600000, &o->timeout_ms)))
			return r;
		break;
	case 'w':
		if ((r = bbt_arg_duration_ms(st, "--wait", arg, 1, 3600000, &o->wait_ms)))
			return r;
		break;
	case OPT_AC_MAC:
		if (o->n_ac_mac >= PROBE_MAX_ACMAC ||
		    bbt_mac_parse(arg, o->ac_mac[o->n_ac_mac]) < 0) {
			argp_error(st, _("invalid MAC address '%s' for "
			    "--ac-mac"), arg);
			return EINVAL;
		}
		o->n_ac_mac++;
		break;
	case OPT_BACKOFF: {
		const char *why = bbt_num_double(arg, 1, 10, &o->backoff);

		if (why) {
			argp_error(st, _("invalid value '%s' for %s: %s "
			    "(allowed %g to %g)"), arg, "--backoff", _(why),
			    1.0, 10.0);
			return EINVAL;
		}
		break;
	}
	case OPT_EXPECT:
		if ((r = bbt_arg_ll(st, "--expect", arg, 1, 1000, &v)))
			return r;
		o->expect = (int)v;
		break;
	case OPT_FIRST:
		o->first = 1;
		break;
	case OPT_HOST_UNIQ: {
		const char *why;

		if (strcmp(arg, "none") == 0) {
			o->host_uniq_mode = HU_NONE;
			break;
		}
		why = pppoe_probe_parse_bytes(arg, o->host_uniq,
		    sizeof(o->host_uniq), &o->host_uniq_len);
		if (why) {
			argp_error(st, _("invalid value '%s' for %s: %s"),
			    arg, "--host-uniq", _(why));
			return EINVAL;
		}
		o->host_uniq_mode = HU_GIVEN;
		break;
	}
	case OPT_MAX_PAYLOAD:
		if ((r = bbt_arg_ll(st, "--max-payload", arg, 1492, 65535, &v)))
			return r;
		o->max_payload = (int)v;
		break;
	default:
		return ARGP_ERR_UNKNOWN;
	}
	return 0;
}

/* The account test: -u and what goes with it. */
static error_t
parse_sess(int key, char *arg, struct argp_state *st)
{
	struct probe_opts *o = st->input;
	long long v;
	int r;

	switch (key) {
	case 'u':
		if (strlen(arg) == 0 || strlen(arg) > 200) {
			argp_error(st, _("invalid user name '%s'"), arg);
			return EINVAL;
		}
		o->user = arg;
		break;
	case OPT_AUTH:
		if (parse_auth(arg, &o->auth_mask) < 0) {
			argp_error(st, _("invalid value '%s' for --auth: use "
			    "any or a list of pap, chap, mschapv2"), arg);
			return EINVAL;
		}
		break;
	case OPT_GRACE:
		if (strcmp(arg, "0") == 0)
			o->grace_ms = 0;
		else if ((r = bbt_arg_duration_ms(st, "--grace", arg, 1,
		    60000, &o->grace_ms)))
			return r;
		o->grace_given = 1;
		break;
	case OPT_HOLD:
		if ((r = bbt_arg_duration_ms(st, "--hold", arg, 1, 86400000,
		    &o->hold_ms)))
			return r;
		break;
	case OPT_REDIAL:
		o->redial = 3;
		if (arg && (r = bbt_arg_ll(st, "--redial", arg, 1, 100, &v)))
			return r;
		if (arg)
			o->redial = (int)v;
		break;
	case OPT_WATCH:
		o->watch = 1;
		break;
	case OPT_MRU:
		if ((r = bbt_arg_ll(st, "--mru", arg, 0, 65535, &v)))
			return r;
		if (v != 0 && v < 64) {
			argp_error(st, _("invalid value '%s' for %s: %s "
			    "(allowed %lld to %lld)"), arg, "--mru",
			    _("too small"), 64LL, 65535LL);
			return EINVAL;
		}
		o->mru = (int)v;
		o->mru_given = 1;
		break;
	case OPT_NO_IPV6:
		o->no_ipv6 = 1;
		break;
	case OPT_NO_DHCP6:
		o->no_dhcp6 = 1;
		break;
	case OPT_PD_LENGTH:
		if ((r = bbt_arg_ll(st, "--pd-length", arg, 1, 128, &v)))
			return r;
		o->pd_len = (int)v;
		break;
	case OPT_PASSWORD_FILE:
		o->password_file = arg;
		break;
	case OPT_SESSION_TIMEOUT:
		if ((r = bbt_arg_duration_ms(st, "--session-timeout", arg, 100, 3600000,
		    &o->session_timeout_ms)))
			return r;
		break;
	default:
		return ARGP_ERR_UNKNOWN;
	}
	return 0;
}

/* Options that need or exclude others, checked once all are read. */
static error_t
check_opts(struct probe_opts *o, struct argp_state *st)
{
	if (o->iface == NULL) {
		argp_error(st, _("no interface given: use -i IFACE"));
		return EINVAL;
	}
	if (o->vlan >= 0 && o->scan) {
		argp_error(st, _("--vlan and --vlan-scan exclude each "
		    "other"));
		return EINVAL;
	}
	if (o->qinq >= 0 && o->vlan < 0 && o->scan == NULL) {
		argp_error(st, _("--qinq needs --vlan or --vlan-scan "
		    "for the inner tag"));
		return EINVAL;
	}
	if (o->do_padt && o->user) {
		argp_error(st, _("--padt and --user exclude each "
		    "other"));
		return EINVAL;
	}
	if (o->user && o->scan) {
		argp_error(st, _("--user needs one VLAN, not "
		    "--vlan-scan"));
		return EINVAL;
	}
	if (o->grace_given && o->user == NULL) {
		argp_error(st, _("--grace needs --user"));
		return EINVAL;
	}
	if (o->hold_ms && o->user == NULL) {
		argp_error(st, _("--hold needs --user"));
		return EINVAL;
	}
	if (o->watch && o->hold_ms == 0) {
		argp_error(st, _("--watch needs --hold"));
		return EINVAL;
	}
	if (o->redial && !o->watch) {
		argp_error(st, _("--redial needs --watch"));
		return EINVAL;
	}
	if (o->password_file && o->user == NULL) {
		argp_error(st, _("--password-file needs --user"));
		return EINVAL;
	}
	if ((o->tr.url || o->tr.dns_name || o->tr.nping) && o->user == NULL) {
		argp_error(st, _("--url, --dns-name and --ping need --user"));
		return EINVAL;
	}
	if (o->common.format)
		o->fmt = bbt_checks_format_parse(o->common.format);
	else
		o->fmt = bbt_isatty(stdout) ? BBT_CFMT_TEXT :
		    BBT_CFMT_TSV;
	return 0;
}

static error_t
parse(int key, char *arg, struct argp_state *st)
{
	struct probe_opts *o = st->input;
	error_t e;

	switch (key) {
	case ARGP_KEY_INIT:
		st->child_inputs[0] = &o->common;
		break;
	case ARGP_KEY_ARG:
		argp_error(st, _("unexpected argument '%s'"), arg);
		return EINVAL;
	case ARGP_KEY_END:
		return check_opts(o, st);
	default:
		if ((e = parse_link(key, arg, st)) != ARGP_ERR_UNKNOWN ||
		    (e = parse_disc(key, arg, st)) != ARGP_ERR_UNKNOWN ||
		    (e = traffic_parse_opt(key, arg, st, &o->tr)) !=
		    ARGP_ERR_UNKNOWN)
			return e;
		return parse_sess(key, arg, st);
	}
	return 0;
}

static const char doc[] = N_(
    "Find the PPPoE access concentrators on an Ethernet segment and, "
    "with --user, test an account end to end: PADI/PADO, PADR/PADS, LCP, "
    "PAP/CHAP/MS-CHAPv2, IPCP and IPv6CP, the RA and DHCPv6, first "
    "traffic through the session, then LCP Terminate and PADT. Prints "
    "check records (bbt-record(5)).");
static const char doc_post[] = N_(
    "The password is read from --password-file or the environment "
    "variable PPPOE_PASSWORD, never from the command line. Exit status: "
    "0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN (usage, privileges, "
    "interface).");

static char *
help_filter(int key, const char *text, void *input)
{
	(void)input;
	return bbt_help_doc(key, text, doc_post);
}

static const struct argp argp = {
	options, parse, "-i IFACE", doc, bbt_common_children, help_filter,
	BBT_TEXTDOMAIN,
};

int
pppoe_probe_parse_args(int argc, char **argv, struct probe_opts *o,
    unsigned flags)
{
	memset(o, 0, sizeof(*o));
	o->common.formats = formats;
	o->timeout_ms = 5000;
	o->wait_ms = 250;
	o->session_timeout_ms = 10000;
	o->grace_ms = 1000;
	o->attempts = 3;
	o->backoff = 3;
	o->vlan = -1;
	o->qinq = -1;
	o->max_payload = -1;
	o->mru = 1492;
	o->auth_mask = SA_PAP | SA_CHAP | SA_MSCHAPV2;
	return bbt_argp_parse(&argp, argc, argv, flags, o);
}

void
pppoe_probe_free_opts(struct probe_opts *o)
{
	free(o->scan);
	o->scan = NULL;
}
