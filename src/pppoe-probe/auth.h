/* SPDX-License-Identifier: MIT */
/*
 * Authentication responses: CHAP-MD5 (RFC 1994) and MS-CHAPv2
 * (RFC 2759), with nettle's MD4, MD5, SHA-1 and DES. No hand-written
 * cryptography.
 */
#ifndef PPPOE_AUTH_H
#define PPPOE_AUTH_H

#include <stddef.h>
#include <stdint.h>

/* MD5(id || secret || challenge). */
void	 chap_md5_response(uint8_t id, const char *secret, size_t slen,
	    const uint8_t *chal, size_t clen, uint8_t out[16]);

/*
 * MS-CHAPv2 NT-Response (RFC 2759 §8.1). The password is UTF-8 and is
 * converted to UTF-16LE; user is the name without any domain stripping.
 * Returns -1 when the password is not valid UTF-8 or longer than 256
 * characters.
 */
int	 mschapv2_nt_response(const uint8_t auth_chal[16],
	    const uint8_t peer_chal[16], const char *user,
	    const char *pass, size_t plen, uint8_t out[24]);
/* The "S=<40 hex digits>" authenticator response (RFC 2759 §8.7),
 * NUL-terminated in out. -1 as above. */
int	 mschapv2_auth_response(const char *pass, size_t plen,
	    const uint8_t nt_resp[24], const uint8_t peer_chal[16],
	    const uint8_t auth_chal[16], const char *user, char out[43]);

#endif
