/* SPDX-License-Identifier: MIT */
/* Work-order columns, their English and Chinese aliases, value words. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "lib/order.h"
#include "lib/rec.h"

/* Aliases: the field names of domain.md section 5 and the Chinese
 * headers of provincial ticket-system exports. */
const struct bbt_table_col bbt_order_cols[BBT_O_NCOLS] = {
	[BBT_O_ID] = { "id", "order|order_id|工单号|工单编号|单号" },
	[BBT_O_KIND] = { "kind", "type|order_type|工单类型|类型|业务类别" },
	[BBT_O_SERVICE] = { "service", "业务|业务类型|产品" },
	[BBT_O_ACCOUNT] = { "account", "宽带账号|账号|用户账号|帐号" },
	[BBT_O_AREA] = { "area", "district|区域|片区|区县" },
	[BBT_O_ZONE] = { "zone", "城乡|城乡属性|区域类型" },
	[BBT_O_TECH] = { "tech", "technician|装维人员|装维工号|技术员|维护人员" },
	[BBT_O_TEAM] = { "team", "班组|装维班组" },
	[BBT_O_ACCEPTED] = { "accepted", "accepted_at|reported|reported_at|受理时间|报障时间" },
	[BBT_O_APPOINTMENT] = { "appointment", "appointment_at|appt|预约时间" },
	[BBT_O_NOTIFIED] = { "notified", "reschedule_notice_at|notice_at|通知时间|改约通知时间" },
	[BBT_O_RESCHEDULED] = { "rescheduled", "rescheduled_at|new_appointment|改约时间|新预约时间" },
	[BBT_O_ARRIVED] = { "arrived", "arrived_at|到达时间|到访时间|上门时间" },
	[BBT_O_LEFT] = { "left", "left_at|离开时间" },
	[BBT_O_COMPLETED] = { "completed", "completed_at|restored|restored_at|closed_at|完成时间|修复时间|竣工时间|回单时间" },
	[BBT_O_OUTCOME] = { "outcome", "result|结果|处理结果" },
	[BBT_O_CALLED] = { "called", "call_attempt|致电|电话联系" },
	[BBT_O_NOTE] = { "note", "note_left|留言|留言便条" },
	[BBT_O_FAULT] = { "fault", "fault_id|故障|故障类型" },
	[BBT_O_SIDE] = { "side", "责任|责任归属|责任方" },
	[BBT_O_VISITS] = { "visits", "上门次数" },
	[BBT_O_CALLBACK] = { "callback", "callback_done|回访" },
	[BBT_O_RATING] = { "rating", "callback_satisfied|satisfaction|满意度|评价" },
	[BBT_O_CHECKS] = { "checks", "rules|规则检查" },
};

/* qareport reads these from header tables too: English names and the
 * Chinese headers of acceptance (验收) exports. */
const struct bbt_table_col bbt_order_xcols[BBT_OX_NCOLS] = {
	[BBT_OX_ACCEPT] = { "accept", "acceptance|accept_result|验收|验收结果" },
	[BBT_OX_SPEED_DOWN] = { "speed_down", "download|down_mbps|下行速率|实测下行|实测下行速率|下载速率" },
	[BBT_OX_SPEED_UP] = { "speed_up", "upload|up_mbps|上行速率|实测上行|实测上行速率|上传速率" },
	[BBT_OX_PLAN_DOWN] = { "plan_down", "plan_down_mbps|签约下行|签约下行速率|套餐下行" },
	[BBT_OX_PLAN_UP] = { "plan_up", "plan_up_mbps|签约上行|签约上行速率|套餐上行" },
	[BBT_OX_TESTED] = { "tested", "tested_at|测试时间" },
};

struct word {
	const char	*w;
	int		 v;
};

static int
lookup(const struct word *t, const char *s)
{
	if (s == NULL)
		return -1;
	for (; t->w; t++)
		if (strcasecmp(t->w, s) == 0)
			return t->v;
	return -1;
}

