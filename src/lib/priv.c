/* SPDX-License-Identifier: MIT */
/*
 * Capabilities through capget/capset directly (no libcap needed). The
 * kernel's version-3 interface has two 32-bit words per set.
 */
#include <errno.h>
#include <linux/capability.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "lib/priv.h"

static int
capget3(struct __user_cap_data_struct d[2])
{
	struct __user_cap_header_struct h = { _LINUX_CAPABILITY_VERSION_3, 0 };

	return (int)syscall(SYS_capget, &h, d);
}

static int
capset3(struct __user_cap_data_struct d[2])
{
	struct __user_cap_header_struct h = { _LINUX_CAPABILITY_VERSION_3, 0 };

	return (int)syscall(SYS_capset, &h, d);
}

int
bbt_priv_permitted(int cap)
{
	struct __user_cap_data_struct d[2];

	if (capget3(d) < 0)
		return 0;
	return (d[cap / 32].permitted >> (cap % 32)) & 1;
}

int
bbt_priv_raise(int cap)
{
	struct __user_cap_data_struct d[2];

	if (capget3(d) < 0)
		return -1;
	if (!((d[cap / 32].permitted >> (cap % 32)) & 1)) {
		errno = EPERM;
		return -1;
	}
	d[cap / 32].effective |= 1u << (cap % 32);
	return capset3(d);
}

int
bbt_priv_drop(void)
{
	struct __user_cap_data_struct d[2] = { { 0, 0, 0 }, { 0, 0, 0 } };
	uid_t ruid, euid, suid;
	gid_t rgid, egid, sgid;

	/* Setuid installs are not supported, but if someone made one, give
	 * the ids back before the capabilities (the kernel clears the
	 * capability sets when the uids stop being 0). */
	if (getresgid(&rgid, &egid, &sgid) < 0 ||
	    getresuid(&ruid, &euid, &suid) < 0)
		return -1;
	if ((egid != rgid || sgid != rgid) && setresgid(rgid, rgid, rgid) < 0)
		return -1;
	if ((euid != ruid || suid != ruid) && setresuid(ruid, ruid, ruid) < 0)
		return -1;
	if (capset3(d) < 0)
		return -1;
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0)
		return -1;
	if (!bbt_priv_none()) {
		errno = EPERM;
		return -1;
	}
	return 0;
}

int
bbt_priv_none(void)
{
	struct __user_cap_data_struct d[2];

	if (capget3(d) < 0)
		return 0;
	return d[0].effective == 0 && d[1].effective == 0 &&
	    d[0].permitted == 0 && d[1].permitted == 0 &&
	    d[0].inheritable == 0 && d[1].inheritable == 0;
}
