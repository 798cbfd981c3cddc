/* SPDX-License-Identifier: MIT */
/*
 * Output of a verdict: fault records (bbt-record(5)), JSON Lines with
 * the lists as arrays, or, on a terminal, an explanation in the locale's
 * language with the catalogue's handling steps.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "bbdiag/bbdiag.h"
#include "lib/i18n.h"
#include "lib/out.h"
#include "lib/rec.h"
#include "lib/state.h"

/* Evidence field: for, !against, ?missing, conflict=ID (rank 1 only for
 * the last two). */
static void
evidence_field(const struct verdict *v, const struct cand *k, int first,
    char *buf, size_t sz)
{
	const struct catalogue *c = v->ev->cat;
	size_t n = 0;

	buf[0] = '\0';
#define ADD(s) do { \
	const char *s_ = (s); \
	size_t l_ = strlen(s_); \
	if (n + l_ + 2 >= sz) return; \
	if (n) buf[n++] = ','; \
	memcpy(buf + n, s_, l_ + 1); \
	n += l_; \
} while (0)
	if (k != NULL) {
		if (k->consequence_of) {
			char t[32];

			snprintf(t, sizeof(t), "consequence_of=%d",
			    k->consequence_of);
			ADD(t);
		}
		for (size_t i = 0; i < k->nitems; i++)
			ADD(k->items[i]);
		for (size_t i = 0; i < k->nagainst; i++)
			ADD(k->against[i]);
	} else {
		for (size_t i = 0; i < v->ev->nunexplained; i++) {
			char t[160];

			snprintf(t, sizeof(t), "unexplained=%s",
			    v->ev->unexplained[i]);
			ADD(t);
		}
	}
	if (!first)
		return;
	for (size_t i = 0; i < v->nmissing; i++)
		ADD(v->missing[i]);
	for (size_t i = 0; i < v->nconflicts; i++) {
		char t[160];

		snprintf(t, sizeof(t), "conflict=%s",
		    c->conflicts[v->conflicts[i]].id);
		ADD(t);
	}
	for (size_t i = 0; i < v->nobs_conflicts; i++) {
		char t[160];

		snprintf(t, sizeof(t), "conflict=%s", v->obs_conflicts[i]);
		ADD(t);
	}
	if (v->check_conflict) {
		char t[160];

		snprintf(t, sizeof(t), "conflict=%s", v->check_conflict);
		ADD(t);
	}
#undef ADD
}

static void
steps_field(const struct fault *f, char *buf, size_t sz)
{
	size_t n = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < f->nsteps; i++) {
		size_t l = strlen(f->steps[i].key);

		if (n + l + 2 >= sz)
			return;
		if (n)
			buf[n++] = ',';
		memcpy(buf + n, f->steps[i].key, l + 1);
		n += l;
	}
}

/* "0.75": confidences are rounded to two decimals already. */
static void
conf_text(double c, char *buf)
{
	int x = (int)(c * 100 + 0.5);

	if (x < 0)
		x = 0;
	if (x > 100)
		x = 100;
	buf[0] = (char)('0' + x / 100);
	buf[1] = '.';
	buf[2] = (char)('0' + x / 10 % 10);
	buf[3] = (char)('0' + x % 10);
	buf[4] = '\0';
}

/* The case id, rank, fault, side, confidence, layer of one line. */
struct line {
	char		 rank[8], conf[8];
	const char	*id, *side, *layer;
	const struct fault *f;
	const struct cand *k;
};

/*
 * The lines of one case: the ranked candidates, or a single "none" or
 * "unknown". The confidence of "none" grows with the number of checks
 * that passed: one ok check is weak evidence of a healthy line.
 */
