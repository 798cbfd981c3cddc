/* SPDX-License-Identifier: MIT */
/*
 * PDF output. One cairo PDF surface for the whole batch, so every page
 * shares one subset of the CJK font and a note costs only its content
 * stream (about 1 KB deflated). Four layouts (title, body, signature,
 * times) are made once and refilled per note: shaping is the cost of a
 * note, not set-up.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cairo-pdf.h>
#include <cairo.h>
#include <pango/pangocairo.h>

#include "visitnote/pdf.h"

#define MM		(72.0 / 25.4)
#define A4_W		(210 * MM)
#define A4_H		(297 * MM)
#define A6_W		(105 * MM)
#define A6_H		(148 * MM)
#define BOX_INSET	(8 * MM)	/* cut line to the note's frame */
#define PAD		(5 * MM)	/* frame to text */
#define TITLE_PT	16.0
#define BODY_PT		12.0

enum { LY_TITLE, LY_GREETING, LY_BODY, LY_SIGN, LY_TIMES, LY_N };

/*
 * Shaped layouts by text, per role. In a batch most of a note repeats:
 * the title, the body (it varies only with the action, the services and
 * the contact) and the signature; reusing their shaped layouts leaves
 * pango only the greeting and the times to shape per note, which more
 * than doubles the notes per second.
 */
#define NCACHE	64

struct cached {
	char		*text;
	PangoLayout	*l;
	cairo_surface_t	*rec;	/* the layout drawn once, or NULL */
	double		 h;
	int		 uses;
	int		 unknown;	/* glyphs no font has */
};

struct vn_pdf {
	FILE			*fp;
	enum vn_paper		 paper;
	cairo_surface_t		*surf;
	cairo_t			*cr;
	PangoContext		*ctx;
	PangoFontDescription	*fd;
	double			 width;
	struct cached		 cache[LY_N][NCACHE];
	int			 next[LY_N];
	char			 family[128];
	int			 slot;		/* next cell on the page */
	int			 error;
	int			 werr;		/* errno of a failed write */
	int			 font_found, has_cjk;
};

static cairo_status_t
write_fp(void *arg, const unsigned char *data, unsigned int len)
{
	struct vn_pdf *p = arg;

	if (fwrite(data, 1, len, p->fp) != len) {
		p->error = 1;
		p->werr = errno ? errno : EIO;
		return CAIRO_STATUS_WRITE_ERROR;
	}
	return CAIRO_STATUS_SUCCESS;
}

void
vn_pdf_box(enum vn_paper paper, int i, double *x, double *y, double *w,
    double *h)
{
	double cw = paper == VN_A4 ? A4_W / 2 : A6_W;
	double ch = paper == VN_A4 ? A4_H / 2 : A6_H;

	*x = (paper == VN_A4 ? (i % 2) * cw : 0) + BOX_INSET;
	*y = (paper == VN_A4 ? (i / 2) * ch : 0) + BOX_INSET;
	*w = cw - 2 * BOX_INSET;
	*h = ch - 2 * BOX_INSET;
}

static PangoLayout *
new_layout(struct vn_pdf *p, int role)
{
	PangoLayout *l = pango_layout_new(p->ctx);
	double pt = role == LY_TITLE ? TITLE_PT : BODY_PT;

	pango_font_description_set_size(p->fd, (gint)(pt * PANGO_SCALE));
	pango_layout_set_font_description(l, p->fd);
	pango_layout_set_width(l, (int)(p->width * PANGO_SCALE));
	pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
	pango_layout_set_alignment(l, role == LY_TITLE ? PANGO_ALIGN_CENTER :
	    role == LY_SIGN ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT);
	pango_layout_set_spacing(l, (int)(pt * 0.35 * PANGO_SCALE));
	return l;
}

/*
 * A long title, greeting or signature (a company's name as the customer)
 * is set smaller, down to five sixths of its size, when that keeps it
 * on one line; else it wraps at its size. The note has the room, so
 * names are not cut. A body with blanks to write in gets the line pitch
 * of ruled paper (8.5 mm) instead of print's.
 */
