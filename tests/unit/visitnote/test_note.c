/* SPDX-License-Identifier: MIT */
/* The template, the layout by display width and the rule checks. */
#include <locale.h>
#include <time.h>

#include "../testutil.h"
#include "lib/datetime.h"
#include "lib/text.h"
#include "visitnote/note.h"

static int64_t
t(const char *s)
{
	int64_t v;

	assert_int_equal(bbt_time_parse(s, strlen(s), &v), 0);
	return v;
}

static void
render(const struct vn_note *n, enum vn_lang lang, int width, int wide,
    const char *lines[VN_NLINES])
{
	static char buf[4096];

	assert_int_equal(vn_note_render(n, lang, width, wide, buf,
	    sizeof(buf), lines), 0);
}

static void
test_blank_is_the_seed(void **st)
{
	struct vn_note n = { .arrived = VN_NOTIME, .left = VN_NOTIME };
	const char *l[VN_NLINES];

	(void)st;
	render(&n, VN_ZH, 0, 0, l);
	assert_string_equal(l[VN_L_TITLE], "×××联通公司到访留言便条");
	assert_string_equal(l[VN_L_GREETING], "尊敬的__________用户:");
	assert_string_equal(l[VN_L_BODY], "我们将为您安装/维护联通(宽带、电话、"
	    "专线)业务,我们联系不上您。请您见条后与______________联系(联系电话:"
	    "______________),以便我们及时为您受理,感谢您的配合。");
	assert_string_equal(l[VN_L_COMPANY], "_____________公司");
	assert_string_equal(l[VN_L_ARRIVED], "到访时间: 年 月 日 时 分");
	assert_string_equal(l[VN_L_LEFT], "离开时间: 年 月 日 时 分");
	/* Pads for handwriting (PDF) get lines in the time slots, and
	 * blanks long enough for a name and an 11-digit phone. */
	render(&n, VN_ZH, 0, VN_RENDER_WIDE, l);
	assert_string_equal(l[VN_L_ARRIVED], "到访时间:____年___月___日___时___分");
	assert_string_equal(l[VN_L_GREETING], "尊敬的________________用户:");
	assert_non_null(strstr(l[VN_L_BODY], "(联系电话:"
	    "________________________),"));
	/* A printed form's full-width punctuation, template text only. */
	n.contact = "A(B),C:D";
	render(&n, VN_ZH, 0, VN_RENDER_WIDE | VN_RENDER_FULLWIDTH, l);
	assert_string_equal(l[VN_L_GREETING], "尊敬的________________用户：");
	assert_string_equal(l[VN_L_BODY], "我们将为您安装/维护联通（宽带、电话、"
	    "专线）业务，我们联系不上您。请您见条后与A(B),C:D联系（联系电话："
	    "________________________），以便我们及时为您受理，感谢您的配合。");
	assert_string_equal(l[VN_L_ARRIVED], "到访时间：____年___月___日___时___分");
	/* English has no full-width forms. */
	render(&n, VN_EN, 0, VN_RENDER_FULLWIDTH, l);
	assert_string_equal(l[VN_L_GREETING], "Dear customer __________:");
	n.contact = NULL;
	render(&n, VN_EN, 0, 0, l);
	assert_string_equal(l[VN_L_TITLE], "××× Unicom Company, Visit Note");
	assert_string_equal(l[VN_L_LEFT], "Leaving time: year month day hour minute");
}

static void
test_filled(void **st)
{
	struct vn_note n = {
		.branch = "重庆联通", .customer = "张\t三", .action = VN_ACT_INSTALL,
		.services = VN_SVC_BROADBAND | VN_SVC_LEASED, .contact = "李工",
		.phone = "13812345678", .company = "渝北施工队公司",
		.arrived = t("2025-03-05 09:05"), .left = t("2025-03-05 19:20"),
	};
	const char *l[VN_NLINES];

	(void)st;
	render(&n, VN_ZH, 0, 0, l);
	assert_string_equal(l[VN_L_TITLE], "重庆联通公司到访留言便条");
	assert_string_equal(l[VN_L_GREETING], "尊敬的张 三用户:");
	assert_non_null(strstr(l[VN_L_BODY], "为您安装联通(宽带、专线)业务"));
	assert_non_null(strstr(l[VN_L_BODY], "与李工联系(联系电话:13812345678)"));
	assert_string_equal(l[VN_L_COMPANY], "渝北施工队公司");
	assert_string_equal(l[VN_L_ARRIVED], "到访时间:2025年3月5日9时05分");
	assert_string_equal(l[VN_L_LEFT], "离开时间:2025年3月5日19时20分");
	render(&n, VN_EN, 0, 0, l);
	assert_non_null(strstr(l[VN_L_BODY], "to install your Unicom "
	    "(broadband, leased line) service"));
	assert_string_equal(l[VN_L_ARRIVED], "Arrival time: 2025-03-05 09:05");
	/* Caps: the greeting fits 32 columns, cut at a character. */
	n.customer = "重庆市渝北区龙溪街道金紫山小区业主委员会";
	render(&n, VN_ZH, 32, 0, l);
	assert_string_equal(l[VN_L_GREETING], "尊敬的重庆市渝北区龙溪街道…用户:");
	assert_int_equal(bbt_text_width(l[VN_L_GREETING]), 32);
	{
		char small[64];

		assert_int_equal(vn_note_render(&n, VN_ZH, 32, 0, small,
		    sizeof(small), l), -1);
	}
}

