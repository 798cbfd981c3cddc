/* SPDX-License-Identifier: MIT */
/*
 * The interface and the pcap handle: what an unprivileged socket may
 * read of the link, opening the capture (the only privileged step), and
 * every frame we send on it.
 */
#include <err.h>
#include <errno.h>
#include <linux/capability.h>
#include <net/if.h>
#include <net/if_arp.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

#include "lib/i18n.h"
#include "lib/priv.h"
#include "pppoe-probe/run.h"

/* Reads what an unprivileged socket may ask: exists, Ethernet, flags,
 * MAC, MTU. Prints the error and returns -1. */
int
iface_info(struct run *r)
{
	struct ifreq ifr;
	int s;
	FILE *fp;
	char path[96];

	if ((s = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0)) < 0) {
		warn("socket");
		return -1;
	}
	memset(&ifr, 0, sizeof(ifr));
	strncpy(ifr.ifr_name, r->o->iface, IFNAMSIZ - 1);
	if (ioctl(s, SIOCGIFHWADDR, &ifr) < 0) {
		if (errno == ENODEV)
			warnx(_("%s: no such interface"), r->o->iface);
		else
			warn("%s", r->o->iface);
		close(s);
		return -1;
	}
	if (ifr.ifr_hwaddr.sa_family != ARPHRD_ETHER) {
		warnx(_("%s: not an Ethernet interface"), r->o->iface);
		close(s);
		return -1;
	}
	memcpy(r->mac, ifr.ifr_hwaddr.sa_data, 6);
	if (ioctl(s, SIOCGIFFLAGS, &ifr) == 0) {
		r->up = !!(ifr.ifr_flags & IFF_UP);
		r->running = !!(ifr.ifr_flags & IFF_RUNNING);
	}
	if (ioctl(s, SIOCGIFMTU, &ifr) == 0)
		r->mtu = ifr.ifr_mtu;
	close(s);
	snprintf(r->operstate, sizeof(r->operstate), "%s",
	    r->up ? (r->running ? "up" : "lowerlayerdown") : "down");
	snprintf(path, sizeof(path), "/sys/class/net/%s/operstate",
	    r->o->iface);
	/* Only a detail: sysfs may belong to another namespace. */
	if ((fp = fopen(path, "re")) != NULL) {
		char b[32];

		if (fgets(b, sizeof(b), fp)) {
			b[strcspn(b, "\n")] = '\0';
			if (*b)
				snprintf(r->operstate, sizeof(r->operstate),
				    "%s", b);
		}
		fclose(fp);
	}
	return 0;
}

static const char filter_text[] =
    "ether proto 0x8863 or ether proto 0x8864 or "
    "(vlan and (ether proto 0x8863 or ether proto 0x8864)) or "
    "(vlan and (ether proto 0x8863 or ether proto 0x8864))";

/* The only privileged step. Returns -1 after printing why. */
int
open_capture(struct run *r)
{
	char eb[PCAP_ERRBUF_SIZE] = "";
	struct bpf_program bp;
	int st, raised;

	raised = bbt_priv_raise(CAP_NET_RAW) == 0;
	if ((r->pc = pcap_create(r->o->iface, eb)) == NULL) {
		warnx(_("%s: cannot open a capture: %s"), r->o->iface, eb);
		return -1;
	}
	pcap_set_snaplen(r->pc, 2048);
	pcap_set_promisc(r->pc, r->o->promisc);
	pcap_set_immediate_mode(r->pc, 1);
	/*
	 * A VLAN scan can bring thousands of replies in one burst; one AC
	 * and its session do not need that. The ring is resident memory
	 * (libpcap touches all of it): 4 MiB asked is about 8 MB of RSS.
	 */
	pcap_set_buffer_size(r->pc, r->o->scan ? 4 << 20 : 1 << 20);
	pcap_set_tstamp_precision(r->pc, PCAP_TSTAMP_PRECISION_NANO);
	st = pcap_activate(r->pc);
	if (st == PCAP_ERROR_IFACE_NOT_UP) {
		/* Not an error of ours: link.carrier reports it. */
		pcap_close(r->pc);
		r->pc = NULL;
		r->up = r->running = 0;
		return -2;
	}
	if (st < 0) {
		if (st == PCAP_ERROR_PERM_DENIED || (!raised && geteuid() != 0))
			warnx(_("%s: cannot open a capture: CAP_NET_RAW is "
			    "needed (run as root or install with make "
			    "install-caps)"), r->o->iface);
		else if (st == PCAP_ERROR_NO_SUCH_DEVICE)
			warnx(_("%s: no such interface"), r->o->iface);
		else
			warnx(_("%s: cannot open a capture: %s"), r->o->iface,
			    pcap_geterr(r->pc));
		pcap_close(r->pc);
		r->pc = NULL;
		return -1;
	}
	if (pcap_datalink(r->pc) != DLT_EN10MB) {
		warnx(_("%s: not an Ethernet interface"), r->o->iface);
		return -1;
	}
	if (pcap_compile(r->pc, &bp, filter_text, 1, PCAP_NETMASK_UNKNOWN) < 0 ||
	    pcap_setfilter(r->pc, &bp) < 0) {
		warnx(_("%s: cannot set the capture filter: %s"), r->o->iface,
		    pcap_geterr(r->pc));
		return -1;
	}
	pcap_freecode(&bp);
	if (pcap_setnonblock(r->pc, 1, eb) < 0 ||
	    (r->fd = pcap_get_selectable_fd(r->pc)) < 0) {
		warnx(_("%s: cannot open a capture: %s"), r->o->iface, eb);
		return -1;
	}
	return 0;
}

