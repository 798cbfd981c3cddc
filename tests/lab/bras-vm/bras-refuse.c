// SPDX-License-Identifier: MIT
/*
 * bras-refuse.so: pppd 2.4.9 plugin for the bras-vm test lab.
 *
 * Refuses chosen accounts that gave the right password with their own
 * AAA-style message, as a real BRAS relays its RADIUS Reply-Message
 * (arrears, binding mismatch, session limit).  Stock pppd answers such
 * an account like a wrong password, so a client could not tell them apart.
 *
 * The file (option bras-refuse-file, default /etc/ppp/bras-refuse) holds
 * one account per line: the name, white space, the message (UTF-8).  A
 * wrong password still gets pppd's own answer, as AAA checks it first.
 *
 * PAP: Authenticate-Nak carries the message.  CHAP-MD5: Failure carries
 * it.  MS-CHAP(v2): Failure is "E=691 R=0 C=<challenge> V=0 M=<message>"
 * (RFC 2759); a leading "E=nnn " in the message sets the error code.
 *
 * It also makes an account without any allowed address (nopool) fail
 * IPCP as on an exhausted address pool; see refuse_ip_choose().
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <pppd/pppd.h>
#include <pppd/chap-new.h>
#include <pppd/pathnames.h>

#define MSGLEN	200

char pppd_version[] = VERSION;

#define REFUSE_FILE	"/etc/ppp/bras-refuse"

/* NULL, not the default: pppd frees an o_string's old value when set. */
static char *refuse_file;

static option_t refuse_options[] = {
	{ .name = "bras-refuse-file", .type = o_string,
	  .addr = &refuse_file, .flags = OPT_PRIO,
	  .description = "File of refused accounts and their messages" },
	{ .name = NULL }
};

/* Split off the next white-space separated word, honouring "quotes". */
static char *
next_word(char **sp)
{
	char *s = *sp, *w;

	while (isspace((unsigned char)*s))
		s++;
	if (*s == '\0' || *s == '#')
		return NULL;
	if (*s == '"') {
		w = ++s;
		while (*s != '\0' && *s != '"')
			s++;
	} else {
		w = s;
		while (*s != '\0' && !isspace((unsigned char)*s))
			s++;
	}
	if (*s != '\0')
		*s++ = '\0';
	*sp = s;
	return w;
}

/* Look up the refusal message of user; 1 if the account is refused. */
static int
lookup_refusal(const char *user, char *msg, size_t size)
{
	const char *path = refuse_file != NULL ? refuse_file : REFUSE_FILE;
	char line[512], *p, *name;
	size_t n;
	FILE *f;
	int found = 0;

	if ((f = fopen(path, "r")) == NULL) {
		error("bras-refuse: cannot open %s: %m", path);
		return 0;
	}
	while (!found && fgets(line, sizeof(line), f) != NULL) {
		p = line;
		if ((name = next_word(&p)) == NULL || strcmp(name, user) != 0)
			continue;
		while (isspace((unsigned char)*p))
			p++;
		n = strcspn(p, "\r\n");
		p[n] = '\0';
		strlcpy(msg, p, size);
		found = 1;
	}
	fclose(f);
	return found;
}

/* The PAP secret of user for this server from pap-secrets; 1 if found. */
static int
pap_secret(const char *user, char *secret, size_t size)
{
	char line[512], *p, *client, *server, *word;
	FILE *f;
	int found = 0;

	if ((f = fopen(_PATH_UPAPFILE, "r")) == NULL) {
		error("bras-refuse: cannot open %s: %m", _PATH_UPAPFILE);
		return 0;
	}
	while (!found && fgets(line, sizeof(line), f) != NULL) {
		p = line;
		if ((client = next_word(&p)) == NULL ||
		    (server = next_word(&p)) == NULL ||
		    (word = next_word(&p)) == NULL)
			continue;
		if (strcmp(client, user) != 0 ||
		    (strcmp(server, "*") != 0 && strcmp(server, our_name) != 0))
			continue;
		strlcpy(secret, word, size);
		found = 1;
	}
	fclose(f);
	memset(line, 0, sizeof(line));
	return found;
}

