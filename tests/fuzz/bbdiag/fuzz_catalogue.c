/* SPDX-License-Identifier: MIT */
/*
 * libFuzzer: the catalogue parser and rule compiler over any bytes; a
 * catalogue that parses is then used: every rule evaluated over a small
 * fixed evidence, the verdict written, and guided mode's question search
 * run without answers.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bbdiag/bbdiag.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *err = NULL;
	struct catalogue *c = cat_parse("fuzz", (const char *)data, size,
	    &err);
	struct evidence ev;
	struct verdict v;
	FILE *null, *empty;

	free(err);
	if (c == NULL)
		return 0;
	if ((null = fopen("/dev/null", "w")) == NULL ||
	    (empty = fopen("/dev/null", "r")) == NULL)
		abort();
	ev_init(&ev, c);
	ev.case_id = "f";
	ev_add_check(&ev, "link.carrier", "eth0", "critical", "down", "-",
	    "operstate=down");
	ev_add_check(&ev, "ppp.auth", "alice", "critical", "pap", "-",
	    "result=rejected msg=\"Login incorrect\"");
	ev_add_check(&ev, "http.get", "http://192.0.2.1/", "ok", "5", "ms",
	    "status=200");
	for (size_t i = 0; i < c->nobs; i++)
		if (c->obs[i].kind == OBS_ENUM && i % 2)
			ev_set_obs(&ev, (int)i, 0, 0, c->obs[i].vals[0].word);
		else if (c->obs[i].kind == OBS_NUM && i % 3 == 0)
			ev_set_obs(&ev, (int)i, 0, c->obs[i].min, "0");
	diag_init(&v, c->nfaults);
	diag_run(c, &ev, &v, 16);
	{
		struct outctx o = { null, DF_TEXT, 0, 1, 16, c };

		out_verdict(&o, &v);
		o.fmt = DF_JSON;
		out_verdict(&o, &v);
		o.fmt = DF_TSV;
		out_verdict(&o, &v);
	}
	ask_run(c, &ev, empty, null, 0);
	diag_free(&v);
	ev_free(&ev);
	fclose(null);
	fclose(empty);
	cat_free(c);
	return 0;
}
