/* SPDX-License-Identifier: MIT */
/*
 * Record words as the terminal view says them: the records keep their
 * ASCII words, the technician reads a phrase in the language of the
 * view. One lookup for every table of them; here the reason words
 * (error=, result=) that any check may carry.
 */
#include <string.h>

#include "lib/human_int.h"
#include "lib/i18n.h"

static const struct bbt_human_word words[] = {
	{ "busy", N_("busy") },
	{ "checksum", N_("bad checksum") },
	{ "filtered", N_("filtered") },
	{ "frames_dropped", N_("frames dropped") },
	{ "hop_limit", N_("hop limit reached") },
	{ "http", N_("HTTP error") },
	{ "icmp_filtered", N_("ICMP filtered") },
	{ "incomplete", N_("incomplete") },
	{ "interrupted", N_("interrupted") },
	{ "malformed", N_("malformed answer") },
	{ "no_address", N_("no address") },
	{ "no_data", N_("nothing measured") },
	{ "no_privilege", N_("needs root") },
	{ "no_ra", N_("no router advertisement") },
	{ "no_reply", N_("no reply") },
	{ "no_resolver", N_("no DNS server") },
	{ "none_heard", N_("none heard") },
	{ "not_default_router", N_("not a default router") },
	{ "port_unreachable", N_("port unreachable") },
	{ "refused", N_("connection refused") },
	{ "rejected", N_("rejected") },
	{ "reset", N_("connection reset") },
	{ "short_body", N_("answer cut short") },
	{ "terminated", N_("terminated") },
	{ "timeout", N_("no answer in time") },
	{ "tls", N_("TLS error") },
	{ "unknown", N_("not known") },
	{ "unreachable", N_("unreachable") },
};

const char *
bbt_human_say(const struct bbt_human_word *t, size_t n, const char *w,
    size_t len)
{
	for (size_t i = 0; i < n; i++)
		if (strncmp(t[i].word, w, len) == 0 && t[i].word[len] == '\0')
			return _(t[i].say);
	return NULL;
}

const char *
bbt_human_say_or(const struct bbt_human_word *t, size_t n, const char *w)
{
	const char *s = bbt_human_say(t, n, w, strlen(w));

	return s ? s : w;
}

const char *
bbt_human_why(const char *w)
{
	return bbt_human_say_or(words, BBT_HUMAN_NWORDS(words), w);
}
