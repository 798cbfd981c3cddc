/* SPDX-License-Identifier: MIT */
/*
 * Link-layer probes over one pcap handle: a DHCPDISCOVER that collects
 * every OFFER (no REQUEST follows, so no lease is taken), an RFC 5227
 * ARP probe for our IPv4 address, an ARP request for the gateway (proof
 * of life when it filters ICMP) and, on request, LLDP listening.
 */
#include <net/if.h>
#include <arpa/inet.h>
#include <errno.h>
#include <linux/if_packet.h>
#include <pcap/pcap.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <unistd.h>

#include "lib/i18n.h"
#include "linecheck/linecheck.h"

#define DHCP_RESEND_MS	500	/* retries: a lost DISCOVER is no verdict */
#define DHCP_TRIES	4
#define DHCP_GIVEUP_MS	2000
#define ARP_PROBES	3
#define ARP_GAP_MS	100
#define ARP_WAIT_MS	400
#define RA_WAIT_MS	600	/* routers may delay answers by 500 ms */

/* Timers of the link-layer probes (one run per process). */
static struct {
	uint32_t	 xid;
	int64_t		 dhcp_sent, dhcp_next, dhcp_end, first_offer;
	int		 dhcp_tries;
	int64_t		 arp_next, arp_end, gwarp_next;
	int		 gwarp_sent;
	uint32_t	 myip, gwip;
	int64_t		 lldp_end;
	int64_t		 rs_next, rs_sent, ra_end;
	int		 rs_tries;
	unsigned	 drop0;		/* pcap's drop count at the start */
} S;

int
lc_l2_open(struct lc *lc)
{
	pcap_t *p;
	struct bpf_program bp;
	/* Nothing until lc_l2_start() knows what each check reads: a
	 * flood before then would only fill the buffer. */
	const char *filter = "less 1";
	char eb[PCAP_ERRBUF_SIZE] = "";
	int r;

	if ((p = pcap_create(lc->link.name, eb)) == NULL) {
		snprintf(lc->pcap_errbuf, sizeof(lc->pcap_errbuf), "%s", eb);
		lc->pcap_err = EIO;
		return -1;
	}
	/* Immediate mode: an offer after 2 ms must not wait for a buffer
	 * to fill; snaplen covers the largest DHCP or RA we parse. */
	pcap_set_snaplen(p, 2048);
	pcap_set_promisc(p, 0);
	pcap_set_immediate_mode(p, 1);
	pcap_set_timeout(p, 1);
	if ((r = pcap_activate(p)) < 0) {
		snprintf(lc->pcap_errbuf, sizeof(lc->pcap_errbuf), "%s",
		    pcap_geterr(p));
		lc->pcap_err = r == PCAP_ERROR_PERM_DENIED ? EPERM : EIO;
		pcap_close(p);
		return -1;
	}
	if (pcap_compile(p, &bp, filter, 1, PCAP_NETMASK_UNKNOWN) < 0 ||
	    pcap_setfilter(p, &bp) < 0 || pcap_setnonblock(p, 1, eb) < 0) {
		snprintf(lc->pcap_errbuf, sizeof(lc->pcap_errbuf), "%s",
		    pcap_geterr(p));
		lc->pcap_err = EIO;
		pcap_close(p);
		return -1;
	}
	pcap_freecode(&bp);
	/* Our own DISCOVER and probes must not count as answers. */
	(void)pcap_setdirection(p, PCAP_D_IN);
	if (lc->o->lldp) {
		/* LLDP goes to a link-local group the NIC filters out unless
		 * asked for; no promiscuous mode needed. */
		struct packet_mreq mr;
		static const uint8_t lldp_mc[6] = { 1, 0x80, 0xc2, 0, 0, 0x0e };

		memset(&mr, 0, sizeof(mr));
		mr.mr_ifindex = lc->link.ifindex;
		mr.mr_type = PACKET_MR_MULTICAST;
		mr.mr_alen = 6;
		memcpy(mr.mr_address, lldp_mc, 6);
		(void)setsockopt(pcap_get_selectable_fd(p), SOL_PACKET,
		    PACKET_ADD_MEMBERSHIP, &mr, sizeof(mr));
	}
	lc->pcap = p;
	lc->pcap_ok = 1;
	return 0;
}

static void
on_frame(u_char *arg, const struct pcap_pkthdr *h, const u_char *pkt)
{
	struct lc *lc = (struct lc *)arg;
	struct lc_l2ctx c;

	memset(&c, 0, sizeof(c));
	c.xid = S.xid;
	c.myip = S.myip;
	c.gwip = S.gwip;
	memcpy(c.mac, lc->link.mac, 6);
	c.lldp = lc->o->lldp;
	c.now_ms = (double)lc_now();
	c.dhcp_sent_ms = (double)S.dhcp_sent;
	c.rs_sent_ms = (double)S.rs_sent;
	lc_l2_frame(&lc->l2, &c, pkt, h->caplen);
	if (lc->l2.noffers > 0 && S.first_offer == 0) {
		S.first_offer = lc_now();
		S.dhcp_end = S.first_offer + lc->o->dhcp_wait_ms;
	}
}

