/* SPDX-License-Identifier: MIT */
/*
 * bbdiag: the fault catalogue (a data file, bbdiag-catalogue(5)), the
 * evidence of one case (check and obs records, command-line
 * observations) and the reasoning that ranks the catalogue's faults.
 */
#ifndef BBDIAG_H
#define BBDIAG_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "lib/opts.h"

/* Three-valued logic: a rule over evidence nobody collected is unknown,
 * and unknown rules are what the guided mode asks about. */
enum tv { TV_FALSE = 0, TV_TRUE = 1, TV_UNKNOWN = 2 };

enum obs_kind { OBS_ENUM, OBS_NUM };

struct obs_value {
	char		*word;		/* ASCII, as in records */
	char		*en, *zh;	/* labels for questions */
};

struct obs_alias {
	char		*alias;		/* e.g. 密码错 */
	int		 value;		/* index into vals */
};

/* A pattern of a classifying observation: folded text, value index. */
struct obs_pattern {
	char		*text;
	size_t		 len;
	int		 value;
};

struct obs_decl {
	char		*key;
	enum obs_kind	 kind;
	double		 min, max;	/* OBS_NUM */
	char		*unit;
	struct obs_value *vals;
	size_t		 nvals;
	struct obs_alias *aliases;
	size_t		 naliases;
	char		*ask_en, *ask_zh;
	double		*probe;		/* OBS_NUM: values tried by --ask */
	size_t		 nprobe;
	int		 def;		/* OBS_ENUM default value or -1 */
	unsigned	 line;
	/* "classify": free text maps to a value through the catalogue's
	 * pattern table; "generic" names the stock-wording value that
	 * loses to any specific one, "otherwise" the value of a text no
	 * pattern matches (-1: none, the text is refused). */
	int		 classify;
	int		 generic, otherwise;
	struct obs_pattern *pats;
	size_t		 npats;
	/* "from [check].key": a detail of that check sets it. */
	int		 from_chk, from_dkey;
};

/* A "pattern CLASS TEXT" line of the catalogue. */
struct pattern {
	char		*cls;
	char		*text;		/* folded */
	unsigned	 line;
};

/* What a reference to a check reads. */
enum cfield { CF_STATUS, CF_VALUE, CF_TARGET, CF_UNIT, CF_DETAIL };
/* Which of a check's records a reference sees. */
enum cfilter { CFL_ALL, CFL_IP, CFL_NAME };

enum opnd_kind { OP_NONE, OP_OBS, OP_CHECK, OP_STR, OP_NUM, OP_PARAM };

struct operand {
	enum opnd_kind	 kind;
	int		 idx;		/* obs, check or param index */
	enum cfield	 field;
	enum cfilter	 filter;
	int		 dkey;		/* detail key index of the check */
	char		*str;		/* OP_STR; OP_NUM text */
	double		 num;
	int		 isnum;		/* OP_STR that parses as a number */
	/* "operand * factor" (a constant or a parameter) */
	int		 has_mul;
	int		 mul_param;	/* -1: mul_num */
	double		 mul_num;
};

enum nodeop { N_AND, N_OR, N_NOT, N_CMP, N_IN, N_HAS };
enum cmpop { C_EQ, C_NE, C_LT, C_LE, C_GT, C_GE, C_CONTAINS };

struct node {
	enum nodeop	 op;
	enum cmpop	 cmp;
	struct node	*a, *b;
	struct operand	 l, r;
	struct operand	*set;		/* N_IN */
	size_t		 nset;
};

enum rule_kind { R_FOR, R_AGAINST, R_EXCLUDE };

struct rule {
	enum rule_kind	 kind;
	double		 weight;
	struct node	*expr;
	char		*text;		/* the source text, for -v */
	unsigned	 line;
	uint64_t	*refmask;	/* as struct fault's, for this rule */
	int		 always;
};

struct step {
	char		*key;
	char		*en, *zh;
};

/* "after ID": the fault ID names can cause this one. */
struct fault_after {
	char		*id;
	unsigned	 line;
	int		 fault;		/* index, resolved at the end */
};

struct side_if {
	int		 side;
	struct node	*expr;
};

struct fault {
	char		*id;
	unsigned	 access;	/* bit per access value; 0 = any */
	int		 layer;
	int		 side;		/* default side */
	struct side_if	*side_ifs;
	size_t		 nside_ifs;
	char		*name_en, *name_zh;
	char		*cause_en, *cause_zh;
	char		*reply_en, *reply_zh;	/* to the customer */
	struct step	*steps;
	size_t		 nsteps;
	struct rule	*rules;
	size_t		 nrules;
	struct fault_after *after;
	size_t		 nafter;
	unsigned	 line;
	/* The evidence its "for" rules read (bits: obs keys, then checks);
	 * a fault none of whose evidence is present cannot score, unless
	 * a rule can hold without evidence ("has", defaults). */
	uint64_t	*refmask;
	int		 always;
};

