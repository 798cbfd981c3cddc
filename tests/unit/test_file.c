/* SPDX-License-Identifier: MIT */
#include <errno.h>
#include <fcntl.h>
#include <pwd.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/un.h>
#include <sys/wait.h>

#include "testutil.h"
#include "lib/file.h"

static void
test_commit(void **st)
{
	char dir[] = "/tmp/bbt-unit-dir.XXXXXX", path[128], got[64] = "";
	struct bbt_afile a;
	struct stat sb;
	FILE *fp;

	(void)st;
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/out.pdf", dir);
	assert_int_equal(bbt_afile_open(&a, path), 0);
	fputs("content", a.fp);
	/* Not there until committed. */
	assert_int_equal(stat(path, &sb), -1);
	assert_int_equal(bbt_afile_commit(&a), 0);
	fp = fopen(path, "r");
	assert_non_null(fp);
	assert_non_null(fgets(got, sizeof(got), fp));
	fclose(fp);
	assert_string_equal(got, "content");
	/* An aborted rewrite leaves the old file and no temporary. */
	assert_int_equal(bbt_afile_open(&a, path), 0);
	fputs("half", a.fp);
	bbt_afile_abort(&a);
	fp = fopen(path, "r");
	assert_non_null(fgets(got, sizeof(got), fp));
	fclose(fp);
	assert_string_equal(got, "content");
	unlink(path);
	assert_int_equal(rmdir(dir), 0);	/* empty: no temporary left */
}

/* Writes s through the writer to path and commits. */
static void
put(const char *path, const char *s)
{
	struct bbt_afile a;

	assert_int_equal(bbt_afile_open(&a, path), 0);
	fputs(s, a.fp);
	assert_int_equal(bbt_afile_commit(&a), 0);
}

static void
slurp(const char *path, char *buf, size_t n)
{
	FILE *fp = fopen(path, "r");

	assert_non_null(fp);
	buf[fread(buf, 1, n - 1, fp)] = '\0';
	fclose(fp);
}

/* An existing file keeps its mode (a 0600 file of names and phones
 * stays private) and, as root, its owner. */
static void
test_keeps_mode_owner(void **st)
{
	char dir[] = "/tmp/bbt-unit-dir.XXXXXX", path[128], got[64];
	struct passwd *pw = getpwnam("nobody");
	struct stat sb;
	int fd;

	(void)st;
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/priv.txt", dir);
	fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0600);
	assert_true(fd >= 0);
	assert_int_equal(fchmod(fd, 0600), 0);
	if (geteuid() == 0 && pw != NULL)
		assert_int_equal(fchown(fd, pw->pw_uid, pw->pw_gid), 0);
	close(fd);
	put(path, "new");
	assert_int_equal(lstat(path, &sb), 0);
	assert_true(S_ISREG(sb.st_mode));
	assert_int_equal(sb.st_mode & 07777, 0600);
	if (geteuid() == 0 && pw != NULL) {
		assert_int_equal(sb.st_uid, pw->pw_uid);
		assert_int_equal(sb.st_gid, pw->pw_gid);
	}
	slurp(path, got, sizeof(got));
	assert_string_equal(got, "new");
	unlink(path);
	assert_int_equal(rmdir(dir), 0);
}

/* A link is followed: the target gets the content, the link stays a
 * link, also when it dangles (the target is created) or is relative. */
static void
test_symlink(void **st)
{
	char dir[] = "/tmp/bbt-unit-dir.XXXXXX", path[128], real[128];
	char got[64], lk[128];
	struct stat sb;

	(void)st;
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/link.txt", dir);
	snprintf(real, sizeof(real), "%s/real.txt", dir);
	assert_int_equal(symlink("real.txt", path), 0);
	put(path, "one");		/* dangling: creates real.txt */
	slurp(real, got, sizeof(got));
	assert_string_equal(got, "one");
	put(path, "two");
	assert_int_equal(lstat(path, &sb), 0);
	assert_true(S_ISLNK(sb.st_mode));
	assert_int_equal(readlink(path, lk, sizeof(lk)), 8);
	slurp(real, got, sizeof(got));
	assert_string_equal(got, "two");
	unlink(path);
	/* A loop is an error, not a hang. */
	assert_int_equal(symlink("link.txt", path), 0);
	{
		struct bbt_afile a;

		assert_int_equal(bbt_afile_open(&a, path), -1);
		assert_int_equal(errno, ELOOP);
	}
	unlink(path);
	unlink(real);
	assert_int_equal(rmdir(dir), 0);
}

