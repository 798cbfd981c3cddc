/* SPDX-License-Identifier: MIT */
/*
 * The acceptance sheet's data: the check and obs records of linecheck
 * and pppoe-probe read and kept by case, then each line of the sheet
 * judged from the measured values by the rule it names. Nothing on the
 * sheet is typed: a value with no record is "not measured".
 */
#include <err.h>
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "lib/datetime.h"
#include "lib/i18n.h"
#include "lib/num.h"
#include "lib/order.h"
#include "lib/rec.h"
#include "lib/state.h"
#include "visitnote/accept.h"

static const char *const statuses[] = { "ok", "warning", "critical",
	"unknown", "skipped", "info", NULL };

const char *
va_state_word(enum va_state s)
{
	static const char *const w[] = { "pass", "fail", "unmeasured", "info",
		"na" };

	return w[s];
}

const char *
va_item_word(enum va_item i)
{
	static const char *const w[] = { "link", "optical", "dialup",
		"browse", "down", "up" };

	return w[i];
}

static char *
dup_field(struct va_recs *r, const struct bbt_rec *rec, size_t i)
{
	const char *s = bbt_rec_get(rec, i);
	char *d;

	if (s == NULL)
		return NULL;
	if ((d = strdup(s)) == NULL)
		r->oom = 1;
	return d;
}

/* The index of case id, added when new. */
static int
case_index(struct va_recs *r, const char *id)
{
	char **nc;
	int64_t *nt;

	for (size_t i = 0; i < r->ncases; i++)
		if (strcmp(r->cases[i], id) == 0)
			return (int)i;
	if ((nc = realloc(r->cases, (r->ncases + 1) * sizeof(*nc))) == NULL) {
		r->oom = 1;
		return 0;
	}
	r->cases = nc;
	if ((nt = realloc(r->case_time, (r->ncases + 1) * sizeof(*nt))) ==
	    NULL) {
		r->oom = 1;
		return 0;
	}
	r->case_time = nt;
	if ((r->cases[r->ncases] = strdup(id)) == NULL) {
		r->oom = 1;
		return 0;
	}
	r->case_time[r->ncases] = VN_NOTIME;
	return (int)r->ncases++;
}

/* Whether s is a number (strict: the whole string). */
static int
is_number(const char *s)
{
	double d;

	return s != NULL && bbt_num_double(s, -1e12, 1e12, &d) == NULL;
}

/*
 * What this sheet reads must make sense: a status word, and numbers
 * where it computes with them. NULL, or why the record is bad.
 */
static const char *
check_rec(const struct bbt_rec *rec, char *why, size_t size)
{
	const char *name, *st, *v, *d;
	char plan[64];

	if (rec->type == BBT_REC_OBS) {
		v = bbt_rec_get(rec, BBT_OBS_VALUE);
		if (strcmp(rec->f[BBT_OBS_KEY], "rx_power") == 0 && v &&
		    !is_number(v)) {
			snprintf(why, size, _("rx_power '%s' is not a number"),
			    v);
			return why;
		}
		return NULL;
	}
	name = rec->f[BBT_CHECK_NAME];
	st = rec->f[BBT_CHECK_STATUS];
	v = bbt_rec_get(rec, BBT_CHECK_VALUE);
	d = bbt_rec_get(rec, BBT_CHECK_DETAIL);
	for (int i = 0; statuses[i]; i++)
		if (strcmp(st, statuses[i]) == 0)
			goto status_ok;
	snprintf(why, size, _("unknown status '%s'"), st);
	return why;
status_ok:
	if ((strcmp(name, "speed.down") == 0 || strcmp(name, "speed.up") == 0 ||
	    strcmp(name, "link.speed") == 0) && v && !is_number(v)) {
		snprintf(why, size, _("%s: the value '%s' is not a number"),
		    name, v);
		return why;
	}
	/* A plan of 0 would make every rate infinitely good. */
	if (strncmp(name, "speed.", 6) == 0 && bbt_kv_get(d, "plan", plan,
	    sizeof(plan)) && strcmp(plan, "-") != 0 &&
	    bbt_num_double(plan, 0.001, 1e9, &(double){ 0 }) != NULL) {
		snprintf(why, size,
		    _("%s: the plan '%s' is not a positive number"), name, plan);
		return why;
	}
	return NULL;
}

