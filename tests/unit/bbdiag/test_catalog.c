/* SPDX-License-Identifier: MIT */
/* The catalogue parser: a good catalogue, the installed one, and one
 * table of malformed lines with the file:line message each must give. */
#include "../testutil.h"
#include "bbdiag/bbdiag.h"

static const char good[] =
    "version 1\n"
    "# a comment\n"
    "param warn -24 dBm\n"
    "layer line en Line\n"
    "layer line zh 线路\n"
    "layer ip en IP\n"
    "layer ip zh IP\n"
    "obs access enum adsl ftth\n"
    "obs light.los enum off red\n"
    "\task en LOS?\n"
    "\task zh LOS 灯?\n"
    "\talias 红 red\n"
    "obs rx number -60 10 dBm\n"
    "\tprobe -30 -10\n"
    "fault ftth_los\n"
    "\taccess ftth\n"
    "\tlayer line\n"
    "\tside access_line\n"
    "\tside op_network if [pppoe.discovery].other_pppoe == yes\n"
    "\tname en LOS\n"
    "\tname zh 无光\n"
    "\tcause en Break.\n"
    "\tcause zh 断纤。\n"
    "\tstep pen en Use the pen.\n"
    "\tstep pen zh 用红光笔。\n"
    "\tfor 6 light.los == 红\n"
    "\tfor 3 rx * 1.1 < $warn and not has [ppp.auth]\n"
    "\tagainst 2 [http.get:ip].status == ok or [link.carrier] in (ok, info)\n"
    "conflict odd light.los == red and [pppoe.discovery] == ok\n"
    "\ttext en Odd.\n"
    "\ttext zh 怪。\n";

static void
test_good(void **st)
{
	char *err = NULL;
	struct catalogue *c = cat_parse("t.catalog", good, sizeof(good) - 1,
	    &err);
	double d;

	(void)st;
	assert_null(err);
	assert_non_null(c);
	assert_int_equal(c->nfaults, 1);
	assert_int_equal(c->nlayers, 2);
	assert_int_equal(c->nobs, 3);
	assert_int_equal(c->nconflicts, 1);
	assert_int_equal(c->faults[0].nrules, 3);
	assert_int_equal(c->faults[0].nside_ifs, 1);
	assert_int_equal(c->faults[0].access, 1u << 1);
	assert_int_equal(cat_param_find(c, "warn"), 0);
	assert_int_equal(cat_obs_value(&c->obs[1], "红", &d), 1);
	assert_int_equal(cat_obs_value(&c->obs[1], "blue", &d), -1);
	assert_int_equal(cat_obs_value(&c->obs[2], "-27.5", &d), 0);
	assert_true(d == -27.5);
	/* Outside the declared range is judged, not refused (a meter's
	 * -70 dBm is no light); only a non-number is refused. */
	assert_int_equal(cat_obs_value(&c->obs[2], "-70", &d), 0);
	assert_true(d == -70);
	assert_int_equal(cat_obs_value(&c->obs[2], "dark", &d), -1);
	/* Checks and their detail keys are interned for the reader. */
	assert_true(cat_check_find(c, "pppoe.discovery", 15) >= 0);
	assert_true(cat_check_find(c, "http.get", 8) >= 0);
	assert_int_equal(cat_check_find(c, "dns.resolve", 11), -1);
	assert_int_equal(c->chks[cat_check_find(c, "pppoe.discovery", 15)]
	    .ndkeys, 1);
	cat_free(c);
}

static void
test_installed(void **st)
{
	char *err = NULL;
	struct catalogue *c;

	(void)st;
	c = cat_load("src/bbdiag/faults.catalog", &err);
	if (c == NULL)
		fprintf(stderr, "%s", err ? err : "?");
	assert_non_null(c);
	assert_int_equal(c->nfaults, 42);
	assert_int_equal(c->nlayers, 10);
	for (size_t i = 0; i < c->nfaults; i++) {
		assert_true(c->faults[i].nsteps > 0);
		assert_non_null(c->faults[i].name_zh);
	}
	cat_free(c);
}