struct layer {
	char		*id;
	char		*en, *zh;
};

struct conflict {
	char		*id;
	struct node	*expr;
	char		*en, *zh;
	unsigned	 line;
	uint64_t	*refmask;
	int		 always;
};

struct param {
	char		*name;
	double		 val;
	char		*unit;
};

/* A check name some rule refers to, with the detail keys it reads. */
struct chkname {
	char		*name;
	char	       **dkeys;
	size_t		 ndkeys;
	int		 feeds;		/* obs set from a detail, or -1 */
};

#define SIDE_NAMES	5
extern const char *const side_names[SIDE_NAMES];

struct catalogue {
	char		*path;
	struct param	*params;
	size_t		 nparams;
	struct obs_decl	*obs;
	size_t		 nobs;
	struct layer	*layers;
	size_t		 nlayers;
	struct fault	*faults;
	size_t		 nfaults;
	struct conflict	*conflicts;
	size_t		 nconflicts;
	struct chkname	*chks;
	size_t		 nchks;
	struct pattern	*pats;
	size_t		 npats;
	int		 code_key;	/* the obs key "code", or -1 */
	int		 access_key;	/* the obs key "access", or -1 */
	/* check-name hash: index + 1, 0 = empty */
	int		*chash;
	size_t		 chash_size;
	struct arena_blk *arena;
	size_t		 nmask;		/* 64-bit words of a refmask */
	/* The customer-facing frames (故障原因答复): our side (统一口径 and
	 * an apology), the customer's (tactful), healthy, unknown; {reply}
	 * stands for the fault's own reply. */
	char		*reply_en[4], *reply_zh[4];
	/* The engine's parameters, looked up once. */
	double		 min_score, confidence_k, conflict_factor, ask_stop;
};

/* Parses a catalogue; NULL and messages ("file:line: ...") on errp
 * (each line ends in '\n'; malloc'd). text may come from memory. */
struct catalogue *cat_parse(const char *path, const char *text, size_t len,
	    char **errp);
struct catalogue *cat_load(const char *path, char **errp);
void		 cat_free(struct catalogue *);
/* The catalogue compiled into the binary, and its name in messages. */
const char	*cat_builtin(size_t *len);
#define CAT_BUILTIN_NAME	"(built-in catalogue)"
int		 cat_obs_find(const struct catalogue *, const char *key);
int		 cat_check_find(const struct catalogue *, const char *name,
		    size_t len);
int		 cat_param_find(const struct catalogue *, const char *name);
/* Parses an observation value for declaration o: the value index
 * (OBS_ENUM, aliases allowed) or 0 with *num; -1 when not valid. */
int		 cat_obs_value(const struct obs_decl *, const char *val,
		    double *num);
/* "a, b, c" of the valid values (malloc'd). */
char		*cat_obs_valid(const struct obs_decl *);

/* Refusal texts (msgtext.c): the folded form patterns are matched in,
 * the dial-up code a text carries, and the value it means. */
size_t		 msg_fold(const char *in, char *out, size_t sz);
const char	*msg_code(const char *folded, char *code, size_t sz);
int		 msg_classify(const struct obs_decl *, const char *text,
		    char *code, size_t sz);

/* ---- the evidence of one case ---------------------------------------- */

struct crec {
	int		 status;	/* enum bbt_state */
	const char	*value;		/* NULL = "-" */
	double		 num;
	int		 isnum;
	const char	*target;
	int		 target_ip;
	const char	*unit;
	const char	**det;		/* per detail key of the chkname */
};

struct cset {
	struct crec	*r;
	size_t		 n, cap;
};

struct oval {
	int		 set;		/* 0, 1 = given, 2 = default */
	int		 vi;		/* enum index */
	double		 num;
	const char	*text;		/* as given */
	const char	*raw;		/* a classified text, as given */
	int		 conflict;	/* two different values were given */
};

struct arena_blk;

struct evidence {
	const struct catalogue *cat;
	char		*case_id;
	struct cset	*checks;	/* per chkname */
	struct oval	*obs;		/* per obs decl */
	size_t		 nrecords;	/* check records of the case */
	size_t		 nok, nbad;	/* ok/info and warning/critical */
	/* failing checks no rule reads */
	const char	*unexplained[4];
	size_t		 nunexplained;
	/* same check+target, two states */
	int		 check_conflict;
	const char	*conflict_check;
	struct arena_blk *arena;
	size_t		 touched_n;
	int		*touched;	/* chkname indexes with records */
	uint64_t	*present;	/* refmask bits of the evidence given */
};

