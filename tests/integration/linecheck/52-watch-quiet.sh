#!/bin/bash
# --watch on a line where nothing happens: the start and summary records only, zero counts, exit 0; usage errors exit 3.
. "$BBT_TOP/tests/lib.sh"
. "$BBT_TOP/tests/lab/linecheck/lab.sh"
run linecheck --watch 500ms
assert_rc 3 "--watch below 1 s"
assert_match "invalid value|--watch" "$err" "--watch message"
run linecheck --watch 1m --speed=http://192.0.2.1/
assert_rc 3 "--watch with --speed"
assert_match -- "--watch and --speed cannot be combined" "$err"
lab_need
lab_up
run "${LC[@]}" --watch 3s --interval 200ms
assert_rc 0 "nothing happened"
assert_eq "" "$err" "stderr"
assert_eq "watch.start eth0 info -
watch.summary eth0 ok 0 events_per_hour=0.0 flaps=0 addr_changes=0 route_changes=0 gw_bursts=0 error_bursts=0 dns_bursts=0 outage_min=0.00 longest_outage_s=0.000 interrupted=no link=up hours=0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0" \
    "$(printf '%s\n' "$out" | awk -F'\t' '$1 == "check" { d = $7; sub(/^time=[^ ]* offset=[^ ]*/, "", d)
	if ($2 == "watch.start") d = ""; print $2, $3, $4, $5 d }')" "the records"
# JSON Lines with --format json, one object per record.
run "${LC[@]}" --watch 1s --format json
assert_rc 0 "json"
assert_eq 2 "$(printf '%s\n' "$out" | grep -c '^{.*"watch\.')" "two JSON records"
# --case: the watch is a case of its own (bbdiag keeps it apart from the
# records before it in a day's log).
run "${LC[@]}" --watch 1s --case W-7
assert_rc 0 "--case"
assert_match $'^case\tW-7\tlinecheck\t20[0-9-]{8}T' "$(printf '%s\n' "$out" | head -n 1)" "case record first"
