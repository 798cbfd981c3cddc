#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""fakeac.py: a scriptable PPPoE access concentrator for pppoe-probe tests.

Answers discovery on one interface (AF_PACKET, stdlib only) and can
misbehave on purpose: delayed, duplicated, malformed or misaddressed
PADOs, replies on the wrong VLAN, error tags, a PADS error, and a silent
PPP side (LCP never answered). Every frame it receives from the client
after PADS (LCP, PADT) is logged one per line to --log, so tests can
assert the probe's cleanup; so are the VLAN tags and PPP-Max-Payload of
each PADI and the MRU of each LCP Configure-Request.

--interrupt-on-padr PIDFILE: on PADR, send SIGINT to the process whose
pid is in PIDFILE, then answer after --pads-delay-ms: a client
interrupted between PADR and PADS.

--ppp: be the PPP peer of the session too (no authentication): LCP,
IPCP giving 10.64.0.10 (DNS 10.64.0.53), Echo-Replies. --ipcp-nak-loop:
Nak every IPCP request with 0.0.0.0 (no address to give).
--after-ipcp WHAT:MS:MSG: MS ms after IPCP is up, take the session back
with an IPCP Terminate-Request (ipcp), an LCP Terminate-Request (lcp) or
a PADT (padt) carrying MSG.
--echo-drop N:K: leave the client's Echo-Requests N to N+K-1 (counted
from 1 per session) unanswered; --echo-delay N:MS: answer the Nth one
MS ms late. Both may repeat. --answer-padi N: answer the first N PADIs
only (an AC that stops taking new sessions).

--qinq OUTER: answer only frames with an 802.1ad tag OUTER outside an
802.1Q tag --vlan, and reply with both. Without it, double-tagged
frames are ignored. --max-payload N: grant PPP-Max-Payload (RFC 4638)
up to N when PADI or PADR asks for it.

  fakeac.py --iface IF [--ac-name N] [--service S ...] [--delay-ms MS]
            [--vlan VID] [--qinq OUTER] [--reply-vlan VID] [--dup N]
            [--other-dst] [--malformed] [--pado-error TYPE:MSG]
            [--pads-error TYPE:MSG] [--extra-tags] [--max-payload N]
            [--interrupt-on-padr PIDFILE] [--pads-delay-ms MS]
            [--ppp] [--ipcp-nak-loop] [--after-ipcp WHAT:MS:MSG]
            [--echo-drop N:K ...] [--echo-delay N:MS ...]
            [--answer-padi N]
            [--log FILE] [--ready FILE]
