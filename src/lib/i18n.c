/* SPDX-License-Identifier: MIT */
/* Locale and gettext set-up shared by every command. */
#include <langinfo.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "lib/i18n.h"

#ifndef LOCALEDIR
#define LOCALEDIR "/usr/local/share/locale"
#endif

void
bbt_i18n_init(void)
{
	const char *dir;

	setlocale(LC_ALL, "");
	/* Records use '.' for decimals whatever the user's locale. */
	setlocale(LC_NUMERIC, "C");
	/* wcwidth() and mbrtowc() must see UTF-8: records are UTF-8 even
	 * under LANG=C or a GB18030 locale. */
	if (strcmp(nl_langinfo(CODESET), "UTF-8") != 0)
		setlocale(LC_CTYPE, "C.UTF-8");
	dir = getenv("BBTOOLS_LOCALEDIR");
	bindtextdomain(BBT_TEXTDOMAIN, dir && *dir ? dir : LOCALEDIR);
	bind_textdomain_codeset(BBT_TEXTDOMAIN, "UTF-8");
	textdomain(BBT_TEXTDOMAIN);
}
