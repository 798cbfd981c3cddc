/* SPDX-License-Identifier: MIT */
/* pppoe-probe: options, argument parsing and the probe run. */
#ifndef PPPOE_PROBE_H
#define PPPOE_PROBE_H

#include <stddef.h>
#include <stdint.h>

#include "lib/opts.h"
#include "pppoe-probe/traffic.h"

#define PROBE_MAX_ACMAC		16
#define PROBE_MAX_SCAN		4095

struct probe_opts {
	struct bbt_common common;
	int		 fmt;			/* BBT_CFMT_* */
	const char	*iface;
	const char	*service;		/* NULL: empty Service-Name */
	const char	*ac_name;		/* -C filter */
	uint8_t		 ac_mac[PROBE_MAX_ACMAC][6];
	int		 n_ac_mac;
	const char	*user;
	const char	*password_file;
	const char	*case_id;
	long long	 timeout_ms;		/* discovery budget */
	long long	 wait_ms;		/* first collection window */
	long long	 session_timeout_ms;
	long long	 hold_ms;		/* 0: close after IPCP */
	long long	 grace_ms;		/* watched after IPCP, first */
	int		 grace_given;
	int		 watch;			/* --watch: events as they come */
	int		 redial;		/* --redial: new sessions at most */
	int		 attempts;
	double		 backoff;
	int		 first;
	int		 expect;
	int		 vlan;			/* -1 = untagged */
	int		 qinq;			/* -1 = no outer tag */
	int		 pcp;
	uint16_t	*scan;			/* --vlan-scan VIDs */
	int		 nscan;
	int		 host_uniq_mode;	/* HU_RANDOM, HU_NONE, HU_GIVEN */
	uint8_t		 host_uniq[64];
	size_t		 host_uniq_len;
	int		 max_payload;		/* -1 = no tag */
	int		 mru;
	int		 mru_given;		/* --mru on the command line */
	int		 no_ipv6;		/* reject IPv6CP */
	int		 no_dhcp6, pd_len;	/* IPv6 task: 0 no hint */
	unsigned	 auth_mask;
	int		 promisc;
	int		 do_padt;
	unsigned	 padt_session;
	uint8_t		 padt_mac[6];
	struct traffic_opts tr;			/* first traffic (traffic.c) */
};

enum { HU_RANDOM, HU_NONE, HU_GIVEN };

/*
 * Parses argv into o (defaults first). flags go to argp_parse
 * (ARGP_SILENT in tests). Returns argp's error code: 0 on success.
 */
int	 pppoe_probe_parse_args(int argc, char **argv, struct probe_opts *o,
	    unsigned flags);
void	 pppoe_probe_free_opts(struct probe_opts *);

/* Parses "1-10,35,835" into a sorted, unique VID list; NULL or a reason. */
const char *pppoe_probe_parse_vids(const char *, uint16_t **, int *);
/* "text" or "0x..." to bytes; NULL or a reason. */
const char *pppoe_probe_parse_bytes(const char *, uint8_t *, size_t,
	    size_t *);

/* "SESSION:MAC" of --padt, session 0 to 65535; 0 or -1. */
int	 pppoe_probe_parse_padt(const char *, unsigned *, uint8_t mac[6]);

/* Runs the probe; returns the exit code. */
int	 pppoe_probe_run(struct probe_opts *);

#endif
