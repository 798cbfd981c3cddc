/* SPDX-License-Identifier: MIT */
/*
 * --partial and --merge: the aggregate state as plain text.
 *
 *	qareport-state	2
 *	config	by=tech period=completed ... (limits and windows)
 *	shard	K	N
 *	bad	COUNT
 *	g	NDIMS	DIM...	C0 C1 ... (counters, enum qa_ctr order)
 *	h	WHICH	MINUTE:COUNT ...	(histograms of the group above)
 *	end
 *
 * Version 2 added the acceptance counters; a version 1 state is refused
 * rather than read as orders without acceptance tests.
 *
 * Window KPIs are already evaluated in a partial: that is exact because
 * a shard holds every row of its accounts. So a merge needs the shards
 * 1..N of one N, each once, made with the same configuration.
 */
#include <err.h>
#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "lib/i18n.h"
#include "lib/rec.h"
#include "qareport/qa.h"

char *
qa_config_string(const struct qa_opts *o)
{
	char by[128] = "", *s;

	for (int i = 0; i < o->nby; i++) {
		strcat(by, i ? "," : "");
		strcat(by, qa_dim_names[o->by[i]]);
	}
	if (asprintf(&s, "by=%s period=%s from=%lld to=%lld repair=%lld/%lld "
	    "install=%lld/%lld early=%lld notice=%lld wait=%lld repeat=%lld "
	    "newfault=%lld kept=%lld ftf=%lld", o->nby ? by : "none",
	    o->period_completed ? "completed" : "accepted",
	    o->from == INT64_MIN ? -1LL : (long long)o->from,
	    o->to == INT64_MAX ? -1LL : (long long)o->to,
	    (long long)o->rep_town, (long long)o->rep_rural,
	    (long long)o->inst_town, (long long)o->inst_rural,
	    (long long)o->early, (long long)o->notice, (long long)o->wait,
	    (long long)o->repeat_win, (long long)o->newfault_win,
	    (long long)o->kept_win, (long long)o->ftf_win) < 0)
		err(71, "asprintf");
	return s;
}

/* The decimal digits of v at p; returns their end. A partial of 38 000
 * groups was two million fprintf(3) calls. */
static char *
put_u64(char *p, uint64_t v)
{
	char t[20], *q = t + sizeof(t);

	do
		*--q = (char)('0' + v % 10);
	while ((v /= 10) > 0);
	memcpy(p, q, (size_t)(t + sizeof(t) - q));
	return p + (t + sizeof(t) - q);
}

static char *
put_i64(char *p, int64_t v)
{
	if (v >= 0)
		return put_u64(p, (uint64_t)v);
	*p++ = '-';
	return put_u64(p, 0 - (uint64_t)v);
}

int
qa_state_write(FILE *fp, const struct qa_opts *o, const struct qa_part *p)
{
	char *cfg = qa_config_string(o);
	struct qa_group **v = qa_groups_sorted(&p->groups);

	fprintf(fp, "qareport-state\t2\nconfig\t%s\nshard\t%d\t%d\n"
	    "bad\t%lld\n", cfg, o->shard_n ? o->shard_k : 1,
	    o->shard_n ? o->shard_n : 1, (long long)p->bad);
	free(cfg);
	for (size_t i = 0; i < p->groups.n; i++) {
		const struct qa_group *g = v[i];
		const char *k = g->key;
		int nd = 0;

		for (const char *q = k; q < k + g->klen; q += strlen(q) + 1)
			nd++;
		fprintf(fp, "g\t%d", nd);
		for (; k < g->key + g->klen; k += strlen(k) + 1) {
			size_t len = strlen(k);
			char *esc = malloc(2 * len + 1);
			if (esc == NULL)
				err(71, "malloc");
			esc[bbt_rec_escape(k, len, esc)] = '\0';
			fprintf(fp, "\t%s", esc);
			free(esc);
		}
		/* Counters, then each histogram's entries, go through a
		 * buffer, written out before it could not take one more
		 * entry (" 4294967295:18446744073709551615", 32 bytes). */
		char buf[4096], *b = buf;

		_Static_assert(QA_C_N * 21 + 64 < sizeof(buf),
		    "the counters fit the buffer");

		for (int c = 0; c < QA_C_N; c++) {
			*b++ = c ? ' ' : '\t';
			b = put_i64(b, g->a.c[c]);
		}
		*b++ = '\n';
		for (int h = 0; h < QA_H_N; h++) {
			const struct qa_hist *hs = &g->a.h[h];
			struct qa_hent *e;

			if (hs->n == 0)
				continue;
			e = qa_hist_sorted(hs);
			b = put_i64(stpcpy(b, "h\t"), h);
			*b++ = '\t';
			for (uint32_t s = 0; s < hs->n; s++) {
				if (b - buf > (ptrdiff_t)sizeof(buf) - 64) {
					fwrite(buf, 1, (size_t)(b - buf), fp);
					b = buf;
				}
				if (s)
					*b++ = ' ';
				b = put_u64(b, e[s].k - 1);
				*b++ = ':';
				b = put_u64(b, e[s].c);
			}
			*b++ = '\n';
			free(e);
		}
		fwrite(buf, 1, (size_t)(b - buf), fp);
	}
	fputs("end\n", fp);
	free(v);
	return ferror(fp) ? -1 : 0;
}

