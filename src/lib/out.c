/* SPDX-License-Identifier: MIT */
/*
 * Record output: raw TSV, aligned text for terminals, JSON Lines. The
 * text form holds the records until bbt_out_close() to measure columns;
 * widths are per record type, by display width, so CJK stays aligned.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lib/i18n.h"
#include "lib/out.h"
#include "lib/rec.h"
#include "lib/text.h"

struct held {
	char	*type;
	char	**f;
	size_t	 n;
};

struct bbt_out {
	FILE		*fp;
	enum bbt_format	 fmt;
	int		 color;
	struct held	*v;
	size_t		 n, cap;
	int		 failed;
};

struct bbt_out *
bbt_out_new(FILE *fp, enum bbt_format fmt, int color)
{
	struct bbt_out *o = calloc(1, sizeof(*o));

	if (o == NULL)
		return NULL;
	o->fp = fp;
	o->fmt = fmt;
	o->color = color;
	return o;
}

const char *
bbt_color_state(enum bbt_state s)
{
	switch (s) {
	case BBT_OK:
		return "\033[32m";
	case BBT_WARNING:
		return "\033[33m";
	case BBT_CRITICAL:
		return "\033[1;31m";
	case BBT_UNKNOWN:
		return "\033[35m";
	case BBT_SKIPPED:
		return "\033[2m";
	default:
		return "";
	}
}

static void
hold(struct bbt_out *o, const char *type, const char *const *f, size_t n)
{
	struct held *h;

	if (o->n == o->cap) {
		size_t nc = o->cap ? o->cap * 2 : 32;
		struct held *nv = realloc(o->v, nc * sizeof(*nv));
		if (nv == NULL) {
			o->failed = 1;
			return;
		}
		o->v = nv;
		o->cap = nc;
	}
	h = &o->v[o->n];
	if ((h->type = strdup(type)) == NULL ||
	    (h->f = calloc(n ? n : 1, sizeof(char *))) == NULL) {
		free(h->type);
		o->failed = 1;
		return;
	}
	h->n = n;
	for (size_t i = 0; i < n; i++) {
		/* Escaped as in TSV, so a field stays on its line. */
		const char *s = f[i] && *f[i] ? f[i] : "-";
		char *e = malloc(strlen(s) * 2 + 1);
		if (e == NULL) {
			o->failed = 1;
			h->n = i;
			break;
		}
		e[bbt_rec_escape(s, strlen(s), e)] = '\0';
		h->f[i] = e;
	}
	o->n++;
}

void
bbt_out_rec(struct bbt_out *o, const char *type, const char *const *f,
    size_t n)
{
	switch (o->fmt) {
	case BBT_FMT_TEXT:
		hold(o, type, f, n);
		break;
	case BBT_FMT_JSON:
		if (bbt_rec_write_json(o->fp, type, f, n) < 0)
			o->failed = 1;
		break;
	default:
		if (bbt_rec_write(o->fp, type, f, n) < 0)
			o->failed = 1;
	}
}

void
bbt_out_comment(struct bbt_out *o, const char *s)
{
	if (o->fmt == BBT_FMT_JSON)
		return;
	if (o->fmt == BBT_FMT_TEXT) {
		const char *f[1] = { s };
		hold(o, "#", f, 1);
		return;
	}
	fprintf(o->fp, "# %s\n", s);
}

#define MAXTYPES 16

static void
flush_text(struct bbt_out *o)
{
	/* Column widths per record type (few types, many records). */
	const char *tn[MAXTYPES];
	int tw[MAXTYPES][BBT_REC_MAXF];
	size_t nt = 0;

	memset(tw, 0, sizeof(tw));
	for (size_t j = 0; j < o->n; j++) {
		size_t t;

		for (t = 0; t < nt && strcmp(tn[t], o->v[j].type) != 0; t++)
			;
		if (t == nt) {
			if (nt == MAXTYPES)
				continue;
			tn[nt++] = o->v[j].type;
		}
		for (size_t k = 0; k < o->v[j].n && k < BBT_REC_MAXF; k++) {
			int cw = bbt_text_width(o->v[j].f[k]);
			if (cw > tw[t][k])
				tw[t][k] = cw;
		}
	}
	for (size_t i = 0; i < o->n; i++) {
		struct held *h = &o->v[i];
		enum bbt_rec_type t = bbt_rec_type_parse(h->type);
		int none[BBT_REC_MAXF] = { 0 };
		int *w = none;

		if (strcmp(h->type, "#") == 0) {
			fprintf(o->fp, "# %s\n", h->f[0]);
			continue;
		}
		for (size_t x = 0; x < nt; x++)
			if (strcmp(tn[x], h->type) == 0)
				w = tw[x];
		fputs(h->type, o->fp);
		for (size_t k = 0; k < h->n; k++) {
			enum bbt_state st;
			int colored = o->color && t == BBT_REC_CHECK &&
			    k + 1 == BBT_CHECK_STATUS &&
			    bbt_state_parse(h->f[k], &st) == 0;

			fputs("  ", o->fp);
			if (colored)
				fprintf(o->fp, "%s%s%s", bbt_color_state(st),
				    h->f[k], BBT_COLOR_RESET);
			else
				fputs(h->f[k], o->fp);
			if (k + 1 < h->n)
				for (int p = bbt_text_width(h->f[k]); p < w[k]; p++)
					putc(' ', o->fp);
		}
		putc('\n', o->fp);
	}
}

int
bbt_out_close(struct bbt_out *o)
{
	int r;

	if (o == NULL)
		return 0;
	if (o->fmt == BBT_FMT_TEXT)
		flush_text(o);
	r = (o->failed || fflush(o->fp) != 0 || ferror(o->fp)) ? -1 : 0;
	for (size_t i = 0; i < o->n; i++) {
		for (size_t k = 0; k < o->v[i].n; k++)
			free(o->v[i].f[k]);
		free(o->v[i].f);
		free(o->v[i].type);
	}
	free(o->v);
	free(o);
	return r;
}

int
bbt_close_stdout(void)
{
	if (fflush(stdout) != 0 || ferror(stdout) || fclose(stdout) != 0) {
		/* EPIPE: the reader went away (| head); not worth a word. */
		if (errno != EPIPE)
			fprintf(stderr, "%s: %s: %s\n",
			    program_invocation_short_name, _("write error"),
			    strerror(errno));
		return -1;
	}
	return 0;
}
