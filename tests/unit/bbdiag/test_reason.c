/* SPDX-License-Identifier: MIT */
/* Reasoning: three-valued rules over evidence, ranking bottom-up,
 * confidence, sides, missing evidence and contradictions. */
#include "../testutil.h"
#include "bbdiag/bbdiag.h"

static const char cat_text[] =
    "param min_score 3\n"
    "param confidence_k 2\n"
    "param conflict_factor 0.5\n"
    "layer line en Line\nlayer line zh 线路\n"
    "layer auth en Auth\nlayer auth zh 认证\n"
    "obs access enum adsl ftth\n"
    "obs los enum off red\n\task en LOS?\n\task zh LOS?\n"
    "obs code enum 678 691\n\task en Code?\n\task zh 代码?\n"
    "obs pon enum gpon epon\n\tdefault gpon\n"
    "obs rx number -60 10\n"
    "fault los\n\taccess ftth\n\tlayer line\n\tside access_line\n"
    "\tname en L\n\tname zh L\n\tcause en C\n\tcause zh C\n"
    "\tstep s en S\n\tstep s zh S\n"
    "\tfor 6 los == red\n\tfor 3 rx < -27 and pon == gpon\n"
    "\tagainst 5 los == off\n"
    "fault pw\n\tlayer auth\n\tside cust_account\n"
    "\tside op_network if [ppp.auth].msg ~ bras\n"
    "\tname en P\n\tname zh P\n\tcause en C\n\tcause zh C\n"
    "\tstep s en S\n\tstep s zh S\n"
    "\tfor 3 [ppp.auth].result == rejected\n"
    "\tfor 6 [ppp.auth].msg ~ \"login INCORRECT\"\n"
    "\tfor 1 code == 691\n"
    "\texclude [ppp.auth] == ok\n"
    "fault dns\n\tlayer auth\n\tside op_network\n"
    "\tname en D\n\tname zh D\n\tcause en C\n\tcause zh C\n"
    "\tstep s en S\n\tstep s zh S\n"
    "\tfor 4 [dns.resolve] == critical and [http.get:ip] == ok\n"
    "\tfor 1 [dns.resolve].value > 100\n"
    "conflict odd los == red and [ppp.auth] == ok\n"
    "\ttext en Odd.\n\ttext zh 怪。\n";

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
obs(struct evidence *ev, const char *k, const char *v)
{
	int key = cat_obs_find(cat, k);
	double num = 0;
	int vi = cat_obs_value(&cat->obs[key], v, &num);

	assert_true(vi >= 0);
	ev_set_obs(ev, key, vi, num, v);
}

static const struct node *
rule(const char *fault, size_t i)
{
	for (size_t f = 0; f < cat->nfaults; f++)
		if (strcmp(cat->faults[f].id, fault) == 0)
			return cat->faults[f].rules[i].expr;
	fail();
	return NULL;
}

static void
test_three_valued(void **st)
{
	struct evidence ev;

	(void)st;
	ev_init(&ev, cat);
	/* Nothing known: unknown, not false. */
	assert_int_equal(diag_eval(cat, &ev, rule("los", 0)), TV_UNKNOWN);
	assert_int_equal(diag_eval(cat, &ev, rule("pw", 0)), TV_UNKNOWN);
	/* A default is used: rx unknown and gpon assumed -> unknown. */
	assert_int_equal(diag_eval(cat, &ev, rule("los", 1)), TV_UNKNOWN);
	obs(&ev, "rx", "-30");
	assert_int_equal(diag_eval(cat, &ev, rule("los", 1)), TV_TRUE);
	obs(&ev, "pon", "epon");
	assert_int_equal(diag_eval(cat, &ev, rule("los", 1)), TV_FALSE);
	/* false and unknown = false; true or unknown = true. */
	ev_add_check(&ev, "dns.resolve", "10.0.0.1", "ok", "12", "ms", "-");
	assert_int_equal(diag_eval(cat, &ev, rule("dns", 0)), TV_FALSE);
	ev_add_check(&ev, "dns.resolve", "10.0.0.2", "critical", "-", "ms",
	    "rcode=timeout");
	/* Any record satisfies; the :ip filter sees no http.get yet. */
	assert_int_equal(diag_eval(cat, &ev, rule("dns", 0)), TV_UNKNOWN);
	ev_add_check(&ev, "http.get", "http://example.com/", "ok", "5", "ms",
	    "-");
	assert_int_equal(diag_eval(cat, &ev, rule("dns", 0)), TV_UNKNOWN);
	ev_add_check(&ev, "http.get", "http://192.0.2.7/", "ok", "5", "ms",
	    "-");
	assert_int_equal(diag_eval(cat, &ev, rule("dns", 0)), TV_TRUE);
	/* "-" is not a number; a record without the value is false. */
	assert_int_equal(diag_eval(cat, &ev, rule("dns", 1)), TV_FALSE);
	ev_reset(&ev);
	assert_int_equal(diag_eval(cat, &ev, rule("dns", 0)), TV_UNKNOWN);
	/* Detail keys, "~" ignoring ASCII case. */
	ev_add_check(&ev, "ppp.auth", "alice", "critical", "pap", "-",
	    "result=rejected msg=\"Login incorrect\"");
	assert_int_equal(diag_eval(cat, &ev, rule("pw", 0)), TV_TRUE);
	assert_int_equal(diag_eval(cat, &ev, rule("pw", 1)), TV_TRUE);
	ev_free(&ev);
}