static void
keep(struct va_recs *r, const struct bbt_rec *rec, int kase)
{
	struct va_rec *x;
	int obs = rec->type == BBT_REC_OBS;

	if (r->n == r->cap) {
		size_t nc = r->cap ? 2 * r->cap : 64;
		struct va_rec *nv = realloc(r->v, nc * sizeof(*nv));

		if (nv == NULL) {
			r->oom = 1;
			return;
		}
		r->v = nv;
		r->cap = nc;
	}
	x = &r->v[r->n++];
	memset(x, 0, sizeof(*x));
	x->obs = obs;
	x->kase = kase;
	if (obs) {
		x->name = dup_field(r, rec, BBT_OBS_KEY);
		x->value = dup_field(r, rec, BBT_OBS_VALUE);
		x->detail = dup_field(r, rec, BBT_OBS_DETAIL);
	} else {
		x->name = dup_field(r, rec, BBT_CHECK_NAME);
		x->target = dup_field(r, rec, BBT_CHECK_TARGET);
		x->status = dup_field(r, rec, BBT_CHECK_STATUS);
		x->value = dup_field(r, rec, BBT_CHECK_VALUE);
		x->detail = dup_field(r, rec, BBT_CHECK_DETAIL);
	}
	if (x->name == NULL)
		r->n--;		/* out of memory, or a nameless record */
}

int
va_read(struct va_recs *r, const char *path, unsigned long *bad)
{
	struct bbt_reader *rd = bbt_reader_open(path);
	struct bbt_rec rec;
	char why[256];
	int k, kase = 0, rc = 0;

	if (r->ncases == 0)
		(void)case_index(r, "-");
	if (rd == NULL) {
		int e = errno;

		warn("%s", strcmp(path, "-") == 0 ? _("standard input") : path);
		return e == ENOENT || e == EACCES || e == ENOTDIR ||
		    e == ELOOP ? EX_NOINPUT : EX_IOERR;
	}
	while ((k = bbt_reader_next(rd, &rec)) != 0) {
		if (k < 0) {
			warnx("%s", bbt_reader_error(rd));
			if (bbt_reader_failed(rd)) {
				rc = EX_IOERR;
				break;
			}
			(*bad)++;
			continue;
		}
		if (rec.type == BBT_REC_CASE) {
			const char *t = bbt_rec_get(&rec, BBT_CASE_TIME);
			int64_t when;

			kase = case_index(r, rec.f[BBT_CASE_ID]);
			if (t && bbt_time_parse(t, strlen(t), &when) < 0) {
				warnx(_("%s:%lu: invalid time '%s'"),
				    bbt_reader_name(rd),
				    bbt_reader_lineno(rd), t);
				(*bad)++;
			} else if (t && (r->case_time[kase] == VN_NOTIME ||
			    when < r->case_time[kase])) {
				r->case_time[kase] = when;
			}
			continue;
		}
		if (rec.type != BBT_REC_CHECK && rec.type != BBT_REC_OBS)
			continue;
		if (check_rec(&rec, why, sizeof(why))) {
			warnx("%s:%lu: %s", bbt_reader_name(rd),
			    bbt_reader_lineno(rd), why);
			(*bad)++;
			continue;
		}
		keep(r, &rec, kase);
	}
	bbt_reader_close(rd);
	return rc;
}

void
va_recs_free(struct va_recs *r)
{
	for (size_t i = 0; i < r->n; i++) {
		free(r->v[i].name);
		free(r->v[i].target);
		free(r->v[i].status);
		free(r->v[i].value);
		free(r->v[i].detail);
	}
	for (size_t i = 0; i < r->ncases; i++)
		free(r->cases[i]);
	free(r->v);
	free(r->cases);
	free(r->case_time);
	memset(r, 0, sizeof(*r));
}

int
va_pick_case(const struct va_recs *r, const char *want, const char **first,
    const char **other)
{
	int k = 0;
	int *used = calloc(r->ncases ? r->ncases : 1, sizeof(*used));

	if (used == NULL)
		return 0;
	for (size_t i = 0; i < r->n; i++)
		used[r->v[i].kase] = 1;
	if (want) {
		for (size_t i = 1; i < r->ncases; i++)
			if (strcmp(r->cases[i], want) == 0) {
				free(used);
				return (int)i;
			}
		free(used);
		return -2;
	}
	/* A case record with no records after it names no measurement. */
	for (size_t i = 1; i < r->ncases; i++) {
		if (!used[i])
			continue;
		if (k) {
			*first = r->cases[k];
			*other = r->cases[i];
			free(used);
			return -1;
		}
		k = (int)i;
	}
	free(used);
	return k;
}

