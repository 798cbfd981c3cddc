#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""bench/bbdiag-accuracy.py: top-1, top-3 and side accuracy of bbdiag on
the field cases (tests/data/bbdiag/field-cases.tsv).

    python3 bench/bbdiag-accuracy.py [-v] [--lenient] [BBDIAG [CATALOGUE [CASES]]]

Every case runs as its own bbdiag call; auth_msg=TEXT and chk=... operands
become check records on standard input (with "-"). A case whose operand
bbdiag refuses counts as a miss (that fact could not be given)."""
import os
import shlex
import subprocess
import sys

top = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
args = [a for a in sys.argv[1:] if a not in ("-v", "--lenient")]
verbose = "-v" in sys.argv[1:]
# --lenient: drop the operands bbdiag refuses and judge the rest (what a
# technician would do), instead of counting the case as a miss.
lenient = "--lenient" in sys.argv[1:]
bbdiag = args[0] if len(args) > 0 else os.path.join(top, "bin", "bbdiag")
catalogue = args[1] if len(args) > 1 and args[1] else None
cases = args[2] if len(args) > 2 else os.path.join(
    top, "tests", "data", "bbdiag", "field-cases.tsv")


def esc(s):
    return s.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n")


def run(ops):
    recs, argv = [], []
    for w in ops:
        if w.startswith("auth_msg="):
            msg = w[len("auth_msg="):].replace("\\n", "\n")
            recs.append("check\tppp.auth\tuser\tcritical\tpap\t-\t"
                        'result=rejected msg="%s"' % esc(msg))
        elif w.startswith("chk="):
            name, status, detail = w[4:].split(",", 2)
            recs.append("check\t%s\t-\t%s\t-\t-\t%s" % (name, status, detail))
        else:
            argv.append(w)
    cmd = [bbdiag, "--format=tsv", "--top=3"]
    if catalogue:
        cmd += ["--catalogue", catalogue]
    if recs:
        cmd.append("-")
    env = dict(os.environ, LC_ALL="C.UTF-8")
    env.pop("BBTOOLS_CATALOGUE", None)
    p = subprocess.run(cmd + argv, input="".join(r + "\n" for r in recs),
                       capture_output=True, text=True, env=env)
    if p.returncode not in (0, 1):
        return [], p.stderr.strip()
    got = [l.split("\t") for l in p.stdout.splitlines()
           if l.startswith("fault\t")]
    return [(g[3], g[4]) for g in got], ""


n = top1 = top3 = side = 0
for line in open(cases, encoding="utf-8"):
    if line.startswith("#") or not line.strip():
        continue
    cid, fault, want_side, _src, ops = line.rstrip("\n").split("\t", 4)
    ops = shlex.split(ops)
    got, err = run(ops)
    while lenient and err and "'" in err:
        key = err.rsplit("'", 2)[-2] if "for '" in err else err.split("'")[1]
        kept = [w for w in ops if not w.startswith(key + "=")]
        if kept == ops:
            break
        ops = kept
        got, err = run(ops)
    n += 1
    ids = [g[0] for g in got]
    ok1 = bool(got) and ids[0] == fault
    top1 += ok1
    top3 += fault in ids[:3]
    okside = bool(got) and got[0][1] == want_side
    side += okside
    if verbose and not (ok1 and okside):
        print("%s\twant %s %s\tgot %s %s" % (cid, fault, want_side,
              " ".join("%s/%s" % g for g in got) or "-", err),
              file=sys.stderr)
print("cases %d  top-1 %d (%.0f %%)  top-3 %d (%.0f %%)  side %d (%.0f %%)"
      % (n, top1, 100.0 * top1 / n, top3, 100.0 * top3 / n, side,
         100.0 * side / n))
