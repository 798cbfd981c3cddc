/* SPDX-License-Identifier: MIT */
/*
 * The handbook's rules for a no-answer visit (domain.md section 1):
 * R5, wait 10 minutes and phone before leaving a note; R6, the note
 * states arrival time, leaving time, contact person and contact phone.
 * Plus two sanity checks of our own: a plausible phone number and times
 * that can be true.
 */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "lib/datetime.h"
#include "lib/i18n.h"
#include "visitnote/note.h"

/* Leaving time written just before leaving, and clock drift. */
#define FUTURE_SLACK	(5 * 60)
#define MAX_VISIT	(12 * 3600)

static const char *const rule_names[VN_NRULES] = { "R5", "R6", "phone",
	"time" };

const char *
vn_rule_name(int r)
{
	return r >= 0 && r < VN_NRULES ? rule_names[r] : "-";
}

int
vn_parse_rules(const char *s)
{
	unsigned bits = 0;
	const char *p = s;

	while (p && *p) {
		size_t len = strcspn(p, ",");
		int r;

		if (len == 3 && strncmp(p, "all", 3) == 0)
			bits |= VN_RULE_ALL;
		else {
			for (r = 0; r < VN_NRULES; r++)
				if (strlen(rule_names[r]) == len &&
				    strncasecmp(rule_names[r], p, len) == 0)
					break;
			if (r == VN_NRULES)
				return -1;
			bits |= 1u << r;
		}
		p += len;
		if (*p == ',')
			p++;
	}
	return bits ? (int)bits : -1;
}

/*
 * Mobile: 1[3-9] and 9 more digits, optionally after +86. Landline: the
 * area code (010 and 02x have 3 digits, the others 4) and a local number
 * of 7 or 8 digits that does not start with 0 or 1. Spaces, hyphens and
 * parentheses around the area code are accepted.
 */
int
vn_phone_ok(const char *s)
{
	char d[32];
	size_t n = 0, area, i;

	if (s == NULL)
		return 0;
	if (strncmp(s, "+86", 3) == 0)
		s += 3;
	for (; *s; s++) {
		if (*s >= '0' && *s <= '9') {
			if (n == sizeof(d) - 1)
				return 0;
			d[n++] = *s;
		} else if (!strchr(" -()", *s))
			return 0;
	}
	d[n] = '\0';
	if (n == 13 && strncmp(d, "86", 2) == 0 && d[2] == '1') {
		memmove(d, d + 2, 12);
		n = 11;
	}
	if (n == 11 && d[0] == '1' && d[1] >= '3' && d[1] <= '9')
		return 1;
	if (n < 10 || d[0] != '0' || d[1] == '0')
		return 0;
	area = d[1] == '1' || d[1] == '2' ? 3 : 4;
	i = n - area;
	return (i == 7 || i == 8) && d[area] != '0' && d[area] != '1';
}

static void
tm(int64_t t, char buf[BBT_TIME_BUFSZ])
{
	bbt_time_local_min(t, buf);
}

unsigned
vn_check(const struct vn_note *n, int called, int64_t now,
    struct vn_check *c)
{
	char a[BBT_TIME_BUFSZ], l[BBT_TIME_BUFSZ], miss[64] = "";
	int have_a = n->arrived != VN_NOTIME, have_l = n->left != VN_NOTIME;

	memset(c, 0, sizeof(*c));
	if (have_a)
		tm(n->arrived, a);
	if (have_l)
		tm(n->left, l);

	/* R6 first: without both times R5 cannot be judged either. */
	if (!have_a)
		strcat(miss, "arrived");
	if (!have_l)
		strcat(strcat(miss, *miss ? ", " : ""), "left");
	if (n->contact == NULL || *n->contact == '\0')
		strcat(strcat(miss, *miss ? ", " : ""), "contact");
	if (n->phone == NULL || *n->phone == '\0')
		strcat(strcat(miss, *miss ? ", " : ""), "phone");
	if (*miss) {
		c->failed |= 1u << VN_R6;
		snprintf(c->msg[VN_R6], sizeof(c->msg[VN_R6]),
		    _("R6: the note has no %s; the rule asks for the arrival "
		    "and leaving times, a contact person and a contact phone"),
		    miss);
	}

	if (!have_a || !have_l) {
		c->failed |= 1u << VN_R5;
		snprintf(c->msg[VN_R5], sizeof(c->msg[VN_R5]), "%s",
		    _("R5: the 10-minute wait cannot be checked without the "
		    "arrival and leaving times"));
	} else if (n->left - n->arrived < 10 * 60) {
		c->failed |= 1u << VN_R5;
		snprintf(c->msg[VN_R5], sizeof(c->msg[VN_R5]),
		    _("R5: leaving at %s is %lld minutes after arriving at "
		    "%s; the rule asks for a wait of at least 10 minutes"),
		    l, (long long)((n->left - n->arrived) / 60), a);
	} else if (called == 0) {
		c->failed |= 1u << VN_R5;
		snprintf(c->msg[VN_R5], sizeof(c->msg[VN_R5]), "%s",
		    _("R5: no call attempt is recorded; the rule asks to "
		    "phone the customer before leaving a note"));
	}

	if (n->phone && *n->phone && !vn_phone_ok(n->phone)) {
		c->failed |= 1u << VN_RPHONE;
		snprintf(c->msg[VN_RPHONE], sizeof(c->msg[VN_RPHONE]),
		    _("phone: '%s' is neither a Chinese mobile number "
		    "(11 digits, 13x to 19x) nor a landline number with its "
		    "area code (0xx-xxxxxxxx)"), n->phone);
	}

	if (have_a && n->arrived > now + FUTURE_SLACK) {
		c->failed |= 1u << VN_RTIME;
		snprintf(c->msg[VN_RTIME], sizeof(c->msg[VN_RTIME]),
		    _("time: the arrival time %s is in the future"), a);
	} else if (have_l && n->left > now + FUTURE_SLACK) {
		c->failed |= 1u << VN_RTIME;
		snprintf(c->msg[VN_RTIME], sizeof(c->msg[VN_RTIME]),
		    _("time: the leaving time %s is in the future"), l);
	} else if (have_a && have_l && n->left < n->arrived) {
		c->failed |= 1u << VN_RTIME;
		snprintf(c->msg[VN_RTIME], sizeof(c->msg[VN_RTIME]),
		    _("time: the leaving time %s is before the arrival time "
		    "%s"), l, a);
	} else if (have_a && have_l && n->left - n->arrived > MAX_VISIT) {
		c->failed |= 1u << VN_RTIME;
		snprintf(c->msg[VN_RTIME], sizeof(c->msg[VN_RTIME]),
		    _("time: a wait from %s to %s is longer than 12 hours"),
		    a, l);
	}
	return c->failed;
}

void
vn_checks_word(unsigned failed, char *buf, size_t size)
{
	size_t n = 0;

	if (size == 0)
		return;
	*buf = '\0';
	for (int r = 0; r < VN_NRULES; r++) {
		int k = snprintf(buf + n, size - n, "%s%s=%s", r ? "," : "",
		    rule_names[r], failed & (1u << r) ? "override" : "ok");
		if (k < 0 || (size_t)k >= size - n)
			return;
		n += (size_t)k;
	}
}
