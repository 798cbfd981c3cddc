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
#include "lib/out.h"
#include "pppoe-probe/dataplane.h"
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
#define REDIAL_PAUSE_MS	2000	/* --redial: after a drop, before PADI */

struct ac {
	uint8_t		 mac[6];
	int		 vid;		/* inner VID of the reply, -1 untagged */
	double		 latency_ms;
	int		 dups;
	int		 filtered;	/* dropped by -C, -S or --ac-mac */
	struct pppoe_disc d;
};

/* --watch (watchlog.c): the events so far and their counts. */
struct wlog {
	struct bbt_checks ev;		/* events kept for the end */
	struct bbt_out	*live;		/* tsv, json: events written at once */
	int64_t		 last_echo;	/* our last Echo-Request, mono ms */
	int64_t		 loss_start;	/* the first missed one of a run */
	int		 loss_missed;	/* missed in the open run, 0: none */
	int		 runs, missed, longest, spikes, drops;
	int64_t		 longest_ms;
	int64_t		*rtt;		/* every RTT, ns */
	size_t		 nrtt, cap;
	int64_t		 t0;		/* IPCP first up, mono ms */
	int64_t		 end;		/* the watch ends, mono ms */
	int64_t		 last_stop;	/* the last watch stopped, mono ms */
	int		 redials;	/* --redial: dials after the first */
	int		 echo_sent, echo_rcvd;	/* of the sessions before */
	uint8_t		 ac[6];		/* the AC of the last session */
};

struct run {
	struct probe_opts *o;
	pcap_t		*pc;
	int		 fd;
	uint8_t		 mac[6];
	int		 mtu;
	int		 up, running;
	char		 operstate[32];
	uint8_t		 hu[64];
	size_t		 hulen;
	char		*pass;
	size_t		 plen;

	/*
	 * From here to wl: one dial, zeroed by a --redial (redial.c).
	 * discovery
	 */
	int		 attempt, padi_sent, disc_done;
	struct timespec	 padi_rt[100];	/* per attempt, realtime */
	int64_t		 start, window_end, disc_deadline, disc_end;
	struct ac	 acs[MAX_AC];
	int		 nacs;
	int		 foreign, wrong_vlan, other_padi, malformed;
	char		 other_vlans[128];

	/* session */
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
	struct dp	 dp;			/* traffic through the session */
	struct wlog	 wl;
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
void	 disc_start(struct run *);
void	 loop(struct run *, const sigset_t *waitmask);
void	 wait_init(const struct probe_opts *);

/* watch.c */
void	 watch(struct run *, int64_t now);
int	 down_in_grace(const struct run *);
void	 add_down(char *det, size_t sz, const struct run *);
void	 add_hold(struct bbt_checks *, const struct run *, const char *mac);
void	 add_echo(struct bbt_checks *, const struct run *, const char *mac);

/* watchlog.c */
void	 wlog_start(struct run *, struct bbt_checks *);
void	 wlog_echo(struct run *, int64_t now);
void	 wlog_reply(void *ctx, int64_t rtt_ns);
void	 wlog_stop(struct run *, int64_t now);
void	 wlog_up(struct run *, int64_t now);
void	 add_watch(struct bbt_checks *, struct run *);
void	 wlog_free(struct run *);
void	 wlog_redial(struct run *);

/* redial.c */
void	 redial(struct run *, const sigset_t *waitmask);

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
