/* SPDX-License-Identifier: MIT */
/* The PPP state machine against scripted peers: what pppd does as an
 * authenticator, including the orders that made pppd's own verdicts
 * ambiguous. */
#include "../testutil.h"
#include "pppoe-probe/auth.h"
#include "pppoe-probe/ppp.h"
#include "pppoe-probe/session.h"

static struct {
	int n;
	uint8_t p[32][1600];
	size_t len[32];
} sent;

static void
capture(void *ctx, const uint8_t *p, size_t n)
{
	(void)ctx;
	assert_true(sent.n < 32);
	memcpy(sent.p[sent.n], p, n);
	sent.len[sent.n++] = n;
}

/* The last packet sent with this protocol and code, or NULL. */
static const uint8_t *
last(uint16_t proto, uint8_t code)
{
	for (int i = sent.n - 1; i >= 0; i--)
		if ((sent.p[i][0] << 8 | sent.p[i][1]) == proto &&
		    sent.p[i][2] == code)
			return sent.p[i];
	return NULL;
}

static void
peer(struct sess *s, uint16_t proto, uint8_t code, uint8_t id,
    const void *d, size_t n, int64_t now)
{
	uint8_t b[1600];
	size_t l = ppp_build(b, sizeof(b), proto, code, id, d, n);

	sess_input(s, b, l, now);
}

static void
setup(struct sess *s, unsigned mask, const char *pass)
{
	struct sess_cfg c;

	memset(&sent, 0, sizeof(sent));
	memset(&c, 0, sizeof(c));
	c.user = "alice";
	c.pass = pass;
	c.plen = strlen(pass);
	c.auth_mask = mask;
	c.mru = 1492;
	c.magic = 0x01020304;
	c.restart_ms = 200;
	c.restart_max_ms = 1000;
	c.max_configure = 4;
	sess_init(s, &c, capture, NULL, 0);
	sess_start(s, 0);
}

/* LCP up with the given auth option (NULL: none). */
static void
lcp_up(struct sess *s, const uint8_t *auth, size_t alen)
{
	uint8_t o[32] = { LCP_OPT_MRU, 4, 0x05, 0xd4, LCP_OPT_MAGIC, 6, 9, 9,
		9, 9 };
	size_t n = 10;
	const uint8_t *req = last(PPP_LCP, CP_CONF_REQ);

	if (auth) {
		memcpy(o + n, auth, alen);
		n += alen;
	}
	peer(s, PPP_LCP, CP_CONF_REQ, 1, o, n, 10);
	assert_non_null(last(PPP_LCP, CP_CONF_ACK));
	peer(s, PPP_LCP, CP_CONF_ACK, req[3], req + 6, (size_t)(req[5] - 4),
	    20);
	assert_int_equal(s->lcp_result, SR_OK);
	assert_int_equal(s->peer_mru, 1492);
}

static void
test_pap_ok_ipcp(void **st)
{
	static const uint8_t pap[] = { LCP_OPT_AUTH, 4, 0xc0, 0x23 };
	static const uint8_t ok[] = { 8, 'L', 'o', 'g', 'i', 'n', ' ', 'o', 'k' };
	struct sess s;
	const uint8_t *p;

	(void)st;
	setup(&s, SA_PAP | SA_CHAP, "alice-pass");
	lcp_up(&s, pap, sizeof(pap));
	assert_int_equal(s.auth, SA_PAP);
	p = last(PPP_PAP, 1);
	assert_non_null(p);
	assert_memory_equal(p + 6, "\x05" "alice" "\x0a" "alice-pass", 17);
	/* IPCP from the AC before our PAP result is dropped. */
	peer(&s, PPP_IPCP, CP_CONF_REQ, 1, "\x03\x06\x0a\x40\x00\x01", 6, 25);
	assert_null(last(PPP_IPCP, CP_CONF_ACK));
	peer(&s, PPP_PAP, 2, p[3], ok, sizeof(ok), 30);
	assert_int_equal(s.auth_result, SR_OK);
	assert_int_equal(s.auth_msg.len, 8);
	assert_int_equal(s.phase, SP_IPCP);
	/* The AC's request, then a Nak with address and DNS, then Ack. */
	peer(&s, PPP_IPCP, CP_CONF_REQ, 2, "\x03\x06\x0a\x40\x00\x01", 6, 31);
	assert_non_null(last(PPP_IPCP, CP_CONF_ACK));
	p = last(PPP_IPCP, CP_CONF_REQ);
	peer(&s, PPP_IPCP, CP_CONF_NAK, p[3],
	    "\x03\x06\x0a\x40\x00\x0a\x81\x06\x0a\x40\x00\x01\x83\x06\x0a\x40\x00\x02",
	    18, 32);
	p = last(PPP_IPCP, CP_CONF_REQ);
	assert_memory_equal(p + 6, "\x03\x06\x0a\x40\x00\x0a", 6);
	peer(&s, PPP_IPCP, CP_CONF_ACK, p[3], p + 6, (size_t)(p[5] - 4), 33);
	assert_int_equal(s.ipcp_result, SR_OK);
	assert_int_equal(s.phase, SP_DONE);
	assert_memory_equal(s.addr, "\x0a\x40\x00\x0a", 4);
	assert_memory_equal(s.dns2, "\x0a\x40\x00\x02", 4);
	assert_memory_equal(s.peer_addr, "\x0a\x40\x00\x01", 4);
	sess_close(&s, SR_NONE, 40);
	assert_int_equal(s.phase, SP_TERMINATING);
	p = last(PPP_LCP, CP_TERM_REQ);
	assert_non_null(p);
	peer(&s, PPP_LCP, CP_TERM_ACK, p[3], NULL, 0, 41);
	assert_int_equal(s.phase, SP_CLOSED);
	assert_true(s.term_acked);
}