/* The first check of name in the case, or NULL. */
static const struct va_rec *
find(const struct va_recs *r, int k, int unnamed, const char *name,
    const struct va_rec *after)
{
	size_t i = after ? (size_t)(after - r->v) + 1 : 0;

	for (; i < r->n; i++)
		if ((r->v[i].kase == k || (unnamed && r->v[i].kase == 0)) &&
		    strcmp(r->v[i].name, name) == 0)
			return &r->v[i];
	return NULL;
}

static int
st_is(const struct va_rec *c, const char *s)
{
	return c && c->status && strcmp(c->status, s) == 0;
}

/* ok or warning: it worked, maybe slowly. */
static int
worked(const struct va_rec *c)
{
	return st_is(c, "ok") || st_is(c, "warning");
}

#define ZH(s)	(s->lang == VN_ZH)
#define ADD(buf, ...) snprintf((buf) + strlen(buf), \
	sizeof(buf) - strlen(buf), __VA_ARGS__)

/* "result=timeout" style reason of a failed check, or its status;
 * full-width brackets in Chinese. */
static void
add_reason(char *buf, size_t size, const struct va_rec *c, int zh)
{
	char v[64];
	size_t l = strlen(buf);

	if (bbt_kv_get(c->detail, "error", v, sizeof(v)) ||
	    bbt_kv_get(c->detail, "result", v, sizeof(v)) ||
	    bbt_kv_get(c->detail, "rcode", v, sizeof(v)) ||
	    bbt_kv_get(c->detail, "after", v, sizeof(v)))
		snprintf(buf + l, size - l, zh ? "（%s %s）" : " (%s %s)",
		    c->status, v);
	else
		snprintf(buf + l, size - l, zh ? "（%s）" : " (%s)", c->status);
}

struct judge {
	const struct va_recs	*r;
	int			 k, unnamed;
	const struct va_params	*p;
	struct va_sheet		*s;
	int			 any;	/* some measurement seen */
};

static void
judge_link(struct judge *j)
{
	struct va_line *l = &j->s->line[VA_LINK];
	struct va_sheet *s = j->s;
	const struct va_rec *car = find(j->r, j->k, j->unnamed, "link.carrier",
	    NULL), *sp = find(j->r, j->k, j->unnamed, "link.speed", NULL),
	    *du = find(j->r, j->k, j->unnamed, "link.duplex", NULL),
	    *er = find(j->r, j->k, j->unnamed, "link.errors", NULL);
	char virt[32];

	snprintf(l->rule, sizeof(l->rule), "%s", ZH(s) ?
	    "有载波；速率与双工经 linecheck 判定正常（不是 10 Mbit/s，千兆设备"
	    "不是 100 Mbit/s，全双工），测试中没有 CRC 错误告警" :
	    "carrier up; speed and duplex ok by linecheck (not 10 Mbit/s, "
	    "not 100 on gigabit gear, full duplex); no CRC error warning");
	if (car == NULL && sp == NULL && du == NULL) {
		l->st = VA_UNMEASURED;
		return;
	}
	j->any = 1;
	l->st = VA_PASS;
	if (car && !st_is(car, "ok")) {
		ADD(l->measured, "%s", ZH(s) ? "无载波" : "no carrier");
		add_reason(l->measured, sizeof(l->measured), car, ZH(s));
		l->st = VA_FAIL;
		return;
	}
	if (sp && bbt_kv_get(sp->detail, "virtual", virt, sizeof(virt))) {
		ADD(l->measured, ZH(s) ? "虚拟链路（%s），没有物理层速率" :
		    "virtual link (%s), no PHY speed", virt);
	} else if (sp && sp->value) {
		ADD(l->measured, "%s Mbit/s", sp->value);
		if (!st_is(sp, "ok") && !st_is(sp, "info")) {
			add_reason(l->measured, sizeof(l->measured), sp, ZH(s));
			l->st = VA_FAIL;
		}
	} else if (sp) {
		ADD(l->measured, "%s", ZH(s) ? "速率未知" : "speed unknown");
		add_reason(l->measured, sizeof(l->measured), sp, ZH(s));
		l->st = VA_FAIL;
	} else {
		ADD(l->measured, "%s", ZH(s) ? "有载波" : "carrier up");
	}
	if (du && du->value && strcmp(du->value, "full") == 0)
		ADD(l->measured, "%s", ZH(s) ? "，全双工" : ", full duplex");
	else if (du && du->value && strcmp(du->value, "half") == 0)
		ADD(l->measured, "%s", ZH(s) ? "，半双工" : ", half duplex");
	if (du && !st_is(du, "ok") && !st_is(du, "info")) {
		add_reason(l->measured, sizeof(l->measured), du, ZH(s));
		l->st = VA_FAIL;
	}
	/* CRC errors during the test: a cable to redo before handing over. */
	if (er && (st_is(er, "warning") || st_is(er, "critical"))) {
		ADD(l->measured, ZH(s) ? "，%s 个 CRC/帧错误" :
		    ", %s CRC/frame errors", er->value ? er->value : "-");
		l->st = VA_FAIL;
	}
}