static int
refuse_pap_auth(char *user, char *passwd, char **msgp,
    struct wordlist **paddrs, struct wordlist **popts)
{
	static char msg[MSGLEN];
	char secret[MAXSECRETLEN];
	int right;

	(void)paddrs;
	(void)popts;
	if (!lookup_refusal(user, msg, sizeof(msg)))
		return -1;	/* not ours: pppd checks pap-secrets */
	right = pap_secret(user, secret, sizeof(secret)) &&
	    strcmp(secret, passwd) == 0;
	memset(secret, 0, sizeof(secret));
	if (!right)
		return -1;	/* wrong password: pppd's "Login incorrect" */
	notice("bras-refuse: PAP peer %q refused: %s", user, msg);
	*msgp = msg;
	return 0;
}

static int
refuse_chap_verify(char *name, char *ourname, int id,
    struct chap_digest_type *digest, unsigned char *challenge,
    unsigned char *response, char *message, int message_space)
{
	unsigned char secret[MAXSECRETLEN];
	char msg[MSGLEN], hex[2 * 255 + 1], *text;
	int secret_len, ok, code, i;

	/* The same steps as pppd's own (static) chap_verify_response. */
	if (!get_secret(0, name, ourname, (char *)secret, &secret_len, 1)) {
		error("No CHAP secret found for authenticating %q", name);
		return 0;
	}
	ok = digest->verify_response(id, name, secret, secret_len, challenge,
	    response, message, message_space);
	memset(secret, 0, sizeof(secret));
	if (!ok || !lookup_refusal(name, msg, sizeof(msg)))
		return ok;

	notice("bras-refuse: CHAP peer %q refused: %s", name, msg);
	if (digest->code != CHAP_MICROSOFT_V2 &&
	    digest->code != CHAP_MICROSOFT) {
		slprintf(message, message_space, "%s", msg);
		return 0;
	}
	/* MS-CHAP wants its own failure syntax; take "E=nnn " from msg. */
	code = 691;
	text = msg;
	if (strncmp(msg, "E=", 2) == 0 && isdigit((unsigned char)msg[2])) {
		code = (int)strtol(msg + 2, &text, 10);
		while (*text == ' ')
			text++;
	}
	for (i = 0; i < challenge[0]; i++)
		sprintf(hex + 2 * i, "%02x", challenge[1 + i]);
	hex[2 * i] = '\0';
	if (digest->code == CHAP_MICROSOFT_V2)
		slprintf(message, message_space, "E=%d R=0 C=%s V=0 M=%s",
		    code, hex, text);
	else
		slprintf(message, message_space, "E=%d R=0", code);
	return 0;
}

/*
 * Offer no address to an account that may use none (nopool): pppd would
 * Nak the client's 0.0.0.0 with the pool address pppoe-server gave it,
 * let IPCP open, and only then close it.  A BRAS with an exhausted pool
 * has nothing to offer: with 0 here pppd Rejects the IP-Address option.
 * Runs when IPCP starts, after authentication set the allowed addresses.
 */
static void
refuse_ip_choose(u_int32_t *addr)
{
	if (*addr != 0 && !auth_ip_addr(0, *addr)) {
		notice("bras-refuse: no address for %q (pool address %I"
		    " not allowed)", peer_authname, *addr);
		*addr = 0;
	}
}

void plugin_init(void);

void
plugin_init(void)
{
	add_options(refuse_options);
	pap_auth_hook = refuse_pap_auth;
	chap_verify_hook = refuse_chap_verify;
	ip_choose_hook = refuse_ip_choose;
	info("bras-refuse: plugin loaded");
}
