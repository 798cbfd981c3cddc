/* SPDX-License-Identifier: MIT */
/*
 * linecheck: shared state of one run. Every probe (netlink, DHCP/ARP over
 * pcap, ICMP, DNS over c-ares, HTTP over libcurl multi) is driven by one
 * poll loop under one absolute deadline; results stay in struct lc until
 * verdict.c turns them into check records.
 */
#ifndef LINECHECK_H
#define LINECHECK_H

#include <netinet/in.h>
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/socket.h>

#include "lib/checks.h"
#include "lib/ether.h"
#include "lib/opts.h"
#include "linecheck/speed.h"
#include "linecheck/wifi.h"

#define LC_MAXT		16	/* --target, --ping, --resolver each */
#define LC_MAXPING	100	/* --count upper bound */
#define LC_NEVER	INT64_MAX

/* Checks that --skip can turn off. */
enum {
	LC_SKIP_LINK = 1 << 0, LC_SKIP_DHCP = 1 << 1, LC_SKIP_ARP = 1 << 2,
	LC_SKIP_PING = 1 << 3, LC_SKIP_DNS = 1 << 4, LC_SKIP_HTTP = 1 << 5,
	LC_SKIP_MTU = 1 << 6, LC_SKIP_IPV6 = 1 << 7, LC_SKIP_WIFI = 1 << 8,
	LC_SKIP_ALL = (1 << 9) - 1,	/* every bit above */
};

struct lc_opts {
	struct bbt_common common;
	const char	*iface;
	const char	*cacert;
	const char	*case_id;
	const char	*mtu_target;
	const char	*targets[LC_MAXT];
	int		 ntargets;
	const char	*pings[LC_MAXT];
	int		 npings;
	const char	*resolvers[LC_MAXT];
	int		 nresolvers;
	const char	*resolv_conf;	/* --resolv-conf, default /etc/resolv.conf */
	long long	 timeout_ms;	/* total deadline */
	int		 count;		/* echo requests per target */
	long long	 interval_ms;
	long long	 dhcp_wait_ms;	/* collection after the first offer */
	long long	 dns_warn_ms, ttfb_warn_ms, rtt_warn_ms, rtt_crit_ms;
	double		 loss_warn, loss_crit;
	long long	 errors_warn, errors_crit;
	int		 mtu_expect;	/* payload; 0 = from the interface MTU */
	int		 lldp;
	unsigned	 skip;
	int		 fmt;		/* enum bbt_check_format */
	struct lc_speed_opts speed;	/* --speed, --plan (speed.h) */
	long long	 watch_ms;	/* --watch: 0 = a single check */
	int		 interval_set;	/* --interval given */
	const char	*output;	/* -o: NULL = standard output */
};

int	linecheck_parse_args(int argc, char **argv, struct lc_opts *,
	    unsigned flags);
const char *lc_parse_skip(const char *list, unsigned *mask);

/* ---- the event loop (loop.c) ---- */
typedef void lc_io_cb(void *arg, int fd, short revents);
struct lc_watch {
	int		 fd;
	short		 events;
	lc_io_cb	*cb;
	void		*arg;
};
struct lc_loop {
	struct lc_watch	*w;
	size_t		 n, cap;
};
int64_t	lc_now(void);		/* monotonic milliseconds */
double	lc_now_us(void);
int	lc_watch(struct lc_loop *, int fd, short events, lc_io_cb *, void *);
void	lc_unwatch(struct lc_loop *, int fd);
/* Polls at most until wake (absolute ms); dispatches callbacks. */
int	lc_poll(struct lc_loop *, int64_t wake);
void	lc_loop_free(struct lc_loop *);

