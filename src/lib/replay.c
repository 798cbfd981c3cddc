/* SPDX-License-Identifier: MIT */
/* Lines to read again: see replay.h. */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "lib/replay.h"

/* A replayed line's tabs and odd bytes, as bbt_lines_next_tsv() finds
 * them (replayed lines are rare: a plain loop). */
static void
tsv_fill(const char *line, size_t len, struct bbt_tsv *ts)
{
	ts->n = 0;
	ts->over = 0;
	ts->odd = len;
	ts->odd_end = 0;
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)line[i];

		if (c == '\t') {
			if (ts->n == ts->max)
				ts->over = 1;
			else
				ts->tabs[ts->n++] = (uint32_t)i;
		} else if (c == 0 || c >= 0x80) {
			if (ts->odd == len)
				ts->odd = i;
			ts->odd_end = i + 1;
		}
	}
}

int
bbt_replay_next(struct bbt_replay *rp, struct bbt_lines *l, char **line,
    size_t *len, struct bbt_tsv *ts)
{
	struct bbt_rline *x;

	free(rp->cur);
	rp->cur = NULL;
	rp->cur_line = 0;
	if (rp->qhead == rp->qn)
		return ts ? bbt_lines_next_tsv(l, line, len, ts) :
		    bbt_lines_next(l, line, len);
	x = &rp->q[rp->qhead++];
	if (rp->qhead == rp->qn)
		rp->qhead = rp->qn = 0;
	rp->cur_line = x->lineno;
	if (x->s == NULL) {
		errno = EMSGSIZE;
		return -1;
	}
	rp->cur = *line = x->s;
	*len = x->len;
	if (ts)
		tsv_fill(x->s, x->len, ts);
	return 1;
}

unsigned long
bbt_replay_lineno(const struct bbt_replay *rp, const struct bbt_lines *l)
{
	return rp->cur_line ? rp->cur_line : bbt_lines_lineno(l);
}

int
bbt_replay_keep(struct bbt_replay *rp, const char *line, size_t len,
    unsigned long lineno)
{
	struct bbt_rline *x;

	if (rp->nkeep == rp->keepcap) {
		size_t nc = rp->keepcap ? rp->keepcap * 2 : 16;
		struct bbt_rline *nv = realloc(rp->keep, nc * sizeof(*nv));

		if (nv == NULL)
			return -1;
		rp->keep = nv;
		rp->keepcap = nc;
	}
	x = &rp->keep[rp->nkeep];
	x->s = NULL;
	/* Not strndup(3): a line may hold NUL bytes (a bad row to name). */
	if (line) {
		if ((x->s = malloc(len + 1)) == NULL)
			return -1;
		memcpy(x->s, line, len);
		x->s[len] = '\0';
	}
	x->len = len;
	x->lineno = lineno;
	rp->nkeep++;
	/* An overlong line counts as the most a row may take. */
	rp->kept += line ? len + 1 : BBT_LINE_MAX;
	return 0;
}

void
bbt_replay_drop(struct bbt_replay *rp)
{
	for (size_t i = 0; i < rp->nkeep; i++)
		free(rp->keep[i].s);
	rp->nkeep = 0;
	rp->kept = 0;
}

int
bbt_replay_rewind(struct bbt_replay *rp)
{
	size_t rest = rp->qn - rp->qhead, need = rp->nkeep + rest;

	if (rp->nkeep == 0)
		return 0;
	if (need > rp->qcap) {
		struct bbt_rline *nq = realloc(rp->q, need * sizeof(*nq));

		if (nq == NULL)
			return -1;
		rp->q = nq;
		rp->qcap = need;
	}
	memmove(rp->q + rp->nkeep, rp->q + rp->qhead, rest * sizeof(*rp->q));
	memcpy(rp->q, rp->keep, rp->nkeep * sizeof(*rp->q));
	rp->qhead = 0;
	rp->qn = need;
	rp->nkeep = 0;
	rp->kept = 0;
	return 0;
}

void
bbt_replay_free(struct bbt_replay *rp)
{
	bbt_replay_drop(rp);
	free(rp->keep);
	for (size_t i = rp->qhead; i < rp->qn; i++)
		free(rp->q[i].s);
	free(rp->q);
	free(rp->cur);
	memset(rp, 0, sizeof(*rp));
}

long
bbt_csv_fields(const char *line, size_t len)
{
	long n = 1;
	int inq = 0, start = 1;

	for (size_t i = 0; i < len; i++) {
		if (inq) {
			if (line[i] == '"' && i + 1 < len && line[i + 1] == '"')
				i++;
			else if (line[i] == '"')
				inq = 0;
		} else if (line[i] == ',') {
			n++;
			start = 1;
			continue;
		} else if (line[i] == '"') {
			if (!start)
				return -1;
			inq = 1;
		}
		start = 0;
	}
	return inq ? -1 : n;
}
