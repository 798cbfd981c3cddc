/* SPDX-License-Identifier: MIT */
/* Check-tool output: records, a monitoring-plugin line, Prometheus text. */
#include <ctype.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "lib/checks.h"
#include "lib/datetime.h"
#include "lib/human.h"
#include "lib/rec.h"

static char *
dupnull(const char *s)
{
	return s && *s && strcmp(s, "-") != 0 ? strdup(s) : NULL;
}

void
bbt_checks_init(struct bbt_checks *c, const char *tool)
{
	memset(c, 0, sizeof(*c));
	c->tool = tool;
}

struct bbt_check *
bbt_checks_add(struct bbt_checks *c, const char *name, const char *target,
    enum bbt_state st, const char *value, const char *unit, const char *detail)
{
	struct bbt_check *k;

	if (c->n == c->cap) {
		size_t nc = c->cap ? c->cap * 2 : 16;
		struct bbt_check *nv = realloc(c->v, nc * sizeof(*nv));
		if (nv == NULL)
			return NULL;
		c->v = nv;
		c->cap = nc;
	}
	k = &c->v[c->n++];
	k->name = strdup(name);
	k->target = dupnull(target);
	k->status = st;
	k->value = dupnull(value);
	k->unit = dupnull(unit);
	k->detail = dupnull(detail);
	k->perf = NULL;
	k->nperf = 0;
	return k;
}

int
bbt_check_perf(struct bbt_check *k, const char *suffix, double value,
    const char *uom, double warn, double crit, double min, double max)
{
	struct bbt_perf *np, *p;

	if ((np = realloc(k->perf, (k->nperf + 1) * sizeof(*np))) == NULL)
		return -1;
	k->perf = np;
	p = &np[k->nperf];
	memset(p, 0, sizeof(*p));
	if (suffix && (p->suffix = strdup(suffix)) == NULL)
		return -1;
	p->value = value;
	p->warn = warn;
	p->crit = crit;
	p->min = min;
	p->max = max;
	snprintf(p->uom, sizeof(p->uom), "%s", uom ? uom : "");
	k->nperf++;
	return 0;
}

enum bbt_state
bbt_checks_worst(const struct bbt_checks *c)
{
	enum bbt_state w = BBT_OK;

	for (size_t i = 0; i < c->n; i++)
		w = bbt_state_worst(w, c->v[i].status);
	return w;
}

int
bbt_checks_format_parse(const char *s)
{
	static const struct {
		const char *w;
		int f;
	} t[] = {
		{ "tsv", BBT_CFMT_TSV }, { "text", BBT_CFMT_TEXT },
		{ "json", BBT_CFMT_JSON }, { "summary", BBT_CFMT_SUMMARY },
		{ "prometheus", BBT_CFMT_PROMETHEUS },
		{ "records", BBT_CFMT_RECORDS },
	};
	for (size_t i = 0; i < sizeof(t) / sizeof(t[0]); i++)
		if (strcmp(s, t[i].w) == 0)
			return t[i].f;
	return -1;
}

static int
numeric(const char *s)
{
	char *end;

	if (s == NULL)
		return 0;
	(void)strtod(s, &end);
	return end != s && *end == '\0';
}

/* " | 'name_target[suffix]'=": a quote in the label is doubled, as the
 * plugin guidelines ask. */
static void
perf_label(FILE *fp, const struct bbt_check *k, const char *suffix,
    int first)
{
	const char *part[4] = { k->name, k->target ? "_" : "",
		k->target ? k->target : "", suffix ? suffix : "" };

	fputs(first ? " | '" : " '", fp);
	for (int i = 0; i < 4; i++)
		for (const char *p = part[i]; *p; p++) {
			if (*p == '\'')
				putc('\'', fp);
			putc(*p, fp);
		}
	fputs("'=", fp);
}

static void
perf_num(FILE *fp, double v)
{
	if (!isnan(v))
		fprintf(fp, "%.6g", v);
}

static void
perf_item(FILE *fp, const struct bbt_check *k, const struct bbt_perf *p,
    int first)
{
	const double t[4] = { p->warn, p->crit, p->min, p->max };
	int last = -1;

	perf_label(fp, k, p->suffix, first);
	if (isnan(p->value))
		putc('U', fp);
	else {
		perf_num(fp, p->value);
		fputs(p->uom, fp);
	}
	/* Thresholds and range up to the last one given: "0%;1;10;0;100",
	 * "12ms;300;;0". */
	for (int i = 0; i < 4; i++)
		if (!isnan(t[i]))
			last = i;
	for (int i = 0; i <= last; i++) {
		putc(';', fp);
		perf_num(fp, t[i]);
	}
}