static size_t
lines_of(const struct outctx *o, const struct verdict *v, struct line *l,
    size_t max)
{
	const struct catalogue *c = o->cat;
	size_t n = 0;

	if (v->n == 0) {
		memset(l, 0, sizeof(*l));
		strcpy(l->rank, "1");
		l->id = v->healthy ? "none" : "unknown";
		if (v->healthy) {
			double conf = (double)(v->ev->nok + 1) /
			    (double)(v->ev->nok + 2);

			if (v->nconflicts || v->nobs_conflicts ||
			    v->check_conflict)
				conf *= o->cat->conflict_factor;
			conf_text(floor(conf * 100 + 0.5) / 100, l->conf);
		} else
			strcpy(l->conf, "0.00");
		return 1;
	}
	for (size_t i = 0; i < v->n && n < max; i++, n++) {
		const struct cand *k = &v->c[i];

		memset(&l[n], 0, sizeof(l[n]));
		snprintf(l[n].rank, sizeof(l[n].rank), "%zu", i + 1);
		conf_text(k->conf, l[n].conf);
		l[n].k = k;
		l[n].f = &c->faults[k->fault];
		l[n].id = l[n].f->id;
		l[n].side = side_names[k->side];
		l[n].layer = c->layers[l[n].f->layer].id;
	}
	return n;
}

static void
json_list(FILE *fp, const char *key, char *const *v, size_t n, int skip)
{
	fprintf(fp, ",\"%s\":[", key);
	for (size_t i = 0; i < n; i++) {
		if (i)
			putc(',', fp);
		bbt_json_string(fp, v[i] + skip);
	}
	putc(']', fp);
}

/* JSON keeps the lists as arrays (evidence, against, missing, steps)
 * instead of the record's comma-joined field: no splitting needed. */
static void
write_json(const struct outctx *o, const struct verdict *v,
    const struct line *l, int first)
{
	const struct catalogue *c = o->cat;
	FILE *fp = o->fp;
	const char *none[1];

	fputs("{\"type\":\"fault\",\"case\":", fp);
	bbt_json_string(fp, v->ev->case_id ? v->ev->case_id : "-");
	fprintf(fp, ",\"rank\":%s,\"id\":", l->rank);
	bbt_json_string(fp, l->id);
	fputs(",\"side\":", fp);
	if (l->side)
		bbt_json_string(fp, l->side);
	else
		fputs("null", fp);
	fprintf(fp, ",\"confidence\":%s,\"layer\":", l->conf);
	if (l->layer)
		bbt_json_string(fp, l->layer);
	else
		fputs("null", fp);
	if (l->f) {
		fputs(",\"name\":", fp);
		bbt_json_string(fp, l->f->name_en);
		fputs(",\"name_zh\":", fp);
		bbt_json_string(fp, l->f->name_zh);
	}
	if (l->k) {
		if (l->k->consequence_of)
			fprintf(fp, ",\"consequence_of\":%d",
			    l->k->consequence_of);
		json_list(fp, "evidence", l->k->items, l->k->nitems, 0);
		json_list(fp, "against", l->k->against, l->k->nagainst, 1);
	} else {
		json_list(fp, "evidence", (char *const *)none, 0, 0);
		fputs(",\"unexplained\":[", fp);
		for (size_t i = 0; i < v->ev->nunexplained; i++) {
			if (i)
				putc(',', fp);
			bbt_json_string(fp, v->ev->unexplained[i]);
		}
		putc(']', fp);
	}
	if (first) {
		json_list(fp, "missing", v->missing, v->nmissing, 1);
		fputs(",\"conflicts\":[", fp);
		for (size_t i = 0; i < v->nconflicts; i++) {
			if (i)
				putc(',', fp);
			bbt_json_string(fp, c->conflicts[v->conflicts[i]].id);
		}
		for (size_t i = 0; i < v->nobs_conflicts; i++) {
			if (i || v->nconflicts)
				putc(',', fp);
			bbt_json_string(fp, v->obs_conflicts[i]);
		}
		if (v->check_conflict) {
			if (v->nconflicts || v->nobs_conflicts)
				putc(',', fp);
			bbt_json_string(fp, v->check_conflict);
		}
		putc(']', fp);
	}
	fputs(",\"steps\":[", fp);
	for (size_t i = 0; l->f && i < l->f->nsteps; i++) {
		if (i)
			putc(',', fp);
		bbt_json_string(fp, l->f->steps[i].key);
	}
	fputs("]}\n", fp);
}

static const char *
side_label(int side)
{
	static const char *const labels[SIDE_NAMES] = {
		N_("customer equipment"), N_("customer account"),
		N_("access line"), N_("operator equipment"),
		N_("operator network"),
	};

	return _(labels[side]);
}

