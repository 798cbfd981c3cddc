/* SPDX-License-Identifier: MIT */
#include <locale.h>
#include <math.h>

#include "testutil.h"
#include "lib/checks.h"
#include "lib/out.h"

static char buf[8192];

static FILE *
mem(void)
{
	memset(buf, 0, sizeof(buf));
	return fmemopen(buf, sizeof(buf), "w");
}

static void
test_text_aligned(void **st)
{
	FILE *fp = mem();
	struct bbt_out *o = bbt_out_new(fp, BBT_FMT_TEXT, 0);
	static const char *const a[] = { "link.carrier", "eth0", "ok", "up",
		"-", "operstate=UP" };
	static const char *const b[] = { "dns.resolve", "192.0.2.53",
		"critical", "-", "ms", "rcode=timeout" };
	static const char *const c[] = { "customer", "重庆联通" };
	static const char *const d[] = { "x", "ab" };

	(void)st;
	bbt_out_rec(o, "check", a, 6);
	bbt_out_rec(o, "check", b, 6);
	bbt_out_rec(o, "obs", c, 2);
	bbt_out_rec(o, "obs", d, 2);
	assert_int_equal(bbt_out_close(o), 0);
	fclose(fp);
	assert_string_equal(buf,
	    "check  link.carrier  eth0        ok        up  -   operstate=UP\n"
	    "check  dns.resolve   192.0.2.53  critical  -   ms  rcode=timeout\n"
	    "obs  customer  重庆联通\n"
	    "obs  x         ab\n");
}

static void
test_text_color(void **st)
{
	FILE *fp = mem();
	struct bbt_out *o = bbt_out_new(fp, BBT_FMT_TEXT, 1);
	static const char *const a[] = { "n", "t", "warning", "1", "-", "-" };

	(void)st;
	bbt_out_rec(o, "check", a, 6);
	bbt_out_close(o);
	fclose(fp);
	assert_string_equal(buf,
	    "check  n  t  \033[33mwarning\033[0m  1  -  -\n");
}

static void
test_tsv_json(void **st)
{
	FILE *fp = mem();
	struct bbt_out *o = bbt_out_new(fp, BBT_FMT_TSV, 1);
	static const char *const a[] = { "k", "v\tw", NULL };

	(void)st;
	bbt_out_comment(o, "hello");
	bbt_out_rec(o, "obs", a, 3);
	bbt_out_close(o);
	fclose(fp);
	assert_string_equal(buf, "# hello\nobs\tk\tv\\tw\t-\n");
	fp = mem();
	o = bbt_out_new(fp, BBT_FMT_JSON, 0);
	bbt_out_comment(o, "hello");
	bbt_out_rec(o, "obs", a, 3);
	bbt_out_close(o);
	fclose(fp);
	assert_string_equal(buf,
	    "{\"type\":\"obs\",\"key\":\"k\",\"value\":\"v\\tw\",\"detail\":null}\n");
}

static void
test_write_error(void **st)
{
	FILE *fp = fopen("/dev/full", "w");
	struct bbt_out *o;
	static const char *const a[] = { "k", "v", "-" };

	(void)st;
	if (fp == NULL)
		skip();
	o = bbt_out_new(fp, BBT_FMT_TSV, 0);
	for (int i = 0; i < 10000; i++)
		bbt_out_rec(o, "obs", a, 3);
	assert_int_equal(bbt_out_close(o), -1);
	fclose(fp);
}

static void
fill(struct bbt_checks *c)
{
	bbt_checks_init(c, "linecheck");
	bbt_checks_add(c, "link.carrier", "eth0", BBT_OK, "up", NULL,
	    "operstate=UP");
	bbt_checks_add(c, "gw.ping", "192.0.2.1", BBT_WARNING, "30", "%",
	    "sent=10 received=7");
	bbt_checks_add(c, "dns.resolve", "192.0.2.53", BBT_CRITICAL, NULL,
	    "ms", "name=example.com rcode=timeout");
	bbt_checks_add(c, "http.get", "http://x/", BBT_SKIPPED, NULL, NULL,
	    "after=dns.resolve");
}

static void
test_checks_formats(void **st)
{
	struct bbt_checks c;
	FILE *fp;

	(void)st;
	fill(&c);
	assert_int_equal(bbt_checks_worst(&c), BBT_CRITICAL);
	fp = mem();
	bbt_checks_write(&c, fp, BBT_CFMT_SUMMARY, 0);
	fclose(fp);
	assert_string_equal(buf, "LINECHECK CRITICAL - dns.resolve 192.0.2.53: "
	    "timeout, gw.ping 192.0.2.1: 30 % | 'gw.ping_192.0.2.1'=30%;;;;\n");
	fp = mem();
	bbt_checks_write(&c, fp, BBT_CFMT_PROMETHEUS, 0);
	fclose(fp);
	assert_non_null(strstr(buf, "bbtools_check_status{tool=\"linecheck\","
	    "name=\"dns.resolve\",target=\"192.0.2.53\","
	    "query=\"example.com\"} 2\n"));
	assert_non_null(strstr(buf, "name=\"http.get\",target=\"http://x/\"} -1\n"));
	assert_non_null(strstr(buf, "bbtools_check_value{tool=\"linecheck\","
	    "name=\"gw.ping\",target=\"192.0.2.1\",unit=\"%\"} 30\n"));
	c.case_id = strdup("c-1");
	fp = mem();
	bbt_checks_write(&c, fp, BBT_CFMT_TSV, 0);
	fclose(fp);
	assert_memory_equal(buf, "case\tc-1\tlinecheck\t", 19);
	assert_non_null(strstr(buf, "\ncheck\tlink.carrier\teth0\tok\tup\t-\t"
	    "operstate=UP\ncheck\tgw.ping\t192.0.2.1\twarning\t30\t%\t"
	    "sent=10 received=7\n"));
	assert_non_null(strstr(buf, "check\thttp.get\thttp://x/\tskipped\t-\t-\t"
	    "after=dns.resolve\n"));
	bbt_checks_free(&c);
	bbt_checks_init(&c, "pppoe-probe");
	bbt_checks_add(&c, "pppoe.discovery", "eth0", BBT_OK, "1", NULL, NULL);
	fp = mem();
	bbt_checks_write(&c, fp, BBT_CFMT_SUMMARY, 0);
	fclose(fp);
	assert_string_equal(buf, "PPPOE-PROBE OK - 1 checks ok | "
	    "'pppoe.discovery_eth0'=1;;;;\n");
	bbt_checks_free(&c);
	assert_int_equal(bbt_checks_format_parse("prometheus"),
	    BBT_CFMT_PROMETHEUS);
	assert_int_equal(bbt_checks_format_parse("xml"), -1);
}