struct lines {
	char	out[32][256];
	int	n;
};

static void
collect(const char *s, size_t len, void *arg)
{
	struct lines *c = arg;

	assert_true(c->n < 32 && len < 256);
	memcpy(c->out[c->n], s, len);
	c->out[c->n++][len] = '\0';
}

static void
test_wrap(void **st)
{
	struct lines c;

	(void)st;
	/* CJK at any boundary, each line at most the width. */
	memset(&c, 0, sizeof(c));
	vn_wrap("一二三四五六七八九十一二三四五", 20, collect, &c);
	assert_int_equal(c.n, 2);
	assert_string_equal(c.out[0], "一二三四五六七八九十");
	assert_string_equal(c.out[1], "一二三四五");
	/* A closing mark pulls the previous character down. */
	memset(&c, 0, sizeof(c));
	vn_wrap("一二三四五六七八九十。好", 20, collect, &c);
	assert_string_equal(c.out[0], "一二三四五六七八九");
	assert_string_equal(c.out[1], "十。好");
	/* No widow: a closing mark never leaves one character alone on
	 * the last line (the greedy fill put "十。" there). */
	memset(&c, 0, sizeof(c));
	vn_wrap("一二三四五六七八九十。", 20, collect, &c);
	assert_int_equal(c.n, 2);
	assert_string_equal(c.out[0], "一二三四五六七八");
	assert_string_equal(c.out[1], "九十。");
	memset(&c, 0, sizeof(c));
	vn_wrap("一二三四五六七八九十一", 20, collect, &c);
	assert_string_equal(c.out[0], "一二三四五六七八九");
	assert_string_equal(c.out[1], "十一");
	/* Two closing marks in a row both stay off the line start. */
	memset(&c, 0, sizeof(c));
	vn_wrap("一二三四五六七八九），好的", 20, collect, &c);
	assert_string_equal(c.out[0], "一二三四五六七八");
	assert_string_equal(c.out[1], "九），好的");
	/* A short paragraph is never a widow: it is one line. */
	memset(&c, 0, sizeof(c));
	vn_wrap("好。", 20, collect, &c);
	assert_int_equal(c.n, 1);
	assert_string_equal(c.out[0], "好。");
	/* ASCII words stay whole; spaces at a break vanish. */
	memset(&c, 0, sizeof(c));
	vn_wrap("call 13812345678 now", 20, collect, &c);
	assert_string_equal(c.out[0], "call 13812345678 now");
	memset(&c, 0, sizeof(c));
	vn_wrap("联系电话电话电话电话:13812345678),以便", 20, collect, &c);
	assert_string_equal(c.out[0], "联系电话电话电话电");
	assert_string_equal(c.out[1], "话:13812345678),以便");
	/* An opening bracket is not left at the end of a line. */
	memset(&c, 0, sizeof(c));
	vn_wrap("一二三四五六七八九(十一", 20, collect, &c);
	assert_string_equal(c.out[0], "一二三四五六七八九");
	assert_string_equal(c.out[1], "(十一");
	/* A word longer than the line is cut at a character. */
	memset(&c, 0, sizeof(c));
	vn_wrap("________________________________________", 20, collect, &c);
	assert_int_equal(c.n, 2);
	assert_int_equal(strlen(c.out[0]), 20);
	/* Width 0: the paragraph as is. */
	memset(&c, 0, sizeof(c));
	vn_wrap("一 二", 0, collect, &c);
	assert_int_equal(c.n, 1);
	assert_string_equal(c.out[0], "一 二");
}

static void
test_words(void **st)
{
	char buf[64];

	(void)st;
	assert_int_equal(vn_parse_services("broadband"), VN_SVC_BROADBAND);
	assert_int_equal(vn_parse_services("宽带、电话"), VN_SVC_BROADBAND |
	    VN_SVC_PHONE);
	assert_int_equal(vn_parse_services("leased,Phone"), VN_SVC_LEASED |
	    VN_SVC_PHONE);
	assert_int_equal(vn_parse_services("all"), VN_SVC_ALL);
	assert_int_equal(vn_parse_services("tv"), -1);
	assert_int_equal(vn_parse_services(""), -1);
	assert_int_equal(vn_parse_action("维修"), VN_ACT_MAINTAIN);
	assert_int_equal(vn_parse_action("move"), VN_ACT_INSTALL);
	assert_int_equal(vn_parse_action("x"), -1);
	vn_services_word(VN_SVC_BROADBAND | VN_SVC_LEASED, buf, sizeof(buf));
	assert_string_equal(buf, "broadband,leased");
	assert_int_equal(vn_parse_rules("R5,time"), (1 << VN_R5) |
	    (1 << VN_RTIME));
	assert_int_equal(vn_parse_rules("r6"), 1 << VN_R6);
	assert_int_equal(vn_parse_rules("R5,"), 1 << VN_R5);
	assert_int_equal(vn_parse_rules("R9"), -1);
	vn_checks_word(1u << VN_R6, buf, sizeof(buf));
	assert_string_equal(buf, "R5=ok,R6=override,phone=ok,time=ok");
}

