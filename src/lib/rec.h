/* SPDX-License-Identifier: MIT */
/*
 * The toolkit's plain-text records (bbt-record(5)): one per line,
 * TAB-separated, record type first, "-" for a missing value, escapes
 * \t \n \r \\ inside fields, UTF-8, '#' comment lines.
 */
#ifndef BBT_REC_H
#define BBT_REC_H

#include <stddef.h>
#include <stdio.h>

#include "lib/state.h"

enum bbt_rec_type {
	BBT_REC_UNKNOWN = 0,
	BBT_REC_CASE,
	BBT_REC_CHECK,
	BBT_REC_OBS,
	BBT_REC_FAULT,
	BBT_REC_ORDER,
	BBT_REC_NTYPES
};

/* Column indexes (fields[0] is the type word). */
enum { BBT_CASE_ID = 1, BBT_CASE_TOOL, BBT_CASE_TIME, BBT_CASE_NF };
enum { BBT_CHECK_NAME = 1, BBT_CHECK_TARGET, BBT_CHECK_STATUS,
	BBT_CHECK_VALUE, BBT_CHECK_UNIT, BBT_CHECK_DETAIL, BBT_CHECK_NF };
enum { BBT_OBS_KEY = 1, BBT_OBS_VALUE, BBT_OBS_DETAIL, BBT_OBS_NF };
enum { BBT_FAULT_CASE = 1, BBT_FAULT_RANK, BBT_FAULT_ID, BBT_FAULT_SIDE,
	BBT_FAULT_CONFIDENCE, BBT_FAULT_LAYER, BBT_FAULT_EVIDENCE,
	BBT_FAULT_STEPS, BBT_FAULT_NF };
/* The order record's columns are those of lib/order.h, after the type. */

#define BBT_REC_MAXF	64

struct bbt_rec {
	enum bbt_rec_type type;
	size_t		 nf;		/* fields, including the type */
	char		*f[BBT_REC_MAXF];	/* unescaped; "-" kept as is */
};

/* Type word <-> type; field names of a type (JSON keys, man page). */
const char	 *bbt_rec_type_name(enum bbt_rec_type);
enum bbt_rec_type bbt_rec_type_parse(const char *);
size_t		  bbt_rec_nfields(enum bbt_rec_type);	/* incl. type */
const char	 *bbt_rec_field_name(enum bbt_rec_type, size_t);

/* Field value or NULL when the field is absent or "-". */
const char	*bbt_rec_get(const struct bbt_rec *, size_t);

/*
 * Splits one line (modified in place) into rec. Returns 0, or -1 with a
 * static English reason in *why: invalid UTF-8, unknown escape, too many
 * fields, too few fields for a known type. Unknown types parse (type
 * BBT_REC_UNKNOWN); extra fields are kept.
 */
int		 bbt_rec_split(char *line, size_t len, struct bbt_rec *,
		    const char **why);

/* The same without the field count check of known types. */
int		 bbt_rec_split_raw(char *line, size_t len, struct bbt_rec *,
		    const char **why);

/* Escapes one field; returns the number of bytes written to out (at most
 * 2 * len). */
size_t		 bbt_rec_escape(const char *s, size_t len, char *out);
/* Writes a record: fields[0..n-1] after the type; NULL or "" as "-".
 * Returns -1 on a write error. */
int		 bbt_rec_write(FILE *, const char *type,
		    const char *const *fields, size_t n);
/* The same as one JSON object on one line (JSON Lines), with the field
 * names of the type ("f7"... past the known ones); "-" becomes null. */
int		 bbt_rec_write_json(FILE *, const char *type,
		    const char *const *fields, size_t n);
/* Writes s as a JSON string literal (with quotes). */
void		 bbt_json_string(FILE *, const char *);

/*
 * The streaming reader: records from a file or "-", with file:line for
 * errors. Comment and blank lines are skipped.
 */
struct bbt_reader;
struct bbt_reader *bbt_reader_open(const char *path);	/* NULL + errno */
/* 1 = a record; 0 = end; -1 = a bad line: bbt_reader_error() says
 * "file:line: reason"; the caller may go on. */
int		 bbt_reader_next(struct bbt_reader *, struct bbt_rec *);
const char	*bbt_reader_error(const struct bbt_reader *);
const char	*bbt_reader_name(const struct bbt_reader *);
unsigned long	 bbt_reader_lineno(const struct bbt_reader *);
int		 bbt_reader_failed(const struct bbt_reader *);	/* I/O error */
void		 bbt_reader_close(struct bbt_reader *);

/*
 * The detail field of check records: space-separated key=value items;
 * a value with spaces, quotes or backslashes is double-quoted with \" and
 * \\ escapes. bbt_kv_get copies the value of key into buf (NUL-terminated,
 * truncated to size) and returns 1, or 0 when the key is absent.
 */
int		 bbt_kv_get(const char *detail, const char *key, char *buf,
		    size_t size);
/*
 * Iterates: *p starts at the detail text; each call stores the next key
 * and value (unquoted) and returns 1; 0 at the end; -1 on malformed text.
 */
int		 bbt_kv_next(const char **p, char *key, size_t ksz, char *val,
		    size_t vsz);
/* Appends " key=value" (quoted when needed) to buf of size sz; returns
 * -1 when it does not fit (buf unchanged). */
int		 bbt_kv_append(char *buf, size_t sz, const char *key,
		    const char *val);

#endif
