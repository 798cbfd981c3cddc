/* SPDX-License-Identifier: MIT */
/*
 * CHAP-MD5 and MS-CHAPv2 responses over nettle. Function names follow
 * the pseudo-code of RFC 2759 §8 so the two can be read side by side.
 */
#include <string.h>

#include <nettle/des.h>
#include <nettle/md4.h>
#include <nettle/md5.h>
#include <nettle/sha1.h>

#include "pppoe-probe/auth.h"

void
chap_md5_response(uint8_t id, const char *secret, size_t slen,
    const uint8_t *chal, size_t clen, uint8_t out[16])
{
	struct md5_ctx c;

	md5_init(&c);
	md5_update(&c, 1, &id);
	md5_update(&c, slen, (const uint8_t *)secret);
	md5_update(&c, clen, chal);
	md5_digest(&c, MD5_DIGEST_SIZE, out);
	explicit_bzero(&c, sizeof(c));
}

/* UTF-8 to UTF-16LE; returns the byte length or -1. */
static int
to_unicode(const char *s, size_t n, uint8_t *out, size_t osz)
{
	size_t w = 0;

	for (size_t i = 0; i < n;) {
		unsigned c = (unsigned char)s[i], l, cp;

		if (c < 0x80)
			l = 1, cp = c;
		else if ((c & 0xe0) == 0xc0)
			l = 2, cp = c & 0x1f;
		else if ((c & 0xf0) == 0xe0)
			l = 3, cp = c & 0x0f;
		else if ((c & 0xf8) == 0xf0)
			l = 4, cp = c & 0x07;
		else
			return -1;
		if (i + l > n)
			return -1;
		for (unsigned k = 1; k < l; k++) {
			if (((unsigned char)s[i + k] & 0xc0) != 0x80)
				return -1;
			cp = cp << 6 | ((unsigned char)s[i + k] & 0x3f);
		}
		i += l;
		if (cp >= 0x10000) {
			if (cp > 0x10ffff || w + 4 > osz)
				return -1;
			cp -= 0x10000;
			unsigned hi = 0xd800 | (cp >> 10), lo = 0xdc00 | (cp & 0x3ff);
			out[w++] = (uint8_t)hi;
			out[w++] = (uint8_t)(hi >> 8);
			out[w++] = (uint8_t)lo;
			out[w++] = (uint8_t)(lo >> 8);
		} else {
			if (w + 2 > osz)
				return -1;
			out[w++] = (uint8_t)cp;
			out[w++] = (uint8_t)(cp >> 8);
		}
	}
	return (int)w;
}

static int
nt_password_hash(const char *pass, size_t plen, uint8_t hash[16])
{
	uint8_t u[512];
	struct md4_ctx c;
	int n;

	/* RFC 2759: passwords are at most 256 Unicode characters. */
	if ((n = to_unicode(pass, plen, u, sizeof(u))) < 0) {
		explicit_bzero(u, sizeof(u));
		return -1;
	}
	md4_init(&c);
	md4_update(&c, (size_t)n, u);
	md4_digest(&c, MD4_DIGEST_SIZE, hash);
	/* explicit_bzero: a memset before return is a dead store that the
	 * compiler drops, and these hold the password or its hash. */
	explicit_bzero(u, sizeof(u));
	explicit_bzero(&c, sizeof(c));
	return 0;
}

/* SHA1(peer challenge, authenticator challenge, user name)[0..7]. */
static void
challenge_hash(const uint8_t peer[16], const uint8_t auth[16],
    const char *user, uint8_t out[8])
{
	struct sha1_ctx c;
	uint8_t d[SHA1_DIGEST_SIZE];

	sha1_init(&c);
	sha1_update(&c, 16, peer);
	sha1_update(&c, 16, auth);
	sha1_update(&c, strlen(user), (const uint8_t *)user);
	sha1_digest(&c, sizeof(d), d);
	memcpy(out, d, 8);
}

/* DES with a 7-byte key spread over 8 bytes (parity bits ignored). */
static void
des_encrypt7(const uint8_t clear[8], const uint8_t k7[7], uint8_t out[8])
{
	struct des_ctx c;
	uint8_t k[8];

	k[0] = k7[0];
	k[1] = (uint8_t)(k7[0] << 7 | k7[1] >> 1);
	k[2] = (uint8_t)(k7[1] << 6 | k7[2] >> 2);
	k[3] = (uint8_t)(k7[2] << 5 | k7[3] >> 3);
	k[4] = (uint8_t)(k7[3] << 4 | k7[4] >> 4);
	k[5] = (uint8_t)(k7[4] << 3 | k7[5] >> 5);
	k[6] = (uint8_t)(k7[5] << 2 | k7[6] >> 6);
	k[7] = (uint8_t)(k7[6] << 1);
	des_fix_parity(8, k, k);
	/* A weak key only makes des_set_key return 0; the schedule is set
	 * anyway, and MS-CHAP has no choice of key. */
	(void)des_set_key(&c, k);
	des_encrypt(&c, 8, out, clear);
	explicit_bzero(&c, sizeof(c));
	explicit_bzero(k, sizeof(k));
}

int
mschapv2_nt_response(const uint8_t auth_chal[16], const uint8_t peer_chal[16],
    const char *user, const char *pass, size_t plen, uint8_t out[24])
{
	uint8_t ch[8], h[21] = { 0 };

	challenge_hash(peer_chal, auth_chal, user, ch);
	if (nt_password_hash(pass, plen, h) < 0)
		return -1;
	des_encrypt7(ch, h, out);
	des_encrypt7(ch, h + 7, out + 8);
	des_encrypt7(ch, h + 14, out + 16);
	explicit_bzero(h, sizeof(h));
	return 0;
}

int
mschapv2_auth_response(const char *pass, size_t plen, const uint8_t nt[24],
    const uint8_t peer_chal[16], const uint8_t auth_chal[16],
    const char *user, char out[43])
{
	static const uint8_t magic1[39] =
	    "Magic server to client signing constant";
	static const uint8_t magic2[41] =
	    "Pad to make it do more than one iteration";
	static const char hx[] = "0123456789ABCDEF";
	uint8_t h[16], hh[16], d[SHA1_DIGEST_SIZE], ch[8];
	struct md4_ctx m;
	struct sha1_ctx c;

	if (nt_password_hash(pass, plen, h) < 0)
		return -1;
	md4_init(&m);
	md4_update(&m, 16, h);
	md4_digest(&m, 16, hh);
	sha1_init(&c);
	sha1_update(&c, 16, hh);
	sha1_update(&c, 24, nt);
	sha1_update(&c, sizeof(magic1), magic1);
	sha1_digest(&c, sizeof(d), d);
	challenge_hash(peer_chal, auth_chal, user, ch);
	sha1_init(&c);
	sha1_update(&c, sizeof(d), d);
	sha1_update(&c, 8, ch);
	sha1_update(&c, sizeof(magic2), magic2);
	sha1_digest(&c, sizeof(d), d);
	out[0] = 'S';
	out[1] = '=';
	for (int i = 0; i < 20; i++) {
		out[2 + 2 * i] = hx[d[i] >> 4];
		out[3 + 2 * i] = hx[d[i] & 15];
	}
	out[42] = '\0';
	explicit_bzero(h, sizeof(h));
	explicit_bzero(hh, sizeof(hh));
	explicit_bzero(&m, sizeof(m));
	explicit_bzero(&c, sizeof(c));
	return 0;
}
