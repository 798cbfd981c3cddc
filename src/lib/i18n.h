/* SPDX-License-Identifier: MIT */
/* gettext set-up: one text domain, "bbtools", for every command. */
#ifndef BBT_I18N_H
#define BBT_I18N_H

#include <libintl.h>

#define _(s)	gettext(s)
#define N_(s)	(s)

#define BBT_TEXTDOMAIN "bbtools"

/*
 * setlocale(LC_ALL, ""), LC_NUMERIC back to "C", LC_CTYPE switched to
 * C.UTF-8 when the locale's codeset is not UTF-8 (records are UTF-8
 * whatever the locale), and the text domain bound to $BBTOOLS_LOCALEDIR
 * or the compiled-in LOCALEDIR.
 */
void	bbt_i18n_init(void);

#endif
