/* SPDX-License-Identifier: MIT */
/*
 * The terminal view against golden files, in English and zh_CN:
 * tests/data/human/NAME.tsv (check records) gives NAME.en.txt and
 * NAME.zh_CN.txt. BBT_HUMAN_REGEN=1 rewrites the golden files (then read
 * them before committing). Every line at most 80 display columns; and
 * the time to render, which a run must not feel.
 */
#include <time.h>

#include "testutil.h"
#include "lib/checks.h"
#include "lib/human.h"
#include "lib/i18n.h"
#include "lib/human_int.h"
#include "lib/rec.h"
#include "lib/text.h"

static const char *const sets[] = {
	"lc-healthy", "lc-gw-dead", "pp-auth-refused", "other",
	"pp-dual-stack", "pp-no-ipv6", "pp-taken-back", "pp-hold-dropped",
	"pp-ipv6-closed", "pp-no-address", "lc-speed", "lc-no-address",
	"lc-wifi", "lc-wifi-bad", "pp-traffic", "pp-portal", "pp-ipv6-lease", "lc-wired",
	"pp-dns6", "pp-interrupted", "pp-unacked", "pp-lcp-timeout",
};

static char *
path(const char *name, const char *ext)
{
	static char p[4][512];
	static int slot;
	const char *top = getenv("BBT_TOP");
	char *r = p[slot++ % 4];

	snprintf(r, 512, "%s/tests/data/human/%s%s", top ? top : ".", name,
	    ext);
	return r;
}

static char *
slurp(const char *file)
{
	FILE *fp = fopen(file, "r");
	char *s = NULL;
	size_t n = 0;

	if (fp == NULL)
		fail_msg("%s: cannot open", file);
	assert_true(getdelim(&s, &n, '\0', fp) >= 0);
	fclose(fp);
	return s;
}

static void
load(struct bbt_checks *c, const char *name)
{
	char *text = slurp(path(name, ".tsv")), *line, *save = NULL;

	bbt_checks_init(c, strncmp(name, "pp-", 3) == 0 ? "pppoe-probe" :
	    "linecheck");
	for (line = strtok_r(text, "\n", &save); line;
	    line = strtok_r(NULL, "\n", &save)) {
		struct bbt_rec r;
		const char *why;
		enum bbt_state st;

		assert_int_equal(bbt_rec_split(line, strlen(line), &r, &why),
		    0);
		assert_int_equal(r.type, BBT_REC_CHECK);
		assert_int_equal(bbt_state_parse(r.f[BBT_CHECK_STATUS], &st),
		    0);
		assert_non_null(bbt_checks_add(c, r.f[BBT_CHECK_NAME],
		    r.f[BBT_CHECK_TARGET], st, r.f[BBT_CHECK_VALUE],
		    r.f[BBT_CHECK_UNIT], r.f[BBT_CHECK_DETAIL]));
	}
	free(text);
}

static char *
render(const struct bbt_checks *c, int color)
{
	char *s = NULL;
	size_t n = 0;
	FILE *fp = open_memstream(&s, &n);

	assert_non_null(fp);
	assert_int_equal(bbt_human_write(c, fp, color), 0);
	fclose(fp);
	return s;
}

static void
check_width(const char *name, const char *s)
{
	char *copy = strdup(s), *line, *save = NULL;

	for (line = strtok_r(copy, "\n", &save); line;
	    line = strtok_r(NULL, "\n", &save))
		if (bbt_text_width(line) > BBT_HUMAN_COLS)
			fail_msg("%s: %d columns: %s", name,
			    bbt_text_width(line), line);
	free(copy);
}