static void
test_chap_fail_then_term(void **st)
{
	static const uint8_t chap[] = { LCP_OPT_AUTH, 5, 0xc2, 0x23, 5 };
	uint8_t ch[20] = { 16 }, want[16];
	struct sess s;
	const uint8_t *p;

	(void)st;
	setup(&s, SA_CHAP, "wrong");
	lcp_up(&s, chap, sizeof(chap));
	for (int i = 0; i < 16; i++)
		ch[1 + i] = (uint8_t)i;
	memcpy(ch + 17, "bra", 3);
	peer(&s, PPP_CHAP, 1, 7, ch, 20, 30);
	p = last(PPP_CHAP, 2);
	assert_non_null(p);
	chap_md5_response(7, "wrong", 5, ch + 1, 16, want);
	assert_int_equal(p[6], 16);
	assert_memory_equal(p + 7, want, 16);
	assert_memory_equal(p + 23, "alice", 5);
	peer(&s, PPP_CHAP, 4, 7, "Access denied", 13, 40);
	peer(&s, PPP_LCP, CP_TERM_REQ, 9, "Authentication failed", 21, 41);
	assert_int_equal(s.auth_result, SR_REJECTED);
	assert_memory_equal(s.auth_msg.v, "Access denied", 13);
	assert_non_null(last(PPP_LCP, CP_TERM_ACK));
	assert_int_equal(s.phase, SP_CLOSED);
}

/*
 * pppd's radius plugin sends the Reply-Message with "\n" appended, as
 * bare text even in MS-CHAPv2; FreeRADIUS's own texts have CRLFs around.
 * The message keeps the words only.
 */
static void
test_radius_failure_text(void **st)
{
	static const uint8_t ms[] = { LCP_OPT_AUTH, 5, 0xc2, 0x23, 0x81 };
	static const uint8_t md5[] = { LCP_OPT_AUTH, 5, 0xc2, 0x23, 5 };
	static const char m[] = "\xe7\x8a\xb6\xe6\x80\x81\xe9\x94\x99 "
	    "account in arrears\n";
	static const char m2[] = "\r\nYou are already logged in\r\n"
	    "\xe8\xb6\x85\xe5\x87\xba\r\n\n";
	uint8_t ch[17] = { 16 };
	struct sess s;

	(void)st;
	setup(&s, SA_MSCHAPV2, "debtor-pass");
	lcp_up(&s, ms, sizeof(ms));
	peer(&s, PPP_CHAP, 1, 7, ch, 17, 30);
	peer(&s, PPP_CHAP, 4, 7, m, sizeof(m) - 1, 40);
	assert_int_equal(s.auth_result, SR_REJECTED);
	assert_int_equal(s.auth_msg.len, sizeof(m) - 2);
	assert_memory_equal(s.auth_msg.v, m, sizeof(m) - 2);

	setup(&s, SA_CHAP, "online-pass");
	lcp_up(&s, md5, sizeof(md5));
	peer(&s, PPP_CHAP, 1, 7, ch, 17, 30);
	peer(&s, PPP_CHAP, 4, 7, m2, sizeof(m2) - 1, 40);
	assert_int_equal(s.auth_result, SR_REJECTED);
	assert_int_equal(s.auth_msg.len, 32);
	assert_memory_equal(s.auth_msg.v,
	    "You are already logged in \xe8\xb6\x85\xe5\x87\xba", 32);
}

