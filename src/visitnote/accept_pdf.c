/* SPDX-License-Identifier: MIT */
/*
 * The acceptance sheet as a one-page A4 PDF (cairo + pango, the visit
 * note's font): title, order, one row per measured line with its
 * verdict and rule, the overall verdict, then ruled lines for the
 * customer's and the technician's signatures.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cairo-pdf.h>
#include <cairo.h>
#include <pango/pangocairo.h>

#include "visitnote/accept.h"
#include "visitnote/pdf.h"

#define MM		(72.0 / 25.4)
#define A4_W		(210 * MM)
#define A4_H		(297 * MM)
#define MARGIN		(20 * MM)
#define LABEL_W		(30 * MM)	/* the item's name */
#define STATE_W		(28 * MM)	/* its verdict, at the right */

struct sheet_pdf {
	FILE			*fp;
	cairo_surface_t		*surf;
	cairo_t			*cr;
	PangoContext		*ctx;
	const char		*font;
	int			 werr, unknown;
};

static cairo_status_t
write_fp(void *arg, const unsigned char *data, unsigned int len)
{
	struct sheet_pdf *p = arg;

	if (fwrite(data, 1, len, p->fp) != len) {
		p->werr = errno ? errno : EIO;
		return CAIRO_STATUS_WRITE_ERROR;
	}
	return CAIRO_STATUS_SUCCESS;
}

/*
 * Draws text in a box w wide at x, y; returns its height. Glyphs no
 * font has are counted: a sheet with boxes for characters is refused.
 */
static double
text(struct sheet_pdf *p, double x, double y, double w, double pt, int bold,
    PangoAlignment align, const char *s)
{
	PangoLayout *l = pango_layout_new(p->ctx);
	PangoFontDescription *fd = pango_font_description_new();
	int h;

	pango_font_description_set_family(fd, p->font);
	pango_font_description_set_size(fd, (gint)(pt * PANGO_SCALE));
	if (bold)
		pango_font_description_set_weight(fd, PANGO_WEIGHT_BOLD);
	pango_layout_set_font_description(l, fd);
	pango_layout_set_width(l, (int)(w * PANGO_SCALE));
	pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
	pango_layout_set_alignment(l, align);
	pango_layout_set_text(l, s, -1);
	p->unknown += pango_layout_get_unknown_glyphs_count(l);
	cairo_move_to(p->cr, x, y);
	pango_cairo_show_layout(p->cr, l);
	pango_layout_get_size(l, NULL, &h);
	pango_font_description_free(fd);
	g_object_unref(l);
	return (double)h / PANGO_SCALE;
}

static void
hline(cairo_t *cr, double x0, double x1, double y, double width)
{
	cairo_set_line_width(cr, width);
	cairo_move_to(cr, x0, y);
	cairo_line_to(cr, x1, y);
	cairo_stroke(cr);
}

static double
items(struct sheet_pdf *p, const struct va_sheet *s, double y)
{
	const double x = MARGIN, w = A4_W - 2 * MARGIN;
	const double mx = x + LABEL_W, mw = w - LABEL_W - STATE_W;
	char rule[400];

	for (int i = 0; i < VA_NITEMS; i++) {
		const struct va_line *l = &s->line[i];
		int bad = l->st == VA_FAIL || l->st == VA_UNMEASURED;
		double h1, h2;

		y += 3 * MM;
		text(p, x, y, LABEL_W, 11, 1, PANGO_ALIGN_LEFT,
		    va_label(s, (enum va_item)i));
		h1 = text(p, mx, y, mw, 11, 0, PANGO_ALIGN_LEFT,
		    l->measured[0] ? l->measured : s->lang == VN_ZH ? "未测" :
		    "not measured");
		/* A failure in dark red; still legible in black and white
		 * because the word says it. */
		if (bad)
			cairo_set_source_rgb(p->cr, 0.7, 0, 0);
		text(p, x + w - STATE_W, y, STATE_W, 11, 1, PANGO_ALIGN_RIGHT,
		    va_state_text(s, l->st));
		cairo_set_source_rgb(p->cr, 0.35, 0.35, 0.35);
		snprintf(rule, sizeof(rule), "%s%s", s->lang == VN_ZH ?
		    "规则：" : "Rule: ", l->rule);
		h2 = text(p, mx, y + h1 + 1 * MM, mw, 8.5, 0, PANGO_ALIGN_LEFT,
		    rule);
		cairo_set_source_rgb(p->cr, 0, 0, 0);
		y += h1 + 1 * MM + h2 + 3 * MM;
		cairo_set_source_rgb(p->cr, 0.75, 0.75, 0.75);
		hline(p->cr, x, x + w, y, 0.4);
		cairo_set_source_rgb(p->cr, 0, 0, 0);
	}
	return y;
}