/* ---- frames out -------------------------------------------------------- */

static int
tags_for(const struct run *r, int vid, struct pppoe_vtag t[2])
{
	int n = 0;

	if (vid < 0)
		return 0;
	if (r->o->qinq >= 0) {
		t[n].tpid = ETH_P_QINQ;
		t[n++].tci = (uint16_t)(r->o->pcp << 13 | r->o->qinq);
	}
	t[n].tpid = ETH_P_VLAN;
	t[n++].tci = (uint16_t)(r->o->pcp << 13 | vid);
	return n;
}

static void
inject(struct run *r, const uint8_t *f, size_t n)
{
	if (n == 0)
		return;
	if (pcap_inject(r->pc, f, n) < 0 && r->o->common.verbose)
		warnx(_("%s: cannot send: %s"), r->o->iface,
		    pcap_geterr(r->pc));
}

/* RFC 4638: asked for in PADI and PADR alike. */
static void
put_max_payload(const struct run *r, struct pppoe_buf *pb)
{
	uint8_t mp[2] = { (uint8_t)(r->o->max_payload >> 8),
		(uint8_t)r->o->max_payload };

	if (r->o->max_payload > 0)
		pppoe_put_tag(pb, TAG_MAX_PAYLOAD, mp, 2);
}

static const uint8_t bcast[6] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff };

void
send_padi(struct run *r)
{
	uint8_t f[FRAME_MAX];
	struct pppoe_buf pb;
	struct pppoe_vtag t[2];
	int nv = r->o->scan ? r->o->nscan : 1;
	const char *svc = r->o->service ? r->o->service : "";

	/* Taken before the first frame leaves: a reply can never seem to
	 * come before its request. */
	clock_gettime(CLOCK_REALTIME, &r->padi_rt[r->attempt]);
	/* One Host-Uniq per attempt: a late PADO then says which PADI it
	 * answers, and its latency is exact. */
	if (r->o->host_uniq_mode == HU_RANDOM)
		r->hu[r->hulen - 1] = (uint8_t)r->attempt;
	for (int i = 0; i < nv; i++) {
		int vid = r->o->scan ? r->o->scan[i] : r->o->vlan;
		int nt = tags_for(r, vid, t);

		pppoe_begin(&pb, f, sizeof(f), bcast, r->mac, t, nt,
		    ETH_P_PPPOE_DISC, PPPOE_PADI, 0);
		pppoe_put_tag(&pb, TAG_SERVICE_NAME, svc, strlen(svc));
		if (r->hulen)
			pppoe_put_tag(&pb, TAG_HOST_UNIQ, r->hu, r->hulen);
		put_max_payload(r, &pb);
		inject(r, f, pppoe_end(&pb));
	}
	r->padi_sent++;
}

void
send_padr(struct run *r, int64_t now)
{
	const struct ac *a = &r->acs[r->chosen];
	uint8_t f[FRAME_MAX];
	struct pppoe_buf pb;
	struct pppoe_vtag t[2];
	const char *svc = r->o->service ? r->o->service : "";

	pppoe_begin(&pb, f, sizeof(f), a->mac, r->mac, t,
	    tags_for(r, r->o->vlan, t), ETH_P_PPPOE_DISC, PPPOE_PADR, 0);
	pppoe_put_tag(&pb, TAG_SERVICE_NAME, svc, strlen(svc));
	if (r->hulen)
		pppoe_put_tag(&pb, TAG_HOST_UNIQ, r->hu, r->hulen);
	if (a->d.cookie.present)
		pppoe_put_tag(&pb, TAG_AC_COOKIE, a->d.cookie.v,
		    a->d.cookie.len);
	if (a->d.relay.present)
		pppoe_put_tag(&pb, TAG_RELAY_ID, a->d.relay.v, a->d.relay.len);
	put_max_payload(r, &pb);
	inject(r, f, pppoe_end(&pb));
	if (r->padr_tries++ == 0)
		r->padr_at = now;
	r->padr_next = now + PADR_MS;
}

void
send_padt(struct run *r, const uint8_t mac[6], uint16_t sid, int vid)
{
	static const char why[] = "pppoe-probe: test finished";
	uint8_t f[FRAME_MAX];
	struct pppoe_buf pb;
	struct pppoe_vtag t[2];

	pppoe_begin(&pb, f, sizeof(f), mac, r->mac, t, tags_for(r, vid, t),
	    ETH_P_PPPOE_DISC, PPPOE_PADT, sid);
	if (r->hulen)
		pppoe_put_tag(&pb, TAG_HOST_UNIQ, r->hu, r->hulen);
	pppoe_put_tag(&pb, TAG_GENERIC_ERROR, why, sizeof(why) - 1);
	inject(r, f, pppoe_end(&pb));
}

/* The session state machine's output callback. */
void
sess_send(void *ctx, const uint8_t *p, size_t n)
{
	struct run *r = ctx;
	const struct ac *a = &r->acs[r->chosen];
	uint8_t f[FRAME_MAX];
	struct pppoe_buf pb;
	struct pppoe_vtag t[2];

	pppoe_begin(&pb, f, sizeof(f), a->mac, r->mac, t,
	    tags_for(r, r->o->vlan, t), ETH_P_PPPOE_SESS, PPPOE_SESSION,
	    r->sid);
	pppoe_put(&pb, p, n);
	inject(r, f, pppoe_end(&pb));
	/* A PAP request holds the password. */
	explicit_bzero(f, sizeof(f));
}