static void
fit(struct vn_pdf *p, int role, PangoLayout *l, const char *text)
{
	double pt = role == LY_TITLE ? TITLE_PT : BODY_PT, sz;
	PangoFontDescription *fd;

	if (role == LY_BODY)
		pango_layout_set_spacing(l, (int)((strstr(text, "___") ?
		    BODY_PT : BODY_PT * 0.35) * PANGO_SCALE));
	if (role != LY_TITLE && role != LY_GREETING && role != LY_SIGN)
		return;
	fd = pango_font_description_copy(p->fd);
	for (sz = pt; sz >= pt * 5 / 6; sz -= 0.5) {
		pango_font_description_set_size(fd, (gint)(sz * PANGO_SCALE));
		pango_layout_set_font_description(l, fd);
		if (pango_layout_get_line_count(l) <= 1)
			break;
	}
	if (sz < pt * 5 / 6) {
		pango_font_description_set_size(fd, (gint)(pt * PANGO_SCALE));
		pango_layout_set_font_description(l, fd);
	}
	pango_font_description_free(fd);
}

/* The layout of role showing text, shaped once per distinct text. */
static struct cached *
layout(struct vn_pdf *p, int role, const char *text)
{
	struct cached *c = p->cache[role];
	int i, h;

	for (i = 0; i < NCACHE && c[i].text; i++)
		if (strcmp(c[i].text, text) == 0)
			return &c[i];
	i = p->next[role];
	p->next[role] = (i + 1) % NCACHE;
	free(c[i].text);
	if ((c[i].text = strdup(text)) == NULL)
		p->error = 1;
	if (c[i].rec) {
		/* The PDF keeps its own reference to a form it has used. */
		cairo_surface_destroy(c[i].rec);
		c[i].rec = NULL;
	}
	c[i].uses = 0;
	if (c[i].l == NULL)
		c[i].l = new_layout(p, role);
	pango_layout_set_text(c[i].l, text, -1);
	fit(p, role, c[i].l, text);
	c[i].unknown = pango_layout_get_unknown_glyphs_count(c[i].l);
	pango_layout_get_size(c[i].l, NULL, &h);
	c[i].h = (double)h / PANGO_SCALE;
	return &c[i];
}

/* Whether fontconfig knows the family (pango substitutes silently). */
static int
family_exists(const char *name)
{
	PangoFontFamily **fams;
	int n, found = 0;

	pango_font_map_list_families(pango_cairo_font_map_get_default(),
	    &fams, &n);
	for (int i = 0; i < n && !found; i++)
		found = g_ascii_strcasecmp(name,
		    pango_font_family_get_name(fams[i])) == 0;
	g_free(fams);
	return found;
}

/*
 * Title and creator of a document; its date from SOURCE_DATE_EPOCH when
 * set, so a pad or a sheet can be built reproducibly.
 */
void
vn_pdf_metadata(cairo_surface_t *surf, const char *title)
{
	const char *sde;

	cairo_pdf_surface_set_metadata(surf, CAIRO_PDF_METADATA_TITLE, title);
	cairo_pdf_surface_set_metadata(surf, CAIRO_PDF_METADATA_CREATOR,
	    "visitnote (bbtools) " VERSION);
	if ((sde = getenv("SOURCE_DATE_EPOCH")) != NULL && *sde) {
		time_t t = (time_t)strtoll(sde, NULL, 10);
		struct tm tm;
		char d[32];

		gmtime_r(&t, &tm);
		strftime(d, sizeof(d), "%Y-%m-%dT%H:%M:%SZ", &tm);
		cairo_pdf_surface_set_metadata(surf,
		    CAIRO_PDF_METADATA_CREATE_DATE, d);
	}
}

