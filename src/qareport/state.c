/* SPDX-License-Identifier: MIT */
/*
 * --partial and --merge: the aggregate state as plain text.
 *
 *	qareport-state	1
 *	config	by=tech period=completed ... (limits and windows)
 *	shard	K	N
 *	bad	COUNT
 *	g	NDIMS	DIM...	C0 C1 ... (counters, enum qa_ctr order)
 *	h	WHICH	MINUTE:COUNT ...	(histograms of the group above)
 *	end
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

	fprintf(fp, "qareport-state\t1\nconfig\t%s\nshard\t%d\t%d\n"
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

static int
read_one(struct qa_opts *o, struct qa_part *p, const char *path,
    char **config, unsigned char *seen, int *shard_n)
{
	FILE *fp = strcmp(path, "-") == 0 ? stdin : fopen(path, "r");
	char *line = NULL;
	size_t cap = 0;
	ssize_t len;
	unsigned long ln = 0;
	struct qa_group *g = NULL;
	int ended = 0, rc = 0;

	if (fp == NULL) {
		warn("%s", path);
		return EX_NOINPUT;
	}
	while ((len = getline(&line, &cap, fp)) > 0) {
		struct bbt_rec r;
		const char *why;

		ln++;
		if (line[len - 1] == '\n')
			line[--len] = '\0';
		if (ln == 1) {
			if (strcmp(line, "qareport-state\t1") != 0) {
				rc = bad_state(path, ln, _("no header line"));
				break;
			}
			continue;
		}
		if (strncmp(line, "h\t", 2) == 0 && g) {
			/* Histogram lines are long: parse in place. */
			char *q = line + 2, *end;
			long which = strtol(q, &end, 10);

			if (*end != '\t' || which < 0 || which >= QA_H_N) {
				rc = bad_state(path, ln, _("bad histogram"));
				break;
			}
			q = end + 1;
			while (*q) {
				unsigned long long m, c;
				char *e2;

				m = strtoull(q, &end, 10);
				if (end == q || *end != ':' || m >= UINT32_MAX - 1)
					break;
				c = strtoull(end + 1, &e2, 10);
				if (e2 == end + 1 || (*e2 != ' ' && *e2 != '\0'))
					break;
				qa_hist_add(&g->a.h[which], (uint32_t)m, c);
				q = *e2 ? e2 + 1 : e2;
			}
			if (*q) {
				rc = bad_state(path, ln, _("bad histogram"));
				break;
			}
			continue;
		}
		if (bbt_rec_split_raw(line, (size_t)len, &r, &why) < 0) {
			rc = bad_state(path, ln, _(why));
			break;
		}
		if (strcmp(r.f[0], "config") == 0 && r.nf == 2) {
			if (*config == NULL) {
				*config = strdup(r.f[1]);
				by_from_config(o, r.f[1]);
			} else if (strcmp(*config, r.f[1]) != 0) {
				warnx(_("%s: made with other options than the "
				    "first partial (%s)"), path, r.f[1]);
				rc = EX_DATAERR;
				break;
			}
		} else if (strcmp(r.f[0], "shard") == 0 && r.nf == 3) {
			int k = atoi(r.f[1]), n = atoi(r.f[2]);

			if (*shard_n == 0)
				*shard_n = n;
			if (n != *shard_n || k < 1 || k > n || n > 100000) {
				warnx(_("%s: shard %d/%d does not fit the "
				    "other partials' %d shards"), path, k, n,
				    *shard_n);
				rc = EX_DATAERR;
				break;
			}
			if (seen[k - 1]) {
				warnx(_("%s: shard %d/%d is given twice"),
				    path, k, n);
				rc = EX_DATAERR;
				break;
			}
			seen[k - 1] = 1;
		} else if (strcmp(r.f[0], "bad") == 0 && r.nf == 2) {
			long long v = strtoll(r.f[1], NULL, 10);

			if (v < 0 || v > (1LL << 50)) {
				rc = bad_state(path, ln, _("bad counters"));
				break;
			}
			p->bad = (int64_t)((uint64_t)p->bad + (uint64_t)v);
		} else if (strcmp(r.f[0], "g") == 0 && r.nf >= 3) {
			int nd = atoi(r.f[1]);
			char key[4096];
			size_t kl = 0;
			char *q, *end;

			if (nd < 1 || nd > QA_MAXDIMS + 1 ||
			    r.nf != (size_t)nd + 3) {
				rc = bad_state(path, ln, _("bad group"));
				break;
			}
			for (int i = 0; i < nd; i++) {
				size_t n = strlen(r.f[2 + i]);
				if (kl + n + 1 > sizeof(key))
					break;
				memcpy(key + kl, r.f[2 + i], n + 1);
				kl += n + 1;
			}
			g = qa_groups_get(&p->groups, key, kl,
			    qa_hash(key, kl), NULL);
			q = r.f[2 + nd];
			for (int c = 0; c < QA_C_N; c++) {
				long long v = strtoll(q, &end, 10);

				/* Counts of real logs are far below 2^50;
				 * larger ones are damage (and could overflow
				 * in the sums). */
				if (end == q || v < 0 || v > (1LL << 50)) {
					q = end == q ? q : "x";
					break;
				}
				g->a.c[c] = (int64_t)((uint64_t)g->a.c[c] +
				    (uint64_t)v);
				q = end;
			}
			if (*q != '\0') {
				rc = bad_state(path, ln, _("bad counters"));
				break;
			}
		} else if (strcmp(r.f[0], "end") == 0) {
			ended = 1;
		} else {
			rc = bad_state(path, ln, _("unknown line"));
			break;
		}
	}
	if (rc == 0 && ferror(fp)) {
		warn("%s", path);
		rc = EX_IOERR;
	}
	if (rc == 0 && !ended)
		rc = bad_state(path, ln, _("truncated (no end line)"));
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
	int shard_n = 0, rc = 0;

	if (seen == NULL)
		err(71, "calloc");
	for (int i = 0; i < o->nfiles && rc == 0; i++)
		rc = read_one(o, p, o->files[i], &config, seen, &shard_n);
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