/*
 * The kernel filter, once our addresses and xid are known: exactly the
 * frames a running check reads. Anything broader lets a flood (an ARP
 * storm at 80 000 frames/s) fill the capture buffer and push the offers
 * out of it (reliability audit F7).
 */
static void
narrow_filter(struct lc *lc)
{
	const struct lc_l2res *r = &lc->l2;
	char f[768] = "";
	struct bpf_program bp;

	if (r->dhcp == LC_RUN)
		snprintf(f + strlen(f), sizeof(f) - strlen(f),
		    "%s(ip and udp dst port 68 and udp[8] = 2 and "
		    "udp[12:4] = 0x%08x)", *f ? " or " : "", S.xid);
	/* Our address claimed (a reply, an announcement, a probe for it),
	 * and the gateway's reply to our who-has. */
	if (S.myip && (r->arp == LC_RUN || S.gwip))
		snprintf(f + strlen(f), sizeof(f) - strlen(f),
		    "%s(arp and (arp[14:4] = 0x%08x or (arp[14:4] = 0 and "
		    "arp[24:4] = 0x%08x) or (arp[6:2] = 2 and "
		    "arp[14:4] = 0x%08x)))", *f ? " or " : "", S.myip, S.myip,
		    S.gwip);
	if (r->ra == LC_RUN)
		snprintf(f + strlen(f), sizeof(f) - strlen(f),
		    "%s(icmp6 and ip6[40] == 134)", *f ? " or " : "");
	if (lc->o->lldp)
		snprintf(f + strlen(f), sizeof(f) - strlen(f),
		    "%sether proto 0x88cc", *f ? " or " : "");
	if (*f == '\0')
		return;
	/* The open filter passes nothing: without this one the checks
	 * would hear nothing and say so with confidence. */
	if (pcap_compile(lc->pcap, &bp, f, 1, PCAP_NETMASK_UNKNOWN) < 0) {
		lc->l2.dhcp_err = lc->l2.arp_err = EIO;
		return;
	}
	if (pcap_setfilter(lc->pcap, &bp) < 0)
		lc->l2.dhcp_err = lc->l2.arp_err = EIO;
	pcap_freecode(&bp);
}

static void
on_readable(void *arg, int fd, short rev)
{
	struct lc *lc = arg;

	(void)fd;
	(void)rev;
	if (pcap_dispatch(lc->pcap, -1, on_frame, (u_char *)lc) < 0)
		lc->l2.dhcp_err = EIO;
}

void
lc_l2_start(struct lc *lc)
{
	const struct lc_addr *a = lc_link_addr(&lc->link, AF_INET, 1);
	struct in_addr ia;
	int64_t now = lc_now();

	struct lc_l2res *r0 = &lc->l2;

	memset(&S, 0, sizeof(S));
	if (lc->pcap == NULL)
		return;
	/* A random xid: offers meant for the host's own DHCP client are
	 * not ours. */
	if (getrandom(&S.xid, sizeof(S.xid), 0) != sizeof(S.xid))
		S.xid = (uint32_t)now ^ (uint32_t)getpid();
	if (a && inet_pton(AF_INET, a->addr, &ia) == 1)
		S.myip = ntohl(ia.s_addr);
	if (lc->link.has_route4 && lc->link.gw4[0] &&
	    inet_pton(AF_INET, lc->link.gw4, &ia) == 1)
		S.gwip = ntohl(ia.s_addr);
	if (lc->l2.dhcp == LC_IDLE) {
		lc->l2.dhcp = LC_RUN;
		S.dhcp_next = now;
		S.dhcp_end = now + DHCP_GIVEUP_MS;
	}
	if (lc->l2.arp == LC_IDLE && S.myip) {
		lc->l2.arp = LC_RUN;
		S.arp_next = now;
		S.arp_end = now + ARP_PROBES * ARP_GAP_MS + ARP_WAIT_MS -
		    ARP_GAP_MS;
	} else if (lc->l2.arp == LC_IDLE)
		lc->l2.arp = LC_NOTRUN;
	if (S.gwip && S.myip)
		S.gwarp_next = now;
	if (lc->o->lldp)
		S.lldp_end = lc->deadline;
	if (r0->ra == LC_IDLE) {
		r0->ra = LC_RUN;
		S.rs_next = now;
		S.ra_end = now + RA_WAIT_MS;
	}
	narrow_filter(lc);
	/* Drops counted from here: those of the open filter's window are
	 * no loss of ours. */
	{
		struct pcap_stat ps;

		if (pcap_stats(lc->pcap, &ps) == 0)
			S.drop0 = ps.ps_drop;
	}
	lc_watch(&lc->loop, pcap_get_selectable_fd(lc->pcap), POLLIN,
	    on_readable, lc);
}

