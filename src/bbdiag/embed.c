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
	".globl bbdiag_builtin_text\n"
	".hidden bbdiag_builtin_text\n"
	"bbdiag_builtin_text:\n"
	".incbin \"src/bbdiag/faults.catalog\"\n"
	".globl bbdiag_builtin_end\n"
	".hidden bbdiag_builtin_end\n"
	"bbdiag_builtin_end:\n"
	".byte 0\n"
	".popsection\n");

/* Global but hidden symbols: with local labels the aarch64 linker gave
 * both references one GOT slot (section + offset, the offset lost), and
 * the length came out as 0. */
extern const char bbdiag_builtin_text[] __asm__("bbdiag_builtin_text")
    __attribute__((visibility("hidden")));
extern const char bbdiag_builtin_end[] __asm__("bbdiag_builtin_end")
    __attribute__((visibility("hidden")));

const char *
cat_builtin(size_t *len)
{
	*len = (size_t)(bbdiag_builtin_end - bbdiag_builtin_text);
	return bbdiag_builtin_text;
}
