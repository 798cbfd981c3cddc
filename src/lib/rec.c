/* SPDX-License-Identifier: MIT */
/* The plain-text record format of bbt-record(5): split, escape, write,
 * JSON Lines, the streaming reader and the detail key=value helpers. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/i18n.h"
#include "lib/lines.h"
#include "lib/order.h"
#include "lib/rec.h"
#include "lib/text.h"

static const char *const case_f[] = { "type", "id", "tool", "time" };
static const char *const check_f[] = { "type", "name", "target", "status",
	"value", "unit", "detail" };
static const char *const obs_f[] = { "type", "key", "value", "detail" };
static const char *const fault_f[] = { "type", "case", "rank", "id", "side",
	"confidence", "layer", "evidence", "steps" };

static const struct {
	const char		*name;
	const char *const	*fields;
	size_t			 n;
} types[BBT_REC_NTYPES] = {
	[BBT_REC_UNKNOWN] = { NULL, NULL, 0 },
	[BBT_REC_CASE] = { "case", case_f, 4 },
	[BBT_REC_CHECK] = { "check", check_f, 7 },
	[BBT_REC_OBS] = { "obs", obs_f, 4 },
	[BBT_REC_FAULT] = { "fault", fault_f, 9 },
	[BBT_REC_ORDER] = { "order", NULL, BBT_O_NCOLS + 1 },
};

const char *
bbt_rec_type_name(enum bbt_rec_type t)
{
	return (unsigned)t < BBT_REC_NTYPES ? types[t].name : NULL;
}

enum bbt_rec_type
bbt_rec_type_parse(const char *s)
{
	for (int i = 1; i < BBT_REC_NTYPES; i++)
		if (strcmp(s, types[i].name) == 0)
			return (enum bbt_rec_type)i;
	return BBT_REC_UNKNOWN;
}

size_t
bbt_rec_nfields(enum bbt_rec_type t)
{
	return (unsigned)t < BBT_REC_NTYPES ? types[t].n : 0;
}

const char *
bbt_rec_field_name(enum bbt_rec_type t, size_t i)
{
	if ((unsigned)t >= BBT_REC_NTYPES || i >= types[t].n)
		return NULL;
	if (i == 0)
		return "type";
	if (t == BBT_REC_ORDER)
		return bbt_order_cols[i - 1].name;
	return types[t].fields[i];
}

const char *
bbt_rec_get(const struct bbt_rec *r, size_t i)
{
	if (i >= r->nf || strcmp(r->f[i], "-") == 0)
		return NULL;
	return r->f[i];
}

/* Unescapes s in place; -1 on an unknown or dangling escape. */
static int
unescape(char *s)
{
	char *w = s;

	for (char *p = s; *p; p++) {
		if (*p != '\\') {
			*w++ = *p;
			continue;
		}
		switch (*++p) {
		case 't':
			*w++ = '\t';
			break;
		case 'n':
			*w++ = '\n';
			break;
		case 'r':
			*w++ = '\r';
			break;
		case '\\':
			*w++ = '\\';
			break;
		default:
			return -1;
		}
	}
	*w = '\0';
	return 0;
}

int
bbt_rec_split_raw(char *line, size_t len, struct bbt_rec *r, const char **why)
{
	char *p = line, *end = line + len, *tab;

	r->nf = 0;
	r->type = BBT_REC_UNKNOWN;
	{
		long bad = bbt_line_check(line, len);

		if (bad >= 0) {
			*why = line[bad] == '\0' ? N_("NUL byte in the line") :
			    N_("invalid UTF-8");
			return -1;
		}
	}
	for (;;) {
		if (r->nf == BBT_REC_MAXF) {
			*why = N_("too many fields");
			return -1;
		}
		tab = memchr(p, '\t', (size_t)(end - p));
		r->f[r->nf++] = p;
		if (tab == NULL)
			break;
		*tab = '\0';
		p = tab + 1;
	}
	*end = '\0';
	for (size_t i = 0; i < r->nf; i++) {
		if (strchr(r->f[i], '\\') && unescape(r->f[i]) < 0) {
			*why = N_("unknown escape sequence");
			return -1;
		}
		if (r->f[i][0] == '\0') {
			*why = N_("empty field (use - for a missing value)");
			return -1;
		}
	}
	r->type = bbt_rec_type_parse(r->f[0]);
	return 0;
}

int
bbt_rec_split(char *line, size_t len, struct bbt_rec *r, const char **why)
{
	if (bbt_rec_split_raw(line, len, r, why) < 0)
		return -1;
	if (r->type != BBT_REC_UNKNOWN && r->nf < bbt_rec_nfields(r->type)) {
		*why = N_("too few fields for its type");
		return -1;
	}
	return 0;
}

/* The record escape of one byte, or NULL when it stands for itself. */
static const char *
escape_of(char c)
{
	switch (c) {
	case '\t':
		return "\\t";
	case '\n':
		return "\\n";
	case '\r':
		return "\\r";
	case '\\':
		return "\\\\";
	default:
		return NULL;
	}
}

