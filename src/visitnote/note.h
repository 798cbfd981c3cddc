/* SPDX-License-Identifier: MIT */
/*
 * The visit note (到访留言便条) of the handbook, domain.md section 2: its
 * slots, the template in Chinese and English, the rule checks (R5, R6,
 * phone, time) and the text layout by display width.
 */
#ifndef VISITNOTE_NOTE_H
#define VISITNOTE_NOTE_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

enum vn_lang { VN_ZH, VN_EN };
enum vn_action { VN_ACT_ANY, VN_ACT_INSTALL, VN_ACT_MAINTAIN };

#define VN_SVC_BROADBAND	0x1
#define VN_SVC_PHONE		0x2
#define VN_SVC_LEASED		0x4
#define VN_SVC_ALL		0x7

#define VN_NOTIME		INT64_MIN

/* One note. NULL strings and VN_NOTIME times are blank slots. */
struct vn_note {
	const char	*branch;	/* ××× */
	const char	*customer;
	enum vn_action	 action;
	unsigned	 services;	/* VN_SVC_*, 0 = all three */
	const char	*contact;
	const char	*phone;
	const char	*company;
	int64_t		 arrived;
	int64_t		 left;
};

/* The lines of a note, in template order; each is one paragraph. */
enum { VN_L_TITLE, VN_L_GREETING, VN_L_BODY, VN_L_COMPANY, VN_L_ARRIVED,
	VN_L_LEFT, VN_NLINES };

/*
 * Renders the template. width > 0 caps the slot values so that the
 * title, greeting and company lines fit that many columns (long values
 * are cut at a character boundary and end in "…"); width 0 caps them at
 * 80-column values. Flags: VN_RENDER_WIDE gives blank slots underscore
 * runs long enough to write in by hand (an 11-digit phone, a name), the
 * time slots included (PDF); else blanks are the seed's. With
 * VN_RENDER_FULLWIDTH the Chinese template's ASCII , : ( ) become the
 * full-width ，：（） of a printed form (slot values are left alone).
 * The strings are written into buf (size bytes) and set in lines[]; -1
 * when buf is too small.
 */
#define VN_RENDER_WIDE		0x1
#define VN_RENDER_FULLWIDTH	0x2
int	vn_note_render(const struct vn_note *, enum vn_lang, int width,
	    int flags, char *buf, size_t size, const char *lines[VN_NLINES]);

/*
 * Writes a rendered note laid out for width columns (0 = one line per
 * paragraph, the seed's bytes): paragraphs wrapped by display width,
 * CJK text at any character boundary, ASCII words whole, closing
 * punctuation never at the start of a line nor opening punctuation at
 * the end, no last line of one character or only punctuation; the
 * title centred.
 */
void	vn_text_write(FILE *, const char *const lines[VN_NLINES], int width);
/* Wraps one paragraph; calls out(line, len, arg) for each line. */
void	vn_wrap(const char *s, int width,
	    void (*out)(const char *, size_t, void *), void *arg);

/* Service words ("broadband,phone", "宽带、电话", ...) to VN_SVC_* bits;
 * -1 on an unknown word. */
int	vn_parse_services(const char *);
/* install / maintain (安装 / 维护, and order kinds): VN_ACT_*, or -1. */
int	vn_parse_action(const char *);
/* "broadband,phone,leased" for the log's service column. */
void	vn_services_word(unsigned, char *buf, size_t size);

/*
 * Times: "YYYY-MM-DD HH:MM", RFC 3339, "HH:MM" (today, local) or "now".
 * 0 or -1.
 */
int	vn_time_parse(const char *, int64_t now, int64_t *);

/* The rule checks. */
enum { VN_R5, VN_R6, VN_RPHONE, VN_RTIME, VN_NRULES };
#define VN_RULE_ALL	((1u << VN_NRULES) - 1)

struct vn_check {
	unsigned	 failed;	/* bit per rule */
	char		 msg[VN_NRULES][256];	/* why, translated */
};

/* The rule names as in --override and the log: R5, R6, phone, time. */
const char	*vn_rule_name(int);
/* A comma list of rule names ("all" for every rule) to bits; -1. */
int		 vn_parse_rules(const char *);
/* Whether a phone number is a plausible Chinese mobile or landline. */
int		 vn_phone_ok(const char *);
/*
 * Checks a filled note: R5 (left >= arrived + 10 min and a call
 * attempt; called: 1, 0 or -1 for unknown), R6 (arrival, leaving,
 * contact, phone), a plausible phone, sane times (not after now + 5 min,
 * leaving after arrival, a visit under 12 h). Returns the failed bits.
 */
unsigned	 vn_check(const struct vn_note *, int called, int64_t now,
		    struct vn_check *);
/* "R5=ok,R6=override,phone=ok,time=ok" */
void		 vn_checks_word(unsigned failed, char *buf, size_t size);

#endif