static void
write_summary(const struct bbt_checks *c, FILE *fp)
{
	enum bbt_state w = bbt_checks_worst(c);
	size_t bad = 0, shown = 0;

	for (const char *p = c->tool; *p; p++)
		putc(toupper((unsigned char)*p), fp);
	fprintf(fp, " %s - ", bbt_state_upper(w));
	for (size_t i = 0; i < c->n; i++)
		if (bbt_state_worst(BBT_OK, c->v[i].status) != BBT_OK)
			bad++;
	if (bad == 0)
		fprintf(fp, "%zu checks ok", c->n);
	/* Worst first: the reader of an alert sees the cause. */
	for (int sev = BBT_CRITICAL; bad && sev >= BBT_WARNING; sev--)
		for (size_t i = 0; i < c->n; i++) {
			const struct bbt_check *k = &c->v[i];
			char why[128] = "";

			if (k->status != (enum bbt_state)sev)
				continue;
			if (!bbt_kv_get(k->detail, "error", why, sizeof(why)) &&
			    !bbt_kv_get(k->detail, "result", why, sizeof(why)) &&
			    !bbt_kv_get(k->detail, "rcode", why, sizeof(why)))
				snprintf(why, sizeof(why), "%s%s%s",
				    k->value ? k->value : "-",
				    k->unit ? " " : "", k->unit ? k->unit : "");
			fprintf(fp, "%s%s%s%s: %s", shown ? ", " : "", k->name,
			    k->target ? " " : "", k->target ? k->target : "",
			    why);
			shown++;
		}
	shown = 0;
	for (size_t i = 0; i < c->n; i++) {
		const struct bbt_check *k = &c->v[i];

		for (size_t j = 0; j < k->nperf; j++)
			perf_item(fp, k, &k->perf[j], shown++ == 0);
		if (k->nperf || !k->value || !numeric(k->value))
			continue;
		perf_label(fp, k, NULL, shown++ == 0);
		fputs(k->value, fp);
		if (k->unit && (strcmp(k->unit, "ms") == 0 ||
		    strcmp(k->unit, "%") == 0 || strcmp(k->unit, "s") == 0))
			fputs(k->unit, fp);
		fputs(";;;;", fp);
	}
	putc('\n', fp);
}

static void
prom_label(FILE *fp, const char *k, const char *v)
{
	fprintf(fp, "%s=\"", k);
	for (; v && *v; v++) {
		if (*v == '\\' || *v == '"')
			putc('\\', fp);
		if (*v == '\n') {
			fputs("\\n", fp);
			continue;
		}
		putc(*v, fp);
	}
	putc('"', fp);
}

/*
 * The labels that tell a check's series apart. name and target are not
 * enough: linecheck reports a check once per address family (ip.address,
 * http.get) and dns.resolve once per queried name, and the exposition
 * format forbids two samples with the same name and labels (node_exporter
 * rejects the whole file). So family= and name= of the detail become the
 * labels family and query when present, and a series still equal to an
 * earlier one gets index="2", "3"...
 */
struct prom_id {
	char	 family[16], query[256];
	int	 has_family, has_query, index;
};

static int
prom_same(const struct bbt_check *a, const struct prom_id *ia,
    const struct bbt_check *b, const struct prom_id *ib)
{
	return strcmp(a->name, b->name) == 0 &&
	    strcmp(a->target ? a->target : "", b->target ? b->target : "") ==
	    0 && ia->has_family == ib->has_family &&
	    strcmp(ia->family, ib->family) == 0 &&
	    ia->has_query == ib->has_query && strcmp(ia->query, ib->query) == 0;
}

static struct prom_id *
prom_ids(const struct bbt_checks *c)
{
	struct prom_id *id = calloc(c->n ? c->n : 1, sizeof(*id));

	if (id == NULL)
		return NULL;
	for (size_t i = 0; i < c->n; i++) {
		const struct bbt_check *k = &c->v[i];

		id[i].has_family = bbt_kv_get(k->detail, "family",
		    id[i].family, sizeof(id[i].family));
		id[i].has_query = bbt_kv_get(k->detail, "name", id[i].query,
		    sizeof(id[i].query));
		for (size_t j = 0; j < i; j++)
			if (prom_same(k, &id[i], &c->v[j], &id[j]))
				id[i].index++;
	}
	return id;
}