struct vn_pdf *
vn_pdf_open(FILE *fp, enum vn_paper paper, enum vn_lang lang,
    const char *font, const char **why)
{
	struct vn_pdf *p = calloc(1, sizeof(*p));
	PangoFontDescription *fd;
	cairo_font_options_t *fo;
	PangoFont *pf;
	double bx, by, bw, bh;

	if (p == NULL) {
		*why = "out of memory";
		return NULL;
	}
	p->fp = fp;
	p->paper = paper;
	/* Until fontconfig names one: it may have no font at all. */
	snprintf(p->family, sizeof(p->family), "%s", "(none)");
	p->surf = cairo_pdf_surface_create_for_stream(write_fp, p,
	    paper == VN_A4 ? A4_W : A6_W, paper == VN_A4 ? A4_H : A6_H);
	if (cairo_surface_status(p->surf) != CAIRO_STATUS_SUCCESS) {
		*why = cairo_status_to_string(cairo_surface_status(p->surf));
		cairo_surface_destroy(p->surf);
		free(p);
		return NULL;
	}
	vn_pdf_metadata(p->surf, lang == VN_ZH ? "到访留言便条" :
	    "Visit notes");
	p->cr = cairo_create(p->surf);

	p->ctx = pango_font_map_create_context(
	    pango_cairo_font_map_get_default());
	pango_cairo_context_set_resolution(p->ctx, 72);
	/* Outlines as designed: no hinting, no rounded metrics on paper. */
	fo = cairo_font_options_create();
	cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
	cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
	pango_cairo_context_set_font_options(p->ctx, fo);
	cairo_font_options_destroy(fo);
	pango_context_set_language(p->ctx, pango_language_from_string(
	    lang == VN_ZH ? "zh-cn" : "en"));

	fd = pango_font_description_new();
	pango_font_description_set_family(fd, font ? font : VN_PDF_FONT);
	pango_font_description_set_size(fd, (gint)(BODY_PT * PANGO_SCALE));
	if ((pf = pango_context_load_font(p->ctx, fd)) != NULL) {
		PangoFontDescription *got = pango_font_describe(pf);

		snprintf(p->family, sizeof(p->family), "%s",
		    pango_font_description_get_family(got));
		pango_font_description_free(got);
		g_object_unref(pf);
	}
	vn_pdf_box(paper, 0, &bx, &by, &bw, &bh);
	p->width = bw - 2 * PAD;
	p->fd = fd;
	p->font_found = family_exists(font ? font : VN_PDF_FONT);
	/* The title's characters: any CJK font has them. */
	p->has_cjk = layout(p, LY_TITLE, "到访留言便条")->unknown == 0;
	return p;
}

const char *
vn_pdf_font(const struct vn_pdf *p)
{
	return p->family;
}

int
vn_pdf_font_found(const struct vn_pdf *p)
{
	return p->font_found;
}

int
vn_pdf_has_cjk(const struct vn_pdf *p)
{
	return p->has_cjk;
}

/* Cut marks at the page edges and a cross where the cuts meet, outside
 * the notes' frames; dashed guides for scissors. */
static void
cut_marks(cairo_t *cr)
{
	const double mx = A4_W / 2, my = A4_H / 2, a = 4 * MM, b = 10 * MM;

	cairo_save(cr);
	cairo_set_line_width(cr, 0.5);
	cairo_set_source_rgb(cr, 0, 0, 0);
	cairo_move_to(cr, mx, a);
	cairo_line_to(cr, mx, b);
	cairo_move_to(cr, mx, A4_H - a);
	cairo_line_to(cr, mx, A4_H - b);
	cairo_move_to(cr, a, my);
	cairo_line_to(cr, b, my);
	cairo_move_to(cr, A4_W - a, my);
	cairo_line_to(cr, A4_W - b, my);
	cairo_move_to(cr, mx - 3 * MM, my);
	cairo_line_to(cr, mx + 3 * MM, my);
	cairo_move_to(cr, mx, my - 3 * MM);
	cairo_line_to(cr, mx, my + 3 * MM);
	cairo_stroke(cr);
	{
		static const double dash[] = { 2 * MM, 2 * MM };

		cairo_set_source_rgb(cr, 0.6, 0.6, 0.6);
		cairo_set_line_width(cr, 0.3);
		cairo_set_dash(cr, dash, 2, 0);
		cairo_move_to(cr, mx, b + 2 * MM);
		cairo_line_to(cr, mx, my - 5 * MM);
		cairo_move_to(cr, mx, my + 5 * MM);
		cairo_line_to(cr, mx, A4_H - b - 2 * MM);
		cairo_move_to(cr, b + 2 * MM, my);
		cairo_line_to(cr, mx - 5 * MM, my);
		cairo_move_to(cr, mx + 5 * MM, my);
		cairo_line_to(cr, A4_W - b - 2 * MM, my);
		cairo_stroke(cr);
	}
	cairo_restore(cr);
}

/*
 * Draws a layout at x, y. Text that repeats (title, body, signature) is
 * recorded at its second use and painted as a PDF form from then on:
 * each further note costs one "Do" operator instead of a glyph run. A
 * form used once would only add its own overhead.
 */
