#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""An independent implementation of qareport's KPIs (man qareport) in plain
Python 3, for the cross-check and the benchmark: written from the man
page's definitions, not from the C code. Reads a work-order TSV with a
header (canonical column names), groups by technician, prints the same
columns as `qareport --format=tsv --by=tech` (without bad/missed), the
rules of every order kind and of open orders included.

usage: qareport-ref.py FILE   (TZ decides local time, as for qareport)
"""
import bisect
from decimal import Decimal
import math
import sys
import time

REPAIR_TOWN, REPAIR_RURAL = 48 * 60, 72 * 60
INSTALL_TOWN, INSTALL_RURAL = 72 * 60, 120 * 60
EARLY, NOTICE, WAIT = 10, 120, 10
REPEAT, NEWFAULT, KEPT, FTF = 30 * 1440, 15 * 1440, 15 * 1440, 7 * 1440
# Every order counts (orders, punctuality, reschedules, no-answer,
# callbacks); these kinds also count in the install KPIs, a leased-line
# installation being an install of service leased. Other kinds
# (complaint, inspection, words not known) have no KPIs of their own.
INSTALL_KINDS = ("install", "move", "leased")

_hours = {}


def minutes(s):
    """'YYYY-MM-DD HH:MM' local -> minutes since the epoch, None if empty."""
    if s == "" or s == "-":
        return None
    key = s[:13]
    base = _hours.get(key)
    if base is None:
        t = time.mktime((int(s[0:4]), int(s[5:7]), int(s[8:10]),
                         int(s[11:13]), 0, 0, 0, 0, -1))
        base = int(t) // 60
        _hours[key] = base
    return base + int(s[14:16])


def month(m):
    return time.strftime("%Y-%m", time.localtime(m * 60))


def quantile(v, p):
    """R type 7 on a sorted list."""
    n = len(v)
    pos = (n - 1) * p
    lo = math.floor(pos)
    frac = pos - lo
    x0 = v[lo]
    x1 = v[lo + 1] if lo + 1 < n else x0
    return x0 + frac * (x1 - x0)


def new_group():
    return {"orders": 0, "repairs": 0, "installs": 0, "restored": 0,
            "rep_timely": 0, "rep_sum": 0, "rep_d": [], "inst_done": 0,
            "inst_timely": 0, "inst_sum": 0, "inst_d": [], "visits": 0,
            "ontime": 0, "early": 0, "kept_den": 0, "kept": 0,
            "new_den": 0, "new": 0, "repeat": 0, "ftf": 0, "resch": 0,
            "resch_ok": 0, "noans": 0, "noans_ok": 0, "closed": 0,
            "callback": 0, "rated": 0, "satisfied": 0, "open": 0,
            "acc_den": 0, "acc_pass": 0, "speed_den": 0, "speed_ok": 0}


def main():
    path = sys.argv[1]
    groups = {}
    repairs = {}    # account -> list of (accepted, completed|None, tech, visits1)
    installs = {}   # account -> list of (completed|None, tech, kept, ontime)
    nrow = 0
    with open(path, encoding="utf-8", newline="\n") as f:
        header = f.readline().rstrip("\r\n").split("\t")
        col = {name: i for i, name in enumerate(header)}
        ix = [col[c] for c in ("kind", "account", "zone", "tech",
                                "accepted", "appointment", "notified",
                                "rescheduled", "arrived", "left",
                                "completed", "outcome", "called", "note",
                                "visits", "callback", "rating")]
        # The acceptance columns are optional (visitnote --acceptance).
        xix = [col.get(c) for c in ("accept", "speed_down", "plan_down")]
        for line in f:
            f_ = line.rstrip("\r\n").split("\t")
            (kind, acct, zone, tech, acc, appt0, notif, resch, arr, left,
             comp, outcome, called, note, visits, callback,
             rating) = [f_[i] for i in ix]
            accept, sdown, pdown = ["-" if i is None else f_[i]
                                    for i in xix]
            acc, appt0, notif = minutes(acc), minutes(appt0), minutes(notif)
            resch, arr = minutes(resch), minutes(arr)
            left, comp = minutes(left), minutes(comp)
            tech = tech if tech not in ("", "-") else "-"
            if acct in ("", "-"):
                nrow += 1
                acct = ("-", nrow)  # pairs with no other row
            g = groups.setdefault(tech, new_group())
            rural = zone == "rural"
            done = outcome == "done"
            appt = resch if resch is not None else appt0
            ontime = arr is not None and appt is not None and arr <= appt
            nvis = int(visits) if visits not in ("", "-") else 0
            # Open: said so, or no completion and not closed (done or
            # cancelled).
            is_open = outcome == "open" or (
                comp is None and outcome not in ("done", "cancelled"))
            g["orders"] += 1
            g["open"] += is_open
            if kind == "repair":
                g["repairs"] += 1
                restored = done and acc is not None and comp is not None
                if restored:
                    d = comp - acc
                    g["restored"] += 1
                    g["rep_sum"] += d
                    g["rep_d"].append(d)
                    if d <= (REPAIR_RURAL if rural else REPAIR_TOWN):
                        g["rep_timely"] += 1
                repairs.setdefault(acct, []).append(
                    (acc, comp if restored else None, tech, nvis <= 1))
            elif kind in INSTALL_KINDS:
                g["installs"] += 1
                if done and acc is not None and comp is not None:
                    d = comp - acc
                    g["inst_done"] += 1
                    g["inst_sum"] += d
                    g["inst_d"].append(d)
                    if d <= (INSTALL_RURAL if rural else INSTALL_TOWN):
                        g["inst_timely"] += 1
                installed = comp if done and comp is not None else None
                if installed is not None:
                    g["new_den"] += 1
                if appt0 is not None:
                    g["kept_den"] += 1
                installs.setdefault(acct, []).append(
                    (installed, tech, appt0 is not None, ontime))
            if arr is not None and appt is not None:
                g["visits"] += 1
                g["ontime"] += ontime
                g["early"] += arr <= appt - EARLY
            if outcome == "rescheduled":
                g["resch"] += 1
                if notif is not None and appt0 is not None and \
                        notif <= appt0 - NOTICE:
                    g["resch_ok"] += 1
            if outcome == "no-answer":
                g["noans"] += 1
                if arr is not None and left is not None and \
                        left - arr >= WAIT and called == "yes" and \
                        note == "yes":
                    g["noans_ok"] += 1
            if done:
                g["closed"] += 1
                g["callback"] += callback == "yes"
            if rating not in ("", "-") and not is_open:
                g["rated"] += 1
                g["satisfied"] += int(rating) >= 4
            # Acceptance: pass / (pass + fail); speed against plan: a
            # measured download of at least 0.8 times a plan above 0,
            # compared as exact decimals.
            if accept in ("pass", "fail"):
                g["acc_den"] += 1
                g["acc_pass"] += accept == "pass"
            if sdown not in ("", "-") and pdown not in ("", "-") and \
                    Decimal(pdown) > 0:
                g["speed_den"] += 1
                g["speed_ok"] += Decimal(sdown) >= \
                    Decimal("0.8") * Decimal(pdown)
    # The windows, per account.
    for acct in set(repairs) | set(installs):
        reps = repairs.get(acct, [])
        accepted = sorted(r[0] for r in reps if r[0] is not None)
        completed = sorted(r[1] for r in reps if r[1] is not None)

        def reported_in(lo, hi):   # some accepted a with lo < a <= hi
            i = bisect.bisect_right(accepted, lo)
            return i < len(accepted) and accepted[i] <= hi
        for a, c, tech, one in reps:
            g = groups[tech]
            if a is not None:
                i = bisect.bisect_left(completed, a - REPEAT)
                if i < len(completed) and completed[i] < a:
                    g["repeat"] += 1
            if c is not None and one and not reported_in(c, c + FTF):
                g["ftf"] += 1
        for c, tech, kept, ontime in installs.get(acct, []):
            g = groups[tech]
            if c is not None and reported_in(c, c + NEWFAULT):
                g["new"] += 1
            if kept and ontime and not (c is not None and
                                        reported_in(c, c + KEPT)):
                g["kept"] += 1
    total = new_group()
    for g in groups.values():
        for k, v in g.items():
            total[k] += v

    def pct(n, d):
        return "-" if d == 0 else "%.4f" % (100.0 * n / d)

    def hours(s, d):
        return "-" if d == 0 else "%.4f" % (s / d / 60.0)

    def q(v, p):
        return "-" if not v else "%.4f" % (quantile(v, p) / 60.0)
    print("\t".join(["# qa", "tech", "orders", "repairs", "installs",
                     "repair_timely_pct", "repair_mean_h", "repair_p50_h",
                     "repair_p90_h", "install_timely_pct", "install_mean_h",
                     "install_p50_h", "install_p90_h", "ontime_pct",
                     "early_pct", "kept_pct", "newfault_pct", "repeat_pct",
                     "ftf_pct", "notice_pct", "noanswer_ok_pct",
                     "callback_pct", "satisfied_pct", "open",
                     "accept_pct", "speed_plan_pct"]))
    for name, g in sorted(groups.items(),
                          key=lambda kv: kv[0].encode()) + \
            [("TOTAL", total)]:
        rd, idd = sorted(g["rep_d"]), sorted(g["inst_d"])
        print("\t".join([
            "qa", name, str(g["orders"]), str(g["repairs"]),
            str(g["installs"]),
            pct(g["rep_timely"], g["restored"]),
            hours(g["rep_sum"], g["restored"]), q(rd, 0.5), q(rd, 0.9),
            pct(g["inst_timely"], g["inst_done"]),
            hours(g["inst_sum"], g["inst_done"]), q(idd, 0.5),
            q(idd, 0.9),
            pct(g["ontime"], g["visits"]), pct(g["early"], g["visits"]),
            pct(g["kept"], g["kept_den"]), pct(g["new"], g["new_den"]),
            pct(g["repeat"], g["repairs"]), pct(g["ftf"], g["restored"]),
            pct(g["resch_ok"], g["resch"]),
            pct(g["noans_ok"], g["noans"]),
            pct(g["callback"], g["closed"]),
            pct(g["satisfied"], g["rated"]), str(g["open"]),
            pct(g["acc_pass"], g["acc_den"]),
            pct(g["speed_ok"], g["speed_den"])]))


main()
