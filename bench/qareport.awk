# SPDX-License-Identifier: MIT
# The qareport KPIs by technician in POSIX awk (mawk, gawk), for the
# benchmark: what a user would otherwise write. One pass; the window KPIs
# and quantiles in END. Times are taken as naive local minutes, which is
# exact in a zone without DST (the benchmark runs with TZ=Asia/Shanghai).
#	mawk -F'\t' -f bench/qareport.awk orders.tsv
function mins(s,   d) {
	if (s == "" || s == "-") return ""
	d = substr(s, 1, 10)
	if (!(d in dcache)) dcache[d] = days(substr(s, 1, 4) + 0, substr(s, 6, 2) + 0, substr(s, 9, 2) + 0) * 1440
	return dcache[d] + substr(s, 12, 2) * 60 + substr(s, 15, 2)
}
function days(y, m, d,   era, yoe, doy, doe) {
	y -= (m <= 2)
	era = int((y >= 0 ? y : y - 399) / 400)
	yoe = y - era * 400
	doy = int((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1
	doe = yoe * 365 + int(yoe / 4) - int(yoe / 100) + doy
	return era * 146097 + doe - 719468
}
function qsortn(a, lo, hi,   i, last, t) {
	if (lo >= hi) return
	t = a[lo]; a[lo] = a[int((lo + hi) / 2)]; a[int((lo + hi) / 2)] = t
	last = lo
	for (i = lo + 1; i <= hi; i++)
		if (a[i] < a[lo]) { last++; t = a[last]; a[last] = a[i]; a[i] = t }
	t = a[lo]; a[lo] = a[last]; a[last] = t
	qsortn(a, lo, last - 1); qsortn(a, last + 1, hi)
}
# Quantile (R type 7) of histogram h for group g, from its distinct keys.
function quant(g, which, p,   n, k, i, tot, pos, lo, frac, acc, x0, x1) {
	n = split(lst[g, which], keys, " ")
	if (n == 0) return "-"
	for (i = 1; i <= n; i++) keys[i] += 0
	qsortn(keys, 1, n)
	tot = 0
	for (i = 1; i <= n; i++) tot += dist[g, which, keys[i]]
	pos = (tot - 1) * p; lo = int(pos); frac = pos - lo
	acc = 0; x0 = ""; x1 = ""
	for (i = 1; i <= n; i++) {
		acc += dist[g, which, keys[i]]
		if (x0 == "" && lo < acc) x0 = keys[i]
		if (x1 == "" && lo + 1 < acc) { x1 = keys[i]; break }
	}
	if (x1 == "") x1 = x0
	return sprintf("%.4f", (x0 + frac * (x1 - x0)) / 60.0)
}
function pct(n, d) { return d == 0 ? "-" : sprintf("%.4f", 100.0 * n / d) }
function hrs(s, d) { return d == 0 ? "-" : sprintf("%.4f", s / d / 60.0) }
function add(g, k, v) { c[g, k] += v; c["\377TOTAL", k] += v }
NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; next }
{
	kind = $col["kind"]; acct = $col["account"]; t = $col["tech"]; if (t == "") t = "-"
	rural = $col["zone"] == "rural"; out = $col["outcome"]
	acc = mins($col["accepted"]); ap0 = mins($col["appointment"])
	nt = mins($col["notified"]); rs = mins($col["rescheduled"])
	ar = mins($col["arrived"]); lf = mins($col["left"]); cp = mins($col["completed"])
	v = $col["visits"]; nv = (v == "" || v == "-") ? 0 : v + 0
	tech[t] = 1
	if (acct == "" || acct == "-") acct = "\001" NR
	ap = rs != "" ? rs : ap0
	ontime = ar != "" && ap != "" && ar <= ap
	add(t, "orders", 1)
	if (kind == "repair") {
		add(t, "repairs", 1)
		restored = out == "done" && acc != "" && cp != ""
		if (restored) {
			d = cp - acc
			add(t, "restored", 1); add(t, "rsum", d)
			dist[t, "r", d]++; dist["\377TOTAL", "r", d]++
			if (d <= (rural ? 4320 : 2880)) add(t, "rtimely", 1)
		}
		# account events: kind accepted completed tech one-visit
		ev[acct] = ev[acct] " R," acc "," (restored ? cp : "") "," t "," (nv <= 1)
	} else {
		add(t, "installs", 1)
		if (out == "done" && acc != "" && cp != "") {
			d = cp - acc
			add(t, "idone", 1); add(t, "isum", d)
			dist[t, "i", d]++; dist["\377TOTAL", "i", d]++
			if (d <= (rural ? 7200 : 4320)) add(t, "itimely", 1)
		}
		inst = (out == "done" && cp != "") ? cp : ""
		if (inst != "") add(t, "newden", 1)
		if (ap0 != "") add(t, "keptden", 1)
		ev[acct] = ev[acct] " I," inst "," (ap0 != "") "," t "," ontime
	}
	if (ar != "" && ap != "") {
		add(t, "visits", 1); if (ontime) add(t, "ontime", 1)
		if (ar <= ap - 10) add(t, "early", 1)
	}
	if (out == "rescheduled") {
		add(t, "resch", 1)
		if (nt != "" && ap0 != "" && nt <= ap0 - 120) add(t, "reschok", 1)
	}
	if (out == "no-answer") {
		add(t, "noans", 1)
		if (ar != "" && lf != "" && lf - ar >= 10 && $col["called"] == "yes" && $col["note"] == "yes") add(t, "noansok", 1)
	}
	if (out == "done") { add(t, "closed", 1); if ($col["callback"] == "yes") add(t, "callback", 1) }
	r = $col["rating"]
	if (r != "" && r != "-") { add(t, "rated", 1); if (r + 0 >= 4) add(t, "sat", 1) }
}
function reported(lo, hi,   i) {	# some accepted a with lo < a <= hi
	for (i = 1; i <= na; i++) if (A[i] > lo) return A[i] <= hi
	return 0
}
END {
	for (a in ev) {
		n = split(ev[a], E, " "); na = 0; nc = 0
		for (i = 1; i <= n; i++) {
			split(E[i], f, ",")
			if (f[1] == "R") { if (f[2] != "") A[++na] = f[2] + 0; if (f[3] != "") C[++nc] = f[3] + 0 }
		}
		qsortn(A, 1, na); qsortn(C, 1, nc)
		for (i = 1; i <= n; i++) {
			split(E[i], f, ",")
			if (f[1] == "R") {
				if (f[2] != "") {
					x = f[2] + 0
					for (j = 1; j <= nc; j++) if (C[j] >= x - 43200) { if (C[j] < x) add(f[4], "repeat", 1); break }
				}
				if (f[3] != "" && f[5] == 1 && !reported(f[3] + 0, f[3] + 10080)) add(f[4], "ftf", 1)
			} else {
				if (f[2] != "" && reported(f[2] + 0, f[2] + 21600)) add(f[4], "new", 1)
				if (f[3] == 1 && f[5] == 1 && !(f[2] != "" && reported(f[2] + 0, f[2] + 21600))) add(f[4], "kept", 1)
			}
		}
	}
	print "# qa\ttech\torders\trepairs\tinstalls\trepair_timely_pct\trepair_mean_h\trepair_p50_h\trepair_p90_h\tinstall_timely_pct\tinstall_mean_h\tinstall_p50_h\tinstall_p90_h\tontime_pct\tearly_pct\tkept_pct\tnewfault_pct\trepeat_pct\tftf_pct\tnotice_pct\tnoanswer_ok_pct\tcallback_pct\tsatisfied_pct"
	n = 0
	for (t in tech) names[++n] = t
	qsortn(names, 1, n)
	names[++n] = "\377TOTAL"
	# the distinct minutes of each group, for quant()
	for (k in dist) { split(k, parts, SUBSEP); lst[parts[1], parts[2]] = lst[parts[1], parts[2]] " " parts[3] }
	for (i = 1; i <= n; i++) {
		g = names[i]
		printf "qa\t%s\t%d\t%d\t%d\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n",
		    g == "\377TOTAL" ? "TOTAL" : g, c[g, "orders"], c[g, "repairs"], c[g, "installs"],
		    pct(c[g, "rtimely"], c[g, "restored"]), hrs(c[g, "rsum"], c[g, "restored"]),
		    quant(g, "r", 0.5), quant(g, "r", 0.9),
		    pct(c[g, "itimely"], c[g, "idone"]), hrs(c[g, "isum"], c[g, "idone"]),
		    quant(g, "i", 0.5), quant(g, "i", 0.9),
		    pct(c[g, "ontime"], c[g, "visits"]), pct(c[g, "early"], c[g, "visits"]),
		    pct(c[g, "kept"], c[g, "keptden"]), pct(c[g, "new"], c[g, "newden"]),
		    pct(c[g, "repeat"], c[g, "repairs"]), pct(c[g, "ftf"], c[g, "restored"]),
		    pct(c[g, "reschok"], c[g, "resch"]), pct(c[g, "noansok"], c[g, "noans"]),
		    pct(c[g, "callback"], c[g, "closed"]), pct(c[g, "sat"], c[g, "rated"])
	}
}
