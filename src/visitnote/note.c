/* SPDX-License-Identifier: MIT */
/*
 * The visit-note template (domain.md section 2) and its slots. The
 * Chinese text is the handbook's, byte for byte, ASCII punctuation and
 * underscore runs of 10, 14, 14 and 13 included; a blank slot is
 * rendered exactly as the seed prints it.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "lib/datetime.h"
#include "lib/text.h"
#include "visitnote/note.h"

struct sbuf {
	char	*p, *end;
	int	 over;
};

static void
put(struct sbuf *b, const char *s)
{
	size_t n = strlen(s);

	if (b->over || (size_t)(b->end - b->p) <= n) {
		b->over = 1;
		return;
	}
	memcpy(b->p, s, n);
	b->p += n;
	*b->p = '\0';
}

/*
 * A slot value: control characters (a TAB or line break in a CSV cell)
 * become spaces so that they cannot break the layout, a suffix the
 * template prints itself is dropped, and the value is cut to maxw
 * columns at a character boundary.
 */
static void
put_slot(struct sbuf *b, const char *v, const char *blank, int maxw,
    const char *const *suffixes)
{
	char *c, *t;
	size_t n;

	if (v == NULL || *v == '\0') {
		put(b, blank);
		return;
	}
	if ((c = strdup(v)) == NULL) {
		b->over = 1;
		return;
	}
	for (char *p = c; *p; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f)
			*p = ' ';
	n = strlen(c);
	for (; suffixes && *suffixes; suffixes++) {
		size_t sl = strlen(*suffixes);

		if (n > sl && memcmp(c + n - sl, *suffixes, sl) == 0) {
			c[n - sl] = '\0';
			break;
		}
	}
	if ((t = bbt_text_trunc(c, maxw < 4 ? 4 : maxw)) == NULL) {
		free(c);
		b->over = 1;
		return;
	}
	put(b, t);
	free(t);
	free(c);
}

/* Ends a line: keeps the NUL that put() wrote, starts the next. */
static void
end_line(struct sbuf *b)
{
	if (b->over || b->p + 1 >= b->end) {
		b->over = 1;
		return;
	}
	b->p++;
	*b->p = '\0';
}

static void
put_services(struct sbuf *b, unsigned svc, enum vn_lang lang)
{
	static const char *const zh[] = { "宽带", "电话", "专线" };
	static const char *const en[] = { "broadband", "telephone",
		"leased line" };
	const char *const *w = lang == VN_ZH ? zh : en;
	int first = 1;

	if (svc == 0)
		svc = VN_SVC_ALL;
	for (int i = 0; i < 3; i++) {
		if (!(svc & (1u << i)))
			continue;
		if (!first)
			put(b, lang == VN_ZH ? "、" : ", ");
		put(b, w[i]);
		first = 0;
	}
}

static void
put_time(struct sbuf *b, int64_t t, enum vn_lang lang, int wide)
{
	char tmp[64];
	int y, mo, d, h, mi;

	if (t == VN_NOTIME) {
		if (lang == VN_ZH)
			put(b, wide ? "____年___月___日___时___分" :
			    " 年 月 日 时 分");
		else
			put(b, wide ? " ____-__-__ __:__" :
			    " year month day hour minute");
		return;
	}
	bbt_time_split(t, &y, &mo, &d, &h, &mi);
	if (lang == VN_ZH)
		snprintf(tmp, sizeof(tmp), "%d年%d月%d日%d时%02d分", y, mo, d,
		    h, mi);
	else
		snprintf(tmp, sizeof(tmp), " %04d-%02d-%02d %02d:%02d", y, mo,
		    d, h, mi);
	put(b, tmp);
}

/*
 * The template's fixed text, with the seed's ASCII punctuation or, fw,
 * the full-width forms (the seed was probably typed on a full-width form
 * and lost them, domain.md section 2).
 */
