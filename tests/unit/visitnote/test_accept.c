/* SPDX-License-Identifier: MIT */
/*
 * The acceptance sheet's rules, table-driven: records in, the state of
 * one line out, at the edges of each rule; the case picking; the order
 * record with and without the optional acceptance fields.
 */
#include <math.h>

#include "../testutil.h"
#include "lib/order.h"
#include "visitnote/accept.h"

/* Judges the records text (one or more lines) with params p. */
static void
judge(const char *text, const struct va_params *p, struct va_sheet *s,
    int *any)
{
	struct va_recs r;
	unsigned long bad = 0;
	char *path = tmpfile_with(text, strlen(text));

	memset(&r, 0, sizeof(r));
	memset(s, 0, sizeof(*s));
	s->lang = VN_EN;
	assert_int_equal(va_read(&r, path, &bad), 0);
	assert_int_equal(bad, 0);
	unlink(path);
	*any = va_judge(&r, 0, 1, p, s) == 0;
	va_recs_free(&r);
}

static void
test_rules(void **st)
{
	static const struct {
		const char	*recs;
		double		 plan_down, rx;
		int		 item;
		enum va_state	 want;
	} t[] = {
		/* 0.8 x 300 = 240: the edge passes, a hair under fails. */
		{ "check\tspeed.down\tu\tok\t240\tMbit/s\tplan=300\n", NAN, NAN,
		    VA_DOWN, VA_PASS },
		{ "check\tspeed.down\tu\twarning\t239.9\tMbit/s\tplan=300\n", NAN,
		    NAN, VA_DOWN, VA_FAIL },
		/* --plan wins over the record's plan=. */
		{ "check\tspeed.down\tu\tok\t239.9\tMbit/s\tplan=300\n", 250, NAN,
		    VA_DOWN, VA_PASS },
		{ "check\tspeed.down\tu\tinfo\t500\tMbit/s\t-\n", NAN, NAN,
		    VA_DOWN, VA_FAIL },
		{ "check\tspeed.down\tu\tcritical\t-\tMbit/s\terror=timeout\n",
		    NAN, NAN, VA_DOWN, VA_UNMEASURED },
		{ "check\tspeed.up\tu\tinfo\t20\tMbit/s\t-\n", NAN, NAN, VA_UP,
		    VA_INFO },
		{ "check\tspeed.up\tu\tok\t24\tMbit/s\tplan=30\n", NAN, NAN, VA_UP,
		    VA_PASS },
		{ "check\tlink.carrier\te\tok\tup\t-\t-\n", NAN, NAN, VA_UP,
		    VA_NA },
		/* GPON OK band -8 to -24 dBm, edges included. */
		{ "obs\trx_power\t-24\t-\n", NAN, NAN, VA_OPTICAL, VA_PASS },
		{ "obs\trx_power\t-8\t-\n", NAN, NAN, VA_OPTICAL, VA_PASS },
		{ "obs\trx_power\t-24.1\t-\n", NAN, NAN, VA_OPTICAL, VA_FAIL },
		{ "obs\trx_power\t-7.9\t-\n", NAN, NAN, VA_OPTICAL, VA_FAIL },
		{ "obs\tpon\tepon\t-\nobs\trx_power\t-22\t-\n", NAN, NAN,
		    VA_OPTICAL, VA_FAIL },
		{ "obs\tpon\tepon\t-\nobs\trx_power\t-4\t-\n", NAN, NAN,
		    VA_OPTICAL, VA_PASS },
		{ "obs\taccess\tftth\t-\ncheck\tlink.carrier\te\tok\tup\t-\t-\n",
		    NAN, NAN, VA_OPTICAL, VA_UNMEASURED },
		{ "obs\taccess\tftth\t-\ncheck\tlink.carrier\te\tok\tup\t-\t-\n",
		    NAN, -20, VA_OPTICAL, VA_PASS },
		{ "obs\taccess\tadsl\t-\ncheck\tlink.carrier\te\tok\tup\t-\t-\n",
		    NAN, NAN, VA_OPTICAL, VA_NA },
		/* Link: half duplex, 100 on gigabit gear, CRC errors fail. */
		{ "check\tlink.speed\te\tok\t1000\tMbit/s\tduplex=full\n"
		    "check\tlink.duplex\te\tok\tfull\t-\t-\n", NAN, NAN, VA_LINK,
		    VA_PASS },
		{ "check\tlink.duplex\te\twarning\thalf\t-\t-\n", NAN, NAN,
		    VA_LINK, VA_FAIL },
		{ "check\tlink.speed\te\twarning\t100\tMbit/s\tsupported=1000\n",
		    NAN, NAN, VA_LINK, VA_FAIL },
		{ "check\tlink.carrier\te\tok\tup\t-\t-\n"
		    "check\tlink.errors\te\tcritical\t420\tframes\trx_crc=420\n",
		    NAN, NAN, VA_LINK, VA_FAIL },
		{ "check\tlink.carrier\te\tcritical\tdown\t-\t-\n", NAN, NAN,
		    VA_LINK, VA_FAIL },
		{ "check\tlink.speed\te\tinfo\t-\tMbit/s\tvirtual=veth\n", NAN,
		    NAN, VA_LINK, VA_PASS },
		/* Dial-up: both auth and IPCP. */
		{ "check\tppp.auth\tu\tok\tchap\t-\tresult=ok\n"
		    "check\tppp.ipcp\tm\tok\t10.0.0.2\t-\tresult=ok\n", NAN, NAN,
		    VA_DIALUP, VA_PASS },
		{ "check\tppp.auth\tu\tok\tchap\t-\tresult=ok\n", NAN, NAN,
		    VA_DIALUP, VA_FAIL },
		{ "check\tppp.auth\tu\tcritical\tchap\t-\tresult=rejected\n"
		    "check\tppp.ipcp\t-\tskipped\t-\t-\tafter=ppp.auth\n", NAN,
		    NAN, VA_DIALUP, VA_FAIL },
		{ "check\tpppoe.discovery\te\tcritical\t0\t-\tresult=none\n",
		    NAN, NAN, VA_DIALUP, VA_FAIL },
		{ "check\tppp.lcp\tm\tcritical\t-\t-\tresult=timeout\n"
		    "check\tppp.auth\tu\tskipped\t-\t-\tafter=ppp.lcp\n", NAN,
		    NAN, VA_DIALUP, VA_FAIL },
		/* Discovery without --user: nobody dialled. */
		{ "check\tpppoe.discovery\te\tok\t1\t-\tresult=ok\n", NAN, NAN,
		    VA_DIALUP, VA_UNMEASURED },
		/* Browsing: one lookup and one page that work, slowly too. */
		{ "check\tdns.resolve\tr\tcritical\t-\tms\trcode=timeout\n"
		    "check\tdns.resolve\tr2\twarning\t300\tms\trcode=NOERROR\n"
		    "check\thttp.get\tu\twarning\t1500\tms\tstatus=200\n", NAN,
		    NAN, VA_BROWSE, VA_PASS },
		{ "check\tdns.resolve\tr\tok\t9\tms\trcode=NOERROR\n", NAN, NAN,
		    VA_BROWSE, VA_FAIL },
		{ "check\tlink.carrier\te\tok\tup\t-\t-\n", NAN, NAN, VA_BROWSE,
		    VA_UNMEASURED },
	};
	struct va_sheet s;
	int any;

	(void)st;
	for (size_t i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		struct va_params p = { t[i].plan_down, NAN, 0.8, t[i].rx };

		judge(t[i].recs, &p, &s, &any);
		if (s.line[t[i].item].st != t[i].want)
			fail_msg("row %zu: %s is %s, want %s (%s)", i,
			    va_item_word((enum va_item)t[i].item),
			    va_state_word(s.line[t[i].item].st),
			    va_state_word(t[i].want), s.line[t[i].item].measured);
		assert_true(any);
	}
}