static void
test_phone(void **st)
{
	static const struct {
		const char	*p;
		int		 ok;
	} tab[] = {
		{ "13812345678", 1 }, { "19912345678", 1 }, { "+86 138 1234 5678", 1 },
		{ "8613812345678", 1 }, { "023-63881234", 1 }, { "(023)63881234", 1 },
		{ "010 88886666", 1 }, { "0755-8888666", 1 }, { "0755-88886666", 1 },
		{ "02363881234", 1 },
		{ "12812345678", 0 }, { "1381234567", 0 }, { "138123456789", 0 },
		{ "023-0388123", 0 }, { "023-1388123", 0 }, { "0755-123456", 0 },
		{ "63881234", 0 }, { "10010", 0 }, { "138-1234-567a", 0 },
		{ "", 0 }, { "00863881234", 0 },
	};

	(void)st;
	for (size_t i = 0; i < sizeof(tab) / sizeof(tab[0]); i++)
		if (vn_phone_ok(tab[i].p) != tab[i].ok)
			fail_msg("phone '%s': expected %d", tab[i].p, tab[i].ok);
}

static void
test_checks(void **st)
{
	struct vn_note n = { .contact = "李工", .phone = "13812345678",
		.arrived = t("2025-03-05 09:05"), .left = t("2025-03-05 09:15") };
	int64_t now = t("2025-03-05 12:00");
	struct vn_check c;

	(void)st;
	assert_int_equal(vn_check(&n, -1, now, &c), 0);
	assert_int_equal(vn_check(&n, 1, now, &c), 0);
	assert_int_equal(vn_check(&n, 0, now, &c), 1u << VN_R5);
	assert_non_null(strstr(c.msg[VN_R5], "no call attempt"));
	n.left = t("2025-03-05 09:14");
	assert_int_equal(vn_check(&n, -1, now, &c), 1u << VN_R5);
	assert_non_null(strstr(c.msg[VN_R5], "is 9 minutes after"));
	n.left = VN_NOTIME;
	n.phone = NULL;
	assert_int_equal(vn_check(&n, -1, now, &c), (1u << VN_R5) |
	    (1u << VN_R6));
	assert_non_null(strstr(c.msg[VN_R6], "has no left, phone;"));
	n.phone = "12345";
	n.left = t("2025-03-05 09:30");
	assert_int_equal(vn_check(&n, -1, now, &c), 1u << VN_RPHONE);
	n.phone = "13812345678";
	/* Five minutes of slack for a leaving time written at the door. */
	assert_int_equal(vn_check(&n, -1, t("2025-03-05 09:25"), &c), 0);
	assert_int_equal(vn_check(&n, -1, t("2025-03-05 09:24"), &c),
	    1u << VN_RTIME);
	assert_non_null(strstr(c.msg[VN_RTIME], "leaving time 2025-03-05 09:30 "
	    "is in the future"));
	n.left = t("2025-03-05 22:00");
	assert_int_equal(vn_check(&n, -1, t("2025-03-06 12:00"), &c),
	    1u << VN_RTIME);
	n.left = t("2025-03-05 09:00");
	assert_int_equal(vn_check(&n, -1, now, &c), (1u << VN_R5) |
	    (1u << VN_RTIME));
	assert_non_null(strstr(c.msg[VN_RTIME], "before the arrival"));
}

static void
test_times(void **st)
{
	int64_t now = t("2025-03-05 12:34:56"), v;

	(void)st;
	assert_int_equal(vn_time_parse("now", now, &v), 0);
	assert_int_equal(v, t("2025-03-05 12:34"));
	assert_int_equal(vn_time_parse("09:05", now, &v), 0);
	assert_int_equal(v, t("2025-03-05 09:05"));
	assert_int_equal(vn_time_parse("2025-03-01T08:00:00+08:00", now, &v), 0);
	assert_int_equal(v, t("2025-03-01 08:00"));
	assert_int_equal(vn_time_parse("24:00", now, &v), -1);
	assert_int_equal(vn_time_parse("9:5", now, &v), -1);
	assert_int_equal(vn_time_parse("yesterday", now, &v), -1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_blank_is_the_seed),
		cmocka_unit_test(test_filled),
		cmocka_unit_test(test_wrap),
		cmocka_unit_test(test_words),
		cmocka_unit_test(test_phone),
		cmocka_unit_test(test_checks),
		cmocka_unit_test(test_times),
	};

	setlocale(LC_ALL, "C.UTF-8");
	setenv("TZ", "Asia/Shanghai", 1);
	tzset();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
