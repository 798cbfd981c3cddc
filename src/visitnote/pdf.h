/* SPDX-License-Identifier: MIT */
/* Visit notes as a print-ready PDF (cairo + pango). */
#ifndef VISITNOTE_PDF_H
#define VISITNOTE_PDF_H

#include <stdio.h>

#include <cairo.h>

#include "visitnote/note.h"

enum vn_paper { VN_A4, VN_A6 };

/*
 * The default font: WenQuanYi Micro Hei (Debian fonts-wqy-microhei), a
 * TrueType font that cairo subsets well: a one-note PDF is 19 KB, where
 * the CFF outlines of Noto Sans CJK SC give 71 KB (each further note
 * costs about 0.4 KB with either).
 */
#define VN_PDF_FONT	"WenQuanYi Micro Hei"

struct vn_pdf;

/* Title, creator and (SOURCE_DATE_EPOCH) date of a PDF surface. */
void		 vn_pdf_metadata(cairo_surface_t *, const char *title);

/*
 * Starts a document written to fp: A4 sheets of four A6 notes with cut
 * marks, or one A6 note per page. NULL and *why (static English) on
 * failure.
 */
struct vn_pdf	*vn_pdf_open(FILE *fp, enum vn_paper, enum vn_lang,
		    const char *font, const char **why);
/* The family actually used (fontconfig may substitute). */
const char	*vn_pdf_font(const struct vn_pdf *);
/* Whether the family asked for exists (else fontconfig substituted). */
int		 vn_pdf_font_found(const struct vn_pdf *);
/* Whether the font (or a fallback) draws Chinese. */
int		 vn_pdf_has_cjk(const struct vn_pdf *);
/*
 * Adds one rendered note (vn_note_render with wide != 0): 0, -1 on an
 * error, or VN_PDF_NOGLYPH when no font has a glyph for one of its
 * characters (pango would draw a box): the note is not drawn.
 */
#define VN_PDF_NOGLYPH	(-2)
int		 vn_pdf_add(struct vn_pdf *, const char *const lines[VN_NLINES]);
/*
 * Finishes the document and frees it; 0, or -1 on an error: *why is
 * NULL when writing failed (errno says why), else cairo's reason.
 */
int		 vn_pdf_close(struct vn_pdf *, const char **why);

/* Note box geometry in points on a page, for tests and the PNG checker:
 * the box of cell i (0..3 on A4, 0 on A6). */
void		 vn_pdf_box(enum vn_paper, int i, double *x, double *y,
		    double *w, double *h);
/* Slot values are capped as for text of this width, twice a line of
 * the note: long names are set smaller, then wrapped (pdf.c fit()), and
 * only an absurd one is cut before it could overflow the box. */
#define VN_PDF_COLUMNS	96

#endif