static void
test_verdict(void **st)
{
	struct va_params p = { NAN, NAN, 0.8, NAN };
	struct va_sheet s;
	int any;

	(void)st;
	judge("check\tlink.carrier\te\tok\tup\t-\t-\n"
	    "check\tppp.auth\tu\tok\tchap\t-\t-\n"
	    "check\tppp.ipcp\tm\tok\t10.0.0.2\t-\t-\n"
	    "check\tdns.resolve\tr\tok\t9\tms\t-\n"
	    "check\thttp.get\tu\tok\t20\tms\tstatus=200\n"
	    "check\tspeed.down\tu\tok\t95\tMbit/s\tplan=100\n", &p, &s, &any);
	assert_true(s.pass);
	assert_string_equal(s.down, "95");
	assert_string_equal(s.plan_down, "100");
	assert_string_equal(s.up, "");
	/* The same without the speed test: not measured fails the sheet. */
	judge("check\tlink.carrier\te\tok\tup\t-\t-\n"
	    "check\tppp.auth\tu\tok\tchap\t-\t-\n"
	    "check\tppp.ipcp\tm\tok\t10.0.0.2\t-\t-\n"
	    "check\tdns.resolve\tr\tok\t9\tms\t-\n"
	    "check\thttp.get\tu\tok\t20\tms\tstatus=200\n", &p, &s, &any);
	assert_false(s.pass);
	assert_int_equal(s.line[VA_DOWN].st, VA_UNMEASURED);
	/* Nothing the sheet reads: no measurement at all. */
	judge("check\tip.route\te\tok\t10.0.0.1\t-\t-\n", &p, &s, &any);
	assert_false(any);
	/* A typed power alone is no measurement. */
	p.rx_power = -18;
	judge("check\tip.route\te\tok\t10.0.0.1\t-\t-\n", &p, &s, &any);
	assert_false(any);
}

