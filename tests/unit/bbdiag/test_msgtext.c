/* SPDX-License-Identifier: MIT */
/* Refusal texts: folding (full width, case, escaped newlines), the
 * dial-up code inside a text, and classification by the catalogue's
 * pattern table (longest specific pattern, generic last, otherwise). */
#include "../testutil.h"
#include "bbdiag/bbdiag.h"

static const char cat_text[] =
    "layer auth en Auth\nlayer auth zh 认证\n"
    "obs code enum 678 691\n"
    "obs aaa enum accept bad_password arrears stock unrecognised\n"
    "\tclassify\n\tgeneric stock\n\totherwise unrecognised\n"
    "obs auth_msg enum bad_password arrears stock unrecognised\n"
    "\tclassify\n\tgeneric stock\n\totherwise unrecognised\n"
    "\tfrom [ppp.auth].msg\n"
    "pattern bad_password 密码错\n"
    "pattern bad_password \"Password Incorrect\"\n"
    "pattern arrears 欠费\n"
    "pattern arrears \"account expired\"\n"
    "pattern stock 认证失败\n"
    "pattern stock \"authentication failure\"\n"
    "fault pw\n\tlayer auth\n\tside cust_account\n"
    "\tname en P\n\tname zh P\n\tcause en C\n\tcause zh C\n"
    "\tstep s en S\n\tstep s zh S\n"
    "\tfor 6 aaa == bad_password or auth_msg == bad_password\n";

static struct catalogue *cat;

static int
setup(void **st)
{
	char *err = NULL;

	(void)st;
	cat = cat_parse("t", cat_text, sizeof(cat_text) - 1, &err);
	if (cat == NULL)
		fprintf(stderr, "%s", err);
	return cat == NULL;
}

static int
teardown(void **st)
{
	(void)st;
	cat_free(cat);
	return 0;
}

static void
test_fold(void **st)
{
	char b[128];

	(void)st;
	msg_fold("Ｅ＝６９１　密码错误！", b, sizeof(b));
	assert_string_equal(b, "e=691 密码错误!");
	msg_fold("  Password  INCORRECT\n", b, sizeof(b));
	assert_string_equal(b, "password incorrect");
	msg_fold("Password incorrect\\n", b, sizeof(b));
	assert_string_equal(b, "password incorrect");
	/* pppoe-probe writes a Reply-Message's newline as \x0a. */
	msg_fold("Password incorrect\\x0a", b, sizeof(b));
	assert_string_equal(b, "password incorrect");
	msg_fold("a\\x41b", b, sizeof(b));
	assert_string_equal(b, "a\\x41b");
	msg_fold("认证失败（欠费）", b, sizeof(b));
	assert_string_equal(b, "认证失败(欠费)");
}

static void
test_code(void **st)
{
	char code[8];

	(void)st;
	assert_string_equal(msg_code("e=691 r=0 c=00ff v=0 m=account expired",
	    code, sizeof(code)), "account expired");
	assert_string_equal(code, "691");
	assert_string_equal(msg_code("e=691 r=1 v=3 密码错", code,
	    sizeof(code)), "密码错");
	assert_string_equal(code, "691");
	msg_code("error 678: no answer", code, sizeof(code));
	assert_string_equal(code, "678");
	msg_code("691: 用户名或密码错误", code, sizeof(code));
	assert_string_equal(code, "691");
	msg_code("user e=xy", code, sizeof(code));
	assert_string_equal(code, "");
}

static void
test_classify(void **st)
{
	const struct obs_decl *aaa = &cat->obs[cat_obs_find(cat, "aaa")];
	char code[8];
	double d;

	(void)st;
	/* Specific beats generic, whatever the order in the text. */
	assert_int_equal(msg_classify(aaa, "认证失败（欠费）\n", code,
	    sizeof(code)), 2);
	assert_int_equal(msg_classify(aaa, "Authentication failure", code,
	    sizeof(code)), 3);
	/* The MS-CHAPv2 packet: code and M= text. */
	assert_int_equal(msg_classify(aaa, "E=691 R=0 C=0123456789abcdef "
	    "V=0 M=Account Expired", code, sizeof(code)), 2);
	assert_string_equal(code, "691");
	/* pppd's radius plugin: bare text with a newline. */
	assert_int_equal(msg_classify(aaa, "PASSWORD INCORRECT\n", code,
	    sizeof(code)), 1);
	/* Nothing known: the "otherwise" value, never a guess. */
	assert_int_equal(msg_classify(aaa, "Request denied (0x2a)", code,
	    sizeof(code)), 4);
	/* Words and free text through cat_obs_value alike. */
	assert_int_equal(cat_obs_value(aaa, "accept", &d), 0);
	assert_int_equal(cat_obs_value(aaa, "Ｅ＝６９１　密码错误！", &d), 1);
}

static void
test_feed(void **st)
{
	struct evidence ev;
	int am = cat_obs_find(cat, "auth_msg"), code = cat_obs_find(cat,
	    "code"), aaa = cat_obs_find(cat, "aaa");

	(void)st;
	ev_init(&ev, cat);
	/* The probe's refusal text sets auth_msg, and its E=691 the code. */
	assert_int_equal(ev_add_check(&ev, "ppp.auth", "alice", "critical",
	    "mschapv2", "-", "result=rejected msg=\"E=691 R=0 V=0 M=欠费停机\""),
	    0);
	assert_int_equal(ev.obs[am].set, 1);
	assert_string_equal(cat->obs[am].vals[ev.obs[am].vi].word, "arrears");
	assert_int_equal(ev.obs[code].set, 1);
	assert_string_equal(cat->obs[code].vals[ev.obs[code].vi].word, "691");
	/* An unknown text keeps its words for the output. */
	ev_reset(&ev);
	ev_set_obs_text(&ev, aaa, "Request denied (0x2a)");
	assert_string_equal(cat->obs[aaa].vals[ev.obs[aaa].vi].word,
	    "unrecognised");
	assert_string_equal(ev.obs[aaa].raw, "Request denied (0x2a)");
	ev_free(&ev);
}

static void
test_errors(void **st)
{
	static const char bad[] =
	    "obs aaa enum x y\n\tclassify\n"
	    "pattern z nothing\n";
	char *err = NULL;

	(void)st;
	assert_null(cat_parse("b", bad, sizeof(bad) - 1, &err));
	assert_non_null(strstr(err, "b:3: pattern class 'z'"));
	free(err);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fold),
		cmocka_unit_test(test_code),
		cmocka_unit_test(test_classify),
		cmocka_unit_test(test_feed),
		cmocka_unit_test(test_errors),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
