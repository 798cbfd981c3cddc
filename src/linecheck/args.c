/* SPDX-License-Identifier: MIT */
/* linecheck command line: the argp table and its checks, callable from
 * unit tests with ARGP_SILENT. */
#include <argp.h>
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lib/checks.h"
#include "lib/i18n.h"
#include "lib/num.h"
#include "linecheck/linecheck.h"

enum {
	OPT_CACERT = 0x1000, OPT_CASE, OPT_DHCP_WAIT, OPT_DNS_WARN,
	OPT_ERRORS_CRIT, OPT_ERRORS_WARN, OPT_INTERVAL, OPT_LLDP,
	OPT_LOSS_CRIT, OPT_LOSS_WARN, OPT_MTU_EXPECT, OPT_MTU_TARGET,
	OPT_PING, OPT_RESOLV_CONF, OPT_RESOLVER, OPT_RTT_CRIT, OPT_RTT_WARN,
	OPT_SKIP, OPT_TARGET, OPT_TTFB_WARN,
	OPT_WATCH,
};

/* Sorted by long name (STYLE.md). */
static const struct argp_option options[] = {
	{ "cacert", OPT_CACERT, "FILE", 0,
	    N_("trust the CA certificates in FILE for HTTPS, besides the "
	    "system ones"), 0 },
	{ "case", OPT_CASE, "ID", 0,
	    N_("print a case record with this id first"), 0 },
	{ "count", 'c', "N", 0,
	    N_("echo requests per ping target (default 20)"), 0 },
	{ "dhcp-wait", OPT_DHCP_WAIT, "DURATION", 0,
	    N_("keep collecting DHCP offers this long after the first one "
	    "(default 300ms)"), 0 },
	{ "dns-warn", OPT_DNS_WARN, "DURATION", 0,
	    N_("warn when a resolver answers slower (default 300ms)"), 0 },
	{ "errors-crit", OPT_ERRORS_CRIT, "N", 0,
	    N_("critical when more error frames arrive during the run "
	    "(default 100)"), 0 },
	{ "errors-warn", OPT_ERRORS_WARN, "N", 0,
	    N_("warn when more error frames arrive during the run "
	    "(default 0)"), 0 },
	{ "interface", 'i', "IFACE", 0,
	    N_("interface to check (default: that of the default route)"), 0 },
	{ "interval", OPT_INTERVAL, "DURATION", 0,
	    N_("time between echo requests (default 25ms; with --watch "
	    "1s)"), 0 },
	{ "lldp", OPT_LLDP, NULL, 0,
	    N_("listen for LLDP until the deadline and report the switch "
	    "port"), 0 },
	{ "loss-crit", OPT_LOSS_CRIT, "PERCENT", 0,
	    N_("critical above this ping loss (default 10)"), 0 },
	{ "loss-warn", OPT_LOSS_WARN, "PERCENT", 0,
	    N_("warn above this ping loss (default 1)"), 0 },
	{ "mtu-expect", OPT_MTU_EXPECT, "BYTES", 0,
	    N_("largest ICMP payload the path should carry (default: "
	    "interface MTU minus 28)"), 0 },
	{ "mtu-target", OPT_MTU_TARGET, "ADDRESS", 0,
	    N_("IPv4 address for the path MTU test (default: the first web "
	    "target, else the gateway)"), 0 },
	{ "output", 'o', "FILE", 0,
	    N_("write the output to FILE, replaced atomically; with --watch "
	    "and --format=prometheus, the textfile rewritten every interval "
	    "(the records stay on standard output)"), 0 },
	{ "ping", OPT_PING, "ADDRESS", 0,
	    N_("also ping this address (repeatable)"), 0 },
	{ "plan", OPT_PLAN, "DOWN[/UP]", 0,
	    N_("subscribed rate in Mbit/s that --speed is judged against"), 0 },
	{ "resolv-conf", OPT_RESOLV_CONF, "FILE", 0,
	    N_("read resolvers from FILE (default /etc/resolv.conf)"), 0 },
	{ "resolver", OPT_RESOLVER, "ADDRESS", 0,
	    N_("query this resolver instead of those of resolv.conf "
	    "(repeatable)"), 0 },
	{ "rtt-crit", OPT_RTT_CRIT, "DURATION", 0,
	    N_("critical above this average round trip (default 100ms)"), 0 },
	{ "rtt-warn", OPT_RTT_WARN, "DURATION", 0,
	    N_("warn above this average round trip (default 20ms)"), 0 },
	{ "skip", OPT_SKIP, "LIST", 0,
	    N_("leave out checks: comma-separated link, dhcp, arp, ping, "
	    "dns, http, mtu, ipv6, wifi"), 0 },
	{ "slow-ratio", OPT_SLOW_RATIO, "RATIO", 0,
	    N_("share of --plan below which the speed is slow (default "
	    "0.8)"), 0 },
	{ "speed", OPT_SPEED, "URL", OPTION_ARG_OPTIONAL,
	    N_("measure download and upload against the web server of URL, "
	    "a large object (repeatable: the fastest to connect is used); "
	    "loads the line"), 0 },
	{ "speed-streams", OPT_SPEED_STREAMS, "N", 0,
	    N_("parallel connections of --speed (default 4)"), 0 },
	{ "speed-time", OPT_SPEED_TIME, "DURATION", 0,
	    N_("longest --speed measurement per direction (default 8s)"), 0 },
	{ "target", OPT_TARGET, "NAME|URL", 0,
	    N_("name to resolve or URL to fetch (repeatable; default "
	    "http://www.baidu.com/ and https://www.baidu.com/)"), 0 },
	{ "timeout", 't', "DURATION", 0,
	    N_("total deadline for every check (default 5s)"), 0 },
	{ "ttfb-warn", OPT_TTFB_WARN, "DURATION", 0,
	    N_("warn when the first byte of a page takes longer (default "
	    "1s)"), 0 },
	{ "watch", OPT_WATCH, "DURATION", 0,
	    N_("instead of the checks, write a timeline of carrier, "
	    "address, route, gateway-loss, DNS and error-frame events as "
	    "they happen, then a summary"), 0 },
	{ "wired", OPT_WIRED, "IFACE", 0,
	    N_("with --speed, run the test over this wired interface too, "
	    "after that of -i, and say which one misses --plan"), 0 },
	{ NULL, 0, NULL, 0, NULL, 0 },
};

