/* SPDX-License-Identifier: MIT */
/*
 * Shared by the terminal view's files (human.c, human_session.c, human_wifi.c): not
 * an interface of the library.
 */
#ifndef BBT_HUMAN_INT_H
#define BBT_HUMAN_INT_H

#include <stddef.h>

#include "lib/checks.h"

#define BBT_HUMAN_KVSZ	128	/* a detail value's buffer */

/* Detail value of key in buf (BBT_HUMAN_KVSZ), or "-". */
const char	*bbt_human_kv(const struct bbt_check *k, const char *key,
		    char *buf);
/* The sentence for the checks of a session after IPCP (ppp.ipv6cp,
 * ppp.echo, ppp.hold, a ppp.ipcp taken back or without an address) and
 * of the speed test; 0 when k is none of them. */
int		 bbt_human_session(const struct bbt_check *k, char *b,
		    size_t sz);

/* A record's word and what the view says for it (an N_() text). */
struct bbt_human_word {
	const char	*word, *say;
};
#define BBT_HUMAN_NWORDS(t)	(sizeof(t) / sizeof((t)[0]))

/* human_words.c: the translated text t[] has for the word w[0, len),
 * or NULL. */
const char	*bbt_human_say(const struct bbt_human_word *t, size_t n,
		    const char *w, size_t len);
/* The same for a whole word; one t[] does not know, as it is. */
const char	*bbt_human_say_or(const struct bbt_human_word *t, size_t n,
		    const char *w);
/* A record's reason word (error=, result=) in the view's words; an
 * unknown word as it is. */
const char	*bbt_human_why(const char *w);

/* The sentence for linecheck's wifi.* records; 0 for any other. */
int		 bbt_human_wifi(const struct bbt_check *k, char *b,
		    size_t sz);

#endif