static void
test_term_before_failure(void **st)
{
	static const uint8_t chap[] = { LCP_OPT_AUTH, 5, 0xc2, 0x23, 5 };
	uint8_t ch[17] = { 16 };
	struct sess s;

	(void)st;
	setup(&s, SA_CHAP, "wrong");
	lcp_up(&s, chap, sizeof(chap));
	peer(&s, PPP_CHAP, 1, 7, ch, 17, 30);
	/* The Terminate-Request overtakes the Failure: same verdict. */
	peer(&s, PPP_LCP, CP_TERM_REQ, 9, "Authentication failed", 21, 41);
	assert_int_equal(s.auth_result, SR_REJECTED);
	assert_int_equal(s.lcp_result, SR_OK);
	assert_memory_equal(s.auth_msg.v, "Authentication failed", 21);
}

static void
test_mschapv2(void **st)
{
	static const uint8_t ms[] = { LCP_OPT_AUTH, 5, 0xc2, 0x23, 0x81 };
	uint8_t ch[17] = { 16 }, nt[24];
	char ok[64];
	struct sess s;
	const uint8_t *p;

	(void)st;
	setup(&s, SA_MSCHAPV2, "clientPass");
	memset(s.cfg.peer_chal, 0x21, 16);
	lcp_up(&s, ms, sizeof(ms));
	memset(ch + 1, 0x5b, 16);
	peer(&s, PPP_CHAP, 1, 3, ch, 17, 30);
	p = last(PPP_CHAP, 2);
	assert_non_null(p);
	assert_int_equal(p[6], 49);
	assert_int_equal(mschapv2_nt_response(ch + 1, s.cfg.peer_chal, "alice",
	    "clientPass", 10, nt), 0);
	assert_memory_equal(p + 7 + 24, nt, 24);
	/* A wrong authenticator response is caught. */
	peer(&s, PPP_CHAP, 3, 3, "S=0000000000000000000000000000000000000000 M=ok",
	    47, 40);
	assert_int_equal(s.auth_result, SR_MISMATCH);

	setup(&s, SA_MSCHAPV2, "clientPass");
	memset(s.cfg.peer_chal, 0x21, 16);
	lcp_up(&s, ms, sizeof(ms));
	peer(&s, PPP_CHAP, 1, 3, ch, 17, 30);
	assert_int_equal(mschapv2_auth_response("clientPass", 10, nt,
	    s.cfg.peer_chal, ch + 1, "alice", ok), 0);
	strcat(ok, " M=Access granted");
	peer(&s, PPP_CHAP, 3, 3, ok, strlen(ok), 40);
	assert_int_equal(s.auth_result, SR_OK);
	assert_int_equal(s.phase, SP_IPCP);
}

static void
test_retransmit_echo_reject(void **st)
{
	static const uint8_t eap[] = { LCP_OPT_AUTH, 4, 0xc2, 0x27 };
	uint8_t o[8] = { LCP_OPT_AUTH, 4, 0xc2, 0x27 };
	struct sess s;
	const uint8_t *p;
	int64_t t;

	(void)st;
	setup(&s, SA_PAP, "x");
	assert_int_equal(sent.n, 1);
	t = sess_deadline(&s);
	assert_int_equal(t, 200);
	sess_tick(&s, 200);
	assert_int_equal(sent.n, 2);
	assert_int_equal(sess_deadline(&s), 600);	/* doubled */
	/* The peer's first request pulls our retry forward. */
	peer(&s, PPP_LCP, CP_CONF_REQ, 1, eap, sizeof(eap), 250);
	assert_int_equal(sess_deadline(&s), 280);
	p = last(PPP_LCP, CP_CONF_NAK);
	assert_non_null(p);
	assert_memory_equal(p + 6, "\x03\x04\xc0\x23", 4);	/* PAP instead */
	(void)o;
	/* Echo and Protocol-Reject need an opened LCP. */
	peer(&s, PPP_LCP, LCP_ECHO_REQ, 5, "\0\0\0\0", 4, 260);
	assert_null(last(PPP_LCP, LCP_ECHO_REP));
	lcp_up(&s, (const uint8_t *)"\x03\x04\xc0\x23", 4);
	peer(&s, PPP_LCP, LCP_ECHO_REQ, 5, "\x09\x09\x09\x09zz", 6, 300);
	p = last(PPP_LCP, LCP_ECHO_REP);
	assert_non_null(p);
	assert_memory_equal(p + 6, "\x01\x02\x03\x04zz", 6);
	peer(&s, PPP_IPV6CP, CP_CONF_REQ, 1, "\x01\x0a\x01\x02\x03\x04\x05\x06\x07\x08",
	    10, 310);
	p = last(PPP_LCP, LCP_PROTO_REJ);
	assert_non_null(p);
	assert_int_equal(p[6] << 8 | p[7], PPP_IPV6CP);
	assert_int_equal(s.proto_rejects, 1);
}

