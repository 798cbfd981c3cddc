/* SPDX-License-Identifier: MIT */
/*
 * The default catalogue, compiled in: bin/bbdiag works straight after
 * `make`, with no install and no environment variable. A file given
 * with --catalogue or $BBTOOLS_CATALOGUE overrides it. The assembler
 * includes the file as it is (make runs from the top of the tree; the
 * module.mk rule rebuilds this object when the catalogue changes).
 */
#include <stddef.h>

#include "bbdiag/bbdiag.h"

__asm__(
	".pushsection .rodata\n"
	".balign 16\n"
	"bbdiag_builtin_text:\n"
	".incbin \"src/bbdiag/faults.catalog\"\n"
	"bbdiag_builtin_end:\n"
	".byte 0\n"
	".popsection\n");

extern const char bbdiag_builtin_text[] __asm__("bbdiag_builtin_text");
extern const char bbdiag_builtin_end[] __asm__("bbdiag_builtin_end");

const char *
cat_builtin(size_t *len)
{
	*len = (size_t)(bbdiag_builtin_end - bbdiag_builtin_text);
	return bbdiag_builtin_text;
}
