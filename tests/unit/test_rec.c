/* SPDX-License-Identifier: MIT */
#include "testutil.h"
#include "lib/order.h"
#include "lib/rec.h"

static char *
write_mem(const char *type, const char *const *f, size_t n, int json)
{
	static char buf[4096];
	FILE *fp = fmemopen(buf, sizeof(buf), "w");

	if (json)
		bbt_rec_write_json(fp, type, f, n);
	else
		bbt_rec_write(fp, type, f, n);
	fclose(fp);
	return buf;
}

/* Every type written and read back gives the same fields. */
static void
test_roundtrip(void **st)
{
	static const char *const check[] = { "ppp.auth", "alice@isp",
		"critical", "pap", "-", "result=rejected msg=\"Login incorrect\"" };
	static const char *const obs[] = { "light.los", "red", "技术员看到红灯\t闪烁" };
	static const char *const fault[] = { "c1", "1", "auth_bad_password",
		"cust_account", "0.90", "auth", "ppp.auth=rejected", "reenter,reset" };
	static const char *const kase[] = { "工单-42", "linecheck",
		"2026-11-24T14:05:00+08:00" };
	const char *order[BBT_O_NCOLS];
	static const struct {
		const char *type;
		const char *const *f;
		size_t n;
	} t[] = {
		{ "check", check, 6 }, { "obs", obs, 3 }, { "fault", fault, 8 },
		{ "case", kase, 3 },
	};
	struct bbt_rec r;
	const char *why;

	(void)st;
	for (size_t i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		char *s = write_mem(t[i].type, t[i].f, t[i].n, 0);
		assert_int_equal(bbt_rec_split(s, strlen(s) - 1, &r, &why), 0);
		assert_int_equal(r.nf, t[i].n + 1);
		assert_string_equal(r.f[0], t[i].type);
		assert_int_equal(r.type, bbt_rec_type_parse(t[i].type));
		for (size_t k = 0; k < t[i].n; k++)
			assert_string_equal(r.f[k + 1], t[i].f[k]);
	}
	for (int i = 0; i < BBT_O_NCOLS; i++)
		order[i] = i % 3 ? "值\\x\ny" : NULL;
	{
		size_t len;
		char *s = bbt_order_format(order, &len);
		assert_int_equal(s[len - 1], '\n');
		assert_int_equal(bbt_rec_split(s, len - 1, &r, &why), 0);
		assert_int_equal(r.type, BBT_REC_ORDER);
		assert_int_equal(r.nf, BBT_O_NCOLS + 1);
		for (int i = 0; i < BBT_O_NCOLS; i++) {
			if (order[i])
				assert_string_equal(r.f[i + 1], order[i]);
			else
				assert_null(bbt_rec_get(&r, i + 1));
		}
		free(s);
	}
}

static void
test_escapes_written(void **st)
{
	static const char *const f[] = { "a\tb", "c\\d", "", NULL, "e\r\nf" };

	(void)st;
	assert_string_equal(write_mem("obs", f, 5, 0),
	    "obs\ta\\tb\tc\\\\d\t-\t-\te\\r\\nf\n");
}

static void
test_split_errors(void **st)
{
	static const struct {
		const char *line;
		const char *why;
	} t[] = {
		{ "check\ta\tb", "too few fields for its type" },
		{ "obs\tk\tv\\q\td", "unknown escape sequence" },
		{ "obs\tk\tv\\", "unknown escape sequence" },
		{ "obs\tk\t\td", "empty field (use - for a missing value)" },
		{ "obs\tk\t\xff\td", "invalid UTF-8" },
	};
	struct bbt_rec r;
	const char *why;
	char buf[128];

	(void)st;
	for (size_t i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		strcpy(buf, t[i].line);
		assert_int_equal(bbt_rec_split(buf, strlen(buf), &r, &why), -1);
		assert_string_equal(why, t[i].why);
	}
	/* Unknown types and extra fields parse. */
	strcpy(buf, "future\tx\ty");
	assert_int_equal(bbt_rec_split(buf, strlen(buf), &r, &why), 0);
	assert_int_equal(r.type, BBT_REC_UNKNOWN);
	strcpy(buf, "obs\tk\tv\td\textra");
	assert_int_equal(bbt_rec_split(buf, strlen(buf), &r, &why), 0);
	assert_int_equal(r.nf, 5);
}

