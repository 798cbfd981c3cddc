/* SPDX-License-Identifier: MIT */
/* Atomic output files: write a temporary beside the target, then rename. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lib/file.h"

int
bbt_afile_open(struct bbt_afile *a, const char *path)
{
	int fd;

	memset(a, 0, sizeof(*a));
	if (strcmp(path, "-") == 0) {
		a->fp = stdout;
		return 0;
	}
	if ((a->path = strdup(path)) == NULL ||
	    asprintf(&a->tmp, "%s.XXXXXX", path) < 0) {
		free(a->path);
		a->path = NULL;
		a->tmp = NULL;
		errno = ENOMEM;
		return -1;
	}
	if ((fd = mkostemp(a->tmp, O_CLOEXEC)) < 0)
		goto fail;
	/* mkstemp makes 0600; an output file gets the usual 0666 & ~umask. */
	{
		mode_t um = umask(0);
		umask(um);
		(void)fchmod(fd, 0666 & ~um);
	}
	if ((a->fp = fdopen(fd, "w")) == NULL) {
		close(fd);
		unlink(a->tmp);
		goto fail;
	}
	return 0;
fail:
	{
		int e = errno;
		free(a->path);
		free(a->tmp);
		a->path = a->tmp = NULL;
		errno = e;
	}
	return -1;
}

int
bbt_afile_commit(struct bbt_afile *a)
{
	int r = 0, e = 0;

	if (a->tmp == NULL)
		return fflush(a->fp) == 0 && !ferror(a->fp) ? 0 : -1;
	if (fflush(a->fp) != 0 || ferror(a->fp) || fsync(fileno(a->fp)) < 0) {
		e = errno ? errno : EIO;
		r = -1;
	}
	if (fclose(a->fp) != 0 && r == 0) {
		e = errno;
		r = -1;
	}
	a->fp = NULL;
	if (r == 0 && rename(a->tmp, a->path) < 0) {
		e = errno;
		r = -1;
	}
	if (r < 0)
		unlink(a->tmp);
	free(a->tmp);
	free(a->path);
	a->tmp = a->path = NULL;
	errno = e;
	return r;
}

void
bbt_afile_abort(struct bbt_afile *a)
{
	if (a->tmp == NULL)
		return;
	if (a->fp)
		fclose(a->fp);
	unlink(a->tmp);
	free(a->tmp);
	free(a->path);
	a->fp = NULL;
	a->tmp = a->path = NULL;
}