static void
test_errors(void **st)
{
	static const struct {
		const char *text;
		const char *msg;
	} t[] = {
		{ "bogus 1\n", "t:1: unknown directive 'bogus'" },
		{ "version 3\n", "t:1: unsupported catalogue version '3'" },
		{ "param x\n", "t:1: 'param' takes a name" },
		{ "param x 1\nparam x 2\n", "t:2: parameter 'x' defined twice" },
		{ "param x lots\n", "t:1: parameter 'x': 'lots' is not a number" },
		{ "obs k colour red\n", "t:1: unknown observation kind 'colour'" },
		{ "obs k enum\n", "t:1: 'obs k enum' lists no values" },
		{ "obs k enum a a\n", "t:1: value 'a' listed twice" },
		{ "obs k number 5\n", "t:1: 'obs k number' needs MIN and MAX" },
		{ "obs k enum a\n\tprobe 1\n", "t:2: 'probe' is for numeric" },
		{ "obs k enum a\n\talias b c\n", "t:2: 'alias' takes a text" },
		{ "obs k enum a\n\task fr Quoi?\n", "t:2: 'ask' takes a language" },
		{ "obs k enum a\n\task en A?\n", "t:1: 'k': 'ask' needs both" },
		{ "reply ours fr Pardon.\n",
		    "t:1: 'reply' takes a language (en or zh)" },
		{ "reply ours en A\nreply ours en B\n",
		    "t:2: 'reply en' given twice" },
		{ "obs k enum a\n\tclassify x\n", "t:2: 'classify' takes no" },
		{ "obs k enum a\n\totherwise b\n",
		    "t:2: 'otherwise' names one of the values of 'k'" },
		{ "obs k enum a\n\tfrom [ppp.auth].msg\n",
		    "t:2: 'from' takes [check].key, after 'classify'" },
		{ "pattern a\n", "t:1: 'pattern' takes a value and a text" },
		{ "fault Bad\n", "t:1: 'fault' takes one id" },
		{ "fault none\n", "t:1: 'none' is reserved" },
		{ "fault f\n\tfor 1 [x] == fine\n",
		    "t:2: bad rule: invalid status 'fine'" },
		{ "fault f\n\tfor 1 [x] ==\n",
		    "t:2: bad rule: expected a value or a reference at ''" },
		{ "fault f\n\tfor 1 ([x] == ok\n", "t:2: bad rule: missing ')'" },
		{ "fault f\n\tfor 1 [x == ok\n",
		    "t:2: bad rule: unterminated check reference" },
		{ "fault f\n\tfor 1 [x:v4] == ok\n",
		    "t:2: bad rule: unknown check filter ':v4'" },
		{ "fault f\n\tfor 1 [x].msg ~ \"abc\n",
		    "t:2: bad rule: unterminated quoted text" },
		{ "fault f\n\tfor 1 [x] == ok ok\n",
		    "t:2: bad rule: unexpected 'ok' after the expression" },
		{ "fault f\n\tfor 1 [x] < $nope\n",
		    "t:2: bad rule: unknown parameter '$nope'" },
		{ "fault f\n\tfor 1 [x] == [y]\n",
		    "t:2: bad rule: two checks cannot be compared" },
		{ "fault f\n\tfor 1 k == 1\n",
		    "t:2: bad rule: unknown observation key 'k'" },
		{ "obs k enum a b\nfault f\n\tfor 1 k < a\n",
		    "t:3: bad rule: 'k' takes only == != and in" },
		{ "obs k number 0 9\nfault f\n\tfor 1 k ~ a\n",
		    "t:3: bad rule: 'k' is a number; 'a' is not" },
		{ "fault f\n\tfor 0 [x] == ok\n", "t:2: 'for' takes a weight" },
		{ "fault f\n\tside nobody\n", "t:2: 'side' names one of" },
		{ "fault f\n\tside op_network when x\n",
		    "t:2: 'side SIDE' is followed by nothing" },
		{ "fault f\n\tlayer nowhere\n", "t:2: 'layer' names one declared" },
		{ "fault f\n\taccess any\n",
		    "t:2: 'access' needs 'obs access enum ...'" },
		{ "fault f\nfault f\n", "t:2: fault 'f' defined twice (first at "
		    "line 1)" },
		{ "fault f\n", "t:1: fault 'f' has no layer" },
		{ "layer l en L\n", "t: layer 'l' needs both an en and a zh" },
		{ "", "t: the catalogue defines no fault" },
		{ "fault f\n\tstep s en Do.\n", "t:1: fault 'f': step 's' needs "
		    "both en and zh" },
		{ "conflict c\n", "t:1: 'conflict' takes an id and a rule" },
		{ "fault f\n\tafter\n", "t:2: 'after' takes the ids of the "
		    "faults that can cause this one" },
		{ "fault f\n\tafter g Bad\n", "t:2: 'after' takes fault ids, "
		    "not 'Bad'" },
		{ "fault f\n\tafter nosuch\n", "t:2: fault 'f': 'after' names "
		    "'nosuch', which is not a fault" },
		{ "fault f\n\tafter f\n", "t:2: fault 'f' cannot come after "
		    "itself" },
		{ "fault f\n\tfor 1 [x] in (ok, ok, ok, ok, ok, ok, ok, ok, ok, "
		    "ok, ok, ok, ok, ok, ok, ok, ok)\n",
		    "t:2: bad rule: an 'in' list holds at most 16 values" },
		{ "param a 1\n\xff\n", "t:2: invalid UTF-8" },
		{ "fault f\n\tfor 1 ((((((((((((((((((((((((((((((((((((((((("
		    "((((((((((((((((((((((((((((((((((((((([x] == ok\n",
		    "t:2: bad rule: the rule is nested too deeply" },
		{ "fault f\n\tfor 1 not not not not not not not not not not not "
		    "not not not not not not not not not not not not not not not "
		    "not not not not not not not not not not not not not not not "
		    "not not not not not not not not not not not not not not not "
		    "not not not not not not not not not not not not not not not "
		    "not not not not not not [x] == ok\n",
		    "t:2: bad rule: the rule is nested too deeply" },
	};

	(void)st;
	for (size_t i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		char *err = NULL;
		struct catalogue *c = cat_parse("t", t[i].text,
		    strlen(t[i].text), &err);

		if (c != NULL || err == NULL || strstr(err, t[i].msg) == NULL)
			fail_msg("case %zu: want '%s', got '%s'", i, t[i].msg,
			    err ? err : "(nothing)");
		free(err);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_good),
		cmocka_unit_test(test_installed),
		cmocka_unit_test(test_errors),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