/* Every Prometheus series unique: a check reported once per family or
 * per queried name gets those as labels, an exact repeat an index. */
static void
test_prometheus_unique(void **st)
{
	struct bbt_checks c;
	FILE *fp;

	(void)st;
	bbt_checks_init(&c, "linecheck");
	bbt_checks_add(&c, "ip.address", "eth0", BBT_OK, "192.0.2.9/24", NULL,
	    "family=inet linklocal=no");
	bbt_checks_add(&c, "ip.address", "eth0", BBT_OK, "2001:db8::9/64",
	    NULL, "family=inet6 linklocal=no");
	bbt_checks_add(&c, "dns.resolve", "192.0.2.53", BBT_OK, "2", "ms",
	    "name=a.test rcode=NOERROR");
	bbt_checks_add(&c, "dns.resolve", "192.0.2.53", BBT_OK, "3", "ms",
	    "name=b.test rcode=NOERROR");
	bbt_checks_add(&c, "ping.target", "192.0.2.1", BBT_OK, "0", "%", NULL);
	bbt_checks_add(&c, "ping.target", "192.0.2.1", BBT_OK, "0", "%", NULL);
	fp = mem();
	bbt_checks_write(&c, fp, BBT_CFMT_PROMETHEUS, 0);
	fclose(fp);
	assert_non_null(strstr(buf, "bbtools_check_status{tool=\"linecheck\","
	    "name=\"ip.address\",target=\"eth0\",family=\"inet\"} 0\n"));
	assert_non_null(strstr(buf, "name=\"ip.address\",target=\"eth0\","
	    "family=\"inet6\"} 0\n"));
	assert_non_null(strstr(buf, "bbtools_check_value{tool=\"linecheck\","
	    "name=\"dns.resolve\",target=\"192.0.2.53\",query=\"b.test\","
	    "unit=\"ms\"} 3\n"));
	assert_non_null(strstr(buf, "name=\"ping.target\","
	    "target=\"192.0.2.1\"} 0\n"));
	assert_non_null(strstr(buf, "name=\"ping.target\","
	    "target=\"192.0.2.1\",index=\"2\"} 0\n"));
	bbt_checks_free(&c);
}

/* Perfdata items with thresholds; a quote in a label is doubled. */
static void
test_perfdata(void **st)
{
	struct bbt_checks c;
	struct bbt_check *k;
	FILE *fp;

	(void)st;
	bbt_checks_init(&c, "linecheck");
	k = bbt_checks_add(&c, "gw.ping", "192.0.2.1", BBT_OK, "0", "%", NULL);
	assert_int_equal(bbt_check_perf(k, NULL, 0, "%", 1, 10, 0, 100), 0);
	assert_int_equal(bbt_check_perf(k, "_rta", 1.25, "ms", 20, 100, 0,
	    NAN), 0);
	k = bbt_checks_add(&c, "http.get", "http://x/'y", BBT_OK, "40", "ms",
	    NULL);
	assert_int_equal(bbt_check_perf(k, NULL, 40, "ms", 1000, NAN, 0, NAN),
	    0);
	bbt_checks_add(&c, "link.mtu", "eth0", BBT_INFO, "1500", "bytes", NULL);
	fp = mem();
	bbt_checks_write(&c, fp, BBT_CFMT_SUMMARY, 0);
	fclose(fp);
	assert_string_equal(buf, "LINECHECK OK - 3 checks ok | "
	    "'gw.ping_192.0.2.1'=0%;1;10;0;100 'gw.ping_192.0.2.1_rta'="
	    "1.25ms;20;100;0 'http.get_http://x/''y'=40ms;1000;;0 "
	    "'link.mtu_eth0'=1500;;;;\n");
	bbt_checks_free(&c);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_text_aligned),
		cmocka_unit_test(test_text_color),
		cmocka_unit_test(test_tsv_json),
		cmocka_unit_test(test_write_error),
		cmocka_unit_test(test_checks_formats),
		cmocka_unit_test(test_prometheus_unique),
		cmocka_unit_test(test_perfdata),
	};
	setlocale(LC_CTYPE, "C.UTF-8");
	return cmocka_run_group_tests_name("out", tests, NULL, NULL);
}