static void
test_ranking(void **st)
{
	struct evidence ev;
	struct verdict v;

	(void)st;
	ev_init(&ev, cat);
	diag_init(&v, cat->nfaults);
	ev.case_id = "c";
	/* The lower layer wins over a higher score. */
	ev_add_check(&ev, "ppp.auth", "alice", "critical", "pap", "-",
	    "result=rejected msg=\"Login incorrect\"");
	obs(&ev, "los", "red");
	diag_run(cat, &ev, &v, 3);
	assert_int_equal(v.n, 2);
	assert_string_equal(cat->faults[v.c[0].fault].id, "los");
	assert_string_equal(cat->faults[v.c[1].fault].id, "pw");
	assert_true(v.c[1].score > v.c[0].score);
	/* 6 / (6 + 2) */
	assert_true(v.c[0].conf == 0.75);
	assert_int_equal(v.c[0].nitems, 1);
	assert_string_equal(v.c[0].items[0], "los=red");
	assert_string_equal(v.c[1].items[1], "ppp.auth.msg=\"Login incorrect\"");
	assert_string_equal(side_names[v.c[1].side], "cust_account");
	/* The access type rules a fault out. */
	obs(&ev, "access", "adsl");
	diag_run(cat, &ev, &v, 3);
	assert_int_equal(v.n, 1);
	assert_string_equal(cat->faults[v.c[0].fault].id, "pw");
	assert_int_equal(v.nmissing, 1);
	assert_string_equal(v.missing[0], "?code");
	ev_free(&ev);
	diag_free(&v);
}

static void
test_side_exclude_conflict(void **st)
{
	struct evidence ev;
	struct verdict v;

	(void)st;
	ev_init(&ev, cat);
	diag_init(&v, cat->nfaults);
	ev_add_check(&ev, "ppp.auth", "alice", "critical", "pap", "-",
	    "result=rejected msg=\"BRAS says no\"");
	diag_run(cat, &ev, &v, 3);
	assert_int_equal(v.n, 1);
	assert_string_equal(side_names[v.c[0].side], "op_network");
	/* An exclude rule that holds rules the fault out. */
	ev_reset(&ev);
	obs(&ev, "code", "691");
	ev_add_check(&ev, "ppp.auth", "alice", "ok", "pap", "-", "result=ok");
	obs(&ev, "los", "red");
	diag_run(cat, &ev, &v, 3);
	assert_int_equal(v.n, 1);
	assert_string_equal(cat->faults[v.c[0].fault].id, "los");
	assert_int_equal(v.nconflicts, 1);
	/* Contradiction halves the confidence. */
	assert_true(v.c[0].conf == 0.38);
	/* An observation given twice with different values. */
	obs(&ev, "los", "off");
	diag_run(cat, &ev, &v, 3);
	assert_int_equal(v.nobs_conflicts, 1);
	assert_string_equal(v.obs_conflicts[0], "los");
	/* Healthy: no candidate, checks ok. */
	ev_reset(&ev);
	ev_add_check(&ev, "link.carrier", "eth0", "ok", "up", "-", "-");
	diag_run(cat, &ev, &v, 3);
	assert_int_equal(v.n, 0);
	assert_true(v.healthy);
	/* A failed check no rule reads: not healthy. */
	ev_add_check(&ev, "link.weird", "eth0", "critical", "-", "-", "-");
	diag_run(cat, &ev, &v, 3);
	assert_false(v.healthy);
	assert_int_equal(ev.nunexplained, 1);
	/* An invalid status is refused. */
	assert_int_equal(ev_add_check(&ev, "x", "-", "fine", "-", "-", "-"),
	    -1);
	ev_free(&ev);
	diag_free(&v);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_three_valued),
		cmocka_unit_test(test_ranking),
		cmocka_unit_test(test_side_exclude_conflict),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
