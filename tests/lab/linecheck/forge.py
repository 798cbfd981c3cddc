#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
# Frames no real server sends, for the hostile-LAN faults of the lab
# (reliability audit F6, F7, F8). Runs until killed.
#
#   forge.py fragneeded READY VICTIM DST IDENT
#       ICMP "fragmentation needed, MTU 576" to VICTIM quoting echo
#       requests VICTIM -> DST with identifier IDENT, sequence 0..4095.
#   forge.py arpstorm READY IFACE DSTMAC
#       random ARP requests and replies to DSTMAC, as fast as it can.
#   forge.py offers READY IFACE
#       answers every DHCPDISCOVER with 30 offers from 30 server ids
#       (10.9.0.1 ...) and 3 malformed ones: a server id of length 1, a
#       yiaddr of 255.255.255.255, a router option of length 255.
import os, random, socket, struct, sys, time


def csum(b):
    if len(b) % 2:
        b += b"\0"
    s = sum(struct.unpack("!%dH" % (len(b) // 2), b))
    while s >> 16:
        s = (s & 0xFFFF) + (s >> 16)
    return ~s & 0xFFFF


def ready(path):
    with open(path, "w") as f:
        f.write("ready\n")


def ipv4(src, dst, proto, payload, tot=None):
    h = struct.pack("!BBHHHBBH4s4s", 0x45, 0, tot or 20 + len(payload), 0,
                    0x4000, 64, proto, 0, socket.inet_aton(src),
                    socket.inet_aton(dst))
    return h[:10] + struct.pack("!H", csum(h)) + h[12:] + payload


def fragneeded(victim, dst, ident):
    s = socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_ICMP)
    seq = 0
    while True:
        echo = struct.pack("!BBHHH", 8, 0, 0, ident, seq) + bytes(8)
        inner = ipv4(victim, dst, 1, echo, tot=1500)
        icmp = struct.pack("!BBHHH", 3, 4, 0, 0, 576) + inner
        icmp = icmp[:2] + struct.pack("!H", csum(icmp)) + icmp[4:]
        s.sendto(icmp, (victim, 0))
        seq = (seq + 1) % 4096
        if seq % 64 == 0:
            time.sleep(0.005)


def arpstorm(iface, dstmac):
    s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)
    s.bind((iface, 0))
    dst = bytes.fromhex(dstmac.replace(":", ""))
    frames = []
    for _ in range(256):
        sha = bytes([2]) + os.urandom(5)
        op = random.choice((1, 2))
        a = struct.pack("!HHBBH", 1, 0x0800, 6, 4, op) + sha + \
            os.urandom(4) + bytes(6) + os.urandom(4)
        frames.append((dst + sha + b"\x08\x06" + a).ljust(60, b"\0"))
    while True:
        for f in frames:
            s.send(f)


def dhcp_offer(xid, chaddr, server, yiaddr, opts):
    b = struct.pack("!BBBBIHH4s4s4s4s16s64s128sI", 2, 1, 6, 0, xid, 0,
                    0x8000, bytes(4), socket.inet_aton(yiaddr),
                    socket.inet_aton(server), bytes(4), chaddr, b"", b"",
                    0x63825363) + opts + b"\xff"
    udp = struct.pack("!HHHH", 67, 68, 8 + len(b), 0) + b
    ip = ipv4(server, "255.255.255.255", 17, udp)
    return b"\xff" * 6 + b"\x02\x66\0\0\0\x01" + b"\x08\x00" + ip


def offers(iface):
    s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW, socket.htons(0x0800))
    s.bind((iface, 0))
    while True:
        f = s.recv(2048)
        if len(f) < 14 + 28 + 240 or f[23] != 17 or f[36:38] != b"\0\x43":
            continue
        b = f[42:]
        if b[0] != 1:
            continue
        xid, chaddr = struct.unpack("!I", b[4:8])[0], b[28:44]
        out = []
        for i in range(30):
            sid = "10.9.0.%d" % (i + 1)
            o = b"\x35\x01\x02\x36\x04" + socket.inet_aton(sid) + \
                b"\x03\x04" + socket.inet_aton(sid)
            out.append(dhcp_offer(xid, chaddr, sid, "10.9.1.%d" % (i + 1), o))
        # Server id of length 1; yiaddr all-ones; router of length 255.
        out.append(dhcp_offer(xid, chaddr, "0.0.0.0", "10.9.2.1",
                              b"\x35\x01\x02\x36\x01\x0a"))
        out.append(dhcp_offer(xid, chaddr, "10.9.3.1", "255.255.255.255",
                              b"\x35\x01\x02\x36\x04\x0a\x09\x03\x01"))
        out.append(dhcp_offer(xid, chaddr, "10.9.4.1", "10.9.4.2",
                              b"\x35\x01\x02\x36\x04\x0a\x09\x04\x01"
                              b"\x03\xff" + bytes(255)))
        for o in out:
            s.send(o)


def main():
    mode, rdy = sys.argv[1], sys.argv[2]
    ready(rdy)
    if mode == "fragneeded":
        fragneeded(sys.argv[3], sys.argv[4], int(sys.argv[5], 0))
    elif mode == "arpstorm":
        arpstorm(sys.argv[3], sys.argv[4])
    elif mode == "offers":
        offers(sys.argv[3])


if __name__ == "__main__":
    main()