void		 ev_init(struct evidence *, const struct catalogue *);
void		 ev_reset(struct evidence *);
void		 ev_free(struct evidence *);
char		*ev_strdup(struct evidence *, const char *);
/* Adds a check record's fields (after the type word). */
int		 ev_add_check(struct evidence *, const char *name,
		    const char *target, const char *status, const char *value,
		    const char *unit, const char *detail);
/* Sets an observation (key index, value index or number); a different
 * earlier value marks a conflict. */
void		 ev_set_obs(struct evidence *, int key, int vi, double num,
		    const char *text);
/* Sets an observation from an operand or obs record (already checked
 * with cat_obs_value): a classified text keeps its words for the
 * output, and a dial-up code in it sets "code" when that is not given. */
void		 ev_set_obs_text(struct evidence *, int key, const char *val);

/* ---- reasoning ---------------------------------------------------------- */

#define MAX_ITEMS	16

struct cand {
	int		 fault;		/* index, -1 = none/unknown */
	double		 score;
	double		 conf;
	int		 established;
	int		 side;
	int		 contradicted;	/* for and against both hold */
	/* Ranked below a lower layer's established fault that it would
	 * outscore, its confidence is capped at that one's; when the
	 * catalogue says that fault can cause it ("after"), it is "likely a
	 * consequence of" rank consequence_of (1-based; 0 none). */
	int		 consequence_of;
	char		*items[MAX_ITEMS];	/* "key=value" for */
	size_t		 nitems;
	char		*against[MAX_ITEMS];
	size_t		 nagainst;
};

struct verdict {
	struct cand	*c;		/* ranked */
	size_t		 n;
	int		 healthy;	/* no fault and positive evidence */
	char		*missing[MAX_ITEMS];	/* refs that would separate */
	size_t		 nmissing;
	int		 conflicts[MAX_ITEMS];	/* conflict rule indexes */
	size_t		 nconflicts;
	char		*obs_conflicts[MAX_ITEMS];	/* keys given twice */
	size_t		 nobs_conflicts;
	const char	*check_conflict;
	struct evidence	*ev;
};

void		 diag_init(struct verdict *, size_t nfaults);
void		 diag_free(struct verdict *);
/* Evaluates every fault; evidence items of the first nitems candidates
 * are allocated in the evidence arena. */
void		 diag_run(const struct catalogue *, struct evidence *,
		    struct verdict *, size_t nitems);
/* The evaluation of one expression (exported for unit tests). */
enum tv		 diag_eval(const struct catalogue *, const struct evidence *,
		    const struct node *);
/* Top-1 fault index (-1 none) without evidence items: for --ask. */
int		 diag_top(const struct catalogue *, struct evidence *,
		    struct verdict *);

/* ---- output ---------------------------------------------------------- */

enum dfmt { DF_TSV, DF_TEXT, DF_JSON, DF_REPLY };
enum { RP_OURS, RP_CUSTOMER, RP_NONE, RP_UNKNOWN };

struct outctx {
	FILE		*fp;
	enum dfmt	 fmt;
	int		 color;
	int		 zh;		/* texts in Chinese */
	size_t		 top;
	const struct catalogue *cat;
};

/* Writes the verdict of one case; -1 on a write error. */
int		 out_verdict(struct outctx *, const struct verdict *);

/* ---- options and the run ------------------------------------------------ */

struct obs_arg {
	char		*key;
	char		*val;
};

struct bbdiag_opts {
	struct bbt_common common;
	int		 ask;
	int		 batch;
	int		 reply;		/* --reply */
	const char	*catalogue;
	const char	*case_id;
	const char	*list;		/* faults, keys, values, params */
	long long	 top;		/* 0 = default */
	char	       **files;
	size_t		 nfiles;
	struct obs_arg	*obs;
	size_t		 nobs;
};

int		 bbdiag_parse_args(int, char **, struct bbdiag_opts *,
		    unsigned flags);
void		 bbdiag_free_opts(struct bbdiag_opts *);
int		 bbdiag_run(struct bbdiag_opts *);
/* Whether texts are shown in Chinese (the message catalogue's choice). */
int		 bbdiag_lang_zh(void);
/* Guided mode for one case: questions on qfp, answers from afp. */
int		 ask_run(const struct catalogue *, struct evidence *,
		    FILE *in, FILE *qfp, int zh);

#endif