static void
test_lcp_timeout_and_nopool(void **st)
{
	static const uint8_t pap[] = { LCP_OPT_AUTH, 4, 0xc0, 0x23 };
	struct sess s;
	const uint8_t *p;
	int64_t now = 0;

	(void)st;
	setup(&s, SA_PAP, "x");
	while (s.phase == SP_LCP && now < 100000) {
		now = sess_deadline(&s);
		sess_tick(&s, now);
	}
	assert_int_equal(s.lcp_result, SR_TIMEOUT);
	assert_int_equal(s.phase, SP_TERMINATING);
	while (s.phase == SP_TERMINATING)
		sess_tick(&s, sess_deadline(&s));
	assert_int_equal(s.phase, SP_CLOSED);

	/* An AC without an address for us rejects IP-Address. */
	setup(&s, SA_PAP, "x");
	lcp_up(&s, pap, sizeof(pap));
	p = last(PPP_PAP, 1);
	peer(&s, PPP_PAP, 2, p[3], "\0", 1, 30);
	p = last(PPP_IPCP, CP_CONF_REQ);
	peer(&s, PPP_IPCP, CP_CONF_REJ, p[3], "\x03\x06\0\0\0\0", 6, 31);
	assert_int_equal(s.ipcp_result, SR_REJECTED);
	peer(&s, PPP_LCP, CP_TERM_REQ, 3, "No IP address", 13, 32);
	assert_int_equal(s.ipcp_result, SR_REJECTED);
	assert_int_equal(s.phase, SP_CLOSED);
}

/* PAP has a one-byte length: 255 bytes go out whole, 256 are refused
 * here instead of being cut to a password the AC calls wrong. */
static void
test_pap_length(void **st)
{
	static const uint8_t pap[] = { LCP_OPT_AUTH, 4, 0xc0, 0x23 };
	static const char m[] =
	    "the user name or password is longer than PAP's 255 bytes";
	char pw[257];
	struct sess s;
	const uint8_t *p;

	(void)st;
	memset(pw, 'p', 255);
	pw[255] = '\0';
	setup(&s, SA_PAP, pw);
	lcp_up(&s, pap, sizeof(pap));
	p = last(PPP_PAP, 1);
	assert_non_null(p);
	assert_int_equal(p[6 + 6], 255);
	assert_memory_equal(p + 6 + 7, pw, 255);

	pw[255] = 'p';
	pw[256] = '\0';
	setup(&s, SA_PAP, pw);
	lcp_up(&s, pap, sizeof(pap));
	assert_null(last(PPP_PAP, 1));
	assert_int_equal(s.auth_result, SR_REJECTED);
	assert_int_equal(s.auth_msg.len, sizeof(m) - 1);
	assert_memory_equal(s.auth_msg.v, m, sizeof(m) - 1);
	assert_int_equal(s.phase, SP_TERMINATING);
}

/* PAP up to IPCP with the AC's address accepted: the session is up. */
static void
ipcp_up(struct sess *s)
{
	static const uint8_t pap[] = { LCP_OPT_AUTH, 4, 0xc0, 0x23 };
	const uint8_t *p;

	setup(s, SA_PAP, "x");
	lcp_up(s, pap, sizeof(pap));
	p = last(PPP_PAP, 1);
	peer(s, PPP_PAP, 2, p[3], "\0", 1, 30);
	peer(s, PPP_IPCP, CP_CONF_REQ, 1, "\x03\x06\x0a\x40\x00\x01", 6, 31);
	p = last(PPP_IPCP, CP_CONF_REQ);
	peer(s, PPP_IPCP, CP_CONF_NAK, p[3], "\x03\x06\x0a\x40\x00\x0a", 6, 32);
	p = last(PPP_IPCP, CP_CONF_REQ);
	peer(s, PPP_IPCP, CP_CONF_ACK, p[3], p + 6, (size_t)(p[5] - 4), 33);
	assert_int_equal(s->ipcp_result, SR_OK);
	assert_int_equal(s->phase, SP_DONE);
}

/* Issue 19: the AC taking the session back after IPCP; the IPCP one is
 * acknowledged and LCP closed by us, the LCP one closes at once. */