/*
 * Optical power: the OK band of domain.md 3.1 (GPON class B+ -8 to -24
 * dBm, EPON PX20 -3 to -21). The WARNING band above the sensitivity
 * fails: a new line is not handed over with under 3 dB of margin.
 */
static void
judge_optical(struct judge *j)
{
	struct va_line *l = &j->s->line[VA_OPTICAL];
	struct va_sheet *s = j->s;
	const struct va_rec *o = find(j->r, j->k, j->unnamed, "rx_power", NULL),
	    *pon = find(j->r, j->k, j->unnamed, "pon", NULL),
	    *acc = find(j->r, j->k, j->unnamed, "access", NULL);
	int epon = pon && pon->value && strcmp(pon->value, "epon") == 0;
	double hi = epon ? -3 : -8, lo = epon ? -21 : -24, v = NAN;

	/* obs records (not checks) are the only ones named rx_power. */
	if (o && o->value)
		v = strtod(o->value, NULL);
	else if (!isnan(j->p->rx_power))
		v = j->p->rx_power;
	snprintf(l->rule, sizeof(l->rule), ZH(s) ? "%s %g 至 %g dBm" :
	    "%s %g to %g dBm", epon ? "EPON" : "GPON", hi, lo);
	if (isnan(v)) {
		/* Required on fibre only (4.2 step 6: sync or optical
		 * power); a copper or LAN line has none to measure. */
		if (acc && acc->value && strcmp(acc->value, "ftth") == 0) {
			l->st = VA_UNMEASURED;
		} else {
			l->st = VA_NA;
			snprintf(l->rule, sizeof(l->rule), "%s", ZH(s) ?
			    "仅光纤入户（obs access ftth）要求" :
			    "required on FTTH only (obs access ftth)");
		}
		return;
	}
	/* A reading typed as an option is no measurement of the input. */
	if (o && o->value)
		j->any = 1;
	ADD(l->measured, "%.1f dBm", v);
	l->st = v <= hi && v >= lo ? VA_PASS : VA_FAIL;
}

/*
 * The first stage of the dial-up that failed, said in words: discovery,
 * the session, LCP. 1 when one did (the rest were skipped after it).
 */
static int
dial_stage(struct judge *j, struct va_line *l)
{
	static const struct {
		const char	*name, *zh, *en;
	} st[] = {
		{ "pppoe.discovery", "没有 PADO 应答", "no PADO answer" },
		{ "pppoe.pads", "没有建立会话（PADS）", "no session (PADS)" },
		{ "ppp.lcp", "LCP 协商失败", "LCP negotiation failed" },
	};
	const struct va_sheet *s = j->s;

	for (size_t i = 0; i < sizeof(st) / sizeof(st[0]); i++) {
		const struct va_rec *c = find(j->r, j->k, j->unnamed,
		    st[i].name, NULL);

		if (c && !st_is(c, "ok") && !st_is(c, "info")) {
			ADD(l->measured, "%s", ZH(s) ? st[i].zh : st[i].en);
			add_reason(l->measured, sizeof(l->measured), c, ZH(s));
			return 1;
		}
	}
	return 0;
}