static void
list_line(FILE *fp, const char *label, char *const *v, size_t n, int skip)
{
	size_t len = strlen(label);

	if (n == 0)
		return;
	/* A full-width colon (zh_CN) has its space built in. */
	fprintf(fp, "   %s%s", label, len >= 3 &&
	    strcmp(label + len - 3, "\xef\xbc\x9a") == 0 ? "" : " ");
	for (size_t i = 0; i < n; i++)
		fprintf(fp, "%s%s", i ? ", " : "", v[i] + skip);
	putc('\n', fp);
}

/*
 * The explanation for the technician: names, causes, steps, layers and
 * conflict texts from the catalogue in the locale's language; the ids
 * and step keys stay visible so that a report can quote them.
 */
static void
write_text(const struct outctx *o, const struct verdict *v,
    const struct line *l, size_t n)
{
	const struct catalogue *c = o->cat;
	FILE *fp = o->fp;
	const char *cid = v->ev->case_id ? v->ev->case_id : "-";
	const char *on = "", *off = "";

	if (l[0].f == NULL) {
		if (o->color) {
			on = bbt_color_state(v->healthy ? BBT_OK : BBT_UNKNOWN);
			off = BBT_COLOR_RESET;
		}
		if (v->healthy)
			fprintf(fp, _("Case %s: %snone%s: no fault; the "
			    "evidence shows a working line (checks ok: "
			    "%zu).\n"), cid,
			    on, off, v->ev->nok);
		else
			fprintf(fp, _("Case %s: %sunknown%s: no fault of the "
			    "catalogue matches the evidence.\n"), cid, on, off);
		for (size_t i = 0; i < v->ev->nunexplained; i++)
			fprintf(fp, _("   Failed check no rule explains: %s\n"),
			    v->ev->unexplained[i]);
		if (!v->healthy)
			fprintf(fp, _("   Collect more evidence: run linecheck "
			    "or pppoe-probe, or answer the questions of "
			    "bbdiag --ask.\n"));
	} else {
		if (o->color) {
			on = bbt_color_state(BBT_CRITICAL);
			off = BBT_COLOR_RESET;
		}
		fprintf(fp, _("Case %s: the most likely fault first.\n"), cid);
	}
	for (size_t i = 0; i < n && l[i].f; i++) {
		const struct fault *f = l[i].f;
		const struct layer *ly = &c->layers[f->layer];

		fprintf(fp, "%s. %s%s%s: %s\n", l[i].rank, i == 0 ? on : "",
		    f->id, i == 0 ? off : "", o->zh ? f->name_zh : f->name_en);
		fprintf(fp, _("   Side: %s (%s); confidence %s; layer: %s.\n"),
		    side_names[l[i].k->side], side_label(l[i].k->side),
		    l[i].conf, o->zh ? ly->zh : ly->en);
		if (l[i].k->consequence_of)
			fprintf(fp, _("   Likely a consequence of %d. (its "
			    "confidence is capped at that one's)\n"),
			    l[i].k->consequence_of);
		fprintf(fp, _("   Probable cause: %s\n"),
		    o->zh ? f->cause_zh : f->cause_en);
		list_line(fp, _("Evidence for:"), l[i].k->items,
		    l[i].k->nitems, 0);
		list_line(fp, _("Evidence against:"), l[i].k->against,
		    l[i].k->nagainst, 1);
		if (i > 0)
			continue;
		fprintf(fp, "   %s\n", _("Steps:"));
		for (size_t j = 0; j < f->nsteps; j++)
			fprintf(fp, "     %zu) %s [%s]\n", j + 1,
			    o->zh ? f->steps[j].zh : f->steps[j].en,
			    f->steps[j].key);
	}
	if (v->nmissing)
		list_line(fp, v->n > 1 ? _("Evidence that would separate the "
		    "first two:") : _("Evidence that would confirm it:"),
		    v->missing, v->nmissing, 1);
	for (size_t i = 0; i < v->nconflicts; i++) {
		const struct conflict *k = &c->conflicts[v->conflicts[i]];

		fprintf(fp, _("   Contradiction (%s): %s\n"), k->id,
		    o->zh ? k->zh : k->en);
	}
	for (size_t i = 0; i < v->nobs_conflicts; i++)
		fprintf(fp, _("   Contradiction: '%s' was given two different "
		    "values; the last one was used.\n"), v->obs_conflicts[i]);
	if (v->check_conflict)
		fprintf(fp, _("   Contradiction: check '%s' is both ok and "
		    "critical for the same target.\n"), v->check_conflict);
	putc('\n', fp);
}

