/* SPDX-License-Identifier: MIT */
/*
 * qareport-gen: a deterministic generator of realistic work-order tables
 * for bench/qareport.sh and the cross-check test. The same --rows/--seed
 * give the same bytes on every run (one RNG stream per 50 000-row chunk).
 *
 *	cc -O2 -o build/qareport-gen bench/qareport-gen.c -lm
 *	build/qareport-gen --rows 10000000 > orders.tsv	(~1.5 GB)
 *
 * Options: --rows N, --seed S, --accounts A, --dirty (about 3 % bad rows:
 * bad times, wrong column counts, invalid UTF-8, unknown kinds, CRLF),
 * --csv, --all-kinds (leased-line installs 6 %, complaint visits and
 * inspections 2 % each, and open orders: qareport's rules of issue 23;
 * without it the bytes are those the benchmarks were measured on). Rows
 * are in roughly accepted order with jitter and late logging.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CHUNK	50000
#define NAREA	20
#define NTECH	500
#define UNKNOWN	INT64_MIN

struct rng { uint64_t s; };

static uint64_t
next(struct rng *r)
{
	/* splitmix64: fast, and good enough for synthetic data. */
	uint64_t z = (r->s += 0x9e3779b97f4a7c15ULL);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static double
unif(struct rng *r)
{
	return (double)(next(r) >> 11) / 9007199254740992.0;
}

static long
range(struct rng *r, long n)
{
	return (long)(next(r) % (uint64_t)n);
}

static double
gauss(struct rng *r)
{
	double u = unif(r), v = unif(r);
	if (u < 1e-300)
		u = 1e-300;
	return sqrt(-2 * log(u)) * cos(2 * M_PI * v);
}

static const char *const areas[NAREA] = {
	"Yuzhong", "Jiangbei", "Shapingba", "Jiulongpo", "Nan An", "渝北",
	"Banan", "Beibei", "Dadukou", "Liangjiang New", "Changshou",
	"Jiangjin", "Hechuan", "永川", "Nanchuan", "Qijiang Rural",
	"Dazu", "Bishan", "Tongliang", "Tongnan",
};
/* Area sizes (relative) and zone: the last eight are rural. */
static const int asize[NAREA] = { 14, 12, 11, 10, 9, 13, 7, 6, 4, 8,
	4, 5, 5, 4, 3, 3, 3, 3, 2, 2 };

static int tech_first[NAREA], tech_count[NAREA];
static double tech_bias[NTECH], tech_speed[NTECH], tech_notice[NTECH];
static double tech_parts[NTECH], tech_rate[NTECH];

/* Civil date of a day number (Hinnant). */
static void
civil(int64_t z, int *y, int *m, int *d)
{
	z += 719468;
	int64_t era = (z >= 0 ? z : z - 146096) / 146097;
	unsigned doe = (unsigned)(z - era * 146097);
	unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int64_t yy = (int64_t)yoe + era * 400;
	unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	unsigned mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yy + (*m <= 2));
}

static char *
put_time(char *w, int64_t min)
{
	static int64_t cday = -1;
	static char cdate[40];
	int64_t day = min / 1440;
	int mi = (int)(min % 1440);

	if (min == UNKNOWN) {
		*w++ = '-';
		return w;
	}
	if (day != cday) {
		int y, m, d;
		civil(day, &y, &m, &d);
		snprintf(cdate, sizeof(cdate), "%04d-%02d-%02d", y, m, d);
		cday = day;
	}
	memcpy(w, cdate, 10);
	w[10] = ' ';
	w[11] = (char)('0' + mi / 600);
	w[12] = (char)('0' + mi / 60 % 10);
	w[13] = ':';
	w[14] = (char)('0' + mi % 60 / 10);
	w[15] = (char)('0' + mi % 10);
	return w + 16;
}

static int64_t year_start;	/* 2024-01-01 00:00 in naive minutes */

static long
pick_account(struct rng *r, long nacc, int repair)
{
	/* 2 % chronic accounts at 25x weight, 10 % at 4x, for repairs. */
	double u = unif(r);
	long nchronic = nacc / 50, nfour = nacc / 10;

	if (!repair || nchronic == 0)
		return range(r, nacc);
	if (u < 0.281)
		return range(r, nchronic);
	if (u < 0.506)
		return nchronic + range(r, nfour);
	return range(r, nacc);
}

static int
account_area(long acc)
{
	uint64_t h = (uint64_t)acc * 0x9e3779b97f4a7c15ULL;
	int tot = 0, x;

	for (int i = 0; i < NAREA; i++)
		tot += asize[i];
	x = (int)((h >> 32) % (uint64_t)tot);
	for (int i = 0; i < NAREA; i++) {
		if (x < asize[i])
			return i;
		x -= asize[i];
	}
	return 0;
}