static void
test_reader(void **st)
{
	char *p = TMPFILE("# comment\r\n"
	    "check\tlink.carrier\teth0\tok\tup\t-\toperstate=UP\r\n"
	    "\n"
	    "check\tbad\n"
	    "obs\tcode\t691\t-\n"
	    "obs\tx\t\xc3\x28\t-\n"
	    "fault\tc\t1\tnone\t-\t1.00\t-\t-\t-");
	struct bbt_reader *rd = bbt_reader_open(p);
	struct bbt_rec r;
	char want[256];

	(void)st;
	assert_non_null(rd);
	assert_int_equal(bbt_reader_next(rd, &r), 1);
	assert_int_equal(r.type, BBT_REC_CHECK);
	assert_string_equal(r.f[BBT_CHECK_DETAIL], "operstate=UP");
	assert_null(bbt_rec_get(&r, BBT_CHECK_UNIT));
	assert_int_equal(bbt_reader_next(rd, &r), -1);
	snprintf(want, sizeof(want), "%s:4: too few fields for its type", p);
	assert_string_equal(bbt_reader_error(rd), want);
	assert_int_equal(bbt_reader_next(rd, &r), 1);
	assert_string_equal(r.f[BBT_OBS_VALUE], "691");
	assert_int_equal(bbt_reader_next(rd, &r), -1);
	snprintf(want, sizeof(want), "%s:6: invalid UTF-8", p);
	assert_string_equal(bbt_reader_error(rd), want);
	assert_int_equal(bbt_reader_next(rd, &r), 1);
	assert_int_equal(r.type, BBT_REC_FAULT);
	assert_int_equal(bbt_reader_next(rd, &r), 0);
	assert_false(bbt_reader_failed(rd));
	bbt_reader_close(rd);
	unlink(p);
}

static void
test_json(void **st)
{
	static const char *const f[] = { "dns.resolve", "192.0.2.53",
		"critical", "-", "ms", "rcode=SERVFAIL msg=\"a\\\"b\"" };
	static const char *const u[] = { "a", "b" };

	(void)st;
	/* check: value and detail typed (issue 17). */
	static const char *const g[] = { "mtu.path", "203.0.113.80",
		"critical", "1464", "bytes", "expected=1472 via=web "
		"blackhole=yes lost_at=1465 frag_mtu=- rtt=0.25 id=07 "
		"ip=192.0.2.1 x=1e3 y=1. z=-0" };
	static const char *const h[] = { "link.carrier", "eth0", "ok", "up",
		NULL, "broken=\"x" };

	assert_string_equal(write_mem("check", f, 6, 1),
	    "{\"type\":\"check\",\"name\":\"dns.resolve\",\"target\":"
	    "\"192.0.2.53\",\"status\":\"critical\",\"value\":null,\"unit\":"
	    "\"ms\",\"detail\":{\"rcode\":\"SERVFAIL\",\"msg\":"
	    "\"a\\\"b\"}}\n");
	assert_string_equal(write_mem("check", g, 6, 1),
	    "{\"type\":\"check\",\"name\":\"mtu.path\",\"target\":"
	    "\"203.0.113.80\",\"status\":\"critical\",\"value\":1464,"
	    "\"unit\":\"bytes\",\"detail\":{\"expected\":1472,\"via\":\"web\","
	    "\"blackhole\":true,\"lost_at\":1465,\"frag_mtu\":null,"
	    "\"rtt\":0.25,\"id\":\"07\",\"ip\":\"192.0.2.1\",\"x\":1e3,"
	    "\"y\":\"1.\",\"z\":-0}}\n");
	/* Not key=value text: kept whole as a string; a word value stays
	 * a string. */
	assert_string_equal(write_mem("check", h, 6, 1),
	    "{\"type\":\"check\",\"name\":\"link.carrier\",\"target\":"
	    "\"eth0\",\"status\":\"ok\",\"value\":\"up\",\"unit\":null,"
	    "\"detail\":\"broken=\\\"x\"}\n");
	assert_string_equal(write_mem("mystery", u, 2, 1),
	    "{\"type\":\"mystery\",\"f1\":\"a\",\"f2\":\"b\"}\n");
}