static void
put_punct(struct sbuf *b, const char *s, int fw)
{
	char out[256], *o = out;

	if (!fw || strlen(s) * 3 >= sizeof(out)) {
		put(b, s);
		return;
	}
	for (; *s; s++) {
		const char *r = *s == ',' ? "，" : *s == ':' ? "：" :
		    *s == '(' ? "（" : *s == ')' ? "）" : NULL;

		if (r) {
			o = stpcpy(o, r);
		} else {
			*o++ = *s;
		}
	}
	*o = '\0';
	put(b, out);
}

int
vn_note_render(const struct vn_note *n, enum vn_lang lang, int width,
    int flags, char *buf, size_t size, const char *lines[VN_NLINES])
{
	static const char *const zh_branch[] = { "联通公司", "联通", NULL };
	static const char *const zh_company[] = { "公司", NULL };
	static const char *const en_company[] = { " Company", NULL };
	struct sbuf b = { buf, buf + size, 0 };
	int w = width > 0 ? width : 80;
	int zh = lang == VN_ZH, wide = flags & VN_RENDER_WIDE;
	int fw = zh && (flags & VN_RENDER_FULLWIDTH);
	/* Blanks to write in: the seed's runs, or on paper room for a
	 * name (about 35 mm) and 11 handwritten digits (about 50 mm). */
	const char *name_blank = wide ? "________________" : "__________";
	const char *who_blank = wide ? "________________" : "______________";
	const char *tel_blank = wide ? "________________________" :
	    "______________";

	if (size == 0)
		return -1;
	*buf = '\0';
	lines[VN_L_TITLE] = b.p;
	put_slot(&b, n->branch, "×××", zh ? w - 20 : w - 16,
	    zh ? zh_branch : NULL);
	put(&b, zh ? "联通公司到访留言便条" : " Unicom Company, Visit Note");
	end_line(&b);

	lines[VN_L_GREETING] = b.p;
	put(&b, zh ? "尊敬的" : "Dear customer ");
	put_slot(&b, n->customer, name_blank, zh ? w - 11 : w - 15, NULL);
	put_punct(&b, zh ? "用户:" : ":", fw);
	end_line(&b);

	lines[VN_L_BODY] = b.p;
	if (zh) {
		put(&b, "我们将为您");
		put(&b, n->action == VN_ACT_INSTALL ? "安装" :
		    n->action == VN_ACT_MAINTAIN ? "维护" : "安装/维护");
		put_punct(&b, "联通(", fw);
		put_services(&b, n->services, lang);
		put_punct(&b, ")业务,我们联系不上您。请您见条后与", fw);
		put_slot(&b, n->contact, who_blank, w - 10, NULL);
		put_punct(&b, "联系(联系电话:", fw);
		put_slot(&b, n->phone, tel_blank, 24, NULL);
		put_punct(&b, "),以便我们及时为您受理,感谢您的配合。", fw);
	} else {
		put(&b, "We came to ");
		put(&b, n->action == VN_ACT_INSTALL ? "install" :
		    n->action == VN_ACT_MAINTAIN ? "maintain" :
		    "install / maintain");
		put(&b, " your Unicom (");
		put_services(&b, n->services, lang);
		put(&b, ") service but could not reach you. When you see "
		    "this note, please contact ");
		put_slot(&b, n->contact, who_blank, w - 10, NULL);
		put(&b, " (phone: ");
		put_slot(&b, n->phone, tel_blank, 24, NULL);
		put(&b, ") so that we can deal with your request promptly. "
		    "Thank you for your cooperation.");
	}
	end_line(&b);

	lines[VN_L_COMPANY] = b.p;
	put_slot(&b, n->company, wide ? "__________________" :
	    "_____________", zh ? w - 4 : w - 8,
	    zh ? zh_company : en_company);
	put(&b, zh ? "公司" : " Company");
	end_line(&b);

	lines[VN_L_ARRIVED] = b.p;
	put_punct(&b, zh ? "到访时间:" : "Arrival time:", fw);
	put_time(&b, n->arrived, lang, wide);
	end_line(&b);

	lines[VN_L_LEFT] = b.p;
	put_punct(&b, zh ? "离开时间:" : "Leaving time:", fw);
	put_time(&b, n->left, lang, wide);
	end_line(&b);
	return b.over ? -1 : 0;
}

