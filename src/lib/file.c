/* SPDX-License-Identifier: MIT */
/*
 * Output files: atomic replacement of regular files, in-place writes to
 * devices, FIFOs and sockets, symbolic links followed to their target.
 */
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include "lib/file.h"

/* Link hops before ELOOP, as the kernel's MAXSYMLINKS. */
#define MAX_HOPS	40
/* Temporaries open at once that a signal must remove. */
#define MAX_TMPS	4

static char *volatile tmps[MAX_TMPS];

static void
on_signal(int sig)
{
	int e = errno;

	for (int i = 0; i < MAX_TMPS; i++)
		if (tmps[i])
			(void)unlink(tmps[i]);
	/* Die of the signal itself, so that the parent sees what killed
	 * us (a shell prints 128 + sig). */
	signal(sig, SIG_DFL);
	raise(sig);
	errno = e;
}

void
bbt_afile_catch_signals(void)
{
	static const int sigs[] = { SIGHUP, SIGINT, SIGTERM };
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	for (size_t i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++)
		sigaddset(&sa.sa_mask, sigs[i]);
	for (size_t i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++) {
		struct sigaction old;

		/* A signal ignored by whoever started us stays ignored
		 * (nohup). */
		if (sigaction(sigs[i], NULL, &old) == 0 &&
		    old.sa_handler == SIG_IGN)
			continue;
		(void)sigaction(sigs[i], &sa, NULL);
	}
}

/* Adds (on) or removes a temporary in the handler's list, with the
 * signals blocked so that the handler never sees a half-made change. */
static void
block(sigset_t *old)
{
	sigset_t all;

	sigemptyset(&all);
	sigaddset(&all, SIGHUP);
	sigaddset(&all, SIGINT);
	sigaddset(&all, SIGTERM);
	sigprocmask(SIG_BLOCK, &all, old);
}

static void
track(char *tmp, int on)
{
	sigset_t old;

	block(&old);
	for (int i = 0; i < MAX_TMPS; i++)
		if (on ? tmps[i] == NULL : tmps[i] == tmp) {
			tmps[i] = on ? tmp : NULL;
			break;
		}
	sigprocmask(SIG_SETMASK, &old, NULL);
}

/*
 * The file a path names once its symbolic links are followed, as a
 * malloc'd path; a dangling link gives the path it points to, so that
 * the file is created there. NULL with errno.
 */
static char *
resolve(const char *path)
{
	char *p = strdup(path), *q, *dir;
	struct stat sb;

	for (int hop = 0; p != NULL; hop++) {
		char link[4096];
		ssize_t n;

		if (lstat(p, &sb) < 0 || !S_ISLNK(sb.st_mode))
			return p;
		if (hop == MAX_HOPS) {
			free(p);
			errno = ELOOP;
			return NULL;
		}
		if ((n = readlink(p, link, sizeof(link) - 1)) < 0) {
			free(p);
			return NULL;
		}
		link[n] = '\0';
		if (link[0] == '/') {
			q = strdup(link);
		} else {
			/* Relative to the directory holding the link. */
			if ((dir = strdup(p)) == NULL) {
				free(p);
				return NULL;
			}
			if (asprintf(&q, "%s/%s", dirname(dir), link) < 0)
				q = NULL;
			free(dir);
		}
		free(p);
		p = q;
	}
	errno = ENOMEM;
	return NULL;
}

/* A connected descriptor for a Unix socket, of whichever type it is. */
static int
open_socket(const char *path)
{
	static const int types[] = { SOCK_STREAM, SOCK_SEQPACKET,
	    SOCK_DGRAM };
	struct sockaddr_un sun = { .sun_family = AF_UNIX };
	int fd, e = ENOTSOCK;

	if (strlen(path) >= sizeof(sun.sun_path)) {
		errno = ENAMETOOLONG;
		return -1;
	}
	strcpy(sun.sun_path, path);
	for (size_t i = 0; i < sizeof(types) / sizeof(types[0]); i++) {
		if ((fd = socket(AF_UNIX, types[i] | SOCK_CLOEXEC, 0)) < 0)
			return -1;
		if (connect(fd, (struct sockaddr *)&sun, sizeof(sun)) == 0)
			return fd;
		e = errno;
		close(fd);
		if (e != EPROTOTYPE)
			break;
	}
	errno = e;
	return -1;
}