static const struct word kinds[] = {
	{ "install", BBT_KIND_INSTALL }, { "new", BBT_KIND_INSTALL },
	{ "装机", BBT_KIND_INSTALL }, { "新装", BBT_KIND_INSTALL },
	{ "move", BBT_KIND_MOVE }, { "移机", BBT_KIND_MOVE },
	{ "repair", BBT_KIND_REPAIR }, { "fault", BBT_KIND_REPAIR },
	{ "maintain", BBT_KIND_REPAIR }, { "修障", BBT_KIND_REPAIR },
	{ "维修", BBT_KIND_REPAIR }, { "故障", BBT_KIND_REPAIR },
	{ "维护", BBT_KIND_REPAIR }, { NULL, 0 },
};
static const struct word zones[] = {
	{ "town", BBT_ZONE_TOWN }, { "urban", BBT_ZONE_TOWN },
	{ "城镇", BBT_ZONE_TOWN }, { "城市", BBT_ZONE_TOWN },
	{ "城区", BBT_ZONE_TOWN }, { "rural", BBT_ZONE_RURAL },
	{ "农村", BBT_ZONE_RURAL }, { "乡村", BBT_ZONE_RURAL },
	{ NULL, 0 },
};
static const struct word outcomes[] = {
	{ "done", BBT_OUT_DONE }, { "completed", BBT_OUT_DONE },
	{ "完成", BBT_OUT_DONE }, { "no-answer", BBT_OUT_NOANSWER },
	{ "noanswer", BBT_OUT_NOANSWER }, { "无人应答", BBT_OUT_NOANSWER },
	{ "rescheduled", BBT_OUT_RESCHEDULED }, { "改约", BBT_OUT_RESCHEDULED },
	{ "cancelled", BBT_OUT_CANCELLED }, { "canceled", BBT_OUT_CANCELLED },
	{ "撤单", BBT_OUT_CANCELLED }, { NULL, 0 },
};
static const struct word bools[] = {
	{ "yes", 1 }, { "y", 1 }, { "1", 1 }, { "true", 1 }, { "是", 1 },
	{ "有", 1 }, { "no", 0 }, { "n", 0 }, { "0", 0 }, { "false", 0 },
	{ "否", 0 }, { "无", 0 }, { NULL, 0 },
};
static const struct word ratings[] = {
	{ "satisfied", 1 }, { "满意", 1 }, { "非常满意", 1 }, { "5", 1 },
	{ "4", 1 }, { "unsatisfied", 0 }, { "dissatisfied", 0 },
	{ "不满意", 0 }, { "一般", 0 }, { "3", 0 }, { "2", 0 }, { "1", 0 },
	{ NULL, 0 },
};

int
bbt_order_kind(const char *s)
{
	return lookup(kinds, s);
}

int
bbt_order_zone(const char *s)
{
	return lookup(zones, s);
}

int
bbt_order_outcome(const char *s)
{
	return lookup(outcomes, s);
}

int
bbt_order_bool(const char *s)
{
	return lookup(bools, s);
}

int
bbt_order_rating(const char *s)
{
	return lookup(ratings, s);
}

const char *
bbt_order_kind_name(int k)
{
	static const char *const n[] = { "install", "move", "repair" };
	return k >= 0 && k < 3 ? n[k] : "-";
}

const char *
bbt_order_zone_name(int z)
{
	static const char *const n[] = { "town", "rural" };
	return z >= 0 && z < 2 ? n[z] : "-";
}

const char *
bbt_order_outcome_name(int o)
{
	static const char *const n[] = { "done", "no-answer", "rescheduled",
		"cancelled" };
	return o >= 0 && o < 4 ? n[o] : "-";
}

struct bbt_table *
bbt_order_open(const char *path)
{
	return bbt_table_open(path, bbt_order_cols, BBT_O_NCOLS, "order");
}

/* Appends n fields, tab first, escaped, "-" for NULL or "". */
static char *
put_fields(char *w, const char *const *vals, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		*w++ = '\t';
		if (vals[i] == NULL || *vals[i] == '\0')
			*w++ = '-';
		else
			w += bbt_rec_escape(vals[i], strlen(vals[i]), w);
	}
	return w;
}

static size_t
fields_cap(const char *const *vals, size_t n)
{
	size_t cap = 0;

	for (size_t i = 0; i < n; i++)
		cap += 1 + (vals[i] && *vals[i] ? 2 * strlen(vals[i]) : 1);
	return cap;
}

char *
bbt_order_format_ext(const char *const vals[BBT_O_NCOLS],
    const char *const x[BBT_OX_NCOLS], size_t *lenp)
{
	size_t cap = sizeof("order") + 1 + fields_cap(vals, BBT_O_NCOLS) +
	    (x ? fields_cap(x, BBT_OX_NCOLS) : 0);
	char *buf, *w;

	if ((buf = malloc(cap)) == NULL)
		return NULL;
	w = stpcpy(buf, "order");
	w = put_fields(w, vals, BBT_O_NCOLS);
	if (x)
		w = put_fields(w, x, BBT_OX_NCOLS);
	*w++ = '\n';
	*w = '\0';
	*lenp = (size_t)(w - buf);
	return buf;
}

char *
bbt_order_format(const char *const vals[BBT_O_NCOLS], size_t *lenp)
{
	return bbt_order_format_ext(vals, NULL, lenp);
}

int
bbt_order_append(int fd, const char *const vals[BBT_O_NCOLS])
{
	size_t len;
	char *buf = bbt_order_format(vals, &len);
	ssize_t r;

	if (buf == NULL)
		return -1;
	/* One write(2) on an O_APPEND descriptor: concurrent writers'
	 * lines never interleave. */
	do
		r = write(fd, buf, len);
	while (r < 0 && errno == EINTR);
	free(buf);
	if (r < 0)
		return -1;
	if ((size_t)r != len) {
		errno = EIO;
		return -1;
	}
	return 0;
}