/* A FIFO is written in place: its reader gets the data, the node stays. */
static void
test_fifo(void **st)
{
	char dir[] = "/tmp/bbt-unit-dir.XXXXXX", path[128], got[64] = "";
	struct stat sb;
	int p[2], status;
	pid_t pid;

	(void)st;
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/fifo", dir);
	assert_int_equal(mkfifo(path, 0600), 0);
	assert_int_equal(pipe(p), 0);
	if ((pid = fork()) == 0) {
		int fd;

		/* A writer that replaced the FIFO never comes: fail, not
		 * hang. */
		alarm(10);
		fd = open(path, O_RDONLY);
		ssize_t n = read(fd, got, sizeof(got));

		_exit(n == 4 && write(p[1], got, 4) == 4 ? 0 : 1);
	}
	close(p[1]);
	put(path, "note");
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_int_equal(status, 0);
	assert_int_equal(read(p[0], got, sizeof(got)), 4);
	close(p[0]);
	assert_memory_equal(got, "note", 4);
	assert_int_equal(lstat(path, &sb), 0);
	assert_true(S_ISFIFO(sb.st_mode));
	unlink(path);
	assert_int_equal(rmdir(dir), 0);	/* no temporary */
}

/* A character device (a printer; here /dev/null's numbers) is written in
 * place and stays a device. mknod needs root. */
static void
test_chardev(void **st)
{
	char dir[] = "/tmp/bbt-unit-dir.XXXXXX", path[128];
	struct stat sb;

	(void)st;
	if (geteuid() != 0)
		skip();
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/lp0", dir);
	assert_int_equal(mknod(path, S_IFCHR | 0666, makedev(1, 3)), 0);
	put(path, "note");
	assert_int_equal(lstat(path, &sb), 0);
	assert_true(S_ISCHR(sb.st_mode));
	assert_int_equal(sb.st_rdev, makedev(1, 3));
	unlink(path);
	assert_int_equal(rmdir(dir), 0);
}

/* A listening Unix socket is connected to and written, not replaced. */
static void
test_socket(void **st)
{
	char dir[] = "/tmp/bbt-unit-dir.XXXXXX", got[16] = "";
	struct sockaddr_un sun = { .sun_family = AF_UNIX };
	struct stat sb;
	int ls, c;

	(void)st;
	assert_non_null(mkdtemp(dir));
	snprintf(sun.sun_path, sizeof(sun.sun_path), "%s/sock", dir);
	/* Non-blocking: with the socket replaced, accept fails, not hangs. */
	ls = socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK, 0);
	assert_true(ls >= 0);
	assert_int_equal(bind(ls, (struct sockaddr *)&sun, sizeof(sun)), 0);
	assert_int_equal(listen(ls, 1), 0);
	put(sun.sun_path, "note");	/* fits the socket's buffer */
	c = accept(ls, NULL, NULL);
	assert_true(c >= 0);
	assert_int_equal(read(c, got, sizeof(got)), 4);
	assert_memory_equal(got, "note", 4);
	close(c);
	close(ls);
	assert_int_equal(lstat(sun.sun_path, &sb), 0);
	assert_true(S_ISSOCK(sb.st_mode));
	unlink(sun.sun_path);
	assert_int_equal(rmdir(dir), 0);
}

/* SIGTERM while the temporary is open: it is removed, and the process
 * dies of the signal. */
static void
test_signal(void **st)
{
	char dir[] = "/tmp/bbt-unit-dir.XXXXXX", path[128];
	int p[2], status;
	pid_t pid;
	char c;

	(void)st;
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/out.pdf", dir);
	assert_int_equal(pipe(p), 0);
	if ((pid = fork()) == 0) {
		struct bbt_afile a;

		bbt_afile_catch_signals();
		if (bbt_afile_open(&a, path) < 0 || write(p[1], "x", 1) != 1)
			_exit(1);
		pause();
		_exit(2);
	}
	close(p[1]);
	assert_int_equal(read(p[0], &c, 1), 1);
	close(p[0]);
	kill(pid, SIGTERM);
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFSIGNALED(status));
	assert_int_equal(WTERMSIG(status), SIGTERM);
	assert_int_equal(rmdir(dir), 0);	/* no temporary left */
}

static void
test_errors(void **st)
{
	struct bbt_afile a;

	(void)st;
	assert_int_equal(bbt_afile_open(&a, "/nonexistent/dir/x.pdf"), -1);
	assert_int_equal(errno, ENOENT);
	assert_int_equal(bbt_afile_open(&a, "/tmp"), -1);
	assert_int_equal(errno, EISDIR);
	assert_int_equal(bbt_afile_open(&a, "-"), 0);
	assert_ptr_equal(a.fp, stdout);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_commit),
		cmocka_unit_test(test_keeps_mode_owner),
		cmocka_unit_test(test_symlink),
		cmocka_unit_test(test_fifo),
		cmocka_unit_test(test_chardev),
		cmocka_unit_test(test_socket),
		cmocka_unit_test(test_signal),
		cmocka_unit_test(test_errors),
	};
	return cmocka_run_group_tests_name("file", tests, NULL, NULL);
}