/* ---- netlink facts (nl.c) ---- */
struct lc_addr {
	int		 family;
	char		 addr[INET6_ADDRSTRLEN];
	int		 prefix;
	int		 linklocal;	/* 169.254/16 or fe80::/10 */
	int		 dynamic;	/* finite valid lifetime */
	long		 valid_lft;
	int		 dadfailed, tentative;
	char		 peer[INET6_ADDRSTRLEN];	/* point-to-point */
};
struct lc_stats {
	uint64_t	 rx_crc, rx_frame, rx_dropped, collisions, rx_packets,
			 carrier_changes;
	int		 ok;
};
struct lc_link {
	int		 ifindex;
	char		 name[32];
	int		 exists, loopback, carrier, up;
	int		 ether;		/* ARPHRD_ETHER: DHCP, ARP, LLDP apply */
	char		 operstate[24];
	char		 kind[24];	/* "veth", "bridge", ... or "" */
	unsigned	 mtu;
	uint8_t		 mac[6];
	struct lc_stats	 st0, st1;
	int64_t		 t0, t1;
	/* ethtool */
	int		 eth_ok;	/* speed known */
	long		 speed;		/* Mbit/s, -1 unknown */
	int		 duplex;	/* 1 full, 0 half, -1 unknown */
	int		 autoneg;	/* 1, 0, -1 */
	long		 supported;	/* max supported Mbit/s, 0 unknown */
	const char	*eth_src;	/* "netlink", "ioctl" */
	struct lc_addr	 addrs[16];
	int		 naddrs;
	char		 gw4[INET_ADDRSTRLEN], gw6[INET6_ADDRSTRLEN];
	int		 has_route4, has_route6;
};
/* One object of a netlink dump into the link's facts (fuzzed). */
struct rtnl_addr;
struct rtnl_route;
struct rtnl_link;
struct nlmsghdr;
void	lc_nl_link_take(struct lc_link *, struct rtnl_link *, const char *iface);
void	lc_nl_addr_take(struct lc_link *, struct rtnl_addr *);
void	lc_nl_route_take(struct lc_link *, struct rtnl_route *);
int	lc_nl_ethtool_parse(struct lc_link *, struct nlmsghdr *);
/* The interface of the IPv4 (else IPv6) default route, or NULL. */
int	lc_nl_default_iface(char *buf, size_t sz);
int	lc_nl_link(const char *iface, struct lc_link *, int stats_only);
void	lc_nl_ethtool(struct lc_link *);
const struct lc_addr *lc_link_addr(const struct lc_link *, int family,
	    int global);

/* ---- resolv.conf (resolv.c) ---- */
#define LC_RESOLV_MAX	(64 * 1024)	/* larger is no resolv.conf */
int	lc_resolv_parse(const char *text, size_t len, char out[][INET6_ADDRSTRLEN],
	    int max);
int	lc_resolv_read(const char *path, char out[][INET6_ADDRSTRLEN], int max);

/* ---- targets (target.c) ---- */
struct lc_url {
	char		 url[512];
	char		 host[256];
	int		 port;
	int		 https;
	int		 literal;	/* host is an address literal: family */
};
int	lc_url_parse(const char *, struct lc_url *);

/* ---- DHCP / ARP frames (frame.c): pure, fuzzed ---- */
struct lc_offer {
	uint32_t	 server, yiaddr, router, dns[2], lease;
	uint8_t		 mac[6];
	int		 ndns;
	double		 t_ms;
	int		 dup;
};
size_t	lc_dhcp_discover(uint8_t *buf, size_t sz, const uint8_t mac[6],
	    uint32_t xid);
/* 1 = an OFFER for xid (filled in); -1 = an answer to xid that breaks
 * RFC 2131/2132 (option lengths, addresses no server or client can
 * have); 0 = something else. */
int	lc_dhcp_parse_offer(const uint8_t *pkt, size_t len, uint32_t xid,
	    struct lc_offer *);
size_t	lc_arp_request(uint8_t *buf, size_t sz, const uint8_t mac[6],
	    uint32_t sip, uint32_t tip);
/* ARP frame: 1 with op, sender MAC/IP, target IP; 0 if not ARP/IPv4. */
int	lc_arp_parse(const uint8_t *pkt, size_t len, int *op, uint8_t sha[6],
	    uint32_t *sip, uint32_t *tip);
struct lc_lldp {
	char		 chassis[64], port[64], sysname[64], portdesc[64];
};
int	lc_lldp_parse(const uint8_t *pkt, size_t len, struct lc_lldp *);
/* IPv6 router solicitation (RFC 4861) from src (NULL = ::). */
size_t	lc_rs_build(uint8_t *buf, size_t sz, const uint8_t mac[6],
	    const uint8_t *src6);
struct lc_ra {
	char		 router[INET6_ADDRSTRLEN];
	char		 prefix[INET6_ADDRSTRLEN + 4];	/* first on-link /N */
	char		 dns[INET6_ADDRSTRLEN];		/* first RDNSS */
	unsigned	 lifetime, mtu;
	int		 managed, other, autonomous;
};
int	lc_ra_parse(const uint8_t *pkt, size_t len, struct lc_ra *);

/* ---- ICMP messages (icmpmsg.c): pure, fuzzed ---- */
enum { LC_ICMP_REPLY = 1, LC_ICMP_ERROR };
struct lc_icmp_msg {
	int		 kind;		/* LC_ICMP_REPLY, LC_ICMP_ERROR */
	int		 family;
	uint16_t	 seq;
	int		 fragneeded;	/* frag needed / packet too big */
	unsigned	 mtu;		/* the MTU it announces, 0 unknown */
	int		 has_dst;
	uint8_t		 dst[16];	/* an error: the request's destination */
};
/* One error-queue read: sock_extended_err and msg_name. */
struct lc_errq {
	int		 origin, errnum;
	unsigned	 info;
	uint8_t		 dst[16];
	int		 dstlen;
};
/* A datagram off an ICMP socket (raw IPv4: with its IP header): 1 when it
 * is a reply to, or an error about, an echo request of ident. */