static const char *const formats[] = {
	"tsv", "text", "json", "summary", "prometheus", "records", NULL,
};

/*
 * Without --target: a site every Chinese broadband customer reaches, over
 * HTTP and HTTPS, so that TLS (and with it big packets) is exercised.
 */
static const char *const default_targets[] = {
	"http://www.baidu.com/", "https://www.baidu.com/",
};

/* --skip words to bits; NULL, or the reason (untranslated, N_) for
 * argp_error. An empty item ("dns,") is allowed, an unknown word not. */
const char *
lc_parse_skip(const char *list, unsigned *mask)
{
	static const struct {
		const char *w;
		unsigned m;
	} t[] = {
		{ "link", LC_SKIP_LINK }, { "dhcp", LC_SKIP_DHCP },
		{ "arp", LC_SKIP_ARP }, { "ping", LC_SKIP_PING },
		{ "dns", LC_SKIP_DNS }, { "http", LC_SKIP_HTTP },
		{ "mtu", LC_SKIP_MTU }, { "ipv6", LC_SKIP_IPV6 },
		{ "wifi", LC_SKIP_WIFI },
	};
	const char *p = list;

	while (*p) {
		size_t l = strcspn(p, ","), i;

		for (i = 0; i < sizeof(t) / sizeof(t[0]); i++)
			if (strlen(t[i].w) == l && strncmp(p, t[i].w, l) == 0)
				break;
		if (i == sizeof(t) / sizeof(t[0]))
			return N_("use link, dhcp, arp, ping, dns, http, mtu, "
			    "ipv6 or wifi");
		*mask |= t[i].m;
		p += l;
		if (*p == ',')
			p++;
	}
	return NULL;
}

/*
 * A file named on the command line must be readable and what it claims
 * to be: a typo becomes a usage error naming the file, never a network
 * verdict such as "no resolver" (reliability audit F17). Pipes (bash's
 * <(...)) are allowed; maxsz 0 = no limit.
 */
static int
check_file(struct argp_state *st, const char *path, off_t maxsz)
{
	struct stat sb;
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);

	if (fd < 0 || fstat(fd, &sb) < 0) {
		argp_error(st, "%s: %s", path, strerror(errno));
		if (fd >= 0)
			close(fd);
		return EINVAL;
	}
	close(fd);
	if (S_ISDIR(sb.st_mode)) {
		argp_error(st, "%s: %s", path, strerror(EISDIR));
		return EINVAL;
	}
	if (!S_ISREG(sb.st_mode) && !S_ISFIFO(sb.st_mode)) {
		argp_error(st, _("%s: not a regular file"), path);
		return EINVAL;
	}
	if (maxsz && S_ISREG(sb.st_mode) && sb.st_size > maxsz) {
		argp_error(st, _("%s: larger than %lld KiB: not a resolver "
		    "configuration"), path, (long long)maxsz / 1024);
		return EINVAL;
	}
	return 0;
}

static int
is_addr(const char *s)
{
	unsigned char b[16];

	return inet_pton(AF_INET, s, b) == 1 || inet_pton(AF_INET6, s, b) == 1;
}

/* Repeatable options fill fixed arrays: the limit is a usage error, not
 * a silent truncation. */
