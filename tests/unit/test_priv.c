/* SPDX-License-Identifier: MIT */
#include <errno.h>
#include <linux/capability.h>
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
		cmocka_unit_test(test_raise),
	};
	return cmocka_run_group_tests_name("priv", tests, NULL, NULL);
}