int	lc_icmp_parse(const uint8_t *pkt, size_t len, int family, int raw,
	    uint16_t ident, struct lc_icmp_msg *);
/* An error-queue message (payload: the quoted request's ICMP header on). */
int	lc_icmp_errq_parse(const uint8_t *payload, size_t n, int family,
	    int raw, uint16_t ident, const struct lc_errq *,
	    struct lc_icmp_msg *);

/* ---- results (filled by the probes, read by verdict.c) ---- */
enum lc_state { LC_IDLE, LC_RUN, LC_DONE, LC_NOTRUN };

#define LC_MAXOFFERS	8	/* servers listed */
#define LC_MAXOTHERS	64	/* servers counted beyond those */
struct lc_l2res {
	enum lc_state	 dhcp, arp;
	int		 dhcp_err, arp_err;	/* errno when pcap failed */
	struct lc_offer	 offers[LC_MAXOFFERS];
	int		 noffers;
	int		 malformed;	/* answers to our xid that break RFCs */
	uint32_t	 others[LC_MAXOTHERS];	/* servers not listed */
	int		 more;		/* how many (past LC_MAXOTHERS: offers) */
	unsigned	 dropped;	/* frames the capture lost (pcap_stats) */
	int		 stats_ok;
	int		 conflict;
	uint8_t		 conflict_mac[6];
	int		 arp_probes;
	int		 gw_arp;		/* the gateway answered ARP */
	uint8_t		 gw_mac[6];
	int		 lldp_seen;
	struct lc_lldp	 lldp;
	enum lc_state	 ra;
	int		 ra_seen;
	struct lc_ra	 rad;
	double		 ra_ms;
};

/* ---- the capture's bookkeeping (l2frame.c): pure, fuzzed ---- */
struct lc_l2ctx {
	uint32_t	 xid, myip, gwip;	/* host order; 0 unknown */
	uint8_t		 mac[6];
	int		 lldp;
	double		 now_ms, dhcp_sent_ms, rs_sent_ms;
};
/* One captured frame into the results: offers, ARP conflict, gateway
 * MAC, RA, LLDP. */
void	lc_l2_frame(struct lc_l2res *, const struct lc_l2ctx *,
	    const uint8_t *pkt, size_t len);
/* Adds an offer to the table; the gateway's server (server id or router
 * is gw) displaces another rather than be left out. 1 when listed new. */
int	lc_offer_add(struct lc_l2res *, const struct lc_offer *, uint32_t gw);

struct lc_ping {
	const char	*check;		/* "gw.ping", "ping.target" */
	char		 target[INET6_ADDRSTRLEN];
	int		 family;
	struct sockaddr_storage dst;
	socklen_t	 dstlen;
	int		 count, sent, recv;
	int64_t		 next_send;
	double		 t_sent[LC_MAXPING], rtt[LC_MAXPING];
	uint8_t		 got[LC_MAXPING];
	int		 unreach;	/* ICMP errors seen */
	int		 send_err;	/* errno of a failed send */
	int64_t		 last_sent;
	enum lc_state	 st;
	const char	*skipped;	/* set when not run: the reason check */
};

struct lc_mtu {
	enum lc_state	 st;
	char		 target[INET_ADDRSTRLEN];
	struct sockaddr_in dst;
	int		 max;		/* largest payload the interface takes */
	int		 lo, hi;	/* largest passing, smallest failing */
	int		 round;
	int64_t		 round_end;
	int		 pending;	/* probes out in this round */
	int		 frag_needed;	/* ICMP frag-needed / EMSGSIZE seen */
	int		 frag_mtu;
	int		 control_ok;	/* the small probe came back */
	int		 fails_at_hi;	/* lost probes at hi over all rounds */
	double		 rtt_max;
	const char	*via;		/* "target", "http", "gateway" */
	const char	*skipped;
};

struct lc_dnsq {
	struct lc	*lc;
	double		 t0;		/* microseconds */
	int		 type;		/* 1 A, 28 AAAA */
	int		 status;	/* c-ares status, -1 pending */
	double		 ms;
	char		 answer[INET6_ADDRSTRLEN];
	int		 nans;
};
struct lc_dns {
	char		 server[INET6_ADDRSTRLEN];
	int		 family;
	void		*channel;
	int		 ran;
	struct lc_dnsq	 q[LC_MAXT][2];	/* per name: A, AAAA */
	double		 t0;
	const char	*skipped;
};

