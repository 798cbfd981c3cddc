#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""pppoe-disc.py: minimal PPPoE discovery peer for the bras-vm self-test.

    pppoe-disc.py [options] IFACE discover      PADI -> PADO
    pppoe-disc.py [options] IFACE session       PADI -> PADO, PADR -> PADS
    pppoe-disc.py [options] IFACE padt SID MAC  send PADT for session SID

Prints one TAB-separated record per reply on stdout:

    pado  <ac-mac> <ac-name> <services,...> <cookie-bytes> <ms> <vlan|->
    pads  <ac-mac> <session-id> <service> <ms> <vlan|->
    padt  <ac-mac> <session-id> sent

Exit status: 0 answer received, 1 no (good) answer, 2 usage or OS error.
Standard library only; needs CAP_NET_RAW (run it under ip netns exec).
"""
import argparse
import os
import select
import socket
import struct
import sys
import time

ETH_P_ALL = 0x0003
ETH_P_8021Q = 0x8100
ETH_P_PPP_DISC = 0x8863
SOL_PACKET = 263
PACKET_AUXDATA = 8
TP_STATUS_VLAN_VALID = 0x10

PADI, PADO, PADR, PADS, PADT = 0x09, 0x07, 0x19, 0x65, 0xA7
TAG_SERVICE, TAG_AC_NAME, TAG_HOST_UNIQ, TAG_COOKIE = 0x0101, 0x0102, 0x0103, 0x0104
TAG_ERRORS = {0x0201: "service-name-error", 0x0202: "ac-system-error",
              0x0203: "generic-error"}


def mac_bytes(text):
    return bytes(int(x, 16) for x in text.split(":"))


def mac_text(raw):
    return ":".join("%02x" % b for b in raw)


def tags_pack(tags):
    return b"".join(struct.pack("!HH", t, len(v)) + v for t, v in tags)


def tags_parse(payload):
    tags, off = [], 0
    while off + 4 <= len(payload):
        t, n = struct.unpack_from("!HH", payload, off)
        tags.append((t, payload[off + 4:off + 4 + n]))
        off += 4 + n
    return tags


class Peer:
    def __init__(self, ifname, vlan):
        self.vlan = vlan
        with open("/sys/class/net/%s/address" % ifname) as f:
            self.mac = mac_bytes(f.read().strip())
        self.sock = socket.socket(socket.AF_PACKET, socket.SOCK_RAW,
                                  socket.htons(ETH_P_ALL))
        self.sock.setsockopt(SOL_PACKET, PACKET_AUXDATA, 1)
        self.sock.bind((ifname, ETH_P_ALL))
        self.host_uniq = os.urandom(4)

    def send(self, dst, code, session, tags):
        payload = tags_pack(tags)
        frame = dst + self.mac
        if self.vlan is not None:
            frame += struct.pack("!HH", ETH_P_8021Q, self.vlan)
        frame += struct.pack("!HBBHH", ETH_P_PPP_DISC, 0x11, code, session,
                             len(payload)) + payload
        self.sock.send(frame)

    def receive(self, codes, deadline):
        """Next discovery frame to us with one of codes, or None."""
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                return None
            if not select.select([self.sock], [], [], left)[0]:
                return None
            data, anc, _, addr = self.sock.recvmsg(2048, 64)
            if addr[2] == socket.PACKET_OUTGOING:
                continue
            vlan = None
            for level, kind, blob in anc:
                # struct tpacket_auxdata: the kernel strips the 802.1Q
                # tag into it before packet sockets see the frame.
                if level == SOL_PACKET and kind == PACKET_AUXDATA:
                    st, _, _, _, _, tci = struct.unpack_from("=IIIHHH", blob)
                    if st & TP_STATUS_VLAN_VALID:
                        vlan = tci & 0x0FFF
            dst, src, etype = data[0:6], data[6:12], data[12:14]
            body = data[14:]
            if struct.unpack("!H", etype)[0] == ETH_P_8021Q:
                vlan = struct.unpack_from("!H", body)[0] & 0x0FFF
                etype, body = body[2:4], body[4:]
            if struct.unpack("!H", etype)[0] != ETH_P_PPP_DISC or dst != self.mac:
                continue
            if vlan != self.vlan or len(body) < 6:
                continue
            _, code, session, length = struct.unpack_from("!BBHH", body)
            if code not in codes:
                continue
            tags = tags_parse(body[6:6 + length])
            if code != PADT and dict(tags).get(TAG_HOST_UNIQ) != self.host_uniq:
                continue
            return src, code, session, tags, vlan


def fmt_vlan(v):
    return "-" if v is None else str(v)


def discover(peer, service, timeout):
    t0 = time.monotonic()
    peer.send(b"\xff" * 6, PADI, 0,
              [(TAG_SERVICE, service.encode()), (TAG_HOST_UNIQ, peer.host_uniq)])
    r = peer.receive((PADO,), t0 + timeout)
    if r is None:
        print("pppoe-disc: no PADO within %g s" % timeout, file=sys.stderr)
        return None
    src, _, _, tags, vlan = r
    names = [v.decode(errors="replace") for t, v in tags if t == TAG_AC_NAME]
    services = [v.decode(errors="replace") for t, v in tags if t == TAG_SERVICE]
    cookie = dict(tags).get(TAG_COOKIE, b"")
    print("pado\t%s\t%s\t%s\t%d\t%.1f\t%s" % (
        mac_text(src), names[0] if names else "-", ",".join(services) or "-",
        len(cookie), (time.monotonic() - t0) * 1000, fmt_vlan(vlan)), flush=True)
    return src, tags


def session(peer, service, timeout):
    r = discover(peer, service, timeout)
    if r is None:
        return 1
    ac, tags = r
    req = [(TAG_SERVICE, service.encode()), (TAG_HOST_UNIQ, peer.host_uniq)]
    req += [(t, v) for t, v in tags if t == TAG_COOKIE]
    t0 = time.monotonic()
    peer.send(ac, PADR, 0, req)
    r = peer.receive((PADS,), t0 + timeout)
    if r is None:
        print("pppoe-disc: no PADS within %g s" % timeout, file=sys.stderr)
        return 1
    src, _, sid, tags, vlan = r
    for t, v in tags:
        if t in TAG_ERRORS:
            print("pppoe-disc: PADS %s: %s" % (TAG_ERRORS[t],
                  v.decode(errors="replace")), file=sys.stderr)
    if sid == 0:
        return 1
    svc = dict(tags).get(TAG_SERVICE, b"").decode(errors="replace")
    print("pads\t%s\t%d\t%s\t%.1f\t%s" % (mac_text(src), sid, svc or "-",
          (time.monotonic() - t0) * 1000, fmt_vlan(vlan)), flush=True)
    return 0


def main():
    ap = argparse.ArgumentParser(description="Minimal PPPoE discovery peer.")
    ap.add_argument("-s", "--service", default="internet")
    ap.add_argument("-t", "--timeout", type=float, default=5.0)
    ap.add_argument("-v", "--vlan", type=int)
    ap.add_argument("iface")
    ap.add_argument("action", choices=("discover", "session", "padt"))
    ap.add_argument("args", nargs="*")
    a = ap.parse_args()
    try:
        peer = Peer(a.iface, a.vlan)
        if a.action == "discover":
            return 0 if discover(peer, a.service, a.timeout) else 1
        if a.action == "session":
            return session(peer, a.service, a.timeout)
        if len(a.args) != 2:
            ap.error("padt needs SESSION-ID and AC-MAC")
        sid, ac = int(a.args[0]), mac_bytes(a.args[1])
        peer.send(ac, PADT, sid, [])
        print("padt\t%s\t%d\tsent" % (a.args[1], sid))
        return 0
    except OSError as e:
        print("pppoe-disc: %s" % e, file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
