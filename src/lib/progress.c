/* SPDX-License-Identifier: MIT */
/* A throttled, self-erasing progress line on a terminal (progress.h). */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "lib/datetime.h"
#include "lib/progress.h"
#include "lib/text.h"

void
bbt_progress_init(struct bbt_progress *p, FILE *fp, int when,
    int interval_ms)
{
	const char *term = getenv("TERM");
	struct winsize ws;

	memset(p, 0, sizeof(*p));
	p->fp = fp;
	p->interval_ms = interval_ms;
	p->next_ms = bbt_mono_ms() + interval_ms;
	p->on = when > 0 || (when < 0 && isatty(fileno(fp)) &&
	    !(term && strcmp(term, "dumb") == 0));
	p->cols = 80;
	if (ioctl(fileno(fp), TIOCGWINSZ, &ws) == 0 && ws.ws_col > 1)
		p->cols = ws.ws_col;
}

/* Spaces over what is on the line, then back to its start: no escape
 * sequence, so it works on any terminal. */
static void
erase(struct bbt_progress *p)
{
	if (p->shown > 0)
		fprintf(p->fp, "\r%*s\r", p->shown, "");
	p->shown = 0;
}

int
bbt_progress_update(struct bbt_progress *p, const char *fmt, ...)
{
	char buf[512];
	va_list ap;
	int64_t now;
	size_t n;
	int w;

	if (!p->on || (now = bbt_mono_ms()) < p->next_ms)
		return 0;
	p->next_ms = now + p->interval_ms;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	/* One column short of the width: a full line would wrap and "\r"
	 * would no longer reach its start. */
	n = bbt_text_fit(buf, p->cols - 1, &w);
	if (p->shown > 0)
		erase(p);
	else
		fputc('\r', p->fp);
	fprintf(p->fp, "%.*s", (int)n, buf);
	fflush(p->fp);
	p->shown = w;
	return 1;
}

void
bbt_progress_clear(struct bbt_progress *p)
{
	if (!p->on)
		return;
	erase(p);
	fflush(p->fp);
}
