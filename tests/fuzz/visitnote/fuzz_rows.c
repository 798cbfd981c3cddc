/* SPDX-License-Identifier: MIT */
/*
 * libFuzzer: visitnote's batch input (header tables mixed with order
 * records, merged by line number) and, for every row, the note's slots
 * rendered and laid out at each width, the phone, service, action and
 * time parsers and the rule checks.
 */
#include <locale.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "lib/text.h"
#include "visitnote/input.h"
#include "visitnote/note.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

struct sink {
	int	valid, width;
};

static void
sink(const char *s, size_t len, void *arg)
{
	struct sink *k = arg;

	/* Every line is whole UTF-8 when the input was, and within the
	 * width (a line is 20 columns or more, no glyph is wider). */
	if (k->valid && bbt_utf8_check(s, len) >= 0)
		abort();
	if (bbt_text_nwidth(s, len) > k->width)
		abort();
}

static void
note_of(const char **v)
{
	static char buf[8192];
	const char *lines[VN_NLINES];
	struct vn_note n = { v[VN_C_BRANCH], v[VN_C_CUSTOMER], VN_ACT_ANY, 0,
		v[VN_C_CONTACT], v[VN_C_PHONE], v[VN_C_COMPANY], VN_NOTIME,
		VN_NOTIME };
	struct vn_check c;
	int x;

	if ((x = vn_parse_action(v[VN_C_ACTION])) >= 0)
		n.action = (enum vn_action)x;
	if ((x = vn_parse_services(v[BBT_O_SERVICE])) >= 0)
		n.services = (unsigned)x;
	if (v[BBT_O_ARRIVED])
		(void)vn_time_parse(v[BBT_O_ARRIVED], 0, &n.arrived);
	if (v[BBT_O_LEFT])
		(void)vn_time_parse(v[BBT_O_LEFT], 0, &n.left);
	(void)vn_phone_ok(n.phone);
	(void)vn_check(&n, -1, 1700000000, &c);
	for (int lang = 0; lang < 2; lang++)
		for (int w = 0; w <= 80; w += 16) {
			if (vn_note_render(&n, (enum vn_lang)lang, w, (w >> 4) & 3,
			    buf, sizeof(buf), lines) < 0)
				continue;
			struct sink k = { 1, w < 20 ? 20 : w };

			for (int i = 0; i < VN_NLINES; i++)
				vn_wrap(lines[i], k.width, sink, &k);
		}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int init;
	char path[64];
	int fd = memfd_create("rows", 0);
	struct vn_input *in;
	const char *v[VN_NCOLS];
	int r;

	if (!init) {
		setlocale(LC_ALL, "C.UTF-8");
		init = 1;
	}
	if (fd < 0 || write(fd, data, size) != (ssize_t)size)
		abort();
	snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	if ((in = vn_input_open(path)) == NULL)
		abort();
	while ((r = vn_input_next(in, v)) != 0)
		if (r > 0)
			note_of(v);
		else if (strlen(vn_input_error(in)) == 0)
			abort();
		else if (vn_input_failed(in))
			break;	/* as visitnote: the input ends there */
	vn_input_close(in);
	close(fd);
	return 0;
}