static void
judge_dialup(struct judge *j)
{
	struct va_line *l = &j->s->line[VA_DIALUP];
	struct va_sheet *s = j->s;
	const struct va_rec *disc = find(j->r, j->k, j->unnamed,
	    "pppoe.discovery", NULL), *auth = find(j->r, j->k, j->unnamed,
	    "ppp.auth", NULL), *ipcp = find(j->r, j->k, j->unnamed, "ppp.ipcp",
	    NULL);

	snprintf(l->rule, sizeof(l->rule), "%s", ZH(s) ?
	    "PPPoE 认证（ppp.auth）和地址分配（ppp.ipcp）成功" :
	    "PPPoE authentication (ppp.auth) and address (ppp.ipcp) succeed");
	if (disc == NULL && auth == NULL && ipcp == NULL) {
		l->st = VA_UNMEASURED;
		return;
	}
	j->any = 1;
	l->st = st_is(auth, "ok") && st_is(ipcp, "ok") ? VA_PASS : VA_FAIL;
	if (dial_stage(j, l))
		return;
	if (auth == NULL && ipcp == NULL) {
		/* pppoe-probe without --user: the ACs answer, nobody
		 * dialled. */
		l->st = VA_UNMEASURED;
		ADD(l->measured, "%s", ZH(s) ?
		    "只测了 PADO，没有拨号（pppoe-probe --user）" :
		    "PADO only, no dial-up (pppoe-probe --user)");
		return;
	}
	if (auth == NULL)
		ADD(l->measured, "%s", ZH(s) ? "认证未测" :
		    "authentication not measured");
	else if (st_is(auth, "ok"))
		ADD(l->measured, ZH(s) ? "认证成功（%s）" :
		    "authenticated (%s)", auth->value ? auth->value : "-");
	else {
		ADD(l->measured, "%s", ZH(s) ? "认证失败" :
		    "authentication failed");
		add_reason(l->measured, sizeof(l->measured), auth, ZH(s));
	}
	ADD(l->measured, "%s", ZH(s) ? "，" : ", ");
	if (ipcp == NULL)
		ADD(l->measured, "%s", ZH(s) ? "地址未测" :
		    "address not measured");
	else if (st_is(ipcp, "ok") && ipcp->value)
		ADD(l->measured, ZH(s) ? "地址 %s" : "address %s", ipcp->value);
	else {
		ADD(l->measured, "%s", ZH(s) ? "未分到地址" : "no address");
		add_reason(l->measured, sizeof(l->measured), ipcp, ZH(s));
	}
}

/* The first check of name that worked, else the first one. */
static const struct va_rec *
best(struct judge *j, const char *name)
{
	const struct va_rec *first = find(j->r, j->k, j->unnamed, name, NULL);

	for (const struct va_rec *c = first; c;
	    c = find(j->r, j->k, j->unnamed, name, c))
		if (worked(c))
			return c;
	return first;
}

static void
judge_browse(struct judge *j)
{
	struct va_line *l = &j->s->line[VA_BROWSE];
	struct va_sheet *s = j->s;
	const struct va_rec *dns = best(j, "dns.resolve"),
	    *http = best(j, "http.get");
	char st[16];

	snprintf(l->rule, sizeof(l->rule), "%s", ZH(s) ?
	    "至少一次域名解析（dns.resolve）和一次网页访问（http.get）成功" :
	    "at least one name lookup (dns.resolve) and one web page "
	    "(http.get) succeed");
	if (dns == NULL && http == NULL) {
		l->st = VA_UNMEASURED;
		return;
	}
	j->any = 1;
	l->st = worked(dns) && worked(http) ? VA_PASS : VA_FAIL;
	if (dns == NULL)
		ADD(l->measured, "%s", ZH(s) ? "DNS 未测" :
		    "DNS not measured");
	else if (worked(dns))
		ADD(l->measured, "DNS %s ms", dns->value ? dns->value : "-");
	else {
		ADD(l->measured, "%s", ZH(s) ? "DNS 失败" : "DNS failed");
		add_reason(l->measured, sizeof(l->measured), dns, ZH(s));
	}
	ADD(l->measured, "%s", ZH(s) ? "，" : ", ");
	if (http == NULL)
		ADD(l->measured, "%s", ZH(s) ? "网页未测" : "web not measured");
	else if (worked(http)) {
		if (!bbt_kv_get(http->detail, "status", st, sizeof(st)))
			snprintf(st, sizeof(st), "-");
		ADD(l->measured, ZH(s) ? "网页 HTTP %s，%s ms" :
		    "web HTTP %s in %s ms", st, http->value ? http->value : "-");
	} else {
		ADD(l->measured, "%s", ZH(s) ? "网页打不开" : "web failed");
		add_reason(l->measured, sizeof(l->measured), http, ZH(s));
	}
}

