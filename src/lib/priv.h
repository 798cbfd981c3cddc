/* SPDX-License-Identifier: MIT */
/*
 * Least privilege. The check tools need CAP_NET_RAW for one thing only:
 * opening raw sockets or the pcap handle. Installed with
 * `setcap cap_net_raw+p` the capability is permitted but not effective;
 * bbt_priv_raise() makes it effective around the open, bbt_priv_drop()
 * then clears every set, sets no-new-privs, gives up setuid ids, and
 * verifies that nothing is left. Started as root, the drop also leaves
 * uid 0 for $BBTOOLS_USER (a user name or number; default nobody) with
 * no supplementary groups: anything the tool reads after it must be
 * readable by that user, so read such files before.
 */
#ifndef BBT_PRIV_H
#define BBT_PRIV_H

/* Whether cap (CAP_NET_RAW...) is permitted to this process. */
int	bbt_priv_permitted(int cap);
/* Makes cap effective when permitted: 0, or -1 with errno (EPERM). */
int	bbt_priv_raise(int cap);
/* Drops everything; 0, or -1 with errno when it could not be verified
 * (a bad $BBTOOLS_USER is also named on stderr). */
int	bbt_priv_drop(void);
/* Effective and permitted sets are empty (for tests and -v). */
int	bbt_priv_none(void);

#endif