static void
test_down_after_ipcp(void **st)
{
	struct sess s;

	(void)st;
	ipcp_up(&s);
	peer(&s, PPP_IPCP, CP_TERM_REQ, 7, "No more addresses", 17, 40);
	assert_non_null(last(PPP_IPCP, CP_TERM_ACK));
	assert_int_equal(s.down_proto, PPP_IPCP);
	assert_int_equal(s.down_msg.len, 17);
	assert_memory_equal(s.down_msg.v, "No more addresses", 17);
	assert_int_equal(s.phase, SP_TERMINATING);
	assert_non_null(last(PPP_LCP, CP_TERM_REQ));
	assert_int_equal(s.ipcp_result, SR_OK);

	ipcp_up(&s);
	peer(&s, PPP_LCP, CP_TERM_REQ, 8, "Idle", 4, 40);
	assert_int_equal(s.down_proto, PPP_LCP);
	assert_memory_equal(s.down_msg.v, "Idle", 4);
	assert_int_equal(s.phase, SP_CLOSED);
	/* Our Terminate-Ack gets one Restart time (200 ms) to arrive. */
	assert_false(sess_can_disconnect(&s, 40));
	assert_false(sess_can_disconnect(&s, 239));
	assert_true(sess_can_disconnect(&s, 240));
	/* Before IPCP is up a Terminate-Request is not a "down". */
	setup(&s, SA_PAP, "x");
	peer(&s, PPP_LCP, CP_TERM_REQ, 8, "bye", 3, 5);
	assert_int_equal(s.down_proto, 0);
}

/* Naks of 0.0.0.0 to the end: no_address, not "rejected". */
static void
test_ipcp_nak_loop(void **st)
{
	static const uint8_t pap[] = { LCP_OPT_AUTH, 4, 0xc0, 0x23 };
	static const char m[] = "no address after 4 Configure-Requests";
	struct sess s;
	const uint8_t *p;

	(void)st;
	setup(&s, SA_PAP, "x");
	lcp_up(&s, pap, sizeof(pap));
	p = last(PPP_PAP, 1);
	peer(&s, PPP_PAP, 2, p[3], "\0", 1, 30);
	for (int i = 0; i < 10 && s.phase == SP_IPCP; i++) {
		p = last(PPP_IPCP, CP_CONF_REQ);
		peer(&s, PPP_IPCP, CP_CONF_NAK, p[3], "\x03\x06\0\0\0\0", 6,
		    31 + i);
	}
	assert_int_equal(s.phase, SP_DONE);
	assert_int_equal(s.ipcp_result, SR_NO_ADDRESS);
	assert_string_equal(sess_result_name(s.ipcp_result), "no_address");
	assert_int_equal(s.ipcp_msg.len, sizeof(m) - 1);
	assert_memory_equal(s.ipcp_msg.v, m, sizeof(m) - 1);
}

static int64_t echo_seen[4];
static int necho_seen;

static void
on_echo(void *ctx, int64_t rtt)
{
	(void)ctx;
	if (necho_seen < 4)
		echo_seen[necho_seen] = rtt;
	necho_seen++;
}

/* Our Echo-Requests: the reply's receive time minus the send time;
 * replies to unknown ids do not count, nor reach on_echo (--watch). */
static void
test_echo_rtt(void **st)
{
	struct sess s;
	const uint8_t *p;

	(void)st;
	ipcp_up(&s);
	s.on_echo = on_echo;
	necho_seen = 0;
	sess_echo(&s, 1000000000);
	p = last(PPP_LCP, LCP_ECHO_REQ);
	assert_non_null(p);
	assert_memory_equal(p + 6, "\x01\x02\x03\x04", 4);	/* our magic */
	s.rx_ns = 1002500000;
	peer(&s, PPP_LCP, LCP_ECHO_REP, p[3], "\x09\x09\x09\x09", 4, 40);
	sess_echo(&s, 2000000000);
	p = last(PPP_LCP, LCP_ECHO_REQ);
	s.rx_ns = 2000500000;
	peer(&s, PPP_LCP, LCP_ECHO_REP, p[3], "\x09\x09\x09\x09", 4, 41);
	/* A duplicate and a stranger. */
	peer(&s, PPP_LCP, LCP_ECHO_REP, p[3], "\x09\x09\x09\x09", 4, 42);
	peer(&s, PPP_LCP, LCP_ECHO_REP, 200, "\x09\x09\x09\x09", 4, 42);
	assert_int_equal(s.echo_sent, 2);
	assert_int_equal(s.echo_rcvd, 2);
	assert_int_equal(s.rtt_min_ns, 500000);
	assert_int_equal(s.rtt_max_ns, 2500000);
	assert_int_equal(s.rtt_sum_ns, 3000000);
	assert_int_equal(necho_seen, 2);
	assert_int_equal(echo_seen[0], 2500000);
	assert_int_equal(echo_seen[1], 500000);
	/* Not once LCP is closing. */
	sess_close(&s, SR_NONE, 50);
	sess_echo(&s, 3000000000);
	assert_int_equal(s.echo_sent, 2);
}

