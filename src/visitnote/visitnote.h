/* SPDX-License-Identifier: MIT */
/* visitnote: options and the note pipeline shared by main.c and tests. */
#ifndef VISITNOTE_VISITNOTE_H
#define VISITNOTE_VISITNOTE_H

#include <stdint.h>

#include "lib/opts.h"
#include "visitnote/accept.h"
#include "visitnote/note.h"
#include "visitnote/pdf.h"

struct vn_opts {
	struct bbt_common common;
	struct vn_note	 note;		/* slots given as options */
	const char	*arrived, *left;	/* as typed */
	const char	*id, *tech;	/* for the log */
	enum vn_lang	 lang;
	int		 width;		/* text columns, 0 = as the seed */
	long		 blank;		/* --blank N */
	int		 pdf;		/* --format=pdf */
	enum vn_paper	 paper;
	const char	*font;
	int		 seed_punct;	/* PDF: the seed's ASCII punctuation */
	const char	*output;	/* -o, NULL = stdout */
	const char	*log;		/* --log, "-" = stdout */
	unsigned	 override;	/* VN_R* bits */
	int		 single;	/* a note from the options alone */
	char		**files;
	int		 nfiles;
	int64_t		 now;
	/* --acceptance: the sheet of an install or repair. */
	int		 acceptance;
	const char	*kase;		/* --case, NULL = the input's one */
	int		 kind;		/* BBT_KIND_* of --action, or -1 */
	struct va_params accept;
	char		**owned;	/* sanitized copies of option values */
	int		 nowned;
};

/* Parses argv into o (argp flags as for argp_parse); 0 or an errno. */
int	visitnote_parse_args(int argc, char **argv, struct vn_opts *o,
	    unsigned flags);
/* visitnote --acceptance: the whole run; its exit code. */
int	vn_accept_run(struct vn_opts *);
/* Frees what parsing allocated. */
void	visitnote_free_args(struct vn_opts *);

#endif