static void
test_cases(void **st)
{
	static const char two[] =
	    "check\tlink.carrier\te\tok\tup\t-\t-\n"
	    "case\tA\tlinecheck\t2026-12-06T10:00:00+08:00\n"
	    "check\tlink.carrier\te\tok\tup\t-\t-\n"
	    "case\tB\tlinecheck\t2026-12-06T11:00:00+08:00\n"
	    "check\tlink.carrier\te\tok\tup\t-\t-\n"
	    "case\tC\tlinecheck\t2026-12-06T12:00:00+08:00\n";
	struct va_recs r;
	unsigned long bad = 0;
	const char *a = NULL, *b = NULL;
	char *path = TMPFILE(two);

	(void)st;
	memset(&r, 0, sizeof(r));
	assert_int_equal(va_read(&r, path, &bad), 0);
	unlink(path);
	assert_int_equal(va_pick_case(&r, NULL, &a, &b), -1);
	assert_string_equal(a, "A");
	assert_string_equal(b, "B");	/* C has no records: no case */
	assert_int_equal(va_pick_case(&r, "B", &a, &b), 2);
	assert_int_equal(va_pick_case(&r, "C", &a, &b), 3);
	assert_int_equal(va_pick_case(&r, "D", &a, &b), -2);
	va_recs_free(&r);
}

static void
test_order_format(void **st)
{
	const char *v[BBT_O_NCOLS] = { "W1", "install" };
	const char *x[BBT_OX_NCOLS] = { "pass", "287.4", NULL, "300", "",
		"2026-12-06T10:12:40+08:00" };
	char *a, *b;
	size_t la, lb;

	(void)st;
	a = bbt_order_format(v, &la);
	b = bbt_order_format_ext(v, NULL, &lb);
	/* Old records unchanged: 24 fields after the type. */
	assert_string_equal(a, b);
	assert_string_equal(a, "order\tW1\tinstall\t-\t-\t-\t-\t-\t-\t-\t-\t-"
	    "\t-\t-\t-\t-\t-\t-\t-\t-\t-\t-\t-\t-\t-\n");
	free(b);
	b = bbt_order_format_ext(v, x, &lb);
	assert_int_equal(lb, la + strlen("\tpass\t287.4\t-\t300\t-"
	    "\t2026-12-06T10:12:40+08:00"));
	assert_memory_equal(a, b, la - 1);
	assert_string_equal(b + la - 1, "\tpass\t287.4\t-\t300\t-"
	    "\t2026-12-06T10:12:40+08:00\n");
	free(a);
	free(b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rules),
		cmocka_unit_test(test_verdict),
		cmocka_unit_test(test_cases),
		cmocka_unit_test(test_order_format),
	};

	setenv("TZ", "Asia/Shanghai", 1);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