static int
bad_state(const char *file, unsigned long line, const char *why)
{
	warnx(_("%s:%lu: not a qareport state file: %s"), file, line, why);
	return EX_DATAERR;
}

/* Sets --by from a partial's configuration. */
static void
by_from_config(struct qa_opts *o, const char *cfg)
{
	char by[128];

	o->nby = 0;
	o->month_dim = 0;
	if (sscanf(cfg, "by=%127s", by) == 1 && strcmp(by, "none") != 0)
		for (char *t = strtok(by, ","); t && o->nby < QA_MAXDIMS;
		    t = strtok(NULL, ","))
			for (int d = 0; d < QA_D_N; d++)
				if (strcmp(t, qa_dim_names[d]) == 0)
					o->by[o->nby++] = (enum qa_dim)d;
	/* Partials always carry the month. */
	o->month_dim = qa_month_index(o) < 0;
}

/* Counts of real logs are far below 2^50; larger ones are damage (and
 * could overflow in the sums). */
#define STATE_MAX	(1LL << 50)

/*
 * What the reader counts in one group implies of its counters (scan.c,
 * events.c): a part never exceeds its whole. Checked on each group of a
 * partial, so that a damaged one is refused, not merged into a report
 * whose rates pass 100 % or whose medians disagree with the counts.
 */
static const struct {
	enum qa_ctr	 part, whole;
	const char	*why;
} state_rules[] = {
	{ QA_C_REPAIRS, QA_C_ORDERS, N_("more repairs than orders") },
	{ QA_C_INSTALLS, QA_C_ORDERS, N_("more installs than orders") },
	{ QA_C_RESTORED, QA_C_REPAIRS,
	    N_("more restored repairs than repairs") },
	{ QA_C_INST_DONE, QA_C_INSTALLS,
	    N_("more installs done than installs") },
	{ QA_C_VISITS, QA_C_ORDERS, N_("more visits than orders") },
	{ QA_C_KEPT_DEN, QA_C_INSTALLS,
	    N_("more appointments than installs") },
	{ QA_C_NEW_DEN, QA_C_INSTALLS,
	    N_("more installs closed than installs") },
	{ QA_C_RESCH, QA_C_ORDERS, N_("more rescheduled orders than orders") },
	{ QA_C_NOANS, QA_C_ORDERS, N_("more no-answer orders than orders") },
	{ QA_C_CLOSED, QA_C_ORDERS, N_("more closed orders than orders") },
	{ QA_C_RATED, QA_C_ORDERS, N_("more rated orders than orders") },
	{ QA_C_OPEN, QA_C_ORDERS, N_("more open orders than orders") },
	{ QA_C_ACC_DEN, QA_C_ORDERS,
	    N_("more acceptance tests than orders") },
	{ QA_C_SPEED_DEN, QA_C_ORDERS,
	    N_("more speed tests than orders") },
	{ QA_C_AVOIDABLE, QA_C_CLOSED,
	    N_("more avoidable visits than closed orders") },
};