struct lc_http {
	struct lc_url	 u;
	int		 family;	/* AF_INET / AF_INET6 */
	enum lc_state	 st;
	void		*easy;
	void		*resolve;	/* curl_slist, alive until the end */
	char		 addr[INET6_ADDRSTRLEN];
	long		 status;
	double		 connect_ms, tls_ms, ttfb_ms, total_ms;
	int		 curlcode;
	long		 oserr;
	int		 truncated;
	char		 errtxt[256];
	size_t		 bytes;
	const char	*skipped;
};

struct lc_icmp {
	int		 fd4, fd6, fdmtu;
	int		 raw4, raw6, rawmtu;	/* raw vs datagram */
	int		 err4, err6;		/* errno when not opened */
	uint16_t	 ident;
	uint16_t	 seq;
};

struct lc {
	struct lc_opts	*o;
	struct lc_loop	 loop;
	int64_t		 start, deadline;
	struct lc_link	 link;
	const char	*names[LC_MAXT * 2];	/* names to resolve */
	int		 nnames;
	struct lc_url	 urls[LC_MAXT];
	int		 nurls;
	/* pcap (l2.c) */
	void		*pcap;
	int		 pcap_ok;	/* it was opened (it is closed at the end) */
	int		 pcap_err;
	char		 pcap_errbuf[256];
	struct lc_l2res	 l2;
	/* icmp.c */
	struct lc_icmp	 icmp;
	struct lc_ping	 pings[LC_MAXT + 2];
	int		 npings;
	struct lc_mtu	 mtu;
	/* dns.c */
	struct lc_dns	 dns[LC_MAXT];
	int		 ndns;
	int		 dns_from_conf;
	/* Read before the privilege drop (run.c): as nobody a root-only
	 * file could not be opened. */
	char		 conf_dns[LC_MAXT][INET6_ADDRSTRLEN];	/* resolv.conf */
	int		 nconf_dns;
	char		*ca;		/* --cacert's contents */
	size_t		 calen;
	/* http.c */
	void		*multi;
	int64_t		 curl_timer;
	struct lc_http	 http[LC_MAXT * 2];
	int		 nhttp;
	struct lc_wifi	 wifi;		/* wifi.c: nl80211 */
	int		 verbose;
	unsigned	 reported;	/* -v: groups already announced */
};

/* Modules: open privileged handles, start, advance timers, finish. */
int	lc_l2_open(struct lc *);		/* before the privilege drop */
void	lc_l2_start(struct lc *);
int64_t	lc_l2_tick(struct lc *, int64_t now);	/* returns next wake */
int	lc_l2_done(const struct lc *);
void	lc_l2_close(struct lc *);

int	lc_icmp_open(struct lc *);		/* before the privilege drop */
void	lc_icmp_start(struct lc *);
int64_t	lc_icmp_tick(struct lc *, int64_t now);
int	lc_icmp_done(const struct lc *);
void	lc_icmp_close(struct lc *);
/* The Internet checksum (RFC 1071) of an ICMPv4 message. */
uint16_t lc_icmp_cksum(const uint8_t *, size_t);
int	lc_ping_add(struct lc *, const char *check, const char *addr);
void	lc_mtu_begin(struct lc *, const char *addr, const char *via);

int	lc_dns_start(struct lc *);
int64_t	lc_dns_tick(struct lc *, int64_t now);
int	lc_dns_done(const struct lc *);
void	lc_dns_close(struct lc *);
/* An address for name in family from any resolver that answered. */
const char *lc_dns_answer(const struct lc *, const char *name, int family);
/* Every resolver has finished with name. */
int	lc_dns_name_done(const struct lc *, const char *name);

int	lc_http_init(struct lc *);
int64_t	lc_http_tick(struct lc *, int64_t now);
int	lc_http_done(const struct lc *);
void	lc_http_close(struct lc *);
/* Reads --cacert into lc->ca; 0, or -1 with errno. */
int	lc_http_ca_load(struct lc *);
/* Gives a libcurl easy handle the --cacert CAs, if any. */
void	lc_http_ca(void *easy, const struct lc *);

int	linecheck_run(struct lc_opts *);
/* Builds every check record from the results (verdict.c). */
void	lc_verdict(struct lc *, struct bbt_checks *);
/* Appends key=value (printf-formatted; "" becomes "-") to a detail. */
#define LC_DSZ	1024
void	lc_kv(char *d, const char *key, const char *fmt, ...)
	    __attribute__((format(printf, 3, 4)));
const char *lc_dns_rcode(int status);

#endif
