// SPDX-License-Identifier: MIT
// bench/qareport-duckdb.mjs: qareport's KPIs (man qareport) in DuckDB SQL,
// as an analyst would write them, for bench/qareport.sh: the same columns
// and number formats as `qareport --format=tsv` (--by=tech, the default
// limits, windows and targets), so that a comparison is a diff. Written
// from the man page and bench/qareport-ref.py, not from the C code.
//
//	node bench/qareport-duckdb.mjs FILE	(TZ decides local time)
//
// @duckdb/node-api is found through NODE_PATH or a node_modules next to
// the script; bench/qareport.sh installs it into build/bench/duckdb.
// DUCKDB_THREADS (default 2) sets DuckDB's threads.
//
// Where the numbers come from:
//  - Times ("YYYY-MM-DD HH:MM", '-' is NULL) are read by read_csv as
//    TIMESTAMPTZ under SET TimeZone = $TZ: local wall-clock times of TZ,
//    as qareport reads them (mktime), so a difference across a DST change
//    is the real one. Every KPI is a difference of instants in whole
//    minutes (epoch / 60). Only '-' is NULL (an empty field, which
//    qareport also takes as missing, is an error for read_csv here: the
//    list form nullstr = ['-', ''] reads 40 % slower and the generated
//    logs have none).
//  - The windows are ASOF joins on the account: for a repair, the latest
//    restored completion strictly before its acceptance (repeat_pct); for
//    a restored repair or a new install, the first acceptance of a repair
//    of the account strictly after its completion (ftf_pct, newfault_pct,
//    kept_pct). A NULL account matches nothing: "an order without an
//    account pairs with no other order". kept is the on-time installs with
//    an appointment less the new ones among them with a fault in 15 d.
//    Each KPI family is its own GROUP BY GROUPING SETS ((tech), ()) on
//    only the rows it needs, joined by tech; the TOTAL row is the () set.
//  - Rates are 100.0 * num / den in doubles, hours sum / n / 60.0, and
//    quantile_cont is R type 7, all as qareport computes them; printf's
//    %.4f rounds the same binary double the same way as C's printf
//    (JavaScript's toFixed() would not: it rounds exact ties up, where C
//    rounds them to even, e.g. 0.03125 -> "0.0313" against "0.0312").
//  - bad: qareport's bad rows are the ones it cannot read; read_csv stops
//    on most of those (wrong column count, bad time), so this script is
//    for clean logs. The one bad row it can see, a completed time before
//    the accepted time, is left out everywhere and counted in bad, as
//    qareport does. Other bad kinds (an unknown kind, outcome, zone,
//    yes/no or rating) are not detected here.
//  - missed: the default targets (timeliness, ontime and satisfaction at
//    least 95, repeat at most 5, newfault at most 3), compared on the
//    unrounded double, as qareport does.
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
let duckdb;
try {
	// NODE_PATH is not searched by ES module imports: resolve by hand.
	const req = createRequire(path.join(here, "x.js"));
	const paths = (process.env.NODE_PATH || "").split(":").filter(Boolean);
	duckdb = req(req.resolve("@duckdb/node-api", { paths: [...paths, here] }));
} catch (e) {
	process.stderr.write(`qareport-duckdb: cannot load @duckdb/node-api ` +
	    `(npm install @duckdb/node-api, NODE_PATH=.../node_modules): ` +
	    `${e.message}\n`);
	process.exit(69);
}
if (process.argv.length !== 3) {
	process.stderr.write("usage: qareport-duckdb.mjs FILE\n");
	process.exit(64);
}
const file = process.argv[2];
const tz = process.env.TZ || "UTC";
const threads = Number(process.env.DUCKDB_THREADS || 2);
const plan = process.env.QAREPORT_DUCKDB_PLAN || "window";
if (plan !== "window" && plan !== "asof") {
	process.stderr.write("qareport-duckdb: QAREPORT_DUCKDB_PLAN is window or asof\n");
	process.exit(64);
}
const sq = (s) => "'" + String(s).replaceAll("'", "''") + "'";

// Limits and windows in minutes (the qareport defaults).
const REPAIR_TOWN = 48 * 60, REPAIR_RURAL = 72 * 60;
const INSTALL_TOWN = 72 * 60, INSTALL_RURAL = 120 * 60;
const EARLY = 10, NOTICE = 120, WAIT = 10;
const REPEAT = 30 * 1440, NEWFAULT = 15 * 1440, KEPT = 15 * 1440;
const FTF = 7 * 1440;

