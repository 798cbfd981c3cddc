/* SPDX-License-Identifier: MIT */
/*
 * Capabilities through capget/capset directly (no libcap needed). The
 * kernel's version-3 interface has two 32-bit words per set.
 */
#include <err.h>
#include <errno.h>
#include <grp.h>
#include <linux/capability.h>
#include <pwd.h>
#include <stdlib.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "lib/i18n.h"
#include "lib/priv.h"

/* Debian's nobody:nogroup, for systems whose passwd lacks the entry. */
#define NOBODY_ID	65534

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

/*
 * The ids to become when started as root: $BBTOOLS_USER (a name or a
 * number), else nobody. A name that does not exist is an error, not a
 * reason to stay root.
 */
static int
target_ids(uid_t *uid, gid_t *gid)
{
	const char *env = getenv("BBTOOLS_USER");
	const char *u = env && *env ? env : "nobody";
	const struct passwd *pw;
	char *end = NULL;
	unsigned long n = 0;

	if (*u >= '0' && *u <= '9') {
		errno = 0;
		n = strtoul(u, &end, 10);
		if (errno != 0 || *end != '\0' || n >= (uid_t)-1)
			end = NULL;
	}
	if ((pw = getpwnam(u)) != NULL) {
		*uid = pw->pw_uid;
		*gid = pw->pw_gid;
	} else if (end != NULL) {
		*uid = (uid_t)n;
		*gid = (gid_t)n;
	} else if (u != env) {
		*uid = NOBODY_ID;
		*gid = NOBODY_ID;
	} else {
		warnx(_("BBTOOLS_USER=%s: no such user"), u);
		errno = EINVAL;
		return -1;
	}
	if (*uid == 0 || *gid == 0) {
		warnx(_("BBTOOLS_USER=%s: the user to run as must not be "
		    "root"), u);
		errno = EINVAL;
		return -1;
	}
	return 0;
}

/*
 * Root without capabilities still owns every root-owned file (shadow,
 * passwd): leave uid 0 for good. No supplementary groups, the gid before
 * the uid (afterwards setresgid would be refused), then proof that uid 0
 * cannot come back.
 */
static int
leave_root(void)
{
	uid_t uid, r, e, s;
	gid_t gid, rg, eg, sg;

	if (target_ids(&uid, &gid) < 0)
		return -1;
	if (setgroups(0, NULL) < 0 || setresgid(gid, gid, gid) < 0 ||
	    setresuid(uid, uid, uid) < 0)
		return -1;
	if (getresuid(&r, &e, &s) < 0 || getresgid(&rg, &eg, &sg) < 0)
		return -1;
	if (r != uid || e != uid || s != uid || rg != gid || eg != gid ||
	    sg != gid || getgroups(0, NULL) != 0 || setuid(0) == 0 ||
	    setgid(0) == 0) {
		errno = EPERM;
		return -1;
	}
	return 0;
}

int
bbt_priv_drop(void)
{
	struct __user_cap_data_struct d[2] = { { 0, 0, 0 }, { 0, 0, 0 } };
	uid_t ruid, euid, suid;
	gid_t rgid, egid, sgid;

	if (getresgid(&rgid, &egid, &sgid) < 0 ||
	    getresuid(&ruid, &euid, &suid) < 0)
		return -1;
	if (ruid == 0 || euid == 0 || suid == 0) {
		if (leave_root() < 0)
			return -1;
	} else {
		/* Setuid installs are not supported, but if someone made
		 * one, give the ids back before the capabilities (the
		 * kernel clears the capability sets when the uids stop
		 * being 0). */
		if ((egid != rgid || sgid != rgid) &&
		    setresgid(rgid, rgid, rgid) < 0)
			return -1;
		if ((euid != ruid || suid != ruid) &&
		    setresuid(ruid, ruid, ruid) < 0)
			return -1;
	}
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
