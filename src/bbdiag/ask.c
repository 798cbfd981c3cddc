/* SPDX-License-Identifier: MIT */
/*
 * Guided mode: while the evidence leaves the verdict open, ask the
 * technician the one observation that best separates the candidates.
 * Every possible answer of every askable key is tried on a copy of the
 * verdict; the key whose answers lead to different top faults, the
 * lowest layer first (bottom-up, as in the field), is asked. Answers are
 * read line by line, so a script can feed them.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bbdiag/bbdiag.h"
#include "lib/i18n.h"

#define MAX_QUESTIONS	25
#define NO_LAYER	1000

struct choice {
	int		 key;
	size_t		 outcomes;	/* distinct top faults */
	int		 low;		/* lowest layer among them */
};

static int
layer_of(const struct catalogue *c, int fault)
{
	return fault < 0 ? NO_LAYER : c->faults[fault].layer;
}

/* What the top fault would be for each answer to key k. */
static struct choice
try_key(const struct catalogue *c, struct evidence *ev, struct verdict *v,
    int k, int now)
{
	const struct obs_decl *d = &c->obs[k];
	struct oval saved = ev->obs[k];
	uint64_t word = ev->present[k / 64];
	int seen[64];
	size_t nseen = 0, n = d->kind == OBS_ENUM ? d->nvals : d->nprobe;
	struct choice ch = { k, 0, NO_LAYER };

	for (size_t i = 0; i < n; i++) {
		int top;
		size_t j;

		ev->obs[k].set = 1;
		ev->obs[k].conflict = 0;
		ev->present[k / 64] |= (uint64_t)1 << (k % 64);
		ev->obs[k].vi = d->kind == OBS_ENUM ? (int)i : 0;
		ev->obs[k].num = d->kind == OBS_NUM ? d->probe[i] : 0;
		top = diag_top(c, ev, v);
		/* Only an answer that establishes a fault decides anything. */
		if (top >= 0 && !v->c[0].established)
			top = -1;
		for (j = 0; j < nseen; j++)
			if (seen[j] == top)
				break;
		if (j == nseen && nseen < 64)
			seen[nseen++] = top;
		/* An answer that names a fault below the current one. */
		if (top != now && layer_of(c, top) < ch.low)
			ch.low = layer_of(c, top);
	}
	ev->obs[k] = saved;
	ev->present[k / 64] = word;
	ch.outcomes = nseen;
	return ch;
}

static void
question(const struct catalogue *c, int k, FILE *q, int zh, unsigned num)
{
	const struct obs_decl *d = &c->obs[k];

	fprintf(q, _("Question %u (%s): %s\n"), num, d->key,
	    zh ? d->ask_zh : d->ask_en);
	if (d->kind == OBS_ENUM) {
		for (size_t i = 0; i < d->nvals; i++)
			fprintf(q, "  %zu) %s%s%s\n", i + 1, d->vals[i].word,
			    d->vals[i].en ? "  " : "",
			    d->vals[i].en ? (zh ? d->vals[i].zh :
			    d->vals[i].en) : "");
	} else
		fprintf(q, _("  a number from %g to %g %s\n"), d->min, d->max,
		    d->unit ? d->unit : "");
	fprintf(q, _("  (empty or ? = do not know, q = stop asking)\n> "));
	fflush(q);
}

/* 1 = answered (observation set), 0 = do not know, -1 = stop. */
static int
answer(const struct catalogue *c, struct evidence *ev, int k, FILE *in,
    FILE *q)
{
	const struct obs_decl *d = &c->obs[k];
	char line[256];

	for (int tries = 0; tries < 3; tries++) {
		char *s = line, *e;
		double num = 0;
		int vi;

		if (fgets(line, sizeof(line), in) == NULL) {
			fputc('\n', q);
			return -1;
		}
		while (*s == ' ' || *s == '\t')
			s++;
		for (e = s + strlen(s); e > s && (e[-1] == '\n' ||
		    e[-1] == '\r' || e[-1] == ' ' || e[-1] == '\t'); e--)
			;
		*e = '\0';
		if (*s == '\0' || strcmp(s, "?") == 0)
			return 0;
		if (strcmp(s, "q") == 0 || strcmp(s, "quit") == 0)
			return -1;
		vi = -1;
		if (d->kind == OBS_ENUM) {
			char *end;
			long n = strtol(s, &end, 10);

			if (*end == '\0' && n >= 1 && (size_t)n <= d->nvals)
				vi = (int)n - 1;
		}
		if (vi >= 0) {
			ev_set_obs(ev, k, vi, num, d->vals[vi].word);
			return 1;
		}
		/* Words, aliases, numbers and, for a classifying key, the
		 * AAA's own text. */
		if (cat_obs_value(d, s, &num) >= 0) {
			ev_set_obs_text(ev, k, s);
			return 1;
		}
		{
			char *valid = cat_obs_valid(d);

			fprintf(q, _("Invalid answer '%s': valid are %s.\n> "),
			    s, valid ? valid : "");
			free(valid);
			fflush(q);
		}
	}
	return 0;
}

int
ask_run(const struct catalogue *c, struct evidence *ev, FILE *in, FILE *q,
    int zh)
{
	struct verdict v;
	char *asked = calloc(c->nobs + 1, 1);
	unsigned n = 0;
	/* In percent: confidences are rounded to two decimals. */
	int stop_at = (int)(c->ask_stop * 100 + 0.5);

	if (asked == NULL)
		abort();
	diag_init(&v, c->nfaults);
	while (n < MAX_QUESTIONS) {
		struct choice best = { -1, 0, NO_LAYER };
		int now, r;

		diag_run(c, ev, &v, 0);
		now = v.n ? v.c[0].fault : -1;
		/* The access type first: it rules out whole families. */
		if (c->access_key >= 0 && !ev->obs[c->access_key].set &&
		    !asked[c->access_key] && c->obs[c->access_key].ask_en)
			best.key = c->access_key;
		for (size_t k = 0; best.key < 0 && k < c->nobs; k++) {
			struct choice ch;

			if (ev->obs[k].set || asked[k] || !c->obs[k].ask_en)
				continue;
			ch = try_key(c, ev, &v, (int)k, now);
			if (ch.outcomes < 2)
				continue;
			/* Bottom-up: the key that can reveal the lowest
			 * fault, then the one with more outcomes. */
			if (best.key < 0 || ch.low < best.low ||
			    (ch.low == best.low && ch.outcomes > best.outcomes))
				best = ch;
		}
		diag_run(c, ev, &v, 0);
		if (best.key < 0)
			break;
		/* One fault stands: established, confident, and no answer
		 * could reveal a fault below it. */
		if (v.n && v.c[0].established &&
		    (int)(v.c[0].conf * 100 + 0.5) >= stop_at &&
		    best.low >= c->faults[now].layer)
			break;
		asked[best.key] = 1;
		question(c, best.key, q, zh, ++n);
		if ((r = answer(c, ev, best.key, in, q)) < 0)
			break;
	}
	diag_free(&v);
	free(asked);
	return 0;
}
