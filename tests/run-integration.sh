#!/bin/bash
# Runs the integration tests: tests/integration/<command>/NN-topic.sh.
# Exit 0 = pass, 77 = skip (the test says why on stderr), else fail.
# TESTS="dir-or-file ..." narrows the run. Output of failing tests is shown.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
export BBT_TOP=$top BBT_BIN=$top/bin BBT_DATA=$top/tests/data
export BBTOOLS_LOCALEDIR=$top/build/locale
export BBTOOLS_CATALOGUE=$top/src/bbdiag/faults.catalog
export PATH=$top/bin:$PATH
export LC_ALL=C.UTF-8 LANGUAGE= TZ=${TZ:-Asia/Shanghai}
unset NO_COLOR
if [ $# -eq 0 ]; then set -- "$top"/tests/integration/*/; fi
list=()
for a in "$@"; do
	if [ -d "$a" ]; then
		for f in "${a%/}"/*.sh; do [ -f "$f" ] && list+=("$f"); done
	else
		list+=("$a")
	fi
done
pass=0 fail=0 skip=0 failed=()
log=$(mktemp)
trap 'rm -f "$log"' EXIT
for t in "${list[@]}"; do
	name=${t#"$top"/tests/integration/}
	start=$(date +%s.%N)
	bash "$t" >"$log" 2>&1 </dev/null
	rc=$?
	secs=$(echo "$(date +%s.%N) - $start" | bc 2>/dev/null || echo '?')
	case $rc in
	0) pass=$((pass + 1)); printf 'PASS  %s (%.1fs)\n' "$name" "$secs" ;;
	77) skip=$((skip + 1)); printf 'SKIP  %s: %s\n' "$name" "$(tail -n 1 "$log")" ;;
	*) fail=$((fail + 1)); failed+=("$name")
	   printf 'FAIL  %s (exit %d)\n' "$name" "$rc"; sed 's/^/    | /' "$log" | tail -n 40 ;;
	esac
done
for f in "${failed[@]+"${failed[@]}"}"; do echo "failed: $f"; done
echo "integration: $pass passed, $fail failed, $skip skipped"
[ "$fail" -eq 0 ]
