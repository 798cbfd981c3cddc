#!/bin/bash
# SPDX-License-Identifier: MIT
# `make demo`, visitnote part: a note on a 58 mm receipt (32 columns),
# its log record, a rule violation, a PDF sheet in build/demo/, and the
# acceptance sheet of an install (验收单) with its log records.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
export PATH=$top/bin:$PATH TZ=${TZ:-Asia/Shanghai} LC_ALL=${LC_ALL:-C.UTF-8}
demo=$top/build/demo
mkdir -p "$demo"
rm -f "$demo/visitnote-log.tsv"
say() { printf '\n\033[2m$ %s\033[0m\n' "$*"; }

note=(--branch 重庆 --customer 张三 --action maintain --service broadband
    --contact 李工 --phone 13812345678 --company 重庆联通
    --arrived '2025-03-05 14:05' --left '2025-03-05 14:18')
say visitnote "${note[*]}" --width 32 --log build/demo/visitnote-log.tsv
visitnote "${note[@]}" --width 32 --id W20250305-17 --tech li \
    --log "$demo/visitnote-log.tsv" || exit 1
say cat build/demo/visitnote-log.tsv
cat "$demo/visitnote-log.tsv"

say visitnote --customer 王五 ... --arrived 14:05 --left 14:12
visitnote --customer 王五 --contact 李工 --phone 13812345678 2>&1 \
    --arrived '2025-03-05 14:05' --left '2025-03-05 14:12'
echo "(exit $?: R5 asks for a 10-minute wait)"

# A sheet: the demo note, three orders, and blank pads for handwriting.
printf 'id\tcustomer\tphone\tarrived\tleft\tservice\taction\n' >"$demo/visitnote-orders.tsv"
printf 'W%d\t%s\t13812345678\t2025-03-05 %s\t2025-03-05 %s\tbroadband\tinstall\n' \
    1 赵六 09:05 09:20 2 钱七 10:00 10:15 3 孙八 11:30 11:45 >>"$demo/visitnote-orders.tsv"
visitnote --format pdf -o "$demo/visitnote.pdf" --branch 重庆 --company 重庆联通 \
    --contact 李工 "$demo/visitnote-orders.tsv" || exit 1
visitnote --format pdf -o "$demo/visitnote-pad.pdf" --blank 4 --branch 重庆 \
    --company 重庆联通 --contact 李工 --phone 023-63881234 || exit 1
say visitnote --format pdf -o build/demo/visitnote.pdf ... visitnote-orders.tsv
if command -v pdfinfo >/dev/null; then
	for f in visitnote.pdf visitnote-pad.pdf; do
		printf '%s: %s pages, %s bytes\n' "build/demo/$f" \
		    "$(pdfinfo "$demo/$f" | awk '/^Pages:/ { print $2 }')" \
		    "$(stat -c %s "$demo/$f")"
	done
else
	ls -l "$demo"/visitnote*.pdf
fi

# The acceptance sheet of an install from linecheck's and pppoe-probe's
# records (a passing one and one with a slow download), logged.
data=$top/tests/data/visitnote
rm -f "$demo/accept-log.tsv"
say visitnote --acceptance --customer 张三 --action install --tech 李工 --width 32 \
    --log build/demo/accept-log.tsv tests/data/visitnote/accept-slow.tsv
visitnote --acceptance --customer 张三 --action install --tech 李工 --width 32 \
    --log "$demo/accept-log.tsv" "$data/accept-slow.tsv"
echo "(exit $?: 201.7 Mbit/s is under 0.8 of the 300 plan)"
visitnote --acceptance --customer 张三 --action install --tech 李工 --format pdf \
    -o "$demo/accept.pdf" --log "$demo/accept-log.tsv" "$data/accept-pass.tsv" || exit 1
say cut -f2,3,26- build/demo/accept-log.tsv
cut -f2,3,26- "$demo/accept-log.tsv"
if command -v pdfinfo >/dev/null; then
	printf 'build/demo/accept.pdf: %s page, %s bytes\n' \
	    "$(pdfinfo "$demo/accept.pdf" | awk '/^Pages:/ { print $2 }')" \
	    "$(stat -c %s "$demo/accept.pdf")"
fi
