/* SPDX-License-Identifier: MIT */
/*
 * The catalogue's texts for the customer and for refusals: the
 * "pattern" table that classifies AAA refusal texts and the "reply"
 * frames of --reply.
 */
#include <stdio.h>
#include <string.h>

#include "bbdiag/arena.h"
#include "bbdiag/bbdiag.h"
#include "bbdiag/catparse.h"
#include "lib/i18n.h"

/* "pattern CLASS TEXT": a wording of a refusal, for every classifying
 * observation that has the value CLASS. */
void
cp_pattern(struct parser *ps, char *rest)
{
	struct catalogue *c = ps->c;
	char *cls = cp_next_word(&rest), buf[512];
	size_t n;

	while (*rest == ' ' || *rest == '\t')
		rest++;
	n = strlen(rest);
	if (n >= 2 && rest[0] == '"' && rest[n - 1] == '"') {
		rest[n - 1] = '\0';
		rest++;
	}
	if (cls == NULL || msg_fold(rest, buf, sizeof(buf)) == 0) {
		cp_err(ps, _("'pattern' takes a value and a text"));
		return;
	}
	c->pats = arena_grow(&c->arena, c->pats, c->npats, sizeof(*c->pats));
	c->pats[c->npats].cls = cp_str(ps, cls);
	c->pats[c->npats].text = cp_str(ps, buf);
	c->pats[c->npats++].line = ps->line;
}

static const char *const reply_kinds[] = {
	"ours", "customer", "none", "unknown", NULL,
};

int
cp_reply_kind(const char *rest)
{
	size_t n = strcspn(rest, " \t");

	for (int i = 0; reply_kinds[i]; i++)
		if (strlen(reply_kinds[i]) == n &&
		    strncmp(rest, reply_kinds[i], n) == 0)
			return i;
	return -1;
}

/* "reply ours|customer|none|unknown en|zh TEXT": the frames of the
 * customer-facing answer; a fault block's "reply en|zh" is its part. */
void
cp_reply(struct parser *ps, char *rest)
{
	int k = cp_reply_kind(rest);

	(void)cp_next_word(&rest);
	cp_lang_text(ps, "reply", rest, &ps->c->reply_en[k],
	    &ps->c->reply_zh[k]);
}

/* Each classifying observation gets the patterns of its values; a
 * pattern no observation can use is an error (a typo in its class). */
void
cp_link_patterns(struct parser *ps)
{
	struct catalogue *c = ps->c;

	for (size_t i = 0; i < c->npats; i++) {
		int used = 0;

		for (size_t j = 0; j < c->nobs; j++) {
			struct obs_decl *o = &c->obs[j];
			int vi;

			if (!o->classify)
				continue;
			for (vi = 0; vi < (int)o->nvals; vi++)
				if (strcmp(o->vals[vi].word, c->pats[i].cls)
				    == 0)
					break;
			if (vi == (int)o->nvals)
				continue;
			o->pats = arena_grow(&c->arena, o->pats, o->npats,
			    sizeof(*o->pats));
			o->pats[o->npats].text = c->pats[i].text;
			o->pats[o->npats].len = strlen(c->pats[i].text);
			o->pats[o->npats++].value = vi;
			used = 1;
		}
		if (!used) {
			ps->line = c->pats[i].line;
			cp_err(ps, _("pattern class '%s' is not a value of a "
			    "classifying observation"), c->pats[i].cls);
		}
	}
}
