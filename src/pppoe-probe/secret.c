/* SPDX-License-Identifier: MIT */
/*
 * Reading the password without leaving copies about: read(2) into one
 * buffer of fixed size (stdio would keep a copy in its own buffer, and
 * getline's reallocations free old copies unwiped), explicit_bzero
 * (memset before free is a dead store the compiler removes).
 */
#include <err.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lib/i18n.h"
#include "pppoe-probe/secret.h"

_Static_assert(SECRET_MAX == 4096, "the message below names the limit");

const char *
secret_read_fd(int fd, char **pass, size_t *plen)
{
	struct stat st;
	char *b, *nl;
	size_t n = 0;

	if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode))
		return N_("is a directory");
	if ((b = malloc(SECRET_MAX + 1)) == NULL)
		return N_("out of memory");
	/* One byte more than allowed tells "too long" from "just fits". */
	while (n < SECRET_MAX + 1 && memchr(b, '\n', n) == NULL) {
		ssize_t k = read(fd, b + n, SECRET_MAX + 1 - n);

		if (k < 0 && errno == EINTR)
			continue;
		if (k < 0) {
			explicit_bzero(b, n);
			free(b);
			return strerror(errno);
		}
		if (k == 0)
			break;
		n += (size_t)k;
	}
	if ((nl = memchr(b, '\n', n)) != NULL) {
		explicit_bzero(nl, n - (size_t)(nl - b));
		n = (size_t)(nl - b);
	} else if (n > SECRET_MAX) {
		explicit_bzero(b, n);
		free(b);
		return N_("no line end in the first 4096 bytes: not a "
		    "password file");
	}
	if (n > 0 && b[n - 1] == '\r')
		b[--n] = '\0';
	b[n] = '\0';
	if (memchr(b, '\0', n) != NULL) {
		explicit_bzero(b, n);
		free(b);
		return N_("the password contains a NUL byte");
	}
	if (n == 0) {
		free(b);
		return N_("no password in the file");
	}
	*pass = b;
	*plen = n;
	return NULL;
}

static int
from_env(char **pass, size_t *plen)
{
	char *env = getenv("PPPOE_PASSWORD");
	size_t n;

	if (env == NULL) {
		warnx(_("no password: use --password-file FILE, "
		    "--password-file - (stdin) or PPPOE_PASSWORD"));
		return -1;
	}
	n = strlen(env);
	if (n > SECRET_MAX) {
		warnx(_("PPPOE_PASSWORD is longer than %d bytes"), SECRET_MAX);
		return -1;
	}
	if ((*pass = strdup(env)) == NULL) {
		warn("strdup");
		return -1;
	}
	*plen = n;
	/* The original stays readable in /proc/PID/environ (the initial
	 * environment block) unless it is overwritten in place. */
	explicit_bzero(env, n);
	unsetenv("PPPOE_PASSWORD");
	return 0;
}

int
secret_load(const char *file, char **pass, size_t *plen)
{
	const char *why;
	int fd;

	/* No core file, no ptrace and root-only /proc/PID files while the
	 * password is in memory. */
	if (prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) < 0)
		warn("prctl");
	if (file == NULL)
		return from_env(pass, plen);
	if (strcmp(file, "-") == 0)
		fd = STDIN_FILENO;
	else if ((fd = open(file, O_RDONLY | O_CLOEXEC | O_NOCTTY)) < 0) {
		warn("%s", file);
		return -1;
	}
	why = secret_read_fd(fd, pass, plen);
	if (fd != STDIN_FILENO)
		close(fd);
	if (why != NULL) {
		warnx("%s: %s", file, _(why));
		return -1;
	}
	return 0;
}

void
secret_free(char *pass, size_t plen)
{
	if (pass == NULL)
		return;
	explicit_bzero(pass, plen);
	free(pass);
}
