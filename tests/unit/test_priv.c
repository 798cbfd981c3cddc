/* SPDX-License-Identifier: MIT */
#include <errno.h>
#include <grp.h>
#include <linux/capability.h>
#include <pwd.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <netinet/in.h>

#include "testutil.h"
#include "lib/priv.h"

/* In a child: after the drop nothing is left, a raw socket is refused
 * and the capability cannot be raised again. */
static void
test_drop(void **st)
{
	pid_t pid;
	int status;

	(void)st;
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		int fd;

		if (bbt_priv_drop() < 0)
			_exit(10);
		if (!bbt_priv_none())
			_exit(11);
		fd = socket(AF_INET, SOCK_RAW, IPPROTO_ICMP);
		if (fd >= 0 || errno != EPERM)
			_exit(12);
		if (bbt_priv_raise(CAP_NET_RAW) == 0 || errno != EPERM)
			_exit(13);
		if (bbt_priv_permitted(CAP_NET_RAW))
			_exit(14);
		_exit(0);
	}
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 0);
}

/* Started as root, the drop leaves uid 0 for good: the ids of
 * BBTOOLS_USER (or nobody), no groups, setuid(0) refused. */
static int
drop_as(const char *user, uid_t want_uid, gid_t want_gid)
{
	uid_t r, e, s;
	gid_t rg, eg, sg;

	if (user)
		setenv("BBTOOLS_USER", user, 1);
	else
		unsetenv("BBTOOLS_USER");
	if (bbt_priv_drop() < 0)
		return 10;
	if (getresuid(&r, &e, &s) < 0 || getresgid(&rg, &eg, &sg) < 0)
		return 11;
	if (r != want_uid || e != want_uid || s != want_uid)
		return 12;
	if (rg != want_gid || eg != want_gid || sg != want_gid)
		return 13;
	if (getgroups(0, NULL) != 0)
		return 14;
	if (setuid(0) == 0 || setresuid(0, 0, 0) == 0 || setgid(0) == 0)
		return 15;
	if (!bbt_priv_none())
		return 16;
	return 0;
}

static int
in_child(const char *user, uid_t uid, gid_t gid)
{
	pid_t pid = fork();
	int status;

	assert_true(pid >= 0);
	if (pid == 0)
		_exit(drop_as(user, uid, gid));
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status));
	return WEXITSTATUS(status);
}

static void
test_leave_root(void **st)
{
	const struct passwd *pw;

	(void)st;
	if (getuid() != 0)
		skip();
	if ((pw = getpwnam("nobody")) != NULL)
		assert_int_equal(in_child(NULL, pw->pw_uid, pw->pw_gid), 0);
	else
		assert_int_equal(in_child(NULL, 65534, 65534), 0);
	if ((pw = getpwnam("daemon")) != NULL)
		assert_int_equal(in_child("daemon", pw->pw_uid, pw->pw_gid),
		    0);
	assert_int_equal(in_child("4242", 4242, 4242), 0);
	/* Unknown or root: refused, never a reason to stay root. */
	assert_int_equal(in_child("no-such-user-bbt", 1, 1), 10);
	assert_int_equal(in_child("root", 1, 1), 10);
	assert_int_equal(in_child("0", 1, 1), 10);
}

/* As root (CI), CAP_NET_RAW is permitted and can be made effective. */
static void
test_raise(void **st)
{
	(void)st;
	if (!bbt_priv_permitted(CAP_NET_RAW))
		skip();
	assert_int_equal(bbt_priv_raise(CAP_NET_RAW), 0);
	assert_false(bbt_priv_none());
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_drop),
		cmocka_unit_test(test_leave_root),
		cmocka_unit_test(test_raise),
	};
	return cmocka_run_group_tests_name("priv", tests, NULL, NULL);
}