/* ---- IPv6CP (RFC 5072, issue 19) ---------------------------------------- */

static const uint8_t our_id[8] = { 0x02, 0x11, 0x22, 0x33, 0x44, 0x55,
	0x66, 0x77 };

/* Up to authentication with IPv6CP on: IPCP and IPv6CP requests out. */
static void
auth_up6(struct sess *s)
{
	static const uint8_t pap[] = { LCP_OPT_AUTH, 4, 0xc0, 0x23 };
	const uint8_t *p;

	setup(s, SA_PAP, "x");
	s->cfg.ipv6 = 1;
	memcpy(s->our_ifid, our_id, 8);
	lcp_up(s, pap, sizeof(pap));
	p = last(PPP_PAP, 1);
	peer(s, PPP_PAP, 2, p[3], "\0", 1, 30);
	assert_int_equal(s->phase, SP_IPCP);
	p = last(PPP_IPV6CP, CP_CONF_REQ);
	assert_non_null(p);
	assert_int_equal(p[5], 4 + 10);
	assert_memory_equal(p + 6, "\x01\x0a", 2);
	assert_memory_equal(p + 8, our_id, 8);
}

/* IPCP opened with the AC's address as ours. */
static void
ipcp_open(struct sess *s)
{
	const uint8_t *p;

	peer(s, PPP_IPCP, CP_CONF_REQ, 1, "\x03\x06\x0a\x40\x00\x01", 6, 31);
	p = last(PPP_IPCP, CP_CONF_REQ);
	peer(s, PPP_IPCP, CP_CONF_NAK, p[3], "\x03\x06\x0a\x40\x00\x0a", 6, 32);
	p = last(PPP_IPCP, CP_CONF_REQ);
	peer(s, PPP_IPCP, CP_CONF_ACK, p[3], p + 6, (size_t)(p[5] - 4), 33);
	assert_int_equal(s->ipcp_result, SR_OK);
}

static int
sent_index(uint16_t proto, uint8_t code)
{
	for (int i = 0; i < sent.n; i++)
		if ((sent.p[i][0] << 8 | sent.p[i][1]) == proto &&
		    sent.p[i][2] == code)
			return i;
	return -1;
}

/* pppd with +ipv6: both NCPs open; the network phase waits for IPv6CP
 * once the AC spoke it; closing sends IPv6CP Terminate before LCP's. */
static void
test_ipv6cp_ok(void **st)
{
	static const uint8_t peer_id[10] = { 1, 10, 0x0a, 0xbb, 0xcc, 0xdd,
		0xee, 0xff, 0x00, 0x01 };
	struct sess s;
	const uint8_t *p;

	(void)st;
	auth_up6(&s);
	peer(&s, PPP_IPV6CP, CP_CONF_REQ, 1, peer_id, 10, 31);
	p = last(PPP_IPV6CP, CP_CONF_ACK);
	assert_non_null(p);
	assert_memory_equal(p + 6, peer_id, 10);
	ipcp_open(&s);
	/* IPCP is up, IPv6CP not yet: still negotiating. */
	assert_int_equal(s.phase, SP_IPCP);
	p = last(PPP_IPV6CP, CP_CONF_REQ);
	peer(&s, PPP_IPV6CP, CP_CONF_ACK, p[3], p + 6, (size_t)(p[5] - 4), 34);
	assert_int_equal(s.ipv6cp_result, SR_OK);
	assert_int_equal(s.phase, SP_DONE);
	assert_true(s.have_peer_ifid);
	assert_memory_equal(s.peer_ifid, peer_id + 2, 8);
	assert_int_equal(s.t_ipv6cp, 34);
	/* pppd's first router solicitation: IPv6 is no longer refused. */
	sess_input(&s, (const uint8_t *)"\x00\x57\x60\x00\x00\x00", 6, 35);
	assert_null(last(PPP_LCP, LCP_PROTO_REJ));
	assert_int_equal(s.proto_rejects, 0);
	sess_close(&s, SR_NONE, 40);
	assert_true(s.ipv6cp_term_sent);
	p = last(PPP_IPV6CP, CP_TERM_REQ);
	assert_non_null(p);
	/* LCP's waits for the answer: pppd would take it first. */
	assert_null(last(PPP_LCP, CP_TERM_REQ));
	assert_int_equal(sess_deadline(&s), 40 + 200);
	peer(&s, PPP_IPV6CP, CP_TERM_ACK, p[3], NULL, 0, 45);
	assert_non_null(last(PPP_LCP, CP_TERM_REQ));
	assert_int_equal(s.ipv6cp_result, SR_OK);
	p = last(PPP_LCP, CP_TERM_REQ);
	peer(&s, PPP_LCP, CP_TERM_ACK, p[3], NULL, 0, 46);
	assert_int_equal(s.phase, SP_CLOSED);

	/* No Terminate-Ack: LCP's one Restart time later, three tries. */
	auth_up6(&s);
	peer(&s, PPP_IPV6CP, CP_CONF_REQ, 1, peer_id, 10, 31);
	ipcp_open(&s);
	p = last(PPP_IPV6CP, CP_CONF_REQ);
	peer(&s, PPP_IPV6CP, CP_CONF_ACK, p[3], p + 6, 10, 34);
	sess_close(&s, SR_NONE, 40);
	sess_tick(&s, 239);
	assert_null(last(PPP_LCP, CP_TERM_REQ));
	sess_tick(&s, 240);
	assert_non_null(last(PPP_LCP, CP_TERM_REQ));
	sess_tick(&s, 390);
	sess_tick(&s, 540);
	sess_tick(&s, 690);
	assert_int_equal(s.term_tries, 3);
	assert_int_equal(s.phase, SP_CLOSED);
}

