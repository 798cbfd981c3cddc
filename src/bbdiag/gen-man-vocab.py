#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""The observation vocabulary of bbdiag(1), written from the catalogue so
that the catalogue stays the single source of --list, the completions
and the man page:

    python3 src/bbdiag/gen-man-vocab.py [--check] [CATALOGUE [MANPAGE]]

rewrites the lines between the '.\\" BEGIN vocabulary' and
'.\\" END vocabulary' comments of man/bbdiag.1; --check only says whether
they are up to date (exit 1 when not)."""
import os
import sys

top = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
args = [a for a in sys.argv[1:] if a != "--check"]
check = "--check" in sys.argv[1:]
cat = args[0] if args else os.path.join(top, "src", "bbdiag", "faults.catalog")
man = args[1] if len(args) > 1 else os.path.join(top, "man", "bbdiag.1")


def esc(t):
    t = t.replace("\\", "\\e")
    return "\\&" + t if t.startswith((".", "'")) else t


obs = []
for line in open(cat, encoding="utf-8"):
    w = line.split()
    if not w or w[0].startswith("#"):
        continue
    if not line[0].isspace():
        cur = None
        if w[0] == "obs":
            cur = {"key": w[1], "kind": w[2], "vals": w[3:], "ask": None,
                   "labels": {}, "classify": False, "default": None}
            obs.append(cur)
        continue
    if cur is None:
        continue
    if w[0] == "ask" and w[1] == "en":
        cur["ask"] = line.split(None, 2)[2].strip()
    elif w[0] == "value" and w[2] == "en":
        cur["labels"][w[1]] = line.split(None, 3)[3].strip()
    elif w[0] == "classify":
        cur["classify"] = True
    elif w[0] == "default":
        cur["default"] = w[1]

out = ['.Bl -tag -width "light.internet"']
for o in obs:
    out.append(".It Cm " + o["key"])
    if o["ask"]:
        out.append(esc(o["ask"]))
    if o["kind"] == "number":
        unit = o["vals"][2] if len(o["vals"]) > 2 else ""
        out.append("A number" + (" in " + unit if unit and unit != "-" else "") +
                   " (questions use " + o["vals"][0].replace("-", "\\-") +
                   " to " + o["vals"][1].replace("-", "\\-") +
                   "; any reading is judged).")
        continue
    items = []
    for v in o["vals"]:
        lab = o["labels"].get(v)
        items.append((v, lab))
    if all(l is None for _, l in items):
        out.append(".Cm " + " , ".join(v for v, _ in items) + " .")
    else:
        out.append(".Bl -tag -width Ds -compact")
        for v, l in items:
            out.append(".It Cm " + v)
            if l:
                out.append(esc(l))
        out.append(".El")
    if o["default"]:
        out.append("Assumed " + o["default"] + " when not given.")
    if o["classify"]:
        out.append("Any other text, quoted, is read through the pattern table.")
out.append(".El")

text = open(man, encoding="utf-8").read()
begin = '.\\" BEGIN vocabulary'
end = '.\\" END vocabulary'
b = text.index(begin)
b = text.index("\n", b) + 1
e = text.index(end)
new = text[:b] + "\n".join(out) + "\n" + text[e:]
if check:
    if new != text:
        print("%s: the observation list is not the catalogue's; run %s" %
              (man, "python3 src/bbdiag/gen-man-vocab.py"), file=sys.stderr)
        sys.exit(1)
    sys.exit(0)
open(man, "w", encoding="utf-8").write(new)
