#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
# Writes N bbdiag cases for bench/bbdiag.sh. Mix "corpus": each case a
# copy (new case id) of a case of the test corpus (every fault, healthy
# lines, contradictions; ~4.5 check records a case). Mix "field": what a
# day of visits gives, a full linecheck run (14 checks) plus one corpus
# case (~18 check records a case). Seeded.
#   bbdiag-gen.py CORPUS N [corpus|field] > cases.rec
import random, sys

corpus, n = sys.argv[1], int(sys.argv[2])
mix = sys.argv[3] if len(sys.argv) > 3 else "corpus"
blocks, cur, linecheck = [], None, None
for line in open(corpus, encoding="utf-8"):
    if line.startswith("case\t"):
        cur = []
        blocks.append(cur)
        if line.startswith("case\thealthy-linecheck\t"):
            linecheck = cur
    elif cur is not None and not line.startswith("#"):
        cur.append(line)
prefix = "".join(linecheck) if mix == "field" else ""
blocks = ["".join(b) for b in blocks]
rnd = random.Random(42)
out = sys.stdout
buf = []
for i in range(n):
    buf.append("case\tc%d\tbench\t2026-11-24T10:00:00+08:00\n" % i)
    buf.append(prefix)
    buf.append(blocks[rnd.randrange(len(blocks))])
    if len(buf) >= 20000:
        out.write("".join(buf))
        buf = []
out.write("".join(buf))