/* One group being read: its counters and what its histograms add up to. */
struct sgroup {
	unsigned long	 line;		/* of its g line; 0: none yet */
	struct qa_group	*g;
	int64_t		 c[QA_C_N];
	unsigned __int128 n[QA_H_N], sum[QA_H_N];
	int		 hseen[QA_H_N];
};

/* The state of one file being read. */
struct sfile {
	const char	*path;
	unsigned long	 ln;
	int		 have_config, have_shard, have_bad, ended;
	int		*ndims;		/* dims of a group key, the run's */
	char		 prev[4096];	/* the previous group's key */
	size_t		 prevlen;	/* SIZE_MAX: no group yet */
	struct sgroup	 cur;
};

/* The group just read is consistent; 0 or EX_DATAERR. */
static int
group_check(struct sfile *f)
{
	static const enum qa_ctr hn[QA_H_N] = { QA_C_RESTORED,
		QA_C_INST_DONE };
	static const enum qa_ctr hs[QA_H_N] = { QA_C_REP_SUM, QA_C_INST_SUM };
	const struct sgroup *g = &f->cur;
	char why[160];

	if (g->line == 0)
		return 0;
	for (size_t i = 0; i < sizeof(state_rules) / sizeof(state_rules[0]);
	    i++)
		if (g->c[state_rules[i].part] > g->c[state_rules[i].whole])
			return bad_state(f->path, g->line,
			    _(state_rules[i].why));
	for (size_t k = 0; k < qa_nkpis; k++)
		if (qa_kpis[k].kind == QA_K_PCT &&
		    g->c[qa_kpis[k].num] > g->c[qa_kpis[k].den]) {
			snprintf(why, sizeof(why), _("the numerator of %s "
			    "exceeds its denominator"), qa_kpis[k].id);
			return bad_state(f->path, g->line, why);
		}
	for (int h = 0; h < QA_H_N; h++)
		if (g->n[h] != (unsigned __int128)g->c[hn[h]] ||
		    g->sum[h] != (unsigned __int128)g->c[hs[h]])
			return bad_state(f->path, g->line, _("the durations "
			    "of a histogram disagree with the counters"));
	return 0;
}

/* "h WHICH MINUTE:COUNT ...", parsed in place (the lines are long). */
static int
hist_line(struct sfile *f, char *line)
{
	struct sgroup *g = &f->cur;
	char *q = line + 2, *end;
	long which = strtol(q, &end, 10);
	unsigned long long prev = 0;

	if (g->line == 0)
		return bad_state(f->path, f->ln, _("histogram before a group"));
	if (*end != '\t' || which < 0 || which >= QA_H_N || end == q ||
	    !(*q >= '0' && *q <= '9'))
		return bad_state(f->path, f->ln, _("bad histogram"));
	if (g->hseen[which]++)
		return bad_state(f->path, f->ln,
		    _("a group's histogram given twice"));
	q = end + 1;
	while (*q) {
		unsigned long long m, c;
		char *e2;

		/* Minutes in increasing order, counts from 1, as written. */
		if (!(*q >= '0' && *q <= '9'))
			break;
		m = strtoull(q, &end, 10);
		if (*end != ':' || m >= UINT32_MAX - 1 ||
		    (g->n[which] && m <= prev) || !(end[1] >= '0' &&
		    end[1] <= '9'))
			break;
		c = strtoull(end + 1, &e2, 10);
		if ((*e2 != ' ' && *e2 != '\0') || c == 0 ||
		    c > STATE_MAX)
			break;
		qa_hist_add(&g->g->a.h[which], (uint32_t)m, c);
		g->n[which] += c;
		g->sum[which] += (unsigned __int128)m * c;
		prev = m;
		q = *e2 ? e2 + 1 : e2;
	}
	if (*q || g->n[which] == 0)
		return bad_state(f->path, f->ln, _("bad histogram"));
	return 0;
}

