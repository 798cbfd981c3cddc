/* SPDX-License-Identifier: MIT */
/*
 * Internal to one probe run: the state its parts share. probe.c is the
 * entry (privileges, signals, the order of the records); capture.c opens
 * the interface and sends our frames; frames.c reads the AC's; loop.c
 * drives discovery and the session on one clock; watch.c keeps the
 * session after IPCP; records.c turns the run into check records.
 */
#ifndef PPPOE_RUN_H
#define PPPOE_RUN_H

#include <signal.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include <pcap/pcap.h>

#include "lib/checks.h"
#include "pppoe-probe/disc.h"
#include "pppoe-probe/probe.h"
#include "pppoe-probe/session.h"

#define MAX_AC		64
#define FRAME_MAX	1600
#define PADR_TRIES	3
#define PADR_MS		500
#define CLEANUP_MS	600
#define ECHO_GRACE_MS	250	/* Echo-Request interval in the grace */
#define ECHO_HOLD_MS	1000	/* and in the --hold after it */

struct ac {
	uint8_t		 mac[6];
	int		 vid;		/* inner VID of the reply, -1 untagged */
	double		 latency_ms;
	int		 dups;
	int		 filtered;	/* dropped by -C, -S or --ac-mac */
	struct pppoe_disc d;
};

struct run {
	struct probe_opts *o;
	pcap_t		*pc;
	int		 fd;
	uint8_t		 mac[6];
	int		 mtu;
	int		 up, running;
	char		 operstate[32];

	/* discovery */
	uint8_t		 hu[64];
	size_t		 hulen;
	int		 attempt, padi_sent, disc_done;
	struct timespec	 padi_rt[100];	/* per attempt, realtime */
	int64_t		 start, window_end, disc_deadline, disc_end;
	struct ac	 acs[MAX_AC];
	int		 nacs;
	int		 foreign, wrong_vlan, other_padi, malformed;
	char		 other_vlans[128];

	/* session */
	char		*pass;
	size_t		 plen;
	int		 chosen;		/* index in acs, -1 none */
	int		 padr_tries;
	int64_t		 padr_next, padr_at;
	int		 have_pads, pads_timeout;
	double		 pads_ms;
	uint16_t	 sid;
	struct pppoe_disc pads;
	struct sess	 ss;
	int		 sess_active, sess_over;
	int64_t		 sess_deadline, cleanup_deadline;
	int		 ac_padt, we_padt;
	/* IPCP up: the grace, then --hold; who ended it, our echoes */
	int64_t		 up_at, grace_end, watch_end, watch_stop, echo_next;
	int64_t		 hold_start, hold_stop;	/* --hold, after the grace */
	int		 watch_ok, watch_peer;
	struct pppoe_disc padt;
	int		 padt_echo;		/* --padt: the AC answered */
};

/* SIGINT, SIGTERM, SIGHUP, SIGQUIT so far (probe.c). */
extern volatile sig_atomic_t interrupted;

int64_t	 mono_ms(void);

/* capture.c */
int	 iface_info(struct run *);
int	 open_capture(struct run *);
void	 send_padi(struct run *);
void	 send_padr(struct run *, int64_t now);
void	 send_padt(struct run *, const uint8_t mac[6], uint16_t sid, int vid);
void	 sess_send(void *ctx, const uint8_t *, size_t);

/* frames.c */
void	 on_frame(u_char *ctx, const struct pcap_pkthdr *, const u_char *);
/* Offers not dropped by -C, -S or --ac-mac. */
int	 accepted(const struct run *);

/* loop.c */
int64_t	 window_ms(const struct run *, int attempt);
void	 loop(struct run *, const sigset_t *waitmask);
void	 wait_init(const struct probe_opts *);

/* watch.c */
void	 watch(struct run *, int64_t now);
int	 down_in_grace(const struct run *);
void	 add_down(char *det, size_t sz, const struct run *);
void	 add_hold(struct bbt_checks *, const struct run *, const char *mac);
void	 add_echo(struct bbt_checks *, const struct run *, const char *mac);

/* records.c */
void	 kv(char *, size_t, const char *k, const char *v);
void	 kvi(char *, size_t, const char *k, long v);
void	 kvb(char *, size_t, const char *k, const struct pppoe_bytes *);
void	 add_skipped(struct bbt_checks *, const char *name,
	    const char *target, const char *after);
void	 add_link(struct bbt_checks *, const struct run *);
void	 add_discovery(struct bbt_checks *, struct run *);
void	 add_offers(struct bbt_checks *, struct run *);
void	 add_session(struct bbt_checks *, struct run *);
void	 add_cleanup(struct bbt_checks *, const struct run *);
int	 write_out(struct bbt_checks *, const struct probe_opts *);

#endif