int
main(int argc, char **argv)
{
	long rows = 1000000, nacc = 100000;
	uint64_t seed = 1;
	int dirty = 0, csv = 0, all_kinds = 0;
	char sep;
	static char out[1 << 20];
	size_t olen = 0;

	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--rows") == 0 && i + 1 < argc)
			rows = atol(argv[++i]);
		else if (strcmp(argv[i], "--seed") == 0 && i + 1 < argc)
			seed = strtoull(argv[++i], NULL, 10);
		else if (strcmp(argv[i], "--accounts") == 0 && i + 1 < argc)
			nacc = atol(argv[++i]);
		else if (strcmp(argv[i], "--dirty") == 0)
			dirty = 1;
		else if (strcmp(argv[i], "--csv") == 0)
			csv = 1;
		else if (strcmp(argv[i], "--all-kinds") == 0)
			all_kinds = 1;
		else {
			fprintf(stderr, "usage: qareport-gen [--rows N] "
			    "[--seed S] [--accounts A] [--dirty] [--csv] "
			    "[--all-kinds]\n");
			return 64;
		}
	}
	if (rows < 0 || nacc < 1)
		return 64;
	sep = csv ? ',' : '\t';
	year_start = ((int64_t)19723) * 1440;	/* 2024-01-01 */
	{
		struct rng r = { seed * 7919 + 17 };
		int t = 0, tot = 0;
		for (int i = 0; i < NAREA; i++)
			tot += asize[i];
		for (int i = 0; i < NAREA; i++) {
			tech_first[i] = t;
			tech_count[i] = NTECH * asize[i] / tot;
			if (i == NAREA - 1)
				tech_count[i] = NTECH - t;
			t += tech_count[i];
		}
		for (int i = 0; i < NTECH; i++) {
			tech_bias[i] = gauss(&r) * 8 - 12;
			tech_speed[i] = 0.8 + unif(&r) * 0.5;
			tech_notice[i] = 0.6 + unif(&r) * 0.4;
			tech_parts[i] = 0.035 + unif(&r) * 0.03;
			tech_rate[i] = unif(&r) * 0.6 - 0.2;
		}
	}
	printf("id%ckind%caccount%carea%czone%ctech%cteam%caccepted%c"
	    "appointment%cnotified%crescheduled%carrived%cleft%ccompleted%c"
	    "outcome%ccalled%cnote%cvisits%ccallback%crating\n", sep, sep, sep,
	    sep, sep, sep, sep, sep, sep, sep, sep, sep, sep, sep, sep, sep,
	    sep, sep, sep);
	fflush(stdout);
	for (long c0 = 0; c0 < rows; c0 += CHUNK) {
		struct rng r = { seed * 1000003ULL + (uint64_t)(c0 / CHUNK) *
		    0x51ed270b2a7f1b1dULL };
		long c1 = c0 + CHUNK < rows ? c0 + CHUNK : rows;

		for (long i = c0; i < c1; i++) {
			char *w = out + olen;
			int64_t acc_t, appt, notif = UNKNOWN, resch = UNKNOWN;
			int64_t arr = UNKNOWN, left = UNKNOWN, comp = UNKNOWN;
			double u = unif(&r);
			int kind = u < 0.55 ? 2 : u < 0.88 ? 0 : 1;
			long acc = pick_account(&r, nacc, kind == 2);
			int area = account_area(acc);
			int rural = area >= NAREA - 8;
			int tech = tech_first[area] + (int)range(&r,
			    tech_count[area]);
			int outcome, visits = 0, callback = -1, rating = 0;
			int called = -1, note = -1;
			static const char *const kinds[] = { "install",
				"move", "repair", "leased", "complaint",
				"inspection" };
			static const char *const outs[] = { "done",
				"no-answer", "rescheduled", "cancelled", "-",
				"open" };
			/* The word written; kind (0-2) drives the timing. */
			int word = kind;

			if (all_kinds && kind != 2) {
				double v = unif(&r);

				word = v < 0.133 ? 3 : v < 0.177 ? 4 :
				    v < 0.222 ? 5 : kind;
			}

			/* Accepted: spread over 2024, busier by day. */
			acc_t = year_start + (int64_t)((double)i / (double)rows *
			    366 * 1440);
			{
				int64_t day = acc_t / 1440;
				acc_t = day * 1440 + 7 * 60 +
				    (int64_t)(unif(&r) * unif(&r) * 14 * 60);
			}
			if (unif(&r) < 0.28)
				acc_t += range(&r, 7) - 3;
			if (unif(&r) < 0.02)
				acc_t -= 30 + range(&r, 7 * 1440);
			if (acc_t < year_start)
				acc_t = year_start + range(&r, 600);
			appt = (acc_t + 60 + range(&r, 47 * 60)) / 30 * 30;
			u = unif(&r);
			outcome = u < 0.80 ? 0 : u < 0.86 ? 1 : u < 0.94 ? 2 :
			    u < 0.98 ? 3 : 4;
			/* Half the orders without an outcome say open. */
			if (all_kinds && outcome == 4 && (i & 1))
				outcome = 5;
			if (outcome == 0 || outcome == 1) {
				arr = appt + (int64_t)(tech_bias[tech] +
				    gauss(&r) * 15);
				if (arr < acc_t)
					arr = acc_t + range(&r, 30);
			}
			if (outcome == 0) {
				double med = kind == 2 ? 50 : 110;
				double dur = med * tech_speed[tech] *
				    exp(gauss(&r) * 0.5);
				left = arr + (int64_t)dur + 1;
				comp = left;
				if (kind == 2 && unif(&r) < tech_parts[tech])
					comp += 1440 + range(&r, 4 * 1440);
				else if (kind != 2 && unif(&r) < 0.05)
					comp += 1440 + range(&r, 6 * 1440);
				visits = kind == 2 ? (unif(&r) < 0.85 ? 1 :
				    unif(&r) < 0.8 ? 2 : 3) : 1;
				callback = unif(&r) < 0.6;
				if (unif(&r) < 0.34) {
					double q = unif(&r) + tech_rate[tech];
					rating = q < 0.03 ? 1 : q < 0.07 ? 2 :
					    q < 0.15 ? 3 : q < 0.40 ? 4 : 5;
				}
			} else if (outcome == 1) {
				left = arr + 3 + range(&r, 18);
				called = unif(&r) < 0.9;
				note = unif(&r) < 0.85;
			} else if (outcome == 2) {
				if (unif(&r) < 0.92)
					notif = appt - (int64_t)(unif(&r) *
					    unif(&r) * 30 * 60 /
					    tech_notice[tech]);
				resch = appt + 1440 + range(&r, 2 * 1440);
				if (notif != UNKNOWN && notif < acc_t)
					notif = acc_t;
			}
			/* Unknown values, as in real exports. */
			if (unif(&r) < 0.017)
				appt = UNKNOWN;
			if (arr != UNKNOWN && unif(&r) < 0.035)
				arr = UNKNOWN;
			if (comp != UNKNOWN && unif(&r) < 0.01)
				comp = UNKNOWN;
			if (unif(&r) < 0.002)
				acc_t = UNKNOWN;

			w += sprintf(w, "W%08ld%c%s%cA%07ld%c%s%c%s%c"
			    "T%04d%cG%02d%c", i + 1, sep, kinds[word], sep,
			    acc, sep, areas[area], sep,
			    rural ? "rural" : "town", sep, tech + 1, sep,
			    tech / 10 + 1, sep);
			w = put_time(w, acc_t);
			*w++ = sep;
			w = put_time(w, appt);
			*w++ = sep;
			w = put_time(w, notif);
			*w++ = sep;
			w = put_time(w, resch);
			*w++ = sep;
			w = put_time(w, arr);
			*w++ = sep;
			w = put_time(w, left);
			*w++ = sep;
			w = put_time(w, comp);
			w += sprintf(w, "%c%s%c%s%c%s%c", sep, outs[outcome],
			    sep, called < 0 ? "-" : called ? "yes" : "no",
			    sep, note < 0 ? "-" : note ? "yes" : "no", sep);
			if (visits)
				*w++ = (char)('0' + visits);
			else
				*w++ = '-';
			w += sprintf(w, "%c%s%c", sep, callback < 0 ? "-" :
			    callback ? "yes" : "no", sep);
			if (rating)
				*w++ = (char)('0' + rating);
			else
				*w++ = '-';
			if (dirty && unif(&r) < 0.03) {
				char *line = out + olen;

				/* The string functions below must stop at
				 * this line: the buffer holds older ones. */
				*w = '\0';
				switch (range(&r, 6)) {
				case 0:	/* a bad time */
					{
						char *t = strstr(line, "2024-");
						if (t)
							memcpy(t, "2024-13", 7);
					}
					break;
				case 1:	/* a column lost */
					w = strrchr(line, sep);
					break;
				case 2:	/* a column too many */
					*w++ = sep;
					*w++ = 'x';
					break;
				case 3:	/* invalid UTF-8 */
					line[1] = (char)0xff;
					break;
				case 4:	/* a typo in the kind */
					{
						char *k = strchr(line, sep);
						if (k && k[1] != 0)
							k[1] = 'X';
					}
					break;
				default:	/* CRLF: valid */
					*w++ = '\r';
					break;
				}
			}
			*w++ = '\n';
			olen = (size_t)(w - out);
			if (olen > sizeof(out) - 4096) {
				fwrite(out, 1, olen, stdout);
				olen = 0;
			}
		}
	}
	fwrite(out, 1, olen, stdout);
	return ferror(stdout) || fflush(stdout) ? 74 : 0;
}