// The columns are the header's: the generated logs' 20, and the
// acceptance columns (accept, speed_down, plan_down ...) when present.
const fd = fs.openSync(file, "r"), hb = Buffer.alloc(4096);
const cols = hb.subarray(0, fs.readSync(fd, hb, 0, hb.length, 0))
    .toString("utf8").split("\n")[0].replace(/\r$/, "").split("\t");
fs.closeSync(fd);
const times = new Set(["accepted", "appointment", "notified",
	"rescheduled", "arrived", "left", "completed"]);
// Rates as exact decimals: 0.8 times the plan is compared exactly.
const rates = new Set(["speed_down", "plan_down"]);
// Times as ttype: TIMESTAMPTZ (local time of TZ, through ICU) or, where
// TZ's offset from UTC is the same over the whole data, TIMESTAMP, read
// as wall-clock minutes: the same differences without converting each
// of the 7 times of every row (about 18 % of the CPU time on 1 M rows).
const colspec = (ttype) => "{" + cols.map((c) => `${sq(c)}: ` +
    (times.has(c) ? `'${ttype}'` : c === "visits" || c === "rating" ?
    "'INTEGER'" : rates.has(c) ? "'DECIMAL(18,6)'" : "'VARCHAR'"))
    .join(", ") + "}";
const opt = (c, type) => cols.includes(c) ? `"${c}"` : `NULL::${type}`;
// Local wall-clock time -> minutes since the epoch (TIMESTAMPTZ under
// SET TimeZone; TIMESTAMP: wall-clock minutes). Every time in the log
// is on a whole minute.
const min = (c) => `epoch_us("${c}") // 60000000`;

const kpis = ["repair_timely_pct", "repair_mean_h", "repair_p50_h",
	"repair_p90_h", "install_timely_pct", "install_mean_h",
	"install_p50_h", "install_p90_h", "ontime_pct", "early_pct",
	"kept_pct", "newfault_pct", "repeat_pct", "ftf_pct", "notice_pct",
	"noanswer_ok_pct", "callback_pct", "satisfied_pct"];
// After open, as in qareport's columns.
const xkpis = ["accept_pct", "speed_plan_pct"];
const targets = { repair_timely_pct: ">= 95", install_timely_pct: ">= 95",
	ontime_pct: ">= 95", satisfied_pct: ">= 95", repeat_pct: "<= 5",
	newfault_pct: "<= 3" };

const pct = (n, d) => `CASE WHEN ${d} > 0 THEN ` +
    `100.0::DOUBLE * (${n})::DOUBLE / (${d})::DOUBLE END`;
const per = "GROUP BY GROUPING SETS ((tech), ())";
// The window KPIs, two ways to the same counts. "window" (the default,
// the fastest measured): the repairs' acceptances and the completions of
// restored repairs and new installs of each account on one time line,
// sorted once; the latest restoration before an acceptance is the last
// completion before it (lag ... IGNORE NULLS), the first repair after a
// completion the next acceptance (lead ... IGNORE NULLS). At the same
// minute an acceptance sorts first: both comparisons are strict.
// "asof" (QAREPORT_DUCKDB_PLAN=asof, the first version): two ASOF joins,
// each sorting its two sides.
const asofWindows = `rep_acc AS (
	-- Every repair of an account by its accepted time.
	SELECT account, acc AS a FROM f WHERE is_repair AND acc IS NOT NULL
	    AND account IS NOT NULL
), rep_done AS (
	-- Restored repairs by their completed time.
	SELECT account, comp AS c FROM f WHERE restored AND account IS NOT NULL
), rep AS (
	-- repeat_pct: the latest restoration before a repair's acceptance.
	SELECT grouping(tech) AS total, tech,
	    count_if(p.c >= f.acc - ${REPEAT}) AS repeat
	FROM (SELECT tech, account, acc FROM f WHERE is_repair) f
	ASOF LEFT JOIN rep_done p ON f.account = p.account AND f.acc > p.c
	${per}
), nxt AS (
	-- ftf_pct, newfault_pct, kept_pct: the first repair of the account
	-- accepted after a restoration or a new install.
	SELECT grouping(tech) AS total, tech,
	    count_if(restored AND visits <= 1
		AND NOT coalesce(n.a <= comp + ${FTF}, false)) AS ftf,
	    count_if(new_inst AND n.a <= comp + ${NEWFAULT}) AS new,
	    count_if(new_inst AND appt0 IS NOT NULL AND ontime
		AND n.a <= comp + ${KEPT}) AS kept_fault
	FROM (SELECT tech, account, comp, restored, new_inst, visits, appt0,
	    ontime FROM f WHERE restored OR new_inst) f
	ASOF LEFT JOIN rep_acc n ON f.account = n.account AND f.comp < n.a
	${per}
)`;
const asofJoins = `
	LEFT JOIN rep ON rep.total = c.total AND rep.tech IS NOT DISTINCT FROM c.tech
	LEFT JOIN nxt ON nxt.total = c.total AND nxt.tech IS NOT DISTINCT FROM c.tech`;