static void
golden(const char *lang)
{
	for (size_t i = 0; i < sizeof(sets) / sizeof(sets[0]); i++) {
		struct bbt_checks c;
		char ext[32], *got, *want;

		snprintf(ext, sizeof(ext), ".%s.txt", lang);
		load(&c, sets[i]);
		got = render(&c, 0);
		check_width(sets[i], got);
		if (getenv("BBT_HUMAN_REGEN")) {
			FILE *fp = fopen(path(sets[i], ext), "w");

			assert_non_null(fp);
			fputs(got, fp);
			fclose(fp);
		}
		want = slurp(path(sets[i], ext));
		if (strcmp(got, want) != 0)
			fail_msg("%s%s differs:\n%s", sets[i], ext, got);
		free(got);
		free(want);
		bbt_checks_free(&c);
	}
}

static void
test_english(void **st)
{
	(void)st;
	setenv("LC_ALL", "C.UTF-8", 1);
	unsetenv("LANGUAGE");
	bbt_i18n_init();
	golden("en");
}

static void
test_zh_CN(void **st)
{
	char mo[512];
	const char *top = getenv("BBT_TOP");

	(void)st;
	/* As the integration tests: the catalogue of this build. */
	snprintf(mo, sizeof(mo), "%s/build/locale", top ? top : ".");
	setenv("BBTOOLS_LOCALEDIR", mo, 1);
	strncat(mo, "/zh_CN/LC_MESSAGES/bbtools.mo", sizeof(mo) - strlen(mo)
	    - 1);
	if (access(mo, R_OK) != 0)
		fail_msg("%s: missing (make locale)", mo);
	setenv("LC_ALL", "C.UTF-8", 1);
	setenv("LANGUAGE", "zh_CN", 1);
	bbt_i18n_init();
	golden("zh_CN");
	/* Every reason word has its phrase; an unknown one stays. */
	assert_string_equal(bbt_human_why("timeout"), "超时无应答");
	assert_string_equal(bbt_human_why("reset"), "连接被重置");
	assert_string_equal(bbt_human_why("refused"), "连接被拒绝");
	assert_string_equal(bbt_human_why("NoPrefixAvail"), "NoPrefixAvail");
	unsetenv("LANGUAGE");
	bbt_i18n_init();
	assert_string_equal(bbt_human_why("timeout"), "no answer in time");
}

/* Colour only around status words, and only when asked. */
static void
test_color(void **st)
{
	struct bbt_checks c;
	char *s;

	(void)st;
	load(&c, "lc-gw-dead");
	s = render(&c, 1);
	assert_non_null(strstr(s, "\033[1;31mcritical\033[0m  Gateway "
	    "unreachable"));
	free(s);
	s = render(&c, 0);
	assert_null(strchr(s, '\033'));
	free(s);
	bbt_checks_free(&c);
}

/*
 * The view is drawn once per run and must add well under 5 ms to it:
 * 1000 renderings of the largest set, as 5 batches of 200 timed in CPU
 * time, the best batch counted (the machine is shared; ASan is slower).
 * Measured here: 0.07 ms CPU each, 0.5 ms under ASan+UBSan.
 */
static void
test_speed(void **st)
{
	struct bbt_checks c;
	FILE *fp = fopen("/dev/null", "w");
	double best = 1e9;

	(void)st;
	load(&c, "lc-gw-dead");
	for (int b = 0; b < 5; b++) {
		struct timespec t0, t1;
		double ms;

		clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t0);
		for (int i = 0; i < 200; i++)
			assert_int_equal(bbt_human_write(&c, fp, 1), 0);
		clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t1);
		ms = (t1.tv_sec - t0.tv_sec) * 1e3 +
		    (t1.tv_nsec - t0.tv_nsec) / 1e6;
		if (ms < best)
			best = ms;
	}
	fprintf(stderr, "human: %.3f ms per rendering (best of 5 x 200)\n",
	    best / 200);
	assert_true(best / 200 < 5);
	fclose(fp);
	bbt_checks_free(&c);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_english),
		cmocka_unit_test(test_zh_CN),
		cmocka_unit_test(test_color),
		cmocka_unit_test(test_speed),
	};
	return cmocka_run_group_tests_name("human", tests, NULL, NULL);
}
