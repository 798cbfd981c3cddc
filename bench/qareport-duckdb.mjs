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
//  - Times are read as TIMESTAMP ("YYYY-MM-DD HH:MM", '-' is NULL), then
//    cast to TIMESTAMPTZ under SET TimeZone = $TZ, which is how qareport
//    reads them: local wall-clock times of TZ (mktime). Every KPI is a
//    difference of instants in whole minutes (epoch / 60).
//  - The windows are ASOF joins on the account: for a repair, the latest
//    restored completion strictly before its acceptance (repeat_pct); for
//    a restored repair or a new install, the first acceptance of a repair
//    of the account strictly after its completion (ftf_pct, newfault_pct,
//    kept_pct). A NULL account matches nothing: "an order without an
//    account pairs with no other order".
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
const sq = (s) => "'" + String(s).replaceAll("'", "''") + "'";

// Limits and windows in minutes (the qareport defaults).
const REPAIR_TOWN = 48 * 60, REPAIR_RURAL = 72 * 60;
const INSTALL_TOWN = 72 * 60, INSTALL_RURAL = 120 * 60;
const EARLY = 10, NOTICE = 120, WAIT = 10;
const REPEAT = 30 * 1440, NEWFAULT = 15 * 1440, KEPT = 15 * 1440;
const FTF = 7 * 1440;

const cols = ["id", "kind", "account", "area", "zone", "tech", "team",
	"accepted", "appointment", "notified", "rescheduled", "arrived", "left",
	"completed", "outcome", "called", "note", "visits", "callback",
	"rating"];
const times = new Set(["accepted", "appointment", "notified",
	"rescheduled", "arrived", "left", "completed"]);
const colspec = "{" + cols.map((c) => `${sq(c)}: ` +
    (times.has(c) ? "'TIMESTAMPTZ'" : c === "visits" || c === "rating" ?
    "'INTEGER'" : "'VARCHAR'")).join(", ") + "}";
// Local wall-clock time -> minutes since the epoch (TIMESTAMPTZ under
// SET TimeZone). Every time in the log is on a whole minute.
const min = (c) => `epoch_us("${c}") // 60000000`;

const kpis = ["repair_timely_pct", "repair_mean_h", "repair_p50_h",
	"repair_p90_h", "install_timely_pct", "install_mean_h",
	"install_p50_h", "install_p90_h", "ontime_pct", "early_pct",
	"kept_pct", "newfault_pct", "repeat_pct", "ftf_pct", "notice_pct",
	"noanswer_ok_pct", "callback_pct", "satisfied_pct"];
const targets = { repair_timely_pct: ">= 95", install_timely_pct: ">= 95",
	ontime_pct: ">= 95", satisfied_pct: ">= 95", repeat_pct: "<= 5",
	newfault_pct: "<= 3" };

const pct = (n, d) => `CASE WHEN ${d} > 0 THEN ` +
    `100.0::DOUBLE * (${n})::DOUBLE / (${d})::DOUBLE END`;
