#!/bin/bash
# SPDX-License-Identifier: MIT
# linecheck --watch on the namespace lab: the latency from an injected
# carrier flap (ip link set down/up on the ISP side of the veth) to its
# watch.link record on the pipe, median and max of FLAPS flaps (default
# 20); and the CPU time of a quiet watch of CPU_S seconds (default 60)
# at the default 1 s --interval (a DNS round every 10 s, error counters
# every 10 s, the IPv4 and IPv6 gateways pinged), as a share of one core;
# with PROM_S, the same for a watch of PROM_S seconds that also rewrites
# a Prometheus textfile (-o) every second. FLAPS=0 or CPU_S=0 skips a
# part.
# Flaps are 1.2 s apart: the kernel sends carrier changes at most once a
# second (linkwatch), so closer ones would measure the kernel's delay.
# Needs root (namespaces), python3, dnsmasq (the lab).
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
export BBT_TOP=$top
FLAPS=${FLAPS:-20} CPU_S=${CPU_S:-60} PROM_S=${PROM_S:-0}
[ "$(id -u)" -eq 0 ] || { echo "bench/linecheck-watch.sh: needs root (namespaces)" >&2; exit 0; }
. "$top/tests/lib.sh"
. "$top/tests/lab/linecheck/lab.sh"
lab_need
lab_up
PATH=$top/bin:$PATH
# Started as root, the watch writes its textfile as nobody.
mkdir -m 755 "$T/prom" && chown nobody:nogroup "$T/prom"
python3 - "$LAB_HOME" "$LAB_ISP" "$FLAPS" "$CPU_S" "$LAB_DIR/resolv.conf" "$LAB_URL4" "$PROM_S" "$T/prom/linecheck.prom" <<'PY'
import os, statistics, subprocess, sys, time
home, isp, flaps, cpu_s = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
prom_s, prom = int(sys.argv[7]), sys.argv[8]
# The lab's resolver and web name: a DNS round every 10 s that succeeds.
lc = ["ip", "netns", "exec", home, "linecheck", "-i", "eth0",
      "--resolv-conf", sys.argv[5], "--target", sys.argv[6]]

def record(p, value):
    """The arrival time (monotonic) of the next watch.link record."""
    while True:
        line = p.stdout.readline()
        if not line:
            sys.exit("linecheck ended early")
        f = line.rstrip("\n").split("\t")
        if f[1] == "watch.link":
            if f[4] != value:
                sys.exit("expected watch.link %s, got %s" % (value, line))
            return time.monotonic()

def show(what, v):
    print("%-28s median %6.1f ms  max %6.1f ms  (%d flaps)" % (what, statistics.median(v), max(v), len(v)))
if flaps:
    p = subprocess.Popen(lc + ["--watch", "1h"], stdout=subprocess.PIPE, text=True, bufsize=1)
    p.stdout.readline()                 # watch.start
    time.sleep(1.2)
    down, up = [], []
    for i in range(flaps):
        for state, lat in (("down", down), ("up", up)):
            t0 = time.monotonic()
            subprocess.run(["ip", "-n", isp, "link", "set", "vh0", state], check=True)
            lat.append((record(p, state) - t0) * 1000)
            time.sleep(1.2)
    p.terminate()
    p.wait()
    show("flap to watch.link down", down)
    show("flap to watch.link up", up)

def quiet(what, secs, extra):
    p = subprocess.Popen(lc + ["--watch", "%ds" % secs] + extra, stdout=subprocess.DEVNULL)
    _, status, ru = os.wait4(p.pid, 0)
    cpu = ru.ru_utime + ru.ru_stime
    print("%-28s %.3f s CPU in %d s = %.3f %% of a core (exit %d)" % (what, cpu, secs, 100 * cpu / secs, os.waitstatus_to_exitcode(status)))
if cpu_s:
    quiet("quiet watch, 1 s interval", cpu_s, [])
if prom_s:
    quiet("the same, with -o textfile", prom_s, ["--format=prometheus", "-o", prom])
PY