/* Service and action words: English, the record words, and Chinese. */
int
vn_parse_services(const char *s)
{
	static const struct {
		const char	*w;
		unsigned	 bit;
	} words[] = {
		{ "broadband", VN_SVC_BROADBAND }, { "bb", VN_SVC_BROADBAND },
		{ "宽带", VN_SVC_BROADBAND }, { "phone", VN_SVC_PHONE },
		{ "telephone", VN_SVC_PHONE }, { "tel", VN_SVC_PHONE },
		{ "电话", VN_SVC_PHONE }, { "固话", VN_SVC_PHONE },
		{ "leased", VN_SVC_LEASED }, { "leased-line", VN_SVC_LEASED },
		{ "专线", VN_SVC_LEASED }, { "all", VN_SVC_ALL },
	};
	unsigned bits = 0;
	const char *p = s;

	if (s == NULL)
		return -1;
	while (*p) {
		size_t len;
		size_t i;

		/* Separators: ASCII comma, '+', '/', space, 、 and ，. */
		if (strchr(",+/ ", *p)) {
			p++;
			continue;
		}
		if (strncmp(p, "、", 3) == 0 || strncmp(p, "，", 3) == 0) {
			p += 3;
			continue;
		}
		for (len = 0; p[len] && !strchr(",+/ ", p[len]) &&
		    strncmp(p + len, "、", 3) != 0 &&
		    strncmp(p + len, "，", 3) != 0; len++)
			;
		for (i = 0; i < sizeof(words) / sizeof(words[0]); i++)
			if (strlen(words[i].w) == len &&
			    strncasecmp(words[i].w, p, len) == 0)
				break;
		if (i == sizeof(words) / sizeof(words[0]))
			return -1;
		bits |= words[i].bit;
		p += len;
	}
	return bits ? (int)bits : -1;
}

int
vn_parse_action(const char *s)
{
	static const char *const inst[] = { "install", "new", "move",
		"安装", "装机", "新装", "移机", NULL };
	static const char *const maint[] = { "maintain", "repair", "fault",
		"维护", "维修", "修障", "故障", NULL };

	if (s == NULL)
		return -1;
	for (const char *const *w = inst; *w; w++)
		if (strcasecmp(*w, s) == 0)
			return VN_ACT_INSTALL;
	for (const char *const *w = maint; *w; w++)
		if (strcasecmp(*w, s) == 0)
			return VN_ACT_MAINTAIN;
	return -1;
}

void
vn_services_word(unsigned svc, char *buf, size_t size)
{
	static const char *const w[] = { "broadband", "phone", "leased" };
	size_t n = 0;

	if (size == 0)
		return;
	*buf = '\0';
	if (svc == 0)
		svc = VN_SVC_ALL;
	for (int i = 0; i < 3; i++)
		if (svc & (1u << i)) {
			int r = snprintf(buf + n, size - n, "%s%s",
			    n ? "," : "", w[i]);
			if (r < 0 || (size_t)r >= size - n)
				return;
			n += (size_t)r;
		}
}

int
vn_time_parse(const char *s, int64_t now, int64_t *t)
{
	unsigned h, m;
	char extra;

	if (s == NULL)
		return -1;
	if (strcmp(s, "now") == 0) {
		*t = now - now % 60;
		return 0;
	}
	/* "14:05": today, local time; a technician types it at the door. */
	if (sscanf(s, "%2u:%2u%c", &h, &m, &extra) == 2 && strlen(s) == 5 &&
	    h < 24 && m < 60) {
		char day[BBT_TIME_BUFSZ], full[BBT_TIME_BUFSZ + 8];

		bbt_time_local_min(now, day);
		snprintf(full, sizeof(full), "%.10s %02u:%02u", day, h, m);
		return bbt_time_parse(full, strlen(full), t);
	}
	return bbt_time_parse(s, strlen(s), t);
}