static double
show(struct vn_pdf *p, int role, const char *text, double x, double y)
{
	struct cached *c = layout(p, role, text);
	cairo_t *rc;

	if (role == LY_GREETING || role == LY_TIMES ||
	    (c->rec == NULL && ++c->uses < 2)) {
		cairo_move_to(p->cr, x, y);
		pango_cairo_show_layout(p->cr, c->l);
		return c->h;
	}
	if (c->rec == NULL) {
		cairo_rectangle_t ext = { 0, 0, p->width, c->h + 2 };

		c->rec = cairo_recording_surface_create(
		    CAIRO_CONTENT_COLOR_ALPHA, &ext);
		rc = cairo_create(c->rec);
		cairo_set_source_rgb(rc, 0, 0, 0);
		pango_cairo_show_layout(rc, c->l);
		cairo_destroy(rc);
	}
	cairo_save(p->cr);
	cairo_set_source_surface(p->cr, c->rec, x, y);
	cairo_paint(p->cr);
	cairo_restore(p->cr);
	return c->h;
}

int
vn_pdf_add(struct vn_pdf *p, const char *const lines[VN_NLINES])
{
	cairo_t *cr = p->cr;
	double x, y, w, h, ty, foot;
	char times[512];
	PangoLayout *tl;
	int th;

	/* Shaped first (the layouts are kept for drawing): a note with a
	 * character no font has is not drawn at all. */
	snprintf(times, sizeof(times), "%s\n%s", lines[VN_L_ARRIVED],
	    lines[VN_L_LEFT]);
	if (layout(p, LY_TITLE, lines[VN_L_TITLE])->unknown ||
	    layout(p, LY_GREETING, lines[VN_L_GREETING])->unknown ||
	    layout(p, LY_BODY, lines[VN_L_BODY])->unknown ||
	    layout(p, LY_SIGN, lines[VN_L_COMPANY])->unknown ||
	    layout(p, LY_TIMES, times)->unknown)
		return VN_PDF_NOGLYPH;
	if (p->slot == 0 && p->paper == VN_A4)
		cut_marks(cr);
	vn_pdf_box(p->paper, p->slot, &x, &y, &w, &h);

	cairo_set_source_rgb(cr, 0, 0, 0);
	cairo_set_line_width(cr, 1.0);
	cairo_rectangle(cr, x, y, w, h);
	cairo_stroke(cr);

	ty = y + PAD;
	ty += show(p, LY_TITLE, lines[VN_L_TITLE], x + PAD, ty);
	ty += 2 * MM;
	cairo_set_line_width(cr, 0.5);
	cairo_move_to(cr, x + PAD, ty);
	cairo_line_to(cr, x + w - PAD, ty);
	cairo_stroke(cr);
	ty += 4 * MM;
	ty += show(p, LY_GREETING, lines[VN_L_GREETING], x + PAD, ty);
	ty += BODY_PT * 0.35;
	ty += show(p, LY_BODY, lines[VN_L_BODY], x + PAD, ty);

	/* Signature and times at the foot of the frame, as on a printed
	 * form, unless a long text reaches down there. */
	tl = layout(p, LY_TIMES, times)->l;
	pango_layout_get_size(tl, NULL, &th);
	foot = y + h - PAD - (double)th / PANGO_SCALE - BODY_PT * 2.2;
	if (foot < ty + 3 * MM)
		foot = ty + 3 * MM;
	foot += show(p, LY_SIGN, lines[VN_L_COMPANY], x + PAD, foot);
	foot += BODY_PT * 0.8;
	cairo_move_to(cr, x + PAD, foot);
	pango_cairo_show_layout(cr, tl);

	if (++p->slot == (p->paper == VN_A4 ? 4 : 1)) {
		cairo_show_page(cr);
		p->slot = 0;
	}
	return cairo_status(cr) == CAIRO_STATUS_SUCCESS && !p->error ? 0 : -1;
}

int
vn_pdf_close(struct vn_pdf *p, const char **why)
{
	int r, werr;

	if (p->slot != 0)
		cairo_show_page(p->cr);
	for (int i = 0; i < LY_N; i++)
		for (int j = 0; j < NCACHE; j++) {
			free(p->cache[i][j].text);
			if (p->cache[i][j].rec)
				cairo_surface_destroy(p->cache[i][j].rec);
			if (p->cache[i][j].l)
				g_object_unref(p->cache[i][j].l);
		}
	pango_font_description_free(p->fd);
	g_object_unref(p->ctx);
	cairo_destroy(p->cr);
	cairo_surface_finish(p->surf);
	r = cairo_surface_status(p->surf) == CAIRO_STATUS_SUCCESS &&
	    !p->error ? 0 : -1;
	*why = p->werr ? NULL : r < 0 && p->error ? "out of memory" :
	    cairo_status_to_string(cairo_surface_status(p->surf));
	werr = p->werr;
	cairo_surface_destroy(p->surf);
	free(p);
	errno = werr;
	return r;
}