size_t
bbt_rec_escape(const char *s, size_t len, char *out)
{
	char *w = out;

	for (size_t i = 0; i < len; i++) {
		const char *e = escape_of(s[i]);

		if (e) {
			*w++ = e[0];
			*w++ = e[1];
		} else
			*w++ = s[i];
	}
	return (size_t)(w - out);
}

static void
write_field(FILE *fp, const char *s)
{
	if (s == NULL || *s == '\0') {
		putc('-', fp);
		return;
	}
	for (; *s; s++) {
		const char *e = escape_of(*s);

		if (e)
			fputs(e, fp);
		else
			putc(*s, fp);
	}
}

int
bbt_rec_write(FILE *fp, const char *type, const char *const *f, size_t n)
{
	fputs(type, fp);
	for (size_t i = 0; i < n; i++) {
		putc('\t', fp);
		write_field(fp, f[i]);
	}
	putc('\n', fp);
	return ferror(fp) ? -1 : 0;
}

void
bbt_json_string(FILE *fp, const char *s)
{
	putc('"', fp);
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		/* JSON shares the record escapes for \t \n \r \\. */
		const char *e = escape_of((char)*p);

		if (*p == '"')
			fputs("\\\"", fp);
		else if (e)
			fputs(e, fp);
		else if (*p < 0x20)
			fprintf(fp, "\\u%04x", *p);
		else
			putc(*p, fp);
	}
	putc('"', fp);
}

/* Whether s is a number as JSON writes one (no leading zeros, no
 * "+", no hex, no inf): "1500", "-3", "12.5", "1e3"; not "07", "1.",
 * "192.168.1.1". */
static int
json_number(const char *s)
{
	if (*s == '-')
		s++;
	if (*s == '0')
		s++;
	else if (*s >= '1' && *s <= '9')
		while (*s >= '0' && *s <= '9')
			s++;
	else
		return 0;
	if (*s == '.') {
		if (*++s < '0' || *s > '9')
			return 0;
		while (*s >= '0' && *s <= '9')
			s++;
	}
	if (*s == 'e' || *s == 'E') {
		if (*++s == '+' || *s == '-')
			s++;
		if (*s < '0' || *s > '9')
			return 0;
		while (*s >= '0' && *s <= '9')
			s++;
	}
	return *s == '\0';
}

/* A field or detail value typed: a number, null for "-", with words set
 * true/false for yes/no, else a string. */
static void
json_typed(FILE *fp, const char *s, int words)
{
	if (*s == '\0' || strcmp(s, "-") == 0)
		fputs("null", fp);
	else if (json_number(s))
		fputs(s, fp);
	else if (words && strcmp(s, "yes") == 0)
		fputs("true", fp);
	else if (words && strcmp(s, "no") == 0)
		fputs("false", fp);
	else
		bbt_json_string(fp, s);
}

/* A check's detail as an object of typed values; text that is not
 * key=value items stays a string, nothing is lost. */
static void
json_detail(FILE *fp, const char *d)
{
	size_t sz = strlen(d) + 1;
	char k[64], *v = malloc(sz);
	const char *p = d;
	int r, first = 1;

	if (v == NULL) {
		bbt_json_string(fp, d);
		return;
	}
	while ((r = bbt_kv_next(&p, k, sizeof(k), v, sz)) > 0)
		;
	if (r < 0) {
		bbt_json_string(fp, d);
		free(v);
		return;
	}
	putc('{', fp);
	for (p = d; bbt_kv_next(&p, k, sizeof(k), v, sz) > 0; first = 0) {
		if (!first)
			putc(',', fp);
		bbt_json_string(fp, k);
		putc(':', fp);
		json_typed(fp, v, 1);
	}
	putc('}', fp);
	free(v);
}

int
bbt_rec_write_json(FILE *fp, const char *type, const char *const *f, size_t n)
{
	enum bbt_rec_type t = bbt_rec_type_parse(type);

	fputs("{\"type\":", fp);
	bbt_json_string(fp, type);
	for (size_t i = 0; i < n; i++) {
		const char *k = bbt_rec_field_name(t, i + 1);
		char kb[24];

		if (k == NULL) {
			snprintf(kb, sizeof(kb), "f%zu", i + 1);
			k = kb;
		}
		putc(',', fp);
		bbt_json_string(fp, k);
		putc(':', fp);
		if (f[i] == NULL || *f[i] == '\0' || strcmp(f[i], "-") == 0)
			fputs("null", fp);
		else if (t == BBT_REC_CHECK && strcmp(k, "value") == 0)
			json_typed(fp, f[i], 0);
		else if (t == BBT_REC_CHECK && strcmp(k, "detail") == 0)
			json_detail(fp, f[i]);
		else
			bbt_json_string(fp, f[i]);
	}
	fputs("}\n", fp);
	return ferror(fp) ? -1 : 0;
}