static void
draw(struct sheet_pdf *p, const struct va_sheet *s)
{
	const double x = MARGIN, w = A4_W - 2 * MARGIN;
	char hdr[8][256], buf[1024];
	double y = MARGIN;
	int n;

	cairo_set_source_rgb(p->cr, 0, 0, 0);
	y += text(p, x, y, w, 18, 1, PANGO_ALIGN_CENTER, va_title(s));
	y += 4 * MM;
	hline(p->cr, x, x + w, y, 1.0);
	y += 3 * MM;
	n = va_header(s, hdr, 8);
	for (int i = 0; i < n; i++)
		y += text(p, x, y, w, 11, 0, PANGO_ALIGN_LEFT, hdr[i]) +
		    1.5 * MM;
	y += 1.5 * MM;
	hline(p->cr, x, x + w, y, 1.0);
	y = items(p, s, y);
	y += 6 * MM;
	va_verdict(s, buf, sizeof(buf));
	y += text(p, x, y, w, 15, 1, PANGO_ALIGN_LEFT, buf);

	/* Signatures at the foot, on ruled space to sign in. */
	n = va_signatures(s, hdr, 8);
	y = y + 15 * MM > A4_H - MARGIN - n * 14 * MM ? y + 15 * MM :
	    A4_H - MARGIN - n * 14 * MM;
	for (int i = 0; i < n; i++) {
		y += text(p, x, y, w, 12, 0, PANGO_ALIGN_LEFT, hdr[i]);
		y += 14 * MM - 12 * 1.3;
	}
}

int
va_pdf_write(FILE *fp, const struct va_sheet *s, const char *font,
    const char **why, const char **family)
{
	struct sheet_pdf p = { fp, NULL, NULL, NULL, font ? font : VN_PDF_FONT,
		0, 0 };
	cairo_font_options_t *fo;
	int r;

	*why = NULL;
	*family = p.font;
	p.surf = cairo_pdf_surface_create_for_stream(write_fp, &p, A4_W, A4_H);
	if (cairo_surface_status(p.surf) != CAIRO_STATUS_SUCCESS) {
		*why = cairo_status_to_string(cairo_surface_status(p.surf));
		cairo_surface_destroy(p.surf);
		return -1;
	}
	vn_pdf_metadata(p.surf, va_title(s));
	p.cr = cairo_create(p.surf);
	p.ctx = pango_font_map_create_context(
	    pango_cairo_font_map_get_default());
	pango_cairo_context_set_resolution(p.ctx, 72);
	fo = cairo_font_options_create();
	cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
	cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
	pango_cairo_context_set_font_options(p.ctx, fo);
	cairo_font_options_destroy(fo);
	pango_context_set_language(p.ctx, pango_language_from_string(
	    s->lang == VN_ZH ? "zh-cn" : "en"));

	draw(&p, s);
	cairo_show_page(p.cr);
	g_object_unref(p.ctx);
	cairo_destroy(p.cr);
	cairo_surface_finish(p.surf);
	r = cairo_surface_status(p.surf) == CAIRO_STATUS_SUCCESS ? 0 : -1;
	if (r < 0 && p.werr == 0)
		*why = cairo_status_to_string(cairo_surface_status(p.surf));
	cairo_surface_destroy(p.surf);
	if (r == 0 && p.unknown) {
		/* Boxes in print: a sheet nobody can read. */
		*why = "no glyph";
		return -1;
	}
	errno = p.werr;
	return r;
}