// The log, loaded once into a table (as an analyst would, and so that
// the planner knows its size: on a CTE over read_csv it guesses a few
// dozen rows and turns the ASOF joins into nested loops).
const load = `
CREATE TEMP TABLE orders AS
SELECT coalesce(tech, '-') AS tech, account,
    coalesce(kind = 'repair', false) AS is_repair,
    coalesce(zone = 'rural', false) AS rural,
    outcome, called, note, callback, rating, coalesce(visits, 1) AS visits,
    ${min("accepted")} AS acc, ${min("appointment")} AS appt0,
    ${min("notified")} AS notif, ${min("arrived")} AS arr,
    ${min("left")} AS lft, ${min("completed")} AS comp,
    coalesce(${min("rescheduled")}, ${min("appointment")}) AS appt
FROM read_csv(${sq(file)}, delim = '\t', header = true, quote = '',
    escape = '', nullstr = '-', auto_detect = false, columns = ${colspec})
`;
const sql = `
WITH f AS (
	-- The good rows, with the flags that NULLs must not turn into NULL.
	SELECT *,
	    coalesce(outcome = 'done', false) AND acc IS NOT NULL
		AND comp IS NOT NULL AS done2,
	    coalesce(outcome = 'done', false) AND comp IS NOT NULL AS done1,
	    coalesce(arr <= appt, false) AS ontime
	FROM orders WHERE NOT coalesce(comp < acc, false)
), rep_acc AS (
	-- Every repair of an account by its accepted time.
	SELECT account, acc AS a FROM f WHERE is_repair AND acc IS NOT NULL
	    AND account IS NOT NULL
), rep_done AS (
	-- Restored repairs by their completed time.
	SELECT account, comp AS c FROM f WHERE is_repair AND done2
	    AND account IS NOT NULL
), w1 AS (
	-- The latest restoration before a repair's acceptance.
	SELECT f.*, p.c AS prev_c
	FROM f ASOF LEFT JOIN rep_done p
	    ON f.account = p.account AND f.acc > p.c
), w AS (
	-- The first repair accepted after the completion.
	SELECT w1.*, n.a AS next_a
	FROM w1 ASOF LEFT JOIN rep_acc n
	    ON w1.account = n.account AND w1.comp < n.a
), r AS (
	SELECT *,
	    is_repair AND done2 AS restored,
	    NOT is_repair AND done2 AS inst_done,
	    NOT is_repair AND done1 AS new_inst,
	    comp - acc AS d
	FROM w
), g AS (
	SELECT grouping(tech) AS total, tech,
	    count(*) AS orders,
	    count(*) FILTER (is_repair) AS repairs,
	    count(*) FILTER (NOT is_repair) AS installs,
	    count(*) FILTER (restored) AS restored,
	    count(*) FILTER (restored AND d <= CASE WHEN rural THEN ${REPAIR_RURAL}
		ELSE ${REPAIR_TOWN} END) AS rep_timely,
	    sum(d) FILTER (restored) AS rep_sum,
	    quantile_cont(d, 0.5) FILTER (restored) AS rep_p50,
	    quantile_cont(d, 0.9) FILTER (restored) AS rep_p90,
	    count(*) FILTER (inst_done) AS inst_done,
	    count(*) FILTER (inst_done AND d <= CASE WHEN rural THEN
		${INSTALL_RURAL} ELSE ${INSTALL_TOWN} END) AS inst_timely,
	    sum(d) FILTER (inst_done) AS inst_sum,
	    quantile_cont(d, 0.5) FILTER (inst_done) AS inst_p50,
	    quantile_cont(d, 0.9) FILTER (inst_done) AS inst_p90,
	    count(*) FILTER (arr IS NOT NULL AND appt IS NOT NULL) AS visits,
	    count(*) FILTER (ontime) AS ontime,
	    count(*) FILTER (arr <= appt - ${EARLY}) AS early,
	    count(*) FILTER (NOT is_repair AND appt0 IS NOT NULL) AS kept_den,
	    count(*) FILTER (NOT is_repair AND appt0 IS NOT NULL AND ontime
		AND NOT (new_inst AND coalesce(next_a <= comp + ${KEPT}, false)))
		AS kept,
	    count(*) FILTER (new_inst) AS new_den,
	    count(*) FILTER (new_inst AND next_a <= comp + ${NEWFAULT}) AS new,
	    count(*) FILTER (is_repair AND prev_c >= acc - ${REPEAT}) AS repeat,
	    count(*) FILTER (restored AND visits <= 1
		AND NOT coalesce(next_a <= comp + ${FTF}, false)) AS ftf,
	    count(*) FILTER (outcome = 'rescheduled') AS resch,
	    count(*) FILTER (outcome = 'rescheduled'
		AND notif <= appt0 - ${NOTICE}) AS resch_ok,
	    count(*) FILTER (outcome = 'no-answer') AS noans,
	    count(*) FILTER (outcome = 'no-answer' AND lft - arr >= ${WAIT}
		AND called = 'yes' AND note = 'yes') AS noans_ok,
	    count(*) FILTER (outcome = 'done') AS closed,
	    count(*) FILTER (outcome = 'done' AND callback = 'yes') AS callback,
	    count(rating) AS rated,
	    count(*) FILTER (rating >= 4) AS satisfied
	FROM r
	GROUP BY GROUPING SETS ((tech), ())
), k AS (
	SELECT total, tech, orders, repairs, installs,
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
	    ${pct("satisfied", "rated")} AS satisfied_pct
	FROM g
)
SELECT 'qa' AS qa, CASE WHEN total = 1 THEN 'TOTAL' ELSE tech END AS tech,
    orders::VARCHAR AS orders, repairs::VARCHAR AS repairs,
    installs::VARCHAR AS installs,
    ${kpis.map((c) => `coalesce(printf('%.4f', ${c}), '-') AS ${c}`)
	.join(",\n    ")},
    CASE WHEN total = 1 THEN (SELECT count(*) FROM orders
	WHERE comp < acc)::VARCHAR
	ELSE '-' END AS bad,
    coalesce(nullif(concat_ws(',',
	${kpis.filter((c) => targets[c]).map((c) =>
	    `CASE WHEN ${c} ${targets[c].startsWith(">") ?
		"<" + targets[c].slice(2) : ">" + targets[c].slice(2)} ` +
	    `THEN '${c}' END`).join(",\n\t")}), ''), '-') AS missed
FROM k
ORDER BY total, tech
`;

const db = await duckdb.DuckDBInstance.create(":memory:", {
	threads: String(threads),
	preserve_insertion_order: "false",
});
const con = await db.connect();
await con.run(`SET TimeZone = ${sq(tz)}`);
if (process.env.QAREPORT_DUCKDB_SQL) {
	process.stdout.write(load + ";\n" + sql + ";\n");
	process.exit(0);
}
await con.run(load);
const res = await con.runAndReadAll(sql);
const names = res.columnNames();
let out = "# qa\t" + names.slice(1).join("\t") + "\n";
for (const row of res.getRows())
	out += row.join("\t") + "\n";
process.stdout.write(out);
