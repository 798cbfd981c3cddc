#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
# A resolver that answers every query with one fixed rcode (SERVFAIL,
# NXDOMAIN or REFUSED): the lab's broken-resolver faults.
import socket, sys
rcode = {"SERVFAIL": 2, "NXDOMAIN": 3, "REFUSED": 5}[sys.argv[1]]
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
    s.sendto(q[:2] + flags.to_bytes(2, "big") + q[4:6] + b"\0\0\0\0\0\0" + q[12:], peer)
