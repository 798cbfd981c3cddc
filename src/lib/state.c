/* SPDX-License-Identifier: MIT */
/* Status words and their exit codes. */
#include <string.h>

#include "lib/state.h"

static const char *const names[BBT_NSTATES] = {
	"ok", "warning", "critical", "unknown", "skipped", "info",
};
static const char *const upper[BBT_NSTATES] = {
	"OK", "WARNING", "CRITICAL", "UNKNOWN", "SKIPPED", "INFO",
};

/* Severity rank for worst-of: UNKNOWN sits between OK and WARNING, as in
 * the monitoring-plugins convention. */
static int
rank(enum bbt_state s)
{
	switch (s) {
	case BBT_CRITICAL:
		return 3;
	case BBT_WARNING:
		return 2;
	case BBT_UNKNOWN:
		return 1;
	default:
		return 0;
	}
}

enum bbt_state
bbt_state_worst(enum bbt_state a, enum bbt_state b)
{
	if (a == BBT_SKIPPED || a == BBT_INFO)
		a = BBT_OK;
	if (b == BBT_SKIPPED || b == BBT_INFO)
		b = BBT_OK;
	return rank(b) > rank(a) ? b : a;
}

const char *
bbt_state_name(enum bbt_state s)
{
	return (unsigned)s < BBT_NSTATES ? names[s] : "unknown";
}

const char *
bbt_state_upper(enum bbt_state s)
{
	return (unsigned)s < BBT_NSTATES ? upper[s] : "UNKNOWN";
}

int
bbt_state_parse(const char *s, enum bbt_state *out)
{
	for (int i = 0; i < BBT_NSTATES; i++)
		if (strcmp(s, names[i]) == 0) {
			*out = (enum bbt_state)i;
			return 0;
		}
	return -1;
}

int
bbt_state_exit(enum bbt_state s)
{
	return s <= BBT_UNKNOWN ? (int)s : 0;
}