const lagWindows = `ev AS (
	-- typ 0: a repair accepted at t (a = t); typ 1: a restoration
	-- (c = t) or a new install completed at t. An account-less
	-- completion is in the NULL partition, which has no acceptance.
	SELECT tech, account, acc AS t, 0 AS typ, acc AS a,
	    NULL::BIGINT AS c, false AS restored, false AS new_inst,
	    1 AS visits, false AS kept
	FROM f WHERE is_repair AND acc IS NOT NULL AND account IS NOT NULL
	UNION ALL
	SELECT tech, account, comp, 1, NULL, CASE WHEN restored THEN comp END,
	    restored, new_inst, visits, new_inst AND appt0 IS NOT NULL AND ontime
	FROM f WHERE restored OR new_inst
), w AS (
	SELECT tech, typ, t, restored, new_inst, visits, kept,
	    lag(c IGNORE NULLS) OVER acct AS prev_c,
	    lead(a IGNORE NULLS) OVER acct AS next_a
	FROM ev
	WINDOW acct AS (PARTITION BY account ORDER BY t, typ)
), win AS (
	SELECT grouping(tech) AS total, tech,
	    count_if(typ = 0 AND prev_c >= t - ${REPEAT}) AS repeat,
	    count_if(restored AND visits <= 1
		AND NOT coalesce(next_a <= t + ${FTF}, false)) AS ftf,
	    count_if(new_inst AND next_a <= t + ${NEWFAULT}) AS new,
	    count_if(kept AND next_a <= t + ${KEPT}) AS kept_fault
	FROM w
	${per}
)`;
const mkSql = (ttype) => `
WITH orders AS MATERIALIZED (
	-- The log, read once: times in local minutes.
	SELECT coalesce(tech, '-') AS tech, account,
	    coalesce(kind = 'repair', false) AS is_repair,
	    -- A leased-line installation is an install (issue 23); other
	    -- kinds count as orders only.
	    coalesce(kind IN ('install', 'move', 'leased'), false) AS is_install,
	    -- Open: said so, or no completion time and not closed.
	    coalesce(outcome = 'open', false) OR ("completed" IS NULL
		AND coalesce(outcome NOT IN ('done', 'cancelled'), true))
		AS is_open,
	    coalesce(zone = 'rural', false) AS rural,
	    outcome, called, note, callback, rating, coalesce(visits, 1) AS visits,
	    ${min("accepted")} AS acc, ${min("appointment")} AS appt0,
	    ${min("notified")} AS notif, ${min("arrived")} AS arr,
	    ${min("left")} AS lft, ${min("completed")} AS comp,
	    coalesce(${min("rescheduled")}, ${min("appointment")}) AS appt,
	    ${opt("accept", "VARCHAR")} AS accept,
	    ${opt("speed_down", "DECIMAL(18,6)")} AS speed_down,
	    ${opt("plan_down", "DECIMAL(18,6)")} AS plan_down
	FROM read_csv(${sq(file)}, delim = '\t', header = true, quote = '',
	    escape = '', nullstr = '-', auto_detect = false, columns = ${colspec(ttype)})
), f AS (
	-- The good rows, with the flags that NULLs must not turn into NULL.
	SELECT *,
	    coalesce(outcome = 'done', false) AND acc IS NOT NULL
		AND comp IS NOT NULL AND is_repair AS restored,
	    coalesce(outcome = 'done', false) AND acc IS NOT NULL
		AND comp IS NOT NULL AND is_install AS inst_done,
	    coalesce(outcome = 'done', false) AND comp IS NOT NULL
		AND is_install AS new_inst,
	    coalesce(arr <= appt, false) AS ontime,
	    comp - acc AS d
	FROM orders WHERE NOT coalesce(comp < acc, false)
), ${plan === "asof" ? asofWindows : lagWindows}, q AS (
	-- The quantiles, both from one sort.
	SELECT grouping(tech) AS total, tech,
	    quantile_cont(d, [0.5, 0.9]) FILTER (restored) AS rep_q,
	    quantile_cont(d, [0.5, 0.9]) FILTER (inst_done) AS inst_q
	FROM (SELECT tech, d, restored, inst_done FROM f
	    WHERE restored OR inst_done)
	${per}
), c AS (
	SELECT grouping(tech) AS total, tech,
	    count(*) AS orders,
	    count_if(is_repair) AS repairs,
	    count_if(is_install) AS installs,
	    count_if(restored) AS restored,
	    count_if(restored AND d <= CASE WHEN rural THEN ${REPAIR_RURAL}
		ELSE ${REPAIR_TOWN} END) AS rep_timely,
	    sum(d) FILTER (restored) AS rep_sum,
	    count_if(inst_done) AS inst_done,
	    count_if(inst_done AND d <= CASE WHEN rural THEN
		${INSTALL_RURAL} ELSE ${INSTALL_TOWN} END) AS inst_timely,
	    sum(d) FILTER (inst_done) AS inst_sum,
	    count_if(arr IS NOT NULL AND appt IS NOT NULL) AS visits,
	    count_if(ontime) AS ontime,
	    count_if(arr <= appt - ${EARLY}) AS early,
	    count_if(is_install AND appt0 IS NOT NULL) AS kept_den,
	    count_if(is_install AND appt0 IS NOT NULL AND ontime) AS kept_ontime,
	    count_if(new_inst) AS new_den,
	    count_if(outcome = 'rescheduled') AS resch,
	    count_if(outcome = 'rescheduled' AND notif <= appt0 - ${NOTICE})
		AS resch_ok,
	    count_if(outcome = 'no-answer') AS noans,
	    count_if(outcome = 'no-answer' AND lft - arr >= ${WAIT}
		AND called = 'yes' AND note = 'yes') AS noans_ok,
	    count_if(outcome = 'done') AS closed,
	    count_if(outcome = 'done' AND callback = 'yes') AS callback,
	    count(rating) FILTER (NOT is_open) AS rated,
	    count_if(rating >= 4 AND NOT is_open) AS satisfied,
	    count_if(is_open) AS open,
	    -- Acceptance: pass / (pass + fail); speed against plan: the
	    -- measured download at least 0.8 times a plan above 0.
	    count_if(accept IN ('pass', 'fail')) AS acc_den,
	    count_if(accept = 'pass') AS acc_pass,
	    count_if(speed_down IS NOT NULL AND plan_down > 0) AS speed_den,
	    count_if(plan_down > 0 AND speed_down >= 0.8 * plan_down)
		AS speed_ok
	FROM f
	${per}
), g AS (
	-- kept: on time, less the new installs with a fault in the window.
	SELECT c.*, coalesce(repeat, 0) AS repeat, coalesce(ftf, 0) AS ftf,
	    coalesce(new, 0) AS new, kept_ontime - coalesce(kept_fault, 0) AS kept,
	    rep_q[1] AS rep_p50, rep_q[2] AS rep_p90,
	    inst_q[1] AS inst_p50, inst_q[2] AS inst_p90
	FROM c
	-- (The TOTAL rows have a NULL tech: no USING (total, tech).)
	${plan === "asof" ? asofJoins : `
	LEFT JOIN win ON win.total = c.total AND win.tech IS NOT DISTINCT FROM c.tech`}
	LEFT JOIN q ON q.total = c.total AND q.tech IS NOT DISTINCT FROM c.tech
), k AS (
	SELECT total, tech, orders, repairs, installs, open,
	    ${pct("rep_timely", "restored")} AS repair_timely_pct,
	    rep_sum::DOUBLE / restored::DOUBLE / 60.0::DOUBLE AS repair_mean_h,
	    rep_p50 / 60.0::DOUBLE AS repair_p50_h,
	    rep_p90 / 60.0::DOUBLE AS repair_p90_h,
	    ${pct("inst_timely", "inst_done")} AS install_timely_pct,
	    inst_sum::DOUBLE / inst_done::DOUBLE / 60.0::DOUBLE AS install_mean_h,
	    inst_p50 / 60.0::DOUBLE AS install_p50_h,
	    inst_p90 / 60.0::DOUBLE AS install_p90_h,
	    ${pct("ontime", "visits")} AS ontime_pct,
	    ${pct("early", "visits")} AS early_pct,
	    ${pct("kept", "kept_den")} AS kept_pct,
	    ${pct("new", "new_den")} AS newfault_pct,
	    ${pct("repeat", "repairs")} AS repeat_pct,
	    ${pct("ftf", "restored")} AS ftf_pct,
	    ${pct("resch_ok", "resch")} AS notice_pct,
	    ${pct("noans_ok", "noans")} AS noanswer_ok_pct,
	    ${pct("callback", "closed")} AS callback_pct,
	    ${pct("satisfied", "rated")} AS satisfied_pct,
	    ${pct("acc_pass", "acc_den")} AS accept_pct,
	    ${pct("speed_ok", "speed_den")} AS speed_plan_pct
	FROM g
)
SELECT 'qa' AS qa, CASE WHEN total = 1 THEN 'TOTAL' ELSE tech END AS tech,
    orders::VARCHAR AS orders, repairs::VARCHAR AS repairs,
    installs::VARCHAR AS installs,
    ${kpis.map((c) => `coalesce(printf('%.4f', ${c}), '-') AS ${c}`)
	.join(",\n    ")},
    open::VARCHAR AS open,
    ${xkpis.map((c) => `coalesce(printf('%.4f', ${c}), '-') AS ${c}`)
	.join(",\n    ")},
    CASE WHEN total = 1 THEN (SELECT count(*) FROM orders
	WHERE comp < acc)::VARCHAR
	ELSE '-' END AS bad,
    coalesce(nullif(concat_ws(',',
	${kpis.filter((c) => targets[c]).map((c) =>
	    `CASE WHEN ${c} ${targets[c].startsWith(">") ?
		"<" + targets[c].slice(2) : ">" + targets[c].slice(2)} ` +
	    `THEN '${c}' END`).join(",\n\t")}), ''), '-') AS missed,
    -- The span of the times, for the check of TZ's offset below.
    (SELECT min(least(acc, appt0, notif, arr, lft, comp, appt)) FROM orders)
	AS tmin,
    (SELECT max(greatest(acc, appt0, notif, arr, lft, comp, appt))
	FROM orders) AS tmax
FROM k
ORDER BY total, tech
`;

