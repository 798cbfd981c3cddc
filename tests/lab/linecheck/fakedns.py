#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
# A resolver that answers every query with one fixed rcode (SERVFAIL,
# NXDOMAIN or REFUSED): the lab's broken-resolver faults. LOOP answers
# NOERROR with one A record whose owner name is a compression pointer to
# itself, a reply no resolver library can decode.
import socket, struct, sys
mode = sys.argv[1]
rcode = {"SERVFAIL": 2, "NXDOMAIN": 3, "REFUSED": 5, "LOOP": 0}[mode]
port = int(sys.argv[2])
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.bind(("0.0.0.0", port))
if len(sys.argv) > 3:
    open(sys.argv[3], "w").write("ready\n")
while True:
    q, peer = s.recvfrom(512)
    if len(q) < 12:
        continue
    # Echo id and question; QR=1, RD copied, RA=1; no answers.
    flags = 0x8000 | (q[2] << 8 & 0x0100) | 0x0080 | rcode
    if mode != "LOOP":
        s.sendto(q[:2] + flags.to_bytes(2, "big") + q[4:6] + b"\0\0\0\0\0\0" + q[12:], peer)
        continue
    off = len(q)
    rr = struct.pack("!HHHIH", 0xC000 | off, 1, 1, 60, 4) + bytes([192, 0, 2, 1])
    s.sendto(q[:2] + flags.to_bytes(2, "big") + q[4:6] + b"\0\x01\0\0\0\0" + q[12:] + rr, peer)