struct bbt_reader {
	struct bbt_lines *l;
	char		 err[512];
};

struct bbt_reader *
bbt_reader_open(const char *path)
{
	struct bbt_reader *r = calloc(1, sizeof(*r));

	if (r == NULL)
		return NULL;
	if ((r->l = bbt_lines_open(path)) == NULL) {
		int e = errno;
		free(r);
		errno = e;
		return NULL;
	}
	return r;
}

int
bbt_reader_next(struct bbt_reader *r, struct bbt_rec *rec)
{
	char *line;
	size_t len;
	const char *why;
	int ret;

	for (;;) {
		ret = bbt_lines_next(r->l, &line, &len);
		if (ret == 0)
			return 0;
		if (ret < 0) {
			if (bbt_lines_failed(r->l))
				snprintf(r->err, sizeof(r->err), "%s: %s",
				    bbt_lines_name(r->l), errno == EILSEQ ?
				    _("truncated or corrupt gzip data") :
				    strerror(errno));
			else
				snprintf(r->err, sizeof(r->err),
				    _("%s:%lu: line too long"), bbt_lines_name(r->l),
				    bbt_lines_lineno(r->l));
			return -1;
		}
		if (len == 0 || line[0] == '#')
			continue;
		if (bbt_rec_split(line, len, rec, &why) < 0) {
			snprintf(r->err, sizeof(r->err), "%s:%lu: %s",
			    bbt_lines_name(r->l), bbt_lines_lineno(r->l), _(why));
			return -1;
		}
		return 1;
	}
}

const char *
bbt_reader_error(const struct bbt_reader *r)
{
	return r->err;
}

const char *
bbt_reader_name(const struct bbt_reader *r)
{
	return bbt_lines_name(r->l);
}

unsigned long
bbt_reader_lineno(const struct bbt_reader *r)
{
	return bbt_lines_lineno(r->l);
}

int
bbt_reader_failed(const struct bbt_reader *r)
{
	return bbt_lines_failed(r->l);
}

void
bbt_reader_close(struct bbt_reader *r)
{
	if (r == NULL)
		return;
	bbt_lines_close(r->l);
	free(r);
}

int
bbt_kv_next(const char **pp, char *key, size_t ksz, char *val, size_t vsz)
{
	const char *p = *pp;
	size_t k = 0, v = 0;

	while (*p == ' ')
		p++;
	if (*p == '\0' || (*p == '-' && p[1] == '\0'))
		return 0;
	while (*p && *p != '=' && *p != ' ') {
		if (k + 1 < ksz)
			key[k++] = *p;
		p++;
	}
	key[k] = '\0';
	if (*p != '=' || k == 0)
		return -1;
	p++;
	if (*p == '"') {
		p++;
		while (*p && *p != '"') {
			if (*p == '\\' && (p[1] == '"' || p[1] == '\\'))
				p++;
			if (v + 1 < vsz)
				val[v++] = *p;
			p++;
		}
		if (*p != '"')
			return -1;
		p++;
		if (*p != '\0' && *p != ' ')
			return -1;
	} else {
		while (*p && *p != ' ') {
			if (v + 1 < vsz)
				val[v++] = *p;
			p++;
		}
	}
	val[v] = '\0';
	*pp = p;
	return 1;
}

int
bbt_kv_get(const char *detail, const char *key, char *buf, size_t size)
{
	char k[64];
	const char *p = detail;
	char *tmp;
	int r;

	if (detail == NULL)
		return 0;
	if ((tmp = malloc(size ? size : 1)) == NULL)
		return 0;
	while ((r = bbt_kv_next(&p, k, sizeof(k), tmp, size ? size : 1)) > 0)
		if (strcmp(k, key) == 0) {
			if (size)
				memcpy(buf, tmp, strlen(tmp) + 1);
			free(tmp);
			return 1;
		}
	free(tmp);
	return 0;
}

int
bbt_kv_append(char *buf, size_t sz, const char *key, const char *val)
{
	size_t len = strlen(buf), need;
	int quote = 0;
	char *w;

	if (val == NULL || *val == '\0')
		val = "-";
	need = len + (len > 0) + strlen(key) + 1;
	for (const char *p = val; *p; p++) {
		if (*p == ' ' || *p == '"' || *p == '\\' || *p == '=')
			quote = 1;
		need += (*p == '"' || *p == '\\') ? 2 : 1;
	}
	need += quote ? 2 : 0;
	if (need + 1 > sz)
		return -1;
	w = buf + len;
	if (len > 0)
		*w++ = ' ';
	w = stpcpy(w, key);
	*w++ = '=';
	if (quote)
		*w++ = '"';
	for (const char *p = val; *p; p++) {
		if (quote && (*p == '"' || *p == '\\'))
			*w++ = '\\';
		*w++ = *p;
	}
	if (quote)
		*w++ = '"';
	*w = '\0';
	return 0;
}