// Whether TZ has one offset from UTC over the wall-clock minutes
// [lo, hi] (hourly steps, a day beyond each end): then wall-clock
// differences are the real ones.
function fixedOffset(lo, hi) {
	let dtf;
	try {
		dtf = new Intl.DateTimeFormat("en-US", { timeZone: tz,
			hourCycle: "h23", year: "numeric", month: "numeric",
			day: "numeric", hour: "numeric", minute: "numeric" });
	} catch {
		return false;
	}
	const off = (ms) => {
		const p = Object.fromEntries(dtf.formatToParts(new Date(ms))
		    .map((x) => [x.type, Number(x.value)]));
		return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute) -
		    ms;
	};
	const from = (Number(lo) - 1440) * 60000, to = (Number(hi) + 1440) * 60000;
	const o0 = off(from);
	for (let ms = from; ms <= to; ms += 3600000)
		if (off(ms) !== o0)
			return false;
	return off(to) === o0;
}

const db = await duckdb.DuckDBInstance.create(":memory:", {
	threads: String(threads),
	preserve_insertion_order: "false",
});
const con = await db.connect();
await con.run(`SET TimeZone = ${sq(tz)}`);
// The planner guesses a few dozen rows for read_csv behind a CTE and
// would run the ASOF joins as nested loops (minutes instead of seconds).
// Loading into a table first gives it the real counts, but costs more
// than the whole query (compressing the table): keep the CTE, say no.
await con.run("SET asof_loop_join_threshold = 0");
// QAREPORT_DUCKDB_TIME=tz: always TIMESTAMPTZ (as before the tuning).
const wall = (process.env.QAREPORT_DUCKDB_TIME || "auto") !== "tz";
if (process.env.QAREPORT_DUCKDB_SQL) {
	process.stdout.write(mkSql(wall ? "TIMESTAMP" : "TIMESTAMPTZ") + ";\n");
	process.exit(0);
}
let res = await con.runAndReadAll(mkSql(wall ? "TIMESTAMP" : "TIMESTAMPTZ"));
let rows = res.getRows();
const span = rows.length ? rows[0].slice(-2) : [null, null];
// Wall-clock minutes were read across a change of TZ's offset: again,
// through the time zone.
if (wall && span[0] !== null && !fixedOffset(span[0], span[1])) {
	res = await con.runAndReadAll(mkSql("TIMESTAMPTZ"));
	rows = res.getRows();
}
const names = res.columnNames().slice(0, -2);
let out = "# qa\t" + names.slice(1).join("\t") + "\n";
for (const row of rows)
	out += row.slice(0, -2).join("\t") + "\n";
process.stdout.write(out);
