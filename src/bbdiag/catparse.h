/* SPDX-License-Identifier: MIT */
/*
 * The catalogue parser's state and the pieces its files share
 * (catalog.c: the driver and lookups; catrule.c: rules; catdecl.c:
 * declarations; catmsg.c: patterns and replies). Internal to bbdiag.
 */
#ifndef BBDIAG_CATPARSE_H
#define BBDIAG_CATPARSE_H

#include "bbdiag/bbdiag.h"

struct parser {
	struct catalogue *c;
	const char	*path;
	unsigned	 line;
	char		*err;
	size_t		 errlen;
	unsigned	 nerr;
	int		 block;		/* B_* */
	/* expression tokens */
	const char	*p;
	const char	*why;
	char		 whybuf[256];
	int		 depth;
	int		 nodes;
};

enum { B_NONE, B_OBS, B_FAULT, B_CONFLICT };

/* "file:line: message" (line 0: the whole file) onto the error text. */
void		 cp_err(struct parser *, const char *fmt, ...)
		    __attribute__((format(printf, 2, 3)));
char		*cp_str(struct parser *, const char *);
/* Check names and their detail keys, interned on first use. */
int		 cp_chk(struct parser *, const char *name);
int		 cp_dkey(struct parser *, int chk, const char *key);
/* A value word or an alias of o, not a classified text: -1 if none. */
int		 cp_word_value(const struct obs_decl *o, const char *w);
/* Splits off the first word of *s (NUL-terminated in place). */
char		*cp_next_word(char **s);
/* "en TEXT" / "zh TEXT" into *en or *zh. */
void		 cp_lang_text(struct parser *, const char *what, char *rest,
		    char **en, char **zh);
int		 cp_ident_ok(const char *);

/* catrule.c: a rule's expression; NULL after a message. */
struct node	*cp_rule(struct parser *, const char *text);

/* catdecl.c: the declaration directives and the end-of-file checks. */
void		 cp_param(struct parser *, char *rest);
void		 cp_layer(struct parser *, char *rest);
void		 cp_obs(struct parser *, char *rest);
void		 cp_obs_attr(struct parser *, const char *dir, char *rest);
void		 cp_fault(struct parser *, char *rest);
void		 cp_fault_attr(struct parser *, const char *dir, char *rest);
void		 cp_conflict(struct parser *, char *rest);
void		 cp_validate(struct parser *);

/* catmsg.c: "pattern" and "reply" lines. */
void		 cp_pattern(struct parser *, char *rest);
int		 cp_reply_kind(const char *rest);
void		 cp_reply(struct parser *, char *rest);
void		 cp_link_patterns(struct parser *);

#endif
