/* SPDX-License-Identifier: MIT */
/*
 * Work-order rows for batch printing: TSV/CSV tables with a header
 * (the order columns of lib/order.h plus the note's own slots) and
 * `order` records, mixed in one file, in input order.
 */
#ifndef VISITNOTE_INPUT_H
#define VISITNOTE_INPUT_H

#include "lib/order.h"

/* The note's slots after the order columns. */
enum { VN_C_BRANCH = BBT_O_NCOLS, VN_C_CUSTOMER, VN_C_CONTACT, VN_C_PHONE,
	VN_C_COMPANY, VN_C_ACTION, VN_NCOLS };

/* The schema: bbt_order_cols, then the slots with their aliases. */
const struct bbt_table_col *vn_input_cols(void);

struct vn_input;

/* NULL with errno when path cannot be opened or read. */
struct vn_input *vn_input_open(const char *path);
/*
 * 1 = a row in vals[VN_NCOLS] (NULL = absent), valid until the next
 * call; 0 = end; -1 = a bad row or a read error: vn_input_error() says
 * "file:line: reason". vn_input_lineno() is the row's line.
 */
int		 vn_input_next(struct vn_input *, const char **vals);
const char	*vn_input_error(const struct vn_input *);
unsigned long	 vn_input_lineno(const struct vn_input *);
/* After -1: whether reading failed (the input is over) rather than a
 * row being bad. */
int		 vn_input_failed(const struct vn_input *);
/* The file's name for messages ("(stdin)" for -). */
const char	*vn_input_name(const struct vn_input *);
void		 vn_input_close(struct vn_input *);

#endif