/* pppd with noipv6: LCP Protocol-Reject of IPv6CP; IPCP alone ends
 * the network phase. */
static void
test_ipv6cp_protocol_reject(void **st)
{
	uint8_t rej[16] = { 0x80, 0x57 };
	struct sess s;
	const uint8_t *p;

	(void)st;
	auth_up6(&s);
	p = last(PPP_IPV6CP, CP_CONF_REQ);
	memcpy(rej + 2, p + 2, 14);
	peer(&s, PPP_LCP, LCP_PROTO_REJ, 9, rej, sizeof(rej), 31);
	assert_int_equal(s.ipv6cp_result, SR_REJECTED);
	assert_true(s.ipv6cp_protrej);
	assert_false(s.ipv6cp_seen);
	assert_memory_equal(s.ipv6cp_msg.v, "Protocol-Reject", 15);
	ipcp_open(&s);
	assert_int_equal(s.phase, SP_DONE);
	sess_close(&s, SR_NONE, 40);
	assert_int_equal(sent_index(PPP_IPV6CP, CP_TERM_REQ), -1);
}

/* A peer that never speaks IPv6CP does not hold up the session: IPCP
 * ends the network phase, our requests go on until max_configure. */
static void
test_ipv6cp_silent(void **st)
{
	struct sess s;
	int64_t t;

	(void)st;
	auth_up6(&s);
	ipcp_open(&s);
	assert_int_equal(s.phase, SP_DONE);
	assert_int_equal(s.ipv6cp_result, SR_NONE);
	for (t = 33; s.ipv6cp_result == SR_NONE && t < 10000; t += 50) {
		assert_true(sess_deadline(&s) < INT64_MAX);
		sess_tick(&s, t);
	}
	assert_int_equal(s.ipv6cp_tries, 4);
	assert_int_equal(s.ipv6cp_result, SR_TIMEOUT);
	assert_int_equal(sess_deadline(&s), INT64_MAX);
	assert_int_equal(s.phase, SP_DONE);
}

/* The AC proposes our own identifier: Nak with another; it Naks ours
 * with one of its choice, which we take. */
static void
test_ipv6cp_nak(void **st)
{
	uint8_t same[10] = { 1, 10 };
	static const uint8_t sugg[10] = { 1, 10, 0x02, 0, 0, 0, 0, 0, 0,
		0x99 };
	struct sess s;
	const uint8_t *p;

	(void)st;
	auth_up6(&s);
	memcpy(same + 2, our_id, 8);
	peer(&s, PPP_IPV6CP, CP_CONF_REQ, 1, same, 10, 31);
	p = last(PPP_IPV6CP, CP_CONF_NAK);
	assert_non_null(p);
	assert_memory_equal(p + 6, "\x01\x0a", 2);
	assert_memory_not_equal(p + 8, our_id, 8);
	assert_int_equal(p[8] & 0x02, 0);
	assert_null(last(PPP_IPV6CP, CP_CONF_ACK));
	p = last(PPP_IPV6CP, CP_CONF_REQ);
	peer(&s, PPP_IPV6CP, CP_CONF_NAK, p[3], sugg, 10, 32);
	p = last(PPP_IPV6CP, CP_CONF_REQ);
	assert_memory_equal(p + 8, sugg + 2, 8);
	assert_memory_equal(s.our_ifid, sugg + 2, 8);
	/* An all-zero identifier from the AC is Naked too. */
	memset(same + 2, 0, 8);
	peer(&s, PPP_IPV6CP, CP_CONF_REQ, 2, same, 10, 33);
	assert_int_equal(last(PPP_IPV6CP, CP_CONF_NAK)[3], 2);
}