/* "g NDIMS DIM... C0 C1 ...": the previous group is checked first. */
static int
group_line(struct qa_part *p, struct sfile *f, const struct bbt_rec *r)
{
	int nd = atoi(r->f[1]), rc;
	char key[4096], why[160];
	size_t kl = 0;
	const char *q;
	char *end;
	int nc = 0;

	if ((rc = group_check(f)) != 0)
		return rc;
	if (!f->have_config || !f->have_shard || !f->have_bad)
		return bad_state(f->path, f->ln, _("a group before the "
		    "config, shard and bad lines"));
	if (nd < 1 || nd > QA_MAXDIMS + 1 || r->nf != (size_t)nd + 3 ||
	    (*f->ndims && nd != *f->ndims))
		return bad_state(f->path, f->ln, _("bad group"));
	*f->ndims = nd;
	for (int i = 0; i < nd; i++) {
		size_t n = strlen(r->f[2 + i]);

		if (n == 0 || kl + n + 1 > sizeof(key))
			return bad_state(f->path, f->ln, _("bad group"));
		memcpy(key + kl, r->f[2 + i], n + 1);
		kl += n + 1;
	}
	/* The writer sorts the groups: one out of order is damage. */
	if (f->prevlen != SIZE_MAX) {
		size_t n = kl < f->prevlen ? kl : f->prevlen;
		int c = memcmp(f->prev, key, n);

		if (c == 0)
			c = (f->prevlen > kl) - (f->prevlen < kl);
		if (c >= 0)
			return bad_state(f->path, f->ln, c == 0 ?
			    _("a group given twice") :
			    _("groups out of order"));
	}
	memcpy(f->prev, key, kl);
	f->prevlen = kl;
	memset(&f->cur, 0, sizeof(f->cur));
	f->cur.line = f->ln;
	f->cur.g = qa_groups_get(&p->groups, key, kl, qa_hash(key, kl), NULL);
	for (q = r->f[2 + nd]; *q; q = *end ? end + 1 : end) {
		long long v;

		if (nc == QA_C_N || !(*q >= '0' && *q <= '9'))
			break;
		v = strtoll(q, &end, 10);
		if (v > STATE_MAX || (*end != ' ' && *end != '\0'))
			break;
		f->cur.c[nc++] = v;
	}
	if (*q != '\0' || nc != QA_C_N) {
		if (*q == '\0')
			snprintf(why, sizeof(why), _("%d counters instead of "
			    "%d"), nc, QA_C_N);
		else
			snprintf(why, sizeof(why), "%s", _("bad counters"));
		return bad_state(f->path, f->ln, why);
	}
	/* Unsigned: N shards of 2^50 must not be undefined behaviour. */
	for (int c = 0; c < QA_C_N; c++)
		f->cur.g->a.c[c] = (int64_t)((uint64_t)f->cur.g->a.c[c] +
		    (uint64_t)f->cur.c[c]);
	return 0;
}

/* The config, shard and bad lines, each once, before the groups. */
static int
head_line(struct qa_opts *o, struct qa_part *p, struct sfile *f,
    const struct bbt_rec *r, char **config, unsigned char *seen,
    int *shard_n)
{
	if (strcmp(r->f[0], "config") == 0 && r->nf == 2) {
		if (f->have_config++)
			return bad_state(f->path, f->ln, _("a second config "
			    "line"));
		if (*config == NULL) {
			*config = strdup(r->f[1]);
			by_from_config(o, r->f[1]);
		} else if (strcmp(*config, r->f[1]) != 0) {
			warnx(_("%s: made with other options than the "
			    "first partial (%s)"), f->path, r->f[1]);
			return EX_DATAERR;
		}
	} else if (strcmp(r->f[0], "shard") == 0 && r->nf == 3) {
		int k = atoi(r->f[1]), n = atoi(r->f[2]);

		if (f->have_shard++)
			return bad_state(f->path, f->ln, _("a second shard "
			    "line"));
		if (*shard_n == 0)
			*shard_n = n;
		if (n != *shard_n || k < 1 || k > n || n > 100000) {
			warnx(_("%s: shard %d/%d does not fit the "
			    "other partials' %d shards"), f->path, k, n,
			    *shard_n);
			return EX_DATAERR;
		}
		if (seen[k - 1]) {
			warnx(_("%s: shard %d/%d is given twice"), f->path, k,
			    n);
			return EX_DATAERR;
		}
		seen[k - 1] = 1;
	} else if (strcmp(r->f[0], "bad") == 0 && r->nf == 2) {
		char *end;
		long long v = strtoll(r->f[1], &end, 10);

		if (f->have_bad++)
			return bad_state(f->path, f->ln, _("a second bad "
			    "line"));
		if (*end != '\0' || end == r->f[1] || v < 0 || v > STATE_MAX)
			return bad_state(f->path, f->ln, _("bad counters"));
		p->bad = (int64_t)((uint64_t)p->bad + (uint64_t)v);
	} else
		return bad_state(f->path, f->ln, _("unknown line"));
	if (f->prevlen != SIZE_MAX)
		return bad_state(f->path, f->ln, _("a config, shard or bad "
		    "line after the groups"));
	return 0;
}