static int64_t
min64(int64_t a, int64_t b)
{
	return a < b ? a : b;
}

int64_t
lc_l2_tick(struct lc *lc, int64_t now)
{
	struct lc_l2res *r = &lc->l2;
	uint8_t f[600];
	size_t n;
	int64_t wake = LC_NEVER;

	if (lc->pcap == NULL)
		return wake;
	if (r->dhcp == LC_RUN) {
		if (now >= S.dhcp_end) {
			r->dhcp = LC_DONE;
		} else {
			if (S.dhcp_next && now >= S.dhcp_next &&
			    r->noffers == 0) {
				n = lc_dhcp_discover(f, sizeof(f),
				    lc->link.mac, S.xid);
				if (pcap_inject(lc->pcap, f, n) < 0)
					r->dhcp_err = errno ? errno : EIO;
				if (S.dhcp_tries++ == 0)
					S.dhcp_sent = now;
				S.dhcp_next = S.dhcp_tries < DHCP_TRIES ?
				    now + DHCP_RESEND_MS : 0;
			}
			if (S.dhcp_next && r->noffers == 0)
				wake = min64(wake, S.dhcp_next);
			wake = min64(wake, S.dhcp_end);
		}
	}
	if (r->arp == LC_RUN) {
		if (now >= S.arp_end) {
			r->arp = LC_DONE;
		} else {
			if (S.arp_next && now >= S.arp_next) {
				n = lc_arp_request(f, sizeof(f), lc->link.mac,
				    0, S.myip);
				if (pcap_inject(lc->pcap, f, n) < 0)
					r->arp_err = errno ? errno : EIO;
				r->arp_probes++;
				S.arp_next = r->arp_probes < ARP_PROBES ?
				    now + ARP_GAP_MS : 0;
			}
			if (S.arp_next)
				wake = min64(wake, S.arp_next);
			wake = min64(wake, S.arp_end);
		}
	}
	/* An ordinary who-has from our address: the gateway's answer says it
	 * is alive even when it ignores echo requests. */
	if (S.gwarp_next && now >= S.gwarp_next && !r->gw_arp) {
		n = lc_arp_request(f, sizeof(f), lc->link.mac, S.myip, S.gwip);
		(void)pcap_inject(lc->pcap, f, n);
		S.gwarp_next = ++S.gwarp_sent < 3 ? now + 200 : 0;
	}
	if (S.gwarp_next && !r->gw_arp)
		wake = min64(wake, S.gwarp_next);
	if (S.lldp_end && !r->lldp_seen)
		wake = min64(wake, S.lldp_end);
	if (r->ra == LC_RUN) {
		if (now >= S.ra_end)
			r->ra = LC_DONE;
		else {
			if (S.rs_next && now >= S.rs_next) {
				const struct lc_addr *ll = NULL;
				struct in6_addr a6;

				for (int i = 0; i < lc->link.naddrs; i++)
					if (lc->link.addrs[i].family == AF_INET6
					    && lc->link.addrs[i].linklocal)
						ll = &lc->link.addrs[i];
				if (ll && inet_pton(AF_INET6, ll->addr, &a6) != 1)
					ll = NULL;
				n = lc_rs_build(f, sizeof(f), lc->link.mac,
				    ll ? a6.s6_addr : NULL);
				(void)pcap_inject(lc->pcap, f, n);
				if (S.rs_tries++ == 0)
					S.rs_sent = now;
				S.rs_next = S.rs_tries < 2 ? now + RA_WAIT_MS / 2 :
				    0;
			}
			if (S.rs_next)
				wake = min64(wake, S.rs_next);
			wake = min64(wake, S.ra_end);
		}
	}
	return wake;
}

int
lc_l2_done(const struct lc *lc)
{
	const struct lc_l2res *r = &lc->l2;

	if (lc->pcap == NULL)
		return 1;
	return r->dhcp != LC_RUN && r->arp != LC_RUN && r->ra != LC_RUN &&
	    (!lc->o->lldp || r->lldp_seen);
}

void
lc_l2_close(struct lc *lc)
{
	struct pcap_stat ps;

	if (lc->pcap) {
		/* Frames the kernel had no room for: an empty result is
		 * no evidence when some were lost. */
		if (pcap_stats(lc->pcap, &ps) == 0) {
			lc->l2.dropped = ps.ps_drop - S.drop0;
			lc->l2.stats_ok = 1;
		}
		lc_unwatch(&lc->loop, pcap_get_selectable_fd(lc->pcap));
		pcap_close(lc->pcap);
		lc->pcap = NULL;
	}
}
