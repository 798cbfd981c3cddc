/* SPDX-License-Identifier: MIT */
/*
 * The acceptance sheet's words in Chinese and English (chosen by --lang
 * like the visit note's template, not by the locale: the sheet is for
 * the customer) and its text layout for terminals and 58 mm / 80 mm
 * receipt printers, wrapped by display width as the note is.
 */
#include <string.h>

#include "lib/datetime.h"
#include "lib/order.h"
#include "lib/text.h"
#include "visitnote/accept.h"

#define ZH(s)	((s)->lang == VN_ZH)
/* Room to write by hand: a name, a signature. */
#define BLANK	"______________"

const char *
va_title(const struct va_sheet *s)
{
	static const char *const zh[] = { "宽带装机验收单", "宽带移机验收单",
		"宽带修障验收单", "宽带施工验收单" };
	static const char *const en[] = { "Broadband Installation Acceptance",
		"Broadband Move Acceptance", "Broadband Repair Acceptance",
		"Broadband Work Acceptance" };
	int k = s->kind >= 0 && s->kind <= BBT_KIND_REPAIR ? s->kind : 3;

	return ZH(s) ? zh[k] : en[k];
}

const char *
va_label(const struct va_sheet *s, enum va_item i)
{
	static const char *const zh[] = { "链路", "光功率", "拨号", "上网",
		"下行速率", "上行速率" };
	static const char *const en[] = { "Link", "Optical power", "Dial-up",
		"Browsing", "Download", "Upload" };

	return ZH(s) ? zh[i] : en[i];
}

const char *
va_state_text(const struct va_sheet *s, enum va_state st)
{
	static const char *const zh[] = { "合格", "不合格", "未测，不合格",
		"不判定", "不要求" };
	static const char *const en[] = { "pass", "FAIL",
		"not measured: FAIL", "not judged", "not required" };

	return ZH(s) ? zh[st] : en[st];
}

/* A case id or a name with a control character must not break the
 * sheet's lines: spaces, as in a note's slots. */
static void
no_controls(char out[][256], int n)
{
	for (int i = 0; i < n; i++)
		for (char *c = out[i]; *c; c++)
			if ((unsigned char)*c < 0x20 || *c == 0x7f)
				*c = ' ';
}

static void
time_text(const struct va_sheet *s, int64_t t, char *buf, size_t size)
{
	int y, mo, d, h, mi;

	bbt_time_split(t, &y, &mo, &d, &h, &mi);
	if (ZH(s))
		snprintf(buf, size, "%d年%d月%d日%d时%02d分", y, mo, d, h, mi);
	else
		snprintf(buf, size, "%04d-%02d-%02d %02d:%02d", y, mo, d, h,
		    mi);
}

int
va_header(const struct va_sheet *s, char out[][256], int max)
{
	static const char *const kzh[] = { "装机", "移机", "修障" };
	static const char *const ken[] = { "install", "move", "repair" };
	const char *kind = s->kind >= 0 && s->kind <= BBT_KIND_REPAIR ?
	    (ZH(s) ? kzh : ken)[s->kind] : BLANK;
	char t[64];
	int n = 0;

	if (max < 4)
		return 0;
	time_text(s, s->tested, t, sizeof(t));
	snprintf(out[n++], 256, ZH(s) ? "工单号：%s" : "Order: %s",
	    s->id ? s->id : BLANK);
	snprintf(out[n++], 256, ZH(s) ? "类型：%s" : "Kind: %s", kind);
	snprintf(out[n++], 256, ZH(s) ? "用户：%s" : "Customer: %s",
	    s->customer ? s->customer : BLANK);
	if (s->tested_from_records)
		snprintf(out[n++], 256, ZH(s) ? "测试时间：%s（记录中的时间）" :
		    "Tested: %s (the time in the records)", t);
	else
		snprintf(out[n++], 256, ZH(s) ?
		    "测试时间：%s（制单时间，记录中没有时间）" :
		    "Tested: %s (when this sheet was made: the records carry "
		    "no time)", t);
	no_controls(out, n);
	return n;
}