/* Writes in place to a node that is not a regular file. */
static int
open_in_place(struct bbt_afile *a, const struct stat *sb)
{
	int fd;

	if (S_ISDIR(sb->st_mode)) {
		errno = EISDIR;
		return -1;
	}
	fd = S_ISSOCK(sb->st_mode) ? open_socket(a->path) :
	    open(a->path, O_WRONLY | O_CLOEXEC | O_NOCTTY);
	if (fd < 0)
		return -1;
	if ((a->fp = fdopen(fd, "w")) == NULL) {
		close(fd);
		return -1;
	}
	a->own = 1;
	return 0;
}

/* The temporary takes the old file's owner and mode, or the usual
 * 0666 & ~umask for a new file (mkstemp makes 0600). */
static void
copy_attrs(int fd, const struct stat *sb)
{
	mode_t um;

	if (sb == NULL) {
		um = umask(0);
		umask(um);
		if (fchmod(fd, 0666 & ~um) < 0) {
			/* Stays 0600. */
		}
		return;
	}
	/* Only root may give a file away; anyone may keep the group when
	 * they are in it. Failing both, the file is ours, as a new one. */
	if (fchown(fd, sb->st_uid, sb->st_gid) < 0 &&
	    fchown(fd, (uid_t)-1, sb->st_gid) < 0) {
		/* Ours, then, as a new file would be. */
	}
	/* After the chown, which clears set-id bits. */
	if (fchmod(fd, sb->st_mode & 07777) < 0) {
		/* The 0600 of mkstemp: stricter, never wider. */
	}
}

int
bbt_afile_open(struct bbt_afile *a, const char *path)
{
	struct stat sb;
	int fd, e, exists;

	memset(a, 0, sizeof(*a));
	if (strcmp(path, "-") == 0) {
		a->fp = stdout;
		return 0;
	}
	if ((a->path = resolve(path)) == NULL)
		return -1;
	if ((exists = stat(a->path, &sb) == 0) && !S_ISREG(sb.st_mode)) {
		if (open_in_place(a, &sb) == 0)
			return 0;
		goto fail;
	}
	if (!exists && errno != ENOENT)
		goto fail;
	if (asprintf(&a->tmp, "%s.XXXXXX", a->path) < 0) {
		a->tmp = NULL;
		errno = ENOMEM;
		goto fail;
	}
	if ((fd = mkostemp(a->tmp, O_CLOEXEC)) < 0)
		goto fail;
	track(a->tmp, 1);
	copy_attrs(fd, exists ? &sb : NULL);
	if ((a->fp = fdopen(fd, "w")) == NULL) {
		e = errno;
		close(fd);
		unlink(a->tmp);
		track(a->tmp, 0);
		errno = e;
		goto fail;
	}
	a->own = 1;
	return 0;
fail:
	e = errno;
	free(a->path);
	free(a->tmp);
	a->path = a->tmp = NULL;
	errno = e;
	return -1;
}

static void
release(struct bbt_afile *a)
{
	if (a->tmp)
		track(a->tmp, 0);
	free(a->tmp);
	free(a->path);
	a->tmp = a->path = NULL;
	a->fp = NULL;
	a->own = 0;
}

int
bbt_afile_commit(struct bbt_afile *a)
{
	int r = 0, e = 0;

	if (!a->own)
		return fflush(a->fp) == 0 && !ferror(a->fp) ? 0 : -1;
	errno = 0;
	if (fflush(a->fp) != 0 || ferror(a->fp) ||
	    (a->tmp && fsync(fileno(a->fp)) < 0)) {
		e = errno ? errno : EIO;
		r = -1;
	}
	if (fclose(a->fp) != 0 && r == 0) {
		e = errno;
		r = -1;
	}
	a->fp = NULL;
	if (a->tmp && r == 0) {
		sigset_t old;

		/* Renamed and forgotten at once: a signal in between would
		 * remove a name that is no longer ours. */
		block(&old);
		if (rename(a->tmp, a->path) < 0) {
			e = errno;
			r = -1;
		} else {
			track(a->tmp, 0);
		}
		sigprocmask(SIG_SETMASK, &old, NULL);
	}
	if (a->tmp && r < 0)
		unlink(a->tmp);
	release(a);
	errno = e;
	return r;
}

void
bbt_afile_abort(struct bbt_afile *a)
{
	if (!a->own)
		return;
	if (a->fp)
		fclose(a->fp);
	if (a->tmp)
		unlink(a->tmp);
	release(a);
}