static void
test_kv(void **st)
{
	char buf[256] = "", v[64];
	const char *p;
	char k[32];

	(void)st;
	assert_int_equal(bbt_kv_append(buf, sizeof(buf), "result", "rejected"), 0);
	assert_int_equal(bbt_kv_append(buf, sizeof(buf), "msg",
	    "Login \"bad\" \\ x"), 0);
	assert_int_equal(bbt_kv_append(buf, sizeof(buf), "empty", ""), 0);
	assert_string_equal(buf,
	    "result=rejected msg=\"Login \\\"bad\\\" \\\\ x\" empty=-");
	assert_int_equal(bbt_kv_get(buf, "msg", v, sizeof(v)), 1);
	assert_string_equal(v, "Login \"bad\" \\ x");
	assert_int_equal(bbt_kv_get(buf, "result", v, sizeof(v)), 1);
	assert_string_equal(v, "rejected");
	assert_int_equal(bbt_kv_get(buf, "nope", v, sizeof(v)), 0);
	assert_int_equal(bbt_kv_get(NULL, "msg", v, sizeof(v)), 0);
	assert_int_equal(bbt_kv_get("-", "msg", v, sizeof(v)), 0);
	p = "a=1 broken";
	assert_int_equal(bbt_kv_next(&p, k, sizeof(k), v, sizeof(v)), 1);
	assert_int_equal(bbt_kv_next(&p, k, sizeof(k), v, sizeof(v)), -1);
	p = "m=\"unterminated";
	assert_int_equal(bbt_kv_next(&p, k, sizeof(k), v, sizeof(v)), -1);
	/* Does not fit: buffer unchanged. */
	strcpy(buf, "x=1");
	assert_int_equal(bbt_kv_append(buf, 8, "long", "value"), -1);
	assert_string_equal(buf, "x=1");
	/* Truncated to the buffer, still NUL-terminated. */
	assert_int_equal(bbt_kv_get("msg=abcdefgh", "msg", v, 4), 1);
	assert_string_equal(v, "abc");
}

static void
test_schema(void **st)
{
	(void)st;
	assert_int_equal(bbt_rec_nfields(BBT_REC_CHECK), BBT_CHECK_NF);
	assert_int_equal(bbt_rec_nfields(BBT_REC_FAULT), BBT_FAULT_NF);
	assert_int_equal(bbt_rec_nfields(BBT_REC_OBS), BBT_OBS_NF);
	assert_int_equal(bbt_rec_nfields(BBT_REC_CASE), BBT_CASE_NF);
	assert_string_equal(bbt_rec_field_name(BBT_REC_ORDER, 1), "id");
	assert_string_equal(bbt_rec_field_name(BBT_REC_ORDER, BBT_O_NCOLS),
	    "checks");
	assert_null(bbt_rec_field_name(BBT_REC_ORDER, BBT_O_NCOLS + 1));
	assert_string_equal(bbt_rec_field_name(BBT_REC_FAULT, BBT_FAULT_STEPS),
	    "steps");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_roundtrip),
		cmocka_unit_test(test_escapes_written),
		cmocka_unit_test(test_split_errors),
		cmocka_unit_test(test_reader),
		cmocka_unit_test(test_json),
		cmocka_unit_test(test_kv),
		cmocka_unit_test(test_schema),
	};
	return cmocka_run_group_tests_name("rec", tests, NULL, NULL);
}