/* One record field: fast when nothing needs escaping (the usual case);
 * NULL or "" as "-". */
static void
put_field(FILE *fp, const char *s)
{
	putc_unlocked('\t', fp);
	if (s == NULL || *s == '\0') {
		putc_unlocked('-', fp);
		return;
	}
	if (strpbrk(s, "\t\n\r\\") == NULL) {
		fputs_unlocked(s, fp);
		return;
	}
	for (; *s; s++)
		switch (*s) {
		case '\t':
			fputs_unlocked("\\t", fp);
			break;
		case '\n':
			fputs_unlocked("\\n", fp);
			break;
		case '\r':
			fputs_unlocked("\\r", fp);
			break;
		case '\\':
			fputs_unlocked("\\\\", fp);
			break;
		default:
			putc_unlocked(*s, fp);
		}
}

/* The frame's text with {reply} replaced by the fault's part. */
static void
put_frame(FILE *fp, const char *frame, const char *part)
{
	const char *p = strstr(frame, "{reply}");

	if (p == NULL) {
		fputs(frame, fp);
		return;
	}
	fwrite(frame, 1, (size_t)(p - frame), fp);
	fputs(part ? part : "", fp);
	fputs(p + 7, fp);
}

/*
 * The answer to give the customer (故障原因答复, domain.md §1): for the
 * best candidate, the catalogue's frame for its side group, our side's
 * with the unified wording and an apology, the customer's explained
 * without blame, with the fault's own part in it. Frames and parts are
 * the catalogue's, so admins word them; a missing part falls back to
 * the fault's name, a missing frame to the part alone.
 */
static void
write_reply(const struct outctx *o, const struct verdict *v)
{
	const struct catalogue *c = o->cat;
	const char *cid = v->ev->case_id ? v->ev->case_id : "-";
	const char *frame, *part = NULL;
	int kind;

	if (v->n == 0)
		kind = v->healthy ? RP_NONE : RP_UNKNOWN;
	else {
		const struct fault *f = &c->faults[v->c[0].fault];
		int side = v->c[0].side;

		kind = side == 0 || side == 1 ? RP_CUSTOMER : RP_OURS;
		part = o->zh ? f->reply_zh : f->reply_en;
		if (part == NULL)
			part = o->zh ? f->name_zh : f->name_en;
	}
	frame = o->zh ? c->reply_zh[kind] : c->reply_en[kind];
	if (strcmp(cid, "-") != 0)
		fprintf(o->fp, "%s: ", cid);
	if (frame != NULL)
		put_frame(o->fp, frame, part);
	else if (part != NULL)
		fputs(part, o->fp);
	putc('\n', o->fp);
}

int
out_verdict(struct outctx *o, const struct verdict *v)
{
	struct line l[16];
	size_t n, max = o->top ? o->top : 3;
	char ev[4096], st[1024];

	if (max > 16)
		max = 16;
	if (o->fmt == DF_REPLY) {
		write_reply(o, v);
		return ferror(o->fp) ? -1 : 0;
	}
	n = lines_of(o, v, l, max);
	if (o->fmt == DF_TEXT) {
		write_text(o, v, l, n);
		return ferror(o->fp) ? -1 : 0;
	}
	for (size_t i = 0; i < n; i++) {
		if (o->fmt == DF_JSON) {
			write_json(o, v, &l[i], i == 0);
			continue;
		}
		evidence_field(v, l[i].k, i == 0, ev, sizeof(ev));
		st[0] = '\0';
		if (l[i].f)
			steps_field(l[i].f, st, sizeof(st));
		fputs_unlocked("fault", o->fp);
		put_field(o->fp, v->ev->case_id);
		put_field(o->fp, l[i].rank);
		put_field(o->fp, l[i].id);
		put_field(o->fp, l[i].side);
		put_field(o->fp, l[i].conf);
		put_field(o->fp, l[i].layer);
		put_field(o->fp, ev);
		put_field(o->fp, st);
		putc_unlocked('\n', o->fp);
	}
	return ferror(o->fp) ? -1 : 0;
}
