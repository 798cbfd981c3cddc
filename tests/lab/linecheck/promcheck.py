#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
# Checks a Prometheus text exposition (version 0.0.4) the way a scraper or
# node_exporter's textfile collector reads it: metric and label names,
# quoted and escaped label values, numeric values, HELP/TYPE at most once
# per family and before its samples, a family's samples together, no
# label twice in a sample, and no two samples with the same name and
# label set ("was collected before with the same name and label
# values"). promtool check metrics (Debian 12: 2.42) does not look for
# duplicate series (prometheus/prometheus#5242), hence this script.
# Reads stdin; prints one line per problem; exit 1 when there is any.
import re, sys

NAME = re.compile(r"[a-zA-Z_:][a-zA-Z0-9_:]*")
LABEL = re.compile(r"[a-zA-Z_][a-zA-Z0-9_]*")
TYPES = {"counter", "gauge", "histogram", "summary", "untyped"}


def labels(s, i, where):
    """Parses {a="b",...} from s[i] == "{"; returns (dict, next index)."""
    out, i = {}, i + 1
    while True:
        if s[i:i + 1] == "}":
            return out, i + 1
        m = LABEL.match(s, i)
        if not m:
            raise ValueError("%s: bad label name at column %d" % (where, i + 1))
        name, i = m.group(0), m.end()
        if s[i:i + 2] != '="':
            raise ValueError("%s: expected =\" after %s" % (where, name))
        i, val = i + 2, []
        while True:
            if i >= len(s):
                raise ValueError("%s: unterminated label value" % where)
            c = s[i]
            if c == "\\":
                e = s[i + 1:i + 2]
                if e not in ("\\", '"', "n"):
                    raise ValueError("%s: bad escape \\%s" % (where, e))
                val.append("\n" if e == "n" else e)
                i += 2
            elif c == '"':
                i += 1
                break
            elif c == "\n":
                raise ValueError("%s: newline in label value" % where)
            else:
                val.append(c)
                i += 1
        if name in out:
            raise ValueError("%s: label %s twice" % (where, name))
        out[name] = "".join(val)
        if s[i:i + 1] == ",":
            i += 1
        elif s[i:i + 1] != "}":
            raise ValueError("%s: expected , or } at column %d" % (where, i + 1))


def value(v, where):
    if v in ("+Inf", "-Inf", "NaN"):
        return
    try:
        float(v)
    except ValueError:
        raise ValueError("%s: value %r is not a number" % (where, v))
    if not re.fullmatch(r"[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?", v):
        raise ValueError("%s: value %r is not a number" % (where, v))


def check(text):
    problems, seen, help_, type_, done, last = [], set(), set(), set(), set(), None
    if text and not text.endswith("\n"):
        problems.append("no newline at the end")
    for n, line in enumerate(text.splitlines(), 1):
        where = "line %d" % n
        try:
            if not line.strip():
                continue
            if line.startswith("#"):
                f = line.split(None, 3)
                if len(f) >= 3 and f[1] in ("HELP", "TYPE"):
                    if not NAME.fullmatch(f[2]):
                        raise ValueError("%s: bad metric name %r" % (where, f[2]))
                    book = help_ if f[1] == "HELP" else type_
                    if f[2] in book:
                        raise ValueError("%s: second %s for %s" % (where, f[1], f[2]))
                    if f[2] in done:
                        raise ValueError("%s: %s after the samples of %s" % (where, f[1], f[2]))
                    if f[1] == "TYPE" and (len(f) < 4 or f[3] not in TYPES):
                        raise ValueError("%s: bad TYPE" % where)
                    book.add(f[2])
                continue
            m = NAME.match(line)
            if not m:
                raise ValueError("%s: bad metric name" % where)
            name, i, lab = m.group(0), m.end(), {}
            if line[i:i + 1] == "{":
                lab, i = labels(line, i, where)
            rest = line[i:].split()
            if line[i:i + 1] != " " or len(rest) not in (1, 2):
                raise ValueError("%s: expected ' value [timestamp]'" % where)
            value(rest[0], where)
            if name != last:
                if name in done:
                    raise ValueError("%s: samples of %s not together" % (where, name))
                if last:
                    done.add(last)
                last = name
            key = (name, tuple(sorted(lab.items())))
            if key in seen:
                raise ValueError("%s: duplicate series %s%s" % (where, name, dict(lab)))
            seen.add(key)
        except ValueError as e:
            problems.append(str(e))
    return problems


if __name__ == "__main__":
    p = check(sys.stdin.read())
    for x in p:
        print(x)
    sys.exit(1 if p else 0)