static int
read_one(struct qa_opts *o, struct qa_part *p, const char *path,
    char **config, unsigned char *seen, int *shard_n, int *ndims)
{
	FILE *fp = strcmp(path, "-") == 0 ? stdin : fopen(path, "r");
	struct sfile f = { .path = path, .ndims = ndims, .prevlen = SIZE_MAX };
	char *line = NULL;
	size_t cap = 0;
	ssize_t len;
	int rc = 0;

	if (fp == NULL) {
		warn("%s", path);
		return EX_NOINPUT;
	}
	while (rc == 0 && (len = getline(&line, &cap, fp)) > 0) {
		struct bbt_rec r;
		const char *why;

		f.ln++;
		if (line[len - 1] == '\n')
			line[--len] = '\0';
		if (f.ln == 1) {
			if (strcmp(line, "qareport-state\t1") == 0)
				rc = bad_state(path, f.ln, _("a state of an "
				    "older qareport (version 1): make the "
				    "partials again"));
			else if (strcmp(line, "qareport-state\t2") != 0)
				rc = bad_state(path, f.ln, _("no header line"));
		} else if (f.ended)
			rc = bad_state(path, f.ln, _("a line after the end "
			    "line"));
		else if (strncmp(line, "h\t", 2) == 0)
			rc = hist_line(&f, line);
		else if (bbt_rec_split_raw(line, (size_t)len, &r, &why) < 0)
			rc = bad_state(path, f.ln, _(why));
		else if (strcmp(r.f[0], "g") == 0 && r.nf >= 3)
			rc = group_line(p, &f, &r);
		else if (strcmp(r.f[0], "end") == 0 && r.nf == 1) {
			if ((rc = group_check(&f)) == 0 && (!f.have_config ||
			    !f.have_shard || !f.have_bad))
				rc = bad_state(path, f.ln, _("no config, shard "
				    "or bad line"));
			f.ended = 1;
		} else
			rc = head_line(o, p, &f, &r, config, seen, shard_n);
	}
	if (rc == 0 && ferror(fp)) {
		warn("%s", path);
		rc = EX_IOERR;
	}
	if (rc == 0 && !f.ended)
		rc = bad_state(path, f.ln, _("truncated (no end line)"));
	free(line);
	if (fp != stdin)
		fclose(fp);
	return rc;
}
int
qa_state_read(struct qa_opts *o, struct qa_part *p)
{
	unsigned char *seen = calloc(100000, 1);
	char *config = NULL;
	int shard_n = 0, ndims = 0, rc = 0;

	if (seen == NULL)
		err(71, "calloc");
	for (int i = 0; i < o->nfiles && rc == 0; i++)
		rc = read_one(o, p, o->files[i], &config, seen, &shard_n,
		    &ndims);
	if (rc == 0) {
		int missing = 0;
		for (int k = 0; k < shard_n; k++)
			if (!seen[k]) {
				if (missing++ < 5)
					warnx(_("shard %d/%d is missing"), k + 1,
					    shard_n);
			}
		if (missing)
			rc = EX_DATAERR;
	}
	free(config);
	free(seen);
	return rc;
}