static void
prom_series(FILE *fp, const char *metric, const struct bbt_checks *c,
    const struct bbt_check *k, const struct prom_id *id, int unit)
{
	fprintf(fp, "%s{", metric);
	prom_label(fp, "tool", c->tool);
	putc(',', fp);
	prom_label(fp, "name", k->name);
	putc(',', fp);
	prom_label(fp, "target", k->target ? k->target : "");
	if (id->has_family) {
		putc(',', fp);
		prom_label(fp, "family", id->family);
	}
	if (id->has_query) {
		putc(',', fp);
		prom_label(fp, "query", id->query);
	}
	if (id->index)
		fprintf(fp, ",index=\"%d\"", id->index + 1);
	if (unit) {
		putc(',', fp);
		prom_label(fp, "unit", k->unit ? k->unit : "");
	}
	putc('}', fp);
}

static int
write_prometheus(const struct bbt_checks *c, FILE *fp)
{
	struct prom_id *id = prom_ids(c);

	if (id == NULL)
		return -1;
	fputs("# HELP bbtools_check_status Check status: 0 ok, 1 warning, "
	    "2 critical, 3 unknown, -1 skipped.\n"
	    "# TYPE bbtools_check_status gauge\n", fp);
	for (size_t i = 0; i < c->n; i++) {
		const struct bbt_check *k = &c->v[i];

		prom_series(fp, "bbtools_check_status", c, k, &id[i], 0);
		fprintf(fp, " %d\n", k->status == BBT_SKIPPED ? -1 :
		    bbt_state_exit(k->status));
	}
	fputs("# HELP bbtools_check_value Measured value of a check, in "
	    "the unit label.\n# TYPE bbtools_check_value gauge\n", fp);
	for (size_t i = 0; i < c->n; i++) {
		const struct bbt_check *k = &c->v[i];

		if (!numeric(k->value))
			continue;
		prom_series(fp, "bbtools_check_value", c, k, &id[i], 1);
		fprintf(fp, " %s\n", k->value);
	}
	free(id);
	return 0;
}

int
bbt_checks_write(const struct bbt_checks *c, FILE *fp,
    enum bbt_check_format fmt, int color)
{
	struct bbt_out *o;

	if (fmt == BBT_CFMT_TEXT)
		return bbt_human_write(c, fp, color);
	if (fmt == BBT_CFMT_RECORDS)
		fmt = BBT_CFMT_TEXT;
	if (fmt == BBT_CFMT_SUMMARY)
		write_summary(c, fp);
	else if (fmt == BBT_CFMT_PROMETHEUS) {
		if (write_prometheus(c, fp) < 0)
			return -1;
	}
	else {
		if ((o = bbt_out_new(fp, (enum bbt_format)fmt, color)) == NULL)
			return -1;
		if (c->case_id) {
			char tb[BBT_TIME_BUFSZ];
			const char *f[3] = { c->case_id, c->tool,
				bbt_time_rfc3339(bbt_time_now(), tb) };
			bbt_out_rec(o, "case", f, 3);
		}
		for (size_t i = 0; i < c->n; i++) {
			const struct bbt_check *k = &c->v[i];
			const char *f[6] = { k->name, k->target,
				bbt_state_name(k->status), k->value, k->unit,
				k->detail };
			bbt_out_rec(o, "check", f, 6);
		}
		return bbt_out_close(o);
	}
	return fflush(fp) != 0 || ferror(fp) ? -1 : 0;
}

void
bbt_checks_free(struct bbt_checks *c)
{
	for (size_t i = 0; i < c->n; i++) {
		free(c->v[i].name);
		free(c->v[i].target);
		free(c->v[i].value);
		free(c->v[i].unit);
		free(c->v[i].detail);
		for (size_t j = 0; j < c->v[i].nperf; j++)
			free(c->v[i].perf[j].suffix);
		free(c->v[i].perf);
	}
	free(c->v);
	free(c->case_id);
	c->v = NULL;
	c->n = c->cap = 0;
	c->case_id = NULL;
}