static int
add(struct argp_state *st, const char **v, int *n, const char *arg,
    const char *opt)
{
	if (*n >= LC_MAXT) {
		argp_error(st, _("too many %s options (at most %d)"), opt,
		    LC_MAXT);
		return EINVAL;
	}
	v[(*n)++] = arg;
	return 0;
}

/*
 * A watch streams its records to standard output; -o then names only the
 * Prometheus textfile, which is rewritten, not streamed.
 */
static int
watch_output(struct argp_state *st, struct lc_opts *o)
{
	int to_stdout = o->output == NULL || strcmp(o->output, "-") == 0;

	if (!o->watch_ms)
		return 0;
	if (o->fmt == BBT_CFMT_PROMETHEUS && to_stdout) {
		argp_error(st, _("--watch with --format=prometheus needs -o "
		    "FILE, the textfile to rewrite (the records go to "
		    "standard output)"));
		return EINVAL;
	}
	if (o->fmt != BBT_CFMT_PROMETHEUS && !to_stdout) {
		argp_error(st, _("with --watch, -o names the Prometheus "
		    "textfile: add --format=prometheus"));
		return EINVAL;
	}
	return 0;
}

static error_t
parse(int key, char *arg, struct argp_state *st)
{
	struct lc_opts *o = st->input;
	long long v;
	double d;
	int r;
	const char *why;

	switch (key) {
	case ARGP_KEY_INIT:
		st->child_inputs[0] = &o->common;
		break;
	case OPT_CACERT:
		if ((r = check_file(st, arg, 0)))
			return r;
		o->cacert = arg;
		break;
	case OPT_CASE:
		/* The id becomes a record field: no separators in it. */
		if (*arg == '\0' || strpbrk(arg, "\t\n\r")) {
			argp_error(st, _("a case id must not be empty or "
			    "contain tabs or line breaks"));
			return EINVAL;
		}
		o->case_id = arg;
		break;
	case 'c':
		if ((r = bbt_arg_ll(st, "--count", arg, 1, LC_MAXPING, &v)))
			return r;
		o->count = (int)v;
		break;
	case OPT_DHCP_WAIT:
		return bbt_arg_duration_ms(st, "--dhcp-wait", arg, 0, 60000,
		    &o->dhcp_wait_ms);
	case OPT_DNS_WARN:
		return bbt_arg_duration_ms(st, "--dns-warn", arg, 1, 600000,
		    &o->dns_warn_ms);
	case OPT_ERRORS_CRIT:
		return bbt_arg_ll(st, "--errors-crit", arg, 0, 1000000000,
		    &o->errors_crit);
	case OPT_ERRORS_WARN:
		return bbt_arg_ll(st, "--errors-warn", arg, 0, 1000000000,
		    &o->errors_warn);
	case 'i':
		/* IFNAMSIZ, and no path tricks for /sys lookups by tools. */
		if (*arg == '\0' || strlen(arg) >= 16 || strchr(arg, '/')) {
			argp_error(st, _("'%s' is not an interface name"), arg);
			return EINVAL;
		}
		o->iface = arg;
		break;
	case OPT_INTERVAL:
		o->interval_set = 1;
		return bbt_arg_duration_ms(st, "--interval", arg, 1, 10000,
		    &o->interval_ms);
	case OPT_LLDP:
		o->lldp = 1;
		break;
	case OPT_LOSS_CRIT:
		if ((r = bbt_arg_double(st, "--loss-crit", arg, 0, 100, &d)))
			return r;
		o->loss_crit = d;
		break;
	case OPT_LOSS_WARN:
		if ((r = bbt_arg_double(st, "--loss-warn", arg, 0, 100, &d)))
			return r;
		o->loss_warn = d;
		break;
	case OPT_MTU_EXPECT:
		if ((r = bbt_arg_ll(st, "--mtu-expect", arg, 548, 9000, &v)))
			return r;
		o->mtu_expect = (int)v;
		break;
	case OPT_MTU_TARGET: {
		struct in_addr a;

		if (inet_pton(AF_INET, arg, &a) != 1) {
			argp_error(st, _("'%s' is not an IPv4 address"), arg);
			return EINVAL;
		}
		o->mtu_target = arg;
		break;
	}
	case 'o':
		if (*arg == '\0') {
			argp_error(st, _("-o needs a file name"));
			return EINVAL;
		}
		o->output = arg;
		break;
	case OPT_PING:
		if (!is_addr(arg)) {
			argp_error(st, _("'%s' is not an IP address"), arg);
			return EINVAL;
		}
		return add(st, o->pings, &o->npings, arg, "--ping");
	case OPT_RESOLV_CONF:
		if ((r = check_file(st, arg, LC_RESOLV_MAX)))
			return r;
		o->resolv_conf = arg;
		break;
	case OPT_RESOLVER:
		if (!is_addr(arg)) {
			argp_error(st, _("'%s' is not an IP address"), arg);
			return EINVAL;
		}
		return add(st, o->resolvers, &o->nresolvers, arg,
		    "--resolver");
	case OPT_RTT_CRIT:
		return bbt_arg_duration_ms(st, "--rtt-crit", arg, 1, 600000,
		    &o->rtt_crit_ms);
	case OPT_RTT_WARN:
		return bbt_arg_duration_ms(st, "--rtt-warn", arg, 1, 600000,
		    &o->rtt_warn_ms);
	case OPT_SKIP:
		if ((why = lc_parse_skip(arg, &o->skip)) != NULL) {
			argp_error(st, _("invalid value '%s' for %s: %s"), arg,
			    "--skip", _(why));
			return EINVAL;
		}
		break;
	case OPT_TARGET: {
		/* "://" makes a URL (fetched, its host resolved); anything
		 * else is a name that is only resolved. */
		struct lc_url u;

		if (strstr(arg, "://") != NULL && lc_url_parse(arg, &u) != 0) {
			argp_error(st, _("'%s' is not an http or https URL"),
			    arg);
			return EINVAL;
		}
		if (strstr(arg, "://") == NULL && (*arg == '\0' ||
		    strlen(arg) > 253 || strpbrk(arg, " \t/"))) {
			argp_error(st, _("'%s' is not a host name"), arg);
			return EINVAL;
		}
		return add(st, o->targets, &o->ntargets, arg, "--target");
	}
	case 't':
		return bbt_arg_duration_ms(st, "--timeout", arg, 100, 600000,
		    &o->timeout_ms);
	case OPT_TTFB_WARN:
		return bbt_arg_duration_ms(st, "--ttfb-warn", arg, 1, 600000,
		    &o->ttfb_warn_ms);
	case OPT_WATCH:
		/* Up to 30 days: a watch left running between visits. */
		return bbt_arg_duration_ms(st, "--watch", arg, 1000,
		    30LL * 86400000, &o->watch_ms);
	case ARGP_KEY_ARG:
		argp_error(st, _("unexpected argument '%s'"), arg);
		return EINVAL;
	case ARGP_KEY_END:
		if (o->loss_warn > o->loss_crit) {
			argp_error(st, _("--loss-warn must not be above "
			    "--loss-crit"));
			return EINVAL;
		}
		if (o->rtt_warn_ms > o->rtt_crit_ms) {
			argp_error(st, _("--rtt-warn must not be above "
			    "--rtt-crit"));
			return EINVAL;
		}
		if (o->ntargets == 0) {
			o->targets[0] = default_targets[0];
			o->targets[1] = default_targets[1];
			o->ntargets = 2;
		}
		if ((r = lc_speed_opts_end(st, &o->speed)) != 0)
			return r;
		if (o->watch_ms && o->speed.on) {
			argp_error(st, _("--watch and --speed cannot be "
			    "combined"));
			return EINVAL;
		}
		if (o->watch_ms && !o->interval_set)
			o->interval_ms = 1000;
		/* STYLE.md: text on a terminal, raw records otherwise. */
		o->fmt = o->common.format ?
		    bbt_checks_format_parse(o->common.format) :
		    bbt_isatty(stdout) && (o->output == NULL ||
		    strcmp(o->output, "-") == 0) ? BBT_CFMT_TEXT : BBT_CFMT_TSV;
		if ((r = watch_output(st, o)) != 0)
			return r;
		break;
	default:
		return lc_speed_opt(st, key, arg, &o->speed);
	}
	return 0;
}

static const struct argp argp = {
	options, parse, NULL,
	N_("Check a broadband connection layer by layer, every check at once: "
	"link, addresses and routes, DHCP, duplicate address, gateway, DNS "
	"per resolver, HTTP(S) and path MTU. One check record per fact; the "
	"exit status is the worst status (0 ok, 1 warning, 2 critical, 3 "
	"unknown)."),
	bbt_common_children, NULL, BBT_TEXTDOMAIN,
};

int
linecheck_parse_args(int argc, char **argv, struct lc_opts *o,
    unsigned flags)
{
	memset(o, 0, sizeof(*o));
	o->common.formats = formats;
	o->timeout_ms = 5000;
	o->count = 20;
	o->interval_ms = 25;
	o->dhcp_wait_ms = 300;
	o->dns_warn_ms = 300;
	o->ttfb_warn_ms = 1000;
	o->rtt_warn_ms = 20;
	o->rtt_crit_ms = 100;
	o->loss_warn = 1;
	o->loss_crit = 10;
	o->errors_warn = 0;
	o->errors_crit = 100;
	o->resolv_conf = "/etc/resolv.conf";
	lc_speed_defaults(&o->speed);
	return bbt_argp_parse(&argp, argc, argv, flags, o);
}
