#!/bin/bash
# `make demo`: each command's demo on built-in data, and the namespace
# labs when run as root. A command's part is tests/demo-<command>.sh.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
export BBTOOLS_LOCALEDIR=$top/build/locale PATH=$top/bin:$PATH
export BBTOOLS_CATALOGUE=$top/src/bbdiag/faults.catalog
mkdir -p "$top/build/demo"
status=0
for cmd in linecheck pppoe-probe bbdiag visitnote qareport; do
	part=$top/tests/demo-$cmd.sh
	[ -x "$top/bin/$cmd" ] && [ -f "$part" ] || continue
	printf '\n\033[1m== %s\033[0m\n' "$cmd"
	bash "$part" || { echo "demo: $cmd part failed" >&2; status=1; }
done
echo
echo "demo files are in build/demo/"
exit $status
