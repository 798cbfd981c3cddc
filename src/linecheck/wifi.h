/* SPDX-License-Identifier: MIT */
/*
 * The Wi-Fi section of linecheck: nl80211 (generic netlink) replies
 * parsed into plain structs (wifiparse.c, pure: message bytes in, struct
 * out, unit-tested and fuzzed on replies recorded from mac80211_hwsim),
 * the queries (wifi.c) and the records and verdict (wifiverdict.c).
 */
#ifndef LC_WIFI_H
#define LC_WIFI_H

#include <stddef.h>
#include <stdint.h>

struct lc;
struct bbt_checks;

#define LC_WIFI_SSID	(32 * 3 + 1)	/* 32 bytes, each up to U+FFFD */
#define LC_WIFI_MAXBSS	64
#define LC_WIFI_MAXCH	64

/* Parse results: 0 ok, or one of these (named by lc_wifi_strerror). */
enum lc_wifi_err {
	LC_WIFI_ESHORT = 1,	/* message shorter than its headers */
	LC_WIFI_EATTR,		/* attribute of the wrong size or unparsable */
	LC_WIFI_EMISSING,	/* a required attribute is absent */
	LC_WIFI_ECMD,		/* not the nl80211 command expected */
};
const char *lc_wifi_strerror(int);

struct lc_wifi_if {			/* NL80211_CMD_NEW_INTERFACE */
	uint32_t	 ifindex, wiphy, iftype;
	char		 ssid[LC_WIFI_SSID];	/* "" when not associated */
	int		 has_ssid;
	uint32_t	 freq, width_mhz, center1;	/* 0 = unknown */
};

struct lc_wifi_rate {			/* NL80211_STA_INFO_TX/RX_BITRATE */
	int		 valid;
	uint32_t	 kbit;		/* bitrate, kbit/s */
	int		 mcs;		/* HT, VHT or HE MCS; -1 legacy */
	int		 nss;		/* spatial streams (VHT/HE), 0 = - */
	const char	*mode;		/* "legacy", "ht", "vht", "he" */
	int		 width_mhz;
	int		 short_gi;
};

#define LC_STA_SIGNAL	0x01
#define LC_STA_AVG	0x02
#define LC_STA_RETRIES	0x04
#define LC_STA_FAILED	0x08
#define LC_STA_BLOSS	0x10
#define LC_STA_CONNTIME	0x20
#define LC_STA_EXPTP	0x40
struct lc_wifi_sta {			/* NL80211_CMD_NEW_STATION */
	uint8_t		 mac[6];
	unsigned	 has;		/* LC_STA_* */
	int		 signal, signal_avg;	/* dBm */
	struct lc_wifi_rate tx, rx;
	uint32_t	 tx_retries, tx_failed, beacon_loss;
	uint32_t	 connected_s, expected_kbit;
	uint64_t	 rx_bytes, tx_bytes;
};

#define LC_SURVEY_NOISE	0x01
#define LC_SURVEY_TIME	0x02
#define LC_SURVEY_BUSY	0x04
#define LC_SURVEY_RX	0x08
#define LC_SURVEY_TX	0x10
struct lc_wifi_survey {			/* NL80211_CMD_NEW_SURVEY_RESULTS */
	uint32_t	 freq;
	int		 in_use;
	unsigned	 has;		/* LC_SURVEY_* */
	int		 noise;		/* dBm */
	uint64_t	 time_ms, busy_ms, rx_ms, tx_ms;
};

struct lc_wifi_bss {			/* NL80211_CMD_NEW_SCAN_RESULTS */
	uint8_t		 bssid[6];
	uint32_t	 freq;
	int		 has_signal;
	int		 signal_mbm;	/* 1/100 dBm */
	int		 associated;	/* NL80211_BSS_STATUS associated */
	char		 ssid[LC_WIFI_SSID];
	int		 width_mhz;	/* 20, 40, 80, 160 from HT/VHT operation */
	int		 ht;		/* HT (802.11n) or newer */
	uint32_t	 seen_ms_ago;
};

/* Each takes one generic-netlink message as received (nlmsghdr first). */
int	lc_wifi_parse_if(const void *msg, size_t len, struct lc_wifi_if *);
int	lc_wifi_parse_sta(const void *msg, size_t len, struct lc_wifi_sta *);
int	lc_wifi_parse_survey(const void *msg, size_t len,
	    struct lc_wifi_survey *);
int	lc_wifi_parse_bss(const void *msg, size_t len, struct lc_wifi_bss *);
/* Channel number of a frequency in MHz (0 when none), its band ("2.4",
 * "5", "6", "60" GHz, or "-"). */
int	lc_wifi_channel(uint32_t freq);
const char *lc_wifi_band(uint32_t freq);
/* 20 MHz channels of 2.4 GHz share air when fewer than 5 apart. */
int	lc_wifi_overlap(uint32_t f1, uint32_t f2);

/* The whole section's measurements, kept in struct lc (linecheck.h). */
struct lc_wifi {
	int		 wireless;	/* nl80211 knows the interface */
	int		 family;	/* nl80211 generic-netlink id */
	void		*sock;		/* struct nl_sock *, scan events */
	struct lc_wifi_if ifc;
	int		 associated;
	struct lc_wifi_sta sta;
	int		 sta_ok;
	struct lc_wifi_rate tx0, rx0;	/* bitrates before the scan */
	int		 have_rate0;
	/* survey of the channel in use, at start and end of the run */
	int		 survey_err;	/* errno of the dump; EOPNOTSUPP... */
	int		 survey_n;
	struct lc_wifi_survey s0, s1;
	int		 have_s0, have_s1;
	/* scan */
	int		 trigger_err;	/* 0: triggered, else errno */
	uint32_t	 scan_freq[14];	/* channels asked for, none = all */
	int		 scan_nfreq;
	int		 fresh;		/* results after our trigger */
	int		 scan_err;
	struct lc_wifi_bss bss[LC_WIFI_MAXBSS];
	int		 nbss;
	int		 parse_err;	/* first parse error, LC_WIFI_E* */
	const char	*parse_what;	/* which reply */
};

/* Thresholds of the verdict (linecheck(1) documents them). */
struct lc_wifi_limits {
	int		 rssi_min;	/* dBm: weaker is weak signal */
	int		 rssi_crit;	/* dBm: weaker is critical */
	int		 busy_max;	/* % busy: above is crowded */
	int		 cca_dbm;	/* neighbours at least this loud count */
	int		 neighbours_max;	/* more is crowded */
};
extern const struct lc_wifi_limits lc_wifi_default_limits;

int	lc_wifi_open(struct lc *);	/* before the privilege drop */
void	lc_wifi_end(struct lc *, int64_t deadline);
void	lc_wifi_close(struct lc *);
void	lc_wifi_verdict(const struct lc_wifi *, const char *iface,
	    const struct lc_wifi_limits *, struct bbt_checks *);

#endif
