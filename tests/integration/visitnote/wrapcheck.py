#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Checks visitnote's text layout at receipt and terminal widths.

Usage:
  wrapcheck.py check WIDTH PARAS LINES   one rendering
  wrapcheck.py sweep VISITNOTE DATADIR   many notes and acceptance sheets

PARAS is the same note at --width 0 (one paragraph per line), LINES the
note at --width WIDTH. Lines are matched to paragraphs (spaces dropped;
a "…" in a line stands for the rest of a value cut to fit), then every
line is checked, independently of the C code's tables:
  - no line wider than WIDTH display columns (East Asian wide = 2);
  - kinsoku (禁则): no line starts with closing punctuation (，。、；：！？）」』
    and their ASCII forms), none ends with opening punctuation （「『 ( [;
  - no widow: the last line of a paragraph of two or more lines holds at
    least two characters that are not punctuation;
  - no text lost or added.
sweep renders a batch of 64 notes (names, addresses, phones, times,
companies) and 15 acceptance sheets in zh and en at 32, 48 and 80
columns and 13 others and checks each paragraph. Exit 0 when all holds, 1 listing every failure.
"""
import random
import re
import subprocess
import sys
import tempfile
import unicodedata

CLOSING = set("，。、；：！？）」』》】〕〉”’…,.:;!?)]}")
OPENING = set("（「『《【〔〈“‘([{")


def width(s):
    w = 0
    for c in s:
        if unicodedata.combining(c):
            continue
        w += 2 if unicodedata.east_asian_width(c) in "WF" else 1
    return w


def letters(s):
    """Characters that are neither space nor punctuation; '_' is a blank
    to write in, so it counts."""
    return sum(1 for c in s if not c.isspace() and
               (c == "_" or not unicodedata.category(c).startswith("P")))


def pattern(text):
    return "".join(".*?" if c == "…" else re.escape(c) for c in text)


def check(w, paras, lines, what):
    errs, j = [], 0
    for p in paras:
        if p.strip() == "":
            if j >= len(lines) or lines[j].strip("-") != "":
                errs.append("%s: no empty or rule line for an empty paragraph" % what)
                return errs
            j += 1
            continue
        target, acc = p.replace(" ", ""), []
        while j < len(lines):
            acc.append(lines[j])
            j += 1
            joined = "".join(acc).replace(" ", "")
            # A cut value never ends a paragraph: the template goes on.
            if not joined.endswith("…") and re.fullmatch(pattern(joined), target, re.S):
                break
        else:
            errs.append("%s: paragraph %r not found in the lines from %d on" %
                        (what, p, j - len(acc) + 1))
            return errs
        for k, l in enumerate(acc):
            t = l.strip(" ")
            if width(l) > w:
                errs.append("%s: %d columns: %r" % (what, width(l), l))
            if t and t[0] in CLOSING:
                errs.append("%s: line starts with closing %r: %r" % (what, t[0], l))
            if t and t[-1] in OPENING:
                errs.append("%s: line ends with opening %r: %r" % (what, t[-1], l))
        if len(acc) > 1 and letters(acc[-1]) < 2:
            errs.append("%s: widow %r after %r" % (what, acc[-1], acc[-2]))
    if j != len(lines):
        errs.append("%s: %d lines left over" % (what, len(lines) - j))
    return errs


def render(cmd):
    r = subprocess.run(cmd, capture_output=True, text=True)
    if r.returncode not in (0, 1):
        raise SystemExit("wrapcheck: %s: exit %d: %s" % (" ".join(cmd), r.returncode, r.stderr))
    return r.stdout.rstrip("\n").split("\n")


def note_rows():
    """Work-order rows (TSV) for one batch: one note each."""
    rnd = random.Random(17)
    branch = ["", "重庆", "重庆市渝北区两路街道", "成都高新区", "Chongqing", "万州"]
    cust = ["张三", "欧阳娜娜", "李", "重庆市渝北区龙溪街道金紫山小区业主委员会",
            "渝北区龙溪街道金紫山小区3栋2单元501室", "Zhang San", "John Smith-Brown",
            "中国人民财产保险股份有限公司重庆市分公司（营业部）", "王（物业）",
            "北京路88号", ""]
    contact = ["李工", "赵师傅", "Li Wei", "王", "客服热线值班员小周", ""]
    phone = ["13812345678", "023-63881234", "(023)6388-1234", "023-63881234转8001",
             "+86 138 1234 5678", "10010", ""]
    company = ["", "中国联合网络通信有限公司重庆市分公司", "某某", "重庆信通",
               "China Unicom Chongqing Branch", "重庆市渝北区宽带装维外包服务有限责任公司"]
    times = [("2025-03-05 09:05", "2025-03-05 09:20"), ("2025-12-31 23:30", "2025-12-31 23:59"),
             ("2025-01-01 00:00", "2025-01-01 00:10"), ("2026-10-10 10:10", "2026-10-10 11:11"),
             ("", "")]
    action = ["", "install", "maintain"]
    service = ["", "broadband", "broadband,phone", "leased", "phone,leased"]
    rows = ["id\tbranch\tcustomer\tcontact\tphone\tcompany\tarrived\tleft\taction\tservice"]
    for i in range(64):
        a, l = rnd.choice(times)
        r = [rnd.choice(branch), rnd.choice(cust), rnd.choice(contact), rnd.choice(phone),
             rnd.choice(company), a, l, rnd.choice(action), rnd.choice(service)]
        if i == 0:	# the handbook's long example
            r = ["重庆市渝北区两路街道联通", cust[3], "李工", "023-63881234", company[1],
                 times[0][0], times[0][1], "maintain", "broadband,phone"]
        rows.append("\t".join(["W%02d" % i] + r))
    return "\n".join(rows) + "\n"


def sheet_inputs(data):
    who = [["--customer=张三", "--tech=李工"], ["--customer=重庆市渝北区龙溪街道金紫山小区业主委员会"],
           ["--customer=Zhang San", "--tech=Li Wei", "--plan=1000/100"]]
    files = ["accept-pass.tsv", "accept-slow.tsv", "accept-missing.tsv", "accept-lab.tsv",
             "accept-lab-lcp.tsv"]
    return [["--acceptance", "--action=install"] + w + ["%s/%s" % (data, f)]
            for f in files for w in who]


def sweep(bin_, data):
    errs, n = [], 0
    # The receipt and terminal widths, and others where a closing mark
    # once started a line (22, 23, 43, 52) or a widow was left.
    widths = (32, 48, 80, 20, 22, 23, 24, 28, 36, 40, 43, 44, 52, 58, 64, 72)
    with tempfile.NamedTemporaryFile("w", suffix=".tsv", encoding="utf-8") as f:
        f.write(note_rows())
        f.flush()
        # One batch per language and width: notes apart by a dashed line
        # (an empty one at width 0, an empty paragraph here).
        jobs = [("notes", ["--override=all", f.name])] + [
            ("sheet", a) for a in sheet_inputs(data)]
        for kind, args in jobs:
            for lang in ("zh", "en"):
                base = [bin_, "--lang=" + lang] + args
                paras = render(base + ["--width=0"])
                for w in widths:
                    lines = render(base + ["--width=%d" % w])
                    n += 1
                    errs += check(w, paras, lines, "%s %s %d %s" % (
                        kind, lang, w, " ".join(args[:-1])))
    for e in errs:
        print("wrapcheck: " + e)
    print("wrapcheck: %d renderings, %d failures" % (n, len(errs)), file=sys.stderr)
    return 1 if errs else 0


def main():
    if len(sys.argv) == 5 and sys.argv[1] == "check":
        rd = lambda f: open(f, encoding="utf-8").read().rstrip("\n").split("\n")
        errs = check(int(sys.argv[2]), rd(sys.argv[3]), rd(sys.argv[4]), sys.argv[4])
        for e in errs:
            print("wrapcheck: " + e)
        return 1 if errs else 0
    if len(sys.argv) == 4 and sys.argv[1] == "sweep":
        return sweep(sys.argv[2], sys.argv[3])
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main())
