#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
# Sends an LLDP frame (chassis MAC, port "Gi0/7", system "sw-3f") out of
# one interface every 100 ms, like a switch port with a short interval.
import socket, struct, sys, time
ifname = sys.argv[1]
s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)
s.bind((ifname, 0))
def tlv(t, v):
    return struct.pack(">H", t << 9 | len(v)) + v
frame = (bytes.fromhex("0180c200000e") + bytes.fromhex("02aabbccdd07") + b"\x88\xcc"
         + tlv(1, b"\x04" + bytes.fromhex("02aabbccdd00"))
         + tlv(2, b"\x05Gi0/7") + tlv(3, b"\x00\x78")
         + tlv(4, b"home 3F room 302") + tlv(5, b"sw-3f") + tlv(0, b""))
if len(sys.argv) > 2:
    open(sys.argv[2], "w").write("ready\n")
while True:
    s.send(frame)
    time.sleep(0.1)