void
va_verdict(const struct va_sheet *s, char *buf, size_t size)
{
	size_t l;
	int first = 1;

	if (s->pass) {
		snprintf(buf, size, "%s", ZH(s) ? "验收结论：合格" :
		    "Verdict: PASS");
		return;
	}
	snprintf(buf, size, "%s", ZH(s) ? "验收结论：不合格（" :
	    "Verdict: FAIL (");
	for (int i = 0; i < VA_NITEMS; i++) {
		if (s->line[i].st != VA_FAIL && s->line[i].st != VA_UNMEASURED)
			continue;
		l = strlen(buf);
		snprintf(buf + l, size - l, "%s%s", first ? "" : ZH(s) ? "、" :
		    ", ", va_label(s, (enum va_item)i));
		first = 0;
	}
	l = strlen(buf);
	snprintf(buf + l, size - l, "%s", ZH(s) ? "）" : ")");
}

int
va_signatures(const struct va_sheet *s, char out[][256], int max)
{
	int n = 0;

	if (max < 4)
		return 0;
	if (s->tech)
		snprintf(out[n++], 256, ZH(s) ? "装维人员：%s" : "Technician: %s",
		    s->tech);
	snprintf(out[n++], 256, "%s", ZH(s) ? "用户签字：" BLANK :
	    "Customer's signature: " BLANK);
	snprintf(out[n++], 256, "%s", ZH(s) ? "装维人员签字：" BLANK :
	    "Technician's signature: " BLANK);
	snprintf(out[n++], 256, "%s", ZH(s) ? "日期：____年___月___日" :
	    "Date: ____-__-__");
	no_controls(out, n);
	return n;
}

struct fpw {
	FILE	*fp;
	int	 width, center;
};

static void
put_line(const char *p, size_t len, void *arg)
{
	struct fpw *f = arg;

	if (f->center && f->width > 0) {
		int pad = (f->width - bbt_text_nwidth(p, len)) / 2;

		for (; pad > 0; pad--)
			putc(' ', f->fp);
	}
	fwrite(p, 1, len, f->fp);
	putc('\n', f->fp);
}

static void
para(FILE *fp, const char *p, int width, int center)
{
	struct fpw f = { fp, width, center };

	vn_wrap(p, width, put_line, &f);
}

/* A rule across the receipt; an empty line at width 0. */
static void
rule(FILE *fp, int width)
{
	for (int i = 0; i < width; i++)
		putc('-', fp);
	putc('\n', fp);
}

void
va_text_write(FILE *fp, const struct va_sheet *s, int width)
{
	char hdr[8][256], buf[1024];
	int n;

	para(fp, va_title(s), width, 1);
	rule(fp, width);
	n = va_header(s, hdr, 8);
	for (int i = 0; i < n; i++)
		para(fp, hdr[i], width, 0);
	rule(fp, width);
	for (int i = 0; i < VA_NITEMS; i++) {
		const struct va_line *l = &s->line[i];

		snprintf(buf, sizeof(buf), "%s%s%s", va_label(s,
		    (enum va_item)i), ZH(s) ? "：" : ": ", l->measured[0] ?
		    l->measured : ZH(s) ? "未测" : "not measured");
		para(fp, buf, width, 0);
		snprintf(buf, sizeof(buf), "[%s] %s%s", va_state_text(s, l->st),
		    ZH(s) ? "规则：" : "rule: ", l->rule);
		para(fp, buf, width, 0);
	}
	rule(fp, width);
	va_verdict(s, buf, sizeof(buf));
	para(fp, buf, width, 0);
	putc('\n', fp);
	n = va_signatures(s, hdr, 8);
	for (int i = 0; i < n; i++)
		para(fp, hdr[i], width, 0);
}
