#!/bin/bash
# Output formats: fault records (tsv), the explanation (text, English and
# Chinese, golden files) and JSON Lines; the exit status predicate.
. "$BBT_TOP/tests/lib.sh"
export BBTOOLS_CATALOGUE=$BBT_TOP/src/bbdiag/faults.catalog
d=$BBT_DATA/bbdiag

run bbdiag --format=text "$d/contract/gw-down.rec"
assert_rc 1 "text"
assert_golden "$d/gw-down.text.golden"

LANGUAGE=zh_CN run bbdiag --format=text "$d/contract/auth-arrears.rec"
assert_rc 1 "text zh"
assert_golden "$d/auth-arrears.text-zh.golden"
assert_match '^1\. auth_arrears: 账号欠费或停机$' "$out"
assert_match '请用户缴费或续订套餐。 \[customer_pays\]' "$out"

# Observation operands, Chinese explanation and steps complete.
LANGUAGE=zh_CN run bbdiag --format=text --top 1 access=ftth light.los=red
assert_match '^1\. ftth_los: 光信号丢失（LOS）$' "$out"
assert_match '用红光笔沿皮线查找断点。' "$out"

# JSON Lines: one object per candidate, lists as arrays.
run bbdiag --format=json "$d/contract/gw-down.rec"
assert_rc 1 "json"
need_cmd python3
printf '%s\n' "$out" >"$T/j"
python3 - "$T/j" <<'PY' || fail "json"
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
assert [r["id"] for r in rows] == ["gateway_unreachable", "dns_failure"], rows
r = rows[0]
assert r["type"] == "fault" and r["case"] == "lab-15" and r["rank"] == 1
assert r["side"] == "cust_equip" and r["layer"] == "ip" and r["confidence"] == 0.75
assert r["evidence"] == ["ip.address=ok", "gw.ping=critical"], r
assert r["steps"] == ["reboot_cpe", "fix_settings"]
assert "http.get" in r["missing"]
assert r["name_zh"] == "网关不通"
PY

# Healthy: exit 0, fault id none.
run bbdiag "$d/contract/../corpus.rec" --batch --top 1
printf '%s\n' "$out" | grep -q "^fault	healthy-linecheck	1	none	-	" || fail "healthy"
awk '/^case\thealthy-pppoe/{p=1;print;next} /^case/{p=0} p' "$d/corpus.rec" >"$T/healthy.rec"
run bbdiag "$T/healthy.rec"
assert_rc 0 "healthy exits 0"
assert_eq "fault	healthy-pppoe	1	none	-	0.90	-	-	-" "$out"

# No evidence at all: unknown, exit 1.
run bbdiag </dev/null
assert_rc 1 "no evidence"
assert_eq "fault	-	1	unknown	-	0.00	-	-	-" "$out"

# --top limits the candidates; the text format is never the default in a pipe.
run bbdiag --top 1 "$d/contract/gw-down.rec"
assert_eq 1 "$(printf '%s\n' "$out" | wc -l)" "--top 1"

# Colour only when asked (or on a terminal).
run bbdiag --format=text --color=always --top 1 light.power=off
assert_match $'\033\\[1;31mcpe_no_power' "$out"
run bbdiag --format=text --top 1 light.power=off
assert_nomatch $'\033' "$out"