/* The AC Rejects the identifier, or takes IPv6CP back after it opened:
 * IPv4 stays, IPv6CP gets its verdict. */
static void
test_ipv6cp_reject_and_term(void **st)
{
	static const uint8_t peer_id[10] = { 1, 10, 0x0a, 1, 2, 3, 4, 5, 6,
		7 };
	struct sess s;
	const uint8_t *p;

	(void)st;
	auth_up6(&s);
	p = last(PPP_IPV6CP, CP_CONF_REQ);
	peer(&s, PPP_IPV6CP, CP_CONF_REJ, p[3], p + 6, 10, 31);
	assert_int_equal(s.ipv6cp_result, SR_REJECTED);
	assert_true(s.ipv6cp_seen);
	ipcp_open(&s);
	assert_int_equal(s.phase, SP_DONE);

	auth_up6(&s);
	peer(&s, PPP_IPV6CP, CP_CONF_REQ, 1, peer_id, 10, 31);
	p = last(PPP_IPV6CP, CP_CONF_REQ);
	peer(&s, PPP_IPV6CP, CP_CONF_ACK, p[3], p + 6, 10, 32);
	assert_int_equal(s.ipv6cp_result, SR_OK);
	ipcp_open(&s);
	assert_int_equal(s.phase, SP_DONE);
	peer(&s, PPP_IPV6CP, CP_TERM_REQ, 5, "v6 off", 6, 40);
	assert_non_null(last(PPP_IPV6CP, CP_TERM_ACK));
	assert_int_equal(s.ipv6cp_result, SR_TERMINATED);
	assert_memory_equal(s.ipv6cp_msg.v, "v6 off", 6);
	assert_int_equal(s.phase, SP_DONE);
	sess_close(&s, SR_NONE, 50);
	assert_int_equal(sent_index(PPP_IPV6CP, CP_TERM_REQ), -1);
}

/* IPv6CP before authentication finished is dropped, like IPCP. */
static void
test_ipv6cp_early(void **st)
{
	static const uint8_t pap[] = { LCP_OPT_AUTH, 4, 0xc0, 0x23 };
	struct sess s;

	(void)st;
	setup(&s, SA_PAP, "x");
	s.cfg.ipv6 = 1;
	lcp_up(&s, pap, sizeof(pap));
	peer(&s, PPP_IPV6CP, CP_CONF_REQ, 1,
	    "\x01\x0a\x01\x02\x03\x04\x05\x06\x07\x08", 10, 25);
	assert_null(last(PPP_IPV6CP, CP_CONF_ACK));
	assert_null(last(PPP_LCP, LCP_PROTO_REJ));
	assert_false(s.ipv6cp_seen);
}

int
main(void)
{
	const struct CMUnitTest t[] = {
		cmocka_unit_test(test_pap_ok_ipcp),
		cmocka_unit_test(test_chap_fail_then_term),
		cmocka_unit_test(test_term_before_failure),
		cmocka_unit_test(test_radius_failure_text),
		cmocka_unit_test(test_mschapv2),
		cmocka_unit_test(test_retransmit_echo_reject),
		cmocka_unit_test(test_lcp_timeout_and_nopool),
		cmocka_unit_test(test_pap_length),
		cmocka_unit_test(test_down_after_ipcp),
		cmocka_unit_test(test_ipcp_nak_loop),
		cmocka_unit_test(test_echo_rtt),
		cmocka_unit_test(test_ipv6cp_ok),
		cmocka_unit_test(test_ipv6cp_protocol_reject),
		cmocka_unit_test(test_ipv6cp_silent),
		cmocka_unit_test(test_ipv6cp_nak),
		cmocka_unit_test(test_ipv6cp_reject_and_term),
		cmocka_unit_test(test_ipv6cp_early),
	};
	return cmocka_run_group_tests_name("pppoe-probe/session", t, NULL, NULL);
}
