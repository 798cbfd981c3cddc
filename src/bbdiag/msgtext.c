/* SPDX-License-Identifier: MIT */
/*
 * Refusal texts as they really arrive: a RADIUS Reply-Message with the
 * newline pppd's radius plugin appends, an MS-CHAPv2 failure packet
 * ("E=691 R=0 C=<hex> V=0 M=<text>") or its bare text, a Windows dialer's
 * full-width "Ｅ＝６９１", any letter case, and pppoe-probe's "\x0a" for
 * the newline. Texts and the catalogue's
 * patterns are folded the same way (full-width forms to ASCII, ASCII to
 * lower case, white space and escaped newlines to one space), and the
 * patterns are plain substrings of the folded text, so that an admin adds
 * a BRAS's wording as it reads.
 */
#include <ctype.h>
#include <string.h>

#include "bbdiag/bbdiag.h"
#include "lib/text.h"

static void
put(char *out, size_t sz, size_t *n, const char *s, size_t l)
{
	if (*n + l >= sz)
		return;
	memcpy(out + *n, s, l);
	*n += l;
}

/* Full-width and ideographic punctuation that has an ASCII twin. */
static int
fold_cp(uint32_t cp)
{
	if (cp >= 0xff01 && cp <= 0xff5e)
		return (int)(cp - 0xfee0);
	switch (cp) {
	case 0x3000:
		return ' ';
	case 0x3001:
		return ',';
	case 0x3002:
		return '.';
	case 0x201c:
	case 0x201d:
		return '"';
	case 0x3010:
		return '[';
	case 0x3011:
		return ']';
	default:
		return -1;
	}
}

size_t
msg_fold(const char *in, char *out, size_t sz)
{
	size_t n = 0, len = strlen(in);
	int space = 1;

	for (size_t i = 0; i < len && n + 1 < sz;) {
		uint32_t cp;
		size_t l = bbt_utf8_decode(in + i, len - i, &cp);
		int a;

		if (l == 0) {
			i++;
			continue;
		}
		/* "\n" as two characters, or pppoe-probe's "\x0a" for a
		 * control byte: an escaped newline is white space. */
		if (cp == '\\' && i + 1 < len && (in[i + 1] == 'n' ||
		    in[i + 1] == 'r' || in[i + 1] == 't')) {
			cp = ' ';
			l = 2;
		} else if (cp == '\\' && i + 3 < len && in[i + 1] == 'x' &&
		    (in[i + 2] == '0' || in[i + 2] == '1' ||
		    (in[i + 2] == '7' && (in[i + 3] == 'f' ||
		    in[i + 3] == 'F'))) && isxdigit((unsigned char)in[i + 3])) {
			cp = ' ';
			l = 4;
		}
		a = cp < 0x80 ? (int)cp : fold_cp(cp);
		if (a == ' ' || a == '\t' || a == '\n' || a == '\r' ||
		    a == '\v' || a == '\f') {
			if (!space)
				out[n++] = ' ';
			space = 1;
		} else if (a >= 0) {
			out[n++] = (char)(a >= 'A' && a <= 'Z' ? a + 32 : a);
			space = 0;
		} else {
			put(out, sz, &n, in + i, l);
			space = 0;
		}
		i += l;
	}
	while (n > 0 && out[n - 1] == ' ')
		n--;
	out[n] = '\0';
	return n;
}

static int
digits(const char *p, char *code, size_t sz)
{
	size_t n = 0;

	while (p[n] >= '0' && p[n] <= '9')
		n++;
	if (n < 3 || n > 4 || n >= sz)
		return 0;
	memcpy(code, p, n);
	code[n] = '\0';
	return (int)n;
}

/*
 * The dial-up error number a folded text carries ("e=691 ...",
 * "error 691: ...", "691: ..."), into code (empty when none); returns
 * the text to classify: the M= part of an MS-CHAPv2 failure (its C=
 * challenge is hex that could match anything), else the whole text.
 */
const char *
msg_code(const char *t, char *code, size_t sz)
{
	const char *p, *m;

	code[0] = '\0';
	if ((p = strstr(t, "e=")) != NULL && (p == t || p[-1] == ' ') &&
	    digits(p + 2, code, sz)) {
		if ((m = strstr(p, " m=")) != NULL)
			return m + 3;
		/* No M=: skip the R=, C=, V= fields after the code. */
		for (p += 2 + strlen(code); *p == ' ';) {
			p++;
			if ((p[0] == 'r' || p[0] == 'c' || p[0] == 'v') &&
			    p[1] == '=')
				while (*p && *p != ' ')
					p++;
			else
				break;
		}
		return p;
	}
	if ((p = strstr(t, "error ")) != NULL && digits(p + 6, code, sz))
		return t;
	if (digits(t, code, sz) && (t[strlen(code)] == ':' ||
	    t[strlen(code)] == ' '))
		return t;
	code[0] = '\0';
	return t;
}

/*
 * The value a free text means for a classifying observation: the
 * longest pattern it contains wins, a generic (stock) wording only when
 * nothing specific matched; the "otherwise" value (or -1) when none did.
 */
int
msg_classify(const struct obs_decl *o, const char *text, char *code,
    size_t sz)
{
	char buf[1024];
	const char *t;
	size_t best = 0;
	int vi = -1, weak = -1;

	msg_fold(text, buf, sizeof(buf));
	t = msg_code(buf, code, sz);
	for (size_t i = 0; i < o->npats; i++) {
		size_t l = o->pats[i].len;

		if (strstr(t, o->pats[i].text) == NULL)
			continue;
		if (o->pats[i].value == o->generic) {
			weak = o->generic;
			continue;
		}
		if (l > best) {
			best = l;
			vi = o->pats[i].value;
		}
	}
	if (vi < 0)
		vi = weak;
	if (vi < 0)
		vi = o->otherwise;
	return vi;
}
