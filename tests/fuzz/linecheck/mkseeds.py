#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
# Writes the seeds of fuzz_icmp, fuzz_capture, fuzz_netlink and fuzz_opts
# (tests/fuzz/linecheck/*.corpus). Netlink seeds are real dumps of a
# throw-away namespace, so this needs root: sudo python3 mkseeds.py
import os, socket, struct, subprocess, sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "lab", "linecheck"))
from forge import csum, ipv4, dhcp_offer  # noqa: E402

IDENT = 0x1234
ME, GW, WEB = "192.168.77.100", "192.168.77.1", "203.0.113.80"
MAC = bytes.fromhex("020000000010")


def put(target, name, data):
    d = os.path.join(HERE, target + ".corpus")
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, name), "wb") as f:
        f.write(data)


def icmp(t, c, rest, body):
    h = struct.pack("!BBH", t, c, 0) + rest + body
    return h[:2] + struct.pack("!H", csum(h)) + h[4:]


def icmp_seeds():
    echo = lambda ident, seq, n: icmp(8, 0, struct.pack("!HH", ident, seq), bytes(range(256)) * (n // 256) + bytes(n % 256))
    rep = icmp(0, 0, struct.pack("!HH", IDENT, 3), bytes(56))
    put("fuzz_icmp", "reply_raw4", b"\x02" + ipv4(WEB, ME, 1, rep))
    put("fuzz_icmp", "reply_ping4", b"\x00" + rep)
    # A reply to a 9000-byte path's largest probe (jumbo frames).
    big = icmp(0, 0, struct.pack("!HH", IDENT, 9), bytes(range(256)) * 34)
    put("fuzz_icmp", "reply_jumbo4", b"\x02" + ipv4(WEB, ME, 1, big))
    quoted = ipv4(ME, WEB, 1, echo(IDENT, 7, 1464))[:576 - 28]
    fn = icmp(3, 4, struct.pack("!HH", 0, 1492), quoted)
    put("fuzz_icmp", "fragneeded_raw4", b"\x02" + ipv4(GW, ME, 1, fn))
    te = icmp(11, 0, bytes(4), quoted[:28])
    put("fuzz_icmp", "timexceeded_raw4", b"\x02" + ipv4(GW, ME, 1, te))
    src6 = socket.inet_pton(socket.AF_INET6, "2001:db8:77::100")
    dst6 = socket.inet_pton(socket.AF_INET6, "2001:db8:f0::80")
    e6 = struct.pack("!BBHHH", 128, 0, 0, IDENT, 5) + bytes(1232)
    ip6 = struct.pack("!IHBB", 0x60000000, len(e6), 58, 64) + src6 + dst6 + e6
    put("fuzz_icmp", "toobig6", b"\x03" + icmp(2, 0, struct.pack("!I", 1280), ip6[:1232]))
    put("fuzz_icmp", "unreach6", b"\x03" + icmp(1, 3, bytes(4), ip6[:200]))
    put("fuzz_icmp", "reply6", b"\x03" + struct.pack("!BBHHH", 129, 0, 0, IDENT, 5) + bytes(56))
    # Error queue: origin ICMP (2), errno EMSGSIZE (90), info 576.
    dst = socket.inet_aton(WEB) + bytes(12)
    put("fuzz_icmp", "errq_fragneeded4", b"\x06" + bytes([2, 90]) + struct.pack("!H", 576) + dst + echo(IDENT, 7, 1464)[:248])
    put("fuzz_icmp", "errq_foreign4", b"\x06" + bytes([2, 90]) + struct.pack("!H", 576) + dst + echo(0xBEEF, 7, 64))
    put("fuzz_icmp", "errq_unreach6", b"\x07" + bytes([3, 113, 0, 0]) + dst6 + e6[:248])


def frame(b):
    return struct.pack("!H", len(b)) + b


def arp(op, sha, sip, tip, dst=MAC):
    a = struct.pack("!HHBBH", 1, 0x0800, 6, 4, op) + sha + socket.inet_aton(sip) + bytes(6) + socket.inet_aton(tip)
    return (dst + sha + b"\x08\x06" + a).ljust(60, b"\0")


def capture_seeds():
    xid, ch = 0x12345678, MAC + bytes(10)
    real = dhcp_offer(xid, ch, GW, "192.168.77.128", b"\x35\x01\x02\x36\x04" + socket.inet_aton(GW) + b"\x03\x04" + socket.inet_aton(GW) + b"\x06\x04" + socket.inet_aton(GW) + b"\x33\x04\0\0\x0e\x10")
    flood = b""
    for i in range(30):
        sid = "10.9.0.%d" % (i + 1)
        flood += frame(dhcp_offer(xid, ch, sid, "10.9.1.%d" % (i + 1), b"\x35\x01\x02\x36\x04" + socket.inet_aton(sid) + b"\x03\x04" + socket.inet_aton(sid)))
    bad = frame(dhcp_offer(xid, ch, "0.0.0.0", "10.9.2.1", b"\x35\x01\x02\x36\x01\x0a")) + \
        frame(dhcp_offer(xid, ch, "10.9.3.1", "255.255.255.255", b"\x35\x01\x02\x36\x04\x0a\x09\x03\x01")) + \
        frame(dhcp_offer(xid, ch, "10.9.4.1", "10.9.4.2", b"\x35\x01\x02\x36\x04\x0a\x09\x04\x01\x03\xff" + bytes(255)))
    put("fuzz_capture", "offer_flood", flood + bad + frame(real) + frame(real))
    put("fuzz_capture", "one_offer", frame(real))
    storm = b"".join(frame(arp(1 + i % 2, bytes([2, 0x55, 0, 0, 0, i]), "10.1.%d.%d" % (i, i), "10.2.%d.%d" % (i, i))) for i in range(80))
    gwmac = bytes.fromhex("027700000001")
    put("fuzz_capture", "arp_storm_gw", storm + frame(arp(2, gwmac, GW, ME)) + frame(arp(1, bytes.fromhex("027700000066"), "0.0.0.0", ME)))
    # An RA with prefix, MTU and RDNSS; an LLDP frame.
    src6 = bytes.fromhex("fe800000000000000000000000000001")
    ra = struct.pack("!BBHBBHII", 134, 0, 0, 64, 0xc0, 1800, 0, 0)
    ra += struct.pack("!BBBBIII", 3, 4, 64, 0xc0, 3600, 1800, 0) + socket.inet_pton(socket.AF_INET6, "2001:db8:77::")
    ra += struct.pack("!BBHI", 5, 1, 0, 1492)
    ra += struct.pack("!BBHI", 25, 3, 0, 1800) + socket.inet_pton(socket.AF_INET6, "2001:db8:77::1")
    ip6 = struct.pack("!IHBB", 0x60000000, len(ra), 58, 255) + src6 + bytes.fromhex("ff020000000000000000000000000001") + ra
    lldp = bytes.fromhex("0180c200000e0211223344558" + "8cc") + bytes([2, 7, 4]) + bytes(6) + bytes([4, 6, 5]) + b"Gi0/7" + bytes([10, 5]) + b"sw-3f" + bytes(2)
    put("fuzz_capture", "ra_lldp", frame(bytes.fromhex("333300000001027700000001") + b"\x86\xdd" + ip6) + frame(lldp))


def nl_dump(sock, typ, fam, extra=b""):
    body = struct.pack("B", fam) + bytes(15 if typ == 18 else 7 if typ == 22 else 11) + extra
    if typ == 26:
        body = struct.pack("BBBBBBBBI", fam, 0, 0, 0, 0, 0, 0, 0, 0)
    msg = struct.pack("=IHHII", 16 + len(body), typ, 0x301, 1, 0) + body
    sock.send(msg)
    out = b""
    while True:
        d = sock.recv(65536)
        if len(d) >= 16 and struct.unpack("=H", d[4:6])[0] == 3:  # NLMSG_DONE
            out += d
            return out
        out += d


def genl_ethtool(ifname):
    s = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, 16)
    s.bind((0, 0))
    name = b"ethtool\0"
    attr = struct.pack("=HH", 4 + len(name), 2) + name + bytes((4 - len(name) % 4) % 4)
    body = struct.pack("BBH", 3, 1, 0) + attr
    s.send(struct.pack("=IHHII", 16 + len(body), 0x10, 1, 1, 0) + body)
    r = s.recv(65536)
    fam = None
    i = 20
    while i + 4 <= len(r):
        l, t = struct.unpack("=HH", r[i:i + 4])
        if t == 1:
            fam = struct.unpack("=H", r[i + 4:i + 6])[0]
        i += (l + 3) & ~3
    if fam is None:
        return b""
    dev = ifname.encode() + b"\0"
    inner = struct.pack("=HH", 4 + len(dev), 2) + dev + bytes((4 - len(dev) % 4) % 4)
    hdr = struct.pack("=HH", 4 + len(inner), 1 | 0x8000) + inner
    body = struct.pack("BBH", 4, 1, 0) + hdr  # ETHTOOL_MSG_LINKMODES_GET
    s.send(struct.pack("=IHHII", 16 + len(body), fam, 1, 2, 0) + body)
    return s.recv(65536)


def netlink_seeds():
    ns = "bbt-seeds-%d" % os.getpid()
    sh = lambda *a: subprocess.run(["ip"] + list(a), check=True)
    sh("netns", "add", ns)
    try:
        n = ["-n", ns]
        sh(*n, "link", "add", "eth0", "type", "veth", "peer", "name", "eth1")
        sh(*n, "link", "set", "lo", "up")
        sh(*n, "link", "set", "eth0", "up")
        sh(*n, "link", "set", "eth1", "up")
        sh(*n, "addr", "add", "192.168.77.100/24", "dev", "eth0", "valid_lft", "3600", "preferred_lft", "3600")
        sh(*n, "addr", "add", "2001:db8:77::100/64", "dev", "eth0", "nodad")
        sh(*n, "addr", "add", "169.254.7.7/16", "dev", "eth0")
        sh(*n, "addr", "add", "10.0.0.1", "peer", "10.0.0.2", "dev", "eth1")
        sh(*n, "route", "add", "default", "via", "192.168.77.1")
        sh(*n, "route", "add", "default", "via", "2001:db8:77::1")
        sh(*n, "route", "add", "10.9.0.0/16", "nexthop", "via", "192.168.77.2", "nexthop", "via", "10.0.0.2", "dev", "eth1")
        py = ("import sys; sys.path.insert(0, %r); import mkseeds; mkseeds.netlink_in_ns()" % HERE)
        subprocess.run(["ip", "netns", "exec", ns, sys.executable, "-c", py], check=True)
    finally:
        subprocess.run(["ip", "netns", "del", ns])


def netlink_in_ns():
    s = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, 0)
    s.bind((0, 0))
    links = nl_dump(s, 18, 0)
    addrs = nl_dump(s, 22, 0)
    routes = nl_dump(s, 26, 0)
    eth = genl_ethtool("eth0")
    put("fuzz_netlink", "links", links)
    put("fuzz_netlink", "addrs", addrs)
    put("fuzz_netlink", "routes", routes)
    if eth:
        put("fuzz_netlink", "ethtool_linkmodes", eth)
    put("fuzz_netlink", "all", links + addrs + routes + eth)


def opts_seeds():
    for i, v in enumerate([b"\x00dns,http,", b"\x01" + b"5s", b"\x02" + b"25ms", b"\x03" + b"1.5s",
                           b"\x08" + b"100", b"\x09" + b"0.5", b"\x0b" + b"1472", b"\x0e" + b"https://www.example.test:8443/p?q",
                           b"\x0f" + b"2001:db8::1", b"\x00" + b",".join([b"link", b"dhcp", b"arp", b"ping", b"dns", b"http", b"mtu", b"ipv6"] * 60)]):
        put("fuzz_opts", "opt%02d" % i, v)


if __name__ == "__main__":
    icmp_seeds()
    capture_seeds()
    opts_seeds()
    netlink_seeds()
