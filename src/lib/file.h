/* SPDX-License-Identifier: MIT */
/*
 * Output files (-o) of every command. A regular file, or a path that
 * does not exist yet, is written atomically: a temporary file beside the
 * target, fsync, rename over it, so readers never see a half-written
 * file; an existing file keeps its mode and, where we may chown, its
 * owner and group. Anything else (a printer's character device, a FIFO,
 * a socket) is written in place: renaming over it would replace the node.
 * A symbolic link is followed, and the rules apply to its target.
 */
#ifndef BBT_FILE_H
#define BBT_FILE_H

#include <stdio.h>

struct bbt_afile {
	FILE	*fp;
	char	*path;		/* the target, links resolved */
	char	*tmp;		/* NULL when written in place */
	int	 own;		/* fp is ours to close */
};

/*
 * Opens path for writing ("-" = stdout); 0, or -1 with errno. A FIFO
 * blocks here until it has a reader, as with the shell's `>`.
 */
int	bbt_afile_open(struct bbt_afile *, const char *path);
/* Flushes, fsyncs, renames; -1 with errno (the temporary is removed). */
int	bbt_afile_commit(struct bbt_afile *);
/* Removes the temporary (on error paths); in place, only closes. */
void	bbt_afile_abort(struct bbt_afile *);
/*
 * Makes SIGHUP, SIGINT and SIGTERM remove the open temporary files, then
 * end the process by the same signal (exit status 128 + signal number).
 */
void	bbt_afile_catch_signals(void);

#endif
