#!/bin/bash
# The catalogue is data: found by --catalogue, $BBTOOLS_CATALOGUE or the
# installed path; listed by --list; an admin's edits (thresholds, a new
# fault with a new observation key) take effect without a rebuild.
. "$BBT_TOP/tests/lib.sh"
cat=$BBT_TOP/src/bbdiag/faults.catalog
unset BBTOOLS_CATALOGUE

run bbdiag --catalogue "$cat" --list=faults
assert_rc 0 "--list=faults"
assert_eq 42 "$(printf '%s\n' "$out" | wc -l)"
assert_eq "ftth_los	line	access_line	Loss of optical signal (LOS)" "$(printf '%s\n' "$out" | grep '^ftth_los')"
LANGUAGE=zh_CN run bbdiag --catalogue "$cat" --list=faults
assert_eq "auth_arrears	auth	cust_account	账号欠费或停机" "$(printf '%s\n' "$out" | grep '^auth_arrears')"
run bbdiag --catalogue "$cat" --list=values
assert_match '^light\.los=red	Steady red$' "$out"
assert_match '^rx_power=	-60\.\.10 dBm$' "$out"
run bbdiag --catalogue "$cat" --list=params
assert_match '^gpon_warn	-24	dBm$' "$out"
run bbdiag --catalogue "$cat" --list=keys
assert_match '^access	enum	What is the access type of this line\?$' "$out"

# The environment names the catalogue; --catalogue wins over it.
BBTOOLS_CATALOGUE=$cat run bbdiag --top 1 rx_power=-25.5
assert_eq "ftth_low_rx_power" "$(printf '%s\n' "$out" | cut -f 4)"
BBTOOLS_CATALOGUE=$T/nothing run bbdiag --catalogue "$cat" --top 1 rx_power=-25.5
assert_rc 1 "--catalogue over the environment"

# Without either: the installed catalogue, named in the error if absent.
run bbdiag --top 1 rx_power=-25.5
if [ "$rc" -eq 78 ]; then
	assert_match '/share/bbtools/faults\.catalog: No such file or directory' "$err"
fi

# An admin moves a threshold: -25.5 dBm is fine when the warning band
# starts at -26.
sed 's/^param gpon_warn\t\t-24\tdBm$/param gpon_warn -26 dBm/' "$cat" >"$T/local.catalog"
grep -q '^param gpon_warn -26 dBm$' "$T/local.catalog" || fail "sed did not apply"
run bbdiag --catalogue "$T/local.catalog" --top 1 rx_power=-25.5 light.los=off
assert_rc 0 "no fault with the moved threshold"
assert_eq "none" "$(printf '%s\n' "$out" | cut -f 4)"

# ... and adds a fault of their own, with its own observation key.
cat "$cat" - >"$T/local.catalog" <<'CAT'
obs splitter_tag enum present missing
	ask en Is the drop labelled at the splitter?
	ask zh 分光器处皮线有标签吗?
	value present en Labelled
	value present zh 有标签
	value missing en No label
	value missing zh 无标签
fault drop_unlabelled
	access ftth
	layer line
	side op_equip
	name en Drop cable not labelled
	name zh 皮线无标签
	cause en The installer did not label the drop.
	cause zh 装机时未挂标签。
	step label_drop en Label the drop at both ends.
	step label_drop zh 在皮线两端挂标签。
	for 4 splitter_tag == missing
CAT
run bbdiag --catalogue "$T/local.catalog" --top 1 splitter_tag=missing
assert_rc 1 "local fault"
assert_eq "fault	-	1	drop_unlabelled	op_equip	0.67	line	splitter_tag=missing	label_drop" "$out"

# The catalogue is the single source of the vocabulary: the man page's
# observation list is written from it (issue 20 item 6).
need_cmd python3
python3 "$BBT_TOP/src/bbdiag/gen-man-vocab.py" --check || fail "man/bbdiag.1 vocabulary differs from the catalogue"
