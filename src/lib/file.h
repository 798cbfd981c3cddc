/* SPDX-License-Identifier: MIT */
/* Output files written atomically: a temporary file beside the target,
 * fsync, rename over it. Readers never see a half-written file. */
#ifndef BBT_FILE_H
#define BBT_FILE_H

#include <stdio.h>

struct bbt_afile {
	FILE	*fp;
	char	*path;
	char	*tmp;
};

/* Creates path.XXXXXX beside path; 0, or -1 with errno. "-" = stdout. */
int	bbt_afile_open(struct bbt_afile *, const char *path);
/* Flushes, fsyncs, renames; -1 with errno (the temporary is removed). */
int	bbt_afile_commit(struct bbt_afile *);
/* Removes the temporary (on error paths). */
void	bbt_afile_abort(struct bbt_afile *);

#endif
