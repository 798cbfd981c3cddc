/* SPDX-License-Identifier: MIT */
/*
 * Authentication of the client session: PAP (RFC 1334), CHAP-MD5
 * (RFC 1994) and MS-CHAPv2 (RFC 2759), whichever LCP agreed on.
 */
#include <stdint.h>
#include <string.h>
#include <strings.h>

#include "pppoe-probe/auth.h"
#include "pppoe-probe/sess_int.h"

static void	auth_done(struct sess *, enum sess_result, const uint8_t *,
		    size_t, int64_t);

void
pap_send(struct sess *s, int64_t now)
{
	uint8_t d[512];
	size_t ul = strlen(s->cfg.user), pl = s->cfg.plen;

	/* One length byte each: a cut password would only fail as
	 * "wrong password" at the AC. */
	if (ul > 255 || pl > 255) {
		static const char m[] =
		    "the user name or password is longer than PAP's 255 bytes";

		auth_done(s, SR_REJECTED, (const uint8_t *)m, sizeof(m) - 1,
		    now);
		return;
	}
	d[0] = (uint8_t)ul;
	memcpy(d + 1, s->cfg.user, ul);
	d[1 + ul] = (uint8_t)pl;
	memcpy(d + 2 + ul, s->cfg.pass, pl);
	send_cp(s, PPP_PAP, 1, s->pap_id, d, 2 + ul + pl);
	explicit_bzero(d, sizeof(d));
	s->auth_sent = 1;
	s->auth_tries++;
	s->auth_next = next_restart(s, s->auth_tries + 2, now);
}

void
auth_begin(struct sess *s, int64_t now)
{
	s->phase = SP_AUTH;
	if (s->auth == SA_PAP) {
		s->pap_id++;
		pap_send(s, now);
	}
	/* CHAP: the authenticator speaks first. */
}

static void
auth_done(struct sess *s, enum sess_result r, const uint8_t *m, size_t n,
    int64_t now)
{
	if (s->auth_result != SR_NONE)
		return;
	s->auth_result = r;
	msg_set(&s->auth_msg, m, n);
	s->auth_next = INT64_MAX;
	s->t_auth = since(s, now);
	if (r == SR_OK)
		ipcp_begin(s, now);
	else
		sess_close(s, SR_NONE, now);
}

void
pap_input(struct sess *s, const struct ppp_pkt *k, int64_t now)
{
	size_t ml;

	if (s->phase != SP_AUTH || s->auth != SA_PAP || k->id != s->pap_id)
		return;
	if (k->code != 2 && k->code != 3)
		return;
	ml = k->len > 0 ? k->data[0] : 0;
	if (ml > k->len - (k->len > 0))
		ml = k->len - (k->len > 0);
	auth_done(s, k->code == 2 ? SR_OK : SR_REJECTED, k->data + 1, ml, now);
}

static void
chap_challenge(struct sess *s, const struct ppp_pkt *k, int64_t now)
{
	const uint8_t *chal;
	size_t clen, ul = strlen(s->cfg.user);
	uint8_t *r = s->chap_resp;

	(void)now;
	if (k->len < 1 || k->data[0] > k->len - 1)
		return;
	clen = k->data[0];
	chal = k->data + 1;
	/* A repeated challenge means our response was lost: resend it. */
	if (s->chap_resp_len && k->id == s->chap_id) {
		send_cp(s, PPP_CHAP, 2, s->chap_id, s->chap_resp,
		    s->chap_resp_len);
		return;
	}
	if (ul > sizeof(s->chap_resp) - 50)
		ul = sizeof(s->chap_resp) - 50;
	if (s->auth == SA_CHAP) {
		r[0] = 16;
		chap_md5_response(k->id, s->cfg.pass, s->cfg.plen, chal, clen,
		    r + 1);
		memcpy(r + 17, s->cfg.user, ul);
		s->chap_resp_len = 17 + ul;
	} else {
		if (clen != 16)
			return;
		memcpy(s->auth_chal, chal, 16);
		r[0] = 49;
		memcpy(r + 1, s->cfg.peer_chal, 16);
		memset(r + 17, 0, 8);
		if (mschapv2_nt_response(s->auth_chal, s->cfg.peer_chal,
		    s->cfg.user, s->cfg.pass, s->cfg.plen, s->nt_resp) < 0) {
			static const char m[] =
			    "the password is not valid UTF-8";
			auth_done(s, SR_REJECTED, (const uint8_t *)m,
			    sizeof(m) - 1, now);
			return;
		}
		memcpy(r + 25, s->nt_resp, 24);
		r[49] = 0;
		memcpy(r + 50, s->cfg.user, ul);
		s->chap_resp_len = 50 + ul;
	}
	s->chap_id = k->id;
	send_cp(s, PPP_CHAP, 2, k->id, r, s->chap_resp_len);
	s->auth_sent = 1;
}

void
chap_input(struct sess *s, const struct ppp_pkt *k, int64_t now)
{
	if (s->phase != SP_AUTH ||
	    (s->auth != SA_CHAP && s->auth != SA_MSCHAPV2))
		return;
	switch (k->code) {
	case 1:
		chap_challenge(s, k, now);
		break;
	case 3:
		if (!s->auth_sent || k->id != s->chap_id)
			return;
		if (s->auth == SA_MSCHAPV2) {
			char want[43];

			/* The AC proves it knows the password too. */
			if (mschapv2_auth_response(s->cfg.pass, s->cfg.plen,
			    s->nt_resp, s->cfg.peer_chal, s->auth_chal,
			    s->cfg.user, want) < 0 || k->len < 42 ||
			    strncasecmp((const char *)k->data, want, 42) != 0) {
				auth_done(s, SR_MISMATCH, k->data, k->len, now);
				return;
			}
		}
		auth_done(s, SR_OK, k->data, k->len, now);
		break;
	case 4:
		if (!s->auth_sent || k->id != s->chap_id)
			return;
		auth_done(s, SR_REJECTED, k->data, k->len, now);
		break;
	}
}
