/* SPDX-License-Identifier: MIT */
/*
 * First IPv4 traffic through the test session (issue 19): ICMP echo to
 * the BRAS and --ping targets, DNS to each IPCP resolver, one HTTP GET
 * of --url over the in-tree TCP client. Records ppp.ping, ppp.dns,
 * ppp.http. A data-plane task (dataplane.h).
 */
#ifndef PPPOE_TRAFFIC_H
#define PPPOE_TRAFFIC_H

#include <argp.h>
#include <stdint.h>

#define TRAFFIC_MAX_PING	8
#define TRAFFIC_URL		"http://www.baidu.com/"
#define TRAFFIC_NAME		"www.baidu.com"	/* asked when --url is an address */

/* Its options, in struct probe_opts. */
struct traffic_opts {
	int		 off;			/* --no-traffic */
	const char	*url;			/* NULL: TRAFFIC_URL */
	const char	*dns_name;		/* NULL: the URL's host */
	uint8_t		 ping[TRAFFIC_MAX_PING][4];
	int		 nping;
};

/* Its keys in pppoe-probe's argp table (args.c). */
enum {
	OPT_TR_DNS_NAME = 0x1100, OPT_TR_NO_TRAFFIC, OPT_TR_PING, OPT_TR_URL,
};

/* Parses one of its options into o (ARGP_ERR_UNKNOWN: not one). */
error_t	 traffic_parse_opt(int key, char *arg, struct argp_state *,
	    struct traffic_opts *o);

struct http_url;
/* The name asked of each resolver, IPv4 and IPv6: --dns-name, else the
 * host of the URL (parsed into u), else TRAFFIC_NAME for an address. */
const char *tr_dns_name(const struct traffic_opts *, struct http_url *u);

struct dp_ops;
extern const struct dp_ops traffic_task;

#endif
