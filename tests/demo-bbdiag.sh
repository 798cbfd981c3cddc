#!/bin/bash
# SPDX-License-Identifier: MIT
# `make demo`, bbdiag part: a diagnosis from a probe's records, one from
# the phone (observations only), the Chinese explanation, guided mode fed
# by a script, and a day's batch counted by fault and side.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
export PATH=$top/bin:$PATH LC_ALL=${LC_ALL:-C.UTF-8}
export BBTOOLS_CATALOGUE=${BBTOOLS_CATALOGUE:-$top/src/bbdiag/faults.catalog}
export BBTOOLS_LOCALEDIR=${BBTOOLS_LOCALEDIR:-$top/build/locale}
demo=$top/build/demo
d=$top/tests/data/bbdiag
mkdir -p "$demo"
say() { printf '\n\033[2m$ %s\033[0m\n' "$*"; }

say cat auth-login-incorrect.rec '|' bbdiag --format=text
bbdiag --format=text <"$d/contract/auth-login-incorrect.rec"

say bbdiag code=691 aaa=状态错
bbdiag code=691 aaa=状态错

say LANGUAGE=zh_CN bbdiag --format=text --top 1 access=ftth light.los=off rx_power=-25.8
LANGUAGE=zh_CN bbdiag --format=text --top 1 access=ftth light.los=off rx_power=-25.8

say LANGUAGE=zh_CN bbdiag --reply aaa="\"E=691 欠费停机\""
LANGUAGE=zh_CN bbdiag --reply aaa="E=691 欠费停机"

say "printf 'ftth\\n1\\nnormal\\nred\\n' | bbdiag --ask --top 1"
printf 'ftth\n1\nnormal\nred\n' | bbdiag --ask --top 1

say bbdiag --batch corpus.rec '|' cut -f 4,5 '|' sort '|' uniq -c '|' sort -rn '|' head
bbdiag --batch "$d/corpus.rec" >"$demo/bbdiag-day.tsv"
cut -f 4,5 "$demo/bbdiag-day.tsv" | sort | uniq -c | sort -rn | head -n 8
printf '(%s cases; all verdicts in build/demo/bbdiag-day.tsv)\n' "$(wc -l <"$demo/bbdiag-day.tsv")"
exit 0