/* A rate as the log writes it: the record's text, or %g of a plan. */
static void
rate_word(char *buf, size_t size, double v)
{
	if (isnan(v))
		buf[0] = '\0';
	else
		snprintf(buf, size, "%g", v);
}

static void
judge_speed(struct judge *j, enum va_item it)
{
	struct va_line *l = &j->s->line[it];
	struct va_sheet *s = j->s;
	int down = it == VA_DOWN;
	const struct va_rec *c = find(j->r, j->k, j->unnamed, down ?
	    "speed.down" : "speed.up", NULL);
	double plan = down ? j->p->plan_down : j->p->plan_up, v;
	char ps[64];

	if (isnan(plan) && c && bbt_kv_get(c->detail, "plan", ps, sizeof(ps)) &&
	    strcmp(ps, "-") != 0)
		plan = strtod(ps, NULL);
	rate_word(down ? s->plan_down : s->plan_up, sizeof(s->plan_down), plan);
	if (isnan(plan))
		snprintf(l->rule, sizeof(l->rule), "%s", down ? (ZH(s) ?
		    "没有签约速率（--plan），无法判定" :
		    "no plan (--plan) to judge against") : (ZH(s) ?
		    "没有上行签约速率，不判定" : "no upload plan: not judged"));
	else
		snprintf(l->rule, sizeof(l->rule), ZH(s) ?
		    "实测 ≥ %g × 签约速率 %g Mbit/s" :
		    "measured ≥ %g × the plan of %g Mbit/s", j->p->slow_ratio,
		    plan);
	if (c == NULL || c->value == NULL) {
		/* An upload nobody subscribed a rate for is not required. */
		l->st = !down && isnan(plan) ? VA_NA : VA_UNMEASURED;
		if (c) {
			/* A test that ran and got no rate (no server) is in
			 * the input: the sheet says why. */
			j->any = 1;
			ADD(l->measured, "%s", ZH(s) ? "未测" : "not measured");
			add_reason(l->measured, sizeof(l->measured), c, ZH(s));
		}
		return;
	}
	j->any = 1;
	v = strtod(c->value, NULL);
	snprintf(down ? s->down : s->up, sizeof(s->down), "%s", c->value);
	ADD(l->measured, "%s Mbit/s", c->value);
	if (isnan(plan)) {
		l->st = down ? VA_FAIL : VA_INFO;
	} else {
		/* Rounded down: a shown 0.80 is never a failed 0.7996. */
		double ratio = floor(v / plan * 100 + 1e-9) / 100;

		if (ZH(s))
			ADD(l->measured, "，为签约 %g Mbit/s 的 %.2f", plan,
			    ratio);
		else
			ADD(l->measured, ", %.2f of the %g Mbit/s plan", ratio,
			    plan);
		l->st = v >= j->p->slow_ratio * plan ? VA_PASS : VA_FAIL;
	}
	if (bbt_kv_get(c->detail, "result", ps, sizeof(ps)) &&
	    strcmp(ps, "interrupted") == 0)
		ADD(l->measured, "%s", ZH(s) ? "（测试被中断）" :
		    " (test interrupted)");
}

int
va_judge(const struct va_recs *r, int k, int unnamed,
    const struct va_params *p, struct va_sheet *s)
{
	struct judge j = { r, k, unnamed, p, s, 0 };

	for (int i = 0; i < VA_NITEMS; i++)
		memset(&s->line[i], 0, sizeof(s->line[i]));
	s->down[0] = s->up[0] = s->plan_down[0] = s->plan_up[0] = '\0';
	judge_link(&j);
	judge_optical(&j);
	judge_dialup(&j);
	judge_browse(&j);
	judge_speed(&j, VA_DOWN);
	judge_speed(&j, VA_UP);
	s->pass = 1;
	for (int i = 0; i < VA_NITEMS; i++) {
		/* An escaped TAB or line break in a record's value must not
		 * break the sheet's lines: a space, as in a note's slots. */
		for (char *c = s->line[i].measured; *c; c++)
			if ((unsigned char)*c < 0x20 || *c == 0x7f)
				*c = ' ';
		if (s->line[i].st == VA_FAIL || s->line[i].st == VA_UNMEASURED)
			s->pass = 0;
	}
	if (r->case_time[k] != VN_NOTIME) {
		s->tested = r->case_time[k];
		s->tested_from_records = 1;
	}
	return j.any ? 0 : -1;
}