"""
import argparse
import os
import signal
import socket
import struct
import sys
import time

ETH_P_ALL = 0x0003
SOL_PACKET = 263
PACKET_AUXDATA = 8
TP_STATUS_VLAN_VALID = 1 << 4
TP_STATUS_VLAN_TPID_VALID = 1 << 6
ERRTAG = {"service": 0x0201, "system": 0x0202, "generic": 0x0203}


def tags(data):
    out, i = [], 0
    while i + 4 <= len(data):
        t, ln = struct.unpack("!HH", data[i:i + 4])
        out.append((t, data[i + 4:i + 4 + ln]))
        i += 4 + ln
    return out


def lcp_opts(data):
    out, i = [], 0
    while i + 2 <= len(data) and data[i + 1] >= 2:
        out.append((data[i], data[i + 2:i + data[i + 1]]))
        i += data[i + 1]
    return out


def tag(t, v):
    return struct.pack("!HH", t, len(v)) + v


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--iface", required=True)
    ap.add_argument("--ac-name", default="fake-ac")
    ap.add_argument("--service", action="append", default=[])
    ap.add_argument("--delay-ms", type=int, default=0)
    ap.add_argument("--vlan", type=int, default=-1)
    ap.add_argument("--qinq", type=int, default=None)
    ap.add_argument("--max-payload", type=int, default=None)
    ap.add_argument("--reply-vlan", type=int, default=None)
    ap.add_argument("--dup", type=int, default=0)
    ap.add_argument("--other-dst", action="store_true")
    ap.add_argument("--malformed", action="store_true")
    ap.add_argument("--pado-error")
    ap.add_argument("--pads-error")
    ap.add_argument("--extra-tags", action="store_true")
    ap.add_argument("--interrupt-on-padr")
    ap.add_argument("--pads-delay-ms", type=int, default=0)
    ap.add_argument("--ppp", action="store_true")
    ap.add_argument("--ipcp-nak-loop", action="store_true")
    ap.add_argument("--after-ipcp")
    ap.add_argument("--echo-drop", action="append", default=[])
    ap.add_argument("--echo-delay", action="append", default=[])
    ap.add_argument("--answer-padi", type=int, default=None)
    ap.add_argument("--log")
    ap.add_argument("--ready")
    # IPv6CP, then only malformed RAs and DHCPv6 answers (issue 19).
    ap.add_argument("--v6-bad", action="store_true")
    a = ap.parse_args()

    s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW, socket.htons(ETH_P_ALL))
    s.setsockopt(SOL_PACKET, PACKET_AUXDATA, 1)
    s.bind((a.iface, 0))
    mac = s.getsockname()[4][:6]
    log = open(a.log, "a", buffering=1) if a.log else None
    if a.ready:
        open(a.ready, "w").close()
    services = a.service or [""]
    session = 0x1234

    ppp = {"lcp_acked": False, "lcp_sent": False, "ipcp_acked": False,
           "ipcp_sent": False, "ipcp_up_peer": False, "up_at": None,
           "done": False, "id": 0x40, "echoes": 0}
    drops = [tuple(map(int, x.split(":"))) for x in a.echo_drop]
    delays = dict(tuple(map(int, x.split(":"))) for x in a.echo_delay)
    magic = b"\x0a\x0b\x0c\x0d"

    def send(dst, vid, code, sid, payload, ethertype=0x8863):
        hdr = dst + mac
        if a.qinq is not None:
            hdr += struct.pack("!HH", 0x88A8, a.qinq)
        if vid is not None and vid >= 0:
            hdr += struct.pack("!HH", 0x8100, vid)
        frame = hdr + struct.pack("!HBBHH", ethertype, 0x11, code, sid,
                                  len(payload)) + payload
        s.send(frame)

    def cp(proto, code, ident, data=b""):
        return struct.pack("!HBBH", proto, code, ident, 4 + len(data)) + data

    def sess(payload):
        send(ppp["peer"], ppp["vid"], 0x00, session, payload, 0x8864)

    def after_ipcp():
        what, ms, msg = a.after_ipcp.split(":", 2)
        if ppp["done"] or ppp["up_at"] is None or \
                time.time() < ppp["up_at"] + int(ms) / 1000:
            return
        ppp["done"] = True
        ppp["id"] += 1
        if what == "ipcp":
            sess(cp(0x8021, 5, ppp["id"], msg.encode()))
        elif what == "lcp":
            sess(cp(0xC021, 5, ppp["id"], msg.encode()))
        else:
            send(ppp["peer"], ppp["vid"], 0xA7, session,
                 tag(0x0203, msg.encode()))

    def ppp_input(src, vid, body):
        ppp["peer"], ppp["vid"] = src, vid
        proto, code, ident = struct.unpack("!HBB", body[:4])
        # The length counts code, id and itself: 4 bytes before data.
        data = body[6:2 + struct.unpack("!H", body[4:6])[0]]
        if proto == 0xC021:
            if code == 1:
                sess(cp(0xC021, 2, ident, data))
                if not ppp["lcp_sent"]:
                    ppp["lcp_sent"] = True
                    sess(cp(0xC021, 1, 1, b"\x01\x04\x05\xd4\x05\x06" + magic))
            elif code == 2:
                ppp["lcp_acked"] = True
            elif code == 5:
                sess(cp(0xC021, 6, ident))
            elif code == 9:
                ppp["echoes"] += 1
                n = ppp["echoes"]
                if any(f <= n < f + k for f, k in drops):
                    return
                if n in delays:
                    time.sleep(delays[n] / 1000)
                sess(cp(0xC021, 10, ident, magic + data[4:]))
        elif proto == 0x8021 and ppp["lcp_acked"]:
            if code == 1:
                opts = lcp_opts(data)
                addr = [v for k, v in opts if k == 3]
                want = b"\x00\x00\x00\x00" if a.ipcp_nak_loop else \
                    b"\x0a\x40\x00\x0a"
                if a.ipcp_nak_loop or not addr or addr[0] != want:
                    nak = b"\x03\x06" + want
                    for k, v in opts:
                        if k in (0x81, 0x83):
                            nak += bytes([k, 6]) + b"\x0a\x40\x00\x35"
                    sess(cp(0x8021, 3, ident, nak))
                else:
                    sess(cp(0x8021, 2, ident, data))
                    ppp["ipcp_acked"] = True
                if not ppp["ipcp_sent"]:
                    ppp["ipcp_sent"] = True
                    sess(cp(0x8021, 1, 1, b"\x03\x06\x0a\x40\x00\x01"))
            elif code == 2:
                ppp["ipcp_up_peer"] = True
            elif code == 5:
                sess(cp(0x8021, 6, ident))
            if ppp["ipcp_acked"] and ppp["ipcp_up_peer"] and \
                    ppp["up_at"] is None:
                ppp["up_at"] = time.time()
        elif proto == 0x8057 and a.v6_bad and ppp["lcp_acked"]:
            if code == 1:
                sess(cp(0x8057, 2, ident, data))
                sess(cp(0x8057, 1, 1, b"\x01\x0a" + bytes(range(1, 9))))
            elif code == 5:
                sess(cp(0x8057, 6, ident))
        elif proto == 0x0057 and a.v6_bad and len(body) >= 42:
            v6_bad(body[2:])

    def v6_pkt(nh, pl, ck):
        # An IPv6 packet from the AC's link-local, checksum at pl[ck].
        src = b"\xfe\x80" + bytes(6) + bytes(range(1, 9))
        dst = b"\xff\x02" + bytes(13) + b"\x01"
        pseudo = src + dst + struct.pack("!IxxxB", len(pl), nh)
        data = pseudo + pl + (b"\0" if len(pl) % 2 else b"")
        c = sum(struct.unpack("!%dH" % (len(data) // 2), data))
        while c >> 16:
            c = (c & 0xffff) + (c >> 16)
        pl = pl[:ck] + struct.pack("!H", ~c & 0xffff or 0xffff) + pl[ck + 2:]
        return struct.pack("!IHBB", 0x60000000, len(pl), nh, 255) + src + \
            dst + pl

    def v6_bad(pkt):
        nh, l4 = pkt[6], pkt[40:]
        if nh == 58 and l4[0] == 133:
            # An RA with a PIO of length 0 (RFC 4861 §6.1.2: invalid).
            ra = bytes([134, 0, 0, 0, 64, 0, 0, 30]) + bytes(8) + \
                bytes([3, 0]) + bytes(30)
            sess(struct.pack("!H", 0x0057) + v6_pkt(58, ra, 2))
        elif nh == 17 and l4[8] == 1:
            # An Advertise whose Server ID runs past its end.
            adv = bytes([2]) + l4[9:12] + b"\x00\x02\x00\xff\x00\x01"
            udp = struct.pack("!HHHH", 547, 546, 8 + len(adv), 0) + adv
            sess(struct.pack("!H", 0x0057) + v6_pkt(17, udp, 6))

    if a.after_ipcp:
        s.settimeout(0.01)
    while True:
        if a.after_ipcp:
            after_ipcp()
        try:
            data, anc, _flags, _addr = s.recvmsg(4096, socket.CMSG_SPACE(64))
        except socket.timeout:
            continue
        # The kernel strips the outer tag into the auxiliary data; the
        # others stay in the frame.
        vtags = []
        for lvl, typ, cd in anc:
            if lvl == SOL_PACKET and typ == PACKET_AUXDATA and len(cd) >= 20:
                status, _l, _s, _m, _n, tci, tpid = struct.unpack("IIIHHHH", cd[:20])
                if status & TP_STATUS_VLAN_VALID:
                    if not status & TP_STATUS_VLAN_TPID_VALID:
                        tpid = 0x8100
                    vtags.append((tpid, tci))
        if len(data) < 20 or data[6:12] == mac:
            continue
        proto = struct.unpack("!H", data[12:14])[0]
        off = 14
        while proto in (0x8100, 0x88A8, 0x9100) and len(data) >= off + 4:
            vtags.append((proto, struct.unpack("!H", data[off:off + 2])[0]))
            proto = struct.unpack("!H", data[off + 2:off + 4])[0]
            off += 4
        if a.qinq is not None:
            if len(vtags) != 2 or vtags[0][0] != 0x88A8 or \
                    vtags[0][1] & 0xfff != a.qinq or vtags[1][0] != 0x8100:
                continue
            vid = vtags[1][1] & 0xfff
        elif len(vtags) > 1:
            continue
        else:
            vid = vtags[0][1] & 0xfff if vtags else -1
        if vid != a.vlan or proto not in (0x8863, 0x8864):
            continue
        ver, code, sid, ln = struct.unpack("!BBHH", data[off:off + 6])
        body = data[off + 6:off + 6 + ln]
        src = data[6:12]
        rvid = a.reply_vlan if a.reply_vlan is not None else a.vlan
        if proto == 0x8864:
            if log:
                p = struct.unpack("!H", body[:2])[0]
                extra = ""
                if p == 0xC021 and body[2] == 1:
                    for k, v in lcp_opts(body[6:]):
                        if k == 1 and len(v) == 2:
                            extra = " mru=%d" % struct.unpack("!H", v)[0]
                log.write("session proto=0x%04x code=%d%s\n" % (p, body[2], extra))
            if a.ppp and sid == session and len(body) >= 6:
                ppp_input(src, rvid, body)
            continue
        t = tags(body)
        hu = [v for k, v in t if k == 0x0103]
        echo = tag(0x0103, hu[0]) if hu else b""
        mp = [v for k, v in t if k == 0x0120 and len(v) == 2]
        if mp and a.max_payload is not None:
            grant = min(struct.unpack("!H", mp[0])[0], a.max_payload)
            echo += tag(0x0120, struct.pack("!H", grant))
        if log and code == 0x09:
            log.write("padi vlan=%s max_payload=%s\n" % (
                ",".join("0x%04x:%d:%d" % (tp, tci & 0xfff, tci >> 13)
                         for tp, tci in vtags) or "-",
                struct.unpack("!H", mp[0])[0] if mp else "-"))
        if code == 0x09:  # PADI
            asked = [v for k, v in t if k == 0x0101]
            if asked and asked[0] and asked[0].decode() not in services:
                continue
            if a.answer_padi is not None:
                if a.answer_padi <= 0:
                    continue
                a.answer_padi -= 1
            if a.delay_ms:
                time.sleep(a.delay_ms / 1000)
            p = tag(0x0102, a.ac_name.encode())
            for sv in services:
                p += tag(0x0101, sv.encode())
            p += tag(0x0104, b"\x01\x02\x03\x04")
            if a.extra_tags:
                p += tag(0x0110, b"\xaa\xbb") + tag(0x0120, b"\x05\xdc")
                p += tag(0x0105, b"\x00\x00\x0d\xe9xyz") + tag(0x0107, b"\x09")
            if a.pado_error:
                k, _, m = a.pado_error.partition(":")
                p += tag(ERRTAG[k], m.encode())
            p += echo
            if a.other_dst:
                send(b"\x02\x00\x00\x00\x00\x99", rvid, 0x07, 0, p)
            if a.malformed:
                # Tag length past the end, then a bad version byte.
                bad = tag(0x0102, b"x")[:3] + b"\xff"
                send(src, rvid, 0x07, 0, bad + echo)
                hdr = src + mac + struct.pack("!HBBHH", 0x8863, 0x22, 0x07, 0, 0)
                s.send(hdr)
            for _ in range(a.dup + 1):
                send(src, rvid, 0x07, 0, p)
        elif code == 0x19:  # PADR
            # Each session negotiates afresh.
            ppp.update(lcp_acked=False, lcp_sent=False, ipcp_acked=False,
                       ipcp_sent=False, ipcp_up_peer=False, up_at=None,
                       done=False, echoes=0)
            if a.interrupt_on_padr:
                # The pid file may be written just after the client starts.
                for _ in range(200):
                    try:
                        pid = int(open(a.interrupt_on_padr).read())
                        break
                    except (OSError, ValueError):
                        time.sleep(0.01)
                os.kill(pid, signal.SIGINT)
            if a.pads_delay_ms:
                time.sleep(a.pads_delay_ms / 1000)
            if a.pads_error:
                k, _, m = a.pads_error.partition(":")
                send(src, rvid, 0x65, 0, tag(ERRTAG[k], m.encode()) + echo)
            else:
                send(src, rvid, 0x65, session, tag(0x0101, services[0].encode()) + echo)
        elif code == 0xA7 and log:
            log.write("padt session=%d\n" % sid)


if __name__ == "__main__":
    try:
        main()
    except KeyboardInterrupt:
        sys.exit(0)
