/* SPDX-License-Identifier: MIT */
/*
 * Batch input: one note per work-order row. A file may mix a header
 * table (TSV or CSV, columns by name or alias) with `order` records (as
 * `visitnote --log - >> orders.tsv` appends them). Our schema is the
 * order columns plus the note's own slots; records fill only the first.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "lib/table.h"
#include "visitnote/input.h"

struct vn_input {
	struct bbt_table *t;
};

static struct bbt_table_col cols[VN_NCOLS];

const struct bbt_table_col *
vn_input_cols(void)
{
	static const struct bbt_table_col slots[VN_NCOLS - BBT_O_NCOLS] = {
		{ "branch", "分公司|本地网|地市" },
		{ "customer", "customer_name|name|用户|用户名|用户名称|客户|"
		    "客户名称|户名" },
		{ "contact", "contact_person|联系人" },
		{ "phone", "tel|contact_phone|mobile|联系电话|电话|手机" },
		{ "company", "signer|单位|公司|施工单位" },
		{ "action", "安装维护|施工类别" },
	};

	if (cols[0].name == NULL) {
		memcpy(cols, bbt_order_cols, sizeof(bbt_order_cols));
		memcpy(cols + BBT_O_NCOLS, slots, sizeof(slots));
	}
	return cols;
}

struct vn_input *
vn_input_open(const char *path)
{
	struct vn_input *in = calloc(1, sizeof(*in));

	if (in == NULL)
		return NULL;
	if ((in->t = bbt_table_open(path, vn_input_cols(), VN_NCOLS,
	    "order")) == NULL) {
		int e = errno;
		free(in);
		errno = e;
		return NULL;
	}
	bbt_table_record_cols(in->t, BBT_O_NCOLS);
	return in;
}

int
vn_input_next(struct vn_input *in, const char **vals)
{
	return bbt_table_next(in->t, vals);
}

const char *
vn_input_error(const struct vn_input *in)
{
	return bbt_table_error(in->t);
}

int
vn_input_failed(const struct vn_input *in)
{
	return bbt_table_failed(in->t);
}

const char *
vn_input_name(const struct vn_input *in)
{
	return bbt_table_name(in->t);
}

unsigned long
vn_input_lineno(const struct vn_input *in)
{
	return bbt_table_lineno(in->t);
}

void
vn_input_close(struct vn_input *in)
{
	if (in == NULL)
		return;
	bbt_table_close(in->t);
	free(in);
}
